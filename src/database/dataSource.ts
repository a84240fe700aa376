import 'reflect-metadata';
import { type Pool, types } from 'pg';
import { DataSource, QueryFailedError, QueryRunner, Logger as TypeOrmLogger } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { migrations } from '../../migrations';
import { entities } from '../entities';
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
 * A DataSource whose plain `query()` outside a transaction goes straight to the pg pool.
 * TypeORM's own path builds a QueryRunner and broadcasts events around every statement, which
 * measured about 0.2-0.3 ms of CPU on a 100-row page, a tenth of a list request. What it did
 * that we rely on is kept: the statement goes to the logger (which counts it), failures are logged and wrapped in
 * QueryFailedError; results have TypeORM's shape ([rows, rowCount] for UPDATE and DELETE).
 * Transactions, migrations and query runners are TypeORM's as before.
 */
class PooledDataSource extends DataSource {
  override async query<T = unknown>(query: string, parameters?: unknown[], queryRunner?: QueryRunner): Promise<T> {
    const pool = (this.driver as PostgresDriver).master as Pool | undefined;
    if (queryRunner || !pool || !this.isInitialized) return super.query<T>(query, parameters, queryRunner);
    // Through the logger, as TypeORM's own path would: it counts the statement for the request.
    this.logger.logQuery(query, parameters);
    const started = Date.now();
    try {
      const raw = await pool.query(query, parameters);
      const duration = Date.now() - started;
      if (duration > SLOW_STATEMENT_MS) this.logger.logQuerySlow(duration, query, parameters);
      return (raw.command === 'UPDATE' || raw.command === 'DELETE' ? [raw.rows, raw.rowCount] : raw.rows) as T;
    } catch (error) {
      this.logger.logQueryError(error as Error, query, parameters);
      throw new QueryFailedError(query, parameters, error as Error);
    }
  }
}

export function createDataSource(
  url: string,
  options: { poolSize?: number; logger?: Logger; applicationName?: string; statementTimeoutMs?: number } = {},
): DataSource {
  return new PooledDataSource({
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    logger: new CountingLogger(options.logger),
    maxQueryExecutionTime: SLOW_STATEMENT_MS,
    applicationName: options.applicationName ?? 'tandem',
    poolSize: options.poolSize ?? 10,
    connectTimeoutMS: 5000,
    // A runaway statement is cancelled rather than holding a connection; report refreshes lift it.
    extra: options.statementTimeoutMs ? { options: `-c statement_timeout=${options.statementTimeoutMs}` } : {},
  });
}
