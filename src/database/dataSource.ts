import 'reflect-metadata';
import { types } from 'pg';
import { DataSource, Logger as TypeOrmLogger } from 'typeorm';
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

export function createDataSource(
  url: string,
  options: { poolSize?: number; logger?: Logger; applicationName?: string; statementTimeoutMs?: number } = {},
): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    logger: new CountingLogger(options.logger),
    maxQueryExecutionTime: 1000,
    applicationName: options.applicationName ?? 'tandem',
    poolSize: options.poolSize ?? 10,
    connectTimeoutMS: 5000,
    // A runaway statement is cancelled rather than holding a connection; report refreshes lift it.
    extra: options.statementTimeoutMs ? { options: `-c statement_timeout=${options.statementTimeoutMs}` } : {},
  });
}
