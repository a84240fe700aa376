import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { type Pool, types } from 'pg';
import { DataSource, QueryFailedError, QueryRunner, Logger as TypeOrmLogger } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { migrations } from '../../migrations';
import type { Logger } from '../logger';
import { recordStatement } from './statementCounter';

// Calendar dates stay 'YYYY-MM-DD' strings: pg's default turns them into Date objects at local
// midnight, which shifts them by a day in any time zone west of UTC.
const DATE_OID = 1082;
types.setTypeParser(DATE_OID, (value) => value);

/**
 * Bridges TypeORM's logger to ours: every statement is counted for the request it belongs to
 * (see statementCounter), and only failures are logged, without their parameters, because
 * parameters can carry personal values.
 */
class CountingLogger implements TypeOrmLogger {
  constructor(private readonly logger?: Logger) {}
  logQuery(query: string): void {
    recordStatement(query);
  }
  logQueryError(error: string | Error, query: string): void {
    this.logger?.debug({ err: typeof error === 'string' ? error : error.message, sql: query.slice(0, 200) }, 'statement failed');
  }
  logQuerySlow(time: number, query: string): void {
    this.logger?.warn({ durationMs: time, sql: query.slice(0, 200) }, 'slow statement');
  }
  logSchemaBuild(): void {}
  logMigration(message: string): void {
    this.logger?.info({ migration: message }, 'migration');
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger?.warn({ typeorm: String(message) }, 'typeorm warning');
  }
}

/** Statements slower than this are logged (without parameters). */
const SLOW_STATEMENT_MS = 1000;

/**
 * Statements worth preparing once per connection, by their text: the name PostgreSQL knows each
 * by. A list page or a loader runs the same text with new values on every request; sent as a
 * named statement, it is parsed and planned once per connection, and each later run sends only
 * its values (Bind/Execute). The waiting list's statement is 3.5 KB of text with four lateral
 * joins, whose parse and plan on every request cost PostgreSQL more than running it.
 *
 * Bounded: PostgreSQL keeps a connection's prepared statements until it closes, so only the first
 * MAX_PREPARED_TEXTS texts marked get names and later ones run unnamed, as before. Texts come
 * from code (values are always parameters), so the bound is not reached in practice.
 */
const MAX_PREPARED_TEXTS = 500;
const preparedNames = new Map<string, string>();

/**
 * Marks a statement's text as one to prepare on each connection (src/database/sql.ts marks the
 * statements of the operational tables). Statements on the rollups are never marked: a refresh
 * replaces those tables, and a prepared statement whose table changed shape would fail.
 */
export function prepareStatement(text: string): void {
  if (preparedNames.size >= MAX_PREPARED_TEXTS || preparedNames.has(text)) return;
  preparedNames.set(text, `tandem_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`);
}

/**
 * A DataSource whose plain `query()` outside a transaction goes straight to the pg pool.
 * TypeORM's own path builds a QueryRunner and broadcasts events around every statement, which
 * measured about 0.2-0.3 ms of CPU on a 100-row page, a tenth of a list request. What it did
 * that we rely on is kept: the statement goes to the logger (which counts it), failures are logged and wrapped in
 * QueryFailedError; results have TypeORM's shape ([rows, rowCount] for UPDATE and DELETE).
 * Transactions, migrations and query runners are TypeORM's as before.
 */
class PooledDataSource extends DataSource {
  /** Whether marked statements run as named (prepared) statements: DATABASE_PREPARED_STATEMENTS. */
  preparedStatements = true;

  override async query<T = unknown>(query: string, parameters?: unknown[], queryRunner?: QueryRunner): Promise<T> {
    const pool = (this.driver as PostgresDriver).master as Pool | undefined;
    if (queryRunner || !pool || !this.isInitialized) return super.query<T>(query, parameters, queryRunner);
    // Through the logger, as TypeORM's own path would: it counts the statement for the request.
    this.logger.logQuery(query, parameters);
    const started = Date.now();
    try {
      const name = this.preparedStatements ? preparedNames.get(query) : undefined;
      const raw = await pool.query(name ? { name, text: query, values: parameters } : { text: query, values: parameters });
      const duration = Date.now() - started;
      if (duration > SLOW_STATEMENT_MS) this.logger.logQuerySlow(duration, query, parameters);
      return (raw.command === 'UPDATE' || raw.command === 'DELETE' ? [raw.rows, raw.rowCount] : raw.rows) as T;
    } catch (error) {
      this.logger.logQueryError(error as Error, query, parameters);
      throw new QueryFailedError(query, parameters, error as Error);
    }
  }
}

/**
 * Asks the database for `select 1`, giving up after `timeoutMs` whether the wait is for a pooled
 * connection or for the answer: a hung PostgreSQL (stopped, not refusing connections) otherwise
 * holds the caller as long as it hangs. A client that timed out is discarded by the pool.
 */
export async function pingDatabase(db: DataSource, timeoutMs: number): Promise<void> {
  const pool = (db.driver as PostgresDriver).master as Pool | undefined;
  if (!pool) throw new Error('The database is not connected.');
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`The database did not answer within ${timeoutMs} ms (timeout exceeded).`)), timeoutMs);
  });
  try {
    await Promise.race([pool.query({ text: 'select 1', query_timeout: timeoutMs } as never), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Lets one session wait on the database as long as its statements take (report refreshes, which
 * also lift statement_timeout); returns the function that restores the client's timeout before
 * the connection goes back to the pool.
 */
export function liftClientQueryTimeout(runner: QueryRunner): () => void {
  const client = (runner as unknown as { databaseConnection?: { connectionParameters?: { query_timeout?: number | false } } }).databaseConnection;
  const parameters = client?.connectionParameters;
  if (!parameters) return () => undefined;
  const before = parameters.query_timeout;
  parameters.query_timeout = false;
  return () => {
    parameters.query_timeout = before;
  };
}

export function createDataSource(
  url: string,
  options: {
    poolSize?: number;
    logger?: Logger;
    applicationName?: string;
    statementTimeoutMs?: number;
    /** Client-side wait for any answer (pg `query_timeout`); only with a statement timeout, and longer than it. */
    queryTimeoutMs?: number;
    /** Wait for a pooled or new connection. */
    connectTimeoutMs?: number;
    /** Run the statements marked by prepareStatement as named statements (default true). */
    preparedStatements?: boolean;
  } = {},
): DataSource {
  const dataSource = new PooledDataSource({
    type: 'postgres',
    url,
    // No entities: every statement is SQL; TypeORM runs the migrations and owns the DataSource.
    entities: [],
    migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    logger: new CountingLogger(options.logger),
    maxQueryExecutionTime: SLOW_STATEMENT_MS,
    applicationName: options.applicationName ?? 'tandem',
    poolSize: options.poolSize ?? 10,
    // pg-pool's connectionTimeoutMillis: it bounds both waiting for a free pooled connection and
    // opening a new one, which a hung server (accepting TCP, never answering) would stretch forever.
    connectTimeoutMS: options.connectTimeoutMs ?? 5000,
    // A runaway statement is cancelled rather than holding a connection; report refreshes lift it.
    // The client-side query_timeout catches what statement_timeout cannot: a server that stopped
    // answering at all. pg-pool discards a client whose query failed, so none stays stuck.
    extra: {
      ...(options.statementTimeoutMs ? { options: `-c statement_timeout=${options.statementTimeoutMs}` } : {}),
      ...(options.statementTimeoutMs && options.queryTimeoutMs ? { query_timeout: options.queryTimeoutMs } : {}),
    },
  });
  dataSource.preparedStatements = options.preparedStatements ?? true;
  return dataSource;
}
