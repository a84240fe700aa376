import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../graphql/context';
import { badInput, ConnectionArgs, connectionTypes, decodeCursor, Page, pageSize, toPage } from '../graphql/relay';
import { Figure, figureFromOfficial } from '../reporting/figure.type';
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

const YEAR_DESCRIPTION = 'Reporting year: the count is at 31 March of this year.';

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 1990 || year > 2100) throw badInput(`\`year\` must be a four-digit year such as 2025; got ${year}.`, 'year');
}

/** The official count at 31 March of `year`, with its status; a year with no release is not available. */
async function officialChildrenLookedAfter(loaders: Context['loaders'], councilCode: string, year: number): Promise<Figure> {
  checkYear(year);
  const official = await loaders.childrenLookedAfter.load(`${councilCode}|${year}`);
  return official ? figureFromOfficial(official.value, official.symbol) : figureFromOfficial(null, 'x');
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
      if (!regionCode) throw badInput(`Unknown region ${JSON.stringify(args.region)}: expected an English region code (E12000001..E12000009) or name such as "London".`, 'region');
    }
    const filter = { regionCode, includeAbolished: args.includeAbolished };
    const rows = await findCouncilsPage(db, filter, after ? String(after[0]) : null, first + 1);
    return toPage(rows, first, (row) => [row.code], LocalAuthority.fromRow, () => countCouncils(db, filter));
  }

  @Query(() => LocalAuthority, { nullable: true, description: 'One council by ONS code (e.g. E06000001), including abolished ones; null when unknown.' })
  async localAuthority(@Arg('code', { description: 'ONS council code such as E06000001.' }) code: string, @Ctx() { loaders }: Context): Promise<LocalAuthority | null> {
    const row = await loaders.councilByCode.load(code.trim().toUpperCase());
    return row ? LocalAuthority.fromRow(row) : null;
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: 'Official count of children looked after at 31 March of `year` (Department for Education). Null when not published, suppressed or not applicable: see `childrenLookedAfterFigure` for why.',
  })
  async childrenLookedAfter(@Root() council: LocalAuthority, @Arg('year', () => Int, { description: YEAR_DESCRIPTION }) year: number, @Ctx() { loaders }: Context): Promise<number | null> {
    return (await officialChildrenLookedAfter(loaders, council.code, year)).value;
  }

  @FieldResolver(() => Figure, { description: 'The official children-looked-after count at 31 March of `year`, with its status (SUPPRESSED for `c`, NOT_APPLICABLE for `z`).' })
  async childrenLookedAfterFigure(@Root() council: LocalAuthority, @Arg('year', () => Int, { description: YEAR_DESCRIPTION }) year: number, @Ctx() { loaders }: Context): Promise<Figure> {
    return officialChildrenLookedAfter(loaders, council.code, year);
  }

  @FieldResolver(() => [LocalAuthority], { description: "The council's ten statistical neighbours (Department for Education 2025 model), closest first." })
  async statisticalNeighbours(@Root() council: LocalAuthority, @Ctx() { loaders }: Context): Promise<LocalAuthority[]> {
    return (await loaders.statisticalNeighbours.load(council.code)).map(LocalAuthority.fromRow);
  }
}
