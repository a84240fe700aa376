import type { DataSource } from 'typeorm';
import { loadModels, loadTests, parseModel, ReportTest } from '../../src/reporting/models';
import { todayInLondon } from '../../src/graphql/dates';
import { refreshReports, RefreshResult } from '../../src/reporting/refresh';
import type { Logger } from '../../src/logger';
import { tableChecksums } from '../support/checksum';
import { createTestDatabase, TestDatabase } from '../support/testDatabase';
import {
  councilMonth,
  councilYear,
  englandMonth,
  IV,
  lowerMedian,
  MENTORING,
  nearestRankP90,
  officialCount,
  OperationalFixtures,
  regionMonth,
  roundTo1dp,
  Row,
} from './fixtures';

/**
 * The definitions of /work/shared/METRICS.md, checked against the SQL models in reports/ on
 * hand-built records. Every expected number is worked out by hand in the comments; official
 * counts are the shipped Department for Education figures (2024 and 2025 releases).
 */

const HARTLEPOOL = 'E06000001';
const MIDDLESBROUGH = 'E06000002';
const REDCAR = 'E06000003';
const YORK = 'E06000014';
const SHEFFIELD = 'E08000019';
const LEEDS = 'E08000035';
const CITY_OF_LONDON = 'E09000001';
const CAMDEN = 'E09000007';
const ISLES_OF_SCILLY = 'E06000053';
const NORTH_EAST = 'E12000001';
const LONDON = 'E12000007';

const REFRESH_TIMEOUT = 180_000;

function expectSucceeded(result: RefreshResult): void {
  const failed = result.models.filter((outcome) => outcome.status === 'FAILED');
  expect(failed).toEqual([]);
  expect(result.status).toBe('SUCCEEDED');
}

/** All council rows of one service and month end. */
async function councilRows(db: DataSource, service: string, monthEnd: string): Promise<Row[]> {
  const found: { row: Row }[] = await db.query(
    `select to_jsonb(r) as row from reporting.rollup_council_month r where service = $1::text and month_end = $2::date`,
    [service, monthEnd],
  );
  return found.map((entry) => entry.row);
}

const sum = (rows: Row[], column: string) => rows.reduce((total, row) => total + Number(row[column] ?? 0), 0);

