import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/viewer';

/** What a successful mutation changed: the record and the names of the fields, never their values. */
export type AuditEntry = { recordType: string; recordId: string; changedFields: string[] };

/** Written in the mutation's own transaction, so an audit event exists exactly when the change does. */
export async function recordAuditEvent(manager: EntityManager, principal: Principal | null, action: string, entry: AuditEntry): Promise<void> {
  await manager.query(
    `insert into audit_events (actor_id, actor_role, actor_council_code, actor_provider_id, action, record_type, record_id, changed_fields)
     values ($1::text, $2::text, $3::text, $4::text, $5::text, $6::text, $7::text, $8::text[])`,
    [
      principal?.userId ?? null,
      principal?.role ?? 'ANONYMOUS',
      principal?.councilCode ?? null,
      principal?.providerId ?? null,
      action,
      entry.recordType,
      entry.recordId,
      entry.changedFields,
    ],
  );
}
