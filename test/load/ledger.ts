/**
 * Every acknowledged mutation (HTTP 200, no GraphQL error, empty payload `errors`), with the record
 * it returned and the state it was acknowledged in, so the database can be checked afterwards.
 */

export type RecordType = 'Child' | 'Referral' | 'Match' | 'Visit' | 'Volunteer' | 'SelfReferral' | 'Provider' | 'Commission';

/** One record a mutation vouched for: its key (UUID, or receipt number) and what it looked like then. */
export type RecordCheck = {
  type: RecordType;
  /** The UUID behind the global ID, or the receipt number when `byReceipt`. */
  key: string;
  byReceipt?: boolean;
  /** Status acknowledged; the database must show it or a state reachable from it. */
  state?: string;
  /** Columns the acknowledgement fixed for good (e.g. accepted_on), compared as text. */
  columns?: Record<string, string | number | boolean>;
};

export type Acknowledgement = {
  action: string;
  client: string;
  /** Milliseconds since the run started. */
  at: number;
  /** The record its audit event names (the first check's record). */
  audited: RecordCheck;
  /** Further records the mutation changed (e.g. the self-referral a conversion marks CONVERTED). */
  also: RecordCheck[];
  /** The idempotency key the request carried, if any. */
  idempotencyKey?: string;
  /** A repeat of an acknowledged request with the same key: it wrote nothing, so it has no audit event. */
  replay: boolean;
};

export class Ledger {
  readonly entries: Acknowledgement[] = [];
  /** The record the first acknowledgement of each (client, action, idempotency key) named. */
  readonly keyed = new Map<string, string>();
  /** Repeats with a key that named another record than the first acknowledgement did. */
  readonly keyMismatches: string[] = [];
  private readonly started = Date.now();

  add(action: string, client: string, audited: RecordCheck, also: RecordCheck[] = [], idempotencyKey?: string): void {
    let replay = false;
    if (idempotencyKey !== undefined) {
      const scope = `${client} ${action} ${idempotencyKey}`;
      const first = this.keyed.get(scope);
      if (first === undefined) this.keyed.set(scope, audited.key);
      else {
        replay = true;
        if (first !== audited.key) this.keyMismatches.push(`${action} by ${client} with key ${idempotencyKey}: first ${first}, then ${audited.key}`);
      }
    }
    this.entries.push({ action, client, at: Date.now() - this.started, audited, also, idempotencyKey, replay });
  }

  byAction(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const entry of this.entries) counts.set(entry.action, (counts.get(entry.action) ?? 0) + 1);
    return counts;
  }
}

/** Outcome of one deliberate race: how many of the simultaneous requests were acknowledged. */
export type RaceOutcome = {
  kind: string;
  attempts: number;
  winners: number;
  /** Allowed winners, e.g. exactly 1 proposal for a volunteer with capacity 1. */
  expected: { min: number; max: number };
  codes: string[];
  /** The matches the winners made (database ids), where the race made matches. */
  matchIds?: string[];
};
