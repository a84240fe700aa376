import type { DataSource } from 'typeorm';
import { MATCH_TRANSITIONS } from '../../src/matches/match.service';
import { REFERRAL_TRANSITIONS } from '../../src/referrals/referral.service';
import { VOLUNTEER_TRANSITIONS } from '../../src/volunteers/volunteer.service';
import type { Acknowledgement, Ledger, RaceOutcome, RecordCheck, RecordType } from './ledger';
import type { Stats } from './stats';

/** The checks after the run, each with SQL against the database; each prints PASS or FAIL. */

export type CheckResult = { name: string; pass: boolean; detail: string; problems: string[] };

const SELF_REFERRAL_TRANSITIONS: Record<string, string[]> = { NEW: ['CONVERTED', 'DISMISSED'], CONVERTED: [], DISMISSED: [] };

const TABLES: Record<RecordType, { table: string; id: string; transitions?: Record<string, readonly string[]> }> = {
  Child: { table: 'children', id: 'child_id' },
  Referral: { table: 'referrals', id: 'referral_id', transitions: REFERRAL_TRANSITIONS },
  Match: { table: 'matches', id: 'match_id', transitions: MATCH_TRANSITIONS },
  Visit: { table: 'visits', id: 'visit_id' },
  Volunteer: { table: 'volunteers', id: 'volunteer_id', transitions: VOLUNTEER_TRANSITIONS },
  SelfReferral: { table: 'self_referrals', id: 'self_referral_id', transitions: SELF_REFERRAL_TRANSITIONS },
  Provider: { table: 'providers', id: 'provider_id' },
  Commission: { table: 'commissions', id: 'commission_id' },
};

