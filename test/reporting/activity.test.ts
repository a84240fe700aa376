import { request as httpRequest } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { Role } from '../../src/auth/roles';
import type { Principal } from '../../src/auth/viewer';
import type { ActivityRow } from '../../src/reporting/activity';
import { activityCell, activityTable, publishActivityTable } from '../../src/reporting/activity';
import { createActivityLoaders, readAllActivityTables } from '../../src/reporting/activity.queries';
import { ACTIVITY_FAMILIES, auditActivityTable, rangesOfFamily } from '../../src/reporting/activityAudit';
import { roundToTen } from '../../src/reporting/disclosure';
import { isProtected, loadSolver } from '../../src/reporting/disclosureAudit';
import { refreshReports } from '../../src/reporting/refresh';
import { analyst } from '../support/fixtures';
import { createTestDatabase, TestDatabase } from '../support/testDatabase';
import { TEST_ENVIRONMENT, TestServer, tokenFor } from '../support/testServer';
import { loadConfig } from '../../src/config';
import { AreaActivitySeriesDocument } from '../generated/graphql';
import { EndReason, IV, OperationalFixtures, ReferralSource } from './fixtures';

/**
 * `activity(period:)` (reports/METRICS.md "Per council, per service, over a period") on
 * councilComparison and areaTimeSeries, from hand-built referrals, matches and volunteers. Every
 * expected figure is recomputed here from the records inserted (recompute below), at council,
 * region (sums over councils, median pooled, rate from summed counts) and England level, for the
 * month of January 2025 and the year to 31 March 2025; then the disclosure-controlled version.
 */

const HARTLEPOOL = 'E06000001';
const MIDDLESBROUGH = 'E06000002';
const REDCAR = 'E06000003';
const STOCKTON = 'E06000004';
const DARLINGTON = 'E06000005';
const CAMDEN = 'E09000007';
const NORTH_EAST = 'E12000001';
const LONDON = 'E12000007';
const ENGLAND = 'E92000001';
const REGION_OF: Record<string, string> = {
  [HARTLEPOOL]: NORTH_EAST,
  [MIDDLESBROUGH]: NORTH_EAST,
  [REDCAR]: NORTH_EAST,
  [STOCKTON]: NORTH_EAST,
  [DARLINGTON]: NORTH_EAST,
  [CAMDEN]: LONDON,
};

const SOURCES: ReferralSource[] = [
  'SOCIAL_WORKER',
  'TEACHER',
  'FOSTER_CARER',
  'RESIDENTIAL_WORKER',
  'PERSONAL_ADVISER',
  'INDEPENDENT_REVIEWING_OFFICER',
  'SELF',
  'OTHER',
];
const REASONS: EndReason[] = ['CHILD_LEFT_CARE', 'CHILD_OBJECTED', 'VOLUNTEER_RESIGNED', 'COUNCIL_ENDED', 'PLANNED_ENDING', 'OTHER'];

/**
 * Per council: referrals received in January 2025 by source (accepted, never matched); referrals
 * of October 2024 matched in January 2025 after the given days; matches of 2023 ended in January
 * 2025 (so judged in 2024 and sustained) with their reasons; matches of 2023 ended within the year
 * (judged, not sustained).
 */
type Plan = { january: [ReferralSource, number][]; daysToMatch: number[]; endedInJanuary: [EndReason, number][]; shortMatches: number };
const PLANS: Record<string, Plan> = {
  [HARTLEPOOL]: {
    january: [
      ['SOCIAL_WORKER', 6],
      ['TEACHER', 3],
      ['SELF', 2],
      ['OTHER', 1],
    ],
    daysToMatch: [95, 100, 110, 120, 92, 97],
    endedInJanuary: [
      ['PLANNED_ENDING', 4],
      ['CHILD_OBJECTED', 1],
    ],
    shortMatches: 2,
  },
  [MIDDLESBROUGH]: {
    january: [
      ['SOCIAL_WORKER', 9],
      ['FOSTER_CARER', 5],
      ['TEACHER', 1],
    ],
    daysToMatch: [105, 115],
    endedInJanuary: [['PLANNED_ENDING', 7]],
    shortMatches: 1,
  },
  [REDCAR]: { january: [['SOCIAL_WORKER', 1]], daysToMatch: [], endedInJanuary: [['CHILD_LEFT_CARE', 1]], shortMatches: 0 },
  [STOCKTON]: {
    january: [
      ['SOCIAL_WORKER', 20],
      ['TEACHER', 7],
      ['RESIDENTIAL_WORKER', 6],
    ],
    daysToMatch: [91, 93, 95, 97, 99, 101, 103, 105, 107, 109],
    endedInJanuary: [
      ['PLANNED_ENDING', 10],
      ['VOLUNTEER_RESIGNED', 6],
      ['COUNCIL_ENDED', 2],
    ],
    shortMatches: 5,
  },
  [DARLINGTON]: {
    january: [
      ['SOCIAL_WORKER', 8],
      ['TEACHER', 2],
    ],
    daysToMatch: [100, 101, 102, 103, 104],
    endedInJanuary: [],
    shortMatches: 0,
  },
  [CAMDEN]: {
    january: [
      ['SOCIAL_WORKER', 5],
      ['SELF', 5],
    ],
    daysToMatch: [96, 98, 118],
    endedInJanuary: [['OTHER', 5]],
    shortMatches: 3,
  },
};

/** Volunteers: home council, approval and DBS dates (provider commissioned for independent visitors). */
const VOLUNTEERS: { council: string; approvedOn: string; dbsIssuedOn: string; count: number }[] = [
  { council: HARTLEPOOL, approvedOn: '2024-01-01', dbsIssuedOn: '2023-06-01', count: 3 },
  { council: MIDDLESBROUGH, approvedOn: '2024-05-01', dbsIssuedOn: '2024-04-01', count: 6 },
  // approved after January: in the year's figure, not January's
  { council: DARLINGTON, approvedOn: '2025-02-15', dbsIssuedOn: '2025-02-01', count: 1 },
  // DBS issued 2021-12-01 expired on 2024-12-01 (no update service): in neither
  { council: STOCKTON, approvedOn: '2022-01-01', dbsIssuedOn: '2021-12-01', count: 4 },
];

type MatchRecord = { startedOn: string; endedOn?: string; endReason?: EndReason };
type ReferralRecord = { council: string; source: ReferralSource; referredOn: string; acceptedOn: string; matches: MatchRecord[] };

const addDays = (date: string, days: number) => {
  const moved = new Date(`${date}T00:00:00Z`);
  moved.setUTCDate(moved.getUTCDate() + days);
  return moved.toISOString().slice(0, 10);
};
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

