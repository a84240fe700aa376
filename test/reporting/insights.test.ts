import type { DataSource } from 'typeorm';
import { refreshReports, RefreshResult } from '../../src/reporting/refresh';
import type { AreaFigures, ComparisonTable, CouncilFigures, CoverageFigures, Figure } from '../../src/reporting/disclosure';
import { publishTable, REFERRAL_BREAKDOWN, suppressCouncils } from '../../src/reporting/disclosure';
import { loadSolver, rangesOfMetric } from '../../src/reporting/disclosureAudit';
import { FigureStatus } from '../../src/reporting/figure.type';
import { computeInsights, InsightFlag, InsightInputs, insightFlags, insightsAgainst } from '../../src/reporting/insights';
import { toAreaFigures, toCouncilFigures, CouncilRow, AreaRow } from '../../src/reporting/coverage.queries';
import { CouncilInsightsDocument, CouncilInsightsQuery, CoverageInsightsSeriesDocument } from '../generated/graphql';
import { analyst, researcher } from '../support/fixtures';
import { createTestDatabase, TestDatabase } from '../support/testDatabase';
import { TestServer } from '../support/testServer';
import { councilMonth, englandMonth, IV, OperationalFixtures, regionMonth, ReferralSource } from './fixtures';

/**
 * The insights of /work/shared/METRICS.md ("Insights") on hand-built records: each figure worked
 * out by hand in the comments, each flag raised and not raised at its boundary, and the figures a
 * disclosure-controlled audience gets (withheld where a count from 1 to 4 or a withheld input is
 * behind them, areas from rounded counts). Official counts are the shipped Department for
 * Education figures: looked after at 31 March 2025 (2024) Hartlepool 332 (336), Middlesbrough 493,
 * Redcar and Cleveland 397, Stockton-on-Tees 564, Darlington 266 (298), York 240, Sheffield 624,
 * Leeds 1498.
 */

const HARTLEPOOL = 'E06000001';
const MIDDLESBROUGH = 'E06000002';
const REDCAR = 'E06000003';
const STOCKTON = 'E06000004';
const DARLINGTON = 'E06000005';
const YORK = 'E06000014';
const SHEFFIELD = 'E08000019';
const LEEDS = 'E08000035';
const NORTH_EAST = 'E12000001';
const D = '2025-06-30';

/** Exact half-up one-decimal percentage, written again here in integers: round(1000 × n / d) / 10. */
const percent = (n: number, d: number) => Math.floor((2000 * n + d) / (2 * d)) / 10;
const roundToTen = (n: number) => Math.floor((n + 5) / 10) * 10;
const okFigure = (value: number) => ({ value, status: 'OK' });
const withStatus = (status: string) => ({ value: null, status });

let database: TestDatabase;
let db: DataSource;
let refresh: RefreshResult;
let server: TestServer;

