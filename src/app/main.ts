import 'reflect-metadata';
import type { Server } from 'node:http';
import { Role } from '../auth/roles';
import { signToken } from '../auth/viewer';
import { ConfigError, loadConfig } from '../config';
import { loadReferenceDataIfEmpty } from '../councils/referenceData';
import { openDatabase } from '../database/database';
import { createLogger } from '../logger';
import { createServer } from './server';
import type { DataSource } from 'typeorm';
import { PROVIDER_TYPE } from '../auth/scope';
import { hasOperationalData, loadDemoData } from '../demo/demoData';
import { todayInLondon } from '../graphql/dates';
import { toGlobalId } from '../graphql/relay';
import { firstCommissionedProvider } from '../providers/provider.queries';
import { refreshReports } from '../reporting/refresh';
import { hasSucceededRefresh } from '../reporting/refreshRuns.queries';
import { ReportScheduler, startReportScheduler } from '../reporting/scheduler';

/** How long requests in flight may take to finish when the server is stopped. */
const SHUTDOWN_GRACE_MS = 10_000;

/** The demo's seed: the same data on every machine. */
const DEMO_SEED = 42;

/** `npm start`: database (embedded unless DATABASE_URL), migrations, reference data, then the API. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const database = await openDatabase(config, logger);
  const running: { httpServer?: Server; scheduler?: ReportScheduler; apollo?: () => Promise<void> } = {};
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const { httpServer } = running;
    if (httpServer) {
      // Stop accepting, let requests in flight finish (a mutation's client must learn whether it
      // committed), close idle keep-alive connections now and anything left after the deadline.
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeIdleConnections();
      const deadline = setTimeout(() => httpServer.closeAllConnections(), SHUTDOWN_GRACE_MS);
      await closed;
      clearTimeout(deadline);
    }
    await running.apollo?.().catch(() => undefined);
    await running.scheduler?.stop().catch((error: unknown) => logger.warn({ err: String(error) }, 'scheduler did not stop cleanly'));
    await database.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await loadReferenceDataIfEmpty(database.dataSource, logger);
  if (config.loadDemoData && !(await hasOperationalData(database.dataSource))) {
    // Today's date makes the demo current; for a given seed and date it is always the same.
    const summary = await loadDemoData(database.dataSource, { scale: 1, seed: DEMO_SEED, today: todayInLondon() });
    logger.info({ ...summary }, 'demo data loaded');
    await refreshReports(database.dataSource, { logger });
  } else if (!(await hasRefreshed(database.dataSource))) {
    await refreshReports(database.dataSource, { logger });
  }
  if (config.reportsScheduler) {
    running.scheduler = await startReportScheduler(database.url, database.dataSource, logger, {
      cron: config.reportsRefreshCron,
      pollingSeconds: config.reportsPollSeconds,
    });
  }
  const server = await createServer(config, database.dataSource, logger);
  running.apollo = server.stop;
  const httpServer = await new Promise<Server>((resolve, reject) => {
    const listening = server.app.listen(config.port, config.host, () => resolve(listening)).on('error', reject);
  });
  running.httpServer = httpServer;
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `http://${host}:${port}/graphql`;

  if (config.nodeEnv !== 'production') {
    const tokens = await developmentTokens(config.jwtSecret, config.tokenMaxLifetimeSeconds, await demoProviderFor(database.dataSource, 'E06000001'));
    console.log(
      [
        '',
        `Tandem is ready: point a browser or GraphQL client at ${url}`,
        `Dashboard: http://${host}:${port}/`,
        `Health: http://${host}:${port}/healthz  Readiness: http://${host}:${port}/readyz`,
        `Database: ${database.embedded ? `embedded PostgreSQL (data in ${config.embeddedPostgresDir})` : 'DATABASE_URL'}`,
        '',
        `Development tokens (send as "Authorization: Bearer <token>"; valid ${config.tokenMaxLifetimeSeconds / 3600} hours):`,
        ...tokens.map(({ label, token }) => `  ${label}\n    ${token}`),
        '',
        'Press Ctrl-C to stop.',
        '',
      ].join('\n'),
    );
  } else {
    logger.info({ url }, 'listening');
  }
}

/** A provider commissioned by the council, so the printed coordinator token sees its referrals. */
async function demoProviderFor(db: DataSource, councilCode: string): Promise<{ id: string; name: string } | null> {
  const row = await firstCommissionedProvider(db, councilCode);
  return row ? { id: toGlobalId(PROVIDER_TYPE, row.provider_id), name: row.name } : null;
}

async function hasRefreshed(db: DataSource): Promise<boolean> {
  return hasSucceededRefresh(db);
}

/** Printed tokens live as long as the server accepts (TOKEN_MAX_LIFETIME_HOURS, default 12 h). */
async function developmentTokens(
  secret: string,
  lifetimeSeconds: number,
  provider: { id: string; name: string } | null,
): Promise<{ label: string; token: string }[]> {
  const roles: { label: string; claims: Parameters<typeof signToken>[0] }[] = [
    { label: 'COUNCIL_OFFICER for Hartlepool (E06000001)', claims: { sub: 'demo-council-officer', role: Role.COUNCIL_OFFICER, la: 'E06000001' } },
    ...(provider
      ? [
          {
            label: `PROVIDER_COORDINATOR for ${provider.name} (${provider.id})`,
            claims: { sub: 'demo-provider-coordinator', role: Role.PROVIDER_COORDINATOR, provider: provider.id },
          },
        ]
      : []),
    { label: 'NATIONAL_ANALYST', claims: { sub: 'demo-national-analyst', role: Role.NATIONAL_ANALYST } },
    { label: 'RESEARCHER', claims: { sub: 'demo-researcher', role: Role.RESEARCHER } },
    { label: 'ADMIN', claims: { sub: 'demo-admin', role: Role.ADMIN } },
  ];
  return Promise.all(roles.map(async ({ label, claims }) => ({ label, token: await signToken(claims, secret, `${lifetimeSeconds}s`) })));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
