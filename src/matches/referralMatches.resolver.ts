import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../graphql/context';
import { Referral } from '../referrals/referral.types';
import { Match } from './match.types';

/** A referral's matches: fields of Referral resolved here, so that referrals/ need not know matches/. */
@Resolver(() => Referral)
export class ReferralMatchesResolver {
  @FieldResolver(() => Match, { nullable: true, description: 'The PROPOSED or ACTIVE match, if any (and visible to you).' })
  currentMatch(@Root() referral: Referral, @Ctx() { loaders, prefetched }: Context): Match | null | Promise<Match | null> {
    return prefetched.resolve(loaders.openMatchByReferral, referral.referralKey, (row) => (row ? Match.fromRow(row) : null));
  }

  @FieldResolver(() => [Match], { description: 'Every match for this referral that you may see, oldest first.' })
  async matches(@Root() referral: Referral, @Ctx() { loaders }: Context): Promise<Match[]> {
    return (await loaders.matchesByReferral.load(referral.referralKey)).map(Match.fromRow);
  }
}
