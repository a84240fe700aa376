import type { DataSource } from 'typeorm';
import { COUNCIL_EXISTENCE } from '../../src/councils/existence';
import { CHILDREN_LOOKED_AFTER_MEASURE } from '../../src/councils/officialStatistics.import';
import { clearOperationalData, DemoSummary, hasOperationalData, loadDemoData } from '../../src/demo/demoData';
import { tableChecksums } from '../support/checksum';
import { createTestDatabase, TestDatabase } from '../support/testDatabase';

const TODAY = '2025-11-23';
// Targets are operational data too (set and removed through the API); the demo seeds two.
const OPERATIONAL_TABLES = [
  'providers',
  'commissions',
  'self_referrals',
  'children',
  'referrals',
  'volunteers',
  'volunteer_history',
  'matches',
  'visits',
  'audit_events',
  'targets',
];
const SOURCES = ['SOCIAL_WORKER', 'TEACHER', 'FOSTER_CARER', 'RESIDENTIAL_WORKER', 'PERSONAL_ADVISER', 'INDEPENDENT_REVIEWING_OFFICER', 'SELF', 'OTHER'];

async function one<T>(db: DataSource, sql: string, parameters: unknown[] = []): Promise<T> {
  const rows: T[] = await db.query(sql, parameters);
  return rows[0];
}

/**
 * Checksums of every operational table over every column except those stamped with the clock
 * (created_at) or numbered by a sequence (volunteer_history_id: the database's, not the seed's).
 */
async function operationalChecksums(db: DataSource): Promise<Record<string, string>> {
  const sums: Record<string, string> = {};
  for (const table of OPERATIONAL_TABLES) {
    const columns: { column_name: string }[] = await db.query(
      `select column_name from information_schema.columns
       where table_schema = 'public' and table_name = $1::text
         and column_name <> 'created_at' and coalesce(column_default, '') not like '%now()%' and is_identity = 'NO'
       order by ordinal_position`,
      [table],
    );
    const selection = `(select ${columns.map((column) => column.column_name).join(', ')} from ${table})`;
    sums[table] = (await tableChecksums(db, [selection]))[selection];
  }
  return sums;
}