/** The records the plans describe, as inserted. */
function records(): ReferralRecord[] {
  const list: ReferralRecord[] = [];
  for (const [council, plan] of Object.entries(PLANS)) {
    let day = 0;
    for (const [source, count] of plan.january) {
      for (let index = 0; index < count; index += 1, day += 1) {
        const referredOn = addDays('2025-01-02', day % 25);
        list.push({ council, source, referredOn, acceptedOn: addDays(referredOn, 1), matches: [] });
      }
    }
    for (const days of plan.daysToMatch) {
      list.push({
        council,
        source: 'SOCIAL_WORKER',
        referredOn: '2024-10-01',
        acceptedOn: '2024-10-02',
        matches: [{ startedOn: addDays('2024-10-02', days) }],
      });
    }
    let ending = 0;
    for (const [reason, count] of plan.endedInJanuary) {
      for (let index = 0; index < count; index += 1, ending += 1) {
        list.push({
          council,
          source: 'TEACHER',
          referredOn: '2023-06-01',
          acceptedOn: '2023-06-05',
          matches: [{ startedOn: '2023-06-15', endedOn: addDays('2025-01-05', ending % 20), endReason: reason }],
        });
      }
    }
    for (let index = 0; index < plan.shortMatches; index += 1) {
      list.push({
        council,
        source: 'OTHER',
        referredOn: '2023-08-01',
        acceptedOn: '2023-08-02',
        matches: [{ startedOn: '2023-09-01', endedOn: '2024-03-01', endReason: 'PLANNED_ENDING' }],
      });
    }
  }
  return list;
}

type Expected = {
  periodStart: string;
  periodEnd: string;
  referralsReceived: number;
  referralsBySource: Record<string, number>;
  medianDaysToMatch: number | null;
  referralsMatched: number;
  matchesStarted: number;
  matchesEnded: number;
  endingsByReason: Record<string, number>;
  sustainedRate: number | null;
  sustainedJudged: number;
  sustainedCount: number;
  volunteersApproved: number;
};

const lowerMedian = (values: number[]) => (values.length === 0 ? null : [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]);
const rate = (count: number, base: number) => Math.round((1000 * count) / base) / 10;

/** METRICS.md's period metrics over the records of the given councils (one for a council; a region's or England's for an area). */
function recompute(councils: string[], periodStart: string, periodEnd: string): Expected {
  const within = (date: string | undefined) => date !== undefined && date >= periodStart && date <= periodEnd;
  const mine = records().filter((record) => councils.includes(record.council));
  const matches = mine.flatMap((record) => record.matches);
  const received = mine.filter((record) => within(record.referredOn));
  const matched = mine.filter((record) => within(record.matches.map((match) => match.startedOn).sort()[0]));
  const ended = matches.filter((match) => within(match.endedOn));
  // Judged 365 days after the start, on or before the period end; sustained if still active then.
  const judged = matches.filter((match) => addDays(match.startedOn, 365) <= periodEnd);
  const sustained = judged.filter((match) => !match.endedOn || match.endedOn > addDays(match.startedOn, 365));
  const volunteers = VOLUNTEERS.filter(
    (volunteer) =>
      councils.includes(volunteer.council) &&
      volunteer.approvedOn <= periodEnd &&
      volunteer.dbsIssuedOn <= periodEnd &&
      periodEnd < `${Number(volunteer.dbsIssuedOn.slice(0, 4)) + 3}${volunteer.dbsIssuedOn.slice(4)}`,
  ).reduce((total, volunteer) => total + volunteer.count, 0);
  return {
    periodStart,
    periodEnd,
    referralsReceived: received.length,
    referralsBySource: Object.fromEntries(SOURCES.map((source) => [source, received.filter((record) => record.source === source).length])),
    medianDaysToMatch: lowerMedian(matched.map((record) => daysBetween(record.acceptedOn, record.matches[0].startedOn))),
    referralsMatched: matched.length,
    matchesStarted: matches.filter((match) => within(match.startedOn)).length,
    matchesEnded: ended.length,
    endingsByReason: Object.fromEntries(REASONS.map((reason) => [reason, ended.filter((match) => match.endReason === reason).length])),
    sustainedRate: judged.length === 0 ? null : rate(sustained.length, judged.length),
    sustainedJudged: judged.length,
    sustainedCount: sustained.length,
    volunteersApproved: volunteers,
  };
}

const councilsOf = (area: string) => (area === ENGLAND ? Object.keys(PLANS) : Object.keys(PLANS).filter((code) => code === area || REGION_OF[code] === area));

type Figure = { value: number | null; status: string };
type Activity = {
  periodStart: string | null;
  periodEnd: string | null;
  referralsReceived: Figure;
  referralsBySource: { source: string; figure: Figure }[];
  medianDaysToMatch: Figure;
  matchesStarted: Figure;
  matchesEnded: Figure;
  endingsByReason: { reason: string; figure: Figure }[];
  sustainedRate: Figure;
  volunteersApproved: Figure;
};

const ACTIVITY = `periodStart periodEnd referralsReceived { value status } referralsBySource { source figure { value status } }
  medianDaysToMatch { value status } matchesStarted { value status } matchesEnded { value status }
  endingsByReason { reason figure { value status } } sustainedRate { value status } volunteersApproved { value status }`;
const BOTH = `month: activity { ${ACTIVITY} } year: activity(period: YEAR_TO_31_MARCH) { ${ACTIVITY} }`;

const COMPARISON = `query Comparison($service: Service!, $date: LocalDate) {
  councilComparison(service: $service, date: $date) {
    disclosureControlled
    england { childrenMatched { value } ${BOTH} }
    regions { regionCode ${BOTH} }
    councils { localAuthority { code } ${BOTH} }
  }
}`;
const COMPARISON_WITHOUT_ACTIVITY = `query ComparisonWithout($service: Service!, $date: LocalDate) {
  councilComparison(service: $service, date: $date) {
    disclosureControlled
    england { childrenMatched { value } }
    regions { regionCode }
    councils { localAuthority { code } }
  }
}`;
const SERIES = `query Series($areaCode: String!, $service: Service!, $from: LocalDate, $to: LocalDate) {
  areaTimeSeries(areaCode: $areaCode, service: $service, from: $from, to: $to) { date ${BOTH} }
}`;

type Row = { month: Activity; year: Activity };
type ComparisonData = {
  councilComparison: {
    disclosureControlled: boolean;
    england: Row;
    regions: (Row & { regionCode: string })[];
    councils: (Row & { localAuthority: { code: string } })[];
  };
};
type SeriesData = { areaTimeSeries: (Row & { date: string })[] };

