import { performance } from 'node:perf_hooks';
import type { DataSource, EntityManager } from 'typeorm';
import { CHILDREN_LOOKED_AFTER_MEASURE } from '../councils/officialStatistics.import';
import { TableBuffer } from './bulkInsert';
import { Day, isoDate, parseDay, yearOf } from './calendar';
import { Commission, Council, DEMO_START, planDemo, Provider } from './plan';
import { SeededRandom } from './random';
import { Child, Match, Referral, SelfReferral, simulateCouncil, SimulationContext, Visit, Volunteer } from './simulation';
import {
  analyzeTables,
  anyProviderExists,
  currentCouncilsWithCounts,
  deleteAllRows,
  insertNationalTarget,
  linkConvertedSelfReferrals,
  liftStatementTimeout,
} from './demo.queries';

/**
 * Synthetic, pseudonymous demo data shaped like the national picture: every current council,
 * providers and their commissions, children, referrals, volunteers, matches and visits from
 * 2021-04-01 to `today`. The same seed gives byte-identical rows, so screenshots, benchmarks and
 * tests can rely on it; nothing in it describes a real person.
 */

export type DemoSummary = {
  providers: number;
  commissions: number;
  children: number;
  referrals: number;
  volunteers: number;
  /** Rows of volunteer_history: each volunteer's changes of status (capacity does not change in the demo). */
  volunteerHistory: number;
  matches: number;
  visits: number;
  selfReferrals: number;
  targets: number;
  rowsPerSecond: number;
  durationMs: number;
};

export type DemoOptions = {
  /** Multiplies the volumes (children, referrals, volunteers, matches, visits); 1 is England's real size. */
  scale: number;
  seed: number;
  /** The date the data describes, YYYY-MM-DD; nothing happens after it. */
  today?: string;
};

export const DEFAULT_DEMO_TODAY = '2025-11-23';
export const MAX_DEMO_SCALE = 100;

/** Rows held in memory before they are written; councils are simulated one at a time. */
const FLUSH_EVERY_ROWS = 20_000;

/** True when any provider exists, i.e. the operational tables hold someone's data. */
export async function hasOperationalData(db: DataSource): Promise<boolean> {
  return anyProviderExists(db);
}

/** The tables the demo writes (and clearing empties), rows referenced by others last. */
export const OPERATIONAL_TABLES = [
  'visits',
  'matches',
  'referrals',
  'self_referrals',
  'volunteer_history',
  'volunteers',
  'children',
  'commissions',
  'providers',
  'audit_events',
  'targets',
];

/**
 * The demo's national targets (England, independent visitors), so the dashboard has commitments
 * to show: a number of active relationships by a date (the kind of target the 2007 programme
 * set), scaled with the demo's volumes (scale 1 is one England), and 10% of looked-after
 * children with an independent visitor by 31 March 2030.
 */
export const DEMO_TARGETS = [
  { name: 'active independent visitor relationships in England', metric: 'ACTIVE_MATCHES', activeMatchesAtScale1: 3000, dueOn: '2028-03-31' },
  { name: '10% of looked-after children in England with an independent visitor', metric: 'COVERAGE_RATE', value: 10, dueOn: '2030-03-31' },
] as const;

function demoTargets(seed: number, scale: number) {
  const random = new SeededRandom(seed, 'targets');
  return DEMO_TARGETS.map((target) => {
    const value = 'activeMatchesAtScale1' in target ? Math.max(1, Math.round(target.activeMatchesAtScale1 * scale)) : target.value;
    const name = 'activeMatchesAtScale1' in target ? `${value.toLocaleString('en-GB')} ${target.name}` : target.name;
    return { id: random.uuid(), name, metric: target.metric, value, dueOn: target.dueOn };
  });
}

/** Deletes every operational row (reference tables untouched), children before parents, in one transaction. */
export async function clearOperationalData(db: DataSource): Promise<void> {
  await db.transaction(async (manager) => {
    // A bulk job, not an API request: deleting millions of rows may take longer than one may.
    await liftStatementTimeout(manager);
    for (const table of OPERATIONAL_TABLES) await deleteAllRows(manager, table);
    // Keys would replay records that are gone.
    await deleteAllRows(manager, 'idempotency_keys');
  });
}

