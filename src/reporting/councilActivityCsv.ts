import { once } from 'node:events';
import { stringify } from 'csv-stringify';
import type { Request, Response } from 'express';
import { LocalAuthority } from '../councils/localAuthority.type';
import type { CouncilRow } from '../councils/council.queries';
import type { Context } from '../graphql/context';
import { Service } from '../graphql/enums';
import { EndReason } from '../matches/match.types';
import { ReferralSource } from '../referrals/referral.types';
import type { ActivityTable, AreaActivity, PeriodType } from './activity';
import { END_REASONS, REFERRAL_SOURCES } from './activity';
import { readActivityPeriodEnds } from './activity.queries';
import { audienceOf } from './disclosure';
import { figureCell } from './councilCoverageCsv';
import type { Figure } from './disclosure';
import { ENGLAND_CODE } from './disclosure';
import {
  dataFileName,
  type EesColumn,
  FileQueryError,
  isMonthEnd,
  PeriodEnds,
  quote,
  selectTables,
  sendMeta,
  SERVICE_NAME,
  TIME_AND_GEOGRAPHY_COLUMNS,
  timeColumns,
} from './eesFiles';

/**
 * GET /reports/council-activity.csv?service=&period=MONTH|YEAR_TO_31_MARCH&date=|from=&to=: the
 * period metrics of reports/METRICS.md for England, every region and every current council, in
 * the explore-education-statistics tidy layout of the coverage file (eesFiles.ts). The breakdowns
 * are filter columns: each area has a `Total` row (referral_source and end_reason both `Total`)
 * with every indicator, a row per referral source with only referrals_received, and a row per
 * end reason with only matches_ended; an indicator that does not apply to a row is `z`. Each table
 * is the `activity` GraphQL gives the same caller (the request's activityTable loader, so the same
 * disclosure control). GET /reports/council-activity.meta.csv: its metadata file.
 */

const Z = 'z';
const TOTAL = 'Total';
const REFERRALS = 'Referrals';
const MATCHES = 'Matches';
const VOLUNTEERS = 'Volunteers';

export const SOURCE_NAME: Record<ReferralSource, string> = {
  [ReferralSource.SOCIAL_WORKER]: 'Social worker',
  [ReferralSource.TEACHER]: 'Teacher',
  [ReferralSource.FOSTER_CARER]: 'Foster carer',
  [ReferralSource.RESIDENTIAL_WORKER]: 'Residential worker',
  [ReferralSource.PERSONAL_ADVISER]: 'Personal adviser',
  [ReferralSource.INDEPENDENT_REVIEWING_OFFICER]: 'Independent reviewing officer',
  [ReferralSource.SELF]: 'Self-referral',
  [ReferralSource.OTHER]: 'Other source',
};

export const END_REASON_NAME: Record<EndReason, string> = {
  [EndReason.CHILD_LEFT_CARE]: 'Child left care',
  [EndReason.CHILD_OBJECTED]: 'Child objected',
  [EndReason.VOLUNTEER_RESIGNED]: 'Volunteer resigned',
  [EndReason.COUNCIL_ENDED]: 'Council ended the match',
  [EndReason.PLANNED_ENDING]: 'Planned ending',
  [EndReason.OTHER]: 'Other reason',
};

