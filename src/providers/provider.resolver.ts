import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import { PROVIDER_TYPE } from '../auth/scope';
import { Role } from '../auth/roles';
import type { Principal } from '../auth/viewer';
import { assertOwnCouncil } from '../children/child.service';
import { LocalAuthority } from '../councils/localAuthority.type';
import type { Context, WritePolicy } from '../graphql/context';
import { todayInLondon } from '../graphql/dates';
import { Service } from '../graphql/enums';
import { LocalDate } from '../graphql/scalars';
import { fetchPage } from '../graphql/listQuery';
import { MutationOutcome, runMutation } from '../audit/mutation';
import { registerNodeType } from '../graphql/nodeRegistry';
import { ConnectionArgs, connectionTypes, Page } from '../graphql/relay';
import { currentCouncil } from '../councils/council.service';
import { notBefore, boundedText, recordKey } from '../graphql/validate';
import { notFound, UserFacingError } from '../graphql/userErrors';
import { findCommission, insertCommission, insertProvider, providerExists, providerList } from './provider.queries';
import {
  Commission,
  COMMISSION_TYPE,
  CommissionProviderInput,
  CommissionProviderPayload,
  CommissionRow,
  CreateProviderInput,
  CreateProviderPayload,
  Provider,
  ProviderRow,
} from './provider.types';

export const ProviderConnection = connectionTypes(Provider, 'Provider', 'provider');

registerNodeType(COMMISSION_TYPE, async (key, { db, principal }) => {
  const row = await findCommission(db, principal, key);
  return row ? Commission.fromRow(row) : null;
});

registerNodeType(PROVIDER_TYPE, async (key, { loaders }) => {
  const row = await loaders.providerById.load(key);
  return row ? Provider.fromRow(row) : null;
});

async function createProvider(manager: EntityManager, input: CreateProviderInput): Promise<MutationOutcome<ProviderRow>> {
  const name = boundedText('name', input.name, 200, true)!;
  const row = await insertProvider(manager, name, input.kind);
  return { result: row, audit: { recordType: 'Provider', recordId: row.provider_id, changedFields: ['name', 'kind'] } };
}

/**
 * The earliest start date a council officer may give a commission: today (Europe/London), or up to
 * COMMISSION_BACKDATE_DAYS before. A commission opens the council's referrals to the provider and
 * the provider's volunteers to the council, and dates the published coverage series, so rewriting
 * history is for admins; an officer records a commission as it begins.
 */
export function earliestOfficerCommissionStart(backdateDays: number, today = todayInLondon()): string {
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - backdateDays);
  return date.toISOString().slice(0, 10);
}

function assertStartAllowed(principal: Principal | null, startsOn: string, policy: WritePolicy): void {
  if (principal?.role !== Role.COUNCIL_OFFICER) return;
  const earliest = earliestOfficerCommissionStart(policy.commissionBackdateDays);
  if (startsOn < earliest) {
    const window =
      policy.commissionBackdateDays === 0 ? 'today (Europe/London)' : `${policy.commissionBackdateDays} days before today (COMMISSION_BACKDATE_DAYS)`;
    throw new UserFacingError(
      'FORBIDDEN',
      `A council officer may start a commission on ${earliest} at the earliest, ${window}; got ${startsOn}. An ADMIN records earlier commissions.`,
      'startsOn',
    );
  }
}

async function commissionProvider(
  manager: EntityManager,
  principal: Principal | null,
  input: CommissionProviderInput,
  policy: WritePolicy,
): Promise<MutationOutcome<CommissionRow>> {
  const provider = recordKey('providerId', input.providerId, PROVIDER_TYPE, 'provider');
  if (!(await providerExists(manager, provider))) throw notFound('provider', 'providerId');
  const council = await currentCouncil(manager, 'localAuthorityCode', input.localAuthorityCode);
  assertOwnCouncil(principal, council, 'localAuthorityCode');
  assertStartAllowed(principal, input.startsOn, policy);
  if (input.endsOn) notBefore('endsOn', input.endsOn, 'startsOn', input.startsOn);
  const row = await insertCommission(manager, {
    provider_id: provider,
    council_code: council,
    service: input.service,
    starts_on: input.startsOn,
    ends_on: input.endsOn ?? null,
  });
  return {
    result: row,
    audit: { recordType: 'Commission', recordId: row.commission_id, changedFields: ['providerId', 'localAuthorityCode', 'service', 'startsOn', 'endsOn'] },
  };
}

