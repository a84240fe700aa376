import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Child } from '../children/child.types';
import type { Context } from '../graphql/context';
import { Referral } from './referral.types';

/** A child's referrals: a field of Child resolved here, so that children/ need not know referrals/. */
@Resolver(() => Child)
export class ChildReferralsResolver {
  @FieldResolver(() => [Referral], { description: "The child's referrals that you may see, oldest first." })
  async referrals(@Root() child: Child, @Ctx() { loaders }: Context): Promise<Referral[]> {
    return (await loaders.referralsByChild.load(child.childKey)).map(Referral.fromRow);
  }
}