/** The unsuppressed figures of an expectation, in the API's shape. */
function asFigures(expected: Expected): Activity {
  const okFigure = (value: number): Figure => ({ value, status: 'OK' });
  const orNotApplicable = (value: number | null): Figure => (value === null ? { value: null, status: 'NOT_APPLICABLE' } : okFigure(value));
  return {
    periodStart: expected.periodStart,
    periodEnd: expected.periodEnd,
    referralsReceived: okFigure(expected.referralsReceived),
    referralsBySource: SOURCES.map((source) => ({ source, figure: okFigure(expected.referralsBySource[source]) })),
    medianDaysToMatch: orNotApplicable(expected.medianDaysToMatch),
    matchesStarted: okFigure(expected.matchesStarted),
    matchesEnded: okFigure(expected.matchesEnded),
    endingsByReason: REASONS.map((reason) => ({ reason, figure: okFigure(expected.endingsByReason[reason]) })),
    sustainedRate: orNotApplicable(expected.sustainedRate),
    volunteersApproved: okFigure(expected.volunteersApproved),
  };
}

const JANUARY = ['2025-01-01', '2025-01-31'] as const;
/** The year to 31 March on or before 31 January 2025 ... */
const YEAR_BEFORE = ['2023-04-01', '2024-03-31'] as const;
/** ... and on or before 31 March 2025 (and 30 April 2025). */
const YEAR = ['2024-04-01', '2025-03-31'] as const;

let database: TestDatabase;
let server: TestServer;
let http: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.dataSource;
  const fixtures = new OperationalFixtures(db);
  for (const record of records()) {
    await fixtures.referral({
      council: record.council,
      service: IV,
      source: record.source,
      referredOn: record.referredOn,
      acceptedOn: record.acceptedOn,
      matches: record.matches,
    });
  }
  const provider = await fixtures.provider('Activity visitors', [{ council: HARTLEPOOL, service: IV, startsOn: '2020-01-01' }]);
  for (const volunteer of VOLUNTEERS) {
    for (let index = 0; index < volunteer.count; index += 1) {
      await fixtures.volunteer({
        providerId: provider,
        homeCouncil: volunteer.council,
        status: 'APPROVED',
        approvedOn: volunteer.approvedOn,
        dbsIssuedOn: volunteer.dbsIssuedOn,
      });
    }
  }
  const refreshed = await refreshReports(db);
  expect(refreshed.models.filter((model) => model.status === 'FAILED')).toEqual([]);
  expect(refreshed.status).toBe('SUCCEEDED');
  // Every council's activity for both periods, breakdowns and all, costs about 30,000 (each
  // breakdown is a list of 8 or 6 figures): over the default limit, which a dashboard meets by
  // selecting what it shows. These tests ask for everything, so they raise it.
  server = await TestServer.start(db, loadConfig({ ...TEST_ENVIRONMENT, MAX_QUERY_COST: '100000' }));
  http = await server.listen();
}, 300_000);

afterAll(async () => {
  await http?.close();
  await server?.stop();
  await database?.drop();
});

async function comparison(date: string, principal: Principal | null) {
  const result = await server.execute<ComparisonData, { service: string; date: string }>(COMPARISON, { service: IV, date }, principal);
  expect(result.errors).toBeUndefined();
  return { ...result.data!.councilComparison, statements: result.statements, sql: result.sql };
}