@Resolver(() => Provider)
export class ProviderResolver {
  @Query(() => ProviderConnection, { description: 'Providers by name. Any signed-in caller.' })
  providers(@Args() args: ConnectionArgs, @Ctx() { db, principal }: Context): Promise<Page<Provider>> {
    return fetchPage<ProviderRow, Provider>(db, { ...providerList(principal), first: args.first, after: args.after }, Provider.fromRow);
  }

  @FieldResolver(() => [Commission], { description: 'Councils that commission this provider, and for which service.' })
  async commissions(@Root() provider: Provider, @Ctx() { loaders }: Context): Promise<Commission[]> {
    return (await loaders.commissionsByProvider.load(provider.providerKey)).map(Commission.fromRow);
  }

  @Mutation(() => CreateProviderPayload, { description: 'Add a provider (ADMIN).' })
  createProvider(
    @Arg('input', { description: 'What to change; see the input type.' }) input: CreateProviderInput,
    @Ctx() context: Context,
  ): Promise<CreateProviderPayload> {
    return runMutation(
      context,
      'createProvider',
      [Role.ADMIN],
      (manager) => createProvider(manager, input),
      (row) => ({ provider: Provider.fromRow(row) }),
    );
  }

  @Mutation(() => CommissionProviderPayload, { description: "Record that a council commissions a provider for a service (ADMIN, or that council's officer)." })
  commissionProvider(
    @Arg('input', { description: 'What to change; see the input type.' }) input: CommissionProviderInput,
    @Ctx() context: Context,
  ): Promise<CommissionProviderPayload> {
    return runMutation(
      context,
      'commissionProvider',
      [Role.ADMIN, Role.COUNCIL_OFFICER],
      (manager) => commissionProvider(manager, context.principal, input, context.writePolicy),
      (row) => ({ commission: Commission.fromRow(row) }),
    );
  }
}

@Resolver(() => Commission)
export class CommissionResolver {
  @FieldResolver(() => Provider, { nullable: true, description: 'The provider commissioned.' })
  async provider(@Root() commission: Commission, @Ctx() { loaders }: Context): Promise<Provider | null> {
    const row = await loaders.providerById.load(commission.providerKey);
    return row ? Provider.fromRow(row) : null;
  }

  @FieldResolver(() => LocalAuthority, { description: 'The commissioning council.' })
  async localAuthority(@Root() commission: Commission, @Ctx() { loaders }: Context): Promise<LocalAuthority> {
    return LocalAuthority.fromRow((await loaders.councilByCode.load(commission.councilCode))!);
  }
}

/**
 * A council's commissions, on the council. Who may see them: every signed-in caller, as for
 * `providers` and `Provider.commissions`. Commissions are contracts between public bodies and
 * providers, not personal data (councils publish their contracts), and every role has a reason to
 * know them: an officer their own and their neighbours', a coordinator which councils commission
 * them and others, an analyst what lies behind a council's coverage. Anonymous callers see no
 * providers, so they get no commissions either (an empty list), as with `providers`.
 */
@Resolver(() => LocalAuthority)
export class LocalAuthorityCommissionsResolver {
  @FieldResolver(() => [Commission], {
    description:
      'Providers this council commissions, for which service and over which dates, earliest start first. Any signed-in caller may see them (commissions are not personal data); anonymous callers get an empty list, as they see no providers.',
  })
  async commissions(
    @Root() council: LocalAuthority,
    @Arg('service', () => Service, { nullable: true, description: 'Only commissions for this service.' }) service: Service | null,
    @Arg('activeOn', () => LocalDate, { nullable: true, description: 'Only commissions in force on this date (started on or before it, not ended before it).' })
    activeOn: string | null,
    @Ctx() { loaders }: Context,
  ): Promise<Commission[]> {
    const rows = await loaders.commissionsByCouncil.load(council.code);
    return rows
      .filter((row) => !service || row.service === service)
      .filter((row) => !activeOn || (row.starts_on <= activeOn && (row.ends_on === null || row.ends_on >= activeOn)))
      .map(Commission.fromRow);
  }
}
