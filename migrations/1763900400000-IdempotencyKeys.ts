import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys of the create mutations (src/graphql/idempotency.ts): one row per caller,
 * mutation and key, inserted in the same transaction as the record it created. The primary key
 * is what settles two identical requests arriving together: the second insert waits for the
 * first transaction, then finds its row and returns its record instead of writing another.
 * - `caller_hash` is a SHA-256 of who called (role, subject and organisation; an anonymous
 *   caller's address), so an unbounded token subject never reaches the index and no address is
 *   stored in clear.
 * - `request_hash` fingerprints the input without the key, so the same key with other input is a
 *   CONFLICT rather than a silent replay of a different request.
 * - `record_id` is null only inside the creating transaction, never once it has committed.
 * Rows older than 24 hours no longer replay and are pruned by later keyed writes (created_at index).
 */
export class IdempotencyKeys1763900400000 implements MigrationInterface {
  name = 'IdempotencyKeys1763900400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      create table idempotency_keys (
        caller_hash text not null,
        mutation text not null,
        idempotency_key text not null constraint idempotency_keys_key_check check (char_length(idempotency_key) between 1 and 200),
        request_hash text not null,
        record_id uuid,
        created_at timestamptz not null default now(),
        constraint idempotency_keys_pkey primary key (caller_hash, mutation, idempotency_key)
      );
      create index idempotency_keys_created_idx on idempotency_keys (created_at);
    `);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only: restore from a backup instead of migrating down.');
  }
}
