/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** The period a row’s activity covers, ending on or before its reporting date (reports/METRICS.md). */
export type ActivityPeriod =
  /** The calendar month ending on the reporting date. */
  | 'MONTH'
  /** The year 1 April to 31 March ending on the 31 March on or before the reporting date. Before the first such year the reports hold (to 31 March 2022), every figure is NOT_AVAILABLE and the period dates are null. */
  | 'YEAR_TO_31_MARCH';

/** Why an active match ended. */
export type EndReason =
  | 'CHILD_LEFT_CARE'
  | 'CHILD_OBJECTED'
  | 'COUNCIL_ENDED'
  | 'OTHER'
  | 'PLANNED_ENDING'
  | 'VOLUNTEER_RESIGNED';

/** Whether a published figure has a value, and if not, why not. */
export type FigureStatus =
  /** An England or region count that is not 0 but rounds to 0, or a rate or ratio computed from one (`low` in CSV). */
  | 'LOW'
  /** Does not apply, e.g. a council that did not exist that year (`z` in CSV). */
  | 'NOT_APPLICABLE'
  /** Not collected or not yet known (`x` in CSV). */
  | 'NOT_AVAILABLE'
  /** The value is given. */
  | 'OK'
  /** Withheld to protect confidentiality (`c` in CSV). */
  | 'SUPPRESSED';

/** What the insights suggest looking into (reports/METRICS.md "Insights"); raised only when every figure it is read from is published to the caller. */
export type InsightFlag =
  /** The coverage rate fell by more than 0.5 percentage points in 12 months. */
  | 'COVERAGE_FALLING'
  /** The social workers' share of the referrals under half of England's. */
  | 'FEW_SOCIAL_WORKER_REFERRALS'
  /** The waiting list did not fall over the 6 months to the date. */
  | 'LIST_GROWING'
  /** No waiting list, and referrals per 100 looked after under half of England's: the list may be empty because children are not referred. */
  | 'NO_LIST_FEW_REFERRALS';

/** Who made the referral. */
export type ReferralSource =
  | 'FOSTER_CARER'
  | 'INDEPENDENT_REVIEWING_OFFICER'
  | 'OTHER'
  | 'PERSONAL_ADVISER'
  | 'RESIDENTIAL_WORKER'
  | 'SELF'
  | 'SOCIAL_WORKER'
  | 'TEACHER';

/** What a signed-in caller is; it decides which records and figures they see. */
export type Role =
  /** Runs the service: providers, commissions, report refreshes, audit. */
  | 'ADMIN'
  /** Works for one council: its children, referrals and matches; every council's published aggregates. */
  | 'COUNCIL_OFFICER'
  /** All aggregates unsuppressed; no child-level record. */
  | 'NATIONAL_ANALYST'
  /** Works for one provider: its volunteers and matches, and referrals from councils that commission it. */
  | 'PROVIDER_COORDINATOR'
  /** Aggregates with statistical disclosure control only. */
  | 'RESEARCHER';

/** What a child is referred for and a provider is commissioned to deliver. */
export type Service =
  /** An independent visitor (Children Act 1989 s23ZB): a volunteer who visits, advises and befriends. */
  | 'INDEPENDENT_VISITOR'
  /** A volunteer mentor. */
  | 'MENTORING';

/** What a target measures, read from the reporting rollups at month ends (reports/METRICS.md). */
export type TargetMetric =
  /** `childrenMatched`: children with a match active on the date (the number of active relationships). */
  | 'ACTIVE_MATCHES'
  /** `coverageRate`: children matched per 100 children looked after, one decimal place. */
  | 'COVERAGE_RATE';

export type FigureFieldsFragment = { value: number | null, status: FigureStatus };

export type CoverageFieldsFragment = { childrenLookedAfterYear: number | null, hasWaitingList: boolean | null, childrenLookedAfter: { value: number | null, status: FigureStatus }, childrenMatched: { value: number | null, status: FigureStatus }, coverageRate: { value: number | null, status: FigureStatus }, waiting: { value: number | null, status: FigureStatus }, medianWaitDays: { value: number | null, status: FigureStatus }, p90WaitDays: { value: number | null, status: FigureStatus } };

