import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Context } from './context';
import { nodeFetcher } from './nodeRegistry';
import { fromGlobalId, Node } from './relay';

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Any object by its global ID; null when it does not exist or is outside your access.' })
  async node(@Arg('id', () => ID, { description: 'A global ID as returned by an `id` field.' }) id: string, @Ctx() context: Context): Promise<object | null> {
    const parsed = fromGlobalId(id);
    if (!parsed) return null;
    const fetch = nodeFetcher(parsed.type);
    return fetch ? fetch(parsed.key, context) : null;
  }
}
