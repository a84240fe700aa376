import { Args, ArgsType, Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import { Role } from '../auth/roles';
import type { Context } from '../graphql/context';
import { fetchPage } from '../graphql/listQuery';
import { ConnectionArgs, connectionTypes, Page } from '../graphql/relay';
import { auditEventList, AuditRow } from './audit.queries';

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
    return fetchPage<AuditRow, AuditEvent>(
      db,
      { ...auditEventList(principal?.role === Role.ADMIN, { recordType: args.recordType ?? undefined }), first: args.first, after: args.after },
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