/** Loads the demo into empty operational tables, all in one transaction. */
export async function loadDemoData(db: DataSource, options: DemoOptions): Promise<DemoSummary> {
  const { scale, seed, today } = validateOptions(options);
  const started = performance.now();
  const tables = createTables(today);
  let targets = 0;
  await db.transaction(async (manager) => {
    // A bulk load, not an API request: at scale 10 and above single statements (the self-referral
    // back-links, analyze) run longer than STATEMENT_TIMEOUT_MS allows a request.
    await liftStatementTimeout(manager);
    if (await anyProviderExists(manager)) {
      throw new Error(
        'Demo data goes into empty operational tables, but providers already exist: clear the operational data first (clearOperationalData, or the seed CLI, which clears before it loads).',
      );
    }
    const councils = await currentCouncils(manager, yearOf(today));
    if (councils.length === 0) throw new Error('No current councils found: load the reference data before the demo data.');
    const plan = planDemo(councils, seed, today);
    for (const provider of plan.providers) tables.providers.add(provider);
    for (const commission of plan.commissions) tables.commissions.add(commission);
    await tables.providers.flush(manager);
    await tables.commissions.flush(manager);

    const councilsByRegion = new Map<string, Council[]>();
    for (const council of councils) councilsByRegion.set(council.regionCode, [...(councilsByRegion.get(council.regionCode) ?? []), council]);
    const context: SimulationContext = {
      seed,
      scale,
      today,
      councilsByRegion,
      currentCouncils: councils,
      counters: { children: 0, selfReferrals: 0 },
      sink: {
        child: (child) => tables.children.add(child),
        referral: (referral) => tables.referrals.add(referral),
        volunteer: (volunteer) => {
          tables.volunteers.add(volunteer);
          for (const change of volunteerHistory(volunteer, today)) tables.volunteerHistory.add(change);
        },
        match: (match) => tables.matches.add(match),
        visit: (visit) => tables.visits.add(visit),
        selfReferral: (selfReferral) => tables.selfReferrals.add(selfReferral),
      },
    };
    // Parents before children (foreign keys are checked per statement).
    const operational = [tables.selfReferrals, tables.children, tables.referrals, tables.volunteers, tables.volunteerHistory, tables.matches, tables.visits];
    // PostgreSQL writes one batch while the next councils are simulated; at most one batch is in
    // flight, so memory stays bounded and a failed write stops the load at the next hand-over.
    let writing: Promise<void> = Promise.resolve();
    const flush = async () => {
      await writing;
      const writes = operational.map((table) => table.take());
      writing = (async () => {
        for (const write of writes) await write(manager);
      })();
      writing.catch(() => undefined); // awaited at the next hand-over; this only silences "unhandled"
    };
    try {
      for (const councilPlan of plan.councils) {
        simulateCouncil(councilPlan, context);
        if (operational.reduce((sum, table) => sum + table.pending, 0) >= FLUSH_EVERY_ROWS) await flush();
        // Let the connection send the next statement of the batch in flight.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      await flush();
    } finally {
      // The transaction must not end while a batch is still being written: its remaining
      // statements would run after the rollback, outside any transaction.
      await writing.catch(() => undefined);
    }
    await writing;
    for (const target of demoTargets(seed, scale)) {
      await insertNationalTarget(manager, target);
      targets += 1;
    }
    // The converted self-referrals point back at the referral made from them.
    await linkConvertedSelfReferrals(manager);
    // Fresh statistics, so the first dashboards after a load are planned for the new volumes.
    await analyzeTables(manager, OPERATIONAL_TABLES);
  });
  const durationMs = Math.round(performance.now() - started);
  const counts = {
    providers: tables.providers.written,
    commissions: tables.commissions.written,
    children: tables.children.written,
    referrals: tables.referrals.written,
    volunteers: tables.volunteers.written,
    volunteerHistory: tables.volunteerHistory.written,
    matches: tables.matches.written,
    visits: tables.visits.written,
    selfReferrals: tables.selfReferrals.written,
    targets,
  };
  const rows = Object.values(counts).reduce((sum, count) => sum + count, 0);
  return { ...counts, rowsPerSecond: Math.round(rows / Math.max(durationMs / 1000, 0.001)), durationMs };
}

function validateOptions(options: DemoOptions): { scale: number; seed: number; today: Day } {
  const { scale, seed } = options;
  if (typeof scale !== 'number' || !Number.isFinite(scale) || scale <= 0 || scale > MAX_DEMO_SCALE) {
    throw new Error(`Invalid demo scale: expected a finite number greater than 0 and at most ${MAX_DEMO_SCALE}, got ${describe(scale)}`);
  }
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) {
    throw new Error(`Invalid demo seed: expected a whole number, got ${describe(seed)}`);
  }
  const todayText = options.today ?? DEFAULT_DEMO_TODAY;
  const today = typeof todayText === 'string' ? parseDay(todayText) : null;
  if (today === null || today < DEMO_START) {
    throw new Error(`Invalid demo date: expected today as a YYYY-MM-DD date on or after ${isoDate(DEMO_START)}, got ${describe(todayText)}`);
  }
  return { scale, seed, today };
}

