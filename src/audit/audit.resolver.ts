import { Args, ArgsType, Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import { Role } from '../auth/roles';
import type { Context } from '../graphql/context';
import { fetchPage } from '../graphql/listQuery';
import { ConnectionArgs, connectionTypes, Page } from '../graphql/relay';

type AuditRow = {
  audit_event_id: string;
  occurred_at: Date;
  actor_id: string | null;
  actor_role: string | null;
  actor_council_code: string | null;
  actor_provider_id: string | null;
  action: string;
  record_type: string;
  record_id: string;
  changed_fields: string[];
};

@ObjectType({ simpleResolvers: true, description: 'One successful change: who made it, to which record, and which fields changed (never their values).' })
export class AuditEvent {
  @Field({ description: 'When it happened.' })
  occurredAt: Date;

  @Field(() => String, { nullable: true, description: 'User ID of the actor (token `sub`); null for anonymous self-referrals.' })
  actorId: string | null;

  @Field(() => String, { nullable: true, description: "Actor's role, or ANONYMOUS." })
  actorRole: string | null;

  @Field(() => String, { nullable: true, description: "Actor's council, for council officers." })
  actorLocalAuthorityCode: string | null;

  @Field(() => String, { nullable: true, description: "Actor's provider ID, for coordinators." })
  actorProviderId: string | null;

  @Field({ description: 'The mutation, e.g. acceptReferral.' })
  action: string;

  @Field({ description: 'Type of the record changed, e.g. Referral.' })
  recordType: string;

  @Field({ description: 'Internal ID of the record changed.' })
  recordId: string;

  @Field(() => [String], { description: 'Names of the fields set or changed.' })
  changedFields: string[];
}

export const AuditEventConnection = connectionTypes(AuditEvent, 'AuditEvent', 'audit event');

@ArgsType()
class AuditArgs extends ConnectionArgs {
  @Field(() => String, { nullable: true, description: 'Only events for this record type, e.g. Referral.' })
  recordType?: string | null;
}

@Resolver()
export class AuditResolver {
  @Query(() => AuditEventConnection, { description: 'The audit trail, newest first (ADMIN only; empty for everyone else).' })
  auditEvents(@Args() args: AuditArgs, @Ctx() { db, principal }: Context): Promise<Page<AuditEvent>> {
    const params: unknown[] = [];
    const conditions = [principal?.role === Role.ADMIN ? 'true' : 'false'];
    if (args.recordType) {
      params.push(args.recordType);
      conditions.push(`a.record_type = $${params.length}::text`);
    }
    return fetchPage<AuditRow, AuditEvent>(
      db,
      {
        select: 'a.*',
        from: 'audit_events a',
        conditions,
        params,
        orderBy: [{ sql: 'a.audit_event_id', cast: 'bigint', key: (row) => row.audit_event_id }],
        direction: 'desc',
        first: args.first,
        after: args.after,
      },
      (row) => ({
        occurredAt: row.occurred_at,
        actorId: row.actor_id,
        actorRole: row.actor_role,
        actorLocalAuthorityCode: row.actor_council_code,
        actorProviderId: row.actor_provider_id,
        action: row.action,
        recordType: row.record_type,
        recordId: row.record_id,
        changedFields: row.changed_fields,
      }),
    );
  }
}
