import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../auth/roles';
import { Child } from '../children/child.types';
import { LocalAuthority } from '../councils/localAuthority.type';
import { requireCurrentCouncil } from '../councils/councilCodes';
import type { Context } from '../graphql/context';
import { daysBetween, todayInLondon } from '../graphql/dates';
import { Service } from '../graphql/enums';
import { fetchPage } from '../graphql/listQuery';
import { replayById } from '../graphql/idempotency';
import { runMutation } from '../audit/mutation';
import { registerNodeType } from '../graphql/nodeRegistry';
import { badInput, ConnectionArgs, connectionTypes, Page, toGlobalId } from '../graphql/relay';
import { referralFields, referralRelations } from './referral.lookAhead';
import { selectionOf } from '../graphql/lookAhead';
import { relatedNode } from '../graphql/prefetch';
import {
  findSelfReferral,
  referralForReplay,
  referralList,
  ReferralRow,
  selfReferralForReplay,
  selfReferralInbox,
  SelfReferralRow,
  waitingList,
} from './referral.queries';
import { acceptReferral, closeReferral, convertSelfReferral, createReferral, dismissSelfReferral, submitSelfReferral } from './referral.service';
import {
  AcceptReferralInput,
  CloseReferralInput,
  ConvertSelfReferralInput,
  CreateReferralInput,
  DismissSelfReferralInput,
  Referral,
  REFERRAL_TYPE,
  ReferralPayload,
  ReferralSource,
  ReferralStatus,
  SELF_REFERRAL_TYPE,
  SelfReferral,
  SelfReferralPayload,
  SelfReferralStatus,
  SubmitSelfReferralInput,
  SubmitSelfReferralPayload,
} from './referral.types';

export const ReferralConnection = connectionTypes(Referral, 'Referral', 'referral');
export const SelfReferralConnection = connectionTypes(SelfReferral, 'SelfReferral', 'self-referral');

registerNodeType(REFERRAL_TYPE, async (key, { loaders }) => {
  const row = await loaders.referralById.load(key);
  return row ? Referral.fromRow(row) : null;
});

function selfReferralFromRow(row: SelfReferralRow & { submitted_us?: string }): SelfReferral {
  return Object.assign(new SelfReferral(), {
    id: toGlobalId(SELF_REFERRAL_TYPE, row.self_referral_id),
    receiptNumber: row.receipt_number,
    service: row.service as Service,
    ageYears: row.age_years,
    message: row.message,
    contact: row.contact,
    status: row.status as SelfReferralStatus,
    submittedAt: row.submitted_at,
    councilCode: row.council_code,
    referralKey: row.referral_id,
  });
}

registerNodeType(SELF_REFERRAL_TYPE, async (key, { db, principal }) => {
  const row = await findSelfReferral(db, principal, key);
  return row ? selfReferralFromRow(row) : null;
});

@ArgsType()
class ReferralsArgs extends ConnectionArgs {
  @Field(() => ReferralStatus, { nullable: true, description: 'Only referrals in this status.' })
  status?: ReferralStatus | null;

  @Field(() => Service, { nullable: true, description: 'Only referrals for this service.' })
  service?: Service | null;

  @Field(() => ReferralSource, { nullable: true, description: 'Only referrals from this source.' })
  source?: ReferralSource | null;

  @Field(() => String, { nullable: true, description: 'Only referrals of this council (ONS code).' })
  localAuthorityCode?: string | null;
}

@ArgsType()
class WaitingListArgs extends ConnectionArgs {
  @Field({ description: 'ONS code of the council.' })
  localAuthorityCode: string;

  @Field(() => Service, { description: 'The service waited for.' })
  service: Service;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'true: only children with a PROPOSED match; false: only those with none yet, who still need a volunteer. Counts every proposal, whichever provider made it, since a second cannot be made while one is open.',
  })
  hasProposal?: boolean | null;

  @Field(() => ReferralSource, { nullable: true, description: 'Only referrals from this source.' })
  source?: ReferralSource | null;

  @Field(() => String, { nullable: true, description: 'Only children placed in this council area (ONS code); an unknown code is an error.' })
  placementLocalAuthorityCode?: string | null;
}

/**
 * An unknown council code in a list filter is an error, not an empty list, and so is an abolished
 * council as the list's own council (the error says when it went and who replaced it). Checked only
 * when the page came back empty (a code that matched a row is known), so a page that has rows stays
 * one statement; an empty page costs one more (every code in one batch), and the abolition's
 * explanation one more again.
 */
async function checkCouncilCodes(
  page: Page<unknown>,
  db: Context['db'],
  loaders: Context['loaders'],
  own: [argument: string, given: string],
  codes: [argument: string, given: string, code: string][],
): Promise<void> {
  if (page.edges.length > 0) return;
  const load = (code: string) => loaders.councilByCode.load(code);
  await loaders.councilByCode.loadMany([own[1].trim().toUpperCase(), ...codes.map(([, , code]) => code)]);
  await requireCurrentCouncil(db, load, own[1], own[0], "Waiting lists are kept by current councils: ask for its successors' lists.");
  for (const [argument, given, code] of codes) {
    if (!(await load(code))) {
      throw badInput(
        `Unknown council code ${JSON.stringify(given.slice(0, 20))} for ${argument}: expected the ONS code of an English council, such as E06000001.`,
        argument,
      );
    }
  }
}