export type PoolFieldsFragment = { childrenWaiting: { value: number | null, status: FigureStatus }, volunteersAvailable: { value: number | null, status: FigureStatus }, volunteersPerWaitingChild: { value: number | null, status: FigureStatus } };

export type InsightFieldsFragment = { flags: Array<InsightFlag>, referralsPer100LookedAfter: { value: number | null, status: FigureStatus }, socialWorkerReferralShare: { value: number | null, status: FigureStatus }, coverageChange12Months: { value: number | null, status: FigureStatus }, monthsToClearWaitingList: { value: number | null, status: FigureStatus } };

export type DashboardReportingDatesQueryVariables = Exact<{
  service: Service;
}>;


export type DashboardReportingDatesQuery = { reportingDates: { earliest: string, latest: string, latestYearEnd: string | null, monthEnds: Array<string>, refreshedAt: string | null } };

export type DashboardComparisonQueryVariables = Exact<{
  service: Service;
  date?: string | null | undefined;
}>;


export type DashboardComparisonQuery = { councilComparison: { date: string, service: Service, refreshedAt: string | null, disclosureControlled: boolean, england: { childrenLookedAfterYear: number | null, hasWaitingList: boolean | null, childrenLookedAfter: { value: number | null, status: FigureStatus }, childrenMatched: { value: number | null, status: FigureStatus }, coverageRate: { value: number | null, status: FigureStatus }, waiting: { value: number | null, status: FigureStatus }, medianWaitDays: { value: number | null, status: FigureStatus }, p90WaitDays: { value: number | null, status: FigureStatus } }, regions: Array<{ regionCode: string, regionName: string, figures: { childrenLookedAfterYear: number | null, hasWaitingList: boolean | null, childrenLookedAfter: { value: number | null, status: FigureStatus }, childrenMatched: { value: number | null, status: FigureStatus }, coverageRate: { value: number | null, status: FigureStatus }, waiting: { value: number | null, status: FigureStatus }, medianWaitDays: { value: number | null, status: FigureStatus }, p90WaitDays: { value: number | null, status: FigureStatus } }, volunteerPool: { childrenWaiting: { value: number | null, status: FigureStatus }, volunteersAvailable: { value: number | null, status: FigureStatus }, volunteersPerWaitingChild: { value: number | null, status: FigureStatus } } | null }>, councils: Array<{ rank: number | null, quartile: number | null, localAuthority: { code: string, name: string, regionCode: string, regionName: string }, statisticalNeighbourMedianRate: { value: number | null, status: FigureStatus }, figures: { childrenLookedAfterYear: number | null, hasWaitingList: boolean | null, childrenLookedAfter: { value: number | null, status: FigureStatus }, childrenMatched: { value: number | null, status: FigureStatus }, coverageRate: { value: number | null, status: FigureStatus }, waiting: { value: number | null, status: FigureStatus }, medianWaitDays: { value: number | null, status: FigureStatus }, p90WaitDays: { value: number | null, status: FigureStatus } }, volunteerPool: { childrenWaiting: { value: number | null, status: FigureStatus }, volunteersAvailable: { value: number | null, status: FigureStatus }, volunteersPerWaitingChild: { value: number | null, status: FigureStatus } } | null }> } };

export type DashboardInsightsQueryVariables = Exact<{
  service: Service;
  date?: string | null | undefined;
}>;


export type DashboardInsightsQuery = { councilComparison: { date: string, englandInsights: { flags: Array<InsightFlag>, referralsPer100LookedAfter: { value: number | null, status: FigureStatus }, socialWorkerReferralShare: { value: number | null, status: FigureStatus }, coverageChange12Months: { value: number | null, status: FigureStatus }, monthsToClearWaitingList: { value: number | null, status: FigureStatus } }, regions: Array<{ regionCode: string, insights: { flags: Array<InsightFlag>, referralsPer100LookedAfter: { value: number | null, status: FigureStatus }, socialWorkerReferralShare: { value: number | null, status: FigureStatus }, coverageChange12Months: { value: number | null, status: FigureStatus }, monthsToClearWaitingList: { value: number | null, status: FigureStatus } } }>, councils: Array<{ localAuthority: { code: string }, insights: { flags: Array<InsightFlag>, referralsPer100LookedAfter: { value: number | null, status: FigureStatus }, socialWorkerReferralShare: { value: number | null, status: FigureStatus }, coverageChange12Months: { value: number | null, status: FigureStatus }, monthsToClearWaitingList: { value: number | null, status: FigureStatus } } }> } };

