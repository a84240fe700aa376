import { graphql, GraphQLResolveInfo } from 'graphql';
import { Arg, buildSchemaSync, Ctx, Field, FieldResolver, Info, Int, ObjectType, Query, Resolver, Root, UseMiddleware } from 'type-graphql';
import { directlyCalledFields } from '../../src/app/schema';
import { callFieldResolversDirectly } from '../../src/graphql/directResolvers';

// A small schema of its own, so each way a field resolver can be declared is seen once.
@ObjectType({ simpleResolvers: true })
class Shelf {
  @Field()
  name: string;

  @Field(() => Int)
  size(): number {
    return this.name.length;
  }
}

type ShelfContext = { greeting: string; calls: string[] };

@Resolver(() => Shelf)
class ShelfResolver {
  @Query(() => [Shelf])
  shelves(): Shelf[] {
    // One real instance, one plain object (type-graphql copies it into a Shelf for the methods).
    return [Object.assign(new Shelf(), { name: 'oak' }), { name: 'pine' } as Shelf];
  }

  @FieldResolver(() => String)
  label(@Root() shelf: Shelf, @Ctx('greeting') greeting: string, @Info() info: GraphQLResolveInfo, @Ctx() context: ShelfContext): string {
    context.calls.push(`label:${shelf instanceof Shelf}`);
    return `${greeting} ${shelf.name} (${info.fieldName})`;
  }

  @FieldResolver(() => String)
  contextFirst(@Ctx() context: ShelfContext, @Root() shelf: Shelf): string {
    return `${context.greeting}/${shelf.name}`;
  }

  @FieldResolver(() => String)
  repeated(@Root() shelf: Shelf, @Arg('times', () => Int) times: number): string {
    return shelf.name.repeat(times);
  }

  @FieldResolver(() => String)
  @UseMiddleware(async ({ context }, next) => {
    (context as ShelfContext).calls.push('middleware');
    return next();
  })
  guarded(@Root() shelf: Shelf): string {
    return shelf.name.toUpperCase();
  }
}

describe('field resolvers called directly (src/graphql/directResolvers.ts)', () => {
  const schema = buildSchemaSync({ resolvers: [ShelfResolver], validate: false });
  const direct = callFieldResolversDirectly(schema, [ShelfResolver]);
  const run = async (query: string) => {
    const context: ShelfContext = { greeting: 'hello', calls: [] };
    const result = await graphql({ schema, source: query, contextValue: context });
    return { result, calls: context.calls };
  };

  it('takes only fields whose parameters are the parent, the context and info, without middleware', () => {
    expect([...direct].sort()).toEqual(['Shelf.contextFirst', 'Shelf.label', 'Shelf.size']);
  });

  it('passes the parameters in their declared order, and leaves the others to type-graphql', async () => {
    const { result, calls } = await run('{ shelves { name size label contextFirst repeated(times: 2) guarded } }');
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      shelves: [
        { name: 'oak', size: 3, label: 'hello oak (label)', contextFirst: 'hello/oak', repeated: 'oakoak', guarded: 'OAK' },
        { name: 'pine', size: 4, label: 'hello pine (label)', contextFirst: 'hello/pine', repeated: 'pinepine', guarded: 'PINE' },
      ],
    });
    // The plain-object parent went through type-graphql, which made it a Shelf: the method sees the same either way.
    expect(calls).toEqual(['label:true', 'middleware', 'label:true', 'middleware']);
  });

  it("covers the lists' hot fields in Tandem's schema", () => {
    expect(directlyCalledFields()).toEqual(
      expect.arrayContaining([
        'Referral.child',
        'Referral.currentMatch',
        'Referral.daysWaiting',
        'Match.volunteer',
        'Volunteer.provider',
        'ReferralConnection.totalCount',
      ]),
    );
    // Resolvers with arguments keep type-graphql's wrapper (it turns them into class instances).
    expect(directlyCalledFields()).not.toContain('Query.waitingList');
  });
});