describe('reporting metrics on hand-built records', () => {
  let database: TestDatabase;
  let db: DataSource;
  let refresh: RefreshResult;
  let fixtures: OperationalFixtures;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.dataSource;
    fixtures = new OperationalFixtures(db);

    // --- Hartlepool (North East), independent visitors: who is matched around 30 June 2024.
    // H1 matched since January; H2's match starts ON 30 June (counts on that day); H3's match
    // ends ON 30 June (does not count on that day).
    await fixtures.referral({ council: HARTLEPOOL, referredOn: '2023-10-25', acceptedOn: '2023-11-01', matches: [{ startedOn: '2024-01-10' }] });
    await fixtures.referral({
      council: HARTLEPOOL,
      referredOn: '2024-04-28',
      acceptedOn: '2024-05-02',
      matches: [{ proposedOn: '2024-06-01', startedOn: '2024-06-30' }],
    });
    await fixtures.referral({
      council: HARTLEPOOL,
      referredOn: '2023-12-20',
      acceptedOn: '2024-01-02',
      matches: [{ startedOn: '2024-02-01', endedOn: '2024-06-30', endReason: 'PLANNED_ENDING' }],
    });
    // H4: one child re-referred, with two matches active at once: counted once.
    const h4 = await fixtures.referral({ council: HARTLEPOOL, referredOn: '2023-11-20', acceptedOn: '2023-12-01', matches: [{ startedOn: '2024-01-05' }] });
    await fixtures.referral({
      council: HARTLEPOOL,
      childId: h4.childId,
      referredOn: '2024-02-25',
      acceptedOn: '2024-03-01',
      matches: [{ startedOn: '2024-04-01' }],
    });
    // H5: a proposal that never started does not match the referral: it still waits (5 days on 30 June).
    ids.h5 = (
      await fixtures.referral({ council: HARTLEPOOL, referredOn: '2024-06-24', acceptedOn: '2024-06-25', matches: [{ proposedOn: '2024-06-28' }] })
    ).referralId;
    // H6: a cancelled proposal: still waits (10 days on 30 June).
    await fixtures.referral({
      council: HARTLEPOOL,
      referredOn: '2024-06-18',
      acceptedOn: '2024-06-20',
      matches: [{ proposedOn: '2024-06-22', cancelledOn: '2024-06-25' }],
    });

    // --- Middlesbrough (North East): an even number of waits on 30 June 2024 (100, 110, 120,
    // 130 days: accepted 22 Mar, 12 Mar, 2 Mar, 21 Feb 2024), one referral closed on 30 June,
    // one matched on 30 June, one never accepted.
    for (const acceptedOn of ['2024-03-22', '2024-03-12', '2024-03-02', '2024-02-21']) {
      await fixtures.referral({ council: MIDDLESBROUGH, referredOn: '2024-02-20', acceptedOn });
    }
    await fixtures.referral({
      council: MIDDLESBROUGH,
      referredOn: '2024-04-29',
      acceptedOn: '2024-05-01',
      closedOn: '2024-06-30',
      closeReason: 'CHILD_DECLINED',
    });
    await fixtures.referral({ council: MIDDLESBROUGH, referredOn: '2024-04-29', acceptedOn: '2024-05-01', matches: [{ startedOn: '2024-06-30' }] });
    await fixtures.referral({ council: MIDDLESBROUGH, referredOn: '2024-06-25' });

    // --- Redcar and Cleveland (North East): ten waits on 30 June 2024, for the nearest-rank p90.
    for (const waitDays of [0, 3, 7, 12, 20, 31, 45, 60, 90, 200]) {
      const [{ accepted_on: acceptedOn }] = await db.query(`select (date '2024-06-30' - $1::integer)::text as accepted_on`, [waitDays]);
      await fixtures.referral({ council: REDCAR, referredOn: '2023-12-01', acceptedOn });
    }

    // --- Leeds (Yorkshire and The Humber): the period metrics of January 2025 and of the year to 31 March 2025.
    await fixtures.referral({
      council: LEEDS,
      source: 'SOCIAL_WORKER',
      referredOn: '2024-12-20',
      acceptedOn: '2025-01-01',
      matches: [{ startedOn: '2025-01-11' }],
    }); // L1: 10 days
    await fixtures.referral({
      council: LEEDS,
      source: 'TEACHER',
      referredOn: '2024-12-18',
      acceptedOn: '2024-12-20',
      matches: [{ startedOn: '2025-01-19', endedOn: '2025-04-01', endReason: 'VOLUNTEER_RESIGNED' }],
    }); // L2: 30 days
    await fixtures.referral({
      council: LEEDS,
      source: 'FOSTER_CARER',
      referredOn: '2024-11-25',
      acceptedOn: '2024-12-01',
      matches: [{ startedOn: '2025-01-20', endedOn: '2025-01-25', endReason: 'CHILD_OBJECTED' }, { startedOn: '2025-01-28' }],
    }); // L3: matched by its first started match, 20 January: 50 days
    await fixtures.referral({ council: LEEDS, source: 'SELF', referredOn: '2024-11-20', acceptedOn: '2024-11-21', matches: [{ startedOn: '2025-01-30' }] }); // L4: 70 days
    await fixtures.referral({
      council: LEEDS,
      source: 'SOCIAL_WORKER',
      referredOn: '2024-10-28',
      acceptedOn: '2024-11-01',
      matches: [{ startedOn: '2024-12-15', endedOn: '2025-03-31', endReason: 'PLANNED_ENDING' }],
    }); // L5: 44 days, matched in December
    await fixtures.referral({ council: LEEDS, source: 'OTHER', referredOn: '2024-12-01', acceptedOn: '2024-12-05', matches: [{ proposedOn: '2025-01-10' }] }); // L6: never matched
    // L7: the referral row says matched on 15 January, but its match started on 3 February.
    ids.l7 = (
      await fixtures.referral({
        council: LEEDS,
        source: 'PERSONAL_ADVISER',
        referredOn: '2025-01-02',
        acceptedOn: '2025-01-05',
        recordedMatchedOn: '2025-01-15',
        matches: [{ proposedOn: '2025-01-10', startedOn: '2025-02-03' }],
      })
    ).referralId; // 29 days, in February

    // --- Sheffield (Yorkshire and The Humber): sustained matches (365 days after the start).
    await fixtures.referral({ council: SHEFFIELD, referredOn: '2022-11-25', acceptedOn: '2022-12-01', matches: [{ startedOn: '2023-01-10' }] }); // S1
    await fixtures.referral({
      council: SHEFFIELD,
      referredOn: '2023-04-25',
      acceptedOn: '2023-05-01',
      matches: [{ startedOn: '2023-06-01', endedOn: '2024-06-01', endReason: 'PLANNED_ENDING' }],
    }); // S2: judged 2024-05-31, ended after it
    await fixtures.referral({
      council: SHEFFIELD,
      referredOn: '2023-07-25',
      acceptedOn: '2023-08-01',
      matches: [{ startedOn: '2023-09-01', endedOn: '2024-08-31', endReason: 'CHILD_LEFT_CARE' }],
    }); // S3: judged 2024-08-31 (2024 is a leap year), ended on it
    await fixtures.referral({
      council: SHEFFIELD,
      referredOn: '2023-12-10',
      acceptedOn: '2023-12-15',
      matches: [{ startedOn: '2024-01-15', endedOn: '2024-07-01', endReason: 'COUNCIL_ENDED' }],
    }); // S4: judged 2025-01-14, ended before it
    await fixtures.referral({ council: SHEFFIELD, referredOn: '2024-02-25', acceptedOn: '2024-03-01', matches: [{ startedOn: '2024-03-31' }] }); // S5: judged 2025-03-31
    await fixtures.referral({ council: SHEFFIELD, referredOn: '2024-02-25', acceptedOn: '2024-03-01', matches: [{ startedOn: '2024-04-01' }] }); // S6: judged 2025-04-01
    // A long wait outside the North East: 300 days on 30 June 2024 (accepted 4 September 2023).
    await fixtures.referral({ council: SHEFFIELD, referredOn: '2023-09-01', acceptedOn: '2023-09-04', closedOn: '2024-08-01', closeReason: 'LEFT_CARE' });

    // --- York: volunteers. Provider A is commissioned for independent visitors (by Hartlepool),
    // provider B for mentoring (by York, from 2024).
    const visitors = await fixtures.provider('Visitors of the North', [{ council: HARTLEPOOL, service: IV, startsOn: '2020-04-01' }]);
    const mentors = await fixtures.provider('Mentors of York', [{ council: YORK, service: MENTORING, startsOn: '2024-01-01' }]);
    await fixtures.volunteer({ providerId: visitors, homeCouncil: YORK, status: 'APPROVED', approvedOn: '2024-02-01', dbsIssuedOn: '2023-01-01' }); // V1
    await fixtures.volunteer({ providerId: visitors, homeCouncil: YORK, status: 'APPROVED', approvedOn: '2024-02-01', dbsIssuedOn: '2022-06-30' }); // V2: expires 2025-06-30
    await fixtures.volunteer({
      providerId: visitors,
      homeCouncil: YORK,
      status: 'APPROVED',
      approvedOn: '2021-01-01',
      dbsIssuedOn: '2020-01-01',
      dbsUpdateService: true,
    }); // V3
    await fixtures.volunteer({ providerId: visitors, homeCouncil: YORK, status: 'APPROVED', approvedOn: '2025-07-15', dbsIssuedOn: '2025-06-01' }); // V4: approved later
    await fixtures.volunteer({ providerId: visitors, homeCouncil: YORK, status: 'WITHDRAWN', approvedOn: '2024-02-01', dbsIssuedOn: '2023-01-01' }); // V5
    await fixtures.volunteer({ providerId: mentors, homeCouncil: YORK, status: 'APPROVED', approvedOn: '2024-03-01', dbsIssuedOn: '2024-02-01' }); // V6
    await fixtures.volunteer({ providerId: visitors, homeCouncil: HARTLEPOOL, status: 'APPLIED' }); // not approved

    // --- London and the councils without a usable official figure, in 2025.
    await fixtures.referral({ council: CAMDEN, referredOn: '2024-12-01', acceptedOn: '2024-12-10', matches: [{ startedOn: '2025-01-10' }] });
    await fixtures.referral({ council: CAMDEN, referredOn: '2024-12-01', acceptedOn: '2024-12-10', matches: [{ startedOn: '2025-01-10' }] });
    await fixtures.referral({ council: CAMDEN, referredOn: '2025-05-20', acceptedOn: '2025-06-01' }); // waits 29 days on 30 June 2025
    await fixtures.referral({ council: CITY_OF_LONDON, referredOn: '2025-01-05', acceptedOn: '2025-01-10', matches: [{ startedOn: '2025-02-01' }] });
    await fixtures.referral({ council: ISLES_OF_SCILLY, referredOn: '2025-01-05', acceptedOn: '2025-01-10', matches: [{ startedOn: '2025-02-01' }] });

    refresh = await refreshReports(db);
  }, REFRESH_TIMEOUT);

  afterAll(async () => {
    await database?.drop();
  });

  it('builds every model and passes every data test', () => {
    expectSucceeded(refresh);
    const names = refresh.models.map((outcome) => outcome.model);
    expect(names).toEqual([
      ...loadModels().map((model) => model.name),
      ...loadTests().map((test) => `test:${test.name}`),
      'audit:disclosure',
      'audit:activity',
      'disclosure_suppressions',
      'disclosure_audit',
      'activity_suppressions',
      'activity_audit',
    ]);
  });

  it('childrenLookedAfter: the latest official year whose 31 March is on or before the date', async () => {
    // Hartlepool's official counts: 2021 348, 2023 321, 2024 336, 2025 332.
    expect(await officialCount(db, HARTLEPOOL, 2024)).toBe(336);
    expect(await officialCount(db, HARTLEPOOL, 2025)).toBe(332);
    const figure = async (monthEnd: string) => {
      const row = await councilMonth(db, HARTLEPOOL, IV, monthEnd);
      return [row.children_looked_after, row.children_looked_after_year, row.children_looked_after_status];
    };
    expect(await figure('2021-03-31')).toEqual([348, 2021, 'OK']); // 31 March itself counts
    expect(await figure('2024-02-29')).toEqual([321, 2023, 'OK']); // before 31 March 2024: the 2023 count
    expect(await figure('2024-03-31')).toEqual([336, 2024, 'OK']);
    expect(await figure('2024-06-30')).toEqual([336, 2024, 'OK']);
    expect(await figure('2025-02-28')).toEqual([336, 2024, 'OK']);
    expect(await figure('2025-03-31')).toEqual([332, 2025, 'OK']);
    expect(await figure('2025-12-31')).toEqual([332, 2025, 'OK']); // no 2026 count held yet: still 2025
  });

  it('childrenLookedAfter: c is SUPPRESSED and z NOT_APPLICABLE, with no coverage and no rank', async () => {
    // City of London: 7 in 2024, c in 2025. Its one matched child still counts as matched.
    const city2024 = await councilMonth(db, CITY_OF_LONDON, IV, '2024-06-30');
    expect(city2024).toMatchObject({ children_looked_after: 7, children_looked_after_status: 'OK', children_matched: 0, coverage_rate: 0 });
    const city2025 = await councilMonth(db, CITY_OF_LONDON, IV, '2025-06-30');
    expect(city2025).toMatchObject({
      region_code: LONDON,
      children_looked_after: null,
      children_looked_after_status: 'SUPPRESSED',
      children_looked_after_year: 2025,
      children_matched: 1,
      coverage_rate: null,
      rank: null,
      quartile: null,
    });
    // Isles of Scilly: z in every year.
    for (const monthEnd of ['2024-06-30', '2025-06-30']) {
      const scilly = await councilMonth(db, ISLES_OF_SCILLY, IV, monthEnd);
      expect(scilly).toMatchObject({
        children_looked_after: null,
        children_looked_after_status: 'NOT_APPLICABLE',
        coverage_rate: null,
        rank: null,
        quartile: null,
      });
    }
    expect(await councilMonth(db, ISLES_OF_SCILLY, IV, '2025-06-30')).toMatchObject({ children_matched: 1 });
    // Ranked in 2025: 153 current councils less City of London (c) and the Isles of Scilly (z) = 151.
    // In 2024 City of London has a count: 153 less the Isles of Scilly = 152.
    expect(await councilMonth(db, CAMDEN, IV, '2025-06-30')).toMatchObject({ ranked_councils: 151 });
    expect(await councilMonth(db, CAMDEN, IV, '2024-06-30')).toMatchObject({ ranked_councils: 152 });
  });

  it('childrenMatched and coverageRate: a match counts from the day it starts, not on the day it ends', async () => {
    // 30 June 2024: H1 (since 10 Jan), H2 (starts 30 Jun), H4's child (two matches, once) = 3;
    // H3 ends 30 Jun so is not counted; H5's proposal and H6's cancelled proposal never started.
    // coverage = 100 x 3 / 336 = 0.893 -> 0.9
    expect(await councilMonth(db, HARTLEPOOL, IV, '2024-06-30')).toMatchObject({ children_matched: 3, coverage_rate: 0.9 });
    // 31 May 2024: H1, H3 (ends later), H4's child = 3; H2 has not started. 100 x 3 / 336 -> 0.9
    expect(await councilMonth(db, HARTLEPOOL, IV, '2024-05-31')).toMatchObject({ children_matched: 3, coverage_rate: 0.9 });
    // 31 January 2024: H1 (10 Jan) and H4's first match (5 Jan) = 2, over the 2023 count 321:
    // 100 x 2 / 321 = 0.623 -> 0.6
    expect(await councilMonth(db, HARTLEPOOL, IV, '2024-01-31')).toMatchObject({ children_matched: 2, children_looked_after: 321, coverage_rate: 0.6 });
    // 31 December 2023: nobody yet: 0 matched is a rate of 0.0, not null
    expect(await councilMonth(db, HARTLEPOOL, IV, '2023-12-31')).toMatchObject({ children_matched: 0, coverage_rate: 0 });
    // Services are separate: no mentoring in Hartlepool.
    expect(await councilMonth(db, HARTLEPOOL, MENTORING, '2024-06-30')).toMatchObject({ children_matched: 0, waiting: 0 });
  });

  it('matchedOn is the start of the first match that became ACTIVE, not the date recorded on the referral', async () => {
    const [l7] = await db.query(`select matched_on, days_to_match from reporting.fct_referrals where referral_id = $1::uuid`, [ids.l7]);
    expect(l7).toEqual({ matched_on: '2025-02-03', days_to_match: 29 });
    const [h5] = await db.query(`select matched_on from reporting.fct_referrals where referral_id = $1::uuid`, [ids.h5]);
    expect(h5).toEqual({ matched_on: null });
  });

  it('waiting and medianWaitDays: a referral closed or matched on the date does not wait; an even count takes the lower median', async () => {
    // 30 June 2024: the four waits 100, 110, 120, 130; the referral closed on 30 June and the one
    // matched on 30 June do not wait; the one never accepted does not wait.
    // lower median of 4 = 2nd = 110 (not 115); p90 rank ceil(0.9 x 4) = 4th = 130
    expect(await councilMonth(db, MIDDLESBROUGH, IV, '2024-06-30')).toMatchObject({
      waiting: 4,
      has_waiting_list: true,
      median_wait_days: 110,
      p90_wait_days: 130,
    });
    // 31 May 2024: the same four waited 70, 80, 90, 100 days, and the two accepted on 1 May
    // (closed or matched only on 30 June) 30 days each: 30, 30, 70, 80, 90, 100.
    // lower median of 6 = 3rd = 70; p90 rank ceil(5.4) = 6th = 100
    expect(await councilMonth(db, MIDDLESBROUGH, IV, '2024-05-31')).toMatchObject({ waiting: 6, median_wait_days: 70, p90_wait_days: 100 });
    // 31 January 2024: nobody accepted yet (first acceptance 21 February)
    expect(await councilMonth(db, MIDDLESBROUGH, IV, '2024-01-31')).toMatchObject({
      waiting: 0,
      has_waiting_list: false,
      median_wait_days: null,
      p90_wait_days: null,
    });
    // Hartlepool, 30 June 2024: H5 (5 days, proposal not started) and H6 (10 days, proposal
    // cancelled); H2 matched on the day does not wait. Lower median of 2 = 5.
    expect(await councilMonth(db, HARTLEPOOL, IV, '2024-06-30')).toMatchObject({ waiting: 2, median_wait_days: 5, p90_wait_days: 10 });
  });

  it('p90WaitDays: nearest rank', async () => {
    // 0, 3, 7, 12, 20, 31, 45, 60, 90, 200 (accepted on the date itself waits 0 days).
    // median: lower of 10 = 5th = 20; p90: rank ceil(0.9 x 10) = 9th = 90 (interpolating would give 101)
    expect(await councilMonth(db, REDCAR, IV, '2024-06-30')).toMatchObject({ waiting: 10, median_wait_days: 20, p90_wait_days: 90 });
  });

  it('a referral whose recorded matched_on is wrong keeps waiting until its match really starts', async () => {
    // Leeds, 31 January 2025: L6 (accepted 5 Dec: 57 days) and L7 (accepted 5 Jan, recorded
    // "matched 15 Jan" but first started 3 Feb: 26 days). Lower median of 2 = 26; p90 = 2nd = 57.
    expect(await councilMonth(db, LEEDS, IV, '2025-01-31')).toMatchObject({ waiting: 2, median_wait_days: 26, p90_wait_days: 57 });
  });

  it('period metrics of a month: referrals received, matches started and ended, median days to match', async () => {
    // Leeds, January 2025. Received: L7 (2 Jan) = 1.
    // Started: L1 11th, L2 19th, L3 20th and 28th, L4 30th = 5. Ended: L3's first match, 25th = 1.
    // Matched in January: L1 10, L2 30, L3 50 (its first start, 20 Jan), L4 70 days; L7 (recorded
    // 15 Jan) really matched in February. Lower median of 10, 30, 50, 70 = 30.
    // Matched on 31 Jan: L1, L2, L3 (second match), L4, L5 = 5 children over 1,546 (2024): 0.323 -> 0.3
    expect(await councilMonth(db, LEEDS, IV, '2025-01-31')).toMatchObject({
      referrals_received: 1,
      matches_started: 5,
      matches_ended: 1,
      median_days_to_match: 30,
      children_matched: 5,
      coverage_rate: 0.3,
    });
    // February 2025: L7 matched after 29 days, the only one.
    expect(await councilMonth(db, LEEDS, IV, '2025-02-28')).toMatchObject({
      referrals_received: 0,
      matches_started: 1,
      matches_ended: 0,
      median_days_to_match: 29,
    });
    // December 2024: L5 after 44 days. Received: L1 (20th), L2 (18th), L6 (1st) = 3.
    expect(await councilMonth(db, LEEDS, IV, '2024-12-31')).toMatchObject({ referrals_received: 3, matches_started: 1, median_days_to_match: 44 });
    // A month with no match: no median.
    expect(await councilMonth(db, LEEDS, IV, '2024-10-31')).toMatchObject({ referrals_received: 1, matches_started: 0, median_days_to_match: null });
  });

  it('period metrics of a year to 31 March, with every source and end reason', async () => {
    // Leeds, 1 April 2024 to 31 March 2025. Received: L1..L7 = 7: social worker 2 (L1, L5),
    // teacher, foster carer, self, other, personal adviser 1 each, the rest 0.
    // Started: L5, L1, L2, L3 (twice), L4, L7 = 7. Ended: L3's first (CHILD_OBJECTED) and L5 on
    // 31 March (PLANNED_ENDING) = 2; L2 ends 1 April 2025, in the next year.
    // Days to match: 10, 29, 30, 44, 50, 70: lower median of 6 = 3rd = 30.
    expect(await councilYear(db, LEEDS, IV, '2025-03-31')).toEqual({
      council_code: LEEDS,
      region_code: 'E12000003',
      service: IV,
      year_ending: '2025-03-31',
      referrals_received: 7,
      referrals_by_source: {
        SOCIAL_WORKER: 2,
        TEACHER: 1,
        FOSTER_CARER: 1,
        RESIDENTIAL_WORKER: 0,
        PERSONAL_ADVISER: 1,
        INDEPENDENT_REVIEWING_OFFICER: 0,
        SELF: 1,
        OTHER: 1,
      },
      median_days_to_match: 30,
      matches_started: 7,
      matches_ended: 2,
      matches_ended_by_reason: { CHILD_LEFT_CARE: 0, CHILD_OBJECTED: 1, VOLUNTEER_RESIGNED: 0, COUNCIL_ENDED: 0, PLANNED_ENDING: 1, OTHER: 0 },
      // none of Leeds' matches started 365 days before 31 March 2025
      sustained_rate: null,
      volunteers_approved: 0,
    });
    expect(await councilYear(db, LEEDS, IV, '2026-03-31')).toMatchObject({
      referrals_received: 0,
      matches_ended: 1,
      matches_ended_by_reason: { CHILD_LEFT_CARE: 0, CHILD_OBJECTED: 0, VOLUNTEER_RESIGNED: 1, COUNCIL_ENDED: 0, PLANNED_ENDING: 0, OTHER: 0 },
    });
    const [{ first, count }] = await db.query(
      `select min(year_ending)::text as first, count(distinct year_ending)::integer as count from reporting.rollup_council_year`,
    );
    expect(first).toBe('2022-03-31');
    // one a year from 2022 to the last 31 March on or before today
    const [year, month, day] = todayInLondon().split('-').map(Number);
    const lastYearEnding = month > 3 || (month === 3 && day === 31) ? year : year - 1;
    expect(count).toBe(lastYearEnding - 2021);
  });

  it('sustainedRate: of matches started at least 365 days before the period end, the share active 365 days after starting', async () => {
    // Period end 31 March 2025: qualifying starts on or before 31 March 2024: S1..S5 (S6 started
    // 1 April 2024, 364 days before). Sustained: S1 (active), S2 (ended the day after its 365th
    // day), S5 (active on 31 March 2025, its 365th day); not S3 (ended ON its 365th day) nor S4.
    // 3 of 5 = 60.0
    expect(await councilMonth(db, SHEFFIELD, IV, '2025-03-31')).toMatchObject({ sustained_rate: 60 });
    expect(await councilYear(db, SHEFFIELD, IV, '2025-03-31')).toMatchObject({ sustained_rate: 60 });
    // 28 February 2025: 365th day on or before: S1 (10 Jan 24), S2 (31 May 24), S3 (31 Aug 24),
    // S4 (14 Jan 25): sustained S1, S2 = 2 of 4 = 50.0
    expect(await councilMonth(db, SHEFFIELD, IV, '2025-02-28')).toMatchObject({ sustained_rate: 50 });
    // 31 January 2024: S1 only (365th day 10 Jan 2024), still active: 100.0
    expect(await councilMonth(db, SHEFFIELD, IV, '2024-01-31')).toMatchObject({ sustained_rate: 100 });
    // 31 December 2023: no match is a year old yet: null
    expect(await councilMonth(db, SHEFFIELD, IV, '2023-12-31')).toMatchObject({ sustained_rate: null });
  });

  it('volunteersApproved: approved by the period end, DBS valid at the period end, by the services their provider serves', async () => {
    // 30 June 2025, independent visitors: V1 (DBS 2023) and V3 (update service) = 2; V2's check
    // (issued 30 June 2022) expires on 30 June 2025; V4 approved in July; V5 withdrawn.
    expect(await councilMonth(db, YORK, IV, '2025-06-30')).toMatchObject({ volunteers_approved: 2 });
    // 31 May 2025: V2's check is still valid: 3.
    expect(await councilMonth(db, YORK, IV, '2025-05-31')).toMatchObject({ volunteers_approved: 3 });
    // Mentoring: V6, of the mentoring provider, only.
    expect(await councilMonth(db, YORK, MENTORING, '2025-06-30')).toMatchObject({ volunteers_approved: 1 });
    // 31 January 2024: V3 only (V1, V2 approved 1 Feb 2024; the mentoring provider not yet approved anyone)
    expect(await councilMonth(db, YORK, IV, '2024-01-31')).toMatchObject({ volunteers_approved: 1 });
    expect(await councilMonth(db, YORK, MENTORING, '2024-01-31')).toMatchObject({ volunteers_approved: 0 });
    expect(await councilYear(db, YORK, IV, '2025-03-31')).toMatchObject({ volunteers_approved: 3 });
    expect(await councilYear(db, YORK, MENTORING, '2025-03-31')).toMatchObject({ volunteers_approved: 1 });
    // The volunteer living in Hartlepool has only applied.
    expect(await councilMonth(db, HARTLEPOOL, IV, '2025-06-30')).toMatchObject({ volunteers_approved: 0 });
  });

  it('a London borough sums into London (E12000007), though the official file says Inner London', async () => {
    const [{ file_region: fileRegion }] = await db.query(`select region_code as file_region from councils where code = $1::text`, [CAMDEN]);
    expect(fileRegion).toBe(LONDON);
    // Camden, 30 June 2025: 2 matched over 205 (2025): 0.976 -> 1.0; 1 waiting (29 days).
    expect(await councilMonth(db, CAMDEN, IV, '2025-06-30')).toMatchObject({
      region_code: LONDON,
      children_looked_after: 205,
      children_matched: 2,
      coverage_rate: 1,
      waiting: 1,
      median_wait_days: 29,
    });
    // London: Camden 2 + City of London 1 = 3 matched; but only Camden's 2 are over an available
    // count. The 2025 counts of the 32 boroughs with one sum to 9,288 (City of London is c).
    const [{ total }] = await db.query(
      `select sum(children_count)::integer as total from official_statistics o join councils c on c.code = o.council_code
       where c.region_code = $1::text and c.is_current and o.time_period = 2025 and o.measure = 'Children looked after on 31 March each year'`,
      [LONDON],
    );
    expect(total).toBe(9288);
    expect(await regionMonth(db, LONDON, IV, '2025-06-30')).toMatchObject({
      region_name: 'London',
      councils: 33,
      councils_with_figure: 32,
      children_looked_after: 9288,
      children_matched: 3,
      children_matched_with_figure: 2,
      // 100 x 2 / 9288 = 0.022 -> 0.0
      coverage_rate: 0,
      waiting: 1,
      has_waiting_list: true,
      median_wait_days: 29,
      p90_wait_days: 29,
    });
  });

  it('a region pools its waiting referrals: the median is not a median of council medians', async () => {
    // North East, 30 June 2024. Waits: Hartlepool 5, 10; Middlesbrough 100, 110, 120, 130;
    // Redcar 0, 3, 7, 12, 20, 31, 45, 60, 90, 200. Pooled and sorted (16):
    // 0 3 5 7 10 12 20 [31] 45 60 90 100 110 120 [130] 200
    // lower median = 8th = 31; p90 rank ceil(14.4) = 15th = 130.
    // (The councils' medians are 5, 110 and 20, whose median would be 20.)
    // Matched: Hartlepool 3 + Middlesbrough 1 (started 30 June) = 4; the 12 North East councils'
    // 2024 counts sum to 6,093: 100 x 4 / 6093 = 0.066 -> 0.1
    const northEast = await regionMonth(db, NORTH_EAST, IV, '2024-06-30');
    expect(northEast).toMatchObject({
      region_name: 'North East',
      councils: 12,
      councils_with_figure: 12,
      children_looked_after: 6093,
      children_matched: 4,
      coverage_rate: 0.1,
      waiting: 16,
      has_waiting_list: true,
      median_wait_days: 31,
      p90_wait_days: 130,
    });
    // June 2024: received Hartlepool H5 (24th), H6 (18th) + Middlesbrough's never-accepted one (25th) = 3;
    // started H2 + Middlesbrough's = 2; ended H3 = 1.
    expect(northEast).toMatchObject({ referrals_received: 3, matches_started: 2, matches_ended: 1 });
  });

  it('England is the sum of the councils, with rates from the sums and pooled waits', async () => {
    for (const monthEnd of ['2024-06-30', '2025-06-30']) {
      const councils = await councilRows(db, IV, monthEnd);
      const available = councils.filter((row) => row.children_looked_after_status === 'OK');
      const england = await englandMonth(db, IV, monthEnd);
      const childrenLookedAfter = sum(available, 'children_looked_after');
      expect(england).toMatchObject({
        area_code: 'E92000001',
        councils: 153,
        councils_with_figure: available.length,
        children_looked_after: childrenLookedAfter,
        children_matched: sum(councils, 'children_matched'),
        children_matched_with_figure: sum(available, 'children_matched'),
        coverage_rate: roundTo1dp((100 * sum(available, 'children_matched')) / childrenLookedAfter),
        waiting: sum(councils, 'waiting'),
        has_waiting_list: sum(councils, 'waiting') > 0,
        referrals_received: sum(councils, 'referrals_received'),
        matches_started: sum(councils, 'matches_started'),
        matches_ended: sum(councils, 'matches_ended'),
      });
    }
    // 30 June 2024 by hand: matched Hartlepool 3 + Middlesbrough 1 + Sheffield 5 (S1, S3, S4,
    // S5, S6; S2 ended 1 June) = 9. Waits: the North East's 16 and Sheffield's 300:
    // 0 3 5 7 10 12 20 31 [45] 60 90 100 110 120 130 [200] 300
    // lower median of 17 = 9th = 45; p90 rank ceil(15.3) = 16th = 200.
    const waits = [5, 10, 100, 110, 120, 130, 0, 3, 7, 12, 20, 31, 45, 60, 90, 200, 300];
    expect([lowerMedian(waits), nearestRankP90(waits)]).toEqual([45, 200]);
    expect(await englandMonth(db, IV, '2024-06-30')).toMatchObject({ children_matched: 9, waiting: 17, median_wait_days: 45, p90_wait_days: 200 });
    // 30 June 2025 by hand: Hartlepool 3, Middlesbrough 1, Sheffield 3 (S1, S5, S6), Leeds 4
    // (L1, L3, L4, L7), Camden 2, City of London 1, Isles of Scilly 1 = 15, of which 13 are in
    // councils with an available count (151 councils: all but City of London and Scilly).
    expect(await englandMonth(db, IV, '2025-06-30')).toMatchObject({ children_matched: 15, children_matched_with_figure: 13, councils_with_figure: 151 });
  });
});