/** Every column after the time and geography ones, described for the metadata file. */
export const ACTIVITY_COLUMNS: readonly EesColumn[] = [
  { name: 'service', type: 'Filter', label: 'Service (code)', hint: 'The code the API uses: INDEPENDENT_VISITOR or MENTORING' },
  { name: 'service_name', type: 'Filter', label: 'Service', hint: 'Independent visitor or Mentoring', groupingColumn: 'service' },
  { name: 'referral_source', type: 'Filter', label: 'Referral source', hint: 'Who made the referrals; Total for every source' },
  {
    name: 'referral_source_code',
    type: 'Filter',
    label: 'Referral source (code)',
    hint: 'The code the API uses, e.g. SOCIAL_WORKER; Total for every source',
    groupingColumn: 'referral_source',
  },
  { name: 'end_reason', type: 'Filter', label: 'Why the match ended', hint: 'Total for every reason' },
  {
    name: 'end_reason_code',
    type: 'Filter',
    label: 'Why the match ended (code)',
    hint: 'The code the API uses, e.g. PLANNED_ENDING; Total for every reason',
    groupingColumn: 'end_reason',
  },
  { name: 'referrals_received', type: 'Indicator', label: 'Referrals received', grouping: REFERRALS, unit: '', dp: 0 },
  {
    name: 'median_days_to_match',
    type: 'Indicator',
    label: 'Median days from acceptance to match, over referrals matched in the period',
    grouping: REFERRALS,
    unit: '',
    dp: 0,
  },
  { name: 'matches_started', type: 'Indicator', label: 'Matches started', grouping: MATCHES, unit: '', dp: 0 },
  { name: 'matches_ended', type: 'Indicator', label: 'Matches ended', grouping: MATCHES, unit: '', dp: 0 },
  {
    name: 'sustained_rate',
    type: 'Indicator',
    label: 'Matches still active a year after they started (of those started a year or more before the period end)',
    grouping: MATCHES,
    unit: '%',
    dp: 1,
  },
  {
    name: 'volunteers_approved',
    type: 'Indicator',
    label: 'Volunteers approved, with a valid DBS check, at the period end',
    grouping: VOLUNTEERS,
    unit: '',
    dp: 0,
  },
];

export const ACTIVITY_CSV_COLUMNS = [...TIME_AND_GEOGRAPHY_COLUMNS, ...ACTIVITY_COLUMNS.map((column) => column.name)];

const PERIODS: Record<string, PeriodType> = { MONTH: 'month', YEAR_TO_31_MARCH: 'year' };

/** A 31 March, the end of a year April..March. */
const isYearEnd = (text: string) => isMonthEnd(text) && text.slice(5) === '03-31';

const periodEnds = (periodType: PeriodType): PeriodEnds =>
  periodType === 'month'
    ? {
        plural: 'months',
        expected: 'a month end as YYYY-MM-DD, e.g. 2025-01-31',
        isEnd: isMonthEnd,
        read: (db, services) => readActivityPeriodEnds(db, services, 'month'),
        extraParameters: ['period'],
      }
    : {
        plural: 'years to 31 March',
        expected: 'a 31 March as YYYY-03-31, e.g. 2025-03-31, with period=YEAR_TO_31_MARCH',
        isEnd: isYearEnd,
        read: (db, services) => readActivityPeriodEnds(db, services, 'year'),
        extraParameters: ['period'],
      };

/** `period`: MONTH (the default) or YEAR_TO_31_MARCH; anything else is a FileQueryError. */
export function periodOf(req: Request): PeriodType {
  const given = req.query.period;
  if (given === undefined) return 'month';
  if (typeof given !== 'string' || !(given in PERIODS)) {
    throw new FileQueryError(
      `period must be MONTH or YEAR_TO_31_MARCH (omitted: MONTH); got ${quote(typeof given === 'string' ? given : JSON.stringify(given))}.`,
    );
  }
  return PERIODS[given];
}

/**
 * EES time columns: a month is its year and the month's name (as the coverage file); a year to
 * 31 March is EES's financial year, e.g. 202425 for April 2024 to March 2025.
 */
export function activityTimeColumns(periodType: PeriodType, periodEnd: string): [string, string] {
  if (periodType === 'month') return timeColumns(periodEnd);
  const year = Number(periodEnd.slice(0, 4));
  return [`${year - 1}${String(year).slice(2)}`, 'Financial year'];
}

