import sql, { raw } from 'sql-template-tag';
import { z } from 'zod';
import { pgTimestamp, rowParser } from '../database/rows';
import { execute, query, Queryable } from '../database/sql';

/** Every statement on idempotency_keys (the rules are in idempotency.ts). */

export const IDEMPOTENCY_WINDOW = '24 hours';
const WINDOW = raw(`interval '${IDEMPOTENCY_WINDOW}'`);
/** Expired keys deleted by each keyed write: bounded work, and more than one write adds. */
const PRUNE_BATCH = 100;

export type KeyOf = { caller: string; mutation: string; key: string };

const claimedRow = rowParser(z.object({ claimed: z.boolean() }));

/** Inserts the key, or takes over an expired row in place; false when a live row holds it (the insert waits for its transaction). */
export async function insertKey(db: Queryable, { caller, mutation, key }: KeyOf, hash: string): Promise<boolean> {
  const claimed = await query(
    db,
    sql`insert into idempotency_keys as k (caller_hash, mutation, idempotency_key, request_hash) values (${caller}::text, ${mutation}::text, ${key}::text, ${hash}::text)
     on conflict (caller_hash, mutation, idempotency_key) do update
       set request_hash = excluded.request_hash, record_id = null, created_at = now()
       where k.created_at < now() - ${WINDOW}
     returning true as claimed`,
    claimedRow,
  );
  return claimed.length > 0;
}

const keyRow = rowParser(z.object({ request_hash: z.string(), record_id: z.string().nullable(), created_at: pgTimestamp }));
export type KeyRow = ReturnType<typeof keyRow>;

export async function findKey(db: Queryable, { caller, mutation, key }: KeyOf): Promise<KeyRow | null> {
  const [row] = await query(
    db,
    sql`select request_hash, record_id, created_at from idempotency_keys where caller_hash = ${caller}::text and mutation = ${mutation}::text and idempotency_key = ${key}::text`,
    keyRow,
  );
  return row ?? null;
}

export async function setKeyRecord(db: Queryable, { caller, mutation, key }: KeyOf, recordId: string): Promise<void> {
  await execute(
    db,
    sql`update idempotency_keys set record_id = ${recordId}::uuid where caller_hash = ${caller}::text and mutation = ${mutation}::text and idempotency_key = ${key}::text`,
  );
}

const pruneExpired = sql`delete from idempotency_keys where (caller_hash, mutation, idempotency_key) in (
       select caller_hash, mutation, idempotency_key from idempotency_keys
       where created_at < now() - ${WINDOW} order by created_at limit ${raw(String(PRUNE_BATCH))} for update skip locked)`;

/** Deletes a batch of expired keys, skipping any in use. */
export async function pruneExpiredKeys(db: Queryable): Promise<void> {
  await execute(db, pruneExpired);
}