describe('rank, quartile and statistical neighbours among a few councils with a count', () => {
  // Only eight councils keep their 2024 count (the others' rows are deleted, so they are
  // NOT_AVAILABLE and unranked), which makes ranks and quartiles small enough to work by hand.
  // The 2021 counts are deleted too, so dates before 31 March 2022 use the earliest year held.
  const KENSINGTON = 'E09000020'; // 122 children looked after at 31 March 2024
  const ISLINGTON = 'E09000019'; // 299
  const SOUTHWARK = 'E09000028'; // 397
  const WESTMINSTER = 'E09000033'; // 174
  const HAMMERSMITH = 'E09000013'; // 205
  const LAMBETH = 'E09000022'; // 469
  // Hartlepool 336, Camden 214
  const HARINGEY = 'E09000014';
  const kept = [KENSINGTON, ISLINGTON, SOUTHWARK, WESTMINSTER, HAMMERSMITH, LAMBETH, HARTLEPOOL, CAMDEN];

  let database: TestDatabase;
  let db: DataSource;
  let refresh: RefreshResult;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.dataSource;
    await db.query(
      `delete from official_statistics
       where geographic_level = 'Local authority' and measure = 'Children looked after on 31 March each year'
         and (time_period = 2021 or (time_period = 2024 and not council_code = any($1::text[])))`,
      [kept],
    );
    const fixtures = new OperationalFixtures(db);
    // Matched children on 30 September 2024 (matches from 1 September), and the rates:
    await fixtures.matchedChildren(KENSINGTON, 12, '2024-09-01'); // 100 x 12 / 122 = 9.84 -> 9.8  rank 1
    await fixtures.matchedChildren(ISLINGTON, 15, '2024-09-01'); //  100 x 15 / 299 = 5.02 -> 5.0  rank 2
    await fixtures.matchedChildren(SOUTHWARK, 20, '2024-09-01'); //  100 x 20 / 397 = 5.04 -> 5.0  rank 2 (tie)
    await fixtures.matchedChildren(WESTMINSTER, 7, '2024-09-01'); // 100 x 7 / 174  = 4.02 -> 4.0  rank 4
    await fixtures.matchedChildren(HAMMERSMITH, 6, '2024-09-01'); // 100 x 6 / 205  = 2.93 -> 2.9  rank 5
    await fixtures.matchedChildren(LAMBETH, 4, '2024-09-01'); //     100 x 4 / 469  = 0.85 -> 0.9  rank 6
    await fixtures.matchedChildren(HARTLEPOOL, 3, '2024-09-01'); //  100 x 3 / 336  = 0.89 -> 0.9  rank 6 (tie)
    //                                                               Camden: 0 / 214 = 0.0         rank 8
    refresh = await refreshReports(db);
  }, REFRESH_TIMEOUT);

  afterAll(async () => {
    await database?.drop();
  });

  it('builds', () => {
    expectSucceeded(refresh);
  });

  it('ranks by coverage rate, ties sharing the lower rank, and gives quartiles from the rank', async () => {
    // quartile = ceil(4 x rank / 8) = ceil(rank / 2)
    const expected: [string, number, number, number][] = [
      [KENSINGTON, 9.8, 1, 1],
      [ISLINGTON, 5.0, 2, 1],
      [SOUTHWARK, 5.0, 2, 1],
      [WESTMINSTER, 4.0, 4, 2],
      [HAMMERSMITH, 2.9, 5, 3],
      [LAMBETH, 0.9, 6, 3],
      [HARTLEPOOL, 0.9, 6, 3],
      [CAMDEN, 0.0, 8, 4],
    ];
    for (const [council, coverageRate, rank, quartile] of expected) {
      expect(await councilMonth(db, council, IV, '2024-09-30')).toMatchObject({ coverage_rate: coverageRate, rank, quartile, ranked_councils: 8 });
    }
    // A council without a count for the year is NOT_AVAILABLE, so has no rate and is not ranked.
    expect(await councilMonth(db, HARINGEY, IV, '2024-09-30')).toMatchObject({
      children_looked_after: null,
      children_looked_after_status: 'NOT_AVAILABLE',
      children_looked_after_year: 2024,
      coverage_rate: null,
      rank: null,
      quartile: null,
      ranked_councils: 8,
    });
  });

  it('statisticalNeighbourMedianRate: the median of the neighbours that have a rate', async () => {
    // Camden's ten neighbours: Islington 5.0, Westminster 4.0, Hammersmith 2.9, Southwark 5.0,
    // Lambeth 0.9, Kensington 9.8; Lewisham, Haringey, Hackney and Barnet have no count (null,
    // ignored). Sorted: 0.9 2.9 [4.0 5.0] 5.0 9.8: median (4.0 + 5.0) / 2 = 4.5
    expect(await councilMonth(db, CAMDEN, IV, '2024-09-30')).toMatchObject({ statistical_neighbour_median_rate: 4.5 });
    // Hartlepool's neighbours (Redcar, Sunderland, ...) have no 2024 count here: null.
    expect(await councilMonth(db, HARTLEPOOL, IV, '2024-09-30')).toMatchObject({ statistical_neighbour_median_rate: null });
  });

  it('England and region coverage come from the sums, not from a mean of council rates', async () => {
    // England: 122 + 299 + 397 + 174 + 205 + 469 + 336 + 214 = 2,216 children looked after;
    // matched 12 + 15 + 20 + 7 + 6 + 4 + 3 = 67; 100 x 67 / 2216 = 3.02 -> 3.0
    // (the mean of the eight council rates would be 28.5 / 8 = 3.6)
    expect(await englandMonth(db, IV, '2024-09-30')).toMatchObject({
      councils_with_figure: 8,
      children_looked_after: 2216,
      children_matched: 67,
      coverage_rate: 3.0,
    });
    // London: the seven boroughs: 2216 - 336 = 1,880; matched 67 - 3 = 64; 100 x 64 / 1880 = 3.40 -> 3.4
    expect(await regionMonth(db, LONDON, IV, '2024-09-30')).toMatchObject({
      councils_with_figure: 7,
      children_looked_after: 1880,
      children_matched: 64,
      coverage_rate: 3.4,
    });
    // A region with no council count at all has no rate.
    expect(await regionMonth(db, 'E12000009', IV, '2024-09-30')).toMatchObject({
      councils_with_figure: 0,
      children_looked_after: null,
      children_looked_after_status: 'NOT_AVAILABLE',
      coverage_rate: null,
    });
  });

  it('a date before the earliest year held uses the earliest year', async () => {
    // 2021 deleted: 31 March 2021 to 28 February 2022 use 2022 (Hartlepool 302), the earliest held.
    expect(await officialCount(db, HARTLEPOOL, 2022)).toBe(302);
    for (const monthEnd of ['2021-03-31', '2022-02-28']) {
      expect(await councilMonth(db, HARTLEPOOL, IV, monthEnd)).toMatchObject({ children_looked_after: 302, children_looked_after_year: 2022 });
    }
    expect(await councilMonth(db, HARTLEPOOL, IV, '2022-03-31')).toMatchObject({ children_looked_after: 302, children_looked_after_year: 2022 });
  });
});

