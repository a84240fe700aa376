import type { DataSource } from 'typeorm';
import type { Principal } from '../../src/auth/viewer';
import { todayInLondon } from '../../src/graphql/dates';
import { ratePercent } from '../../src/reporting/disclosure';
import { refreshReports } from '../../src/reporting/refresh';
import { admin, analyst, researcher } from '../support/fixtures';
import { createTestDatabase, TestDatabase } from '../support/testDatabase';
import { TestServer } from '../support/testServer';
import { IV, MENTORING, OperationalFixtures } from './fixtures';

/**
 * reportingDates, councilComparison without a date, childrenLookedAfterYear and areaTimeSeries
 * (a council, a region, England) on hand-built records; every expected figure is worked out here
 * from the records and the shipped official counts (reporting years 2021 to 2025).
 */

const HARTLEPOOL = 'E06000001';
const MIDDLESBROUGH = 'E06000002';
const CAMDEN = 'E09000007';
const NORTH_EAST = 'E12000001';
const LONDON = 'E12000007';
const ENGLAND = 'E92000001';
const CUMBRIA = 'E10000006';

const FIGURES = `childrenLookedAfter { value status } childrenMatched { value status } coverageRate { value status }
  waiting { value status } hasWaitingList medianWaitDays { value status } p90WaitDays { value status } childrenLookedAfterYear`;

const SERIES = `query Series($areaCode: String!, $service: Service!, $from: LocalDate, $to: LocalDate) {
  areaTimeSeries(areaCode: $areaCode, service: $service, from: $from, to: $to) { date rank quartile figures { ${FIGURES} } }
}`;

const COMPARISON = `query Comparison($service: Service!, $date: LocalDate) {
  councilComparison(service: $service, date: $date) {
    date disclosureControlled refreshedAt
    england { ${FIGURES} }
    regions { regionCode figures { ${FIGURES} } }
    councils { localAuthority { code } rank quartile statisticalNeighbourMedianRate { value status } figures { ${FIGURES} } }
  }
}`;

type FigureAnswer = { value: number | null; status: string };
type Figures = Record<'childrenLookedAfter' | 'childrenMatched' | 'coverageRate' | 'waiting' | 'medianWaitDays' | 'p90WaitDays', FigureAnswer> & {
  hasWaitingList: boolean | null;
  childrenLookedAfterYear: number | null;
};
type Point = { date: string; rank: number | null; quartile: number | null; figures: Figures };
type Comparison = {
  date: string;
  disclosureControlled: boolean;
  refreshedAt: string | null;
  england: Figures;
  regions: { regionCode: string; figures: Figures }[];
  councils: { localAuthority: { code: string }; rank: number | null; quartile: number | null; figures: Figures }[];
};

let database: TestDatabase;
let db: DataSource;
let server: TestServer;

/** The last month end on or before today (London), as the reporting dates run. */
function lastMonthEnd(): string {
  const today = todayInLondon();
  const start = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
  const end = new Date(start);
  end.setUTCMonth(end.getUTCMonth() + 1);
  end.setUTCDate(0);
  if (end.toISOString().slice(0, 10) <= today) return end.toISOString().slice(0, 10);
  start.setUTCDate(0);
  return start.toISOString().slice(0, 10);
}

/** Every month end from 31 March 2021 to `last`. */
function monthEndsTo(last: string): string[] {
  const ends: string[] = [];
  for (let month = new Date(Date.UTC(2021, 2, 1)); ; month.setUTCMonth(month.getUTCMonth() + 1)) {
    const end = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
    if (end > last) return ends;
    ends.push(end);
  }
}

/** Official counts at 31 March of `year` of the current councils that have a number (status OK), by code. */
async function officialCounts(year: number): Promise<Map<string, { count: number; region: string }>> {
  const rows: { code: string; region_code: string; children_count: number }[] = await db.query(
    `select c.code, c.region_code, s.children_count from councils c
     join official_statistics s on s.council_code = c.code and s.geographic_level = 'Local authority'
       and s.measure = 'Children looked after on 31 March each year' and s.time_period = $1::integer
     where c.is_current and s.children_count is not null`,
    [year],
  );
  return new Map(rows.map((row) => [row.code, { count: row.children_count, region: row.region_code }]));
}

const ok = (value: number) => ({ value, status: 'OK' });
const notAvailable = { value: null, status: 'NOT_AVAILABLE' };

async function series(areaCode: string, principal: Principal | null, from?: string, to?: string) {
  return server.execute<{ areaTimeSeries: Point[] }, Record<string, unknown>>(SERIES, { areaCode, service: IV, from, to }, principal);
}