/** One area's rows: the Total row, then one per source, then one per end reason. */
function* areaRows(prefix: string[], area: AreaActivity): Generator<string[]> {
  const cell = (figure: Figure) => figureCell(figure);
  yield [
    ...prefix,
    TOTAL,
    TOTAL,
    TOTAL,
    TOTAL,
    cell(area.referralsReceived),
    cell(area.medianDaysToMatch),
    cell(area.matchesStarted),
    cell(area.matchesEnded),
    cell(area.sustainedRate),
    cell(area.volunteersApproved),
  ];
  for (const source of REFERRAL_SOURCES) {
    yield [...prefix, SOURCE_NAME[source], source, TOTAL, TOTAL, cell(area.referralsBySource[source]), Z, Z, Z, Z, Z];
  }
  for (const reason of END_REASONS) {
    yield [...prefix, TOTAL, TOTAL, END_REASON_NAME[reason], reason, Z, Z, Z, cell(area.endingsByReason[reason]), Z, Z];
  }
}

type Councils = Map<string, LocalAuthority>;

/** One table's rows: England, the regions, the councils (by code). */
function* tableRows(table: ActivityTable, service: Service, periodType: PeriodType, periodEnd: string, councils: Councils): Generator<string[]> {
  const time = activityTimeColumns(periodType, periodEnd);
  const serviceCells = [service, SERVICE_NAME[service]];
  const england = [ENGLAND_CODE, 'England'];
  const regionName = new Map([...councils.values()].map((council) => [council.regionCode, council.regionName]));
  if (table.england) yield* areaRows([...time, 'National', ...england, Z, Z, Z, Z, Z, ...serviceCells], table.england);
  for (const region of table.regions) {
    yield* areaRows([...time, 'Regional', ...england, region.code, regionName.get(region.code) ?? region.code, Z, Z, Z, ...serviceCells], region);
  }
  for (const council of table.councils) {
    const la = councils.get(council.code);
    if (!la) continue;
    yield* areaRows([...time, 'Local authority', ...england, la.regionCode, la.regionName, la.oldCode, la.code, la.name, ...serviceCells], council);
  }
}

export async function councilActivityCsv(req: Request, res: Response, context: Context): Promise<void> {
  let selection;
  let periodType: PeriodType;
  try {
    periodType = periodOf(req);
    selection = await selectTables(context.db, req, periodEnds(periodType));
  } catch (error) {
    if (error instanceof FileQueryError) {
      res.status(400).type('text/plain').send(`${error.message}\n`);
      return;
    }
    throw error;
  }
  const load = (index: number) =>
    context.loaders.activityTable.load({ service: selection.tables[index].service, periodType, periodEnd: selection.tables[index].monthEnd });
  // The first table before the headers, so that a failure is still an error status.
  let table = await load(0);
  const codes = table?.councils.map((council) => council.code) ?? [];
  const rows = await context.loaders.councilByCode.loadMany(codes);
  const councils: Councils = new Map();
  for (const row of rows) {
    // A failed read fails the file before its headers (SERVICE_UNAVAILABLE when the database is).
    if (row instanceof Error) throw row;
    if (row) councils.set(row.code, LocalAuthority.fromRow(row as CouncilRow));
  }
  const base = periodType === 'month' ? 'council-activity-month' : 'council-activity-year-to-31-march';
  res.status(200);
  res.type('text/csv; charset=utf-8');
  res.setHeader('content-disposition', `attachment; filename="${dataFileName(base, audienceOf(context.principal), selection)}"`);
  const csv = stringify({ header: true, columns: ACTIVITY_CSV_COLUMNS });
  csv.pipe(res);
  try {
    for (let index = 0; index < selection.tables.length; index += 1) {
      if (index > 0) {
        // One table in memory at a time: the loader's copy of the last one is let go.
        context.loaders.activityTable.clearAll();
        table = await load(index);
      }
      if (!table) continue;
      const { service, monthEnd } = selection.tables[index];
      for (const row of tableRows(table, service, periodType, monthEnd, councils)) {
        if (!csv.write(row)) await once(csv, 'drain');
      }
    }
    csv.end();
  } catch (error) {
    // The status is sent: cut the download short rather than end it as if it were whole.
    context.logger.error({ err: error, requestId: context.requestId }, 'council activity file failed mid-stream');
    csv.unpipe(res);
    res.destroy(error as Error);
  }
}

export function councilActivityMetaCsv(_req: Request, res: Response): void {
  sendMeta(res, 'tandem-council-activity.meta.csv', ACTIVITY_COLUMNS);
}