async function referrals(
  fixtures: OperationalFixtures,
  council: string,
  count: number,
  source: ReferralSource,
  dates: { referredOn: string; acceptedOn?: string; closedOn?: string },
): Promise<void> {
  for (let index = 0; index < count; index += 1) await fixtures.referral({ council, source, ...dates });
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.dataSource;
  const fixtures = new OperationalFixtures(db);
  // Every referral is for independent visitors. The 12 months to 30 June 2025 run from 1 July 2024.

  // Hartlepool. Five children matched on 1 June 2024 (referred in May 2024, before the 12
  // months); two of the matches end on 15 January 2025: 5 matched on 30 June 2024, 3 a year later.
  for (let index = 0; index < 5; index += 1) {
    await fixtures.referral({
      council: HARTLEPOOL,
      source: 'TEACHER',
      referredOn: '2024-05-01',
      acceptedOn: '2024-05-10',
      matches: [{ startedOn: '2024-06-01', ...(index < 2 ? { endedOn: '2025-01-15' } : {}) }],
    });
  }
  // Four accepted on 1 November 2024 (two from social workers, still waiting on 30 June 2025; two
  // from teachers, closed on 1 March 2025): waiting 4 on 31 December 2024, 2 on 30 June 2025.
  await referrals(fixtures, HARTLEPOOL, 2, 'SOCIAL_WORKER', { referredOn: '2024-10-20', acceptedOn: '2024-11-01' });
  await referrals(fixtures, HARTLEPOOL, 2, 'TEACHER', { referredOn: '2024-10-20', acceptedOn: '2024-11-01', closedOn: '2025-03-01' });
  // Four more, never accepted (they do not wait), and one on 15 June 2024, before the 12 months.
  await referrals(fixtures, HARTLEPOOL, 4, 'TEACHER', { referredOn: '2025-02-01' });
  await referrals(fixtures, HARTLEPOOL, 1, 'SOCIAL_WORKER', { referredOn: '2024-06-15' });

  // Middlesbrough: three from social workers, accepted 1 March 2025: the list grows from 0 to 3.
  await referrals(fixtures, MIDDLESBROUGH, 3, 'SOCIAL_WORKER', { referredOn: '2025-02-20', acceptedOn: '2025-03-01' });
  // Redcar and Cleveland: two waiting on both dates (net fall 0).
  await referrals(fixtures, REDCAR, 2, 'TEACHER', { referredOn: '2024-10-25', acceptedOn: '2024-11-01' });
  // Stockton-on-Tees: three waiting on 31 December 2024, one closed on 1 May 2025 (net fall 1).
  await referrals(fixtures, STOCKTON, 2, 'FOSTER_CARER', { referredOn: '2024-10-25', acceptedOn: '2024-11-01' });
  await referrals(fixtures, STOCKTON, 1, 'FOSTER_CARER', { referredOn: '2024-10-25', acceptedOn: '2024-11-01', closedOn: '2025-05-01' });
  // Darlington: nothing at all.
  // Yorkshire and the Humber: York 60 referrals (30 from social workers), never accepted;
  // Sheffield 3; Leeds 2 accepted 1 December 2024 and 4 accepted 1 March 2025 (the list grows
  // from 2 to 6).
  await referrals(fixtures, YORK, 30, 'SOCIAL_WORKER', { referredOn: '2024-09-01' });
  await referrals(fixtures, YORK, 30, 'OTHER', { referredOn: '2024-09-01' });
  await referrals(fixtures, SHEFFIELD, 3, 'PERSONAL_ADVISER', { referredOn: '2025-01-10' });
  await referrals(fixtures, LEEDS, 2, 'SELF', { referredOn: '2024-11-20', acceptedOn: '2024-12-01' });
  await referrals(fixtures, LEEDS, 4, 'SELF', { referredOn: '2025-02-20', acceptedOn: '2025-03-01' });

  refresh = await refreshReports(db);
  server = await TestServer.start(db);
}, 240_000);

afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

type Comparison = CouncilInsightsQuery['councilComparison'];
async function insights(principal: typeof analyst | null): Promise<Comparison> {
  const result = await server.execute(CouncilInsightsDocument, { service: IV, date: D }, principal);
  expect(result.errors).toBeUndefined();
  return result.data!.councilComparison;
}
const council = (comparison: Comparison, code: string) => comparison.councils.find((row) => row.localAuthority.code === code)!;