function describe(value: unknown): string {
  return typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
}

/**
 * Current councils with the official count the volumes are proportional to: the latest year up
 * to `year` with a number (a suppressed `c` falls back to the year before; all-`z` gives 0).
 */
async function currentCouncils(manager: EntityManager, year: number): Promise<Council[]> {
  return currentCouncilsWithCounts(manager, CHILDREN_LOOKED_AFTER_MEASURE, year);
}

type VolunteerRecord = {
  status: 'APPLIED' | 'VETTING' | 'TRAINING' | 'APPROVED' | 'INACTIVE' | 'WITHDRAWN';
  dbsIssuedOn: string | null;
  referencesReceived: number;
  trainingCompletedOn: string | null;
  approvedOn: string | null;
};

/** What the volunteer's record shows on `today`: only the steps completed by then. */
function volunteerOnDay(volunteer: Volunteer, today: Day): VolunteerRecord {
  const withdrawn = volunteer.withdrawnOn !== null && volunteer.withdrawnOn <= today;
  const leftBeforeApproval = volunteer.leftOn !== null && volunteer.leftOn < volunteer.approvedOn;
  const lastDay = withdrawn ? volunteer.withdrawnOn! - 1 : leftBeforeApproval ? volunteer.leftOn! : today;
  const upTo = (day: Day) => (day <= lastDay ? isoDate(day) : null);
  const record: VolunteerRecord = {
    status: 'APPLIED',
    dbsIssuedOn: upTo(volunteer.dbsIssuedOn),
    referencesReceived: volunteer.referencesCompleteOn <= lastDay ? 2 : volunteer.firstReferenceOn <= lastDay ? 1 : 0,
    trainingCompletedOn: upTo(volunteer.trainingCompletedOn),
    approvedOn: upTo(volunteer.approvedOn),
  };
  if (withdrawn || leftBeforeApproval) record.status = 'WITHDRAWN';
  else if (volunteer.leftOn !== null) record.status = volunteer.leftAs;
  else if (record.approvedOn !== null) record.status = 'APPROVED';
  else if (record.trainingCompletedOn !== null || (record.dbsIssuedOn !== null && record.referencesReceived === 2)) record.status = 'TRAINING';
  else if (record.dbsIssuedOn !== null || record.referencesReceived > 0 || today - volunteer.appliedOn >= 7) record.status = 'VETTING';
  return record;
}

type VolunteerChange = { volunteerId: string; effectiveOn: Day; status: VolunteerRecord['status']; maxMatches: number };

/**
 * The volunteer's history up to `today`, as the volunteer mutations would have written it: a row
 * on each day their status changed (their capacity never changes in the demo), oldest first, the
 * last one their status today.
 */
function volunteerHistory(volunteer: Volunteer, today: Day): VolunteerChange[] {
  const { leftOn } = volunteer;
  // The record on an earlier day: they had not left yet if they left later.
  const statusOn = (day: Day) => volunteerOnDay({ ...volunteer, leftOn: leftOn !== null && leftOn <= day ? leftOn : null }, day).status;
  const days = [
    volunteer.appliedOn,
    volunteer.appliedOn + 7,
    volunteer.dbsIssuedOn,
    volunteer.firstReferenceOn,
    volunteer.referencesCompleteOn,
    volunteer.trainingCompletedOn,
    volunteer.approvedOn,
    volunteer.withdrawnOn,
    leftOn,
  ].filter((day): day is Day => day !== null && day >= volunteer.appliedOn && day <= today);
  const changes: VolunteerChange[] = [];
  for (const day of [...new Set(days)].sort((a, b) => a - b)) {
    const status = statusOn(day);
    if (changes.length === 0 || changes[changes.length - 1].status !== status) {
      changes.push({ volunteerId: volunteer.id, effectiveOn: day, status, maxMatches: volunteer.maxMatches });
    }
  }
  return changes;
}

