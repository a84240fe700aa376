import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../graphql/context';
import { EndReason } from '../matches/match.types';
import { ReferralSource } from '../referrals/referral.types';
import type { ActivityKey, AreaActivity } from './activity';
import { END_REASONS, periodEndOf, REFERRAL_SOURCES, unavailableActivity } from './activity';
import { ActivityPeriod, PeriodActivity } from './activity.types';
import { AreaPoint } from './areaSeries';
import { CouncilCoverage, CoverageFigures, RegionCoverage } from './coverage.types';

/**
 * `activity(period:)` on every row that has figures at a reporting date: a council, a region or
 * England in councilComparison, and a point of areaTimeSeries or coverageTimeSeries. Each row's
 * figures carry which area, service and date they describe (`activityKey`); the field asks the
 * request's activityTable loader for that table, so a whole comparison or series costs one
 * statement however many rows ask.
 */

const PERIOD_TYPE = { [ActivityPeriod.MONTH]: 'month', [ActivityPeriod.YEAR_TO_31_MARCH]: 'year' } as const;

const periodArg = () =>
  Arg('period', () => ActivityPeriod, { defaultValue: ActivityPeriod.MONTH, description: 'The period: the month (default) or the year to 31 March.' });

const DESCRIPTION =
  'The period metrics (referrals, days to match, matches started and ended, sustained rate, volunteers approved) for the period ending on or before this date, disclosure-controlled like the figures.';

function toGraphql(area: AreaActivity): PeriodActivity {
  return {
    periodStart: area.periodStart,
    periodEnd: area.periodEnd,
    referralsReceived: area.referralsReceived,
    referralsBySource: REFERRAL_SOURCES.map((source) => ({ source: source as ReferralSource, figure: area.referralsBySource[source] })),
    medianDaysToMatch: area.medianDaysToMatch,
    matchesStarted: area.matchesStarted,
    matchesEnded: area.matchesEnded,
    endingsByReason: END_REASONS.map((reason) => ({ reason: reason as EndReason, figure: area.endingsByReason[reason] })),
    sustainedRate: area.sustainedRate,
    volunteersApproved: area.volunteersApproved,
  };
}

/** One area's activity for a period, through the request's loader. */
export async function periodActivity({ loaders }: Pick<Context, 'loaders'>, key: ActivityKey | undefined, period: ActivityPeriod): Promise<PeriodActivity> {
  // Every figures object the API builds carries its key; one without it is a bug to surface, not a silent blank.
  if (!key) throw new Error('activity: these figures do not say which area and date they describe');
  const periodType = PERIOD_TYPE[period];
  const periodEnd = periodEndOf(periodType, key.date);
  const table = await loaders.activityTable.load({ service: key.service, periodType, periodEnd });
  const area = table && (table.england?.code === key.areaCode ? table.england : [...table.councils, ...table.regions].find((row) => row.code === key.areaCode));
  if (!area) return toGraphql(unavailableActivity(key.areaCode));
  // Before the area's service began its counts are not 0 but not yet collected, as its figures say.
  if (key.beforeService) return toGraphql(unavailableActivity(key.areaCode, area.periodStart, area.periodEnd));
  return toGraphql(area);
}

@Resolver(() => CouncilCoverage)
export class CouncilActivityResolver {
  @FieldResolver(() => PeriodActivity, { description: DESCRIPTION })
  activity(@Root() row: CouncilCoverage, @periodArg() period: ActivityPeriod, @Ctx() context: Context): Promise<PeriodActivity> {
    return periodActivity(context, row.figures.activityKey, period);
  }
}

@Resolver(() => RegionCoverage)
export class RegionActivityResolver {
  @FieldResolver(() => PeriodActivity, { description: DESCRIPTION })
  activity(@Root() row: RegionCoverage, @periodArg() period: ActivityPeriod, @Ctx() context: Context): Promise<PeriodActivity> {
    return periodActivity(context, row.figures.activityKey, period);
  }
}

@Resolver(() => AreaPoint)
export class AreaPointActivityResolver {
  @FieldResolver(() => PeriodActivity, { description: DESCRIPTION })
  activity(@Root() point: AreaPoint, @periodArg() period: ActivityPeriod, @Ctx() context: Context): Promise<PeriodActivity> {
    return periodActivity(context, (point.figures as CoverageFigures).activityKey, period);
  }
}

@Resolver(() => CoverageFigures)
export class FiguresActivityResolver {
  @FieldResolver(() => PeriodActivity, {
    description: `${DESCRIPTION} Here so that councilComparison's england (a CoverageFigures) has it; on councils, regions and points it equals their own activity.`,
  })
  activity(@Root() figures: CoverageFigures, @periodArg() period: ActivityPeriod, @Ctx() context: Context): Promise<PeriodActivity> {
    return periodActivity(context, figures.activityKey, period);
  }
}

export const activityResolvers = [CouncilActivityResolver, RegionActivityResolver, AreaPointActivityResolver, FiguresActivityResolver] as const;
