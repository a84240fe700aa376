import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { LocalAuthority } from '../councils/localAuthority.type';
import type { Context } from '../graphql/context';
import { badInput } from '../graphql/relay';
import { Figure, figureFromOfficial } from './figure.type';

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

/** A council's official figures: fields of LocalAuthority resolved here, so that councils/ need not know reporting/. */
@Resolver(() => LocalAuthority)
export class LocalAuthorityFiguresResolver {
  @FieldResolver(() => Int, {
    nullable: true,
    description:
      'Official count of children looked after at 31 March of `year` (Department for Education). Null when not published, suppressed or not applicable: see `childrenLookedAfterFigure` for why.',
  })
  async childrenLookedAfter(
    @Root() council: LocalAuthority,
    @Arg('year', () => Int, { description: YEAR_DESCRIPTION }) year: number,
    @Ctx() { loaders }: Context,
  ): Promise<number | null> {
    return (await officialChildrenLookedAfter(loaders, council.code, year)).value;
  }

  @FieldResolver(() => Figure, {
    description: 'The official children-looked-after count at 31 March of `year`, with its status (SUPPRESSED for `c`, NOT_APPLICABLE for `z`).',
  })
  async childrenLookedAfterFigure(
    @Root() council: LocalAuthority,
    @Arg('year', () => Int, { description: YEAR_DESCRIPTION }) year: number,
    @Ctx() { loaders }: Context,
  ): Promise<Figure> {
    return officialChildrenLookedAfter(loaders, council.code, year);
  }
}