describe('insights in the rollups, on hand-built records', () => {
  it('builds every model, passes every data test and the disclosure audit', () => {
    expect(refresh.models.filter((outcome) => outcome.status === 'FAILED')).toEqual([]);
    expect(refresh.status).toBe('SUCCEEDED');
    expect(refresh.models.map((outcome) => outcome.model)).toContain('test:insights_within_bounds');
  });

  it('Hartlepool: each insight worked out by hand', async () => {
    const row = await councilMonth(db, HARTLEPOOL, IV, D);
    // 12 months to 30 June 2025: 4 accepted in November + 4 never accepted = 8 (June 2024's is before).
    expect(row.referrals_12_months).toBe(8);
    expect(row.social_worker_referrals_12_months).toBe(2);
    // 100 × 8 / 332 = 2.4096... → 2.4
    expect(row.referrals_per_100_looked_after).toBe(2.4);
    // 100 × 2 / 8 = 25.0
    expect(row.social_worker_referral_share).toBe(25);
    // 30 June 2024: 100 × 5 / 336 = 1.488 → 1.5; 30 June 2025: 100 × 3 / 332 = 0.904 → 0.9; 0.9 − 1.5 = −0.6
    expect(row.coverage_rate_12_months_earlier).toBe(1.5);
    expect(row.coverage_rate).toBe(0.9);
    expect(row.coverage_change_12_months).toBe(-0.6);
    // waiting 4 on 31 December 2024, 2 on 30 June 2025: mean monthly fall (4 − 2) / 6 = 1/3; 2 / (1/3) = 6.0
    expect(row.waiting_6_months_earlier).toBe(4);
    expect(row.waiting).toBe(2);
    expect(row.months_to_clear_waiting_list).toBe(6);
  });

  it('the months to clear a list: growing, not falling (net fall 0) and falling by 1; 0 when none wait', async () => {
    // Middlesbrough 0 → 3 and Redcar 2 → 2: the list did not fall, no figure.
    expect((await councilMonth(db, MIDDLESBROUGH, IV, D)).months_to_clear_waiting_list).toBeNull();
    expect((await councilMonth(db, REDCAR, IV, D)).months_to_clear_waiting_list).toBeNull();
    // Stockton 3 → 2: fall 1 over 6 months, 2 / (1/6) = 12.0
    expect((await councilMonth(db, STOCKTON, IV, D)).months_to_clear_waiting_list).toBe(12);
    // Darlington: nobody waits.
    const darlington = await councilMonth(db, DARLINGTON, IV, D);
    expect(darlington.months_to_clear_waiting_list).toBe(0);
    // 0 referrals: 0 per 100, and no share of none.
    expect(darlington.referrals_per_100_looked_after).toBe(0);
    expect(darlington.social_worker_referral_share).toBeNull();
    // Coverage 0.0 (0 / 298) a year earlier and 0.0 (0 / 266) now.
    expect(darlington.coverage_change_12_months).toBe(0);
  });

  it('is not available before the reports hold 12 months (the first month end is 31 March 2021)', async () => {
    const early = await councilMonth(db, HARTLEPOOL, IV, '2022-01-31');
    expect(early.referrals_12_months).toBeNull();
    expect(early.coverage_change_12_months).toBeNull();
    // 28 February 2022 is the 12th month end: a full window.
    expect((await councilMonth(db, HARTLEPOOL, IV, '2022-02-28')).referrals_12_months).toBe(0);
  });

  it('regions and England from the sums', async () => {
    const northEast = await regionMonth(db, NORTH_EAST, IV, D);
    // Hartlepool 8 + Middlesbrough 3 + Redcar 2 + Stockton 3 = 16; social workers 2 + 3 = 5
    expect(northEast.referrals_12_months).toBe(16);
    expect(northEast.social_worker_referrals_12_months).toBe(5);
    expect(northEast.social_worker_referral_share).toBe(percent(5, 16)); // 31.25 → 31.3
    expect(northEast.referrals_per_100_looked_after).toBe(percent(16, Number(northEast.children_looked_after)));
    // waiting 4 + 0 + 2 + 3 = 9 on 31 December 2024, 2 + 3 + 2 + 2 = 9 on 30 June 2025: no fall.
    expect(northEast.waiting_6_months_earlier).toBe(9);
    expect(northEast.waiting).toBe(9);
    expect(northEast.months_to_clear_waiting_list).toBeNull();
    const england = await englandMonth(db, IV, D);
    // 16 + York 60 + Sheffield 3 + Leeds 6 = 85; social workers 5 + 30 = 35: 100 × 35 / 85 = 41.18 → 41.2
    expect(england.referrals_12_months).toBe(85);
    expect(england.social_worker_referral_share).toBe(41.2);
    expect(england.referrals_per_100_looked_after).toBe(percent(85, Number(england.children_looked_after)));
  });

  it('GraphQL recomputes exactly what the rollups computed, for every council, region and England', async () => {
    const rows: CouncilRow[] = await db.query(`select * from reporting.rollup_council_month where service = $1 and month_end = $2`, [IV, D]);
    const regions: AreaRow[] = await db.query(`select * from reporting.rollup_region_month where service = $1 and month_end = $2`, [IV, D]);
    const [england]: AreaRow[] = await db.query(`select * from reporting.rollup_england_month where service = $1 and month_end = $2`, [IV, D]);
    const { of } = insightsAgainst(toAreaFigures(england));
    const value = (figure: Figure) => figure.value;
    const asNumber = (column: unknown) => (column === null ? null : Number(column));
    for (const row of [
      ...rows.map((r) => ({ row: r, figures: toCouncilFigures(r) })),
      ...[england, ...regions].map((r) => ({ row: r, figures: toAreaFigures(r) })),
    ]) {
      const computed = of(row.figures);
      const sql = row.row as unknown as Record<string, unknown>;
      expect(
        [computed.referralsPer100LookedAfter, computed.socialWorkerReferralShare, computed.coverageChange12Months, computed.monthsToClearWaitingList].map(
          value,
        ),
      ).toEqual(
        [sql.referrals_per_100_looked_after, sql.social_worker_referral_share, sql.coverage_change_12_months, sql.months_to_clear_waiting_list].map(asNumber),
      );
    }
  });
});