/** States reachable from `from` (itself included) by the state machine. */
function reachable(transitions: Record<string, readonly string[]>, from: string): Set<string> {
  const seen = new Set([from]);
  const queue = [from];
  while (queue.length) {
    for (const next of transitions[queue.shift()!] ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return seen;
}

function limited(problems: string[], max = 12): string[] {
  return problems.length > max ? [...problems.slice(0, max), `... and ${problems.length - max} more`] : problems;
}

export function checkHttp(stats: Stats): CheckResult[] {
  const faults = stats.countServerFaultCodes();
  const transport = stats.countTransportErrors();
  return [
    {
      name: 'zero HTTP 5xx responses',
      pass: stats.count5xx() === 0,
      detail: `${stats.count5xx()} of ${stats.requests}`,
      problems: limited(stats.faultSamples.filter((s) => /HTTP 5\d\d/.test(s))),
    },
    {
      name: 'no server fault inside a 200 answer (INTERNAL, SERVICE_UNAVAILABLE, TIMEOUT)',
      pass: faults === 0,
      detail: `${faults} GraphQL errors with a fault code`,
      problems: limited(stats.faultSamples),
    },
    {
      name: 'every request got an answer (no reset, refused or timed-out connection)',
      pass: transport === 0,
      detail: `${transport} without an answer`,
      problems: [...stats.transportErrors].map(([error, count]) => `${count} x ${error}`),
    },
  ];
}

type Row = Record<string, unknown>;

/** Loads every record the ledger names, by type, keyed as the ledger keys them. */
async function loadRecords(db: DataSource, checks: RecordCheck[]): Promise<Map<string, Row>> {
  const found = new Map<string, Row>();
  const groups = new Map<string, RecordCheck[]>();
  for (const check of checks) {
    const group = `${check.type}|${check.byReceipt ? 'receipt' : 'id'}`;
    groups.set(group, [...(groups.get(group) ?? []), check]);
  }
  for (const [group, members] of groups) {
    const [type, by] = group.split('|') as [RecordType, string];
    const { table, id } = TABLES[type];
    const column = by === 'receipt' ? 'receipt_number' : id;
    const cast = by === 'receipt' ? 'text' : 'uuid';
    const keys = [...new Set(members.map((m) => m.key))];
    for (let i = 0; i < keys.length; i += 5000) {
      const rows: { key: string; row: Row }[] = await db.query(
        `select t.${column}::text as key, to_jsonb(t) as row from ${table} t where t.${column} = any($1::${cast}[])`,
        [keys.slice(i, i + 5000)],
      );
      for (const { key, row } of rows) found.set(`${group}|${key}`, row);
    }
  }
  return found;
}

const recordKey = (check: RecordCheck) => `${check.type}|${check.byReceipt ? 'receipt' : 'id'}|${check.key}`;

export async function checkAcknowledged(db: DataSource, ledger: Ledger): Promise<{ result: CheckResult; records: Map<string, Row> }> {
  const checks = ledger.entries.flatMap((entry) => [entry.audited, ...entry.also]);
  const records = await loadRecords(db, checks);
  const problems: string[] = [];
  for (const entry of ledger.entries) {
    for (const check of [entry.audited, ...entry.also]) {
      const row = records.get(recordKey(check));
      const label = `${entry.action} by ${entry.client} at ${(entry.at / 1000).toFixed(1)} s: ${check.type} ${check.key}`;
      if (!row) {
        problems.push(`${label} is not in the database`);
        continue;
      }
      const { transitions } = TABLES[check.type];
      if (check.state && transitions) {
        const now = String(row.status);
        if (!reachable(transitions, check.state).has(now)) problems.push(`${label} was acknowledged ${check.state} but is ${now}, which cannot follow it`);
      }
      for (const [column, expected] of Object.entries(check.columns ?? {})) {
        if (String(row[column]) !== String(expected))
          problems.push(`${label}: ${column} is ${JSON.stringify(row[column])}, acknowledged ${JSON.stringify(expected)}`);
      }
    }
  }
  return {
    result: {
      name: 'every acknowledged mutation is in the database, in its acknowledged state or a later legal one',
      pass: problems.length === 0,
      detail: `${ledger.entries.length} acknowledged mutations, ${checks.length} record checks, ${problems.length} problems`,
      problems: limited(problems),
    },
    records,
  };
}

export async function checkCapacity(db: DataSource): Promise<CheckResult> {
  const rows: { volunteer_id: string; max_matches: number; open_matches: number; counted: number }[] = await db.query(
    `select v.volunteer_id, v.max_matches, v.open_matches, coalesce(m.counted, 0)::int as counted
     from volunteers v
     left join (select volunteer_id, count(*) as counted from matches where status in ('PROPOSED', 'ACTIVE') group by volunteer_id) m on m.volunteer_id = v.volunteer_id
     where v.open_matches > v.max_matches or v.open_matches <> coalesce(m.counted, 0)
     order by v.volunteer_id`,
  );
  const over = rows.filter((r) => r.open_matches > r.max_matches || r.counted > r.max_matches).length;
  return {
    name: 'no volunteer over capacity; open_matches equals their PROPOSED + ACTIVE matches',
    pass: rows.length === 0,
    detail: `${rows.length} volunteers wrong (${over} over capacity)`,
    problems: limited(
      rows.map((r) => `volunteer ${r.volunteer_id}: max_matches ${r.max_matches}, open_matches ${r.open_matches}, PROPOSED+ACTIVE matches ${r.counted}`),
    ),
  };
}

export async function checkOneOpenMatch(db: DataSource): Promise<CheckResult> {
  const rows: { referral_id: string; open: number }[] = await db.query(
    `select referral_id, count(*)::int as open from matches where status in ('PROPOSED', 'ACTIVE') group by referral_id having count(*) > 1 order by referral_id`,
  );
  return {
    name: 'no referral with two PROPOSED/ACTIVE matches',
    pass: rows.length === 0,
    detail: `${rows.length} referrals`,
    problems: limited(rows.map((r) => `referral ${r.referral_id} has ${r.open} open matches`)),
  };
}

/** The record an acknowledgement's audit event must name (a submitted self-referral is known by its receipt). */
function auditedId(entry: Acknowledgement, records: Map<string, Row>): string {
  if (!entry.audited.byReceipt) return entry.audited.key;
  const row = records.get(recordKey(entry.audited));
  return row ? String(row.self_referral_id) : `receipt ${entry.audited.key}`;
}

export async function checkAudit(db: DataSource, ledger: Ledger, records: Map<string, Row>, runStart: string): Promise<CheckResult> {
  const events: { action: string; record_id: string }[] = await db.query('select action, record_id from audit_events where occurred_at >= $1::timestamptz', [
    runStart,
  ]);
  const pending = new Map<string, number>();
  for (const event of events) pending.set(`${event.action} ${event.record_id}`, (pending.get(`${event.action} ${event.record_id}`) ?? 0) + 1);
  const missing: string[] = [];
  // A replay of an idempotent request wrote nothing: only first acknowledgements have an event.
  const writers = ledger.entries.filter((entry) => !entry.replay);
  for (const entry of writers) {
    const key = `${entry.action} ${auditedId(entry, records)}`;
    const left = pending.get(key) ?? 0;
    if (left > 0) pending.set(key, left - 1);
    else missing.push(`acknowledged ${key} (by ${entry.client}) has no audit event`);
  }
  const extra = [...pending]
    .filter(([, count]) => count > 0)
    .map(([key, count]) => `audit event ${key}${count > 1 ? ` x${count}` : ''} matches no acknowledged mutation`);
  return {
    name: 'audit events written during the run equal the acknowledged mutations (count and each action/record)',
    pass: events.length === writers.length && missing.length === 0 && extra.length === 0,
    detail: `${events.length} audit events since the run started, ${writers.length} acknowledged mutations (and ${ledger.entries.length - writers.length} acknowledged replays)`,
    problems: limited([...missing, ...extra]),
  };
}

export function checkIdempotency(ledger: Ledger): CheckResult {
  const replays = ledger.entries.filter((entry) => entry.replay).length;
  return {
    name: 'a request repeated with its idempotency key is answered with the record the first one created',
    pass: ledger.keyMismatches.length === 0,
    detail: `${ledger.keyed.size} keys acknowledged, ${replays} repeats answered, ${ledger.keyMismatches.length} with another record`,
    problems: limited(ledger.keyMismatches),
  };
}

/**
 * More winners than the rules allow break a rule, unless another client freed a place between
 * the proposals: a coordinator at work may cancel or end one winner's match before the next
 * proposal commits (each is its own transaction), and then the volunteer's capacity was never
 * exceeded. The audit log tells which: a winner's match cancelled or ended no later than the last
 * winner's proposal.
 */
export async function checkRaces(db: DataSource, outcomes: RaceOutcome[]): Promise<CheckResult> {
  const over: RaceOutcome[] = [];
  let freed = 0;
  for (const race of outcomes.filter((o) => o.winners > o.expected.max)) {
    if (race.matchIds?.length) {
      const [{ freedMeanwhile }] = await db.query(
        `select exists (select 1 from audit_events f
                         where f.record_type = 'Match' and f.record_id = any($1::text[]) and f.action in ('cancelMatch', 'endMatch')
                           and f.occurred_at <= (select max(p.occurred_at) from audit_events p
                                                  where p.record_type = 'Match' and p.record_id = any($1::text[]) and p.action = 'proposeMatch')) as "freedMeanwhile"`,
        [race.matchIds],
      );
      if (freedMeanwhile) {
        freed += 1;
        continue;
      }
    }
    over.push(race);
  }
  return {
    name: 'deliberate races: never more winners than the rules allow',
    pass: over.length === 0,
    detail: `${outcomes.length} race rounds, ${over.length} with too many winners${freed ? ` (and ${freed} where another client freed a place between the proposals)` : ''}`,
    problems: limited(over.map((o) => `${o.kind}: ${o.winners} of ${o.attempts} won (at most ${o.expected.max} may); codes ${o.codes.join(', ') || 'none'}`)),
  };
}
