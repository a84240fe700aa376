import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import { LocalAuthority } from '../councils/localAuthority.type';
import { Service } from '../graphql/enums';
import { MutationPayload } from '../graphql/userErrors';
import { Figure } from './figure.type';
import { Insights } from './insights.types';
import type { ActivityKey } from './activity';
import { LocalDate } from '../graphql/scalars';

@ObjectType({ simpleResolvers: true, description: 'Coverage and waiting-list figures at a reporting date (reports/METRICS.md gives each definition).' })
export class CoverageFigures {
  @Field(() => Figure, {
    description: 'Official count of children looked after at 31 March of the latest year on or before the date (Department for Education).',
  })
  childrenLookedAfter: Figure;

  @Field(() => Figure, { description: 'Distinct children with a match active on the date.' })
  childrenMatched: Figure;

  @Field(() => Figure, { description: '100 × childrenMatched / childrenLookedAfter, one decimal place.' })
  coverageRate: Figure;

  @Field(() => Figure, { description: 'Referrals accepted on or before the date and neither matched nor closed by it.' })
  waiting: Figure;

  @Field(() => Boolean, { nullable: true, description: 'True when anyone is waiting.' })
  hasWaitingList: boolean | null;

  @Field(() => Figure, { description: 'Median days waited so far by those waiting (lower median).' })
  medianWaitDays: Figure;

  @Field(() => Figure, { description: '90th percentile of days waited so far (nearest rank).' })
  p90WaitDays: Figure;

  @Field(() => Int, {
    nullable: true,
    description:
      'The year whose 31 March official count childrenLookedAfter and coverageRate use: the latest year held on or before the date (the earliest held before any), e.g. 2025 for a 2026 date before the 2026 figures are imported.',
  })
  childrenLookedAfterYear?: number | null;

  /** Which area, service and date these figures describe, read by the `activity` field (activity.resolver.ts); not published. */
  activityKey?: ActivityKey;
}

@ObjectType({
  simpleResolvers: true,
  description: "One metric's suppressed council cells in the disclosure-controlled table, and what an intruder could still deduce.",
})
export class DisclosureAuditMetric {
  @Field({
    description:
      'childrenMatched, waiting, volunteersAvailable, referrals12Months, socialWorkerReferrals12Months or otherReferrals12Months (the council counts protected).',
  })
  metric: string;

  @Field(() => Int, { description: 'Council counts suppressed for this metric (and, as a last resort, region or England counts).' })
  suppressed: number;

  // Which step withheld how many would tell an intruder that, say, every withheld cell of a
  // table is a count from 1 to 4: unsuppressed audiences only.
  @Field(() => Int, {
    nullable: true,
    description:
      'Of those, council counts from 1 to 4 (primary suppression). Null for disclosure-controlled audiences, to whom it would say which cells are small.',
  })
  suppressedPrimary: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Suppressed so that no region has exactly one suppressed council. Null for disclosure-controlled audiences.',
  })
  suppressedSecondary: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Suppressed because the intruder audit found a value too exposed. Null for disclosure-controlled audiences.',
  })
  suppressedByAudit: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'The fewest consecutive integers an intruder cannot rule out for any suppressed value; null when none is suppressed.',
  })
  narrowestRange: number | null;

  @Field(() => Int, { nullable: true, description: 'The smallest, over suppressed values, of the largest value an intruder cannot rule out.' })
  lowestUpperBound: number | null;

  @Field(() => Int, { description: 'Suppressed values still short of the requirement (0 when the table was published).' })
  unresolved: number;
}

@ObjectType({
  simpleResolvers: true,
  description: 'The intruder audit of the disclosure-controlled version of a comparison, run by the refresh before publication (reports/METRICS.md).',
})
export class DisclosureAudit {
  @Field({ description: 'True when every suppressed value meets the protection requirement.' })
  passed: boolean;

  @Field(() => Int, { description: 'The requirement: the values an intruder cannot rule out span at least this many consecutive integers...' })
  requiredRange: number;

  @Field(() => Int, { description: '...and include one at least this large.' })
  requiredUpperBound: number;

  @Field(() => [DisclosureAuditMetric], { description: 'One entry per protected metric.' })
  metrics: DisclosureAuditMetric[];
}

@ObjectType({
  simpleResolvers: true,
  description:
    'Volunteers able to take a child beside the children waiting (reports/models/45_rollup_council_pool.sql), disclosure-controlled like the coverage figures.',
})
export class VolunteerPool {
  @Field(() => Figure, {
    description:
      'Volunteers living in the area who could take a child on the date: APPROVED, DBS check valid, fewer open matches than their maximum, with a provider commissioned for the service.',
  })
  volunteersAvailable: Figure;

  @Field(() => Figure, { description: 'Children waiting on the date (the same figure as `waiting`).' })
  childrenWaiting: Figure;

  @Field(() => Figure, { description: 'volunteersAvailable / childrenWaiting, two decimal places; NOT_APPLICABLE when no child waits.' })
  volunteersPerWaitingChild: Figure;
}

