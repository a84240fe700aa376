import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { runCli } from '../cli';
import { loadConfig } from '../config';
import { openDatabase } from '../database/database';
import { councilNames } from '../councils/council.queries';
import { createLogger } from '../logger';
import { comparisonTable, readComparison, readNeighbours } from './coverage.queries';
import { publishTable } from './disclosure';
import { hideEarlierInTable, InsightFlag, insightsAgainst } from './insights';
import { latestMonthEnd } from './refreshRuns.queries';

/**
 * `npm run reports:insights [YYYY-MM-DD]`: the councils flagged for each reason (reports/METRICS.md
 * "Insights") at a month end, by default the latest in the reports, for each service: how many
 * and which, as staff see them, and how many of those flags the disclosure-controlled figures
 * still show.
 */
async function main(argv: string[]): Promise<number> {
  const usage = 'Usage: npm run reports:insights [YYYY-MM-DD]';
  let positionals: string[];
  try {
    ({ positionals } = parseArgs({ args: argv, options: {}, strict: true, allowPositionals: true }));
  } catch {
    console.error(usage);
    return 2;
  }
  if (positionals.length > 1 || (positionals[0] && !/^\d{4}-\d{2}-\d{2}$/.test(positionals[0]))) {
    console.error(usage);
    return 2;
  }
  const config = loadConfig();
  const database = await openDatabase(config, createLogger(config.logLevel), { applicationName: 'tandem-reports-insights' });
  try {
    const db = database.dataSource;
    const names = await councilNames(db);
    const neighbours = await readNeighbours(db);
    for (const service of ['INDEPENDENT_VISITOR', 'MENTORING']) {
      const date = positionals[0] ?? (await latestMonthEnd(db, service));
      if (!date) {
        console.log(`${service}: no published reports yet (run npm run reports:refresh)`);
        continue;
      }
      const comparison = await readComparison(db, service, date);
      if (!comparison.england) {
        console.log(`${service}: no figures for ${date}`);
        continue;
      }
      const full = comparisonTable({
        councils: comparison.councils,
        regions: comparison.regions,
        england: comparison.england,
        councilPools: [],
        regionPools: [],
      });
      const published = publishTable(full, neighbours, comparison.audited).table;
      hideEarlierInTable(published, comparison.earlier);
      const staff = insightsAgainst(full.england);
      const controlled = insightsAgainst(published.england);
      const e = staff.england;
      console.log(
        `${service} at ${date}: England ${e.referralsPer100LookedAfter.value} referrals per 100 looked after, ` +
          `${e.socialWorkerReferralShare.value}% from social workers, coverage change ${e.coverageChange12Months.value} points, ` +
          `${e.monthsToClearWaitingList.value ?? e.monthsToClearWaitingList.status} months to clear; ${full.councils.length} councils`,
      );
      for (const flag of Object.values(InsightFlag)) {
        const flagged = full.councils.filter((council) => staff.of(council).flags.includes(flag));
        const shown = published.councils.filter((council) => controlled.of(council).flags.includes(flag)).length;
        const some = flagged.slice(0, 6).map((council) => names.get(council.councilCode) ?? council.councilCode);
        console.log(
          `  ${flag.padEnd(28)} ${String(flagged.length).padStart(3)} (public: ${String(shown).padStart(3)})  ${some.join(', ')}${flagged.length > some.length ? ', ...' : ''}`,
        );
      }
    }
    return 0;
  } finally {
    await database.close();
  }
}

runCli(main);
