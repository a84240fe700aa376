import { once } from 'node:events';
import { stringify } from 'csv-stringify';
import type { Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import type { Context } from '../graphql/context';
import { OFFICIAL_SOURCE } from '../councils/officialStatistics.import';
import { compareCouncils } from './coverage.resolver';
import { audienceOf } from './disclosure';
import type { CouncilComparison, CoverageFigures } from './coverage.types';
import {
  dataFileName,
  type EesColumn,
  FileQueryError,
  INSIGHT_FLAG_NAME,
  selectTables,
  sendMeta,
  SERVICE_NAME,
  TIME_AND_GEOGRAPHY_COLUMNS,
  timeColumns,
} from './eesFiles';
import type { Figure } from './disclosure';
import { FigureStatus } from './figure.type';
import type { InsightFigures } from './insights';

/**
 * GET /reports/council-coverage.csv?service=&date=|from=&to=: the comparison in the Department
 * for Education's explore-education-statistics tidy layout (eesFiles.ts): one row per area
 * (England, region, council), service and month end, their symbols for missing values, `z` in
 * every cell that has no value for the row's level. Under the same access rules as GraphQL (each
 * table is compareCouncils' answer for the caller), streamed a table at a time.
 * GET /reports/council-coverage.meta.csv: its metadata file.
 */

const SYMBOL: Record<FigureStatus, string> = {
  [FigureStatus.OK]: '',
  [FigureStatus.SUPPRESSED]: 'c',
  [FigureStatus.NOT_APPLICABLE]: 'z',
  [FigureStatus.NOT_AVAILABLE]: 'x',
  [FigureStatus.LOW]: 'low',
};

/** No value for the row's geographic level. */
const Z = 'z';

const FIGURES = 'Coverage and waiting';
const INSIGHTS = 'Insights';

/** Every column after the time and geography ones, described for the metadata file. */
export const COVERAGE_COLUMNS: readonly EesColumn[] = [
  { name: 'service', type: 'Filter', label: 'Service (code)', hint: 'The code the API uses: INDEPENDENT_VISITOR or MENTORING' },
  { name: 'service_name', type: 'Filter', label: 'Service', hint: 'Independent visitor or Mentoring', groupingColumn: 'service' },
  { name: 'children_looked_after', type: 'Indicator', label: 'Children looked after (official figure, 31 March)', grouping: FIGURES, unit: '', dp: 0 },
  { name: 'children_matched', type: 'Indicator', label: 'Children matched', grouping: FIGURES, unit: '', dp: 0 },
  { name: 'coverage_rate', type: 'Indicator', label: 'Coverage rate (children matched per 100 looked after)', grouping: FIGURES, unit: '%', dp: 1 },
  { name: 'waiting', type: 'Indicator', label: 'Children waiting', grouping: FIGURES, unit: '', dp: 0 },
  { name: 'has_waiting_list', type: 'Filter', label: 'Keeps a waiting list', hint: 'true or false; x when not known' },
  { name: 'median_wait_days', type: 'Indicator', label: 'Median wait so far (days)', grouping: FIGURES, unit: '', dp: 0 },
  { name: 'p90_wait_days', type: 'Indicator', label: '90th percentile wait so far (days)', grouping: FIGURES, unit: '', dp: 0 },
  { name: 'rank', type: 'Indicator', label: 'Rank by coverage rate (1 highest; councils only)', grouping: FIGURES, unit: '', dp: 0 },
  { name: 'quartile', type: 'Indicator', label: 'Quartile by coverage rate (1 highest; councils only)', grouping: FIGURES, unit: '', dp: 0 },
  {
    name: 'statistical_neighbour_median_rate',
    type: 'Indicator',
    label: "Statistical neighbours' median coverage rate (councils only)",
    grouping: FIGURES,
    unit: '%',
    dp: 1,
  },
  { name: 'referrals_per_100_looked_after', type: 'Indicator', label: 'Referrals in 12 months per 100 looked after', grouping: INSIGHTS, unit: '', dp: 1 },
  { name: 'social_worker_referral_share', type: 'Indicator', label: "Social workers' share of referrals in 12 months", grouping: INSIGHTS, unit: '%', dp: 1 },
  { name: 'coverage_change_12_months', type: 'Indicator', label: 'Change in coverage rate over 12 months', grouping: INSIGHTS, unit: 'pp', dp: 1 },
  { name: 'months_to_clear_waiting_list', type: 'Indicator', label: 'Months to clear the waiting list', grouping: INSIGHTS, unit: '', dp: 1 },
  { name: 'insight_flags', type: 'Filter', label: 'Insight flags (codes)', hint: 'The flags raised, separated by spaces, or none' },
  {
    name: 'insight_flags_name',
    type: 'Filter',
    label: 'Insight flags',
    hint: 'The flags raised, separated by semicolons, or None',
    groupingColumn: 'insight_flags',
  },
];

export const CSV_COLUMNS = [...TIME_AND_GEOGRAPHY_COLUMNS, ...COVERAGE_COLUMNS.map((column) => column.name)];

/** A figure as a CSV cell: its value, or the symbol of its status (c, z, x, low). */
export const figureCell = (figure: Figure) => (figure.status === FigureStatus.OK ? String(figure.value) : SYMBOL[figure.status]);
const cell = figureCell;

/**
 * Why a council has no rank: `c` when its rate is withheld, otherwise `x`. (A rate that is `z`
 * leaves the rank `x`, as the unsuppressed file has always said.)
 */
const unranked = (rate: Figure) => (rate.status === FigureStatus.SUPPRESSED ? 'c' : 'x');

function metrics(figures: CoverageFigures): { head: string[]; waits: string[] } {
  return {
    head: [
      cell(figures.childrenLookedAfter),
      cell(figures.childrenMatched),
      cell(figures.coverageRate),
      cell(figures.waiting),
      figures.hasWaitingList === null ? 'x' : String(figures.hasWaitingList),
    ],
    waits: [cell(figures.medianWaitDays), cell(figures.p90WaitDays)],
  };
}

/** The insights' columns; the flags raised, separated by spaces, or `none`, then their labels. */
function insightCells(insights: InsightFigures): string[] {
  return [
    cell(insights.referralsPer100LookedAfter),
    cell(insights.socialWorkerReferralShare),
    cell(insights.coverageChange12Months),
    cell(insights.monthsToClearWaitingList),
    insights.flags.length ? insights.flags.join(' ') : 'none',
    insights.flags.length ? insights.flags.map((flag) => INSIGHT_FLAG_NAME[flag]).join('; ') : 'None',
  ];
}

/** One comparison's rows: England, the regions, the councils. */
function* tableRows(comparison: CouncilComparison): Generator<string[]> {
  const time = timeColumns(comparison.date);
  const service = [comparison.service, SERVICE_NAME[comparison.service]];
  const england = ['E92000001', 'England'];
  const notRanked = [Z, Z, Z];
  const e = metrics(comparison.england);
  yield [...time, 'National', ...england, Z, Z, Z, Z, Z, ...service, ...e.head, ...e.waits, ...notRanked, ...insightCells(comparison.englandInsights)];
  for (const region of comparison.regions) {
    const r = metrics(region.figures);
    yield [
      ...time,
      'Regional',
      ...england,
      region.regionCode,
      region.regionName,
      Z,
      Z,
      Z,
      ...service,
      ...r.head,
      ...r.waits,
      ...notRanked,
      ...insightCells(region.insights),
    ];
  }
  for (const council of comparison.councils) {
    const la = council.localAuthority;
    const c = metrics(council.figures);
    yield [
      ...time,
      'Local authority',
      ...england,
      la.regionCode,
      la.regionName,
      la.oldCode,
      la.code,
      la.name,
      ...service,
      ...c.head,
      ...c.waits,
      council.rank === null ? unranked(council.figures.coverageRate) : String(council.rank),
      council.quartile === null ? unranked(council.figures.coverageRate) : String(council.quartile),
      cell(council.statisticalNeighbourMedianRate),
      ...insightCells(council.insights),
    ];
  }
}

export async function councilCoverageCsv(req: Request, res: Response, context: Context): Promise<void> {
  let selection;
  try {
    selection = await selectTables(context.db, req);
  } catch (error) {
    if (error instanceof FileQueryError) {
      res.status(400).type('text/plain').send(`${error.message}\n`);
      return;
    }
    throw error;
  }
  // The first table before the headers, so that a refused request is still a 400.
  const [first, ...rest] = selection.tables;
  let comparison: CouncilComparison;
  try {
    comparison = await compareCouncils(context, first.service, first.monthEnd);
  } catch (error) {
    if (error instanceof GraphQLError && error.extensions.code === 'BAD_USER_INPUT') {
      res.status(400).type('text/plain').send(`${error.message}\n`);
      return;
    }
    throw error;
  }
  res.status(200);
  res.type('text/csv; charset=utf-8');
  res.setHeader('content-disposition', `attachment; filename="${dataFileName('council-coverage', audienceOf(context.principal), selection)}"`);
  res.setHeader('x-data-source', `${OFFICIAL_SOURCE}; Open Government Licence v3.0`);
  const csv = stringify({ header: true, columns: CSV_COLUMNS });
  csv.pipe(res);
  try {
    for (let index = 0; ; index += 1) {
      for (const row of tableRows(comparison)) {
        // Backpressure: one table in memory at a time, and no more rows queued than the socket takes.
        if (!csv.write(row)) await once(csv, 'drain');
      }
      if (index === rest.length) break;
      comparison = await compareCouncils(context, rest[index].service, rest[index].monthEnd);
    }
    csv.end();
  } catch (error) {
    // The status is sent: cut the download short rather than end it as if it were whole.
    context.logger.error({ err: error, requestId: context.requestId }, 'council coverage file failed mid-stream');
    csv.unpipe(res);
    res.destroy(error as Error);
  }
}

export function councilCoverageMetaCsv(_req: Request, res: Response): void {
  sendMeta(res, 'tandem-council-coverage.meta.csv', COVERAGE_COLUMNS);
}