describe('the refresh runner with the real models', () => {
  let database: TestDatabase;
  let db: DataSource;
  let first: RefreshResult;
  const rollups = ['reporting.rollup_council_month', 'reporting.rollup_council_year', 'reporting.rollup_region_month', 'reporting.rollup_england_month'];

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.dataSource;
    first = await refreshReports(db);
  }, REFRESH_TIMEOUT);

  afterAll(async () => {
    await database?.drop();
  });

  it('builds every model on an empty operational database: one row per current council, service and month end', async () => {
    expectSucceeded(first);
    // Month ends from 31 March 2021 to the last one on or before today (in London).
    const [year, month, day] = todayInLondon().split('-').map(Number);
    const lastDayOfMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const monthEnds = (year - 2021) * 12 + (month - 3) + (day === lastDayOfMonth ? 1 : 0);
    const [counts] = await db.query(
      `select (select count(*)::integer from reporting.dim_reporting_dates) as dates,
              (select count(*)::integer from reporting.rollup_council_month) as council_months,
              (select count(*)::integer from reporting.rollup_region_month) as region_months,
              (select count(*)::integer from reporting.rollup_england_month) as england_months`,
    );
    expect(counts).toEqual({ dates: monthEnds, council_months: 153 * 2 * monthEnds, region_months: 9 * 2 * monthEnds, england_months: 2 * monthEnds });
    const councilMonths = first.models.find((outcome) => outcome.model === 'rollup_council_month');
    expect(councilMonths).toMatchObject({ status: 'SUCCEEDED', rows: 153 * 2 * monthEnds });
  });

  it(
    'leaves views UNCHANGED on a second run and rebuilds the tables to the same rows',
    async () => {
      const views = loadModels()
        .filter((model) => model.materialized === 'view')
        .map((model) => model.name);
      expect(views.length).toBeGreaterThan(0);
      expect(first.models.filter((outcome) => views.includes(outcome.model)).map((outcome) => outcome.status)).toEqual(views.map(() => 'SUCCEEDED'));
      const before = await tableChecksums(db, rollups);
      const second = await refreshReports(db);
      expectSucceeded(second);
      for (const outcome of second.models) {
        if (views.includes(outcome.model)) expect(outcome).toMatchObject({ status: 'UNCHANGED' });
        else expect(outcome).toMatchObject({ status: 'SUCCEEDED' });
      }
      expect(await tableChecksums(db, rollups)).toEqual(before);
    },
    REFRESH_TIMEOUT,
  );

  it(
    'audits again only the tables whose figures changed since the last published audit',
    async () => {
      const audits: Record<string, unknown>[] = [];
      const activityAudits: Record<string, unknown>[] = [];
      const logger = {
        info: (fields: Record<string, unknown>, message: string) => {
          if (message === 'disclosure audit finished') audits.push(fields);
          if (message === 'activity disclosure audit finished') activityAudits.push(fields);
        },
        warn: () => undefined,
      } as unknown as Logger;
      expectSucceeded(await refreshReports(db, { logger }));
      const tables = audits[0].tables as number;
      expect(audits[0]).toMatchObject({ reused: tables, solves: 0 });
      const activityTables = activityAudits[0].tables as number;
      expect(activityAudits[0]).toMatchObject({ reused: activityTables, solves: 0 });
      // One child waiting for a visitor in Hartlepool from 10 June to 15 July 2024: of the tables,
      // only the independent-visitor ones change whose 12 months of referrals include June 2024 (the
      // insights' referral counts): 30 June 2024 to 31 May 2025, 12 month ends. (The waiting of 30
      // June 2024 is also read 6 months later, on 31 December 2024, one of those 12.)
      await new OperationalFixtures(db).referral({ council: HARTLEPOOL, referredOn: '2024-06-03', acceptedOn: '2024-06-10', closedOn: '2024-07-15' });
      const before = await db.query(
        `select metric, area_code, step from reporting.disclosure_suppressions where service = 'INDEPENDENT_VISITOR' and month_end = '2024-06-30' order by 1, 2`,
      );
      expectSucceeded(await refreshReports(db, { logger }));
      expect(audits[1]).toMatchObject({ tables, reused: tables - 12 });
      // Its activity: the month of June 2024 and the year to 31 March 2025 (one referral received).
      expect(activityAudits[1]).toMatchObject({ tables: activityTables, reused: activityTables - 2 });
      // Hartlepool's 1 waiting is suppressed, and with it the region's next smallest (none other waits: the region, then England).
      const after = await db.query(
        `select metric, area_code, step from reporting.disclosure_suppressions where service = 'INDEPENDENT_VISITOR' and month_end = '2024-06-30' order by 1, 2`,
      );
      expect(after).not.toEqual(before);
      expect(after).toContainEqual({ metric: 'waiting', area_code: HARTLEPOOL, step: 'PRIMARY' });
    },
    REFRESH_TIMEOUT,
  );

  it(
    'publishes nothing new when a data test fails: the tests read the new tables before they are swapped in',
    async () => {
      const published = [...rollups, 'reporting.disclosure_suppressions', 'reporting.disclosure_audit'];
      const lastGood = await tableChecksums(db, published);
      // New data that a published refresh would show: one child waiting for a mentor in Hartlepool.
      await new OperationalFixtures(db).referral({ council: HARTLEPOOL, service: MENTORING, referredOn: '2024-06-03', acceptedOn: '2024-06-10' });
      // A data test that the new tables break (the new referral waits) and the old ones do not.
      const noneWaiting: ReportTest = {
        name: 'nobody_waits_in_june_2024',
        file: 'nobody_waits_in_june_2024.sql',
        sql: `select * from reporting.rollup_council_month where month_end = '2024-06-30' and service = 'MENTORING' and waiting > 0`,
      };
      const gated = await refreshReports(db, { tests: [...loadTests(), noneWaiting] });
      expect(gated.status).toBe('FAILED');
      expect(gated.models.find((outcome) => outcome.model === 'test:nobody_waits_in_june_2024')).toMatchObject({ status: 'FAILED', rows: 1 });
      expect(gated.models.find((outcome) => outcome.model === 'rollup_council_month')).toMatchObject({
        status: 'SKIPPED',
        error: 'built but not published: test:nobody_waits_in_june_2024 failed',
      });
      // The audit does not run either, and nothing is left half-built.
      expect(gated.models.some((outcome) => outcome.model === 'audit:disclosure')).toBe(false);
      expect(await tableChecksums(db, published)).toEqual(lastGood);
      expect(await councilMonth(db, HARTLEPOOL, MENTORING, '2024-06-30')).toMatchObject({ waiting: 0 });
      const [{ leftovers }] = await db.query(
        `select count(*)::integer as leftovers from pg_tables where schemaname = 'reporting' and tablename like '%\\_\\_build'`,
      );
      expect(leftovers).toBe(0);
      // Without that test the same data is published.
      expectSucceeded(await refreshReports(db));
      expect(await councilMonth(db, HARTLEPOOL, MENTORING, '2024-06-30')).toMatchObject({ waiting: 1 });
    },
    REFRESH_TIMEOUT,
  );

  it(
    'a broken model fails the refresh and the rollups keep their last good rows',
    async () => {
      const councilRollups = ['reporting.rollup_council_month', 'reporting.rollup_region_month', 'reporting.rollup_england_month'];
      const lastGood = await tableChecksums(db, councilRollups);
      // New operational data that a successful refresh would pick up: waits 11 days on 31 January 2025.
      await new OperationalFixtures(db).referral({ council: HARTLEPOOL, referredOn: '2025-01-15', acceptedOn: '2025-01-20' });

      // The council rollup itself broken: it keeps its last good rows, and the models after it
      // (the year rollup, region and England, which read it) are SKIPPED and keep theirs. The
      // models built before it are not published either (a refresh publishes all or nothing), and
      // data tests do not run after a failure.
      const brokenCouncilMonth = parseModel(
        '40_rollup_council_month.sql',
        `-- grain: one row per current council, service and month end
-- materialized: table
-- key: council_code, service, month_end
select council_code, service, month_end, 1 / 0 as broken from reporting.rollup_council_month`,
      );
      const broken = await refreshReports(db, { models: loadModels().map((model) => (model.name === 'rollup_council_month' ? brokenCouncilMonth : model)) });
      expect(broken.status).toBe('FAILED');
      const statuses = Object.fromEntries(broken.models.map((outcome) => [outcome.model, outcome.status]));
      expect(statuses).toMatchObject({
        fct_referrals: 'SKIPPED',
        rollup_council_month: 'FAILED',
        rollup_region_month: 'SKIPPED',
        rollup_england_month: 'SKIPPED',
      });
      expect(broken.models.find((outcome) => outcome.model === 'fct_referrals')).toMatchObject({
        error: 'built but not published: rollup_council_month failed',
      });
      expect(broken.models.find((outcome) => outcome.model === 'rollup_council_month')).toMatchObject({ error: expect.stringMatching(/division by zero/) });
      expect(broken.models.some((outcome) => outcome.model.startsWith('test:'))).toBe(false);
      expect(await tableChecksums(db, councilRollups)).toEqual(lastGood);
      expect(await councilMonth(db, HARTLEPOOL, IV, '2025-01-31')).toMatchObject({ referrals_received: 0, waiting: 0 });
      const [{ leftover }] = await db.query(`select to_regclass('reporting.rollup_council_month__build') is not null as leftover`);
      expect(leftover).toBe(false);

      // A broken new model after all the others: every real model builds, but the broken one fails,
      // leaves no table behind, and nothing of this refresh is published.
      const divideByZero = parseModel(
        '60_coverage_per_council.sql',
        `-- grain: one row per council, service and month end
-- materialized: table
-- key: council_code, service, month_end
select council_code, service, month_end, children_matched / (children_matched - children_matched) as broken
from reporting.rollup_council_month`,
      );
      const appended = await refreshReports(db, { models: [...loadModels(), divideByZero] });
      expect(appended.status).toBe('FAILED');
      expect(appended.models.filter((outcome) => outcome.status === 'FAILED')).toEqual([
        expect.objectContaining({ model: 'coverage_per_council', error: expect.stringMatching(/division by zero/) }),
      ]);
      const [{ present, build }] = await db.query(
        `select to_regclass('reporting.coverage_per_council') is not null as present, to_regclass('reporting.coverage_per_council__build') is not null as build`,
      );
      expect({ present, build }).toEqual({ present: false, build: false });
      const [{ leftovers }] = await db.query(
        `select count(*)::integer as leftovers from pg_tables where schemaname = 'reporting' and tablename like '%\\_\\_build'`,
      );
      expect(leftovers).toBe(0);
      expect(await tableChecksums(db, councilRollups)).toEqual(lastGood);
      expect(await councilMonth(db, HARTLEPOOL, IV, '2025-01-31')).toMatchObject({ referrals_received: 0, waiting: 0 });

      // The next good refresh publishes the new referral. 20 January to 31 January: 11 days.
      const good = await refreshReports(db);
      expectSucceeded(good);
      const [{ count }] = await db.query(`select count(*)::integer as count from reporting.rollup_council_month`);
      expect(count).toBe(first.models.find((outcome) => outcome.model === 'rollup_council_month')?.rows);
      expect(await councilMonth(db, HARTLEPOOL, IV, '2025-01-31')).toMatchObject({ referrals_received: 1, waiting: 1, median_wait_days: 11 });
    },
    REFRESH_TIMEOUT,
  );
});