describe('activity for analysts: the period metrics recomputed from the records', () => {
  it('gives each council, region and England its month and year to 31 March, breakdowns, median and sustained rate included', async () => {
    const c = await comparison('2025-01-31', analyst);
    expect(c.disclosureControlled).toBe(false);
    const councilRow = (code: string) => c.councils.find((row) => row.localAuthority.code === code)!;
    const march = await comparison('2025-03-31', analyst);
    const yearRow = (code: string) => march.councils.find((row) => row.localAuthority.code === code)!;
    for (const code of Object.keys(PLANS)) {
      expect(councilRow(code).month).toEqual(asFigures(recompute([code], ...JANUARY)));
      expect(councilRow(code).year).toEqual(asFigures(recompute([code], ...YEAR_BEFORE)));
      expect(yearRow(code).year).toEqual(asFigures(recompute([code], ...YEAR)));
    }
    for (const region of [NORTH_EAST, LONDON]) {
      const row = c.regions.find((candidate) => candidate.regionCode === region)!;
      expect(row.month).toEqual(asFigures(recompute(councilsOf(region), ...JANUARY)));
      expect(row.year).toEqual(asFigures(recompute(councilsOf(region), ...YEAR_BEFORE)));
      expect(march.regions.find((candidate) => candidate.regionCode === region)!.year).toEqual(asFigures(recompute(councilsOf(region), ...YEAR)));
    }
    expect(c.england.month).toEqual(asFigures(recompute(councilsOf(ENGLAND), ...JANUARY)));
    expect(c.england.year).toEqual(asFigures(recompute(councilsOf(ENGLAND), ...YEAR_BEFORE)));
    expect(march.england.year).toEqual(asFigures(recompute(councilsOf(ENGLAND), ...YEAR)));
    // A council with no records has every count 0, a median and a rate that do not apply.
    const york = councilRow('E06000014').month;
    expect(york.referralsReceived).toEqual({ value: 0, status: 'OK' });
    expect(york.medianDaysToMatch.status).toBe('NOT_APPLICABLE');
    expect(york.sustainedRate.status).toBe('NOT_APPLICABLE');
  });

  it('works the numbers out as METRICS.md says (hand-checked values, so the recomputation itself is checked)', () => {
    const stockton = recompute([STOCKTON], ...JANUARY);
    expect(stockton.referralsReceived).toBe(33);
    expect(stockton.medianDaysToMatch).toBe(99); // lower median of 91..109 step 2
    expect(stockton.matchesEnded).toBe(18);
    expect(stockton.sustainedRate).toBe(78.3); // 18 of 23 judged
    const northEast = recompute(councilsOf(NORTH_EAST), ...JANUARY);
    // Pooled over 23 matched referrals, not the median of the councils' medians (97, 105, 99, 102 → 99).
    expect(northEast.referralsMatched).toBe(23);
    expect(northEast.medianDaysToMatch).toBe(101);
    expect(northEast.sustainedRate).toBe(79.5); // 31 of 39 judged
    expect(recompute([DARLINGTON], ...YEAR).volunteersApproved).toBe(1);
    expect(recompute([DARLINGTON], ...JANUARY).volunteersApproved).toBe(0);
  });

  it('gives each point of a series the activity of its month and year, as the comparison gives it', async () => {
    for (const area of [STOCKTON, NORTH_EAST, ENGLAND]) {
      const result = await server.execute<SeriesData, Record<string, string>>(
        SERIES,
        { areaCode: area, service: IV, from: '2024-12-31', to: '2025-04-30' },
        analyst,
      );
      expect(result.errors).toBeUndefined();
      const points = result.data!.areaTimeSeries;
      expect(points.map((point) => point.date)).toEqual(['2024-12-31', '2025-01-31', '2025-02-28', '2025-03-31', '2025-04-30']);
      const january = points[1];
      expect(january.month).toEqual(asFigures(recompute(councilsOf(area), ...JANUARY)));
      expect(january.year).toEqual(asFigures(recompute(councilsOf(area), ...YEAR_BEFORE)));
      // March and April 2025 read the year to 31 March 2025; February the year to 31 March 2024.
      expect(points[3].year).toEqual(asFigures(recompute(councilsOf(area), ...YEAR)));
      expect(points[4].year).toEqual(asFigures(recompute(councilsOf(area), ...YEAR)));
      expect(points[2].year).toEqual(asFigures(recompute(councilsOf(area), ...YEAR_BEFORE)));
      expect(points[2].month).toEqual(asFigures(recompute(councilsOf(area), '2025-02-01', '2025-02-28')));
    }
  });

  it('says the year to 31 March is not available before the first such year the reports hold', async () => {
    const c = await comparison('2021-06-30', analyst);
    const row = c.councils.find((council) => council.localAuthority.code === STOCKTON)!;
    expect(row.year.periodStart).toBeNull();
    expect(row.year.periodEnd).toBeNull();
    expect(row.year.referralsReceived.status).toBe('NOT_AVAILABLE');
    expect(row.year.referralsBySource.every((cell) => cell.figure.status === 'NOT_AVAILABLE')).toBe(true);
    expect(c.england.year.sustainedRate.status).toBe('NOT_AVAILABLE');
    // A period given as a variable, through the generated typed document: the same answer on a series point.
    const typed = await server.execute(
      AreaActivitySeriesDocument,
      { areaCode: STOCKTON, service: IV, from: '2021-06-30', to: '2021-06-30', period: 'YEAR_TO_31_MARCH' },
      analyst,
    );
    expect(typed.errors).toBeUndefined();
    expect(typed.data!.areaTimeSeries[0].activity).toMatchObject({
      periodStart: null,
      periodEnd: null,
      matchesEnded: { value: null, status: 'NOT_AVAILABLE' },
    });
    const typedYear = await server.execute(
      AreaActivitySeriesDocument,
      { areaCode: STOCKTON, service: IV, from: '2025-03-31', to: '2025-03-31', period: 'YEAR_TO_31_MARCH' },
      analyst,
    );
    expect(typedYear.data!.areaTimeSeries[0].activity).toEqual(asFigures(recompute([STOCKTON], ...YEAR)));
    // The month is held from the first reporting date.
    expect(row.month).toMatchObject({ periodStart: '2021-06-01', periodEnd: '2021-06-30', referralsReceived: { value: 0, status: 'OK' } });
  });

  it('reads the activity of a whole comparison, both periods, in at most one more statement (not one per council), and keeps it until the next refresh', async () => {
    const without = await server.execute(COMPARISON_WITHOUT_ACTIVITY, { service: IV, date: '2025-02-28' }, analyst);
    const withActivity = await server.execute(COMPARISON, { service: IV, date: '2025-02-28' }, analyst);
    expect(without.errors).toBeUndefined();
    expect(withActivity.errors).toBeUndefined();
    const activityStatements = (sql: string[]) => sql.filter((text) => text.includes('rollup_period_activity')).length;
    expect(activityStatements(without.sql)).toBe(0);
    // One statement for every table not yet published since the refresh (none when earlier tests
    // of this file asked for them), never one per council or per table.
    expect(activityStatements(withActivity.sql)).toBeLessThanOrEqual(1);
    // The generation read of the caches may fall in either request.
    const others = (sql: string[]) => sql.filter((text) => !text.includes('rollup_period_activity') && !text.includes('coalesce(max(refresh_run_id)')).length;
    expect(others(withActivity.sql)).toBe(others(without.sql));
    // Published tables are kept until the next refresh: asked again, none is read.
    const again = await server.execute(COMPARISON, { service: IV, date: '2025-02-28' }, analyst);
    expect(activityStatements(again.sql)).toBe(0);
    expect(again.data).toEqual(withActivity.data);
    const series = await server.execute(SERIES, { areaCode: STOCKTON, service: IV, from: '2022-01-31', to: '2025-03-31' }, null);
    expect(series.errors).toBeUndefined();
    expect(activityStatements(series.sql)).toBeLessThanOrEqual(1);
  });
});

