import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { openDatabase } from '../database/database';
import { createLogger } from '../logger';
import { refreshReports } from './refresh';
import { runCli } from '../cli';

/**
 * `npm run reports:refresh [-- --rollups a,b]`: one refresh from a shell, for cron. Exits 0 when it
 * succeeded or another refresh was already running (that one does the work), 1 when it failed.
 */
async function main(argv: string[]): Promise<number> {
  const usage = 'Usage: npm run reports:refresh [-- --rollups name,name]';
  let rollups: string | undefined;
  try {
    ({
      values: { rollups },
    } = parseArgs({ args: argv, options: { rollups: { type: 'string' } }, strict: true, allowPositionals: false }));
  } catch {
    console.error(usage);
    return 2;
  }
  const only = rollups
    ?.split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (rollups !== undefined && !only?.length) {
    console.error(usage);
    return 2;
  }
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const database = await openDatabase(config, logger, { applicationName: 'tandem-reports-refresh' });
  try {
    const result = await refreshReports(database.dataSource, { only, logger });
    for (const model of result.models) {
      console.log(
        `${model.status.padEnd(9)} ${model.model.padEnd(36)} ${String(model.rows ?? '').padStart(9)} rows ${String(model.durationMs).padStart(7)} ms${model.error ? `  ${model.error}` : ''}`,
      );
    }
    console.log(`Refresh ${result.status} in ${result.durationMs} ms.`);
    return result.status === 'FAILED' ? 1 : 0;
  } finally {
    await database.close();
  }
}

runCli(main);
