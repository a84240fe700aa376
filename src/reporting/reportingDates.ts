import { Arg, Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../graphql/context';
import { Service } from '../graphql/enums';
import { badInput } from '../graphql/relay';
import { LocalDate } from '../graphql/scalars';
import { readLatestMonthEnd, readReportingDates } from './series.queries';

@ObjectType({ simpleResolvers: true, description: 'The reporting dates the published figures cover, so a dashboard never has to guess a date.' })
export class ReportingDates {
  @Field(() => LocalDate, { description: 'The first month end with figures.' })
  earliest: string;

  @Field(() => LocalDate, { description: 'The latest month end with figures: what councilComparison gives without a date.' })
  latest: string;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'The latest 31 March with figures (the end of the latest complete reporting year); null when none yet.',
  })
  latestYearEnd: string | null;

  @Field(() => [LocalDate], { description: 'Every month end with figures, oldest first.' })
  monthEnds: string[];

  @Field(() => Date, { nullable: true, description: 'When the figures were last refreshed.' })
  refreshedAt: Date | null;
}

const NOT_REFRESHED = 'No reporting dates yet: the reports have not been refreshed.';

/** The dates of `monthEnds` (oldest first) as ReportingDates; an error when there are none. */
export function reportingDatesOf(monthEnds: string[], refreshedAt: Date | null): ReportingDates {
  if (monthEnds.length === 0) throw badInput(NOT_REFRESHED);
  const yearEnds = monthEnds.filter((date) => date.endsWith('-03-31'));
  return { earliest: monthEnds[0], latest: monthEnds[monthEnds.length - 1], latestYearEnd: yearEnds[yearEnds.length - 1] ?? null, monthEnds, refreshedAt };
}

/** The latest month end with figures for a service: the date a comparison or series takes when none is given. */
export async function latestMonthEnd(db: Context['db'], service: Service): Promise<string> {
  const latest = await readLatestMonthEnd(db, service);
  if (latest === null) throw badInput(NOT_REFRESHED, 'date');
  return latest;
}

@Resolver()
export class ReportingDatesResolver {
  @Query(() => ReportingDates, {
    description:
      'The month ends the published figures cover (for one service, or either when omitted), the latest 31 March among them, and when they were refreshed. Public.',
  })
  async reportingDates(
    @Arg('service', () => Service, { nullable: true, description: 'The service; either when omitted (both are refreshed together).' }) service: Service | null,
    @Ctx() { db }: Context,
  ): Promise<ReportingDates> {
    const { monthEnds, refreshedAt } = await readReportingDates(db, service ?? null);
    return reportingDatesOf(monthEnds, refreshedAt);
  }
}