describe('activity under disclosure control', () => {
  const status = (figure: Figure) => figure.status;

  it('withholds council counts from 1 to 4 from anonymous callers and shows them to analysts', async () => {
    const open = await comparison('2025-01-31', analyst);
    const controlled = await comparison('2025-01-31', null);
    expect(controlled.disclosureControlled).toBe(true);
    let small = 0;
    for (const row of controlled.councils) {
      const full = open.councils.find((candidate) => candidate.localAuthority.code === row.localAuthority.code)!;
      for (const period of ['month', 'year'] as const) {
        const pairs: [Figure, Figure][] = [
          [row[period].referralsReceived, full[period].referralsReceived],
          [row[period].matchesStarted, full[period].matchesStarted],
          [row[period].matchesEnded, full[period].matchesEnded],
          [row[period].volunteersApproved, full[period].volunteersApproved],
          ...row[period].referralsBySource.map((cell, index): [Figure, Figure] => [cell.figure, full[period].referralsBySource[index].figure]),
          ...row[period].endingsByReason.map((cell, index): [Figure, Figure] => [cell.figure, full[period].endingsByReason[index].figure]),
        ];
        for (const [shown, truth] of pairs) {
          if (truth.value! >= 1 && truth.value! <= 4) {
            small += 1;
            expect(shown).toEqual({ value: null, status: 'SUPPRESSED' });
          } else if (shown.status === 'OK') expect(shown.value).toBe(truth.value);
          else expect(shown.status).toBe('SUPPRESSED');
        }
      }
    }
    expect(small).toBeGreaterThan(5);
    const redcar = (data: typeof open) => data.councils.find((row) => row.localAuthority.code === REDCAR)!.month;
    expect(redcar(open).referralsReceived).toEqual({ value: 1, status: 'OK' });
    expect(redcar(controlled).referralsReceived.status).toBe('SUPPRESSED');
    // Redcar's sustained rate is over one judged match, Middlesbrough's median over two referrals.
    expect(redcar(open).sustainedRate).toEqual({ value: 100, status: 'OK' });
    expect(redcar(controlled).sustainedRate.status).toBe('SUPPRESSED');
    const middlesbrough = (data: typeof open) => data.councils.find((row) => row.localAuthority.code === MIDDLESBROUGH)!.month;
    expect(middlesbrough(open).medianDaysToMatch).toEqual({ value: 105, status: 'OK' });
    expect(middlesbrough(controlled).medianDaysToMatch.status).toBe('SUPPRESSED');
    // Stockton's median is over ten referrals: shown.
    const stockton = controlled.councils.find((row) => row.localAuthority.code === STOCKTON)!.month;
    expect(stockton.medianDaysToMatch).toEqual({ value: 99, status: 'OK' });
  });

  it('rounds region and England counts to 10 (LOW when not 0), breakdown cells included', async () => {
    const controlled = await comparison('2025-01-31', null);
    const northEast = controlled.regions.find((region) => region.regionCode === NORTH_EAST)!.month;
    const expected = recompute(councilsOf(NORTH_EAST), ...JANUARY);
    const rounded = (value: number): Figure =>
      value === 0 ? { value: 0, status: 'OK' } : roundToTen(value) === 0 ? { value: null, status: 'LOW' } : { value: roundToTen(value), status: 'OK' };
    expect(northEast.referralsReceived).toEqual(rounded(expected.referralsReceived));
    // A cell withheld for exactly one council of the region is withheld for the region (it would bound that council's).
    const members = controlled.councils.filter((row) => REGION_OF[row.localAuthority.code] === NORTH_EAST);
    const alone = (pick: (row: Row) => Figure) => members.filter((row) => pick(row).status === 'SUPPRESSED').length === 1;
    let withheldForRegion = 0;
    northEast.referralsBySource.forEach((cell, index) => {
      if (alone((row) => row.month.referralsBySource[index].figure)) {
        withheldForRegion += 1;
        expect(cell.figure.status).toBe('SUPPRESSED');
      } else expect(cell.figure).toEqual(rounded(expected.referralsBySource[cell.source]));
    });
    northEast.endingsByReason.forEach((cell, index) => {
      if (alone((row) => row.month.endingsByReason[index].figure)) {
        withheldForRegion += 1;
        expect(cell.figure.status).toBe('SUPPRESSED');
      } else expect(cell.figure).toEqual(rounded(expected.endingsByReason[cell.reason]));
    });
    // SELF (Hartlepool's 2) and FOSTER_CARER (Middlesbrough's 5, withheld beside its 1 from a teacher).
    expect(withheldForRegion).toBeGreaterThanOrEqual(2);
    expect(northEast.referralsBySource.find((cell) => cell.source === 'PERSONAL_ADVISER')!.figure).toEqual({ value: 0, status: 'OK' });
    expect(northEast.referralsBySource.find((cell) => cell.source === 'SOCIAL_WORKER')!.figure).toEqual(rounded(expected.referralsBySource.SOCIAL_WORKER));
    expect(northEast.matchesEnded).toEqual(rounded(expected.matchesEnded));
    // The rate from the rounded counts: 31 of 39 judged → 30 of 40.
    expect(northEast.sustainedRate).toEqual({ value: 75, status: 'OK' });
    expect(controlled.england.month.referralsReceived).toEqual(rounded(recompute(councilsOf(ENGLAND), ...JANUARY).referralsReceived));
  });

  it('leaves no withheld breakdown cell recoverable from its total or from its region', async () => {
    const controlled = await comparison('2025-01-31', null);
    const open = await comparison('2025-01-31', analyst);
    const councils = controlled.councils;
    let oneInRegion = 0;
    for (const period of ['month', 'year'] as const) {
      for (const [total, cells] of [
        [(row: Row) => row[period].referralsReceived, (row: Row) => row[period].referralsBySource.map((cell) => cell.figure)],
        [(row: Row) => row[period].matchesEnded, (row: Row) => row[period].endingsByReason.map((cell) => cell.figure)],
      ] as const) {
        for (const row of councils) {
          const withheld = cells(row).filter((cell) => status(cell) === 'SUPPRESSED').length;
          // Along the row: a published total with exactly one withheld cell would give it away.
          if (status(total(row)) === 'OK') expect(withheld).not.toBe(1);
          // A withheld total leaves no non-zero cell shown (they would add up to it).
          else expect(cells(row).filter((cell) => status(cell) === 'OK' && cell.value! > 0)).toEqual([]);
        }
        // Down each column, within each region: never exactly one withheld council.
        const columns = cells(councils[0]).length;
        for (const region of [NORTH_EAST, LONDON]) {
          // Councils without records have 0 everywhere, never withheld: the planned ones are the region's candidates.
          const members = councils.filter((row) => REGION_OF[row.localAuthority.code] === region);
          const regionRow = controlled.regions.find((candidate) => candidate.regionCode === region)!;
          for (let column = 0; column < columns; column += 1) {
            const withheld = members.filter((row) => status(cells(row)[column]) === 'SUPPRESSED').length;
            // One withheld council is the region's count less the others: unless the region's is withheld too.
            if (withheld === 1) {
              oneInRegion += 1;
              expect(status(cells(regionRow)[column])).toBe('SUPPRESSED');
            }
          }
        }
      }
    }
    // Hartlepool's 2 self-referrals are the only ones in the North East in January, so the region's are withheld.
    expect(oneInRegion).toBeGreaterThan(0);
    const month = (data: typeof controlled, code: string) => data.councils.find((row) => row.localAuthority.code === code)!.month;
    const cell = (data: typeof controlled, code: string, source: string) =>
      month(data, code).referralsBySource.find((entry) => entry.source === source)!.figure;
    // Along the row: Middlesbrough's 1 referral from a teacher is withheld, and with it its 5 from
    // foster carers (the next smallest of its row), though 5 is no small count; its total stays.
    expect(cell(open, MIDDLESBROUGH, 'TEACHER')).toEqual({ value: 1, status: 'OK' });
    expect(cell(open, MIDDLESBROUGH, 'FOSTER_CARER')).toEqual({ value: 5, status: 'OK' });
    expect(cell(controlled, MIDDLESBROUGH, 'TEACHER').status).toBe('SUPPRESSED');
    expect(cell(controlled, MIDDLESBROUGH, 'FOSTER_CARER').status).toBe('SUPPRESSED');
    // The rules leave its 9 from social workers, but the refresh's audit finds the teacher's and
    // foster carers' cells narrowed by their columns too, and withholds the 9, the row's next.
    expect(cell(open, MIDDLESBROUGH, 'SOCIAL_WORKER')).toEqual({ value: 9, status: 'OK' });
    expect(cell(controlled, MIDDLESBROUGH, 'SOCIAL_WORKER').status).toBe('SUPPRESSED');
    const [byAudit] = await database.dataSource.query(
      `select count(*)::int as n from reporting.activity_suppressions
       where service = $1 and period_type = 'month' and period_end = '2025-01-31' and area_code = $2 and cell = 'referralsReceived:SOCIAL_WORKER'`,
      [IV, MIDDLESBROUGH],
    );
    expect(byAudit.n).toBe(1);
    expect(month(controlled, MIDDLESBROUGH).referralsReceived).toEqual({ value: 15, status: 'OK' });
    // Down the column: Redcar's total of 1 is withheld, and with it Darlington's 10, the next
    // smallest in the North East; a withheld total takes its non-zero cells.
    expect(month(open, DARLINGTON).referralsReceived).toEqual({ value: 10, status: 'OK' });
    expect(month(controlled, DARLINGTON).referralsReceived.status).toBe('SUPPRESSED');
    expect(cell(controlled, DARLINGTON, 'SOCIAL_WORKER').status).toBe('SUPPRESSED');
    expect(cell(controlled, DARLINGTON, 'SELF')).toEqual({ value: 0, status: 'OK' });
  });
});

