import sql, { raw, Sql } from 'sql-template-tag';
import { z } from 'zod';
import { pgBigint, pgTimestamp, rowParser } from '../database/rows';
import { execute, Queryable } from '../database/sql';
import type { ListSource } from '../graphql/listQuery';

/** Every statement on audit_events. */

const auditRow = z.object({
  audit_event_id: pgBigint,
  occurred_at: pgTimestamp,
  actor_id: z.string().nullable(),
  actor_role: z.string().nullable(),
  actor_council_code: z.string().nullable(),
  actor_provider_id: z.string().nullable(),
  action: z.string(),
  record_type: z.string(),
  record_id: z.string(),
  changed_fields: z.array(z.string()),
});
export type AuditRow = z.infer<typeof auditRow>;

export type NewAuditEvent = Omit<AuditRow, 'audit_event_id' | 'occurred_at'>;

export async function insertAuditEvent(db: Queryable, e: NewAuditEvent): Promise<void> {
  await execute(
    db,
    sql`insert into audit_events (actor_id, actor_role, actor_council_code, actor_provider_id, action, record_type, record_id, changed_fields)
     values (${e.actor_id}::text, ${e.actor_role}::text, ${e.actor_council_code}::text, ${e.actor_provider_id}::text, ${e.action}::text,
       ${e.record_type}::text, ${e.record_id}::text, ${e.changed_fields}::text[])`,
  );
}

/** The audit trail, newest first; `visible` is false for everyone but an admin (an empty list). */
export function auditEventList(visible: boolean, filter: { recordType?: string }): ListSource<AuditRow> {
  const conditions: Sql[] = [raw(visible ? 'true' : 'false')];
  if (filter.recordType) conditions.push(sql`a.record_type = ${filter.recordType}::text`);
  return {
    select: raw('a.*'),
    from: raw('audit_events a'),
    conditions,
    orderBy: [{ sql: raw('a.audit_event_id'), cast: 'bigint', key: (row) => row.audit_event_id }],
    direction: 'desc',
    row: rowParser(auditRow),
  };
}