@ArgsType()
class InboxArgs extends ConnectionArgs {
  @Field(() => SelfReferralStatus, { nullable: true, defaultValue: SelfReferralStatus.NEW, description: 'Inbox status; default NEW.' })
  status: SelfReferralStatus;
}

@Resolver(() => Referral)
export class ReferralResolver {
  @Query(() => ReferralConnection, { description: 'Referrals you may see, most recent first.' })
  referrals(@Args() args: ReferralsArgs, @Ctx() { db, principal, loaders }: Context, @Info() info: GraphQLResolveInfo): Promise<Page<Referral>> {
    const filter = {
      status: args.status ?? undefined,
      service: args.service ?? undefined,
      source: args.source ?? undefined,
      councilCode: args.localAuthorityCode ? args.localAuthorityCode.trim().toUpperCase() : undefined,
    };
    const selection = selectionOf(info);
    return fetchPage<ReferralRow, Referral>(
      db,
      {
        ...referralList(principal, filter, referralFields(selection)),
        first: args.first,
        after: args.after,
        related: referralRelations(selection, principal, loaders),
      },
      Referral.fromRow,
    );
  }

  @Query(() => ReferralConnection, {
    description:
      "A council's waiting list for a service: ACCEPTED referrals you may see, longest waiting first, optionally narrowed by proposal, source and placement area. An unknown council code is an error.",
  })
  async waitingList(@Args() args: WaitingListArgs, @Ctx() { db, principal, loaders }: Context, @Info() info: GraphQLResolveInfo): Promise<Page<Referral>> {
    const councilCode = args.localAuthorityCode.trim().toUpperCase();
    const codes: [string, string, string][] = [];
    let placementCouncilCode: string | undefined;
    if (args.placementLocalAuthorityCode !== null && args.placementLocalAuthorityCode !== undefined) {
      placementCouncilCode = args.placementLocalAuthorityCode.trim().toUpperCase();
      codes.push(['placementLocalAuthorityCode', args.placementLocalAuthorityCode, placementCouncilCode]);
    }
    const selection = selectionOf(info);
    const list = waitingList(
      principal,
      { councilCode, service: args.service, hasProposal: args.hasProposal ?? undefined, source: args.source ?? undefined, placementCouncilCode },
      referralFields(selection),
    );
    const page = await fetchPage<ReferralRow, Referral>(
      db,
      // The child, open match, volunteer and provider in the same statement, when selected.
      { ...list, first: args.first, after: args.after, related: referralRelations(selection, principal, loaders) },
      Referral.fromRow,
    );
    await checkCouncilCodes(page, db, loaders, ['localAuthorityCode', args.localAuthorityCode], codes);
    return page;
  }

  @Query(() => SelfReferralConnection, { description: "Self-referrals in your council's inbox, oldest first (council officers; ADMIN sees all)." })
  selfReferralInbox(@Args() args: InboxArgs, @Ctx() { db, principal }: Context): Promise<Page<SelfReferral>> {
    return fetchPage<SelfReferralRow & { submitted_us: string }, SelfReferral>(
      db,
      { ...selfReferralInbox(principal, args.status), first: args.first, after: args.after },
      selfReferralFromRow,
    );
  }

  @FieldResolver(() => Child, { nullable: true, description: 'The child referred.' })
  child(@Root() referral: Referral, @Ctx() { loaders }: Context): Child | null | Promise<Child | null> {
    return relatedNode(referral, 'child', () => loaders.childById.load(referral.childKey), Child.fromRow);
  }

  @FieldResolver(() => LocalAuthority, { description: 'The responsible council.' })
  async localAuthority(@Root() referral: Referral, @Ctx() { loaders }: Context): Promise<LocalAuthority> {
    return LocalAuthority.fromRow((await loaders.councilByCode.load(referral.councilCode))!);
  }

