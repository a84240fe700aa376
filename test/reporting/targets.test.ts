import type { DataSource } from 'typeorm';
import { todayInLondon } from '../../src/graphql/dates';
import { toGlobalId } from '../../src/graphql/relay';
import { roundToTen } from '../../src/reporting/disclosure';
import { refreshReports } from '../../src/reporting/refresh';
import { monthEndAfter, PROJECTION_HORIZON_MONTHS, projectTarget } from '../../src/targets/projection';
import { evaluateTarget } from '../../src/targets/target.resolver';
import { admin, analyst, coordinator, officer, researcher } from '../support/fixtures';
import { createTestDatabase, TestDatabase } from '../support/testDatabase';
import { TestServer } from '../support/testServer';
import { IV, MENTORING, OperationalFixtures } from './fixtures';

/**
 * Targets as data (issue 16; reports/METRICS.md "Targets"): the projection on hand-made series,
 * then end to end through GraphQL on rollups whose values rise exactly linearly, with the role
 * rules, validation, audit and removal.
 */

const HARTLEPOOL = 'E06000001';
const DARLINGTON = 'E06000005';
const NORTH_EAST = 'E12000001';
const ENGLAND = 'E92000001';

describe('the projection on hand-made series', () => {
  const LATEST = '2026-11-30';
  const rising = Array.from({ length: 12 }, (_, i) => 10 + 2 * i); // 10, 12, ..., 32: line 10 + 2x

  it('on a straight line, reaches the value at the first month end where the line is at or above it', () => {
    // 10 + 2k >= 40 at k = 15; the latest is k = 11, so four month ends later.
    expect(projectTarget({ values: rising, latestMonthEnd: LATEST, value: 40, dueOn: '2027-03-31', scale: 1 })).toEqual({
      projectedOn: '2027-03-31',
      onTrack: true,
      outcome: 'PROJECTED',
    });
    expect(projectTarget({ values: rising, latestMonthEnd: LATEST, value: 40, dueOn: '2027-03-30', scale: 1 })).toEqual({
      projectedOn: '2027-03-31',
      onTrack: false,
      outcome: 'PROJECTED',
    });
    // 39 is passed at k = 15 too (line 40 there, 38 at k = 14).
    expect(projectTarget({ values: rising, latestMonthEnd: LATEST, value: 39, dueOn: '2030-01-01', scale: 1 }).projectedOn).toBe('2027-03-31');
    // Just above the latest: the next month end.
    expect(projectTarget({ values: rising, latestMonthEnd: LATEST, value: 33, dueOn: '2030-01-01', scale: 1 }).projectedOn).toBe('2026-12-31');
  });

  it('works in tenths for rates, exactly: 1.0, 1.1, ..., 2.1 reaches 3.0 nine month ends after the latest', () => {
    const rates = Array.from({ length: 12 }, (_, i) => (10 + i) / 10);
    // 10 + k >= 30 tenths at k = 20 = 11 + 9.
    expect(projectTarget({ values: rates, latestMonthEnd: LATEST, value: 3, dueOn: '2027-08-31', scale: 10 })).toEqual({
      projectedOn: '2027-08-31',
      onTrack: true,
      outcome: 'PROJECTED',
    });
    // 0.1 + 0.2 style sums would drift in binary floating point; here 2.2 is reached at exactly k = 12.
    expect(projectTarget({ values: rates, latestMonthEnd: LATEST, value: 2.2, dueOn: '2026-12-31', scale: 10 })).toEqual({
      projectedOn: '2026-12-31',
      onTrack: true,
      outcome: 'PROJECTED',
    });
  });

  it('fits the least-squares line, not the last two points', () => {
    // Values 0, 0, ..., 0, 12 (12 points): slope = 12·(11 − 5.5) / Σ(x − 5.5)² = 66 / 143 = 6/13,
    // intercept = 1 − 5.5 × 6/13 = −20/13. Line >= 5 when −20 + 6k >= 65, k >= 14.17: k = 15.
    const values = [...Array(11).fill(0), 12];
    expect(projectTarget({ values, latestMonthEnd: LATEST, value: 5, dueOn: '2030-01-01', scale: 1 }).outcome).toBe('MET');
    // (−20 + 6k) / 13 >= 13 when 6k >= 189, k >= 31.5: k = 32, 21 month ends after the latest (k = 11).
    expect(projectTarget({ values, latestMonthEnd: LATEST, value: 13, dueOn: '2030-01-01', scale: 1 }).projectedOn).toBe(monthEndAfter(LATEST, 21));
  });

  it('gives the latest month end when the current value already meets the target', () => {
    expect(projectTarget({ values: rising, latestMonthEnd: LATEST, value: 32, dueOn: '2027-01-01', scale: 1 })).toEqual({
      projectedOn: LATEST,
      onTrack: true,
      outcome: 'MET',
    });
    expect(projectTarget({ values: rising, latestMonthEnd: LATEST, value: 0, dueOn: '2027-01-01', scale: 1 }).projectedOn).toBe(LATEST);
  });

  it('never reaches the value on a flat or falling line: projectedOn null, not on track', () => {
    const flat = Array(12).fill(5);
    expect(projectTarget({ values: flat, latestMonthEnd: LATEST, value: 6, dueOn: '2030-01-01', scale: 1 })).toEqual({
      projectedOn: null,
      onTrack: false,
      outcome: 'NEVER',
    });
    const falling = [...rising].reverse();
    expect(projectTarget({ values: falling, latestMonthEnd: LATEST, value: 20, dueOn: '2030-01-01', scale: 1 })).toEqual({
      projectedOn: null,
      onTrack: false,
      outcome: 'NEVER',
    });
  });

  it('follows the line at most PROJECTION_HORIZON_MONTHS ahead', () => {
    // 0 then 1 (two points): slope 1 per month, reached after exactly the horizon ...
    const steep = [0, 1];
    expect(projectTarget({ values: steep, latestMonthEnd: LATEST, value: 1 + PROJECTION_HORIZON_MONTHS, dueOn: '2030-01-01', scale: 1 }).projectedOn).toBe(
      monthEndAfter(LATEST, PROJECTION_HORIZON_MONTHS),
    );
    // ... and one month past it is "never".
    expect(projectTarget({ values: steep, latestMonthEnd: LATEST, value: 2 + PROJECTION_HORIZON_MONTHS, dueOn: '2030-01-01', scale: 1 })).toMatchObject({
      projectedOn: null,
      onTrack: false,
    });
  });

  it('cannot tell from fewer than two values; skips months without a value', () => {
    expect(projectTarget({ values: [null, null, 3], latestMonthEnd: LATEST, value: 5, dueOn: '2030-01-01', scale: 1 })).toEqual({
      projectedOn: null,
      onTrack: null,
      outcome: 'TOO_FEW_VALUES',
    });
    expect(projectTarget({ values: [], latestMonthEnd: LATEST, value: 5, dueOn: '2030-01-01', scale: 1 }).onTrack).toBeNull();
    // 2, _, 6: the line through (0, 2) and (2, 6) is 2 + 2x; >= 10 at x = 4, two month ends after the latest (x = 2).
    expect(projectTarget({ values: [2, null, 6], latestMonthEnd: LATEST, value: 10, dueOn: '2030-01-01', scale: 1 }).projectedOn).toBe(
      monthEndAfter(LATEST, 2),
    );
  });

  it('counts month ends by the calendar (leap years, short months)', () => {
    expect(monthEndAfter('2027-12-31', 2)).toBe('2028-02-29');
    expect(monthEndAfter('2026-01-31', 1)).toBe('2026-02-28');
    expect(monthEndAfter('2026-11-30', -11)).toBe('2025-12-31');
    expect(monthEndAfter('2026-11-15', 0)).toBe('2026-11-30');
  });

  it('gives a disclosure-controlled audience no projection when a value behind it is withheld', () => {
    const figures = (values: (number | null)[]) =>
      values.map((value) => ({ childrenMatched: value === null ? { value: null, status: 'SUPPRESSED' } : { value, status: 'OK' } }) as never);
    const monthEnds = ['2026-09-30', '2026-10-31', '2026-11-30'];
    const target = { metric: 'ACTIVE_MATCHES' as never, value: 20, dueOn: '2027-06-30' };
    expect(evaluateTarget(target, { monthEnds, figures: figures([10, null, 14]), audience: 'PUBLIC' })).toEqual({
      current: { value: 14, status: 'OK' },
      projection: null,
    });
    expect(evaluateTarget(target, { monthEnds, figures: figures([10, 12, 14]), audience: 'PUBLIC' }).projection).toMatchObject({
      projectedOn: '2027-02-28',
      onTrack: true,
    });
    // Before the first refresh: nothing to measure.
    expect(evaluateTarget(target, { monthEnds: [], figures: [], audience: 'FULL' })).toEqual({
      current: { value: null, status: 'NOT_AVAILABLE' },
      projection: null,
    });
  });
});

