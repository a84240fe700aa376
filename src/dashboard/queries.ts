import { graphql } from './gql';

/**
 * Every operation the dashboard sends, typed by GraphQL Code Generator's client preset
 * (`npm run codegen` writes ./gql from these and schema/schema.graphql). The national views are
 * asked in the same form from every page, so the server's answer cache serves a page the others
 * already asked for.
 */

export const FigureFields = graphql(`
  fragment FigureFields on Figure {
    value
    status
  }
`);

export const CoverageFields = graphql(`
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
`);

export const PoolFields = graphql(`
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
`);

export const InsightFields = graphql(`
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
`);

/** The month ends with figures, for the date picker; latest by default. */
export const ReportingDatesQuery = graphql(`
  query DashboardReportingDates($service: Service!) {
    reportingDates(service: $service) {
      earliest
      latest
      latestYearEnd
      monthEnds
      refreshedAt
    }
  }
`);

/** Every council, region and England at one month end: the national table, map, region and council headlines. */
export const ComparisonQuery = graphql(`
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
`);

/** The insights of every council, region and England at one month end (a query of its own, to stay within the cost limit). */
export const InsightsQuery = graphql(`
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
`);

/** Targets for an area (England, a region or a council), with their projections. */
export const TargetsQuery = graphql(`
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
`);

/** A council's own record: its region and its statistical neighbours. */
export const CouncilQuery = graphql(`
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
`);

/** An area's coverage and waiting list at every month end since the start. */
export const SeriesQuery = graphql(`
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
`);

/** Who the pasted token says the visitor is. */
export const ViewerQuery = graphql(`
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
`);

/*
 * Period activity (API.md: activity(period:)). The query cost limit counts an areaTimeSeries as
 * 132 points whatever its dates, so a council's activity comes in small pieces: the monthly
 * totals over time, and the breakdowns at one date (from = to = the date) split in two.
 */

/** An area's monthly activity totals since the start. */
export const ActivitySeriesQuery = graphql(`
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
`);

/** An area's referrals by source in the period ending at a date. */
export const ActivitySourcesQuery = graphql(`
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
`);

/** An area's other activity figures in the period ending at a date. */
export const ActivityFiguresQuery = graphql(`
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
`);
