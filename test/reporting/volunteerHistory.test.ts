import type { DataSource } from 'typeorm';
import { VolunteerHistory1763900700000 } from '../../migrations/1763900700000-VolunteerHistory';
import { keyOfGlobalId } from '../../src/globalId';
import { todayInLondon } from '../../src/graphql/dates';
import { refreshReports } from '../../src/reporting/refresh';
import { ApproveVolunteerDocument, RecordVolunteerVettingDocument, RegisterVolunteerDocument } from '../generated/graphql';
import { coordinator, daysAgo } from '../support/fixtures';
import { createTestDatabase, TestDatabase } from '../support/testDatabase';
import { TestServer } from '../support/testServer';
import { MatchingFixtures } from '../matching/matchingFixtures';

/**
 * Volunteer history (issue 14, METRICS.md "Volunteer pool"): status and capacity are kept with the
 * day they took effect, so a past month's pool and volunteersApproved describe that month; the
 * volunteer mutations write the history in the same transaction as the change.
 *
 * There is no mutation to withdraw a volunteer or change their capacity, so "today" those changes
 * are made as such a mutation would make them: the volunteer row and a history row from today.
 */
let database: TestDatabase;
let server: TestServer;
let db: DataSource;
let fixtures: MatchingFixtures;
const HARTLEPOOL = 'E06000001';
const SERVICE = 'INDEPENDENT_VISITOR';

