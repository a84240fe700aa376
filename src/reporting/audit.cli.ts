import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { runCli } from '../cli';
import { loadConfig } from '../config';
import { openDatabase } from '../database/database';
import { createLogger } from '../logger';
import { readAllActivityTables } from './activity.queries';
import { auditActivityTables } from './activityAudit';
import { readAuditSummary } from './coverage.queries';

/**
 * `npm run reports:audit`: what the last published disclosure audit found, per service and metric
 * over every month end: cells suppressed by each step, the narrowest range an intruder is left
 * with, the lowest upper bound, and any value short of the requirement. Then the activity tables
 * (activityAudit.ts), audited here and now from the rollup: per service, period and count (a
 * breakdown with its total), the same columns; `audit` counts cells the audit would withhold
 * beyond the rules, which serving does not apply yet, so any is a failure here.
 *
 * The activity audit solves integer programmes per cell: the latest month and the latest year to
 * 31 March of each service take about a minute on the demo data, every period ever held takes
 * hours, so `--all-periods` asks for it explicitly.
 */
async function main(argv: string[]): Promise<number> {
  let allPeriods: boolean;
  try {
    allPeriods = parseArgs({ args: argv, options: { 'all-periods': { type: 'boolean', default: false } }, strict: true }).values['all-periods'] === true;
  } catch (error) {
    console.error(`${(error as Error).message}\nUsage: npm run reports:audit [-- --all-periods]`);
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
    const activity = await auditActivityTables(await readAllActivityTables(database.dataSource, { latestOnly: !allPeriods }));
    console.log('');
    console.log('service              activity                       tables  primary  secondary  audit  narrowest  lowest-max  unresolved');
    for (const row of activity) {
      console.log(
        [
          row.service.padEnd(20),
          `${row.periodType} ${row.family}`.padEnd(30),
          String(row.tables).padStart(6),
          String(row.suppressed.PRIMARY).padStart(8),
          String(row.suppressed.SECONDARY).padStart(10),
          String(row.suppressed.AUDIT).padStart(6),
          String(row.narrowestRange ?? '-').padStart(10),
          String(row.lowestUpperBound ?? '-').padStart(11),
          String(row.unresolved).padStart(11),
        ].join(' '),
      );
    }
    const activityFails = activity.some((row) => row.unresolved > 0 || row.suppressed.AUDIT > 0);
    return rows.some((row) => row.unresolved > 0) || activityFails ? 1 : 0;
  } finally {
    await database.close();
  }
}

runCli(main);