describe('insights and flags in GraphQL, unsuppressed (national analysts)', () => {
  it('serves the figures and raises each flag where its definition says', async () => {
    const c = await insights(analyst);
    expect(c.disclosureControlled).toBe(false);
    // England: share 41.2; per 100 = 100 × 85 / its children looked after
    const england = await englandMonth(db, IV, D);
    const englandPer100 = percent(85, Number(england.children_looked_after));
    expect(englandPer100).toBeGreaterThanOrEqual(0.1);
    expect(c.englandInsights.referralsPer100LookedAfter).toEqual(okFigure(englandPer100));
    expect(c.englandInsights.socialWorkerReferralShare).toEqual(okFigure(41.2));

    const hartlepool = council(c, HARTLEPOOL).insights;
    expect(hartlepool.referralsPer100LookedAfter).toEqual(okFigure(2.4));
    expect(hartlepool.socialWorkerReferralShare).toEqual(okFigure(25));
    expect(hartlepool.coverageChange12Months).toEqual(okFigure(-0.6));
    expect(hartlepool.monthsToClearWaitingList).toEqual(okFigure(6));
    // −0.6 is below −0.5: coverage falling. 25.0 is not under half of 41.2 (20.6).
    expect(hartlepool.flags).toEqual([InsightFlag.COVERAGE_FALLING]);

    // Middlesbrough: list 0 → 3 (growing); share 100.0.
    expect(council(c, MIDDLESBROUGH).insights.monthsToClearWaitingList).toEqual(withStatus('NOT_APPLICABLE'));
    expect(council(c, MIDDLESBROUGH).insights.flags).toEqual([InsightFlag.LIST_GROWING]);
    // Redcar: net fall 0 is not a fall; share 0.0 is under half of England's.
    expect(council(c, REDCAR).insights.flags).toEqual([InsightFlag.FEW_SOCIAL_WORKER_REFERRALS, InsightFlag.LIST_GROWING]);
    // Stockton: net fall 1: 12.0 months, no LIST_GROWING.
    expect(council(c, STOCKTON).insights.monthsToClearWaitingList).toEqual(okFigure(12));
    expect(council(c, STOCKTON).insights.flags).toEqual([InsightFlag.FEW_SOCIAL_WORKER_REFERRALS]);
    // Darlington: no list, 0.0 per 100 is under half of England's (at least 0.1); no share.
    expect(council(c, DARLINGTON).insights.socialWorkerReferralShare).toEqual(withStatus('NOT_APPLICABLE'));
    expect(council(c, DARLINGTON).insights.flags).toEqual([InsightFlag.NO_LIST_FEW_REFERRALS]);
    // York: 100 × 60 / 240 = 25.0 per 100, share 50.0: nothing to flag.
    expect(council(c, YORK).insights.referralsPer100LookedAfter).toEqual(okFigure(25));
    expect(council(c, YORK).insights.flags).toEqual([]);
    // Leeds: list 2 → 6.
    expect(council(c, LEEDS).insights.flags).toEqual([InsightFlag.FEW_SOCIAL_WORKER_REFERRALS, InsightFlag.LIST_GROWING]);
  });

  it('the series carries the same insights at each month end', async () => {
    const result = await server.execute(CoverageInsightsSeriesDocument, { code: HARTLEPOOL, service: IV, from: '2025-05-31', to: D }, analyst);
    expect(result.errors).toBeUndefined();
    const points = result.data!.coverageTimeSeries;
    expect(points.map((point) => point.date)).toEqual(['2025-05-31', D]);
    expect(points[1].insights).toEqual(council(await insights(analyst), HARTLEPOOL).insights);
  });
});