async function points(areaCode: string, principal: Principal | null, from?: string, to?: string): Promise<Point[]> {
  const result = await series(areaCode, principal, from, to);
  expect(result.errors).toBeUndefined();
  return result.data!.areaTimeSeries;
}

async function comparison(principal: Principal | null, date?: string): Promise<Comparison> {
  const result = await server.execute<{ councilComparison: Comparison }, Record<string, unknown>>(COMPARISON, { service: IV, date }, principal);
  expect(result.errors).toBeUndefined();
  return result.data!.councilComparison;
}

/** Rank (1 = highest, ties share the lower rank) and quartile of `rate` among `rates`, as METRICS.md defines them. */
function rankAmong(rate: number, rates: number[]): { rank: number; quartile: number } {
  const rank = 1 + rates.filter((other) => other > rate).length;
  return { rank, quartile: Math.ceil((4 * rank) / rates.length) };
}

let fixtures: OperationalFixtures;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.dataSource;
  fixtures = new OperationalFixtures(db);
  // Hartlepool (North East): six children referred in December 2023, matched from 10 January 2024;
  // a seventh accepted on 20 January 2024 waits for good.
  for (let child = 0; child < 6; child += 1) {
    await fixtures.referral({ council: HARTLEPOOL, referredOn: '2023-12-20', acceptedOn: '2024-01-02', matches: [{ startedOn: '2024-01-10' }] });
  }
  await fixtures.referral({ council: HARTLEPOOL, referredOn: '2024-01-15', acceptedOn: '2024-01-20' });
  // Middlesbrough (North East): two children matched from 5 March 2024.
  for (let child = 0; child < 2; child += 1) {
    await fixtures.referral({ council: MIDDLESBROUGH, referredOn: '2024-02-01', acceptedOn: '2024-02-05', matches: [{ startedOn: '2024-03-05' }] });
  }
  // Camden (London): twelve children referred in January 2024, matched from 10 February 2024.
  for (let child = 0; child < 12; child += 1) {
    await fixtures.referral({ council: CAMDEN, referredOn: '2024-01-15', acceptedOn: '2024-01-20', matches: [{ startedOn: '2024-02-10' }] });
  }
  const refreshed = await refreshReports(db);
  expect(refreshed.status).toBe('SUCCEEDED');
  server = await TestServer.start(db);
}, 240_000);

afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

describe('reportingDates', () => {
  it('gives every month end from 31 March 2021 to the last one before today, the latest 31 March and the refresh time', async () => {
    const latest = lastMonthEnd();
    const expected = monthEndsTo(latest);
    const latestYearEnd = expected.filter((date) => date.endsWith('-03-31')).pop();
    for (const service of [IV, MENTORING, null]) {
      const result = await server.execute<
        { reportingDates: { earliest: string; latest: string; latestYearEnd: string | null; monthEnds: string[]; refreshedAt: string | null } },
        Record<string, unknown>
      >('query Dates($service: Service) { reportingDates(service: $service) { earliest latest latestYearEnd monthEnds refreshedAt } }', { service }, null);
      expect(result.errors).toBeUndefined();
      const dates = result.data!.reportingDates;
      expect(dates).toMatchObject({ earliest: '2021-03-31', latest, latestYearEnd, monthEnds: expected });
      expect(dates.refreshedAt).not.toBeNull();
    }
  });
});

describe('councilComparison without a date', () => {
  it('is the comparison of the latest month end, for every audience', async () => {
    const latest = lastMonthEnd();
    for (const principal of [analyst, researcher, null]) {
      const withoutDate = await comparison(principal);
      expect(withoutDate.date).toBe(latest);
      expect(withoutDate).toEqual(await comparison(principal, latest));
    }
  });
});