// ---------------------------------------------------------------------------------------------
// End to end

const TARGET_FIELDS = 'id name areaCode service metric value dueOn current { value status } projectedOn onTrack';
const SET = `mutation SetTarget($input: SetTargetInput!) { setTarget(input: $input) { target { ${TARGET_FIELDS} } errors { code field message } } }`;
const REMOVE = `mutation RemoveTarget($input: RemoveTargetInput!) { removeTarget(input: $input) { target { id name } errors { code field message } } }`;
const TARGETS = `query Targets($areaCode: String, $service: Service) { targets(areaCode: $areaCode, service: $service) { ${TARGET_FIELDS} } }`;

type UserError = { code: string; field: string[] | null; message: string };
type TargetData = {
  id: string;
  name: string;
  areaCode: string;
  service: string;
  metric: string;
  value: number;
  dueOn: string;
  current: { value: number | null; status: string };
  projectedOn: string | null;
  onTrack: boolean | null;
};
type SetInput = { name: string; areaCode: string; service: string; metric: string; value: number; dueOn: string };

/** The latest month end on or before today (Europe/London): the last reporting date of the rollups. */
function latestMonthEnd(): string {
  const today = todayInLondon();
  const end = monthEndAfter(today, 0);
  return end === today ? today : monthEndAfter(today, -1);
}

