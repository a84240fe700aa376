import { stringify } from 'csv-stringify';
import type { Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import type { Context } from '../graphql/context';
import { Service } from '../graphql/enums';
import { OFFICIAL_SOURCE } from '../councils/officialStatistics.import';
import type { CoverageFigures } from './coverage.types';
import { compareCouncils } from './coverage.resolver';
import type { Figure } from './disclosure';
import { FigureStatus } from './figure.type';
import type { InsightFigures } from './insights';

/**
 * GET /reports/council-coverage.csv?service=INDEPENDENT_VISITOR&date=2025-03-31: the comparison
 * in the Department for Education's tidy format (one row per geography, their symbols for
 * missing values), under the same access rules as GraphQL, streamed row by row.
 */

const SYMBOL: Record<FigureStatus, string> = {
  [FigureStatus.OK]: '',
  [FigureStatus.SUPPRESSED]: 'c',
  [FigureStatus.NOT_APPLICABLE]: 'z',
  [FigureStatus.NOT_AVAILABLE]: 'x',
  [FigureStatus.LOW]: 'low',
};

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export const CSV_COLUMNS = [
  'time_period',
  'time_identifier',
  'geographic_level',
  'country_code',
  'country_name',
  'region_code',
  'region_name',
  'old_la_code',
  'new_la_code',
  'la_name',
  'service',
  'children_looked_after',
  'children_matched',
  'coverage_rate',
  'waiting',
  'has_waiting_list',
  'median_wait_days',
  'p90_wait_days',
  'rank',
  'quartile',
  'statistical_neighbour_median_rate',
  'referrals_per_100_looked_after',
  'social_worker_referral_share',
  'coverage_change_12_months',
  'months_to_clear_waiting_list',
  'insight_flags',
];

const cell = (figure: Figure) => (figure.status === FigureStatus.OK ? String(figure.value) : SYMBOL[figure.status]);

/**
 * Why a council has no rank: `c` when its rate is withheld, otherwise `x`. (A rate that is `z`
 * leaves the rank `x`, as the unsuppressed file has always said; that file stays byte for byte.)
 */
const unranked = (rate: Figure) => (rate.status === FigureStatus.SUPPRESSED ? 'c' : 'x');

function metrics(figures: CoverageFigures): string[] {
  return [
    cell(figures.childrenLookedAfter),
    cell(figures.childrenMatched),
    cell(figures.coverageRate),
    cell(figures.waiting),
    figures.hasWaitingList === null ? 'x' : String(figures.hasWaitingList),
    cell(figures.medianWaitDays),
    cell(figures.p90WaitDays),
  ];
}

/** The insights' columns; the flags raised, separated by spaces, or `none`. */
function insightCells(insights: InsightFigures): string[] {
  return [
    cell(insights.referralsPer100LookedAfter),
    cell(insights.socialWorkerReferralShare),
    cell(insights.coverageChange12Months),
    cell(insights.monthsToClearWaitingList),
    insights.flags.length ? insights.flags.join(' ') : 'none',
  ];
}

export async function councilCoverageCsv(req: Request, res: Response, context: Context): Promise<void> {
  const service = String(req.query.service ?? '');
  const date = String(req.query.date ?? '');
  if (!(Object.values(Service) as string[]).includes(service)) {
    res.status(400).type('text/plain').send(`service must be one of ${Object.values(Service).join(', ')}; got ${JSON.stringify(service.slice(0, 40))}.\n`);
    return;
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) {
    res.status(400).type('text/plain').send(`date must be a month end as YYYY-MM-DD, e.g. 2025-03-31; got ${JSON.stringify(date.slice(0, 40))}.\n`);
    return;
  }
  let comparison;
  try {
    comparison = await compareCouncils(context, service as Service, date);
  } catch (error) {
    if (error instanceof GraphQLError && error.extensions.code === 'BAD_USER_INPUT') {
      res.status(400).type('text/plain').send(`${error.message}\n`);
      return;
    }
    throw error;
  }
  const year = date.slice(0, 4);
  const month = MONTHS[Number(date.slice(5, 7)) - 1];
  const common = [year, month];
  res.status(200);
  res.type('text/csv; charset=utf-8');
  res.setHeader('content-disposition', `attachment; filename="council-coverage-${service.toLowerCase()}-${date}.csv"`);
  res.setHeader('x-data-source', `${OFFICIAL_SOURCE}; Open Government Licence v3.0`);
  const csv = stringify({ header: true, columns: CSV_COLUMNS });
  csv.pipe(res);
  csv.write([...common, 'National', 'E92000001', 'England', '', '', '', '', '', service, ...metrics(comparison.england), '', '', '', ...insightCells(comparison.englandInsights)]);
  for (const region of comparison.regions) {
    csv.write([...common, 'Regional', 'E92000001', 'England', region.regionCode, region.regionName, '', '', '', service, ...metrics(region.figures), '', '', '', ...insightCells(region.insights)]);
  }
  for (const council of comparison.councils) {
    const la = council.localAuthority;
    csv.write([
      ...common,
      'Local authority',
      'E92000001',
      'England',
      la.regionCode,
      la.regionName,
      la.oldCode,
      la.code,
      la.name,
      service,
      ...metrics(council.figures),
      council.rank === null ? unranked(council.figures.coverageRate) : String(council.rank),
      council.quartile === null ? unranked(council.figures.coverageRate) : String(council.quartile),
      cell(council.statisticalNeighbourMedianRate),
      ...insightCells(council.insights),
    ]);
  }
  csv.end();
}