  @FieldResolver(() => LocalAuthority, { description: 'The council area the child is placed in (often not the responsible council).' })
  async placementLocalAuthority(@Root() referral: Referral, @Ctx() { loaders }: Context): Promise<LocalAuthority> {
    return LocalAuthority.fromRow((await loaders.councilByCode.load(referral.placementCouncilCode))!);
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Days on the waiting list so far (ACCEPTED referrals only).' })
  daysWaiting(@Root() referral: Referral): number | null {
    return referral.status === ReferralStatus.ACCEPTED && referral.acceptedOn ? daysBetween(referral.acceptedOn, todayInLondon()) : null;
  }

  @Mutation(() => ReferralPayload, { description: 'Refer a registered child (council officer of the child’s council, or ADMIN).' })
  createReferral(
    @Arg('input', { description: 'What to change; see the input type.' }) input: CreateReferralInput,
    @Ctx() context: Context,
  ): Promise<ReferralPayload> {
    return runMutation(
      context,
      'createReferral',
      [Role.COUNCIL_OFFICER, Role.ADMIN],
      (m) => createReferral(m, context.principal, input),
      (row) => ({ referral: Referral.fromRow(row) }),
      replayById<ReferralRow>(input.idempotencyKey, input, { idColumn: 'referral_id', read: referralForReplay }),
    );
  }

  @Mutation(() => ReferralPayload, { description: 'Accept a NEW referral onto the waiting list.' })
  acceptReferral(
    @Arg('input', { description: 'What to change; see the input type.' }) input: AcceptReferralInput,
    @Ctx() context: Context,
  ): Promise<ReferralPayload> {
    return runMutation(
      context,
      'acceptReferral',
      [Role.COUNCIL_OFFICER, Role.ADMIN],
      (m) => acceptReferral(m, context.principal, input),
      (row) => ({ referral: Referral.fromRow(row) }),
    );
  }

  @Mutation(() => ReferralPayload, { description: 'Close a NEW or ACCEPTED referral without a match.' })
  closeReferral(
    @Arg('input', { description: 'What to change; see the input type.' }) input: CloseReferralInput,
    @Ctx() context: Context,
  ): Promise<ReferralPayload> {
    return runMutation(
      context,
      'closeReferral',
      [Role.COUNCIL_OFFICER, Role.ADMIN],
      (m) => closeReferral(m, context.principal, input),
      (row) => ({ referral: Referral.fromRow(row) }),
    );
  }

  @Mutation(() => SubmitSelfReferralPayload, {
    description: 'A young person asks for a visitor or mentor. No login; rate limited per client address. Returns only a receipt number.',
  })
  async submitSelfReferral(
    @Arg('input', { description: 'What to change; see the input type.' }) input: SubmitSelfReferralInput,
    @Ctx() context: Context,
  ): Promise<SubmitSelfReferralPayload> {
    const retryAfterSeconds = await context.limits.selfReferral(context.clientAddress);
    if (retryAfterSeconds !== null) {
      context.setResponseHeader?.('retry-after', String(retryAfterSeconds));
      const minutes = Math.ceil(retryAfterSeconds / 60);
      return {
        receiptNumber: null,
        errors: [
          {
            code: 'RATE_LIMITED',
            field: null,
            message: `Too many requests from your connection: please try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
          },
        ],
      };
    }
    // The rate limit comes first, also for a repeat: it is what keeps anonymous load off the
    // database, and finding the earlier submission is database work too.
    return runMutation(
      context,
      'submitSelfReferral',
      'ANYONE',
      (m) => submitSelfReferral(m, input),
      (row) => ({ receiptNumber: row.receipt_number }),
      replayById<SelfReferralRow>(input.idempotencyKey, input, { idColumn: 'self_referral_id', read: selfReferralForReplay }),
    );
  }

  @Mutation(() => ReferralPayload, { description: 'Turn a self-referral in your inbox into a referral (source SELF) for a registered child.' })
  convertSelfReferral(
    @Arg('input', { description: 'What to change; see the input type.' }) input: ConvertSelfReferralInput,
    @Ctx() context: Context,
  ): Promise<ReferralPayload> {
    return runMutation(
      context,
      'convertSelfReferral',
      [Role.COUNCIL_OFFICER, Role.ADMIN],
      (m) => convertSelfReferral(m, context.principal, input),
      (row) => ({ referral: Referral.fromRow(row) }),
    );
  }

  @Mutation(() => SelfReferralPayload, { description: 'Dismiss a self-referral in your inbox.' })
  dismissSelfReferral(
    @Arg('input', { description: 'What to change; see the input type.' }) input: DismissSelfReferralInput,
    @Ctx() context: Context,
  ): Promise<SelfReferralPayload> {
    return runMutation(
      context,
      'dismissSelfReferral',
      [Role.COUNCIL_OFFICER, Role.ADMIN],
      (m) => dismissSelfReferral(m, context.principal, input),
      (row) => ({ selfReferral: selfReferralFromRow(row) }),
    );
  }
}

@Resolver(() => SelfReferral)
export class SelfReferralResolver {
  @FieldResolver(() => LocalAuthority, { description: 'The council it was sent to.' })
  async localAuthority(@Root() selfReferral: SelfReferral, @Ctx() { loaders }: Context): Promise<LocalAuthority> {
    return LocalAuthority.fromRow((await loaders.councilByCode.load(selfReferral.councilCode))!);
  }

  @FieldResolver(() => Referral, { nullable: true, description: 'The referral it became, once converted.' })
  async referral(@Root() selfReferral: SelfReferral, @Ctx() { loaders }: Context): Promise<Referral | null> {
    const row = selfReferral.referralKey ? await loaders.referralById.load(selfReferral.referralKey) : null;
    return row ? Referral.fromRow(row) : null;
  }
}