describe('targets through GraphQL', () => {
  let database: TestDatabase;
  let db: DataSource;
  let server: TestServer;
  const latest = latestMonthEnd();
  // The last 12 month ends, oldest first.
  const monthEnds = Array.from({ length: 12 }, (_, i) => monthEndAfter(latest, i - 11));
  const monthStart = (monthEnd: string) => `${monthEnd.slice(0, 8)}01`;

  async function set(input: SetInput, principal = analyst): Promise<{ target: TargetData | null; errors: UserError[] }> {
    const { data, errors } = await server.execute<{ setTarget: { target: TargetData | null; errors: UserError[] } }, { input: SetInput }>(
      SET,
      { input },
      principal,
    );
    expect(errors).toBeUndefined();
    return data!.setTarget;
  }

  async function remove(targetId: string, principal = analyst): Promise<{ target: { id: string } | null; errors: UserError[] }> {
    const { data, errors } = await server.execute<{ removeTarget: { target: { id: string } | null; errors: UserError[] } }, { input: { targetId: string } }>(
      REMOVE,
      { input: { targetId } },
      principal,
    );
    expect(errors).toBeUndefined();
    return data!.removeTarget;
  }

  async function targets(variables: { areaCode?: string; service?: string }, principal: Parameters<TestServer['execute']>[2] = analyst): Promise<TargetData[]> {
    const { data, errors } = await server.execute<{ targets: TargetData[] }, typeof variables>(TARGETS, variables, principal);
    expect(errors).toBeUndefined();
    return data!.targets;
  }

  const counts = async () => {
    const [row] = await db.query('select (select count(*)::int from targets) as targets, (select count(*)::int from audit_events) as audit');
    return row as { targets: number; audit: number };
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.dataSource;
    server = await TestServer.start(db);
    const fixtures = new OperationalFixtures(db);
    // Darlington, independent visitors: 6 children matched at the oldest of the 12 month ends and
    // 2 more in each month after, so children_matched is exactly 6 + 2x at month end x (0..11).
    await fixtures.matchedChildren(DARLINGTON, 6, monthStart(monthEnds[0]));
    for (const monthEnd of monthEnds.slice(1)) await fixtures.matchedChildren(DARLINGTON, 2, monthStart(monthEnd));
    // Hartlepool: 2 children matched throughout, a count the public never sees.
    await fixtures.matchedChildren(HARTLEPOOL, 2, monthStart(monthEnds[0]));
    const refreshed = await refreshReports(db);
    expect(refreshed.status).toBe('SUCCEEDED');
  }, 300_000);

  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('reads the straight line from the rollups', async () => {
    const rows: { month_end: string; children_matched: number }[] = await db.query(
      `select month_end::text, children_matched from reporting.rollup_council_month where council_code = $1 and service = $2 and month_end >= $3::date order by month_end`,
      [DARLINGTON, IV, monthEnds[0]],
    );
    expect(rows.map((row) => row.month_end)).toEqual(monthEnds);
    expect(rows.map((row) => row.children_matched)).toEqual(monthEnds.map((_, x) => 6 + 2 * x));
  });

  it('projects a council target on the line: on track, not on track, already met, never reached', async () => {
    // 6 + 2k >= 40 at k = 17: six month ends after the latest (k = 11).
    const projected = monthEndAfter(latest, 6);
    const dayBefore = new Date(Date.parse(`${projected}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const onTrack = await set(
      { name: 'Forty active relationships', areaCode: DARLINGTON, service: IV, metric: 'ACTIVE_MATCHES', value: 40, dueOn: projected },
      officer(DARLINGTON),
    );
    expect(onTrack.errors).toEqual([]);
    expect(onTrack.target).toMatchObject({
      areaCode: DARLINGTON,
      value: 40,
      dueOn: projected,
      current: { value: 28, status: 'OK' },
      projectedOn: projected,
      onTrack: true,
    });

    const late = await set({ name: 'Forty, a day sooner', areaCode: DARLINGTON, service: IV, metric: 'ACTIVE_MATCHES', value: 40, dueOn: dayBefore });
    expect(late.target).toMatchObject({ projectedOn: projected, onTrack: false });

    const met = await set({ name: 'Twenty', areaCode: DARLINGTON, service: IV, metric: 'ACTIVE_MATCHES', value: 20, dueOn: monthEndAfter(latest, 12) });
    expect(met.target).toMatchObject({ current: { value: 28, status: 'OK' }, projectedOn: latest, onTrack: true });

    // No mentoring at all: a flat line at 0 never reaches 5.
    const never = await set({
      name: 'Five mentors',
      areaCode: DARLINGTON,
      service: MENTORING,
      metric: 'ACTIVE_MATCHES',
      value: 5,
      dueOn: monthEndAfter(latest, 24),
    });
    expect(never.target).toMatchObject({ current: { value: 0, status: 'OK' }, projectedOn: null, onTrack: false });
  });

  it('measures COVERAGE_RATE on the published one-decimal rates of the rollup', async () => {
    const rows: { coverage_rate: number }[] = await db.query(
      `select coverage_rate::float8 as coverage_rate from reporting.rollup_council_month where council_code = $1 and service = $2 and month_end >= $3::date order by month_end`,
      [DARLINGTON, IV, monthEnds[0]],
    );
    const rates = rows.map((row) => row.coverage_rate);
    const value = Math.round((rates[11] + 5) * 10) / 10;
    const dueOn = monthEndAfter(latest, 36);
    const expected = projectTarget({ values: rates, latestMonthEnd: latest, value, dueOn, scale: 10 });
    expect(expected.projectedOn).not.toBeNull();
    const { target } = await set({ name: 'Coverage up five points', areaCode: DARLINGTON, service: IV, metric: 'COVERAGE_RATE', value, dueOn });
    expect(target).toMatchObject({ current: { value: rates[11], status: 'OK' }, projectedOn: expected.projectedOn, onTrack: expected.onTrack });
  });

  it('measures England and regions on their own rollups; the public get the rounded figures and withheld councils', async () => {
    // England (and the North East): Darlington's 6 + 2x plus Hartlepool's 2.
    const dueOn = monthEndAfter(latest, 48);
    const england = await set({ name: 'A hundred in England', areaCode: ENGLAND, service: IV, metric: 'ACTIVE_MATCHES', value: 100, dueOn });
    // 8 + 2k >= 100 at k = 46: 35 month ends after the latest.
    expect(england.target).toMatchObject({ current: { value: 30, status: 'OK' }, projectedOn: monthEndAfter(latest, 35), onTrack: true });
    const region = await set({ name: 'Fifty in the North East', areaCode: NORTH_EAST, service: IV, metric: 'ACTIVE_MATCHES', value: 50, dueOn });
    // 8 + 2k >= 50 at k = 21: ten month ends after.
    expect(region.target).toMatchObject({ current: { value: 30, status: 'OK' }, projectedOn: monthEndAfter(latest, 10) });
    const hartlepool = await set({ name: 'Ten in Hartlepool', areaCode: HARTLEPOOL, service: IV, metric: 'ACTIVE_MATCHES', value: 10, dueOn });
    expect(hartlepool.target).toMatchObject({ current: { value: 2, status: 'OK' }, projectedOn: null, onTrack: false });

    for (const who of [researcher, null]) {
      const seen = new Map((await targets({ service: IV }, who)).map((target) => [target.name, target]));
      // Rounded to 10, and the line through the rounded values.
      const rounded = monthEnds.map((_, x) => roundToTen(8 + 2 * x));
      const publicProjection = projectTarget({ values: rounded, latestMonthEnd: latest, value: 100, dueOn, scale: 1 });
      expect(seen.get('A hundred in England')).toMatchObject({
        current: { value: 30, status: 'OK' },
        projectedOn: publicProjection.projectedOn,
        onTrack: publicProjection.onTrack,
      });
      // Hartlepool's 2 is withheld, and Darlington with it (secondary suppression in the North East).
      expect(seen.get('Ten in Hartlepool')).toMatchObject({ current: { value: null, status: 'SUPPRESSED' }, projectedOn: null, onTrack: null });
      expect(seen.get('Forty active relationships')).toMatchObject({ current: { value: null, status: 'SUPPRESSED' }, projectedOn: null, onTrack: null });
    }
  });

  it('lists targets England first, then regions and councils, filtered by area and service; unknown areas are an error', async () => {
    const all = await targets({}, null);
    const levels = all.map((target) => (target.areaCode === ENGLAND ? 0 : target.areaCode.startsWith('E12') ? 1 : 2));
    expect(levels).toEqual([...levels].sort());
    expect((await targets({ areaCode: DARLINGTON, service: MENTORING })).map((target) => target.name)).toEqual(['Five mentors']);
    expect((await targets({ areaCode: 'e92000001' })).every((target) => target.areaCode === ENGLAND)).toBe(true);
    for (const areaCode of ['E99999999', 'E10000006', 'nonsense']) {
      const { errors } = await server.execute(TARGETS, { areaCode }, null);
      expect(errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/area|Council/) });
    }
  });

  it('fetches a target by node(id)', async () => {
    const [first] = await targets({ areaCode: DARLINGTON });
    const { data } = await server.execute<{ node: { id: string; name: string } | null }, { id: string }>(
      'query ($id: ID!) { node(id: $id) { id ... on Target { name } } }',
      { id: first.id },
      null,
    );
    expect(data!.node).toEqual({ id: first.id, name: first.name });
  });

  it('lets a council officer set targets for their own council only, and refuses roles that may not set them', async () => {
    const before = await counts();
    const input = {
      name: 'Hartlepool by Darlington',
      areaCode: HARTLEPOOL,
      service: IV,
      metric: 'ACTIVE_MATCHES',
      value: 12,
      dueOn: monthEndAfter(latest, 12),
    };
    const other = await set(input, officer(DARLINGTON));
    expect(other).toEqual({
      target: null,
      errors: [{ code: 'FORBIDDEN', field: ['input', 'areaCode'], message: expect.stringMatching(/own council only \(E06000005\); got E06000001/) }],
    });
    expect((await set({ ...input, areaCode: ENGLAND }, officer(DARLINGTON))).errors[0]).toMatchObject({ code: 'FORBIDDEN', field: ['input', 'areaCode'] });
    for (const who of [researcher, coordinator(toGlobalId('Provider', '00000000-0000-0000-0000-000000000001')), null]) {
      const refused = await set(input, who as never);
      expect(refused.target).toBeNull();
      expect(refused.errors[0].code).toBe('FORBIDDEN');
    }
    expect(await counts()).toEqual(before);
  });

  it.each<[string, Partial<SetInput>, string, RegExp]>([
    ['an empty name', { name: '   ' }, 'name', /name is required/],
    ['a name on two lines', { name: 'one\ntwo' }, 'name', /one line/],
    ['a name with a control character', { name: 'bell\u0007' }, 'name', /control characters/],
    ['a name of 121 characters', { name: 'x'.repeat(121) }, 'name', /at most 120 characters/],
    [
      'an unknown area',
      { areaCode: 'E99999999' },
      'areaCode',
      /Unknown area code "E99999999": expected a current council .* a region .* or England \(E92000001\)/,
    ],
    ['an abolished council', { areaCode: 'E10000006' }, 'areaCode', /no longer exists/],
    ['not an area code', { areaCode: "E06000001' or '1'='1" }, 'areaCode', /is not an area code/],
    ['a rate above 100', { metric: 'COVERAGE_RATE', value: 100.1 }, 'value', /0 to 100 with at most one decimal/],
    ['a rate with two decimals', { metric: 'COVERAGE_RATE', value: 10.15 }, 'value', /at most one decimal/],
    ['a negative rate', { metric: 'COVERAGE_RATE', value: -1 }, 'value', /0 to 100/],
    ['a fractional count', { metric: 'ACTIVE_MATCHES', value: 2.5 }, 'value', /whole number/],
    ['a negative count', { metric: 'ACTIVE_MATCHES', value: -3 }, 'value', /whole number/],
    ['a huge count', { metric: 'ACTIVE_MATCHES', value: 1e12 }, 'value', /whole number of children from 0 to 1,000,000/],
    ['a due date of today', { dueOn: todayInLondon() }, 'dueOn', /after today/],
    ['a due date in the past', { dueOn: '2020-03-31' }, 'dueOn', /after today/],
    ['a due date 11 years ahead', { dueOn: monthEndAfter(todayInLondon(), 132) }, 'dueOn', /at most 10 years ahead/],
  ])('refuses %s with VALIDATION on that field, writing nothing', async (_label, change, field, message) => {
    const before = await counts();
    const result = await set({
      name: 'Valid name',
      areaCode: DARLINGTON,
      service: IV,
      metric: 'ACTIVE_MATCHES',
      value: 10,
      dueOn: monthEndAfter(latest, 60),
      ...change,
    });
    expect(result.target).toBeNull();
    expect(result.errors).toEqual([{ code: 'VALIDATION', field: ['input', field], message: expect.stringMatching(message) }]);
    expect(await counts()).toEqual(before);
  });

  it('writes an audit event with each change, naming the fields, never the values', async () => {
    const dueOn = monthEndAfter(latest, 30);
    const created = await set({ name: 'Audited', areaCode: NORTH_EAST, service: MENTORING, metric: 'COVERAGE_RATE', value: 2.5, dueOn });
    const key = Buffer.from(created.target!.id, 'base64url').toString('utf8').split(':')[1];
    // The same area, service, metric and due date again: the same target, a new value.
    const again = await set({ name: 'Audited', areaCode: NORTH_EAST, service: MENTORING, metric: 'COVERAGE_RATE', value: 3, dueOn });
    expect(again.target).toMatchObject({ id: created.target!.id, value: 3 });
    expect((await remove(created.target!.id)).errors).toEqual([]);
    const events: { action: string; actor_role: string; changed_fields: string[] }[] = await db.query(
      'select action, actor_role, changed_fields from audit_events where record_type = $1 and record_id = $2 order by audit_event_id',
      ['Target', key],
    );
    expect(events).toEqual([
      { action: 'setTarget', actor_role: 'NATIONAL_ANALYST', changed_fields: ['name', 'areaCode', 'service', 'metric', 'value', 'dueOn'] },
      { action: 'setTarget', actor_role: 'NATIONAL_ANALYST', changed_fields: ['value'] },
      { action: 'removeTarget', actor_role: 'NATIONAL_ANALYST', changed_fields: ['name', 'areaCode', 'service', 'metric', 'value', 'dueOn'] },
    ]);
  });

  it("removes targets: another council's is NOT_FOUND for an officer, as a made-up ID is; then gone for everyone", async () => {
    const [darlington] = await targets({ areaCode: DARLINGTON, service: MENTORING });
    const before = await counts();
    const refused = await remove(darlington.id, officer(HARTLEPOOL));
    const ghost = await remove(toGlobalId('Target', '00000000-0000-0000-0000-000000000000'), officer(HARTLEPOOL));
    expect(refused).toEqual({
      target: null,
      errors: [{ code: 'NOT_FOUND', field: ['input', 'targetId'], message: 'No target with that ID that you can access.' }],
    });
    expect(ghost).toEqual(refused);
    expect((await remove(darlington.id, researcher)).errors[0].code).toBe('FORBIDDEN');
    expect(await counts()).toEqual(before);

    const removed = await remove(darlington.id, officer(DARLINGTON));
    expect(removed).toEqual({ target: { id: darlington.id, name: 'Five mentors' }, errors: [] });
    expect(await targets({ areaCode: DARLINGTON, service: MENTORING })).toEqual([]);
    const { data } = await server.execute<{ node: unknown }, { id: string }>('query ($id: ID!) { node(id: $id) { id } }', { id: darlington.id }, admin);
    expect(data!.node).toBeNull();
    expect((await remove(darlington.id, admin)).errors[0].code).toBe('NOT_FOUND');
  });

  it('holds at most 10 targets per area: the eleventh is a CONFLICT naming the limit; setting one again still works', async () => {
    const area = 'E06000004'; // Stockton-on-Tees
    const base = { areaCode: area, service: IV, metric: 'ACTIVE_MATCHES', value: 10 };
    for (let i = 1; i <= 10; i += 1) expect((await set({ ...base, name: `Target ${i}`, dueOn: monthEndAfter(latest, i) })).errors).toEqual([]);
    const eleventh = await set({ ...base, name: 'Target 11', dueOn: monthEndAfter(latest, 11) });
    expect(eleventh.errors).toEqual([
      { code: 'CONFLICT', field: ['input', 'areaCode'], message: expect.stringMatching(/already has 10 targets, the most one area may hold \(10\)/) },
    ]);
    expect((await set({ ...base, name: 'Target 1, raised', value: 12, dueOn: monthEndAfter(latest, 1) })).target).toMatchObject({
      name: 'Target 1, raised',
      value: 12,
    });
    expect(await targets({ areaCode: area })).toHaveLength(10);
  });
});
