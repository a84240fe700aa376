import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../graphql/context';
import { todayInLondon } from '../graphql/dates';
import { Service } from '../graphql/enums';
import { badInput } from '../graphql/relay';
import { buildMatchingPlan, suggestionExclusions, suggestVolunteers } from './matching.service';
import { ExclusionCount, MatchingPlan, MatchSuggestion, UnmatchedReferral } from './matching.types';
import { exclusionList } from './scoring';

@Resolver()
export class MatchingResolver {
  @Query(() => [MatchSuggestion], {
    description:
      "Volunteers who could be proposed for a referral today, best fit first, each with a score and the points of each factor in words. Excluded: not APPROVED, DBS check not valid today, no spare capacity, provider not commissioned by the child's council for the service, a required preference not met, or an earlier match the child ended by objecting. Equal scores are ordered by volunteer ID. For the council officers and coordinators who can see the referral; a coordinator is shown only their own provider's volunteers.",
  })
  suggestedVolunteers(
    @Arg('referralId', () => ID, { description: 'Global ID of a NEW or ACCEPTED referral.' }) referralId: string,
    @Arg('first', () => Int, { nullable: true, description: 'How many suggestions, 1..100; default 20.' }) first: number | null,
    @Ctx() { db, principal, matchingWeights }: Context,
  ): Promise<MatchSuggestion[]> {
    return suggestVolunteers(db, principal, referralId, first, matchingWeights, todayInLondon());
  }

  @Query(() => [ExclusionCount], {
    description:
      "Why volunteers were left out of suggestedVolunteers for a referral: how many each hard constraint excluded, each volunteer counted under the first constraint they break (HardConstraint order), constraints that excluded nobody omitted. Counted among the volunteers of providers the child's council has ever commissioned for the service, except WITHDRAWN ones; a coordinator's counts cover only their own provider's volunteers. The matching plan gives the same counts for an unmatched child (UnmatchedReferral.exclusions). Same access as suggestedVolunteers.",
  })
  suggestionExclusions(
    @Arg('referralId', () => ID, { description: 'Global ID of a NEW or ACCEPTED referral.' }) referralId: string,
    @Ctx() { db, principal }: Context,
  ): Promise<ExclusionCount[]> {
    return suggestionExclusions(db, principal, referralId, todayInLondon());
  }

  @Query(() => MatchingPlan, {
    description:
      "One proposed volunteer per waiting child across a council's whole waiting list, solved as an assignment problem: as many children matched as possible, the longest waiting first, then the highest total score; compared with greedy oldest-first matching. Nothing is written until a coordinator proposes a pair with proposeMatch. Covers the waiting children you may see.",
  })
  async matchingPlan(
    @Arg('localAuthorityCode', { description: 'ONS code of the council.' }) localAuthorityCode: string,
    @Arg('service', () => Service, { description: 'The service waited for.' }) service: Service,
    @Ctx() { db, principal, loaders, matchingWeights }: Context,
  ): Promise<MatchingPlan> {
    const code = localAuthorityCode.trim().toUpperCase();
    if (!(await loaders.councilByCode.load(code))) {
      throw badInput(`Unknown council code ${JSON.stringify(localAuthorityCode.slice(0, 20))}: expected an ONS code such as E06000001.`, 'localAuthorityCode');
    }
    return buildMatchingPlan(db, principal, code, service, matchingWeights, todayInLondon());
  }
}

@Resolver(() => UnmatchedReferral)
export class UnmatchedReferralResolver {
  @FieldResolver(() => [ExclusionCount], {
    description:
      'Why volunteers were left out for this child, per hard constraint: the same counts suggestionExclusions gives for the referral (the volunteer-level counts are read once per plan, when selected).',
  })
  async exclusions(@Root() unmatched: UnmatchedReferral, @Ctx() { loaders }: Context): Promise<ExclusionCount[]> {
    return exclusionList(await loaders.volunteerExclusions.load(unmatched.exclusionsKey), unmatched.pairExclusions);
  }
}
