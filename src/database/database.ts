import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { createDataSource } from './dataSource';
import { startEmbeddedPostgres } from './embeddedPostgres';
import { Client } from 'pg';
import sql from 'sql-template-tag';

export const EMBEDDED_DATABASE_NAME = 'tandem';

export type Database = {
  dataSource: DataSource;
  url: string;
  embedded: boolean;
  /** Closes the pool and, when embedded, stops PostgreSQL. Safe to call twice. */
  close: () => Promise<void>;
};

/** Creates `name` on the server at `maintenanceUrl` when it does not exist yet. */
export async function ensureDatabase(maintenanceUrl: string, name: string): Promise<string> {
  const client = new Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    const exists = sql`select 1 from pg_database where datname = ${name}::text`;
    const { rowCount } = await client.query(exists.text, exists.values);
    if (!rowCount) await client.query(`create database ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
  const url = new URL(maintenanceUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Connects to DATABASE_URL, or starts the embedded PostgreSQL (data under .data/) when it is not
 * set. Migrations are applied unless `migrate` is false.
 */
export async function openDatabase(config: Config, logger: Logger, options: { migrate?: boolean; applicationName?: string } = {}): Promise<Database> {
  let url = config.databaseUrl;
  let stopEmbedded: (() => Promise<void>) | undefined;
  if (!url) {
    logger.info({ dataDir: config.embeddedPostgresDir }, 'starting embedded PostgreSQL');
    const embedded = await startEmbeddedPostgres(config.embeddedPostgresDir, { log: (line) => logger.debug({ postgres: line }, 'postgres') });
    stopEmbedded = embedded.stop;
    try {
      url = await ensureDatabase(embedded.url, EMBEDDED_DATABASE_NAME);
    } catch (error) {
      await embedded.stop();
      throw error;
    }
  }
  const dataSource = createDataSource(url, {
    poolSize: config.databasePoolSize,
    logger,
    applicationName: options.applicationName,
    statementTimeoutMs: config.statementTimeoutMs,
    queryTimeoutMs: config.databaseQueryTimeoutMs,
    connectTimeoutMs: config.databaseConnectTimeoutMs,
    preparedStatements: config.databasePreparedStatements,
  });
  try {
    await dataSource.initialize();
    if (options.migrate ?? true) {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      if (applied.length) logger.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
    }
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await stopEmbedded?.();
    throw error;
  }
  let closed = false;
  return {
    dataSource,
    url,
    embedded: Boolean(stopEmbedded),
    close: async () => {
      if (closed) return;
      closed = true;
      await dataSource.destroy().catch(() => undefined);
      await stopEmbedded?.();
    },
  };
}