function createTables(today: Day) {
  const date = (day: Day | null) => (day === null ? null : isoDate(day));
  const volunteerRecords = new WeakMap<Volunteer, VolunteerRecord>();
  const onDay = (volunteer: Volunteer) => {
    let record = volunteerRecords.get(volunteer);
    if (!record) volunteerRecords.set(volunteer, (record = volunteerOnDay(volunteer, today)));
    return record;
  };
  return {
    providers: new TableBuffer<Provider>('providers', [
      { name: 'provider_id', type: 'uuid', value: (p) => p.id },
      { name: 'name', type: 'text', value: (p) => p.name },
      { name: 'kind', type: 'text', value: (p) => p.kind },
      { name: 'created_at', type: 'timestamptz', value: (p) => p.createdAt },
    ]),
    commissions: new TableBuffer<Commission>('commissions', [
      { name: 'commission_id', type: 'uuid', value: (c) => c.id },
      { name: 'provider_id', type: 'uuid', value: (c) => c.provider.id },
      { name: 'council_code', type: 'text', value: (c) => c.councilCode },
      { name: 'service', type: 'text', value: (c) => c.service },
      { name: 'starts_on', type: 'date', value: (c) => date(c.startsOn) },
      { name: 'ends_on', type: 'date', value: (c) => date(c.endsOn) },
      { name: 'created_at', type: 'timestamptz', value: (c) => `${isoDate(c.startsOn)}T09:00:00Z` },
    ]),
    selfReferrals: new TableBuffer<SelfReferral>('self_referrals', [
      { name: 'self_referral_id', type: 'uuid', value: (s) => s.id },
      { name: 'receipt_number', type: 'text', value: (s) => s.receiptNumber },
      { name: 'council_code', type: 'text', value: (s) => s.councilCode },
      { name: 'service', type: 'text', value: (s) => s.service },
      { name: 'age_years', type: 'smallint', value: (s) => s.ageYears },
      { name: 'message', type: 'text', value: (s) => s.message },
      { name: 'status', type: 'text', value: (s) => s.status },
      { name: 'submitted_at', type: 'timestamptz', value: (s) => s.submittedAt },
      { name: 'resolved_at', type: 'timestamptz', value: (s) => s.resolvedAt },
    ]),
    children: new TableBuffer<Child>('children', [
      { name: 'child_id', type: 'uuid', value: (c) => c.id },
      { name: 'council_code', type: 'text', value: (c) => c.councilCode },
      { name: 'case_reference', type: 'text', value: (c) => c.caseReference },
      { name: 'birth_month', type: 'date', value: (c) => isoDate(c.birthMonth) },
      { name: 'gender', type: 'text', value: (c) => c.gender },
      { name: 'ethnicity', type: 'text', value: (c) => c.ethnicity },
      { name: 'placement_type', type: 'text', value: (c) => c.placementType },
      { name: 'placed_out_of_area', type: 'boolean', value: (c) => c.placedOutOfArea },
      { name: 'looked_after_since', type: 'date', value: (c) => isoDate(c.lookedAfterSince) },
      { name: 'interests', type: 'text[]', value: (c) => c.interests },
      { name: 'languages', type: 'text[]', value: (c) => c.languages },
      { name: 'created_at', type: 'timestamptz', value: (c) => c.createdAt },
    ]),
    referrals: new TableBuffer<Referral>('referrals', [
      { name: 'referral_id', type: 'uuid', value: (r) => r.id },
      { name: 'child_id', type: 'uuid', value: (r) => r.child.id },
      { name: 'council_code', type: 'text', value: (r) => r.child.councilCode },
      { name: 'placement_council_code', type: 'text', value: (r) => r.child.placementCouncilCode },
      { name: 'service', type: 'text', value: (r) => r.service },
      { name: 'source', type: 'text', value: (r) => r.source },
      { name: 'status', type: 'text', value: (r) => r.status },
      { name: 'referred_on', type: 'date', value: (r) => isoDate(r.referredOn) },
      { name: 'accepted_on', type: 'date', value: (r) => date(r.acceptedOn) },
      { name: 'matched_on', type: 'date', value: (r) => date(r.matchedOn) },
      { name: 'closed_on', type: 'date', value: (r) => date(r.closedOn) },
      { name: 'close_reason', type: 'text', value: (r) => r.closeReason },
      { name: 'reason', type: 'text', value: (r) => r.reason },
      { name: 'preferred_volunteer_gender', type: 'text', value: (r) => r.preferredVolunteerGender },
      { name: 'volunteer_gender_required', type: 'boolean', value: (r) => r.volunteerGenderRequired },
      { name: 'preferred_languages', type: 'text[]', value: (r) => r.preferredLanguages },
      { name: 'language_required', type: 'boolean', value: (r) => r.languageRequired },
      { name: 'self_referral_id', type: 'uuid', value: (r) => r.selfReferralId },
      { name: 'created_at', type: 'timestamptz', value: (r) => r.createdAt },
    ]),
    volunteers: new TableBuffer<Volunteer>('volunteers', [
      { name: 'volunteer_id', type: 'uuid', value: (v) => v.id },
      { name: 'provider_id', type: 'uuid', value: (v) => v.providerId },
      { name: 'home_council_code', type: 'text', value: (v) => v.homeCouncilCode },
      { name: 'gender', type: 'text', value: (v) => v.gender },
      { name: 'languages', type: 'text[]', value: (v) => v.languages },
      { name: 'interests', type: 'text[]', value: (v) => v.interests },
      { name: 'max_matches', type: 'smallint', value: (v) => v.maxMatches },
      { name: 'open_matches', type: 'smallint', value: (v) => v.openMatches },
      { name: 'status', type: 'text', value: (v) => onDay(v).status },
      { name: 'applied_on', type: 'date', value: (v) => isoDate(v.appliedOn) },
      { name: 'dbs_issued_on', type: 'date', value: (v) => onDay(v).dbsIssuedOn },
      { name: 'dbs_update_service', type: 'boolean', value: (v) => v.dbsUpdateService },
      { name: 'training_completed_on', type: 'date', value: (v) => onDay(v).trainingCompletedOn },
      { name: 'references_received', type: 'smallint', value: (v) => onDay(v).referencesReceived },
      { name: 'approved_on', type: 'date', value: (v) => onDay(v).approvedOn },
      { name: 'created_at', type: 'timestamptz', value: (v) => v.createdAt },
    ]),
    volunteerHistory: new TableBuffer<VolunteerChange>('volunteer_history', [
      { name: 'volunteer_id', type: 'uuid', value: (c) => c.volunteerId },
      { name: 'effective_on', type: 'date', value: (c) => isoDate(c.effectiveOn) },
      { name: 'status', type: 'text', value: (c) => c.status },
      { name: 'max_matches', type: 'smallint', value: (c) => c.maxMatches },
      { name: 'recorded_at', type: 'timestamptz', value: (c) => `${isoDate(c.effectiveOn)}T17:00:00Z` },
    ]),
    matches: new TableBuffer<Match>('matches', [
      { name: 'match_id', type: 'uuid', value: (m) => m.id },
      { name: 'referral_id', type: 'uuid', value: (m) => m.referral.id },
      { name: 'volunteer_id', type: 'uuid', value: (m) => m.volunteer.id },
      { name: 'status', type: 'text', value: (m) => m.status },
      { name: 'proposed_on', type: 'date', value: (m) => isoDate(m.proposedOn) },
      { name: 'started_on', type: 'date', value: (m) => date(m.startedOn) },
      { name: 'ended_on', type: 'date', value: (m) => date(m.endedOn) },
      { name: 'end_reason', type: 'text', value: (m) => m.endReason },
      { name: 'cancelled_on', type: 'date', value: (m) => date(m.cancelledOn) },
      { name: 'cancel_reason', type: 'text', value: (m) => m.cancelReason },
      { name: 'created_at', type: 'timestamptz', value: (m) => m.createdAt },
    ]),
    visits: new TableBuffer<Visit>('visits', [
      { name: 'visit_id', type: 'uuid', value: (v) => v.id },
      { name: 'match_id', type: 'uuid', value: (v) => v.matchId },
      { name: 'visited_on', type: 'date', value: (v) => isoDate(v.visitedOn) },
      { name: 'duration_minutes', type: 'smallint', value: (v) => v.durationMinutes },
      { name: 'kind', type: 'text', value: (v) => v.kind },
      { name: 'created_at', type: 'timestamptz', value: (v) => v.createdAt },
    ]),
  };
}
