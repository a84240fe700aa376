import fs from 'node:fs';
import path from 'node:path';
import type { Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { Client } from 'pg';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { loadConfig, projectRoot } from '../../src/config';
import { loadReferenceDataIfEmpty, REFERENCE_DATA_DIR } from '../../src/councils/referenceData';
import { ensureDatabase, openDatabase, Database } from '../../src/database/database';
import { startEmbeddedPostgres, temporaryDataDir, EmbeddedDatabase } from '../../src/database/embeddedPostgres';
import { loadDemoData, DemoSummary } from '../../src/demo/demoData';
import { todayInLondon } from '../../src/graphql/dates';
import { refreshReports } from '../../src/reporting/refresh';
import { createServer, TandemServer } from '../../src/app/server';
import type { LoadOptions } from './args';

/**
 * Everything the load test runs against, started by the script itself: PostgreSQL (embedded in a
 * temporary directory, or a fresh database on DATABASE_URL's server), the migrated schema with
 * reference and demo data, and the API on a free loopback port.
 */
export type Environment = {
  url: string;
  db: DataSource;
  jwtSecret: string;
  summary: DemoSummary;
  where: string;
  /** Server log lines at warn level or above (the request log is below it). */
  serverLog: ServerLogLine[];
  /** Stops the HTTP server, Apollo, the pool and PostgreSQL (or drops the database). Safe to call twice. */
  close: () => Promise<void>;
};

export type ServerLogLine = { level: number; msg: string; err?: string; fault?: string; path?: unknown };

export type Progress = (message: string) => void;

/**
 * Builds the environment step by step. `close` stops whatever has been started so far, so it may
 * be called at any time (an interrupted set-up too); if a step fails, everything started is stopped.
 */
export class EnvironmentBuilder {
  private readonly cleanups: (() => Promise<void>)[] = [];
  private closing: Promise<void> | null = null;

  constructor(private readonly progress: Progress) {}

  async start(options: LoadOptions): Promise<Environment> {
    try {
      return await build(options, this.progress, this.cleanups, () => this.close());
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      while (this.cleanups.length) {
        const cleanup = this.cleanups.pop()!;
        await cleanup().catch((error: unknown) => this.progress(`cleanup step failed: ${error instanceof Error ? error.message : String(error)}`));
      }
    })();
    return this.closing;
  }
}

async function build(options: LoadOptions, progress: Progress, cleanups: (() => Promise<void>)[], close: () => Promise<void>): Promise<Environment> {
  // PostgreSQL: a throw-away embedded cluster, or a fresh database on the given server.
  let databaseUrl: string;
  let where: string;
  const external = process.env.DATABASE_URL;
  if (external) {
    const name = `tandem_load_${randomBytes(5).toString('hex')}`;
    progress(`creating database ${name} on the DATABASE_URL server`);
    databaseUrl = await ensureDatabase(external, name);
    cleanups.push(() => dropDatabase(external, name, progress));
    where = `database ${name} on the DATABASE_URL server (dropped at the end)`;
  } else {
    const dataDir = temporaryDataDir('tandem-load-');
    const base = path.dirname(dataDir);
    cleanups.push(async () => fs.rmSync(base, { recursive: true, force: true }));
    progress(`starting embedded PostgreSQL in ${dataDir}`);
    const embedded: EmbeddedDatabase = await startEmbeddedPostgres(dataDir, { persistent: false });
    cleanups.push(() => embedded.stop());
    databaseUrl = await ensureDatabase(embedded.url, 'tandem_load');
    where = `embedded PostgreSQL on 127.0.0.1:${embedded.port} (temporary, removed at the end)`;
  }

  const serverLog: ServerLogLine[] = [];
  const jwtSecret = randomBytes(32).toString('hex');
  const config = loadConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: String(options.poolSize),
    AUTH_JWT_SECRET: jwtSecret,
    LOG_LEVEL: 'warn',
    LOAD_DEMO_DATA: 'false',
    SELF_REFERRALS_PER_HOUR: String(options.selfReferralsPerHour),
    ANONYMOUS_REQUESTS_PER_MINUTE: String(options.anonymousPerMinute),
    REPORTS_SCHEDULER: 'false',
    // Publication day: every viewer has its own address, forwarded by the (simulated) proxy.
    TRUST_PROXY: options.viewers > 0 ? 'true' : 'false',
  });
  // The server's own log (warnings and errors only) is kept for the report, not printed as it comes.
  const logger = pino(
    { level: 'warn', base: { service: 'tandem' } },
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        for (const line of chunk.toString('utf8').split('\n')) {
          if (!line.trim()) continue;
          try {
            serverLog.push(JSON.parse(line) as ServerLogLine);
          } catch {
            serverLog.push({ level: 50, msg: line });
          }
        }
        callback();
      },
    }),
  );

  progress('migrating');
  const database: Database = await openDatabase(config, logger, { applicationName: 'tandem-load' });
  cleanups.push(() => database.close());
  const db = database.dataSource;

  // The reference CSVs sit beside the TypeScript sources; this compiled copy looks beside itself.
  if (!fs.existsSync(REFERENCE_DATA_DIR)) {
    fs.cpSync(path.join(projectRoot, 'src', 'councils', 'data'), REFERENCE_DATA_DIR, { recursive: true });
  }
  progress('loading reference data');
  await loadReferenceDataIfEmpty(db, logger);
  progress(`loading demo data (scale ${options.scale}, seed ${options.seed})`);
  const summary = await loadDemoData(db, { scale: options.scale, seed: options.seed, today: todayInLondon() });
  progress('refreshing the reporting rollups');
  const refresh = await refreshReports(db, { logger });
  if (refresh.status !== 'SUCCEEDED')
    throw new Error(
      `report refresh ${refresh.status}: ${refresh.models
        .filter((m) => m.error)
        .map((m) => `${m.model}: ${m.error}`)
        .join('; ')}`,
    );

  const server: TandemServer = await createServer(config, db, logger);
  cleanups.push(() => server.stop());
  const httpServer = await new Promise<Server>((resolve, reject) => {
    const listening = server.app.listen(0, '127.0.0.1', () => resolve(listening)).on('error', reject);
  });
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        // Keep-alive sockets of the clients would otherwise hold the close open.
        httpServer.closeAllConnections();
      }),
  );
  const address = httpServer.address();
  if (!address || typeof address !== 'object') throw new Error('the HTTP server has no address');
  return { url: `http://127.0.0.1:${address.port}/graphql`, db, jwtSecret, summary, where, serverLog, close };
}

async function dropDatabase(maintenanceUrl: string, name: string, progress: Progress): Promise<void> {
  const client = new Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists ${client.escapeIdentifier(name)} with (force)`);
    progress(`dropped database ${name}`);
  } finally {
    await client.end();
  }
}