describe('demo data at scale 1, seed 42', () => {
  let database: TestDatabase;
  let db: DataSource;
  let summary: DemoSummary;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.dataSource;
    summary = await loadDemoData(db, { scale: 1, seed: 42, today: TODAY });
  }, 180_000);

  afterAll(async () => {
    await database?.drop();
  });

  it('reports what it wrote, and it is all there', async () => {
    const counts = await one<Record<string, number>>(
      db,
      `select (select count(*)::int from providers) as providers, (select count(*)::int from commissions) as commissions,
              (select count(*)::int from children) as children, (select count(*)::int from referrals) as referrals,
              (select count(*)::int from volunteers) as volunteers, (select count(*)::int from matches) as matches,
              (select count(*)::int from visits) as visits, (select count(*)::int from self_referrals) as "selfReferrals",
              (select count(*)::int from targets) as targets`,
    );
    expect(summary).toMatchObject(counts);
    expect(summary.targets).toBe(2);
    const targets: { name: string; area_code: string; service: string; metric: string; value: number; due_on: string }[] = await db.query(
      'select name, area_code, service, metric, value::float8 as value, due_on::text from targets order by metric',
    );
    expect(targets).toEqual([
      {
        name: '3,000 active independent visitor relationships in England',
        area_code: 'E92000001',
        service: 'INDEPENDENT_VISITOR',
        metric: 'ACTIVE_MATCHES',
        value: 3000,
        due_on: '2028-03-31',
      },
      {
        name: '10% of looked-after children in England with an independent visitor',
        area_code: 'E92000001',
        service: 'INDEPENDENT_VISITOR',
        metric: 'COVERAGE_RATE',
        value: 10,
        due_on: '2030-03-31',
      },
    ]);
    expect(summary.providers).toBeGreaterThanOrEqual(40);
    expect(summary.visits).toBeGreaterThan(summary.matches);
    expect(summary.rowsPerSecond).toBeGreaterThan(0);
    expect(await hasOperationalData(db)).toBe(true);
    const kinds: { kind: string }[] = await db.query('select distinct kind from providers order by kind');
    expect(kinds.map((row) => row.kind)).toEqual(['CHARITY', 'COUNCIL_TEAM', 'OTHER']);
  });

  it('refuses to load on top of existing operational data, changing nothing', async () => {
    await expect(loadDemoData(db, { scale: 0.1, seed: 1, today: TODAY })).rejects.toThrow(/providers already exist/);
    expect((await one<{ count: number }>(db, 'select count(*)::int as count from providers')).count).toBe(summary.providers);
  });

  it('has referrals from all eight sources, with social workers under-represented', async () => {
    const rows: { source: string; share: number }[] = await db.query(
      `select source, count(*)::float / sum(count(*)) over () as share from referrals group by source order by source`,
    );
    expect(rows.map((row) => row.source).sort()).toEqual([...SOURCES].sort());
    const socialWorkers = rows.find((row) => row.source === 'SOCIAL_WORKER')!;
    expect(socialWorkers.share).toBeLessThan(0.15);
    for (const row of rows) expect(row.share).toBeGreaterThan(0.01);
  });

  it('puts national independent visitor coverage near 3% on today', async () => {
    const { rate } = await one<{ rate: number }>(
      db,
      `with matched as (
         select count(distinct r.child_id)::float as children
         from matches m join referrals r on r.referral_id = m.referral_id
         where r.service = 'INDEPENDENT_VISITOR' and m.started_on <= $1::date and (m.ended_on is null or m.ended_on > $1::date)
       ), looked_after as (
         select sum(s.children_count)::float as children
         from official_statistics s join councils c on c.code = s.council_code
         where c.is_current and s.measure = $2::text and s.time_period = 2025 and s.children_count is not null
       )
       select 100 * matched.children / looked_after.children as rate from matched, looked_after`,
      [TODAY, CHILDREN_LOOKED_AFTER_MEASURE],
    );
    expect(rate).toBeGreaterThanOrEqual(2.5);
    expect(rate).toBeLessThanOrEqual(4);
  });

  it('gives about two thirds of councils an independent visitor waiting list, with a mix of waits', async () => {
    const { share, total } = await one<{ share: number; total: number }>(
      db,
      `select (count(*) filter (where waiting > 0))::float / count(*) as share, sum(waiting)::int as total
       from (select c.code, count(r.referral_id) as waiting
             from councils c
             left join referrals r on r.council_code = c.code and r.service = 'INDEPENDENT_VISITOR' and r.status = 'ACCEPTED'
             where c.is_current
             group by c.code) w`,
    );
    expect(share).toBeGreaterThanOrEqual(0.55);
    expect(share).toBeLessThanOrEqual(0.75);
    expect(total).toBeGreaterThanOrEqual(1000);
    expect(total).toBeLessThanOrEqual(1400);
    const waits = await one<{ under_month: number; over_year: number; mentoring: number }>(
      db,
      `select count(*) filter (where service = 'INDEPENDENT_VISITOR' and $1::date - accepted_on < 30)::int as under_month,
              count(*) filter (where service = 'INDEPENDENT_VISITOR' and $1::date - accepted_on > 365)::int as over_year,
              count(*) filter (where service = 'MENTORING')::int as mentoring
       from referrals where status = 'ACCEPTED'`,
      [TODAY],
    );
    expect(waits.under_month).toBeGreaterThan(0);
    expect(waits.over_year).toBeGreaterThan(0);
    expect(waits.mentoring).toBeGreaterThan(0);
    expect(waits.mentoring).toBeLessThan(total);
  });

  it('leaves some councils with no independent visitor service at all', async () => {
    const { count } = await one<{ count: number }>(
      db,
      `select count(*)::int as count from councils c
       where c.is_current
         and not exists (select 1 from commissions m where m.council_code = c.code and m.service = 'INDEPENDENT_VISITOR')
         and not exists (select 1 from matches m join referrals r on r.referral_id = m.referral_id
                         where r.council_code = c.code and r.service = 'INDEPENDENT_VISITOR')`,
    );
    expect(count).toBeGreaterThanOrEqual(1);
  });

  it('makes Hartlepool, the start-up demo council, busy in both services', async () => {
    const rows: { service: string; commissions: number; active: number; waiting: number }[] = await db.query(
      `select s.service,
              (select count(*)::int from commissions c where c.council_code = 'E06000001' and c.service = s.service) as commissions,
              (select count(*)::int from matches m join referrals r on r.referral_id = m.referral_id
               where r.council_code = 'E06000001' and r.service = s.service and m.status = 'ACTIVE') as active,
              (select count(*)::int from referrals r where r.council_code = 'E06000001' and r.service = s.service and r.status = 'ACCEPTED') as waiting
       from (values ('INDEPENDENT_VISITOR'), ('MENTORING')) as s(service) order by s.service`,
    );
    for (const row of rows) {
      expect(row.commissions).toBeGreaterThanOrEqual(1);
      expect(row.active).toBeGreaterThanOrEqual(5);
      expect(row.waiting).toBeGreaterThanOrEqual(1);
    }
  });

  it("keeps every volunteer's open_matches equal to their proposed and active matches", async () => {
    const { count } = await one<{ count: number }>(
      db,
      `select count(*)::int as count from volunteers v
       where v.open_matches <> (select count(*) from matches m where m.volunteer_id = v.volunteer_id and m.status in ('PROPOSED', 'ACTIVE'))
          or v.open_matches > v.max_matches`,
    );
    expect(count).toBe(0);
  });

  it('never gives a referral two open matches, or a child two open referrals for a service', async () => {
    const { matches, referrals } = await one<{ matches: number; referrals: number }>(
      db,
      `select (select count(*)::int from (select referral_id from matches where status in ('PROPOSED', 'ACTIVE')
                                          group by referral_id having count(*) > 1) m) as matches,
              (select count(*)::int from (select child_id, service from referrals where status in ('NEW', 'ACCEPTED')
                                          group by child_id, service having count(*) > 1) r) as referrals`,
    );
    expect({ matches, referrals }).toEqual({ matches: 0, referrals: 0 });
  });

  it("dates every matched referral by its first match's first meeting", async () => {
    const { wrong, matched } = await one<{ wrong: number; matched: number }>(
      db,
      `select count(*) filter (where r.matched_on is distinct from first.started_on)::int as wrong, count(*)::int as matched
       from referrals r
       left join lateral (select min(m.started_on) as started_on from matches m where m.referral_id = r.referral_id) first on true
       where r.status = 'MATCHED'`,
    );
    expect(matched).toBeGreaterThan(1000);
    expect(wrong).toBe(0);
    const { unmatched } = await one<{ unmatched: number }>(
      db,
      `select count(*)::int as unmatched from matches m join referrals r on r.referral_id = m.referral_id
       where m.started_on is not null and r.status <> 'MATCHED'`,
    );
    expect(unmatched).toBe(0);
  });

  it("matches only volunteers of a provider the child's council commissions, approved and DBS-checked when proposed", async () => {
    const { uncommissioned, unapproved, expired } = await one<{ uncommissioned: number; unapproved: number; expired: number }>(
      db,
      `select count(*) filter (where not exists (
                select 1 from commissions c
                where c.provider_id = v.provider_id and c.council_code = r.council_code and c.service = r.service
                  and c.starts_on <= m.proposed_on and (c.ends_on is null or c.ends_on >= m.proposed_on)))::int as uncommissioned,
              count(*) filter (where v.approved_on is null or v.approved_on > m.proposed_on)::int as unapproved,
              count(*) filter (where not v.dbs_update_service and v.dbs_issued_on + interval '3 years' <= m.proposed_on)::int as expired
       from matches m
       join referrals r on r.referral_id = m.referral_id
       join volunteers v on v.volunteer_id = m.volunteer_id`,
    );
    expect({ uncommissioned, unapproved, expired }).toEqual({ uncommissioned: 0, unapproved: 0, expired: 0 });
  });

  it('places volunteers in councils their provider serves, and some DBS checks have lapsed', async () => {
    const { elsewhere, lapsed } = await one<{ elsewhere: number; lapsed: number }>(
      db,
      `select count(*) filter (where not exists (
                select 1 from commissions c where c.provider_id = v.provider_id and c.council_code = v.home_council_code))::int as elsewhere,
              count(*) filter (where v.status = 'APPROVED' and not v.dbs_update_service
                                 and v.dbs_issued_on + interval '3 years' <= $1::date)::int as lapsed
       from volunteers v`,
      [TODAY],
    );
    expect(elsewhere).toBe(0);
    expect(lapsed).toBeGreaterThan(0);
  });

  it('has no activity in a council before it existed or after it was abolished', async () => {
    // Every dated record that places something in a council: commissions, children (created and
    // looked after), referrals (of the council and placed in it), matches and visits of its
    // referrals, volunteers living in it (from their application), self-referrals to it.
    const activity = `
      select council_code as code, starts_on as day from commissions
      union all select council_code, coalesce(ends_on, starts_on) from commissions
      union all select council_code, (created_at at time zone 'Europe/London')::date from children
      union all select council_code, looked_after_since from children
      union all select council_code, referred_on from referrals
      union all select placement_council_code, referred_on from referrals
      union all select r.council_code, m.proposed_on from matches m join referrals r using (referral_id)
      union all select r.council_code, v.visited_on from visits v join matches m using (match_id) join referrals r using (referral_id)
      union all select home_council_code, applied_on from volunteers
      union all select council_code, (submitted_at at time zone 'Europe/London')::date from self_referrals`;
    const outside: { code: string; day: string }[] = [];
    for (const [code, { from, until }] of Object.entries(COUNCIL_EXISTENCE)) {
      const rows: { code: string; day: string }[] = await db.query(
        `select code, min(day)::text as day from (${activity}) a
         where code = $1 and (day < coalesce($2::date, '-infinity') or day > coalesce($3::date, 'infinity')) group by code`,
        [code, from ?? null, until ?? null],
      );
      outside.push(...rows);
    }
    expect(outside).toEqual([]);
    // Not vacuous: Cumberland (from 2023-04-01) has matches and volunteers of its own.
    const cumberland = await one<{ matches: number; volunteers: number; first: string }>(
      db,
      `select (select count(*)::int from matches m join referrals r using (referral_id) where r.council_code = 'E06000063') as matches,
              (select count(*)::int from volunteers where home_council_code = 'E06000063') as volunteers,
              (select min(referred_on)::text from referrals where council_code = 'E06000063') as first`,
    );
    expect(cumberland.matches).toBeGreaterThan(0);
    expect(cumberland.volunteers).toBeGreaterThan(0);
    expect(cumberland.first >= '2023-04-01').toBe(true);
  });

  it("writes each volunteer's history: dated status changes ending in their status today, approval on approved_on", async () => {
    const problems = await one<{ without: number; last_differs: number; approval_differs: number; before_applying: number }>(
      db,
      `with last as (
         select distinct on (volunteer_id) volunteer_id, status, max_matches
         from volunteer_history order by volunteer_id, volunteer_history_id desc
       )
       select
         (select count(*)::int from volunteers v where not exists (select 1 from volunteer_history h where h.volunteer_id = v.volunteer_id)) as without,
         (select count(*)::int from volunteers v join last using (volunteer_id) where last.status <> v.status or last.max_matches <> v.max_matches) as last_differs,
         (select count(*)::int from volunteers v where v.approved_on is not null
            and not exists (select 1 from volunteer_history h where h.volunteer_id = v.volunteer_id and h.status = 'APPROVED' and h.effective_on = v.approved_on)) as approval_differs,
         (select count(*)::int from volunteer_history h join volunteers v using (volunteer_id) where h.effective_on < v.applied_on or h.effective_on > $1::date) as before_applying`,
      [TODAY],
    );
    expect(problems).toEqual({ without: 0, last_differs: 0, approval_differs: 0, before_applying: 0 });
    // Some volunteers approved in the past have left since: their approval is still on record.
    const left = await one<{ count: number }>(
      db,
      `select count(*)::int as count from volunteers v where v.status in ('INACTIVE', 'WITHDRAWN') and v.approved_on is not null
         and exists (select 1 from volunteer_history h where h.volunteer_id = v.volunteer_id and h.status = v.status and h.effective_on > v.approved_on)`,
    );
    expect(left.count).toBeGreaterThan(0);
  });

  it('has nothing dated after today', async () => {
    const { latest } = await one<{ latest: string }>(
      db,
      `select to_char(max(day), 'YYYY-MM-DD') as latest from (
         select greatest(starts_on, ends_on) as day from commissions
         union all select greatest(birth_month, looked_after_since) from children
         union all select greatest(referred_on, accepted_on, matched_on, closed_on) from referrals
         union all select greatest(applied_on, dbs_issued_on, training_completed_on, approved_on) from volunteers
         union all select greatest(proposed_on, started_on, ended_on, cancelled_on) from matches
         union all select visited_on from visits
         union all select greatest(submitted_at, resolved_at) at time zone 'Europe/London' from self_referrals
         union all select created_at at time zone 'Europe/London' from referrals
         union all select created_at at time zone 'Europe/London' from visits
       ) dates`,
    );
    expect(latest <= TODAY).toBe(true);
  });
});

