import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PROVIDER_TYPE } from '../auth/scope';
import { Role } from '../auth/roles';
import { LocalAuthority } from '../councils/localAuthority.type';
import type { Context } from '../graphql/context';
import { relatedNode } from '../graphql/prefetch';
import { fetchPage } from '../graphql/listQuery';
import { replayById } from '../graphql/idempotency';
import { runMutation } from '../audit/mutation';
import { registerNodeType } from '../graphql/nodeRegistry';
import { ConnectionArgs, connectionTypes, keyOfGlobalId, Page } from '../graphql/relay';
import { Provider } from '../providers/provider.types';
import { volunteerForReplay, volunteerList, VolunteerRow } from './volunteer.queries';
import { approveVolunteer, recordVolunteerVetting, registerVolunteer } from './volunteer.service';
import {
  ApproveVolunteerInput,
  RecordVolunteerVettingInput,
  RegisterVolunteerInput,
  Volunteer,
  VOLUNTEER_TYPE,
  VolunteerPayload,
  VolunteerStatus,
} from './volunteer.types';

export const VolunteerConnection = connectionTypes(Volunteer, 'Volunteer', 'volunteer');

registerNodeType(VOLUNTEER_TYPE, async (key, { loaders }) => {
  const row = await loaders.volunteerById.load(key);
  return row ? Volunteer.fromRow(row) : null;
});

@ArgsType()
class VolunteersArgs extends ConnectionArgs {
  @Field(() => VolunteerStatus, { nullable: true, description: 'Only volunteers in this status.' })
  status?: VolunteerStatus | null;

  @Field(() => ID, { nullable: true, description: 'Only volunteers of this provider (global ID).' })
  providerId?: string | null;
}

@Resolver(() => Volunteer)
export class VolunteerResolver {
  @Query(() => VolunteerConnection, {
    description:
      'Volunteers you may see, most recent applicants first. Coordinators: their provider; council officers: volunteers matched with their children.',
  })
  volunteers(@Args() args: VolunteersArgs, @Ctx() { db, principal }: Context): Promise<Page<Volunteer>> {
    const filter: { status?: string; providerId?: string } = { status: args.status ?? undefined };
    if (args.providerId) {
      const key = keyOfGlobalId(args.providerId, PROVIDER_TYPE);
      // An ID that is not a provider's matches no volunteer, rather than being ignored.
      filter.providerId = key && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(key) ? key : '00000000-0000-0000-0000-000000000000';
    }
    return fetchPage<VolunteerRow, Volunteer>(db, { ...volunteerList(principal, filter), first: args.first, after: args.after }, Volunteer.fromRow);
  }

  @FieldResolver(() => Provider, { nullable: true, description: "The volunteer's provider." })
  provider(@Root() volunteer: Volunteer, @Ctx() { loaders }: Context): Provider | null | Promise<Provider | null> {
    return relatedNode(volunteer, 'provider', () => loaders.providerById.load(volunteer.providerKey), Provider.fromRow);
  }

  @FieldResolver(() => LocalAuthority, { description: 'The council area the volunteer lives in.' })
  async homeLocalAuthority(@Root() volunteer: Volunteer, @Ctx() { loaders }: Context): Promise<LocalAuthority> {
    return LocalAuthority.fromRow((await loaders.councilByCode.load(volunteer.homeCouncilCode))!);
  }

  @Mutation(() => VolunteerPayload, { description: "Register a volunteer's application (coordinator of that provider, or ADMIN)." })
  registerVolunteer(
    @Arg('input', { description: 'What to change; see the input type.' }) input: RegisterVolunteerInput,
    @Ctx() context: Context,
  ): Promise<VolunteerPayload> {
    return runMutation(
      context,
      'registerVolunteer',
      [Role.PROVIDER_COORDINATOR, Role.ADMIN],
      (m) => registerVolunteer(m, context.principal, input),
      (row) => ({ volunteer: Volunteer.fromRow(row) }),
      replayById<VolunteerRow>(input.idempotencyKey, input, { idColumn: 'volunteer_id', read: volunteerForReplay }),
    );
  }

  @Mutation(() => VolunteerPayload, { description: 'Record DBS, references and training; moves the volunteer to VETTING or TRAINING.' })
  recordVolunteerVetting(
    @Arg('input', { description: 'What to change; see the input type.' }) input: RecordVolunteerVettingInput,
    @Ctx() context: Context,
  ): Promise<VolunteerPayload> {
    return runMutation(
      context,
      'recordVolunteerVetting',
      [Role.PROVIDER_COORDINATOR, Role.ADMIN],
      (m) => recordVolunteerVetting(m, context.principal, input),
      (row) => ({ volunteer: Volunteer.fromRow(row) }),
    );
  }

  @Mutation(() => VolunteerPayload, { description: 'Approve a trained volunteer with a valid DBS check and two references.' })
  approveVolunteer(
    @Arg('input', { description: 'What to change; see the input type.' }) input: ApproveVolunteerInput,
    @Ctx() context: Context,
  ): Promise<VolunteerPayload> {
    return runMutation(
      context,
      'approveVolunteer',
      [Role.PROVIDER_COORDINATOR, Role.ADMIN],
      (m) => approveVolunteer(m, context.principal, input),
      (row) => ({ volunteer: Volunteer.fromRow(row) }),
    );
  }
}