export type DashboardTargetsQueryVariables = Exact<{
  areaCode?: string | null | undefined;
  service?: Service | null | undefined;
}>;


export type DashboardTargetsQuery = { targets: Array<{ id: string, name: string, areaCode: string, service: Service, metric: TargetMetric, value: number, dueOn: string, projectedOn: string | null, onTrack: boolean | null, current: { value: number | null, status: FigureStatus } }> };

export type DashboardCouncilQueryVariables = Exact<{
  code: string;
}>;


export type DashboardCouncilQuery = { localAuthority: { code: string, name: string, regionCode: string, regionName: string, isCurrent: boolean, statisticalNeighbours: Array<{ code: string, name: string }> } | null };

export type DashboardSeriesQueryVariables = Exact<{
  areaCode: string;
  service: Service;
  to?: string | null | undefined;
}>;


export type DashboardSeriesQuery = { areaTimeSeries: Array<{ date: string, rank: number | null, figures: { childrenLookedAfter: { value: number | null, status: FigureStatus }, childrenMatched: { value: number | null, status: FigureStatus }, coverageRate: { value: number | null, status: FigureStatus }, waiting: { value: number | null, status: FigureStatus } } }> };

export type DashboardViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardViewerQuery = { viewer: { role: Role, userId: string, localAuthority: { code: string, name: string } | null } | null };

export type DashboardActivitySeriesQueryVariables = Exact<{
  areaCode: string;
  service: Service;
  to?: string | null | undefined;
}>;


export type DashboardActivitySeriesQuery = { areaTimeSeries: Array<{ date: string, activity: { referralsReceived: { value: number | null, status: FigureStatus }, matchesStarted: { value: number | null, status: FigureStatus }, matchesEnded: { value: number | null, status: FigureStatus }, medianDaysToMatch: { value: number | null, status: FigureStatus } } }> };

export type DashboardActivitySourcesQueryVariables = Exact<{
  areaCode: string;
  service: Service;
  date: string;
  period: ActivityPeriod;
}>;


export type DashboardActivitySourcesQuery = { areaTimeSeries: Array<{ date: string, activity: { referralsBySource: Array<{ source: ReferralSource, figure: { value: number | null, status: FigureStatus } }> } }> };

export type DashboardActivityFiguresQueryVariables = Exact<{
  areaCode: string;
  service: Service;
  date: string;
  period: ActivityPeriod;
}>;


export type DashboardActivityFiguresQuery = { areaTimeSeries: Array<{ date: string, activity: { periodStart: string | null, periodEnd: string | null, referralsReceived: { value: number | null, status: FigureStatus }, medianDaysToMatch: { value: number | null, status: FigureStatus }, matchesStarted: { value: number | null, status: FigureStatus }, matchesEnded: { value: number | null, status: FigureStatus }, endingsByReason: Array<{ reason: EndReason, figure: { value: number | null, status: FigureStatus } }>, sustainedRate: { value: number | null, status: FigureStatus }, volunteersApproved: { value: number | null, status: FigureStatus } } }> };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const FigureFieldsFragmentDoc = new TypedDocumentString(`
    fragment FigureFields on Figure {
  value
  status
}
    `, {"fragmentName":"FigureFields"}) as unknown as TypedDocumentString<FigureFieldsFragment, unknown>;
