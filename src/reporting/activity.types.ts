import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDate } from '../graphql/scalars';
import { EndReason } from '../matches/match.types';
import { ReferralSource } from '../referrals/referral.types';
import { Figure } from './figure.type';

export enum ActivityPeriod {
  MONTH = 'MONTH',
  YEAR_TO_31_MARCH = 'YEAR_TO_31_MARCH',
}

registerEnumType(ActivityPeriod, {
  name: 'ActivityPeriod',
  description: 'The period a row’s activity covers, ending on or before its reporting date (reports/METRICS.md).',
  valuesConfig: {
    MONTH: { description: 'The calendar month ending on the reporting date.' },
    YEAR_TO_31_MARCH: {
      description:
        'The year 1 April to 31 March ending on the 31 March on or before the reporting date. Before the first such year the reports hold (to 31 March 2022), every figure is NOT_AVAILABLE and the period dates are null.',
    },
  },
});

@ObjectType({ simpleResolvers: true, description: 'Referrals received in the period from one source.' })
export class SourceFigure {
  @Field(() => ReferralSource, { description: 'Who made the referrals.' })
  source: ReferralSource;

  @Field(() => Figure, { description: 'How many, disclosure-controlled like the total.' })
  figure: Figure;
}

@ObjectType({ simpleResolvers: true, description: 'Matches ended in the period for one reason.' })
export class EndReasonFigure {
  @Field(() => EndReason, { description: 'Why the matches ended.' })
  reason: EndReason;

  @Field(() => Figure, { description: 'How many, disclosure-controlled like the total.' })
  figure: Figure;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'The period metrics of reports/METRICS.md for one area and service. Regions and England sum their current councils; their median is over the pooled referrals and their rate from the summed counts. Disclosure-controlled audiences get counts of 1 to 4 withheld (and enough others that none can be worked out, breakdowns included) and region and England counts rounded to 10.',
})
export class PeriodActivity {
  @Field(() => LocalDate, { nullable: true, description: 'First day of the period; null when the reports hold no such period.' })
  periodStart: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Last day of the period; null when the reports hold no such period.' })
  periodEnd: string | null;

  @Field(() => Figure, { description: 'Referrals with referredOn in the period.' })
  referralsReceived: Figure;

  @Field(() => [SourceFigure], { description: 'referralsReceived by source: every source, in the order of ReferralSource; they add up to the total.' })
  referralsBySource: SourceFigure[];

  @Field(() => Figure, {
    description: 'Median (lower) of days from acceptance to the first match starting, over referrals matched in the period; NOT_APPLICABLE when none.',
  })
  medianDaysToMatch: Figure;

  @Field(() => Figure, { description: 'Matches with startedOn in the period.' })
  matchesStarted: Figure;

  @Field(() => Figure, { description: 'Matches with endedOn in the period.' })
  matchesEnded: Figure;

  @Field(() => [EndReasonFigure], { description: 'matchesEnded by reason: every reason, in the order of EndReason; they add up to the total.' })
  endingsByReason: EndReasonFigure[];

  @Field(() => Figure, {
    description:
      'Of matches that started at least 365 days before the period end, the percentage still active 365 days after they started, one decimal; NOT_APPLICABLE when there are none.',
  })
  sustainedRate: Figure;

  @Field(() => Figure, {
    description:
      'Volunteers living in the area, APPROVED at the period end with a DBS check that had not expired, with a provider commissioned for the service.',
  })
  volunteersApproved: Figure;
}
