import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../graphql/context';
import { relatedNode } from '../graphql/prefetch';
import { Referral } from '../referrals/referral.types';
import { Match } from './match.types';

/** A referral's matches: fields of Referral resolved here, so that referrals/ need not know matches/. */
@Resolver(() => Referral)
export class ReferralMatchesResolver {
  @FieldResolver(() => Match, { nullable: true, description: 'The PROPOSED or ACTIVE match, if any (and visible to you).' })
  currentMatch(@Root() referral: Referral, @Ctx() { loaders }: Context): Match | null | Promise<Match | null> {
    return relatedNode(referral, 'currentMatch', () => loaders.openMatchByReferral.load(referral.referralKey), Match.fromRow);
  }

  @FieldResolver(() => [Match], { description: 'Every match for this referral that you may see, oldest first.' })
  async matches(@Root() referral: Referral, @Ctx() { loaders }: Context): Promise<Match[]> {
    return (await loaders.matchesByReferral.load(referral.referralKey)).map(Match.fromRow);
  }
}
