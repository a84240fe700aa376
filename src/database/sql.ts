import type { EntityManager } from 'typeorm';
import type { Sql } from 'sql-template-tag';
import { prepareStatement } from './dataSource';

/**
 * Running SQL values (sql-template-tag's `Sql`: `.text` with `$1..` placeholders and `.values`)
 * on a DataSource or an EntityManager. Statements are composed as values in each domain's data
 * module (`*.queries.ts`); nothing outside those modules writes SQL.
 */

/** A DataSource, an EntityManager, or anything else with TypeORM's `query`. */
export type Queryable = Pick<EntityManager, 'query'>;

/**
 * TypeORM's `query` returns `[rows, affectedCount]` for UPDATE and DELETE on PostgreSQL but plain
 * rows for SELECT and INSERT; this evens that out.
 */
function evenOut(result: unknown): unknown[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as unknown[];
  return result as unknown[];
}

/**
 * Statements on the operational tables are prepared once per connection (dataSource.ts says why);
 * those on the rollups (schema `reporting`) are not, since a refresh replaces those tables.
 */
function markPreparable(statement: Sql): void {
  if (!statement.text.includes('reporting.')) prepareStatement(statement.text);
}

/**
 * Runs a statement and returns its rows as `T`, checked by `parse` (a row schema's parser,
 * src/database/rows.ts): the first row is parsed, the others share its columns and types (see
 * rows.ts for why not every row). A row of the wrong shape throws, naming the column.
 */
export async function query<T>(db: Queryable, statement: Sql, parse: (row: unknown) => T): Promise<T[]> {
  markPreparable(statement);
  const result = evenOut(await db.query(statement.text, statement.values));
  return checkedRows(result, parse);
}

/** `rows` as `T` once the first has passed `parse` (rows.ts says why the first only). */
export function checkedRows<T>(rows: unknown[], parse: (row: unknown) => T): T[] {
  if (rows.length > 0) parse(rows[0]);
  return rows as T[];
}

/** Runs a statement and returns its rows unchecked: for callers that parse them themselves (list pages). */
export async function queryUnchecked(db: Queryable, statement: Sql): Promise<Record<string, unknown>[]> {
  markPreparable(statement);
  return evenOut(await db.query(statement.text, statement.values)) as Record<string, unknown>[];
}

/** Runs a statement for its effect. */
export async function execute(db: Queryable, statement: Sql): Promise<void> {
  await db.query(statement.text, statement.values);
}
