/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment FigureFields on Figure {\n    value\n    status\n  }\n": typeof types.FigureFieldsFragmentDoc,
    "\n  fragment CoverageFields on CoverageFigures {\n    childrenLookedAfter {\n      ...FigureFields\n    }\n    childrenLookedAfterYear\n    childrenMatched {\n      ...FigureFields\n    }\n    coverageRate {\n      ...FigureFields\n    }\n    waiting {\n      ...FigureFields\n    }\n    hasWaitingList\n    medianWaitDays {\n      ...FigureFields\n    }\n    p90WaitDays {\n      ...FigureFields\n    }\n  }\n": typeof types.CoverageFieldsFragmentDoc,
    "\n  fragment PoolFields on VolunteerPool {\n    childrenWaiting {\n      ...FigureFields\n    }\n    volunteersAvailable {\n      ...FigureFields\n    }\n    volunteersPerWaitingChild {\n      ...FigureFields\n    }\n  }\n": typeof types.PoolFieldsFragmentDoc,
    "\n  fragment InsightFields on Insights {\n    referralsPer100LookedAfter {\n      ...FigureFields\n    }\n    socialWorkerReferralShare {\n      ...FigureFields\n    }\n    coverageChange12Months {\n      ...FigureFields\n    }\n    monthsToClearWaitingList {\n      ...FigureFields\n    }\n    flags\n  }\n": typeof types.InsightFieldsFragmentDoc,
    "\n  query DashboardReportingDates($service: Service!) {\n    reportingDates(service: $service) {\n      earliest\n      latest\n      latestYearEnd\n      monthEnds\n      refreshedAt\n    }\n  }\n": typeof types.DashboardReportingDatesDocument,
    "\n  query DashboardComparison($service: Service!, $date: LocalDate) {\n    councilComparison(service: $service, date: $date) {\n      date\n      service\n      refreshedAt\n      disclosureControlled\n      england {\n        ...CoverageFields\n      }\n      regions {\n        regionCode\n        regionName\n        figures {\n          ...CoverageFields\n        }\n        volunteerPool {\n          ...PoolFields\n        }\n      }\n      councils {\n        localAuthority {\n          code\n          name\n          regionCode\n          regionName\n        }\n        rank\n        quartile\n        statisticalNeighbourMedianRate {\n          ...FigureFields\n        }\n        figures {\n          ...CoverageFields\n        }\n        volunteerPool {\n          ...PoolFields\n        }\n      }\n    }\n  }\n": typeof types.DashboardComparisonDocument,
    "\n  query DashboardInsights($service: Service!, $date: LocalDate) {\n    councilComparison(service: $service, date: $date) {\n      date\n      englandInsights {\n        ...InsightFields\n      }\n      regions {\n        regionCode\n        insights {\n          ...InsightFields\n        }\n      }\n      councils {\n        localAuthority {\n          code\n        }\n        insights {\n          ...InsightFields\n        }\n      }\n    }\n  }\n": typeof types.DashboardInsightsDocument,
    "\n  query DashboardTargets($areaCode: String, $service: Service) {\n    targets(areaCode: $areaCode, service: $service) {\n      id\n      name\n      areaCode\n      service\n      metric\n      value\n      dueOn\n      current {\n        ...FigureFields\n      }\n      projectedOn\n      onTrack\n    }\n  }\n": typeof types.DashboardTargetsDocument,
    "\n  query DashboardCouncil($code: String!) {\n    localAuthority(code: $code) {\n      code\n      name\n      regionCode\n      regionName\n      isCurrent\n      statisticalNeighbours {\n        code\n        name\n      }\n    }\n  }\n": typeof types.DashboardCouncilDocument,
    "\n  query DashboardSeries($areaCode: String!, $service: Service!, $to: LocalDate) {\n    areaTimeSeries(areaCode: $areaCode, service: $service, to: $to) {\n      date\n      rank\n      figures {\n        childrenLookedAfter {\n          ...FigureFields\n        }\n        childrenMatched {\n          ...FigureFields\n        }\n        coverageRate {\n          ...FigureFields\n        }\n        waiting {\n          ...FigureFields\n        }\n      }\n    }\n  }\n": typeof types.DashboardSeriesDocument,
    "\n  query DashboardViewer {\n    viewer {\n      role\n      userId\n      localAuthority {\n        code\n        name\n      }\n    }\n  }\n": typeof types.DashboardViewerDocument,
    "\n  query DashboardActivitySeries($areaCode: String!, $service: Service!, $to: LocalDate) {\n    areaTimeSeries(areaCode: $areaCode, service: $service, to: $to) {\n      date\n      activity(period: MONTH) {\n        referralsReceived {\n          ...FigureFields\n        }\n        matchesStarted {\n          ...FigureFields\n        }\n        matchesEnded {\n          ...FigureFields\n        }\n        medianDaysToMatch {\n          ...FigureFields\n        }\n      }\n    }\n  }\n": typeof types.DashboardActivitySeriesDocument,
    "\n  query DashboardActivitySources($areaCode: String!, $service: Service!, $date: LocalDate!, $period: ActivityPeriod!) {\n    areaTimeSeries(areaCode: $areaCode, service: $service, from: $date, to: $date) {\n      date\n      activity(period: $period) {\n        referralsBySource {\n          source\n          figure {\n            ...FigureFields\n          }\n        }\n      }\n    }\n  }\n": typeof types.DashboardActivitySourcesDocument,
    "\n  query DashboardActivityFigures($areaCode: String!, $service: Service!, $date: LocalDate!, $period: ActivityPeriod!) {\n    areaTimeSeries(areaCode: $areaCode, service: $service, from: $date, to: $date) {\n      date\n      activity(period: $period) {\n        periodStart\n        periodEnd\n        referralsReceived {\n          ...FigureFields\n        }\n        medianDaysToMatch {\n          ...FigureFields\n        }\n        matchesStarted {\n          ...FigureFields\n        }\n        matchesEnded {\n          ...FigureFields\n        }\n        endingsByReason {\n          reason\n          figure {\n            ...FigureFields\n          }\n        }\n        sustainedRate {\n          ...FigureFields\n        }\n        volunteersApproved {\n          ...FigureFields\n        }\n      }\n    }\n  }\n": typeof types.DashboardActivityFiguresDocument,
};
const documents: Documents = {
    "\n  fragment FigureFields on Figure {\n    value\n    status\n  }\n": types.FigureFieldsFragmentDoc,
    "\n  fragment CoverageFields on CoverageFigures {\n    childrenLookedAfter {\n      ...FigureFields\n    }\n    childrenLookedAfterYear\n    childrenMatched {\n      ...FigureFields\n    }\n    coverageRate {\n      ...FigureFields\n    }\n    waiting {\n      ...FigureFields\n    }\n    hasWaitingList\n    medianWaitDays {\n      ...FigureFields\n    }\n    p90WaitDays {\n      ...FigureFields\n    }\n  }\n": types.CoverageFieldsFragmentDoc,
    "\n  fragment PoolFields on VolunteerPool {\n    childrenWaiting {\n      ...FigureFields\n    }\n    volunteersAvailable {\n      ...FigureFields\n    }\n    volunteersPerWaitingChild {\n      ...FigureFields\n    }\n  }\n": types.PoolFieldsFragmentDoc,
    "\n  fragment InsightFields on Insights {\n    referralsPer100LookedAfter {\n      ...FigureFields\n    }\n    socialWorkerReferralShare {\n      ...FigureFields\n    }\n    coverageChange12Months {\n      ...FigureFields\n    }\n    monthsToClearWaitingList {\n      ...FigureFields\n    }\n    flags\n  }\n": types.InsightFieldsFragmentDoc,
    "\n  query DashboardReportingDates($service: Service!) {\n    reportingDates(service: $service) {\n      earliest\n      latest\n      latestYearEnd\n      monthEnds\n      refreshedAt\n    }\n  }\n": types.DashboardReportingDatesDocument,
    "\n  query DashboardComparison($service: Service!, $date: LocalDate) {\n    councilComparison(service: $service, date: $date) {\n      date\n      service\n      refreshedAt\n      disclosureControlled\n      england {\n        ...CoverageFields\n      }\n      regions {\n        regionCode\n        regionName\n        figures {\n          ...CoverageFields\n        }\n        volunteerPool {\n          ...PoolFields\n        }\n      }\n      councils {\n        localAuthority {\n          code\n          name\n          regionCode\n          regionName\n        }\n        rank\n        quartile\n        statisticalNeighbourMedianRate {\n          ...FigureFields\n        }\n        figures {\n          ...CoverageFields\n        }\n        volunteerPool {\n          ...PoolFields\n        }\n      }\n    }\n  }\n": types.DashboardComparisonDocument,
    "\n  query DashboardInsights($service: Service!, $date: LocalDate) {\n    councilComparison(service: $service, date: $date) {\n      date\n      englandInsights {\n        ...InsightFields\n      }\n      regions {\n        regionCode\n        insights {\n          ...InsightFields\n        }\n      }\n      councils {\n        localAuthority {\n          code\n        }\n        insights {\n          ...InsightFields\n        }\n      }\n    }\n  }\n": types.DashboardInsightsDocument,
    "\n  query DashboardTargets($areaCode: String, $service: Service) {\n    targets(areaCode: $areaCode, service: $service) {\n      id\n      name\n      areaCode\n      service\n      metric\n      value\n      dueOn\n      current {\n        ...FigureFields\n      }\n      projectedOn\n      onTrack\n    }\n  }\n": types.DashboardTargetsDocument,
    "\n  query DashboardCouncil($code: String!) {\n    localAuthority(code: $code) {\n      code\n      name\n      regionCode\n      regionName\n      isCurrent\n      statisticalNeighbours {\n        code\n        name\n      }\n    }\n  }\n": types.DashboardCouncilDocument,
    "\n  query DashboardSeries($areaCode: String!, $service: Service!, $to: LocalDate) {\n    areaTimeSeries(areaCode: $areaCode, service: $service, to: $to) {\n      date\n      rank\n      figures {\n        childrenLookedAfter {\n          ...FigureFields\n        }\n        childrenMatched {\n          ...FigureFields\n        }\n        coverageRate {\n          ...FigureFields\n        }\n        waiting {\n          ...FigureFields\n        }\n      }\n    }\n  }\n": types.DashboardSeriesDocument,
    "\n  query DashboardViewer {\n    viewer {\n      role\n      userId\n      localAuthority {\n        code\n        name\n      }\n    }\n  }\n": types.DashboardViewerDocument,
    "\n  query DashboardActivitySeries($areaCode: String!, $service: Service!, $to: LocalDate) {\n    areaTimeSeries(areaCode: $areaCode, service: $service, to: $to) {\n      date\n      activity(period: MONTH) {\n        referralsReceived {\n          ...FigureFields\n        }\n        matchesStarted {\n          ...FigureFields\n        }\n        matchesEnded {\n          ...FigureFields\n        }\n        medianDaysToMatch {\n          ...FigureFields\n        }\n      }\n    }\n  }\n": types.DashboardActivitySeriesDocument,
    "\n  query DashboardActivitySources($areaCode: String!, $service: Service!, $date: LocalDate!, $period: ActivityPeriod!) {\n    areaTimeSeries(areaCode: $areaCode, service: $service, from: $date, to: $date) {\n      date\n      activity(period: $period) {\n        referralsBySource {\n          source\n          figure {\n            ...FigureFields\n          }\n        }\n      }\n    }\n  }\n": types.DashboardActivitySourcesDocument,
    "\n  query DashboardActivityFigures($areaCode: String!, $service: Service!, $date: LocalDate!, $period: ActivityPeriod!) {\n    areaTimeSeries(areaCode: $areaCode, service: $service, from: $date, to: $date) {\n      date\n      activity(period: $period) {\n        periodStart\n        periodEnd\n        referralsReceived {\n          ...FigureFields\n        }\n        medianDaysToMatch {\n          ...FigureFields\n        }\n        matchesStarted {\n          ...FigureFields\n        }\n        matchesEnded {\n          ...FigureFields\n        }\n        endingsByReason {\n          reason\n          figure {\n            ...FigureFields\n          }\n        }\n        sustainedRate {\n          ...FigureFields\n        }\n        volunteersApproved {\n          ...FigureFields\n        }\n      }\n    }\n  }\n": types.DashboardActivityFiguresDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment FigureFields on Figure {\n    value\n    status\n  }\n"): typeof import('./graphql').FigureFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CoverageFields on CoverageFigures {\n    childrenLookedAfter {\n      ...FigureFields\n    }\n    childrenLookedAfterYear\n    childrenMatched {\n      ...FigureFields\n    }\n    coverageRate {\n      ...FigureFields\n    }\n    waiting {\n      ...FigureFields\n    }\n    hasWaitingList\n    medianWaitDays {\n      ...FigureFields\n    }\n    p90WaitDays {\n      ...FigureFields\n    }\n  }\n"): typeof import('./graphql').CoverageFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PoolFields on VolunteerPool {\n    childrenWaiting {\n      ...FigureFields\n    }\n    volunteersAvailable {\n      ...FigureFields\n    }\n    volunteersPerWaitingChild {\n      ...FigureFields\n    }\n  }\n"): typeof import('./graphql').PoolFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment InsightFields on Insights {\n    referralsPer100LookedAfter {\n      ...FigureFields\n    }\n    socialWorkerReferralShare {\n      ...FigureFields\n    }\n    coverageChange12Months {\n      ...FigureFields\n    }\n    monthsToClearWaitingList {\n      ...FigureFields\n    }\n    flags\n  }\n"): typeof import('./graphql').InsightFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardReportingDates($service: Service!) {\n    reportingDates(service: $service) {\n      earliest\n      latest\n      latestYearEnd\n      monthEnds\n      refreshedAt\n    }\n  }\n"): typeof import('./graphql').DashboardReportingDatesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardComparison($service: Service!, $date: LocalDate) {\n    councilComparison(service: $service, date: $date) {\n      date\n      service\n      refreshedAt\n      disclosureControlled\n      england {\n        ...CoverageFields\n      }\n      regions {\n        regionCode\n        regionName\n        figures {\n          ...CoverageFields\n        }\n        volunteerPool {\n          ...PoolFields\n        }\n      }\n      councils {\n        localAuthority {\n          code\n          name\n          regionCode\n          regionName\n        }\n        rank\n        quartile\n        statisticalNeighbourMedianRate {\n          ...FigureFields\n        }\n        figures {\n          ...CoverageFields\n        }\n        volunteerPool {\n          ...PoolFields\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardComparisonDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardInsights($service: Service!, $date: LocalDate) {\n    councilComparison(service: $service, date: $date) {\n      date\n      englandInsights {\n        ...InsightFields\n      }\n      regions {\n        regionCode\n        insights {\n          ...InsightFields\n        }\n      }\n      councils {\n        localAuthority {\n          code\n        }\n        insights {\n          ...InsightFields\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardInsightsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardTargets($areaCode: String, $service: Service) {\n    targets(areaCode: $areaCode, service: $service) {\n      id\n      name\n      areaCode\n      service\n      metric\n      value\n      dueOn\n      current {\n        ...FigureFields\n      }\n      projectedOn\n      onTrack\n    }\n  }\n"): typeof import('./graphql').DashboardTargetsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardCouncil($code: String!) {\n    localAuthority(code: $code) {\n      code\n      name\n      regionCode\n      regionName\n      isCurrent\n      statisticalNeighbours {\n        code\n        name\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardCouncilDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardSeries($areaCode: String!, $service: Service!, $to: LocalDate) {\n    areaTimeSeries(areaCode: $areaCode, service: $service, to: $to) {\n      date\n      rank\n      figures {\n        childrenLookedAfter {\n          ...FigureFields\n        }\n        childrenMatched {\n          ...FigureFields\n        }\n        coverageRate {\n          ...FigureFields\n        }\n        waiting {\n          ...FigureFields\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardSeriesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardViewer {\n    viewer {\n      role\n      userId\n      localAuthority {\n        code\n        name\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardViewerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardActivitySeries($areaCode: String!, $service: Service!, $to: LocalDate) {\n    areaTimeSeries(areaCode: $areaCode, service: $service, to: $to) {\n      date\n      activity(period: MONTH) {\n        referralsReceived {\n          ...FigureFields\n        }\n        matchesStarted {\n          ...FigureFields\n        }\n        matchesEnded {\n          ...FigureFields\n        }\n        medianDaysToMatch {\n          ...FigureFields\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardActivitySeriesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardActivitySources($areaCode: String!, $service: Service!, $date: LocalDate!, $period: ActivityPeriod!) {\n    areaTimeSeries(areaCode: $areaCode, service: $service, from: $date, to: $date) {\n      date\n      activity(period: $period) {\n        referralsBySource {\n          source\n          figure {\n            ...FigureFields\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardActivitySourcesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardActivityFigures($areaCode: String!, $service: Service!, $date: LocalDate!, $period: ActivityPeriod!) {\n    areaTimeSeries(areaCode: $areaCode, service: $service, from: $date, to: $date) {\n      date\n      activity(period: $period) {\n        periodStart\n        periodEnd\n        referralsReceived {\n          ...FigureFields\n        }\n        medianDaysToMatch {\n          ...FigureFields\n        }\n        matchesStarted {\n          ...FigureFields\n        }\n        matchesEnded {\n          ...FigureFields\n        }\n        endingsByReason {\n          reason\n          figure {\n            ...FigureFields\n          }\n        }\n        sustainedRate {\n          ...FigureFields\n        }\n        volunteersApproved {\n          ...FigureFields\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardActivityFiguresDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
