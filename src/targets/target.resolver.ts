import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../auth/roles';
import type { Context } from '../graphql/context';
import { Service } from '../graphql/enums';
import { runMutation } from '../audit/mutation';
import { registerNodeType } from '../graphql/nodeRegistry';
import { badInput } from '../graphql/relay';
import { LocalDate } from '../graphql/scalars';
import { UserFacingError } from '../graphql/userErrors';
import { Figure, FigureStatus } from '../reporting/figure.type';
import { projectTarget, Projection } from './projection';
import { AreaSeries, findTarget, findTargets } from './target.queries';
import { removeTarget, setTarget, targetArea } from './target.service';
import { RemoveTargetInput, RemoveTargetPayload, SetTargetInput, SetTargetPayload, Target, TARGET_TYPE, TargetMetric } from './target.types';

registerNodeType(TARGET_TYPE, async (key, { db }) => {
  const row = await findTarget(db, key);
  return row ? Target.fromRow(row) : null;
});

type Evaluation = { current: Figure; projection: Projection | null };

const NOT_AVAILABLE: Figure = { value: null, status: FigureStatus.NOT_AVAILABLE };

/**
 * A target measured against its area's last month ends (reports/METRICS.md, "Targets"), for the
 * caller's audience. Disclosure-controlled callers get the published figures, and no projection
 * when any of the month ends behind it is withheld (SUPPRESSED or LOW): the line would carry the
 * hidden values. Otherwise their line runs through the published (rounded) values, so it says
 * nothing they could not work out from coverageTimeSeries or councilComparison.
 */
export function evaluateTarget(target: Pick<Target, 'metric' | 'value' | 'dueOn'>, series: AreaSeries): Evaluation {
  const figureOf = (index: number): Figure => {
    const figures = series.figures[index];
    if (!figures) return NOT_AVAILABLE;
    return target.metric === TargetMetric.COVERAGE_RATE ? figures.coverageRate : figures.childrenMatched;
  };
  const figures = series.monthEnds.map((_, index) => figureOf(index));
  if (figures.length === 0) return { current: NOT_AVAILABLE, projection: null };
  const current = figures[figures.length - 1];
  const withheld = figures.some((figure) => figure.status === FigureStatus.SUPPRESSED || figure.status === FigureStatus.LOW);
  if (series.audience === 'PUBLIC' && withheld) return { current, projection: null };
  const projection = projectTarget({
    values: figures.map((figure) => (figure.status === FigureStatus.OK ? figure.value : null)),
    latestMonthEnd: series.monthEnds[series.monthEnds.length - 1],
    value: target.value,
    dueOn: target.dueOn,
    scale: target.metric === TargetMetric.COVERAGE_RATE ? 10 : 1,
  });
  return { current, projection };
}

const evaluations = new WeakMap<Target, Promise<Evaluation>>();

function evaluation(target: Target, { loaders }: Context): Promise<Evaluation> {
  let result = evaluations.get(target);
  if (!result) {
    result = loaders.targetSeries.load(`${target.areaCode}|${target.service}`).then((series) => evaluateTarget(target, series));
    evaluations.set(target, result);
  }
  return result;
}

@Resolver(() => Target)
export class TargetResolver {
  @Query(() => [Target], {
    description:
      'Targets, England first, then regions and councils. Public: targets are public commitments; `current` and the projection follow the caller’s disclosure control. At most 10 per area.',
  })
  async targets(
    @Arg('areaCode', () => String, {
      nullable: true,
      description: 'Only this area: a current council, a region or England (E92000001). Unknown codes are an error.',
    })
    areaCode: string | null,
    @Arg('service', () => Service, { nullable: true, description: 'Only this service.' }) service: Service | null,
    @Ctx() { db }: Context,
  ): Promise<Target[]> {
    let code: string | null = null;
    if (areaCode !== null && areaCode !== undefined) {
      try {
        code = (await targetArea(db, 'areaCode', areaCode)).code;
      } catch (error) {
        if (error instanceof UserFacingError) throw badInput(error.message, 'areaCode');
        throw error;
      }
    }
    const found = await findTargets(db, code, service ?? null);
    return found.map(Target.fromRow);
  }

  @FieldResolver(() => Figure, {
    description: 'The metric at the latest month end in the reports (disclosure-controlled for researchers, providers and anonymous callers).',
  })
  async current(@Root() target: Target, @Ctx() context: Context): Promise<Figure> {
    return (await evaluation(target, context)).current;
  }

  @FieldResolver(() => LocalDate, {
    nullable: true,
    description:
      'The first month end on which the least-squares line through the last 12 month-end values reaches `value` (the latest month end when it already has). Null when the line never gets there, or there is too little to tell (fewer than two values; for disclosure-controlled callers, a withheld value among them).',
  })
  async projectedOn(@Root() target: Target, @Ctx() context: Context): Promise<string | null> {
    return (await evaluation(target, context)).projection?.projectedOn ?? null;
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description: '`projectedOn <= dueOn`; false when the line never reaches the value; null when there is too little to tell.',
  })
  async onTrack(@Root() target: Target, @Ctx() context: Context): Promise<boolean | null> {
    return (await evaluation(target, context)).projection?.onTrack ?? null;
  }

  @Mutation(() => SetTargetPayload, {
    description:
      'Set a target (ADMIN, NATIONAL_ANALYST; a COUNCIL_OFFICER for their own council). The same area, service, metric and dueOn again replaces its name and value.',
  })
  setTarget(@Arg('input', { description: 'What to change; see the input type.' }) input: SetTargetInput, @Ctx() context: Context): Promise<SetTargetPayload> {
    return runMutation(
      context,
      'setTarget',
      [Role.ADMIN, Role.NATIONAL_ANALYST, Role.COUNCIL_OFFICER],
      (manager) => setTarget(manager, context.principal, input),
      (row) => ({ target: Target.fromRow(row) }),
    );
  }

  @Mutation(() => RemoveTargetPayload, { description: "Remove a target (ADMIN, NATIONAL_ANALYST; a COUNCIL_OFFICER their own council's)." })
  removeTarget(
    @Arg('input', { description: 'What to change; see the input type.' }) input: RemoveTargetInput,
    @Ctx() context: Context,
  ): Promise<RemoveTargetPayload> {
    return runMutation(
      context,
      'removeTarget',
      [Role.ADMIN, Role.NATIONAL_ANALYST, Role.COUNCIL_OFFICER],
      (manager) => removeTarget(manager, context.principal, input),
      (row) => ({ target: Target.fromRow(row) }),
    );
  }
}