@ObjectType({ simpleResolvers: true, description: "One council's figures in a comparison, with its place among councils." })
export class CouncilCoverage {
  @Field(() => LocalAuthority, { description: 'The council.' })
  localAuthority: LocalAuthority;

  @Field(() => Int, {
    nullable: true,
    description: 'Rank by coverage rate, 1 = highest; ties share the lower rank; null when the rate is missing or suppressed.',
  })
  rank: number | null;

  @Field(() => Int, { nullable: true, description: 'Quartile 1..4 from the rank, 1 = best.' })
  quartile: number | null;

  @Field(() => Figure, { description: "Median coverage rate of the council's ten statistical neighbours, ignoring missing rates." })
  statisticalNeighbourMedianRate: Figure;

  @Field(() => CoverageFigures, { description: 'The figures.' })
  figures: CoverageFigures;

  @Field(() => VolunteerPool, {
    nullable: true,
    description: 'The volunteer pool beside the waiting list; null until the reports have been refreshed with it.',
  })
  volunteerPool?: VolunteerPool | null;

  @Field(() => Insights, { description: "The council's insights, its flags read against England's." })
  insights: Insights;
}

@ObjectType({ simpleResolvers: true, description: "A region's figures: sums of its councils' counts, rates from the sums, waits pooled." })
export class RegionCoverage {
  @Field({ description: 'ONS region code (London is E12000007).' })
  regionCode: string;

  @Field({ description: 'Region name.' })
  regionName: string;

  @Field(() => CoverageFigures, { description: 'The figures.' })
  figures: CoverageFigures;

  @Field(() => VolunteerPool, {
    nullable: true,
    description: "The region's volunteer pool: sums over its councils, ratio from the sums; null until the reports have been refreshed with it.",
  })
  volunteerPool?: VolunteerPool | null;

  @Field(() => Insights, { description: "The region's insights from its sums, its flags read against England's." })
  insights: Insights;
}

@ObjectType({ simpleResolvers: true, description: 'Every council, region and England compared at one reporting date, read from the rollups.' })
export class CouncilComparison {
  @Field(() => LocalDate, { description: 'The reporting date (a month end).' })
  date: string;

  @Field(() => Service, { description: 'The service compared.' })
  service: Service;

  @Field({ description: 'True when disclosure control was applied (researchers and anonymous callers).' })
  disclosureControlled: boolean;

  @Field(() => CoverageFigures, { description: 'England: sums over councils, rates from the sums.' })
  england: CoverageFigures;

  @Field(() => Insights, { description: "England's insights, the reference of every council's and region's flags." })
  englandInsights: Insights;

  @Field(() => [RegionCoverage], { description: 'The nine English regions, by code.' })
  regions: RegionCoverage[];

  @Field(() => [CouncilCoverage], { description: 'Every current council, by ONS code.' })
  councils: CouncilCoverage[];

  @Field(() => DisclosureAudit, {
    nullable: true,
    description:
      'What the refresh audit found of the disclosure-controlled version of this table (the same for every audience); null before the first audited refresh.',
  })
  disclosureAudit: DisclosureAudit | null;

  @Field(() => Date, { nullable: true, description: 'When the figures were last refreshed.' })
  refreshedAt: Date | null;
}

@ObjectType({ simpleResolvers: true, description: "A council's figures at one month end." })
export class CoveragePoint {
  @Field(() => LocalDate, { description: 'The month end.' })
  date: string;

  @Field(() => CoverageFigures, { description: 'The figures.' })
  figures: CoverageFigures;

  @Field(() => Insights, { description: "The council's insights at the month end, its flags read against England's that month." })
  insights: Insights;
}

@ObjectType({ simpleResolvers: true, description: 'The latest refresh of one reporting model (or data test, named test:...).' })
export class RollupRun {
  @Field({ description: 'Model name, e.g. rollup_council_month.' })
  rollup: string;

  @Field(() => Date, { nullable: true, description: 'When its data was last refreshed successfully.' })
  refreshedAt: Date | null;

  @Field(() => Int, { nullable: true, description: 'How long the latest run took.' })
  durationMs: number | null;

  @Field(() => Float, { nullable: true, description: 'Rows built by the latest run (failing rows, for a data test).' })
  rows: number | null;

  @Field({ description: 'SUCCEEDED, UNCHANGED, FAILED, SKIPPED or RUNNING.' })
  status: string;

  @Field(() => String, { nullable: true, description: 'What went wrong in the latest run.' })
  error: string | null;
}

@InputType({ description: 'Which rollups to refresh.' })
export class RefreshReportsInput {
  @Field(() => [String], { nullable: true, description: 'Model names; all when omitted.' })
  rollups?: string[] | null;
}

@ObjectType({ simpleResolvers: true, implements: MutationPayload, description: 'Result of refreshReports.' })
export class RefreshReportsPayload extends MutationPayload {
  @Field(() => String, { nullable: true, description: 'SUCCEEDED, FAILED, or SKIPPED when another refresh was running.' })
  status: string | null;

  @Field(() => [RollupRun], { description: 'One entry per model and data test run.' })
  runs: RollupRun[];
}
