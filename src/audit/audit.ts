import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/viewer';
import { insertAuditEvent } from './audit.queries';

/** What a successful mutation changed: the record and the names of the fields, never their values. */
export type AuditEntry = { recordType: string; recordId: string; changedFields: string[] };

/** Written in the mutation's own transaction, so an audit event exists exactly when the change does. */
export async function recordAuditEvent(manager: EntityManager, principal: Principal | null, action: string, entry: AuditEntry): Promise<void> {
  await insertAuditEvent(manager, {
    actor_id: principal?.userId ?? null,
    actor_role: principal?.role ?? 'ANONYMOUS',
    actor_council_code: principal?.councilCode ?? null,
    actor_provider_id: principal?.providerId ?? null,
    action,
    record_type: entry.recordType,
    record_id: entry.recordId,
    changed_fields: entry.changedFields,
  });
}
