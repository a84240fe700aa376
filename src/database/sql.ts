import type { EntityManager } from 'typeorm';

/**
 * Rows from a statement. TypeORM's `query` returns `[rows, affectedCount]` for UPDATE and
 * DELETE on PostgreSQL but plain rows for SELECT and INSERT; this evens that out.
 */
export async function rows<T>(manager: Pick<EntityManager, 'query'>, sql: string, params: unknown[] = []): Promise<T[]> {
  const result: unknown = await manager.query(sql, params);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}
