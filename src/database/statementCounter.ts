import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Counts the SQL statements run on behalf of one unit of work (a GraphQL request, a test step).
 * The count travels with the async context, so concurrent requests never mix their figures.
 * Every statement goes through TypeORM, whose logger calls `recordStatement`.
 */
export type StatementTally = {
  statements: number;
  sql: string[];
  keepSql: boolean;
  /** Codes of the errors the request returned, for its log line. */
  errorCodes: string[];
  requestId?: string;
};

const storage = new AsyncLocalStorage<StatementTally>();

export function runCountingStatements<T>(work: () => Promise<T>, keepSql = false): Promise<{ result: T; tally: StatementTally }> {
  const tally: StatementTally = { statements: 0, sql: [], keepSql, errorCodes: [] };
  return storage.run(tally, async () => ({ result: await work(), tally }));
}

/** Runs `next` (and everything it starts) counting into `tally`; used by the HTTP middleware. */
export function runWithStatementTally(tally: StatementTally, next: () => void): void {
  storage.run(tally, next);
}

export function newStatementTally(keepSql = false, requestId?: string): StatementTally {
  return { statements: 0, sql: [], keepSql, errorCodes: [], requestId };
}

export function currentStatementTally(): StatementTally | undefined {
  return storage.getStore();
}

export function recordStatement(sql: string): void {
  const tally = storage.getStore();
  if (!tally) return;
  tally.statements += 1;
  if (tally.keepSql) tally.sql.push(sql);
}
