import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { rows } from '../database/sql';
import { invalid, UserFacingError } from './userErrors';

/**
 * Idempotency keys for the create mutations (API.md): a client that did not hear back (a timeout,
 * a dropped connection) sends the same request again with the same `idempotencyKey` and gets the
 * record the first one created, while nothing more is written. The rules:
 * - A key belongs to one caller and one mutation. A signed-in caller is their role, subject and
 *   organisation (council or provider), so a user holding tokens for two councils never gets one
 *   council's record back through the other. An anonymous self-referral is keyed to the client
 *   address: a retry comes from where the first attempt did, and nobody elsewhere can replay
 *   (or block) another young person's key, which a key alone would allow to anyone who guessed it.
 * - A key replays for 24 hours after its first use; then it is free again.
 * - The same key with different input is a CONFLICT on idempotencyKey: a client bug to surface,
 *   not a request to answer with another request's record.
 * - Identical requests at the same instant are settled by PostgreSQL: the key row is inserted first,
 *   in the mutation's own transaction, so the second insert waits on the primary key until the first
 *   transaction ends, then finds the committed row and replays it (or, if the first failed and
 *   rolled back, goes ahead itself).
 */

export const IDEMPOTENCY_WINDOW = '24 hours';

export const IDEMPOTENCY_KEY_DESCRIPTION =
  'Optional: a key you choose for this request (1 to 200 printable ASCII characters, a UUID is ideal). Sending the same request again with the same key within 24 hours returns the record the first one created and writes nothing, even when both arrive at once; the same key with different input is a CONFLICT on idempotencyKey.';
const MAX_KEY_LENGTH = 200;
/** Expired keys deleted by each keyed write: bounded work, and more than one write adds. */
const PRUNE_BATCH = 100;

/** What runMutation needs to make a create mutation idempotent. */
export type Idempotency<T> = {
  key: string | null | undefined;
  /** The mutation's input; fingerprinted without the key itself. */
  input: object;
  /** The ID of the record the mutation created, stored with the key. */
  recordIdOf: (result: T) => string;
  /** Reads that record again for a replay (null if it is gone). */
  replay: (manager: EntityManager, recordId: string) => Promise<T | null>;
};

/** An idempotency spec that replays by reading `columns` of the row with that ID from `table alias`. */
export function replayById<T extends object>(
  key: string | null | undefined,
  input: object,
  from: { table: string; alias: string; columns: string; idColumn: string },
): Idempotency<T> {
  return {
    key,
    input,
    recordIdOf: (row) => String((row as Record<string, unknown>)[from.idColumn]),
    replay: async (manager, recordId) => {
      const [row] = await rows<T>(manager, `select ${from.columns} from ${from.table} ${from.alias} where ${from.alias}.${from.idColumn} = $1::uuid`, [recordId]);
      return row ?? null;
    },
  };
}

/** The key if it is acceptable, or a VALIDATION error naming idempotencyKey. */
export function validIdempotencyKey(key: string | null | undefined): string | null {
  if (key === null || key === undefined) return null;
  if (key.length < 1 || key.length > MAX_KEY_LENGTH || !/^[\x21-\x7e]+$/.test(key)) {
    throw invalid(
      'idempotencyKey',
      `idempotencyKey must be 1 to ${MAX_KEY_LENGTH} printable ASCII characters without spaces (a UUID is ideal); got ${key.length} characters${/^[\x21-\x7e]*$/.test(key) ? '' : ' including others'}.`,
    );
  }
  return key;
}

/** The parts of a signed-in caller (auth's Principal) that own a key. */
export type KeyOwner = { role: string; userId: string; councilCode: string | null; providerId: string | null };

/** Who the key belongs to, hashed: see the rules above. */
export function callerHash(principal: KeyOwner | null, clientAddress: string): string {
  const identity = principal
    ? ['signed-in', principal.role, principal.userId, principal.councilCode ?? '', principal.providerId ?? '']
    : ['anonymous', clientAddress];
  return createHash('sha256').update(JSON.stringify(identity)).digest('hex');
}

/** Input in a canonical form: keys sorted, absent and null alike, the idempotency key left out. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([name, item]) => name !== 'idempotencyKey' && item !== null && item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, item]) => [name, canonical(item)]);
    return Object.fromEntries(entries);
  }
  return value;
}

export function requestHash(input: object): string {
  return createHash('sha256').update(JSON.stringify(canonical(input))).digest('hex');
}

export type KeyClaim = { kind: 'claimed' } | { kind: 'replay'; recordId: string };

/**
 * Claims the key for this transaction, or returns the record of the earlier request that holds it.
 * Waits, inside the insert, for a concurrent transaction holding the same key to end.
 */
export async function claimIdempotencyKey(manager: EntityManager, caller: string, mutation: string, key: string, hash: string): Promise<KeyClaim> {
  // An expired row is taken over in place; a live one makes the insert do nothing.
  const claimed = await rows<{ claimed: boolean }>(
    manager,
    `insert into idempotency_keys as k (caller_hash, mutation, idempotency_key, request_hash) values ($1::text, $2::text, $3::text, $4::text)
     on conflict (caller_hash, mutation, idempotency_key) do update
       set request_hash = excluded.request_hash, record_id = null, created_at = now()
       where k.created_at < now() - interval '${IDEMPOTENCY_WINDOW}'
     returning true as claimed`,
    [caller, mutation, key, hash],
  );
  if (claimed.length > 0) return { kind: 'claimed' };
  // A new statement, so a new snapshot: it sees the row the other transaction committed.
  const [earlier] = await rows<{ request_hash: string; record_id: string | null; created_at: Date }>(
    manager,
    'select request_hash, record_id, created_at from idempotency_keys where caller_hash = $1::text and mutation = $2::text and idempotency_key = $3::text',
    [caller, mutation, key],
  );
  if (!earlier?.record_id) throw new Error(`idempotency key of ${mutation} neither claimed nor completed`);
  if (earlier.request_hash !== hash) {
    throw new UserFacingError(
      'CONFLICT',
      `This idempotencyKey was already used for a different ${mutation} request at ${new Date(earlier.created_at).toISOString()}: send a new key for new input (a key replays only the identical request, for ${IDEMPOTENCY_WINDOW}).`,
      'idempotencyKey',
    );
  }
  return { kind: 'replay', recordId: earlier.record_id };
}

/** Records what the claimed key created, and prunes a batch of expired keys (skipping any in use). */
export async function completeIdempotencyKey(manager: EntityManager, caller: string, mutation: string, key: string, recordId: string): Promise<void> {
  await manager.query('update idempotency_keys set record_id = $4::uuid where caller_hash = $1::text and mutation = $2::text and idempotency_key = $3::text', [
    caller,
    mutation,
    key,
    recordId,
  ]);
  await manager.query(
    `delete from idempotency_keys where (caller_hash, mutation, idempotency_key) in (
       select caller_hash, mutation, idempotency_key from idempotency_keys
       where created_at < now() - interval '${IDEMPOTENCY_WINDOW}' order by created_at limit ${PRUNE_BATCH} for update skip locked)`,
  );
}
