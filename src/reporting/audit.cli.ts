import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { runCli } from '../cli';
import { loadConfig } from '../config';
import { openDatabase } from '../database/database';
import { createLogger } from '../logger';
import { readActivityAuditSummary } from './activity.queries';
import { readAuditSummary } from './coverage.queries';

/**
 * `npm run reports:audit`: what the last published disclosure audits found. First the coverage
 * tables, per service and metric over every month end: cells suppressed by each step, the
 * narrowest range an intruder is left with, the lowest upper bound, and any value short of the
 * requirement. Then the activity tables (activityPublication.ts), per service, period type and
 * family (a one-way count, or a breakdown with its total) over every period: the same columns,
 * `audit` being what the audit withheld beyond the rules. Exits 1 if any value is short.
 *
 * The activity audit skips the bounds its solutions already show safe, so its narrowest range is
 * the narrowest it saw, which may be narrower than an intruder is left with, never wider.
 */
async function main(argv: string[]): Promise<number> {
  try {
    parseArgs({ args: argv, options: {}, strict: true });
  } catch (error) {
    console.error(`${(error as Error).message}\nUsage: npm run reports:audit`);
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
    const activity = await readActivityAuditSummary(database.dataSource);
    console.log('');
    console.log('service              activity                       tables  from        to          primary  secondary  audit  narrowest  unresolved');
    for (const row of activity) {
      console.log(
        [
          row.service.padEnd(20),
          `${row.period_type} ${row.family}`.padEnd(30),
          String(row.tables).padStart(6),
          ` ${row.first_period_end}  ${row.last_period_end}`,
          String(row.suppressed_primary).padStart(8),
          String(row.suppressed_secondary).padStart(10),
          String(row.suppressed_audit).padStart(6),
          String(row.narrowest_range ?? '-').padStart(10),
          String(row.unresolved).padStart(11),
        ].join(' '),
      );
    }
    const activityFails = activity.some((row) => row.unresolved > 0);
    return rows.some((row) => row.unresolved > 0) || activityFails ? 1 : 0;
  } finally {
    await database.close();
  }
}

runCli(main);