/** The last day of the month `days` days ago. */
function monthEndOf(days: number): string {
  const date = new Date(`${daysAgo(days).slice(0, 8)}01T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + 1, 0);
  return date.toISOString().slice(0, 10);
}

/** A month end between the approvals below (780 days ago) and a year ago: late 2024 when written. */
const PAST_MONTH_END = monthEndOf(700);

const uuid = (volunteerId: string) => keyOfGlobalId(volunteerId, 'Volunteer')!;

type HistoryRow = { effective_on: string; status: string; max_matches: number };
async function history(volunteerId: string): Promise<HistoryRow[]> {
  return db.query(`select effective_on::text, status, max_matches::int from volunteer_history where volunteer_id = $1::uuid order by volunteer_history_id`, [
    uuid(volunteerId),
  ]);
}

/** A change made today the way a withdrawing or capacity mutation would: the row and its history together. */
async function changeToday(volunteerId: string, change: { status?: string; maxMatches?: number }): Promise<void> {
  await db.transaction(async (manager) => {
    await manager.query(
      `update volunteers set status = coalesce($2::text, status), max_matches = coalesce($3::smallint, max_matches) where volunteer_id = $1::uuid`,
      [uuid(volunteerId), change.status ?? null, change.maxMatches ?? null],
    );
    await manager.query(
      `insert into volunteer_history (volunteer_id, effective_on, status, max_matches) select volunteer_id, $2::date, status, max_matches from volunteers where volunteer_id = $1::uuid`,
      [uuid(volunteerId), todayInLondon()],
    );
  });
}

async function pool(monthEnd: string): Promise<number> {
  const [row]: { volunteers_available: number }[] = await db.query(
    `select volunteers_available from reporting.rollup_council_pool where council_code = $1 and service = $2 and month_end = $3::date`,
    [HARTLEPOOL, SERVICE, monthEnd],
  );
  return row.volunteers_available;
}

async function volunteersApproved(monthEnd: string): Promise<number> {
  const [row]: { volunteers_approved: number }[] = await db.query(
    `select volunteers_approved from reporting.rollup_council_month where council_code = $1 and service = $2 and month_end = $3::date`,
    [HARTLEPOOL, SERVICE, monthEnd],
  );
  return row.volunteers_approved;
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.dataSource;
  server = await TestServer.start(db);
  fixtures = new MatchingFixtures(server);
}, 120_000);

afterAll(async () => {
  await server.stop();
  await database.drop();
});

describe('the volunteer mutations write the history', () => {
  it('records registration on appliedOn, the move to TRAINING today and the approval on approvedOn', async () => {
    const provider = await fixtures.provider([HARTLEPOOL]);
    const volunteer = await fixtures.volunteer(provider, { home: HARTLEPOOL, maxMatches: 2, dbsIssuedDaysAgo: 300 });
    expect(await history(volunteer)).toEqual([
      { effective_on: daysAgo(1300), status: 'APPLIED', max_matches: 2 },
      { effective_on: todayInLondon(), status: 'TRAINING', max_matches: 2 },
      { effective_on: daysAgo(280), status: 'APPROVED', max_matches: 2 },
    ]);
  });

  it('writes no history row when the change fails, whether checked first or failing later in the transaction', async () => {
    const provider = await fixtures.provider([HARTLEPOOL]);
    const volunteer = await fixtures.volunteer(provider, { home: HARTLEPOOL, approved: false, dbsIssuedDaysAgo: 300 });
    const before = await history(volunteer);
    const as = coordinator(provider);

    // Refused by a check: approval before training was completed.
    const refused = await server.execute(ApproveVolunteerDocument, { input: { volunteerId: volunteer, approvedOn: daysAgo(400) } }, as);
    expect(refused.data!.approveVolunteer.errors.length).toBe(1);
    expect(await history(volunteer)).toEqual(before);

    // Fails after the change is written: the audit event that closes the mutation's transaction is refused.
    await db.query(`create function refuse_audit() returns trigger language plpgsql as $$ begin raise exception 'audit refused'; end $$`);
    await db.query(`create trigger refuse_audit before insert on audit_events for each row execute function refuse_audit()`);
    try {
      const failed = await server.execute(ApproveVolunteerDocument, { input: { volunteerId: volunteer, approvedOn: daysAgo(250) } }, as);
      expect(failed.errors).toBeDefined();
    } finally {
      await db.query('drop trigger refuse_audit on audit_events');
      await db.query('drop function refuse_audit()');
    }
    expect(await history(volunteer)).toEqual(before);
    const [row]: { status: string }[] = await db.query('select status from volunteers where volunteer_id = $1::uuid', [uuid(volunteer)]);
    expect(row.status).toBe('TRAINING');

    // The same change then goes through, with its history row.
    const approved = await server.execute(ApproveVolunteerDocument, { input: { volunteerId: volunteer, approvedOn: daysAgo(250) } }, as);
    expect(approved.data!.approveVolunteer.errors).toEqual([]);
    expect(await history(volunteer)).toEqual([...before, { effective_on: daysAgo(250), status: 'APPROVED', max_matches: 1 }]);
  });

  it('writes a row only when the status changes: vetting recorded again leaves the history alone', async () => {
    const provider = await fixtures.provider([HARTLEPOOL]);
    const as = coordinator(provider);
    const registered = await server.execute(
      RegisterVolunteerDocument,
      {
        input: {
          providerId: provider,
          homeLocalAuthorityCode: HARTLEPOOL,
          gender: 'MALE',
          languages: [],
          interests: [],
          maxMatches: 3,
          appliedOn: daysAgo(30),
        },
      },
      as,
    );
    const volunteer = registered.data!.registerVolunteer.volunteer!.id;
    await server.execute(RecordVolunteerVettingDocument, { input: { volunteerId: volunteer, referencesReceived: 1 } }, as);
    await server.execute(RecordVolunteerVettingDocument, { input: { volunteerId: volunteer, dbsIssuedOn: daysAgo(10) } }, as);
    expect(await history(volunteer)).toEqual([
      { effective_on: daysAgo(30), status: 'APPLIED', max_matches: 3 },
      { effective_on: todayInLondon(), status: 'VETTING', max_matches: 3 },
    ]);
  });
});

describe('past figures read status and capacity as they were', () => {
  let withdrawn: string;
  let raised: string;

  beforeAll(async () => {
    // Only these volunteers count (those of the tests above had no matches).
    await db.query('delete from volunteers');
    const provider = await fixtures.provider([HARTLEPOOL]);
    // Both approved 780 days ago, DBS on the update service (valid throughout).
    withdrawn = await fixtures.volunteer(provider, { home: HARTLEPOOL, dbsIssuedDaysAgo: 800, dbsUpdateService: true });
    raised = await fixtures.volunteer(provider, { home: HARTLEPOOL, dbsIssuedDaysAgo: 800, dbsUpdateService: true, maxMatches: 1 });
    // The second has a match open since 750 days ago: full at its capacity of 1 then.
    const { referralId } = await fixtures.referral(HARTLEPOOL, { acceptedDaysAgo: 760 });
    await fixtures.propose(referralId, raised, 750);
    expect((await refreshReports(db)).status).toBe('SUCCEEDED');
  }, 120_000);

  async function figuresThen() {
    return { available: await pool(PAST_MONTH_END), approved: await volunteersApproved(PAST_MONTH_END) };
  }

  it('keeps the capacity a volunteer had then when it is raised today', async () => {
    const before = await figuresThen();
    // Both approved at the month end; only the first could take a child (the second was full).
    expect(before).toEqual({ available: 1, approved: 2 });
    await changeToday(raised, { maxMatches: 2 });
    expect((await refreshReports(db)).status).toBe('SUCCEEDED');
    // Read with today's capacity of 2, the second volunteer would have had room then.
    expect(await figuresThen()).toEqual(before);
    expect(await history(raised)).toContainEqual({ effective_on: todayInLondon(), status: 'APPROVED', max_matches: 2 });
  });

  it('still counts a volunteer approved then and withdrawn today in that month', async () => {
    await changeToday(withdrawn, { status: 'WITHDRAWN' });
    expect((await refreshReports(db)).status).toBe('SUCCEEDED');
    expect(await figuresThen()).toEqual({ available: 1, approved: 2 });
    expect(await history(withdrawn)).toContainEqual({ effective_on: todayInLondon(), status: 'WITHDRAWN', max_matches: 1 });
  });

  it("reads today's state from the history as the volunteer row has it", async () => {
    const differing: unknown[] = await db.query(
      `select v.volunteer_id from volunteers v
       left join reporting.stg_volunteer_history h on h.volunteer_id = v.volunteer_id and h.valid_until is null
       where h.status is distinct from v.status or h.max_matches is distinct from v.max_matches`,
    );
    expect(differing).toEqual([]);
  });
});

describe('the migration backfills the history from what is known', () => {
  it('records APPLIED on applied_on, APPROVED on approved_on, and a later status from the approval day', async () => {
    const [{ provider_id: provider }]: { provider_id: string }[] = await db.query(
      `insert into providers (name, kind) values ('Backfill provider', 'CHARITY') returning provider_id`,
    );
    const insert = async (status: string, appliedOn: string, approvedOn: string | null, maxMatches = 1): Promise<string> => {
      const [{ volunteer_id: id }]: { volunteer_id: string }[] = await db.query(
        `insert into volunteers (provider_id, home_council_code, gender, status, applied_on, approved_on, max_matches)
         values ($1::uuid, 'E06000001', 'FEMALE', $2::text, $3::date, $4::date, $5::smallint) returning volunteer_id`,
        [provider, status, appliedOn, approvedOn, maxMatches],
      );
      return id;
    };
    // The table as it was before the migration: volunteers only.
    await db.query('drop table volunteer_history');
    const applied = await insert('APPLIED', '2024-05-01', null);
    const training = await insert('TRAINING', '2024-05-02', null);
    const approved = await insert('APPROVED', '2023-01-10', '2023-03-01', 2);
    const withdrawn = await insert('WITHDRAWN', '2022-06-01', '2022-09-01');
    const runner = db.createQueryRunner();
    try {
      await new VolunteerHistory1763900700000().up(runner);
    } finally {
      await runner.release();
    }
    const rows = async (id: string) =>
      db.query(
        `select effective_on::text, status, max_matches::int, backfilled from volunteer_history where volunteer_id = $1::uuid order by volunteer_history_id`,
        [id],
      );
    expect(await rows(applied)).toEqual([{ effective_on: '2024-05-01', status: 'APPLIED', max_matches: 1, backfilled: true }]);
    expect(await rows(training)).toEqual([
      { effective_on: '2024-05-02', status: 'APPLIED', max_matches: 1, backfilled: true },
      { effective_on: '2024-05-02', status: 'TRAINING', max_matches: 1, backfilled: true },
    ]);
    expect(await rows(approved)).toEqual([
      { effective_on: '2023-01-10', status: 'APPLIED', max_matches: 2, backfilled: true },
      { effective_on: '2023-03-01', status: 'APPROVED', max_matches: 2, backfilled: true },
    ]);
    // The day they left is not known: taken as the approval day, as the reports assumed before.
    expect(await rows(withdrawn)).toEqual([
      { effective_on: '2022-06-01', status: 'APPLIED', max_matches: 1, backfilled: true },
      { effective_on: '2022-09-01', status: 'APPROVED', max_matches: 1, backfilled: true },
      { effective_on: '2022-09-01', status: 'WITHDRAWN', max_matches: 1, backfilled: true },
    ]);
  });
});
