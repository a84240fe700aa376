import 'reflect-metadata';
import { runCli } from '../cli';
import { loadConfig } from '../config';
import { openDatabase } from '../database/database';
import { createLogger } from '../logger';
import { readAuditSummary } from './coverage.queries';

/**
 * `npm run reports:audit`: what the last published disclosure audit found, per service and metric
 * over every month end: cells suppressed by each step, the narrowest range an intruder is left
 * with, the lowest upper bound, and any value short of the requirement.
 */
async function main(argv: string[]): Promise<number> {
  if (argv.length > 0) {
    console.error('Usage: npm run reports:audit');
    return 2;
  }
  const config = loadConfig();
  const database = await openDatabase(config, createLogger(config.logLevel), { applicationName: 'tandem-reports-audit' });
  try {
    const rows = await readAuditSummary(database.dataSource);
    if (rows.length === 0) {
      console.log('No audited refresh has been published yet: run npm run reports:refresh.');
      return 1;
    }
    console.log('service              metric               tables  from        to          primary  secondary  audit  narrowest  lowest-max  unresolved');
    for (const row of rows) {
      console.log(
        [
          row.service.padEnd(20),
          row.metric.padEnd(20),
          String(row.tables).padStart(6),
          ` ${row.first_month_end}  ${row.last_month_end}`,
          String(row.suppressed_primary).padStart(8),
          String(row.suppressed_secondary).padStart(10),
          String(row.suppressed_audit).padStart(6),
          String(row.narrowest_range ?? '-').padStart(10),
          String(row.lowest_upper_bound ?? '-').padStart(11),
          String(row.unresolved).padStart(11),
        ].join(' '),
      );
    }
    return rows.some((row) => row.unresolved > 0) ? 1 : 0;
  } finally {
    await database.close();
  }
}

runCli(main);
