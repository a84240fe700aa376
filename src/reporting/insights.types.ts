import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Figure } from './figure.type';
import { InsightFlag } from './insights';

registerEnumType(InsightFlag, {
  name: 'InsightFlag',
  description:
    'What the insights suggest looking into (reports/METRICS.md "Insights"); raised only when every figure it is read from is published to the caller.',
  valuesConfig: {
    NO_LIST_FEW_REFERRALS: {
      description: "No waiting list, and referrals per 100 looked after under half of England's: the list may be empty because children are not referred.",
    },
    FEW_SOCIAL_WORKER_REFERRALS: { description: "The social workers' share of the referrals under half of England's." },
    LIST_GROWING: { description: 'The waiting list did not fall over the 6 months to the date.' },
    COVERAGE_FALLING: { description: 'The coverage rate fell by more than 0.5 percentage points in 12 months.' },
  },
});

@ObjectType({
  simpleResolvers: true,
  description: 'Insights at a reporting date (reports/METRICS.md "Insights"), disclosure-controlled like the figures they come from.',
})
export class Insights {
  @Field(() => Figure, { description: '100 × referrals received in the 12 months to the date / childrenLookedAfter, one decimal place.' })
  referralsPer100LookedAfter: Figure;

  @Field(() => Figure, { description: 'Percentage of those referrals made by a social worker, one decimal place; NOT_APPLICABLE when none were received.' })
  socialWorkerReferralShare: Figure;

  @Field(() => Figure, { description: 'coverageRate at the date less coverageRate at the month end 12 months earlier, in percentage points.' })
  coverageChange12Months: Figure;

  @Field(() => Figure, {
    description:
      'waiting / the mean monthly net fall of the list over the 6 months to the date, one decimal place; 0 when nobody waits; NOT_APPLICABLE when the list did not fall.',
  })
  monthsToClearWaitingList: Figure;

  @Field(() => [InsightFlag], { description: 'The flags raised.' })
  flags: InsightFlag[];
}