describe('demo data determinism', () => {
  let database: TestDatabase;
  let db: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.dataSource;
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('gives byte-identical rows for the same seed, and different rows for another', async () => {
    const first = await loadDemoData(db, { scale: 0.2, seed: 7 });
    const firstSums = await operationalChecksums(db);
    await clearOperationalData(db);
    expect(await hasOperationalData(db)).toBe(false);
    const second = await loadDemoData(db, { scale: 0.2, seed: 7 });
    expect(await operationalChecksums(db)).toEqual(firstSums);
    expect({ ...second, rowsPerSecond: 0, durationMs: 0 }).toEqual({ ...first, rowsPerSecond: 0, durationMs: 0 });

    await clearOperationalData(db);
    await loadDemoData(db, { scale: 0.2, seed: 8 });
    const otherSums = await operationalChecksums(db);
    for (const table of ['providers', 'children', 'referrals', 'volunteers', 'matches', 'visits']) expect(otherSums[table]).not.toEqual(firstSums[table]);
  }, 120_000);

  it('clears only operational tables', async () => {
    const reference = ['councils', 'official_statistics', 'statistical_neighbours'];
    const before = await tableChecksums(db, reference);
    await clearOperationalData(db);
    const counts = await one<{ rows: number }>(db, `select ${OPERATIONAL_TABLES.map((table) => `(select count(*) from ${table})`).join(' + ')} as rows`);
    expect(Number(counts.rows)).toBe(0);
    expect(await tableChecksums(db, reference)).toEqual(before);
  });

  it('writes all or nothing: a failure near the end of the load leaves every table empty', async () => {
    await clearOperationalData(db);
    // Worcestershire (E10000034) is the last current council in code order, so by the time its
    // referrals are written several batches for other councils already are.
    await db.query(`create function demo_test_refuse() returns trigger language plpgsql as $$ begin raise exception 'refused by test'; end $$`);
    await db.query(
      `create trigger demo_test_refuse before insert on referrals for each row when (new.council_code = 'E10000034') execute function demo_test_refuse()`,
    );
    try {
      await expect(loadDemoData(db, { scale: 0.2, seed: 7 })).rejects.toThrow(/refused by test/);
    } finally {
      await db.query('drop trigger demo_test_refuse on referrals');
      await db.query('drop function demo_test_refuse()');
    }
    const counts = await one<{ rows: number }>(db, `select ${OPERATIONAL_TABLES.map((table) => `(select count(*) from ${table})`).join(' + ')} as rows`);
    expect(Number(counts.rows)).toBe(0);
    expect(await hasOperationalData(db)).toBe(false);
  }, 60_000);

  it('scales volumes with the scale option', async () => {
    await clearOperationalData(db);
    const small = await loadDemoData(db, { scale: 0.1, seed: 3 });
    await clearOperationalData(db);
    const larger = await loadDemoData(db, { scale: 0.3, seed: 3 });
    expect(larger.providers).toBe(small.providers);
    expect(larger.referrals / small.referrals).toBeGreaterThan(2);
    expect(larger.visits / small.visits).toBeGreaterThan(2);
  }, 60_000);
});

describe('demo data options', () => {
  // Validation happens before the database is touched.
  const noDatabase = null as unknown as DataSource;

  it.each([
    ['scale 0', { scale: 0, seed: 1 }, /scale: expected a finite number greater than 0 and at most 100, got 0/],
    ["scale 'abc' (NaN)", { scale: Number('abc'), seed: 1 }, /scale: expected .*, got NaN/],
    ['scale 1000', { scale: 1000, seed: 1 }, /scale: expected .*at most 100, got 1000/],
    ['scale Infinity', { scale: Number.POSITIVE_INFINITY, seed: 1 }, /scale: expected a finite number.*, got Infinity/],
    ['seed 1.5', { scale: 1, seed: 1.5 }, /seed: expected a whole number, got 1.5/],
    ['today 2025-02-30', { scale: 1, seed: 1, today: '2025-02-30' }, /today as a YYYY-MM-DD date on or after 2021-04-01, got "2025-02-30"/],
    ['today before the demo starts', { scale: 1, seed: 1, today: '2020-12-31' }, /on or after 2021-04-01, got "2020-12-31"/],
  ])('rejects %s with a message saying what was expected', async (_label, options, message) => {
    await expect(loadDemoData(noDatabase, options)).rejects.toThrow(message);
  });
});