describe('childrenLookedAfterYear', () => {
  it('is the year of the official count the rate uses: 2025 for a 2026 date, since no 2026 count is held', async () => {
    const latest = lastMonthEnd();
    expect(latest >= '2026-03-31').toBe(true); // the case this test is for: a 31 March passed without its count
    const counts2025 = await officialCounts(2025);
    const latestComparison = await comparison(analyst, latest);
    const hartlepool = latestComparison.councils.find((council) => council.localAuthority.code === HARTLEPOOL)!;
    // Hartlepool on the latest date: six children matched over 2025's count.
    const count = counts2025.get(HARTLEPOOL)!.count;
    expect(hartlepool.figures).toMatchObject({
      childrenLookedAfterYear: 2025,
      childrenLookedAfter: ok(count),
      childrenMatched: ok(6),
      coverageRate: ok(ratePercent(6, count)),
    });
    expect(latestComparison.councils.every((council) => council.figures.childrenLookedAfterYear === 2025)).toBe(true);
    expect(latestComparison.england.childrenLookedAfterYear).toBe(2025);
    expect(latestComparison.regions.every((region) => region.figures.childrenLookedAfterYear === 2025)).toBe(true);
    // Before 31 March 2024, the 2023 count; from it, the 2024 count.
    const [february, march] = await points(HARTLEPOOL, analyst, '2024-02-29', '2024-03-31');
    expect(february.figures.childrenLookedAfterYear).toBe(2023);
    expect(march.figures.childrenLookedAfterYear).toBe(2024);
    // Cumberland did not exist on 31 March 2023: its 2023 figure is z, the year still 2023.
    const cumberland = (await comparison(analyst, '2023-06-30')).councils.find((council) => council.localAuthority.code === 'E06000063')!;
    expect(cumberland.figures).toMatchObject({
      childrenLookedAfterYear: 2023,
      childrenLookedAfter: { value: null, status: 'NOT_APPLICABLE' },
      coverageRate: { value: null, status: 'NOT_APPLICABLE' },
    });
  });
});

