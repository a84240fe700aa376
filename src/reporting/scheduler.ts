import PgBoss from 'pg-boss';
import type { DataSource } from 'typeorm';
import type { Logger } from '../logger';
import { refreshReports } from './refresh';

/**
 * Scheduled report refreshes on pg-boss, a Postgres-backed job queue. pg-boss turns each cron
 * tick into at most one job however many replicas schedule it (a singleton per schedule and
 * minute), and each job is fetched by one worker only, so N replicas refresh once per tick.
 * The refresh's own advisory lock covers a cron job running `npm run reports:refresh` as well.
 */
export const REFRESH_QUEUE = 'refresh-reports';

export type ReportScheduler = { stop: () => Promise<void> };

export async function startReportScheduler(
  databaseUrl: string,
  db: DataSource,
  logger: Logger,
  options: { cron: string; timeZone?: string; pollingSeconds?: number },
): Promise<ReportScheduler> {
  const boss = new PgBoss({
    connectionString: databaseUrl,
    schema: 'pgboss',
    application_name: 'tandem-scheduler',
    max: 2,
    cronMonitorIntervalSeconds: Math.min(options.pollingSeconds ?? 30, 45),
    cronWorkerIntervalSeconds: options.pollingSeconds ?? 30,
  });
  boss.on('error', (error) => logger.error({ err: error.message }, 'scheduler error'));
  await boss.start();
  await boss.createQueue(REFRESH_QUEUE, { name: REFRESH_QUEUE, policy: 'singleton', expireInSeconds: 3600, retryLimit: 0 });
  try {
    await boss.schedule(REFRESH_QUEUE, options.cron, { trigger: 'schedule' }, { tz: options.timeZone ?? 'Europe/London' });
  } catch (error) {
    await boss.stop({ graceful: false, wait: false });
    throw new Error(`REPORTS_REFRESH_CRON: ${JSON.stringify(options.cron)} is not a valid cron expression (${error instanceof Error ? error.message : error})`);
  }
  await boss.work(REFRESH_QUEUE, { pollingIntervalSeconds: options.pollingSeconds ?? 30 }, async ([job]) => {
    logger.info({ jobId: job?.id }, 'scheduled report refresh starting');
    const result = await refreshReports(db, { logger });
    return { status: result.status, durationMs: result.durationMs };
  });
  logger.info({ cron: options.cron }, 'report refresh scheduled');
  return { stop: () => boss.stop({ graceful: true, wait: true, timeout: 10_000 }) };
}
