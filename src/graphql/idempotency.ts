import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Queryable } from '../database/sql';
import { findKey, IDEMPOTENCY_WINDOW, insertKey, pruneExpiredKeys, setKeyRecord } from './idempotency.queries';
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

export { IDEMPOTENCY_WINDOW };

export const IDEMPOTENCY_KEY_DESCRIPTION =
  'Optional: a key you choose for this request (1 to 200 printable ASCII characters, a UUID is ideal). Sending the same request again with the same key within 24 hours returns the record the first one created and writes nothing, even when both arrive at once; the same key with different input is a CONFLICT on idempotencyKey.';
const MAX_KEY_LENGTH = 200;

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

/** An idempotency spec that replays by reading the record with that ID (`read`, from the domain's data module). */
export function replayById<T extends object>(
  key: string | null | undefined,
  input: object,
  from: { idColumn: keyof T & string; read: (db: Queryable, recordId: string) => Promise<T | null> },
): Idempotency<T> {
  return {
    key,
    input,
    recordIdOf: (row) => String((row as Record<string, unknown>)[from.idColumn]),
    replay: (manager, recordId) => from.read(manager, recordId),
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
  return createHash('sha256')
    .update(JSON.stringify(canonical(input)))
    .digest('hex');
}

export type KeyClaim = { kind: 'claimed' } | { kind: 'replay'; recordId: string };

/**
 * Claims the key for this transaction, or returns the record of the earlier request that holds it.
 * Waits, inside the insert, for a concurrent transaction holding the same key to end.
 */
export async function claimIdempotencyKey(manager: EntityManager, caller: string, mutation: string, key: string, hash: string): Promise<KeyClaim> {
  // An expired row is taken over in place; a live one makes the insert do nothing.
  if (await insertKey(manager, { caller, mutation, key }, hash)) return { kind: 'claimed' };
  // A new statement, so a new snapshot: it sees the row the other transaction committed.
  const earlier = await findKey(manager, { caller, mutation, key });
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
  await setKeyRecord(manager, { caller, mutation, key }, recordId);
  await pruneExpiredKeys(manager);
}