export const CoverageFieldsFragmentDoc = new TypedDocumentString(`
    fragment CoverageFields on CoverageFigures {
  childrenLookedAfter {
    ...FigureFields
  }
  childrenLookedAfterYear
  childrenMatched {
    ...FigureFields
  }
  coverageRate {
    ...FigureFields
  }
  waiting {
    ...FigureFields
  }
  hasWaitingList
  medianWaitDays {
    ...FigureFields
  }
  p90WaitDays {
    ...FigureFields
  }
}
    fragment FigureFields on Figure {
  value
  status
}`, {"fragmentName":"CoverageFields"}) as unknown as TypedDocumentString<CoverageFieldsFragment, unknown>;
export const PoolFieldsFragmentDoc = new TypedDocumentString(`
    fragment PoolFields on VolunteerPool {
  childrenWaiting {
    ...FigureFields
  }
  volunteersAvailable {
    ...FigureFields
  }
  volunteersPerWaitingChild {
    ...FigureFields
  }
}
    fragment FigureFields on Figure {
  value
  status
}`, {"fragmentName":"PoolFields"}) as unknown as TypedDocumentString<PoolFieldsFragment, unknown>;
export const InsightFieldsFragmentDoc = new TypedDocumentString(`
    fragment InsightFields on Insights {
  referralsPer100LookedAfter {
    ...FigureFields
  }
  socialWorkerReferralShare {
    ...FigureFields
  }
  coverageChange12Months {
    ...FigureFields
  }
  monthsToClearWaitingList {
    ...FigureFields
  }
  flags
}
    fragment FigureFields on Figure {
  value
  status
}`, {"fragmentName":"InsightFields"}) as unknown as TypedDocumentString<InsightFieldsFragment, unknown>;
export const DashboardReportingDatesDocument = new TypedDocumentString(`
    query DashboardReportingDates($service: Service!) {
  reportingDates(service: $service) {
    earliest
    latest
    latestYearEnd
    monthEnds
    refreshedAt
  }
}
    `) as unknown as TypedDocumentString<DashboardReportingDatesQuery, DashboardReportingDatesQueryVariables>;
