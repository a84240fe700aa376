import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Counts the SQL statements run on behalf of one unit of work (a GraphQL request, a test step).
 * Two ways, so concurrent requests never mix their figures:
 * - an HTTP request counts through its own view of the DataSource (`countingInto`), which its
 *   context, loaders and resolvers use: no async context is needed;
 * - in-process work (tests, CLIs) runs inside `runCountingStatements`, and the count travels with
 *   the async context (AsyncLocalStorage), fed by TypeORM's logger through `recordStatement`.
 * The HTTP path does not use AsyncLocalStorage: once a store is entered, Node 20 runs a promise
 * hook for every promise of the process, which cost about 8-15% of a list request's CPU.
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

function count(tally: StatementTally, sql: string): void {
  tally.statements += 1;
  if (tally.keepSql) tally.sql.push(sql);
}

/**
 * A view of `db` for one request that counts every statement run through it into `tally`: plain
 * `query` calls and the statements of `transaction` work (its BEGIN and COMMIT are not counted).
 * Everything else is `db`'s own (the view inherits from it).
 */
export function countingInto(db: DataSource, tally: StatementTally): DataSource {
  const view = Object.create(db) as DataSource;
  view.query = ((sql: string, parameters?: unknown[], runner?: never) => {
    count(tally, sql);
    return db.query(sql, parameters, runner);
  }) as DataSource['query'];
  view.transaction = ((...args: unknown[]) => {
    const work = args[args.length - 1] as (manager: EntityManager) => Promise<unknown>;
    const counted = (manager: EntityManager) => {
      const managerView = Object.create(manager) as EntityManager;
      managerView.query = ((sql: string, parameters?: unknown[]) => {
        count(tally, sql);
        return manager.query(sql, parameters);
      }) as EntityManager['query'];
      return work(managerView);
    };
    return (db.transaction as (...a: unknown[]) => Promise<unknown>).call(db, ...args.slice(0, -1), counted);
  }) as DataSource['transaction'];
  return view;
}