describe('council-activity.csv and its meta file', () => {
  const TIME_AND_GEOGRAPHY = [
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
  ];
  type Meta = Record<
    'col_name' | 'col_type' | 'label' | 'indicator_grouping' | 'indicator_unit' | 'indicator_dp' | 'filter_hint' | 'filter_grouping_column',
    string
  >;
  const get = async (path: string, token?: string): Promise<Response> => {
    const send = () => fetch(`${http.url}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : undefined);
    try {
      return await send();
    } catch (error) {
      // A kept-alive socket the server closed while the previous test was still checking its big
      // file (Node's keep-alive timeout is 5 s) resets the next request once: send it again.
      if ((error as { cause?: { code?: string } }).cause?.code !== 'ECONNRESET') throw error;
      return send();
    }
  };
  async function file(path: string, token?: string) {
    const response = await get(path, token);
    const text = await response.text();
    expect({ status: response.status, text: response.status === 200 ? '' : text }).toEqual({ status: 200, text: '' });
    return { response, header: parse(text, { to_line: 1 })[0] as string[], rows: parse(text, { columns: true }) as Record<string, string>[] };
  }
  async function meta(): Promise<Meta[]> {
    const response = await get('/reports/council-activity.meta.csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="tandem-council-activity.meta.csv"');
    return parse(await response.text(), { columns: true }) as Meta[];
  }
  const analystToken = () => tokenFor({ sub: 'activity-analyst', role: Role.NATIONAL_ANALYST });
  const total = (rows: Record<string, string>[], code: string, extra: Record<string, string> = {}) =>
    rows.filter(
      (row) =>
        (row.new_la_code === code || (row.new_la_code === 'z' && row.region_code === code) || (code === ENGLAND && row.geographic_level === 'National')) &&
        Object.entries({ referral_source_code: 'Total', end_reason_code: 'Total', ...extra }).every(([column, value]) => row[column] === value),
    );

  it('keeps every cell to its meta file: EES columns, numbers or c/x/z/low in indicators, z where a row or level has no value', async () => {
    const columns = await meta();
    expect(Object.keys(columns[0])).toEqual([
      'col_name',
      'col_type',
      'label',
      'indicator_grouping',
      'indicator_unit',
      'indicator_dp',
      'filter_hint',
      'filter_grouping_column',
    ]);
    const { header, rows } = await file('/reports/council-activity.csv?from=2024-12-31&to=2025-02-28');
    expect(header).toEqual([...TIME_AND_GEOGRAPHY, ...columns.map((column) => column.col_name)]);
    expect(header).toEqual(expect.arrayContaining(['referral_source', 'end_reason', 'referrals_received', 'matches_ended', 'sustained_rate']));
    // 3 months × 2 services × (England + 9 regions + 153 councils) × (Total + 8 sources + 6 reasons)
    expect(rows).toHaveLength(3 * 2 * 163 * 15);
    const sourceLabels = new Set(rows.map((row) => row.referral_source));
    expect(sourceLabels).toEqual(
      new Set([
        'Total',
        'Social worker',
        'Teacher',
        'Foster carer',
        'Residential worker',
        'Personal adviser',
        'Independent reviewing officer',
        'Self-referral',
        'Other source',
      ]),
    );
    expect(new Set(rows.map((row) => row.referral_source_code))).toEqual(new Set(['Total', ...SOURCES]));
    expect(new Set(rows.map((row) => row.end_reason_code))).toEqual(new Set(['Total', ...REASONS]));
    for (const column of columns) {
      expect(['Filter', 'Indicator']).toContain(column.col_type);
      expect(column.label).not.toBe('');
      const values = rows.map((row) => row[column.col_name]);
      expect(values.filter((value) => value === '')).toEqual([]);
      if (column.col_type === 'Indicator') {
        expect(['', '%']).toContain(column.indicator_unit);
        const dp = Number(column.indicator_dp);
        const number = dp === 0 ? /^\d+$/ : new RegExp(`^\\d+(\\.\\d{1,${dp}})?$`);
        expect(values.filter((value) => !number.test(value) && !['c', 'x', 'z', 'low'].includes(value))).toEqual([]);
      } else {
        expect(column.indicator_grouping + column.indicator_unit + column.indicator_dp).toBe('');
        if (column.filter_grouping_column) expect(header).toContain(column.filter_grouping_column);
      }
    }
    // A source row carries referrals only; a reason row endings only; z for the rest.
    const indicators = columns.filter((column) => column.col_type === 'Indicator').map((column) => column.col_name);
    for (const row of rows) {
      const applies = row.referral_source !== 'Total' ? ['referrals_received'] : row.end_reason !== 'Total' ? ['matches_ended'] : indicators;
      for (const indicator of indicators) if (!applies.includes(indicator)) expect(row[indicator]).toBe('z');
    }
    // z where a level has no value: England has no region, regions no council.
    const england = rows.find((row) => row.geographic_level === 'National')!;
    expect([england.country_code, england.region_code, england.la_name]).toEqual(['E92000001', 'z', 'z']);
    const region = rows.find((row) => row.geographic_level === 'Regional')!;
    expect([region.region_code === 'z', region.new_la_code]).toEqual([false, 'z']);
    expect(new Set(rows.map((row) => `${row.time_period} ${row.time_identifier}`))).toEqual(new Set(['2024 December', '2025 January', '2025 February']));
  });

  it('gives the analyst the numbers GraphQL gives, and the public the same disclosure-controlled cells, naming the audience in the file name', async () => {
    const path = '/reports/council-activity.csv?service=INDEPENDENT_VISITOR&date=2025-01-31';
    const open = await file(path, await analystToken());
    expect(open.response.headers.get('content-disposition')).toBe(
      'attachment; filename="tandem-council-activity-month-unsuppressed-independent-visitor-2025-01-31.csv"',
    );
    const stockton = recompute([STOCKTON], ...JANUARY);
    const [stocktonTotal] = total(open.rows, STOCKTON);
    expect(stocktonTotal).toMatchObject({
      referrals_received: String(stockton.referralsReceived),
      median_days_to_match: String(stockton.medianDaysToMatch),
      matches_started: String(stockton.matchesStarted),
      matches_ended: String(stockton.matchesEnded),
      sustained_rate: String(stockton.sustainedRate),
      volunteers_approved: String(stockton.volunteersApproved),
      service_name: 'Independent visitor',
    });
    for (const source of SOURCES) {
      expect(total(open.rows, STOCKTON, { referral_source_code: source })[0]?.referrals_received ?? 'missing').toBe(String(stockton.referralsBySource[source]));
    }
    expect(total(open.rows, STOCKTON, { end_reason_code: 'VOLUNTEER_RESIGNED' })[0].matches_ended).toBe('6');
    const northEast = recompute(councilsOf(NORTH_EAST), ...JANUARY);
    expect(total(open.rows, NORTH_EAST)[0].referrals_received).toBe(String(northEast.referralsReceived));
    expect(total(open.rows, NORTH_EAST)[0].median_days_to_match).toBe('101');

    const controlled = await file(path);
    expect(controlled.response.headers.get('content-disposition')).toBe(
      'attachment; filename="tandem-council-activity-month-public-independent-visitor-2025-01-31.csv"',
    );
    const graphql = await comparison('2025-01-31', null);
    const symbol = (figure: Figure) =>
      figure.status === 'OK' ? String(figure.value) : { SUPPRESSED: 'c', LOW: 'low', NOT_APPLICABLE: 'z', NOT_AVAILABLE: 'x' }[figure.status];
    for (const code of Object.keys(PLANS)) {
      const row = graphql.councils.find((council) => council.localAuthority.code === code)!.month;
      expect(total(controlled.rows, code)[0]).toMatchObject({
        referrals_received: symbol(row.referralsReceived),
        median_days_to_match: symbol(row.medianDaysToMatch),
        matches_ended: symbol(row.matchesEnded),
        sustained_rate: symbol(row.sustainedRate),
      });
      for (const cell of row.referralsBySource) {
        expect(total(controlled.rows, code, { referral_source_code: cell.source })[0].referrals_received).toBe(symbol(cell.figure));
      }
      for (const cell of row.endingsByReason) expect(total(controlled.rows, code, { end_reason_code: cell.reason })[0].matches_ended).toBe(symbol(cell.figure));
    }
    expect(total(controlled.rows, REDCAR)[0].referrals_received).toBe('c');
    expect(total(controlled.rows, HARTLEPOOL, { referral_source_code: 'SELF' })[0].referrals_received).toBe('c');
    expect(total(controlled.rows, ENGLAND)[0].referrals_received).toBe(String(roundToTen(recompute(councilsOf(ENGLAND), ...JANUARY).referralsReceived)));
  });

  it('serves the year to 31 March as an EES financial year, the latest by default', async () => {
    const year = await file('/reports/council-activity.csv?service=INDEPENDENT_VISITOR&period=YEAR_TO_31_MARCH&date=2025-03-31', await analystToken());
    expect(new Set(year.rows.map((row) => `${row.time_period} ${row.time_identifier}`))).toEqual(new Set(['202425 Financial year']));
    expect(total(year.rows, MIDDLESBROUGH)[0].volunteers_approved).toBe(String(recompute([MIDDLESBROUGH], ...YEAR).volunteersApproved));
    expect(total(year.rows, STOCKTON)[0].referrals_received).toBe(String(recompute([STOCKTON], ...YEAR).referralsReceived));
    const latest = await file('/reports/council-activity.csv?period=YEAR_TO_31_MARCH');
    const latestYears = new Set(latest.rows.map((row) => row.time_period));
    expect(latestYears.size).toBe(1);
    expect(latest.response.headers.get('content-disposition')).toMatch(/tandem-council-activity-year-to-31-march-public-all-services-\d{4}-03-31\.csv/);
    expect(new Set(latest.rows.map((row) => row.service))).toEqual(new Set(['INDEPENDENT_VISITOR', 'MENTORING']));
  });

  it('answers a repeat with 304 and compresses, as the coverage file', async () => {
    const path = '/reports/council-activity.csv?service=MENTORING&date=2025-01-31';
    const first = await get(path);
    expect(first.status).toBe(200);
    await first.text();
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    expect(first.headers.get('cache-control')).toMatch(/max-age/);
    const again = await fetch(`${http.url}${path}`, { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    // Raw HTTP, so that the body is seen as sent: gzip when asked for, the same CSV inside.
    const gzipped = await new Promise<{ encoding: string | undefined; body: Buffer }>((resolve, reject) => {
      const request = httpRequest(`${http.url}${path}`, { headers: { 'accept-encoding': 'gzip' } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ encoding: response.headers['content-encoding'], body: Buffer.concat(chunks) }));
      });
      request.on('error', reject);
      request.end();
    });
    expect(gzipped.encoding).toBe('gzip');
    expect(gunzipSync(gzipped.body).toString('utf8')).toBe(await (await get(path)).text());
  });

  it.each([
    ['period=WEEK', /^period must be MONTH or YEAR_TO_31_MARCH \(omitted: MONTH\); got "WEEK"\.$/],
    [
      'period=YEAR_TO_31_MARCH&date=2025-01-31',
      /^date must be a 31 March as YYYY-03-31, e\.g\. 2025-03-31, with period=YEAR_TO_31_MARCH, or latest; got "2025-01-31"\.$/,
    ],
    ['date=2025-01-30', /^date must be a month end as YYYY-MM-DD, e\.g\. 2025-01-31, or latest; got "2025-01-30"\.$/],
    ['from=2025-13-01', /^from must be a date as YYYY-MM-DD, e\.g\. 2025-03-31; got "2025-13-01"\.$/],
    ['to=yesterday', /^to must be a date as YYYY-MM-DD/],
    ['from=2025-03-01&to=2025-01-01', /^from \(2025-03-01\) must not be after to \(2025-01-01\)\.$/],
    ['from=2010-01-01&to=2010-12-31', /^No figures from 2010-01-01 to 2010-12-31: reporting dates available are between 2021-03-31 and /],
    ['service=KNITTING', /^service must be one of INDEPENDENT_VISITOR, MENTORING, or omitted for both; got "KNITTING"\.$/],
    ['colour=blue', /^Unknown query parameter "colour": expected service, period, date, or from and to\.$/],
  ])('refuses %s with 400 and says what was expected', async (query, message) => {
    const response = await get(`/reports/council-activity.csv?${query}`);
    expect(response.status).toBe(400);
    expect((await response.text()).trim()).toMatch(message);
  });
});

describe('the intruder audit of the activity tables', () => {
  /** A council row of rollup_period_activity with only matches started set. */
  const row = (code: string, level: 'council' | 'region' | 'england', regionCode: string | null, matchesStarted: number): ActivityRow => ({
    geographic_level: level,
    area_code: code,
    region_code: regionCode,
    service: IV,
    period_type: 'month',
    period_start: '2025-01-01',
    period_end: '2025-01-31',
    referrals_received: 0,
    referrals_by_source: {},
    median_days_to_match: null,
    referrals_matched: 0,
    matches_started: matchesStarted,
    matches_ended: 0,
    matches_ended_by_reason: {},
    sustained_rate: null,
    sustained_judged: 0,
    sustained_count: 0,
    volunteers_approved: 0,
  });

  it('finds two small councils bounded by their region’s LOW count, and withholds the next smallest until they are protected', async () => {
    // Hartlepool 1 and Middlesbrough 2 are both withheld (no single one in the region), but the
    // region's 3 rounds to LOW (1 to 4): each could only be 1 to 3.
    const table = activityTable([
      row(HARTLEPOOL, 'council', NORTH_EAST, 1),
      row(MIDDLESBROUGH, 'council', NORTH_EAST, 2),
      row(NORTH_EAST, 'region', NORTH_EAST, 3),
      row(ENGLAND, 'england', null, 3),
    ]);
    const solver = await loadSolver();
    const { table: published, suppressions } = publishActivityTable(table, 'PUBLIC');
    const before = rangesOfFamily(solver, published, suppressions, ACTIVITY_FAMILIES[0], { solves: 0 });
    expect(before.map((range) => [range.councilCode, range.lo, range.hi])).toEqual([
      [HARTLEPOOL, 1, 3],
      [MIDDLESBROUGH, 1, 3],
    ]);
    // With Redcar's 20 beside them, the region reads 20 (15 to 24): the audit withholds Redcar too.
    const wider = activityTable([
      row(HARTLEPOOL, 'council', NORTH_EAST, 1),
      row(MIDDLESBROUGH, 'council', NORTH_EAST, 2),
      row(REDCAR, 'council', NORTH_EAST, 20),
      row(NORTH_EAST, 'region', NORTH_EAST, 23),
      row(ENGLAND, 'england', null, 23),
    ]);
    const audit = auditActivityTable(solver, wider);
    const rules = publishActivityTable(wider, 'PUBLIC');
    const withoutAudit = rangesOfFamily(solver, rules.table, rules.suppressions, ACTIVITY_FAMILIES[0], { solves: 0 });
    expect(withoutAudit.every((range) => range.hi <= 20)).toBe(true); // no larger than Redcar's shown 20
    expect(audit.unresolved).toEqual([]);
    expect(audit.audited).toEqual([{ cell: 'matchesStarted', councilCode: REDCAR }]);
    expect(audit.ranges.every((range) => range.hi - range.lo + 1 >= 5 && range.hi >= 5)).toBe(true);
  });

  it('leaves every withheld value of the hand-built tables at least 5 wide and reaching 5, breakdowns included', async () => {
    const tables = await readAllActivityTables(database.dataSource);
    const january = tables.find((entry) => entry.service === IV && entry.periodType === 'month' && entry.table.england?.periodEnd === '2025-01-31')!;
    const audit = auditActivityTable(await loadSolver(), january.table);
    expect(audit.ranges.length).toBeGreaterThan(10);
    expect(audit.ranges.filter((range) => range.cell.includes(':')).length).toBeGreaterThan(0);
    expect(audit.unresolved).toEqual([]);
    const of2025 = tables.filter((entry) => entry.service === IV && entry.table.england?.periodEnd?.startsWith('2025-0'));
    expect(of2025.length).toBeGreaterThan(0);
    for (const { table } of of2025) expect(auditActivityTable(await loadSolver(), table).unresolved).toEqual([]);
  }, 120_000);

  it('solves linear programmes whose ranges are the integer programmes’ (rows and columns are totally unimodular)', async () => {
    const solver = await loadSolver();
    let compared = 0;
    for (const { table } of await readAllActivityTables(database.dataSource)) {
      const { table: published, suppressions } = publishActivityTable(table, 'PUBLIC');
      for (const family of ACTIVITY_FAMILIES) {
        const linear = rangesOfFamily(solver, published, suppressions, family, { solves: 0 }, { exact: true });
        const whole = rangesOfFamily(solver, published, suppressions, family, { solves: 0 }, { exact: true, integer: true });
        expect(linear).toEqual(whole);
        compared += linear.length;
      }
    }
    expect(compared).toBeGreaterThan(100);
  }, 120_000);

  it('withholds the same cells whether it solves every bound or skips those its solutions already show safe', async () => {
    const solver = await loadSolver();
    let exactSolves = 0;
    let quickSolves = 0;
    for (const { table } of await readAllActivityTables(database.dataSource)) {
      const exact = auditActivityTable(solver, table, { exact: true });
      const quick = auditActivityTable(solver, table);
      expect(quick.audited).toEqual(exact.audited);
      expect(quick.unresolved.map((range) => range.cell + range.councilCode)).toEqual(exact.unresolved.map((range) => range.cell + range.councilCode));
      exactSolves += exact.solves;
      quickSolves += quick.solves;
    }
    expect(quickSolves).toBeLessThan(exactSolves);
  }, 120_000);

  it('serves every table with the refresh’s audit applied: no withheld value can be narrowed below the requirement', async () => {
    const solver = await loadSolver();
    const stored: { service: string; period_type: string; period_end: string; cell: string; area_code: string }[] = await database.dataSource.query(
      `select service, period_type, period_end::text as period_end, cell, area_code from reporting.activity_suppressions order by 1, 2, 3, 4, 5`,
    );
    const loaders = createActivityLoaders(database.dataSource, null);
    let audited = 0;
    let checked = 0;
    for (const { service, periodType, table } of await readAllActivityTables(database.dataSource)) {
      const periodEnd = table.england!.periodEnd!;
      // What the refresh stored is what the audit withholds for this table.
      const expected = auditActivityTable(solver, table).audited.map((entry) => `${entry.cell}|${entry.councilCode}`);
      const mine = stored.filter((row) => row.service === service && row.period_type === periodType && row.period_end === periodEnd);
      expect(mine.map((row) => `${row.cell}|${row.area_code}`).sort()).toEqual(expected.sort());
      audited += mine.length;
      // And the table as an anonymous caller gets it leaves every withheld value protected.
      const served = (await loaders.activityTable.load({ service, periodType, periodEnd }))!;
      for (const row of mine) {
        const area = [...served.councils, ...served.regions, served.england!].find((candidate) => candidate.code === row.area_code)!;
        expect(activityCell(area, row.cell).status).toBe('SUPPRESSED');
      }
      const suppressions = publishActivityTable(
        table,
        'PUBLIC',
        mine.map((row) => ({ cell: row.cell, councilCode: row.area_code })),
      ).suppressions;
      for (const family of ACTIVITY_FAMILIES) {
        const ranges = rangesOfFamily(solver, served, suppressions, family, { solves: 0 }, { exact: true });
        expect(ranges.filter((range) => !isProtected(range))).toEqual([]);
        checked += ranges.length;
      }
    }
    expect(audited).toBeGreaterThan(0);
    expect(checked).toBeGreaterThan(100);
  }, 120_000);
});