export const DashboardComparisonDocument = new TypedDocumentString(`
    query DashboardComparison($service: Service!, $date: LocalDate) {
  councilComparison(service: $service, date: $date) {
    date
    service
    refreshedAt
    disclosureControlled
    england {
      ...CoverageFields
    }
    regions {
      regionCode
      regionName
      figures {
        ...CoverageFields
      }
      volunteerPool {
        ...PoolFields
      }
    }
    councils {
      localAuthority {
        code
        name
        regionCode
        regionName
      }
      rank
      quartile
      statisticalNeighbourMedianRate {
        ...FigureFields
      }
      figures {
        ...CoverageFields
      }
      volunteerPool {
        ...PoolFields
      }
    }
  }
}
    fragment FigureFields on Figure {
  value
  status
}
fragment CoverageFields on CoverageFigures {
  childrenLookedAfter {
    ...FigureFields
  }
  childrenLookedAfterYear
  childrenMatched {
    ...FigureFields
  }
  coverageRate {
    ...FigureFields
  }
  waiting {
    ...FigureFields
  }
  hasWaitingList
  medianWaitDays {
    ...FigureFields
  }
  p90WaitDays {
    ...FigureFields
  }
}
fragment PoolFields on VolunteerPool {
  childrenWaiting {
    ...FigureFields
  }
  volunteersAvailable {
    ...FigureFields
  }
  volunteersPerWaitingChild {
    ...FigureFields
  }
}`) as unknown as TypedDocumentString<DashboardComparisonQuery, DashboardComparisonQueryVariables>;
export const DashboardInsightsDocument = new TypedDocumentString(`
    query DashboardInsights($service: Service!, $date: LocalDate) {
  councilComparison(service: $service, date: $date) {
    date
    englandInsights {
      ...InsightFields
    }
    regions {
      regionCode
      insights {
        ...InsightFields
      }
    }
    councils {
      localAuthority {
        code
      }
      insights {
        ...InsightFields
      }
    }
  }
}
    fragment FigureFields on Figure {
  value
  status
}
fragment InsightFields on Insights {
  referralsPer100LookedAfter {
    ...FigureFields
  }
  socialWorkerReferralShare {
    ...FigureFields
  }
  coverageChange12Months {
    ...FigureFields
  }
  monthsToClearWaitingList {
    ...FigureFields
  }
  flags
}`) as unknown as TypedDocumentString<DashboardInsightsQuery, DashboardInsightsQueryVariables>;
export const DashboardTargetsDocument = new TypedDocumentString(`
    query DashboardTargets($areaCode: String, $service: Service) {
  targets(areaCode: $areaCode, service: $service) {
    id
    name
    areaCode
    service
    metric
    value
    dueOn
    current {
      ...FigureFields
    }
    projectedOn
    onTrack
  }
}
    fragment FigureFields on Figure {
  value
  status
}`) as unknown as TypedDocumentString<DashboardTargetsQuery, DashboardTargetsQueryVariables>;
export const DashboardCouncilDocument = new TypedDocumentString(`
    query DashboardCouncil($code: String!) {
  localAuthority(code: $code) {
    code
    name
    regionCode
    regionName
    isCurrent
    statisticalNeighbours {
      code
      name
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardCouncilQuery, DashboardCouncilQueryVariables>;
export const DashboardSeriesDocument = new TypedDocumentString(`
    query DashboardSeries($areaCode: String!, $service: Service!, $to: LocalDate) {
  areaTimeSeries(areaCode: $areaCode, service: $service, to: $to) {
    date
    rank
    figures {
      childrenLookedAfter {
        ...FigureFields
      }
      childrenMatched {
        ...FigureFields
      }
      coverageRate {
        ...FigureFields
      }
      waiting {
        ...FigureFields
      }
    }
  }
}
    fragment FigureFields on Figure {
  value
  status
}`) as unknown as TypedDocumentString<DashboardSeriesQuery, DashboardSeriesQueryVariables>;
export const DashboardViewerDocument = new TypedDocumentString(`
    query DashboardViewer {
  viewer {
    role
    userId
    localAuthority {
      code
      name
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardViewerQuery, DashboardViewerQueryVariables>;
export const DashboardActivitySeriesDocument = new TypedDocumentString(`
    query DashboardActivitySeries($areaCode: String!, $service: Service!, $to: LocalDate) {
  areaTimeSeries(areaCode: $areaCode, service: $service, to: $to) {
    date
    activity(period: MONTH) {
      referralsReceived {
        ...FigureFields
      }
      matchesStarted {
        ...FigureFields
      }
      matchesEnded {
        ...FigureFields
      }
      medianDaysToMatch {
        ...FigureFields
      }
    }
  }
}
    fragment FigureFields on Figure {
  value
  status
}`) as unknown as TypedDocumentString<DashboardActivitySeriesQuery, DashboardActivitySeriesQueryVariables>;
export const DashboardActivitySourcesDocument = new TypedDocumentString(`
    query DashboardActivitySources($areaCode: String!, $service: Service!, $date: LocalDate!, $period: ActivityPeriod!) {
  areaTimeSeries(areaCode: $areaCode, service: $service, from: $date, to: $date) {
    date
    activity(period: $period) {
      referralsBySource {
        source
        figure {
          ...FigureFields
        }
      }
    }
  }
}
    fragment FigureFields on Figure {
  value
  status
}`) as unknown as TypedDocumentString<DashboardActivitySourcesQuery, DashboardActivitySourcesQueryVariables>;
export const DashboardActivityFiguresDocument = new TypedDocumentString(`
    query DashboardActivityFigures($areaCode: String!, $service: Service!, $date: LocalDate!, $period: ActivityPeriod!) {
  areaTimeSeries(areaCode: $areaCode, service: $service, from: $date, to: $date) {
    date
    activity(period: $period) {
      periodStart
      periodEnd
      referralsReceived {
        ...FigureFields
      }
      medianDaysToMatch {
        ...FigureFields
      }
      matchesStarted {
        ...FigureFields
      }
      matchesEnded {
        ...FigureFields
      }
      endingsByReason {
        reason
        figure {
          ...FigureFields
        }
      }
      sustainedRate {
        ...FigureFields
      }
      volunteersApproved {
        ...FigureFields
      }
    }
  }
}
    fragment FigureFields on Figure {
  value
  status
}`) as unknown as TypedDocumentString<DashboardActivityFiguresQuery, DashboardActivityFiguresQueryVariables>;