import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../graphql/context';
import { badInput, ConnectionArgs, connectionTypes, decodeCursor, Page, pageSize, toPage } from '../graphql/relay';
import { countCouncils, findCouncilsPage, findRegionCode } from './council.queries';
import { LocalAuthority } from './localAuthority.type';

export const LocalAuthorityConnection = connectionTypes(LocalAuthority, 'LocalAuthority', 'council');

@ArgsType()
class LocalAuthoritiesArgs extends ConnectionArgs {
  @Field(() => String, { nullable: true, description: 'Only councils in this region, by ONS code (E12000007) or name (London).' })
  region?: string | null;

  @Field({ defaultValue: false, description: 'Include councils that no longer exist (Cumbria, Northamptonshire).' })
  includeAbolished: boolean;
}

@Resolver(() => LocalAuthority)
export class LocalAuthorityResolver {
  @Query(() => LocalAuthorityConnection, { description: 'English councils in ONS code order; by default only those that exist today.' })
  async localAuthorities(@Args() args: LocalAuthoritiesArgs, @Ctx() { db }: Context): Promise<Page<LocalAuthority>> {
    const first = pageSize(args.first);
    const after = decodeCursor(args.after, 1);
    let regionCode: string | null = null;
    if (args.region) {
      regionCode = await findRegionCode(db, args.region);
      if (!regionCode)
        throw badInput(
          `Unknown region ${JSON.stringify(args.region)}: expected an English region code (E12000001..E12000009) or name such as "London".`,
          'region',
        );
    }
    const filter = { regionCode, includeAbolished: args.includeAbolished };
    const rows = await findCouncilsPage(db, filter, after ? String(after[0]) : null, first + 1);
    return toPage(
      rows,
      first,
      (row) => [row.code],
      LocalAuthority.fromRow,
      () => countCouncils(db, filter),
    );
  }

  @Query(() => LocalAuthority, { nullable: true, description: 'One council by ONS code (e.g. E06000001), including abolished ones; null when unknown.' })
  async localAuthority(
    @Arg('code', { description: 'ONS council code such as E06000001.' }) code: string,
    @Ctx() { loaders }: Context,
  ): Promise<LocalAuthority | null> {
    const row = await loaders.councilByCode.load(code.trim().toUpperCase());
    return row ? LocalAuthority.fromRow(row) : null;
  }

  @FieldResolver(() => [LocalAuthority], { description: "The council's ten statistical neighbours (Department for Education 2025 model), closest first." })
  async statisticalNeighbours(@Root() council: LocalAuthority, @Ctx() { loaders }: Context): Promise<LocalAuthority[]> {
    return (await loaders.statisticalNeighbours.load(council.code)).map(LocalAuthority.fromRow);
  }
}