describe('areaTimeSeries, unsuppressed (national analyst)', () => {
  it("gives a council's figures, rank and quartile at each month end, and NOT_AVAILABLE before its service began", async () => {
    const counts2023 = await officialCounts(2023);
    const counts2024 = await officialCounts(2024);
    const series = await points(HARTLEPOOL, analyst, '2023-11-01', '2024-03-31');
    expect(series.map((point) => point.date)).toEqual(['2023-11-30', '2023-12-31', '2024-01-31', '2024-02-29', '2024-03-31']);
    const [november, december, january, , march] = series;
    // November 2023: no referral yet, so not a 0 but not yet known; the official count stays.
    expect(november).toEqual({
      date: '2023-11-30',
      rank: null,
      quartile: null,
      figures: {
        childrenLookedAfter: ok(counts2023.get(HARTLEPOOL)!.count),
        childrenLookedAfterYear: 2023,
        childrenMatched: notAvailable,
        coverageRate: notAvailable,
        waiting: notAvailable,
        hasWaitingList: null,
        medianWaitDays: notAvailable,
        p90WaitDays: notAvailable,
      },
    });
    // December 2023: referred (the service has begun), nobody accepted or matched yet: a real 0,
    // and every council's rate is 0.0, so all share rank 1.
    expect(december.figures).toMatchObject({ childrenMatched: ok(0), coverageRate: ok(0), waiting: ok(0), hasWaitingList: false });
    expect(december).toMatchObject({ rank: 1, quartile: 1 });
    // January 2024: 6 matched over the 2023 count; the seventh waits 31 - 20 = 11 days.
    const hartlepool2023 = counts2023.get(HARTLEPOOL)!.count;
    const januaryRate = ratePercent(6, hartlepool2023);
    expect(january.figures).toMatchObject({
      childrenMatched: ok(6),
      coverageRate: ok(januaryRate),
      waiting: ok(1),
      hasWaitingList: true,
      medianWaitDays: ok(11),
      p90WaitDays: ok(11),
    });
    // Ranked: every current council with a 2023 count; all but Hartlepool at 0.0.
    const januaryRates = [...counts2023.keys()].map((code) => (code === HARTLEPOOL ? januaryRate : 0));
    expect(january).toMatchObject(rankAmong(januaryRate, januaryRates));
    expect(january.rank).toBe(1);
    // March 2024: the 2024 counts; Middlesbrough 2 and Camden 12 matched too.
    const matched2024 = new Map([
      [HARTLEPOOL, 6],
      [MIDDLESBROUGH, 2],
      [CAMDEN, 12],
    ]);
    const marchRates = [...counts2024.entries()].map(([code, { count }]) => ratePercent(matched2024.get(code) ?? 0, count));
    const marchRate = ratePercent(6, counts2024.get(HARTLEPOOL)!.count);
    expect(march.figures).toMatchObject({ childrenMatched: ok(6), coverageRate: ok(marchRate), waiting: ok(1), medianWaitDays: ok(71) });
    expect(march).toMatchObject(rankAmong(marchRate, marchRates));
  });

  it('gives a region and England the sums of their councils, rates from the sums, and no rank', async () => {
    const counts2024 = await officialCounts(2024);
    const sumCounts = (region?: string) =>
      [...counts2024.values()].filter((entry) => !region || entry.region === region).reduce((total, entry) => total + entry.count, 0);
    const [northEast] = await points(NORTH_EAST, analyst, '2024-03-31', '2024-03-31');
    // North East: Hartlepool 6 + Middlesbrough 2 matched, Hartlepool's one waiting (71 days).
    expect(northEast).toEqual({
      date: '2024-03-31',
      rank: null,
      quartile: null,
      figures: {
        childrenLookedAfter: ok(sumCounts(NORTH_EAST)),
        childrenLookedAfterYear: 2024,
        childrenMatched: ok(8),
        coverageRate: ok(ratePercent(8, sumCounts(NORTH_EAST))),
        waiting: ok(1),
        hasWaitingList: true,
        medianWaitDays: ok(71),
        p90WaitDays: ok(71),
      },
    });
    const [england] = await points(ENGLAND, analyst, '2024-03-31', '2024-03-31');
    expect(england.figures).toMatchObject({
      childrenLookedAfter: ok(sumCounts()),
      childrenMatched: ok(20),
      coverageRate: ok(ratePercent(20, sumCounts())),
      waiting: ok(1),
    });
    expect(england).toMatchObject({ rank: null, quartile: null });
    // London's first record is Camden's referrals of January 2024: December is not yet known.
    const [december, january, february] = await points(LONDON, analyst, '2023-12-01', '2024-02-29');
    expect(december.figures).toMatchObject({ childrenMatched: notAvailable, coverageRate: notAvailable, waiting: notAvailable, hasWaitingList: null });
    expect(january.figures).toMatchObject({ childrenMatched: ok(0), waiting: ok(12) });
    expect(february.figures).toMatchObject({ childrenMatched: ok(12), waiting: ok(0) });
    // England's first record is Hartlepool's of December 2023.
    const [englandNovember, englandDecember] = await points(ENGLAND, analyst, '2023-11-30', '2023-12-31');
    expect(englandNovember.figures.childrenMatched).toEqual(notAvailable);
    expect(englandDecember.figures.childrenMatched).toEqual(ok(0));
  });

  it('runs from the first to the latest month end when from and to are omitted; coverageTimeSeries still answers as before', async () => {
    const all = await points(HARTLEPOOL, analyst);
    expect(all.map((point) => point.date)).toEqual(monthEndsTo(lastMonthEnd()));
    expect((await points(ENGLAND, null)).map((point) => point.date)).toEqual(monthEndsTo(lastMonthEnd()));
    const result = await server.execute<{ coverageTimeSeries: { date: string; figures: Figures }[] }, Record<string, unknown>>(
      `query Old($code: String!) { coverageTimeSeries(localAuthorityCode: $code, service: INDEPENDENT_VISITOR, from: "2024-01-01", to: "2024-03-31") { date figures { ${FIGURES} } } }`,
      { code: HARTLEPOOL },
      analyst,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.coverageTimeSeries.map((point) => [point.date, point.figures.childrenMatched.value])).toEqual([
      ['2024-01-31', 6],
      ['2024-02-29', 6],
      ['2024-03-31', 6],
    ]);
  });
});

