import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../auth/roles';
import type { Context } from '../graphql/context';
import { relatedNode } from '../graphql/prefetch';
import { Service } from '../graphql/enums';
import { fetchPage } from '../graphql/listQuery';
import { replayById } from '../graphql/idempotency';
import { runMutation } from '../audit/mutation';
import { registerNodeType } from '../graphql/nodeRegistry';
import { ConnectionArgs, connectionTypes, Page } from '../graphql/relay';
import { Referral } from '../referrals/referral.types';
import { Volunteer } from '../volunteers/volunteer.types';
import { findVisit, matchForReplay, matchList, MatchRow, visitForReplay, VisitRow } from './match.queries';
import { cancelMatch, endMatch, logVisit, proposeMatch, startMatch } from './match.service';
import {
  CancelMatchInput,
  EndMatchInput,
  LogVisitInput,
  LogVisitPayload,
  Match,
  MATCH_TYPE,
  MatchPayload,
  MatchStatus,
  ProposeMatchInput,
  StartMatchInput,
  Visit,
  VISIT_TYPE,
} from './match.types';

export const MatchConnection = connectionTypes(Match, 'Match', 'match');

registerNodeType(MATCH_TYPE, async (key, { loaders }) => {
  const row = await loaders.matchById.load(key);
  return row ? Match.fromRow(row) : null;
});

registerNodeType(VISIT_TYPE, async (key, { db, principal }) => {
  const row = await findVisit(db, principal, key);
  return row ? Visit.fromRow(row) : null;
});

@ArgsType()
class MatchesArgs extends ConnectionArgs {
  @Field(() => MatchStatus, { nullable: true, description: 'Only matches in this status.' })
  status?: MatchStatus | null;

  @Field(() => Service, { nullable: true, description: 'Only matches for this service.' })
  service?: Service | null;

  @Field(() => String, { nullable: true, description: "Only matches for this council's children (ONS code)." })
  localAuthorityCode?: string | null;
}

const COORDINATOR_OR_COUNCIL = [Role.PROVIDER_COORDINATOR, Role.COUNCIL_OFFICER, Role.ADMIN];

@Resolver(() => Match)
export class MatchResolver {
  @Query(() => MatchConnection, { description: 'Matches you may see, most recently proposed first.' })
  matches(@Args() args: MatchesArgs, @Ctx() { db, principal }: Context): Promise<Page<Match>> {
    const filter = {
      status: args.status ?? undefined,
      service: args.service ?? undefined,
      councilCode: args.localAuthorityCode ? args.localAuthorityCode.trim().toUpperCase() : undefined,
    };
    return fetchPage<MatchRow, Match>(db, { ...matchList(principal, filter), first: args.first, after: args.after }, Match.fromRow);
  }

  @FieldResolver(() => Referral, { nullable: true, description: 'The referral this match answers.' })
  async referral(@Root() match: Match, @Ctx() { loaders }: Context): Promise<Referral | null> {
    const row = await loaders.referralById.load(match.referralKey);
    return row ? Referral.fromRow(row) : null;
  }

  @FieldResolver(() => Volunteer, { nullable: true, description: 'The volunteer.' })
  volunteer(@Root() match: Match, @Ctx() { loaders }: Context): Volunteer | null | Promise<Volunteer | null> {
    return relatedNode(match, 'volunteer', () => loaders.volunteerById.load(match.volunteerKey), Volunteer.fromRow);
  }

  @FieldResolver(() => [Visit], { description: 'Visits logged, oldest first.' })
  async visits(@Root() match: Match, @Ctx() { loaders }: Context): Promise<Visit[]> {
    return (await loaders.visitsByMatch.load(match.matchKey)).map(Visit.fromRow);
  }

  @Mutation(() => MatchPayload, { description: 'Propose a volunteer for an accepted referral (coordinator of the volunteer’s provider, or ADMIN).' })
  proposeMatch(@Arg('input', { description: 'What to change; see the input type.' }) input: ProposeMatchInput, @Ctx() context: Context): Promise<MatchPayload> {
    return runMutation(
      context,
      'proposeMatch',
      [Role.PROVIDER_COORDINATOR, Role.ADMIN],
      (m) => proposeMatch(m, context.principal, input),
      (row) => ({ match: Match.fromRow(row) }),
      replayById<MatchRow>(input.idempotencyKey, input, { idColumn: 'match_id', read: matchForReplay }),
    );
  }

  @Mutation(() => MatchPayload, { description: 'Record the first meeting: the match becomes ACTIVE and the referral MATCHED.' })
  startMatch(@Arg('input', { description: 'What to change; see the input type.' }) input: StartMatchInput, @Ctx() context: Context): Promise<MatchPayload> {
    return runMutation(
      context,
      'startMatch',
      [Role.PROVIDER_COORDINATOR, Role.ADMIN],
      (m) => startMatch(m, context.principal, input),
      (row) => ({ match: Match.fromRow(row) }),
    );
  }

  @Mutation(() => MatchPayload, { description: 'End an ACTIVE match (coordinator, the child’s council officer, or ADMIN).' })
  endMatch(@Arg('input', { description: 'What to change; see the input type.' }) input: EndMatchInput, @Ctx() context: Context): Promise<MatchPayload> {
    return runMutation(
      context,
      'endMatch',
      COORDINATOR_OR_COUNCIL,
      (m) => endMatch(m, context.principal, input),
      (row) => ({ match: Match.fromRow(row) }),
    );
  }

  @Mutation(() => MatchPayload, { description: 'Cancel a PROPOSED match that never started (coordinator, the child’s council officer, or ADMIN).' })
  cancelMatch(@Arg('input', { description: 'What to change; see the input type.' }) input: CancelMatchInput, @Ctx() context: Context): Promise<MatchPayload> {
    return runMutation(
      context,
      'cancelMatch',
      COORDINATOR_OR_COUNCIL,
      (m) => cancelMatch(m, context.principal, input),
      (row) => ({ match: Match.fromRow(row) }),
    );
  }

  @Mutation(() => LogVisitPayload, { description: 'Log a visit of an active match.' })
  logVisit(@Arg('input', { description: 'What to change; see the input type.' }) input: LogVisitInput, @Ctx() context: Context): Promise<LogVisitPayload> {
    return runMutation(
      context,
      'logVisit',
      [Role.PROVIDER_COORDINATOR, Role.ADMIN],
      (m) => logVisit(m, context.principal, input),
      (row) => ({ visit: Visit.fromRow(row) }),
      replayById<VisitRow>(input.idempotencyKey, input, { idColumn: 'visit_id', read: visitForReplay }),
    );
  }
}

@Resolver(() => Visit)
export class VisitResolver {
  @FieldResolver(() => Match, { nullable: true, description: 'The match visited under.' })
  async match(@Root() visit: Visit, @Ctx() { loaders }: Context): Promise<Match | null> {
    const row = await loaders.matchById.load(visit.matchKey);
    return row ? Match.fromRow(row) : null;
  }
}
