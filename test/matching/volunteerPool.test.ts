import { todayInLondon } from '../../src/graphql/dates';
import { refreshReports } from '../../src/reporting/refresh';
import { analyst, researcher } from '../support/fixtures';
import { createTestDatabase, TestDatabase } from '../support/testDatabase';
import { TestServer } from '../support/testServer';
import { MatchingFixtures } from './matchingFixtures';

/**
 * The volunteer pool in councilComparison: volunteers able to take a child beside the children
 * waiting, per council and region, read from rollup_council_pool and rollup_region_pool, with
 * disclosure control for the public.
 */
let database: TestDatabase;
let server: TestServer;
const HARTLEPOOL = 'E06000001';
const DARLINGTON = 'E06000005';
const NORTH_EAST = 'E12000001';

/** The last month end before today. */
function lastMonthEnd(): string {
  const date = new Date(`${todayInLondon().slice(0, 8)}01T00:00:00Z`);
  date.setUTCDate(0);
  return date.toISOString().slice(0, 10);
}

const COMPARISON = `query Pool($date: LocalDate!) {
  councilComparison(service: INDEPENDENT_VISITOR, date: $date) {
    councils { localAuthority { code } figures { waiting { value status } }
      volunteerPool { volunteersAvailable { value status } childrenWaiting { value status } volunteersPerWaitingChild { value status } } }
    regions { regionCode figures { waiting { value status } } volunteerPool { volunteersAvailable { value status } childrenWaiting { value status } volunteersPerWaitingChild { value status } } }
    england { waiting { value status } }
  }
}`;

type FigureData = { value: number | null; status: string };
type Pool = { volunteersAvailable: FigureData; childrenWaiting: FigureData; volunteersPerWaitingChild: FigureData };
type ComparisonData = {
  councilComparison: {
    councils: { localAuthority: { code: string }; figures: { waiting: FigureData }; volunteerPool: Pool | null }[];
    regions: { regionCode: string; figures: { waiting: FigureData }; volunteerPool: Pool | null }[];
    england: { waiting: FigureData };
  };
};

beforeAll(async () => {
  database = await createTestDatabase();
  server = await TestServer.start(database.dataSource);
  const fixtures = new MatchingFixtures(server);
  const provider = await fixtures.provider([HARTLEPOOL]);
  // Hartlepool: six approved volunteers, one of them full (a match proposed before the month end): five available.
  const volunteers = [];
  for (let i = 0; i < 6; i += 1) volunteers.push(await fixtures.volunteer(provider, { home: HARTLEPOOL }));
  // Darlington: two volunteers of the same provider, and one in TRAINING who does not count.
  for (let i = 0; i < 2; i += 1) await fixtures.volunteer(provider, { home: DARLINGTON });
  await fixtures.volunteer(provider, { home: DARLINGTON, approved: false });
  // Three children waiting in Hartlepool since before the month end.
  const referrals = [];
  for (let i = 0; i < 3; i += 1) referrals.push((await fixtures.referral(HARTLEPOOL, { acceptedDaysAgo: 60 })).referralId);
  await fixtures.propose(referrals[0], volunteers[0], 40);
  const refreshed = await refreshReports(database.dataSource);
  expect(refreshed.status).toBe('SUCCEEDED');
}, 120_000);

afterAll(async () => {
  await server.stop();
  await database.drop();
});

async function comparison(principal: typeof analyst) {
  const result = await server.execute<ComparisonData, { date: string }>(COMPARISON, { date: lastMonthEnd() }, principal);
  expect(result.errors).toBeUndefined();
  const c = result.data!.councilComparison;
  const council = (code: string) => c.councils.find((row) => row.localAuthority.code === code)!;
  return { council, region: (code: string) => c.regions.find((row) => row.regionCode === code)!, all: c };
}

it('counts available volunteers where they live beside the children waiting, with the ratio', async () => {
  const { council, region } = await comparison(analyst);
  expect(council(HARTLEPOOL).volunteerPool).toEqual({
    volunteersAvailable: { value: 5, status: 'OK' },
    childrenWaiting: { value: 3, status: 'OK' },
    volunteersPerWaitingChild: { value: 1.67, status: 'OK' },
  });
  expect(council(DARLINGTON).volunteerPool).toEqual({
    volunteersAvailable: { value: 2, status: 'OK' },
    childrenWaiting: { value: 0, status: 'OK' },
    volunteersPerWaitingChild: { value: null, status: 'NOT_APPLICABLE' },
  });
  expect(region(NORTH_EAST).volunteerPool).toEqual({
    volunteersAvailable: { value: 7, status: 'OK' },
    childrenWaiting: { value: 3, status: 'OK' },
    volunteersPerWaitingChild: { value: 2.33, status: 'OK' },
  });
});

it('suppresses small counts for the public as the coverage figures are, and rounds regions to 10', async () => {
  const { council, region, all } = await comparison(researcher);
  // Darlington's 2 is suppressed, and with it Hartlepool's 5 (the region's next smallest), so
  // neither can be recovered from the region total; Hartlepool's 3 waiting is suppressed as its
  // `waiting` figure is.
  expect(council(DARLINGTON).volunteerPool!.volunteersAvailable.status).toBe('SUPPRESSED');
  expect(council(HARTLEPOOL).volunteerPool).toEqual({
    volunteersAvailable: { value: null, status: 'SUPPRESSED' },
    childrenWaiting: { value: null, status: 'SUPPRESSED' },
    volunteersPerWaitingChild: { value: null, status: 'SUPPRESSED' },
  });
  expect(council(HARTLEPOOL).volunteerPool!.childrenWaiting).toEqual(council(HARTLEPOOL).figures.waiting);
  // 3 children wait in the whole region (and in England): shown as LOW (1 to 4), that would tell
  // an intruder Hartlepool's suppressed count is 1 to 4, so the audit suppresses the region's
  // count (and England's) and the ratio with it.
  expect(region(NORTH_EAST).volunteerPool).toEqual({
    volunteersAvailable: { value: 10, status: 'OK' },
    childrenWaiting: { value: null, status: 'SUPPRESSED' },
    volunteersPerWaitingChild: { value: null, status: 'SUPPRESSED' },
  });
  expect(region(NORTH_EAST).figures.waiting).toEqual({ value: null, status: 'SUPPRESSED' });
  expect(all.england.waiting).toEqual({ value: null, status: 'SUPPRESSED' });
  for (const row of all.councils) {
    const figure = row.volunteerPool!.volunteersAvailable;
    if (figure.status === 'OK') expect(figure.value === 0 || figure.value! >= 5).toBe(true);
  }
});