describe('areaTimeSeries under disclosure control', () => {
  it("shows a region's and England's counts rounded to 10 and their rates from the rounded counts", async () => {
    const counts2023 = await officialCounts(2023);
    const northEast2023 = [...counts2023.values()].filter((entry) => entry.region === NORTH_EAST).reduce((total, entry) => total + entry.count, 0);
    // 31 January 2024: Hartlepool's 6 is the only child count anywhere; shown (5 or more), so the
    // North East's and England's 6 are published rounded to 10, the rate from 10.
    const [unsuppressed] = await points(NORTH_EAST, analyst, '2024-01-31', '2024-01-31');
    expect(unsuppressed.figures.childrenMatched).toEqual(ok(6));
    const [region] = await points(NORTH_EAST, researcher, '2024-01-31', '2024-01-31');
    expect(region.figures).toMatchObject({ childrenMatched: ok(10), coverageRate: ok(ratePercent(10, northEast2023)) });
    const [england] = await points(ENGLAND, null, '2024-01-31', '2024-01-31');
    expect(england.figures.childrenMatched).toEqual(ok(10));
    const [council] = await points(HARTLEPOOL, researcher, '2024-01-31', '2024-01-31');
    expect(council.figures.childrenMatched).toEqual(ok(6));
  });

  it("withholds Middlesbrough's 2 and, so that it is not the region less the rest, Hartlepool's 6 (no rank), as the comparison does", async () => {
    const [middlesbrough] = await points(MIDDLESBROUGH, researcher, '2024-03-31', '2024-03-31');
    const [hartlepool] = await points(HARTLEPOOL, researcher, '2024-03-31', '2024-03-31');
    for (const point of [middlesbrough, hartlepool]) {
      expect(point.figures).toMatchObject({ childrenMatched: { value: null, status: 'SUPPRESSED' }, coverageRate: { value: null, status: 'SUPPRESSED' } });
      expect(point).toMatchObject({ rank: null, quartile: null });
    }
    // Camden is ranked among the published rates only: first.
    const [camden] = await points(CAMDEN, researcher, '2024-03-31', '2024-03-31');
    expect(camden).toMatchObject({ rank: 1, quartile: 1 });
  });

  it("is, point by point, the comparison's council, region and England for the same caller", async () => {
    const dates = ['2023-11-30', '2023-12-31', '2024-01-31', '2024-02-29', '2024-03-31', '2025-03-31', lastMonthEnd()];
    for (const principal of [researcher, null, analyst]) {
      const hartlepool = await points(HARTLEPOOL, principal);
      const northEast = await points(NORTH_EAST, principal);
      const england = await points(ENGLAND, principal);
      for (const date of dates) {
        const table = await comparison(principal, date);
        const council = table.councils.find((row) => row.localAuthority.code === HARTLEPOOL)!;
        const at = <T extends { date: string }>(list: T[]) => list.find((point) => point.date === date)!;
        const before = date < '2023-12-31';
        // Before the service began the series says "not yet known" where the table says 0.
        if (!before) {
          expect(at(hartlepool)).toEqual({ date, figures: council.figures, rank: council.rank, quartile: council.quartile });
          expect(at(northEast).figures).toEqual(table.regions.find((row) => row.regionCode === NORTH_EAST)!.figures);
          expect(at(england).figures).toEqual(table.england);
        } else {
          expect(council.figures.childrenMatched).toEqual(ok(0));
          expect(at(hartlepool).figures.childrenMatched).toEqual(notAvailable);
          expect(at(hartlepool).figures.childrenLookedAfter).toEqual(council.figures.childrenLookedAfter);
        }
      }
    }
  });
});

describe('unknown and abolished codes are errors, never empty answers', () => {
  const messageOf = (result: { errors?: { message: string; extensions?: Record<string, unknown> }[] }) => {
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
    return result.errors![0].message;
  };

  it('areaTimeSeries: unknown council, region and codes that name no area', async () => {
    expect(messageOf(await series('E06999999', null))).toMatch(
      /^Unknown council code "E06999999": expected a council \(such as E06000001\), a region .* or England \(E92000001\)/,
    );
    expect(messageOf(await series('E12000099', null))).toMatch(/^Unknown region code "E12000099"/);
    expect(messageOf(await series('Hartlepool', null))).toMatch(
      /is not an area code: expected a council \(such as E06000001\), a region .* or England \(E92000001\)/,
    );
  });

  it('areaTimeSeries: dates outside the reports, and from after to', async () => {
    const range = `between 2021-03-31 and ${lastMonthEnd()}`;
    expect(messageOf(await series(HARTLEPOOL, null, '2020-12-31'))).toBe(
      `No figures for 2020-12-31: reporting dates available are ${range} (reportingDates); omit \`from\` for the first.`,
    );
    expect(messageOf(await series(HARTLEPOOL, null, undefined, '2999-12-31'))).toBe(
      `No figures for 2999-12-31: reporting dates available are ${range} (reportingDates); omit \`to\` for the latest.`,
    );
    expect(messageOf(await series(HARTLEPOOL, null, '2024-03-31', '2024-01-31'))).toBe('`from` (2024-03-31) must not be after `to` (2024-01-31).');
  });

  it('areaTimeSeries, coverageTimeSeries and waitingList: an abolished council says when it was abolished and who replaced it', async () => {
    const explanation =
      /^Cumbria \(E10000006\) was abolished on 2023-04-01; its successors are Cumberland \(E06000063\) and Westmorland and Furness \(E06000064\)\./;
    expect(messageOf(await series(CUMBRIA, null))).toMatch(explanation);
    const old = await server.execute(
      `query Old($code: String!) { coverageTimeSeries(localAuthorityCode: $code, service: INDEPENDENT_VISITOR, from: "2021-03-31", to: "2023-03-31") { date } }`,
      { code: CUMBRIA },
      null,
    );
    expect(messageOf(old)).toMatch(explanation);
    const waiting = await server.execute(
      'query W($code: String!) { waitingList(localAuthorityCode: $code, service: INDEPENDENT_VISITOR) { totalCount } }',
      { code: CUMBRIA },
      admin,
    );
    expect(messageOf(waiting)).toMatch(explanation);
    // Northamptonshire went two years earlier.
    expect(messageOf(await series('E10000021', null))).toMatch(
      /^Northamptonshire \(E10000021\) was abolished on 2021-04-01; its successors are North Northamptonshire \(E06000061\) and West Northamptonshire \(E06000062\)\./,
    );
  });

  it('coverageTimeSeries and waitingList of an unknown council', async () => {
    const old = await server.execute(
      `query Old($code: String!) { coverageTimeSeries(localAuthorityCode: $code, service: INDEPENDENT_VISITOR, from: "2024-01-01", to: "2024-03-31") { date } }`,
      { code: 'E06999999' },
      null,
    );
    expect(messageOf(old)).toMatch(/^Unknown council code "E06999999"/);
    const waiting = await server.execute(
      'query W($code: String!) { waitingList(localAuthorityCode: $code, service: INDEPENDENT_VISITOR) { totalCount } }',
      { code: 'E06999999' },
      admin,
    );
    expect(messageOf(waiting)).toMatch(/^Unknown council code "E06999999"/);
    // A known council with nobody waiting is still an empty list.
    const empty = await server.execute<{ waitingList: { totalCount: number } }, Record<string, unknown>>(
      'query W($code: String!) { waitingList(localAuthorityCode: $code, service: MENTORING) { totalCount } }',
      { code: HARTLEPOOL },
      admin,
    );
    expect(empty.errors).toBeUndefined();
    expect(empty.data!.waitingList.totalCount).toBe(0);
  });
});