describe('insights under disclosure control (researchers, anonymous callers, the public CSV)', () => {
  it('withholds what a count from 1 to 4 is behind, and the next smallest in the region (secondary)', async () => {
    const c = await insights(researcher);
    expect(c.disclosureControlled).toBe(true);
    // Middlesbrough: 3 referrals in 12 months (primary): rate and share withheld; waiting 3 too.
    const middlesbrough = council(c, MIDDLESBROUGH).insights;
    expect(middlesbrough.referralsPer100LookedAfter).toEqual(withStatus('SUPPRESSED'));
    expect(middlesbrough.socialWorkerReferralShare).toEqual(withStatus('SUPPRESSED'));
    expect(middlesbrough.monthsToClearWaitingList).toEqual(withStatus('SUPPRESSED'));
    // LIST_GROWING would say what the withheld figure is.
    expect(middlesbrough.flags).toEqual([]);
    // Yorkshire: Sheffield's 3 is the only primary; Leeds (6, the next smallest) goes too; York (60) shows.
    expect(council(c, SHEFFIELD).insights.referralsPer100LookedAfter).toEqual(withStatus('SUPPRESSED'));
    expect(council(c, LEEDS).insights.referralsPer100LookedAfter).toEqual(withStatus('SUPPRESSED'));
    expect(council(c, YORK).insights.referralsPer100LookedAfter).toEqual(okFigure(25));
    // Sheffield's and Leeds's breakdowns go with their totals. Yorkshire's 30 social-worker
    // referrals round to 30 (25 to 34); less York's 30 shown, Sheffield and Leeds together would
    // have 0 to 4, short of the requirement: the audit withholds York's breakdown as well.
    expect(council(c, YORK).insights.socialWorkerReferralShare).toEqual(withStatus('SUPPRESSED'));
    const york: { metric: string; step: string }[] = await db.query(
      `select metric, step from reporting.disclosure_suppressions where service = $1 and month_end = $2 and area_code = $3 order by metric`,
      [IV, D, YORK],
    );
    expect(york).toEqual([
      { metric: 'otherReferrals12Months', step: 'SECONDARY' },
      { metric: 'socialWorkerReferrals12Months', step: 'AUDIT' },
    ]);
    // Hartlepool: 8 referrals shown (2.4 per 100), but 2 from social workers: the share is withheld;
    // children matched 3 now: the coverage change is withheld, and with it COVERAGE_FALLING.
    const hartlepool = council(c, HARTLEPOOL).insights;
    expect(hartlepool.referralsPer100LookedAfter).toEqual(okFigure(2.4));
    expect(hartlepool.socialWorkerReferralShare).toEqual(withStatus('SUPPRESSED'));
    expect(hartlepool.coverageChange12Months).toEqual(withStatus('SUPPRESSED'));
    expect(hartlepool.flags).toEqual([]);
    // Leeds: 6 wait now (shown) but 2 waited six months earlier, withheld in that month's table:
    // the months to clear are withheld, not NOT_APPLICABLE, and LIST_GROWING is not raised.
    expect(council(c, LEEDS).figures.waiting).toEqual(okFigure(6));
    expect(council(c, LEEDS).insights.monthsToClearWaitingList).toEqual(withStatus('SUPPRESSED'));
    expect(council(c, LEEDS).insights.flags).toEqual([]);
    // Darlington publishes everything its flag is read from.
    expect(council(c, DARLINGTON).insights.flags).toEqual([InsightFlag.NO_LIST_FEW_REFERRALS]);
  });

  it('works out England and region insights from the rounded counts', async () => {
    const c = await insights(researcher);
    const england = await englandMonth(db, IV, D);
    // England: 85 referrals → 90, 35 from social workers → 40: share 100 × 40 / 90 = 44.4
    expect(c.englandInsights.referralsPer100LookedAfter).toEqual(okFigure(percent(roundToTen(85), Number(england.children_looked_after))));
    expect(c.englandInsights.socialWorkerReferralShare).toEqual(okFigure(44.4));
    // North East: 16 → 20, 5 → 10 (5 rounds up): share 50.0; waiting 9 → 10 on both dates: no fall.
    const northEast = c.regions.find((region) => region.regionCode === NORTH_EAST)!.insights;
    const region = await regionMonth(db, NORTH_EAST, IV, D);
    expect(northEast.referralsPer100LookedAfter).toEqual(okFigure(percent(20, Number(region.children_looked_after))));
    expect(northEast.socialWorkerReferralShare).toEqual(okFigure(50));
    expect(northEast.monthsToClearWaitingList).toEqual(withStatus('NOT_APPLICABLE'));
    expect(northEast.flags).toContain(InsightFlag.LIST_GROWING);
  });

  it('the series gives a researcher the same insights as the comparison, month by month', async () => {
    const c = await insights(researcher);
    for (const code of [HARTLEPOOL, DARLINGTON, LEEDS, YORK, MIDDLESBROUGH]) {
      const result = await server.execute(CoverageInsightsSeriesDocument, { code, service: IV, from: D, to: D }, researcher);
      expect(result.errors).toBeUndefined();
      expect(result.data!.coverageTimeSeries.map((point) => point.insights)).toEqual([council(c, code).insights]);
    }
  });

  it('the CSV carries the insight columns, `c` where withheld', async () => {
    const http = await server.listen();
    try {
      const response = await fetch(`${http.url}/reports/council-coverage.csv?service=${IV}&date=${D}`);
      const lines = (await response.text()).trim().split('\n');
      const header = lines[0].split(',');
      const cells = (code: string) => {
        const line = lines.find((candidate) => candidate.includes(`,${code},`))!.split(',');
        return Object.fromEntries(header.map((name, index) => [name, line[index]]));
      };
      expect(cells(MIDDLESBROUGH)).toMatchObject({
        referrals_per_100_looked_after: 'c',
        social_worker_referral_share: 'c',
        months_to_clear_waiting_list: 'c',
        insight_flags: 'none',
      });
      expect(cells(YORK)).toMatchObject({ referrals_per_100_looked_after: '25', social_worker_referral_share: 'c', insight_flags: 'none' });
      expect(cells(DARLINGTON)).toMatchObject({ social_worker_referral_share: 'z', months_to_clear_waiting_list: '0', insight_flags: 'NO_LIST_FEW_REFERRALS' });
    } finally {
      await http.close();
    }
  });

  it('the audit counted the new protected cells and left every one protected', async () => {
    const audit: { metric: string; suppressed: number; unresolved: number; narrowest_range: number | null }[] = await db.query(
      `select metric, suppressed_primary + suppressed_secondary + suppressed_audit as suppressed, unresolved, narrowest_range
       from reporting.disclosure_audit where service = $1 and month_end = $2 order by metric`,
      [IV, D],
    );
    const byMetric = Object.fromEntries(audit.map((row) => [row.metric, row]));
    // Totals withheld: Middlesbrough, Redcar, Stockton (North East) and Sheffield, Leeds (Yorkshire) at least.
    expect(byMetric.referrals12Months.suppressed).toBeGreaterThanOrEqual(5);
    // The breakdown: those five and Hartlepool (2 from social workers), at least.
    expect(byMetric.socialWorkerReferrals12Months.suppressed).toBeGreaterThanOrEqual(6);
    expect(byMetric.otherReferrals12Months.suppressed).toBe(byMetric.socialWorkerReferrals12Months.suppressed);
    for (const row of audit) {
      expect(row.unresolved).toBe(0);
      if (row.narrowest_range !== null) expect(row.narrowest_range).toBeGreaterThanOrEqual(5);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The flags at their boundaries, on hand-made figures

const f = (value: number): Figure => ({ value, status: FigureStatus.OK });
const figures = (rate: number, waiting: number): CoverageFigures => ({
  childrenLookedAfter: f(1000),
  childrenMatched: f(rate * 10),
  coverageRate: f(rate),
  waiting: f(waiting),
  hasWaitingList: waiting > 0,
  medianWaitDays: f(0),
  p90WaitDays: f(0),
});
const inputs = (total: number, socialWorker: number, earlierRate: number, earlierWaiting: number): InsightInputs => ({
  referrals12Months: f(total),
  socialWorkerReferrals12Months: f(socialWorker),
  otherReferrals12Months: f(total - socialWorker),
  referrals12MonthsWithFigure: null,
  coverageRate12MonthsEarlier: f(earlierRate),
  waiting6MonthsEarlier: f(earlierWaiting),
});

describe('flags at their boundaries', () => {
  // England: 1000 looked after, 40 referrals (4.0 per 100), 16 from social workers (40.0%).
  const england = computeInsights(figures(3, 50), inputs(40, 16, 3, 60));
  const flagsOf = (own: CoverageFigures, ownInputs: InsightInputs) => insightFlags(own, computeInsights(own, ownInputs), england);

  it('NO_LIST_FEW_REFERRALS: 2.0 per 100 is exactly half of 4.0 (not flagged), 1.9 is under', () => {
    expect(flagsOf(figures(3, 0), inputs(20, 8, 3, 0))).toEqual([]);
    expect(flagsOf(figures(3, 0), inputs(19, 8, 3, 0))).toEqual([InsightFlag.NO_LIST_FEW_REFERRALS]);
    // With a list, however few the referrals, no flag.
    expect(flagsOf(figures(3, 1), inputs(19, 8, 3, 2))).toEqual([]);
  });

  it('FEW_SOCIAL_WORKER_REFERRALS: 20.0% is exactly half of 40.0% (not flagged), 19.9% is under', () => {
    // 199 of 1000 = 19.9%; 200 of 1000 = 20.0%
    expect(flagsOf(figures(3, 0), inputs(1000, 200, 3, 0))).toEqual([]);
    expect(flagsOf(figures(3, 0), inputs(1000, 199, 3, 0))).toEqual([InsightFlag.FEW_SOCIAL_WORKER_REFERRALS]);
  });

  it('COVERAGE_FALLING: a change of exactly −0.5 is not flagged, −0.6 is', () => {
    expect(flagsOf(figures(2.5, 0), inputs(40, 16, 3, 0))).toEqual([]);
    expect(flagsOf(figures(2.4, 0), inputs(40, 16, 3, 0))).toEqual([InsightFlag.COVERAGE_FALLING]);
    expect(computeInsights(figures(2.4, 0), inputs(40, 16, 3, 0)).coverageChange12Months).toEqual(f(-0.6));
  });

  it('LIST_GROWING: a net fall of 0 is flagged, a fall of 1 is not; nobody waiting is 0 months', () => {
    expect(flagsOf(figures(3, 10), inputs(40, 16, 3, 10))).toEqual([InsightFlag.LIST_GROWING]);
    expect(flagsOf(figures(3, 10), inputs(40, 16, 3, 11))).toEqual([]);
    // 6 × 10 / 1 = 60.0 months
    expect(computeInsights(figures(3, 10), inputs(40, 16, 3, 11)).monthsToClearWaitingList).toEqual(f(60));
    expect(computeInsights(figures(3, 0), inputs(40, 16, 3, 0)).monthsToClearWaitingList).toEqual(f(0));
  });

  it('rounds half up exactly, not in binary floating point: 6 × 9 / 40 = 1.35 → 1.4, 100 × 1 / 16 = 6.25 → 6.3', () => {
    // waiting 9, 49 six months earlier: fall 40
    expect(computeInsights(figures(3, 9), inputs(16, 1, 3, 49)).monthsToClearWaitingList).toEqual(f(1.4));
    expect(computeInsights(figures(3, 9), inputs(16, 1, 3, 49)).socialWorkerReferralShare).toEqual(f(6.3));
  });

  it('raises no flag on a withheld figure', () => {
    const hidden = { ...inputs(19, 8, 3, 0), referrals12Months: { value: null, status: FigureStatus.SUPPRESSED } };
    expect(computeInsights(figures(3, 0), hidden).referralsPer100LookedAfter.status).toBe(FigureStatus.SUPPRESSED);
    expect(flagsOf(figures(3, 0), hidden)).toEqual([]);
  });
});

describe('disclosure control of the referral counts and their breakdown', () => {
  const referralCouncil = (code: string, region: string, total: number, socialWorker: number): CouncilFigures => ({
    councilCode: code,
    regionCode: region,
    figures: figures(3, 10),
    rank: 1,
    quartile: 1,
    statisticalNeighbourMedianRate: f(3),
    insightInputs: inputs(total, socialWorker, 3, 12),
  });

  it('withholds a breakdown cell of 1 to 4 with its other half, both with a withheld total, and the next smallest in the region', () => {
    const { councils, suppressions } = suppressCouncils([
      // R: A's 2 social-worker referrals (primary) take its 18 others; R then has one breakdown
      // withheld, so the next smallest social-worker count there, C's 10, goes too (with C's 20).
      referralCouncil('A', 'R', 20, 2),
      referralCouncil('C', 'R', 30, 10),
      referralCouncil('D', 'R', 40, 25),
      // Q: B's 3 referrals (primary) and the next smallest total, E's 50 (secondary); their
      // breakdowns go with them; F shows.
      referralCouncil('B', 'Q', 3, 1),
      referralCouncil('E', 'Q', 50, 20),
      referralCouncil('F', 'Q', 60, 30),
    ]);
    const cells = (metric: string) =>
      suppressions
        .filter((cell) => cell.metric === metric)
        .map((cell) => `${cell.councilCode}:${cell.step}`)
        .sort();
    expect(cells('referrals12Months')).toEqual(['B:PRIMARY', 'E:SECONDARY']);
    expect(cells('socialWorkerReferrals12Months')).toEqual(['A:PRIMARY', 'B:PRIMARY', 'C:SECONDARY', 'E:SECONDARY']);
    expect(cells('otherReferrals12Months')).toEqual(['A:SECONDARY', 'B:PRIMARY', 'C:SECONDARY', 'E:SECONDARY']);
    const shown = (code: string) => {
      const council = councils.find((candidate) => candidate.councilCode === code)!;
      const computed = computeInsights(council.figures, council.insightInputs!);
      return [computed.referralsPer100LookedAfter.status, computed.socialWorkerReferralShare.status];
    };
    expect(shown('A')).toEqual(['OK', 'SUPPRESSED']);
    expect(shown('C')).toEqual(['OK', 'SUPPRESSED']);
    expect(shown('D')).toEqual(['OK', 'OK']);
    expect(shown('B')).toEqual(['SUPPRESSED', 'SUPPRESSED']);
    expect(shown('E')).toEqual(['SUPPRESSED', 'SUPPRESSED']);
    expect(shown('F')).toEqual(['OK', 'OK']);
  });
});

describe("the audit's closed form for the breakdown", () => {
  it('gives exactly the ranges the linear programme gives, on random tables', async () => {
    const solver = await loadSolver();
    // A small deterministic generator (the test must not depend on luck).
    let state = 7;
    const random = (below: number) => {
      state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
      return state % below;
    };
    let compared = 0;
    for (let round = 0; round < 40; round += 1) {
      const councils: CouncilFigures[] = [];
      for (const region of ['P', 'Q', 'R']) {
        for (let index = 0; index < 5; index += 1) {
          const total = random(4) === 0 ? random(5) : random(40);
          const socialWorker = random(total + 1);
          councils.push({
            councilCode: `${region}${index}`,
            regionCode: region,
            figures: figures(3, 10),
            rank: 1,
            quartile: 1,
            statisticalNeighbourMedianRate: f(3),
            insightInputs: inputs(total, socialWorker, 3, 12),
          });
        }
      }
      const area = (members: CouncilFigures[]): AreaFigures => {
        const total = members.reduce((sum, council) => sum + council.insightInputs!.referrals12Months.value!, 0);
        const socialWorker = members.reduce((sum, council) => sum + council.insightInputs!.socialWorkerReferrals12Months.value!, 0);
        return {
          figures: { ...figures(3, 10), childrenLookedAfter: f(1000 * members.length) },
          childrenMatchedWithFigure: 30 * members.length,
          insightInputs: { ...inputs(total, socialWorker, 3, 12), referrals12MonthsWithFigure: f(total) },
          coverage12MonthsEarlier: { childrenMatchedWithFigure: 30 * members.length, childrenLookedAfter: 1000 * members.length },
        };
      };
      const table: ComparisonTable = {
        councils,
        regions: ['P', 'Q', 'R'].map((region) => ({ ...area(councils.filter((council) => council.regionCode === region)), regionCode: region })),
        england: area(councils),
      };
      const { table: published, suppressions } = publishTable(table, new Map());
      for (const metric of REFERRAL_BREAKDOWN) {
        const closed = rangesOfMetric(solver, published, suppressions, metric, { solves: 0 });
        // (the solver's optimum may come back as −0)
        const solved = rangesOfMetric(solver, published, suppressions, metric, { solves: 0 }, { alwaysSolve: true }).map((range) => ({
          ...range,
          lo: range.lo + 0,
          hi: range.hi + 0,
        }));
        expect(closed).toEqual(solved);
        compared += closed.length;
      }
    }
    expect(compared).toBeGreaterThan(100);
  });
});