describe('every council’s public series, worked out once per refresh', () => {
  // Last in the file: it adds records and refreshes.
  it('shares one reading of every council’s table between councils, and follows a refresh at once', async () => {
    const before = await series(MIDDLESBROUGH, null, '2024-03-31', '2024-03-31');
    expect(before.data!.areaTimeSeries[0].figures.childrenMatched).toEqual({ value: null, status: 'SUPPRESSED' });
    // The published activity tables are kept until the next refresh too.
    const referralsIn = async (month: string) => {
      const result = await server.execute<
        { areaTimeSeries: { activity: { referralsReceived: { value: number | null; status: string } } }[] },
        Record<string, unknown>
      >(
        `query A($code: String!, $month: LocalDate!) { areaTimeSeries(areaCode: $code, service: INDEPENDENT_VISITOR, from: $month, to: $month) { activity { referralsReceived { value status } } } }`,
        { code: MIDDLESBROUGH, month },
        null,
      );
      expect(result.errors).toBeUndefined();
      return result.data!.areaTimeSeries[0].activity.referralsReceived;
    };
    expect(await referralsIn('2024-02-29')).toEqual({ value: null, status: 'SUPPRESSED' });
    // Three more Middlesbrough children matched from 5 March 2024: 5, no longer withheld.
    for (let child = 0; child < 3; child += 1) {
      await fixtures.referral({ council: MIDDLESBROUGH, referredOn: '2024-02-01', acceptedOn: '2024-02-05', matches: [{ startedOn: '2024-03-05' }] });
    }
    expect((await refreshReports(db)).status).toBe('SUCCEEDED');
    const first = await series(MIDDLESBROUGH, null, '2024-03-31', '2024-03-31');
    expect(first.errors).toBeUndefined();
    expect(first.data!.areaTimeSeries[0].figures.childrenMatched).toEqual({ value: 5, status: 'OK' });
    expect(await referralsIn('2024-02-29')).toEqual({ value: 5, status: 'OK' });
    // Camden's series after it reads no council table: only its own look-ups.
    const second = await series(CAMDEN, null, '2024-03-31', '2024-03-31');
    expect(second.errors).toBeUndefined();
    const readsCouncilTable = (sql: string[]) => sql.some((text) => /from reporting\.rollup_council_month c\b/.test(text) && !/min\(c\.month_end\)/.test(text));
    expect(readsCouncilTable(first.sql)).toBe(true);
    expect(readsCouncilTable(second.sql)).toBe(false);
    expect(second.statements).toBeLessThan(first.statements);
  });
});
