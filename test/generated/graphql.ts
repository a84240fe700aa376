/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Accept a NEW referral onto the waiting list. */
export type AcceptReferralInput = {
  /** Date accepted; not in the future, not before referredOn. */
  acceptedOn: string;
  /** Global ID of the referral. */
  referralId: string;
};

/** The period a row’s activity covers, ending on or before its reporting date (reports/METRICS.md). */
export type ActivityPeriod =
  /** The calendar month ending on the reporting date. */
  | 'MONTH'
  /** The year 1 April to 31 March ending on the 31 March on or before the reporting date. Before the first such year the reports hold (to 31 March 2022), every figure is NOT_AVAILABLE and the period dates are null. */
  | 'YEAR_TO_31_MARCH';

/** Approve a vetted and trained volunteer for matching. */
export type ApproveVolunteerInput = {
  /** Approval date; not in the future. */
  approvedOn: string;
  /** Global ID of the volunteer. */
  volunteerId: string;
};

/** Cancel a proposed match that never started. */
export type CancelMatchInput = {
  /** Global ID of a PROPOSED match. */
  matchId: string;
  /** Why (at most 500 characters). */
  reason: string;
};

/** Why a referral was closed without a match. */
export type CloseReason =
  | 'CHILD_DECLINED'
  | 'INELIGIBLE'
  | 'LEFT_CARE'
  | 'OTHER'
  | 'WITHDRAWN';

/** Close a NEW or ACCEPTED referral without a match. */
export type CloseReferralInput = {
  /** Date closed; not in the future, not before referredOn or acceptedOn. */
  closedOn: string;
  /** Why. */
  reason: CloseReason;
  /** Global ID of the referral. */
  referralId: string;
};

/** A council commissioning a provider for a service. */
export type CommissionProviderInput = {
  /** Last day; omit for open-ended. */
  endsOn?: string | null | undefined;
  /** ONS code of the commissioning council, e.g. E06000001. */
  localAuthorityCode: string;
  /** Global ID of the provider. */
  providerId: string;
  /** The service commissioned. */
  service: Service;
  /** First day of the commission. A council officer may give today (Europe/London) or up to COMMISSION_BACKDATE_DAYS before (default 0); earlier dates are for an ADMIN. */
  startsOn: string;
};

/** Turn a self-referral into a referral (source SELF) for a registered child. */
export type ConvertSelfReferralInput = {
  /** Global ID of the registered child it is about. */
  childId: string;
  /** Referral date; defaults to the submission date. */
  referredOn?: string | null | undefined;
  /** Global ID of the self-referral. */
  selfReferralId: string;
};

/** A new provider. */
export type CreateProviderInput = {
  /** Charity, council team or other. */
  kind: ProviderKind;
  /** Name, 1 to 200 characters, unique. */
  name: string;
};

/** A referral for a registered child. */
export type CreateReferralInput = {
  /** Global ID of the child. */
  childId: string;
  /** Optional: a key you choose for this request (1 to 200 printable ASCII characters, a UUID is ideal). Sending the same request again with the same key within 24 hours returns the record the first one created and writes nothing, even when both arrive at once; the same key with different input is a CONFLICT on idempotencyKey. */
  idempotencyKey?: string | null | undefined;
  /** ONS code of the council area the child is placed in; defaults to the child's council. */
  placementLocalAuthorityCode?: string | null | undefined;
  /** The child's preferences. */
  preferences?: ReferralPreferencesInput | null | undefined;
  /** Why the child would benefit; at most 2,000 characters, no names. */
  reason?: string | null | undefined;
  /** Date of the referral; not in the future. */
  referredOn: string;
  /** Service requested. */
  service: Service;
  /** Who referred. */
  source: ReferralSource;
};

/** Dismiss a self-referral. */
export type DismissSelfReferralInput = {
  /** Global ID of the self-referral. */
  selfReferralId: string;
};

/** End an active match. */
export type EndMatchInput = {
  /** Last day; not in the future, not before startedOn. */
  endedOn: string;
  /** Global ID of an ACTIVE match. */
  matchId: string;
  /** Why it ended. */
  reason: EndReason;
};

/** Why an active match ended. */
export type EndReason =
  | 'CHILD_LEFT_CARE'
  | 'CHILD_OBJECTED'
  | 'COUNCIL_ENDED'
  | 'OTHER'
  | 'PLANNED_ENDING'
  | 'VOLUNTEER_RESIGNED';

/** Ethnic group (the five ONS high-level groups), for equality reporting only. */
export type Ethnicity =
  | 'ASIAN'
  | 'BLACK'
  | 'MIXED'
  | 'NOT_STATED'
  | 'OTHER'
  | 'WHITE';

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

/** Gender as the person describes it, for matching preferences and equality reporting. */
export type Gender =
  | 'FEMALE'
  | 'MALE'
  | 'NON_BINARY'
  | 'NOT_STATED';

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

/** Log a visit of an active (or since ended) match. */
export type LogVisitInput = {
  /** Length in minutes, 1 to 1440. */
  durationMinutes: number;
  /** Optional: a key you choose for this request (1 to 200 printable ASCII characters, a UUID is ideal). Sending the same request again with the same key within 24 hours returns the record the first one created and writes nothing, even when both arrive at once; the same key with different input is a CONFLICT on idempotencyKey. */
  idempotencyKey?: string | null | undefined;
  /** In person, phone or video. */
  kind: VisitKind;
  /** Global ID of the match. */
  matchId: string;
  /** Date of the visit; between startedOn and endedOn (or today). */
  visitedOn: string;
};

/** PROPOSED → ACTIVE (first meeting) → ENDED; PROPOSED → CANCELLED. */
export type MatchStatus =
  | 'ACTIVE'
  | 'CANCELLED'
  | 'ENDED'
  | 'PROPOSED';

/** Where the child lives. */
export type PlacementType =
  | 'FOSTER_CARE'
  | 'KINSHIP_CARE'
  | 'OTHER'
  | 'PLACED_WITH_PARENTS'
  | 'RESIDENTIAL'
  | 'SEMI_INDEPENDENT';

/** A child's preference for their volunteer's gender. */
export type PreferredGender =
  | 'FEMALE'
  | 'MALE'
  | 'NON_BINARY';

/** Propose a volunteer for an accepted referral. */
export type ProposeMatchInput = {
  /** Optional: a key you choose for this request (1 to 200 printable ASCII characters, a UUID is ideal). Sending the same request again with the same key within 24 hours returns the record the first one created and writes nothing, even when both arrive at once; the same key with different input is a CONFLICT on idempotencyKey. */
  idempotencyKey?: string | null | undefined;
  /** Date proposed; not in the future, not before the referral was accepted. */
  proposedOn: string;
  /** Global ID of an ACCEPTED referral. */
  referralId: string;
  /** Global ID of an APPROVED volunteer with spare capacity and a valid DBS check. */
  volunteerId: string;
};

/** Who runs a provider: a charity, a council in-house team, or another body. */
export type ProviderKind =
  | 'CHARITY'
  | 'COUNCIL_TEAM'
  | 'OTHER';

/** Vetting results so far; fields left out keep their current values. */
export type RecordVolunteerVettingInput = {
  /** Issue date of the enhanced DBS check. */
  dbsIssuedOn?: string | null | undefined;
  /** True when the volunteer subscribes to the DBS update service. */
  dbsUpdateService?: boolean | null | undefined;
  /** Satisfactory references received (0 to 10). */
  referencesReceived?: number | null | undefined;
  /** Date training was completed. */
  trainingCompletedOn?: string | null | undefined;
  /** Global ID of the volunteer. */
  volunteerId: string;
};

/** The child's preferences for a volunteer. */
export type ReferralPreferencesInput = {
  /** Make speaking one of the languages a requirement. */
  languageRequired?: boolean | null | undefined;
  /** Languages the volunteer should speak (at most 5). */
  languages?: Array<string> | null | undefined;
  /** Preferred volunteer gender. */
  volunteerGender?: PreferredGender | null | undefined;
  /** Make the gender preference a requirement. */
  volunteerGenderRequired?: boolean | null | undefined;
};

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

/** Where a referral is: NEW → ACCEPTED → MATCHED; NEW or ACCEPTED → CLOSED. */
export type ReferralStatus =
  /** On the waiting list. */
  | 'ACCEPTED'
  /** Closed without a match. */
  | 'CLOSED'
  /** A match has started (first meeting held). */
  | 'MATCHED'
  /** Received, not yet accepted by the council. */
  | 'NEW';

/** Which rollups to refresh. */
export type RefreshReportsInput = {
  /** Model names; all when omitted. */
  rollups?: Array<string> | null | undefined;
};

/** A child to register (pseudonymous). */
export type RegisterChildInput = {
  /** Month of birth, YYYY-MM. */
  birthMonth: string;
  /** The council's case reference: 1 to 40 letters, digits, '/', '_' or '-'. Never a name. */
  caseReference: string;
  /** Ethnic group. */
  ethnicity: Ethnicity;
  /** Gender. */
  gender: Gender;
  /** Optional: a key you choose for this request (1 to 200 printable ASCII characters, a UUID is ideal). Sending the same request again with the same key within 24 hours returns the record the first one created and writes nothing, even when both arrive at once; the same key with different input is a CONFLICT on idempotencyKey. */
  idempotencyKey?: string | null | undefined;
  /** Interests (at most 20, each up to 40 characters). */
  interests?: Array<string> | null | undefined;
  /** Languages (at most 10, each up to 40 characters). */
  languages?: Array<string> | null | undefined;
  /** ONS code of the responsible council; a council officer may only use their own. */
  localAuthorityCode: string;
  /** Date the child became looked after; not in the future, not before birth. */
  lookedAfterSince: string;
  /** True when the child lives outside the council's area. */
  placedOutOfArea: boolean;
  /** Placement type. */
  placementType: PlacementType;
};

/** A volunteer who has applied to a provider. */
export type RegisterVolunteerInput = {
  /** Application date; defaults to today. */
  appliedOn?: string | null | undefined;
  /** Gender. */
  gender: Gender;
  /** ONS code of the council area the volunteer lives in. */
  homeLocalAuthorityCode: string;
  /** Optional: a key you choose for this request (1 to 200 printable ASCII characters, a UUID is ideal). Sending the same request again with the same key within 24 hours returns the record the first one created and writes nothing, even when both arrive at once; the same key with different input is a CONFLICT on idempotencyKey. */
  idempotencyKey?: string | null | undefined;
  /** Interests (at most 20). */
  interests?: Array<string> | null | undefined;
  /** Languages (at most 10). */
  languages?: Array<string> | null | undefined;
  /** Children at once, 1 to 10; default 1. */
  maxMatches?: number | null | undefined;
  /** Global ID of the provider; a coordinator may only use their own. */
  providerId: string;
};

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

/** A self-referral in a council's inbox: NEW, CONVERTED into a referral, or DISMISSED. */
export type SelfReferralStatus =
  | 'CONVERTED'
  | 'DISMISSED'
  | 'NEW';

/** What a child is referred for and a provider is commissioned to deliver. */
export type Service =
  /** An independent visitor (Children Act 1989 s23ZB): a volunteer who visits, advises and befriends. */
  | 'INDEPENDENT_VISITOR'
  /** A volunteer mentor. */
  | 'MENTORING';

/** Record the first meeting of a proposed match. */
export type StartMatchInput = {
  /** Global ID of a PROPOSED match. */
  matchId: string;
  /** Date of the first meeting; not in the future, not before proposedOn. */
  startedOn: string;
};

/** A young person asking for an independent visitor or mentor. No login needed. */
export type SubmitSelfReferralInput = {
  /** Your age in years (5 to 25). */
  ageYears: number;
  /** How we can reach you (at most 200 characters). */
  contact?: string | null | undefined;
  /** Optional: a key you choose for this request (1 to 200 printable ASCII characters, a UUID is ideal). Sending the same request again with the same key within 24 hours returns the record the first one created and writes nothing, even when both arrive at once; the same key with different input is a CONFLICT on idempotencyKey. */
  idempotencyKey?: string | null | undefined;
  /** ONS code of the council that looks after you, e.g. E06000001. */
  localAuthorityCode: string;
  /** Anything you want to tell us (at most 1,000 characters). */
  message?: string | null | undefined;
  /** What you would like. */
  service: Service;
};

/** What kind of expected failure a mutation met, and so what the caller can do about it. */
export type UserErrorCode =
  /** The volunteer already has as many open matches as they may (maxMatches). End one of their matches, raise maxMatches, or propose someone else. */
  | 'CAPACITY_REACHED'
  /** The change clashes with a record that exists (a duplicate name, case reference, open referral or open match, an idempotency key reused with other input). Read the current state, then change the input or use a new key. */
  | 'CONFLICT'
  /** The volunteer's DBS check is not valid on the day of the match. Record a renewed check for the volunteer first, or propose someone else. */
  | 'DBS_EXPIRED'
  /** Your role (or your council or provider) may not make this change; the message names what it needs. Sign in as someone who may, or ask them to do it. */
  | 'FORBIDDEN'
  /** The record is not in a state from which this change is allowed; the message names the current and requested states. Read the record again and choose a change its state allows. */
  | 'INVALID_TRANSITION'
  /** The volunteer's provider has no commission in force from the child's council for the service. Commission the provider first, or propose a volunteer of a commissioned provider. */
  | 'NOT_COMMISSIONED'
  /** No record with that ID that you can access: it does not exist or is outside your scope; `field` names the ID. Check the ID, or ask someone who can see the record. */
  | 'NOT_FOUND'
  /** Too many requests of this kind from your connection; the message says when to try again. Wait that long, then send it again. */
  | 'RATE_LIMITED'
  /** The database could not be reached or was lost while working; nothing was changed. Try again shortly; if it persists, the service is down. */
  | 'UNAVAILABLE'
  /** The input is malformed or breaks a rule the code checks (a date out of range, an unknown rollup, a malformed idempotency key); `field` names it. Correct the input and send it again. */
  | 'VALIDATION';

/** How a visit happened. */
export type VisitKind =
  | 'IN_PERSON'
  | 'PHONE'
  | 'VIDEO';

/** Where a volunteer is in recruitment: APPLIED → VETTING (DBS, references) → TRAINING → APPROVED; INACTIVE or WITHDRAWN later. */
export type VolunteerStatus =
  | 'APPLIED'
  | 'APPROVED'
  | 'INACTIVE'
  | 'TRAINING'
  | 'VETTING'
  | 'WITHDRAWN';

export type CouncilCountQueryVariables = Exact<{
  includeAbolished?: boolean | null | undefined;
}>;


export type CouncilCountQuery = { localAuthorities: { totalCount: number } };

export type CouncilsPageQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  region?: string | null | undefined;
}>;


export type CouncilsPageQuery = { localAuthorities: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, code: string, oldCode: string, name: string, regionCode: string, regionName: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type CouncilsWithNeighboursQueryVariables = Exact<{ [key: string]: never; }>;


export type CouncilsWithNeighboursQuery = { localAuthorities: { edges: Array<{ node: { statisticalNeighbours: Array<{ name: string }> } }> } };

export type CouncilByCodeQueryVariables = Exact<{
  code: string;
  year: number;
}>;


export type CouncilByCodeQuery = { localAuthority: { id: string, code: string, oldCode: string, name: string, regionCode: string, regionName: string, isCurrent: boolean, childrenLookedAfter: number | null, childrenLookedAfterFigure: { value: number | null, status: FigureStatus }, statisticalNeighbours: Array<{ code: string, name: string }> } | null };

export type NodeByIdQueryVariables = Exact<{
  id: string;
}>;


export type NodeByIdQuery = { node:
    | { id: string }
    | { id: string }
    | { code: string, name: string, id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
   | null };

export type WhoAmIQueryVariables = Exact<{ [key: string]: never; }>;


export type WhoAmIQuery = { viewer: { userId: string, role: Role, providerId: string | null, localAuthority: { code: string, name: string } | null } | null };

export type FiguresFragment = { hasWaitingList: boolean | null, childrenLookedAfter: { value: number | null, status: FigureStatus }, childrenMatched: { value: number | null, status: FigureStatus }, coverageRate: { value: number | null, status: FigureStatus }, waiting: { value: number | null, status: FigureStatus }, medianWaitDays: { value: number | null, status: FigureStatus }, p90WaitDays: { value: number | null, status: FigureStatus } };

export type CouncilComparisonQueryVariables = Exact<{
  service: Service;
  date: string;
}>;


export type CouncilComparisonQuery = { councilComparison: { date: string, service: Service, disclosureControlled: boolean, refreshedAt: string | null, england: { hasWaitingList: boolean | null, childrenLookedAfter: { value: number | null, status: FigureStatus }, childrenMatched: { value: number | null, status: FigureStatus }, coverageRate: { value: number | null, status: FigureStatus }, waiting: { value: number | null, status: FigureStatus }, medianWaitDays: { value: number | null, status: FigureStatus }, p90WaitDays: { value: number | null, status: FigureStatus } }, regions: Array<{ regionCode: string, regionName: string, figures: { hasWaitingList: boolean | null, childrenLookedAfter: { value: number | null, status: FigureStatus }, childrenMatched: { value: number | null, status: FigureStatus }, coverageRate: { value: number | null, status: FigureStatus }, waiting: { value: number | null, status: FigureStatus }, medianWaitDays: { value: number | null, status: FigureStatus }, p90WaitDays: { value: number | null, status: FigureStatus } } }>, councils: Array<{ rank: number | null, quartile: number | null, localAuthority: { code: string, name: string, regionCode: string }, statisticalNeighbourMedianRate: { value: number | null, status: FigureStatus }, figures: { hasWaitingList: boolean | null, childrenLookedAfter: { value: number | null, status: FigureStatus }, childrenMatched: { value: number | null, status: FigureStatus }, coverageRate: { value: number | null, status: FigureStatus }, waiting: { value: number | null, status: FigureStatus }, medianWaitDays: { value: number | null, status: FigureStatus }, p90WaitDays: { value: number | null, status: FigureStatus } } }> } };

export type CoverageTimeSeriesQueryVariables = Exact<{
  code: string;
  service: Service;
  from: string;
  to: string;
}>;


export type CoverageTimeSeriesQuery = { coverageTimeSeries: Array<{ date: string, figures: { hasWaitingList: boolean | null, childrenLookedAfter: { value: number | null, status: FigureStatus }, childrenMatched: { value: number | null, status: FigureStatus }, coverageRate: { value: number | null, status: FigureStatus }, waiting: { value: number | null, status: FigureStatus }, medianWaitDays: { value: number | null, status: FigureStatus }, p90WaitDays: { value: number | null, status: FigureStatus } } }> };

export type ReportingFreshnessQueryVariables = Exact<{ [key: string]: never; }>;


export type ReportingFreshnessQuery = { reportingFreshness: Array<{ rollup: string, refreshedAt: string | null, durationMs: number | null, rows: number | null, status: string, error: string | null }> };

export type RefreshReportsMutationVariables = Exact<{
  input?: RefreshReportsInput | null | undefined;
}>;


export type RefreshReportsMutation = { refreshReports: { status: string | null, errors: Array<{ code: UserErrorCode, message: string }>, runs: Array<{ rollup: string, status: string, rows: number | null, error: string | null }> } };

export type InsightFiguresFragment = { flags: Array<InsightFlag>, referralsPer100LookedAfter: { value: number | null, status: FigureStatus }, socialWorkerReferralShare: { value: number | null, status: FigureStatus }, coverageChange12Months: { value: number | null, status: FigureStatus }, monthsToClearWaitingList: { value: number | null, status: FigureStatus } };

export type CouncilInsightsQueryVariables = Exact<{
  service: Service;
  date: string;
}>;


export type CouncilInsightsQuery = { councilComparison: { disclosureControlled: boolean, englandInsights: { flags: Array<InsightFlag>, referralsPer100LookedAfter: { value: number | null, status: FigureStatus }, socialWorkerReferralShare: { value: number | null, status: FigureStatus }, coverageChange12Months: { value: number | null, status: FigureStatus }, monthsToClearWaitingList: { value: number | null, status: FigureStatus } }, regions: Array<{ regionCode: string, insights: { flags: Array<InsightFlag>, referralsPer100LookedAfter: { value: number | null, status: FigureStatus }, socialWorkerReferralShare: { value: number | null, status: FigureStatus }, coverageChange12Months: { value: number | null, status: FigureStatus }, monthsToClearWaitingList: { value: number | null, status: FigureStatus } } }>, councils: Array<{ localAuthority: { code: string, name: string }, figures: { hasWaitingList: boolean | null, childrenLookedAfter: { value: number | null, status: FigureStatus }, childrenMatched: { value: number | null, status: FigureStatus }, coverageRate: { value: number | null, status: FigureStatus }, waiting: { value: number | null, status: FigureStatus }, medianWaitDays: { value: number | null, status: FigureStatus }, p90WaitDays: { value: number | null, status: FigureStatus } }, insights: { flags: Array<InsightFlag>, referralsPer100LookedAfter: { value: number | null, status: FigureStatus }, socialWorkerReferralShare: { value: number | null, status: FigureStatus }, coverageChange12Months: { value: number | null, status: FigureStatus }, monthsToClearWaitingList: { value: number | null, status: FigureStatus } } }> } };

export type CoverageInsightsSeriesQueryVariables = Exact<{
  code: string;
  service: Service;
  from: string;
  to: string;
}>;


export type CoverageInsightsSeriesQuery = { coverageTimeSeries: Array<{ date: string, insights: { flags: Array<InsightFlag>, referralsPer100LookedAfter: { value: number | null, status: FigureStatus }, socialWorkerReferralShare: { value: number | null, status: FigureStatus }, coverageChange12Months: { value: number | null, status: FigureStatus }, monthsToClearWaitingList: { value: number | null, status: FigureStatus } } }> };

export type ActivityFiguresFragment = { periodStart: string | null, periodEnd: string | null, referralsReceived: { value: number | null, status: FigureStatus }, referralsBySource: Array<{ source: ReferralSource, figure: { value: number | null, status: FigureStatus } }>, medianDaysToMatch: { value: number | null, status: FigureStatus }, matchesStarted: { value: number | null, status: FigureStatus }, matchesEnded: { value: number | null, status: FigureStatus }, endingsByReason: Array<{ reason: EndReason, figure: { value: number | null, status: FigureStatus } }>, sustainedRate: { value: number | null, status: FigureStatus }, volunteersApproved: { value: number | null, status: FigureStatus } };

export type AreaActivitySeriesQueryVariables = Exact<{
  areaCode: string;
  service: Service;
  from?: string | null | undefined;
  to?: string | null | undefined;
  period: ActivityPeriod;
}>;


export type AreaActivitySeriesQuery = { areaTimeSeries: Array<{ date: string, activity: { periodStart: string | null, periodEnd: string | null, referralsReceived: { value: number | null, status: FigureStatus }, referralsBySource: Array<{ source: ReferralSource, figure: { value: number | null, status: FigureStatus } }>, medianDaysToMatch: { value: number | null, status: FigureStatus }, matchesStarted: { value: number | null, status: FigureStatus }, matchesEnded: { value: number | null, status: FigureStatus }, endingsByReason: Array<{ reason: EndReason, figure: { value: number | null, status: FigureStatus } }>, sustainedRate: { value: number | null, status: FigureStatus }, volunteersApproved: { value: number | null, status: FigureStatus } } }> };

type Errors_CommissionProviderPayload_Fragment = { errors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }> };

type Errors_CreateProviderPayload_Fragment = { errors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }> };

type Errors_LogVisitPayload_Fragment = { errors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }> };

type Errors_MatchPayload_Fragment = { errors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }> };

type Errors_ReferralPayload_Fragment = { errors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }> };

type Errors_RefreshReportsPayload_Fragment = { errors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }> };

type Errors_RegisterChildPayload_Fragment = { errors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }> };

type Errors_RemoveTargetPayload_Fragment = { errors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }> };

type Errors_SelfReferralPayload_Fragment = { errors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }> };

type Errors_SetTargetPayload_Fragment = { errors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }> };

type Errors_SubmitSelfReferralPayload_Fragment = { errors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }> };

type Errors_VolunteerPayload_Fragment = { errors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }> };

export type ErrorsFragment =
  | Errors_CommissionProviderPayload_Fragment
  | Errors_CreateProviderPayload_Fragment
  | Errors_LogVisitPayload_Fragment
  | Errors_MatchPayload_Fragment
  | Errors_ReferralPayload_Fragment
  | Errors_RefreshReportsPayload_Fragment
  | Errors_RegisterChildPayload_Fragment
  | Errors_RemoveTargetPayload_Fragment
  | Errors_SelfReferralPayload_Fragment
  | Errors_SetTargetPayload_Fragment
  | Errors_SubmitSelfReferralPayload_Fragment
  | Errors_VolunteerPayload_Fragment
;

export type CreateProviderMutationVariables = Exact<{
  input: CreateProviderInput;
}>;


export type CreateProviderMutation = { createProvider: { provider: { id: string, name: string, kind: ProviderKind } | null, errors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }> } };

export type CommissionProviderMutationVariables = Exact<{
  input: CommissionProviderInput;
}>;


export type CommissionProviderMutation = { commissionProvider: { commission: { id: string, service: Service, startsOn: string, endsOn: string | null } | null, errors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }> } };

export type RegisterChildMutationVariables = Exact<{
  input: RegisterChildInput;
}>;


export type RegisterChildMutation = { registerChild: { child: { id: string, caseReference: string, birthMonth: string, interests: Array<string>, languages: Array<string> } | null, errors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }> } };

export type CreateReferralMutationVariables = Exact<{
  input: CreateReferralInput;
}>;


export type CreateReferralMutation = { createReferral: { referral: { id: string, status: ReferralStatus, service: Service, source: ReferralSource, referredOn: string, placementLocalAuthority: { code: string } } | null, errors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }> } };

export type AcceptReferralMutationVariables = Exact<{
  input: AcceptReferralInput;
}>;


export type AcceptReferralMutation = { acceptReferral: { referral: { id: string, status: ReferralStatus, acceptedOn: string | null } | null, errors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }> } };

export type CloseReferralMutationVariables = Exact<{
  input: CloseReferralInput;
}>;


export type CloseReferralMutation = { closeReferral: { referral: { id: string, status: ReferralStatus, closedOn: string | null, closeReason: CloseReason | null } | null, errors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }> } };

export type RegisterVolunteerMutationVariables = Exact<{
  input: RegisterVolunteerInput;
}>;


export type RegisterVolunteerMutation = { registerVolunteer: { volunteer: { id: string, status: VolunteerStatus, maxMatches: number } | null, errors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }> } };

export type RecordVolunteerVettingMutationVariables = Exact<{
  input: RecordVolunteerVettingInput;
}>;


export type RecordVolunteerVettingMutation = { recordVolunteerVetting: { volunteer: { id: string, status: VolunteerStatus, dbsIssuedOn: string | null, dbsExpiresOn: string | null } | null, errors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }> } };

export type ApproveVolunteerMutationVariables = Exact<{
  input: ApproveVolunteerInput;
}>;


export type ApproveVolunteerMutation = { approveVolunteer: { volunteer: { id: string, status: VolunteerStatus, approvedOn: string | null } | null, errors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }> } };

export type ProposeMatchMutationVariables = Exact<{
  input: ProposeMatchInput;
}>;


export type ProposeMatchMutation = { proposeMatch: { match: { id: string, status: MatchStatus, proposedOn: string } | null, errors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }> } };

export type StartMatchMutationVariables = Exact<{
  input: StartMatchInput;
}>;


export type StartMatchMutation = { startMatch: { match: { id: string, status: MatchStatus, startedOn: string | null, referral: { status: ReferralStatus, matchedOn: string | null } | null } | null, errors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }> } };

export type EndMatchMutationVariables = Exact<{
  input: EndMatchInput;
}>;


export type EndMatchMutation = { endMatch: { match: { id: string, status: MatchStatus, endedOn: string | null, endReason: EndReason | null } | null, errors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }> } };

export type CancelMatchMutationVariables = Exact<{
  input: CancelMatchInput;
}>;


export type CancelMatchMutation = { cancelMatch: { match: { id: string, status: MatchStatus } | null, errors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }> } };

export type LogVisitMutationVariables = Exact<{
  input: LogVisitInput;
}>;


export type LogVisitMutation = { logVisit: { visit: { id: string, visitedOn: string, durationMinutes: number, kind: VisitKind } | null, errors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }> } };

export type SubmitSelfReferralMutationVariables = Exact<{
  input: SubmitSelfReferralInput;
}>;


export type SubmitSelfReferralMutation = { submitSelfReferral: { receiptNumber: string | null, errors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }> } };

export type ConvertSelfReferralMutationVariables = Exact<{
  input: ConvertSelfReferralInput;
}>;


export type ConvertSelfReferralMutation = { convertSelfReferral: { referral: { id: string, source: ReferralSource, status: ReferralStatus } | null, errors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }> } };

export type DismissSelfReferralMutationVariables = Exact<{
  input: DismissSelfReferralInput;
}>;


export type DismissSelfReferralMutation = { dismissSelfReferral: { selfReferral: { id: string, status: SelfReferralStatus } | null, errors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }> } };

export type SelfReferralInboxQueryVariables = Exact<{
  first?: number | null | undefined;
}>;


export type SelfReferralInboxQuery = { selfReferralInbox: { totalCount: number, edges: Array<{ node: { id: string, receiptNumber: string, service: Service, ageYears: number, status: SelfReferralStatus } }> } };

export type WaitingListDetailQueryVariables = Exact<{
  code: string;
  service: Service;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type WaitingListDetailQuery = { waitingList: { edges: Array<{ cursor: string, node: { id: string, acceptedOn: string | null, daysWaiting: number | null, child: { id: string, caseReference: string, birthMonth: string } | null, currentMatch: { id: string, status: MatchStatus, volunteer: { id: string, status: VolunteerStatus, provider: { id: string, name: string } | null } | null } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type AuditTrailQueryVariables = Exact<{
  first?: number | null | undefined;
  recordType?: string | null | undefined;
}>;


export type AuditTrailQuery = { auditEvents: { totalCount: number, edges: Array<{ node: { action: string, actorRole: string | null, recordType: string, recordId: string, changedFields: Array<string> } }> } };

export const FiguresFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Figures"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CoverageFigures"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"childrenLookedAfter"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"childrenMatched"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"coverageRate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"waiting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"hasWaitingList"}},{"kind":"Field","name":{"kind":"Name","value":"medianWaitDays"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"p90WaitDays"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<FiguresFragment, unknown>;
export const InsightFiguresFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InsightFigures"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Insights"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"referralsPer100LookedAfter"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"socialWorkerReferralShare"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"coverageChange12Months"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"monthsToClearWaitingList"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"flags"}}]}}]} as unknown as DocumentNode<InsightFiguresFragment, unknown>;
export const ActivityFiguresFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ActivityFigures"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PeriodActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"periodStart"}},{"kind":"Field","name":{"kind":"Name","value":"periodEnd"}},{"kind":"Field","name":{"kind":"Name","value":"referralsReceived"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"referralsBySource"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"figure"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"medianDaysToMatch"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"matchesStarted"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"matchesEnded"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"endingsByReason"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"figure"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"sustainedRate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"volunteersApproved"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<ActivityFiguresFragment, unknown>;
export const ErrorsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Errors"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<ErrorsFragment, unknown>;
export const CouncilCountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CouncilCount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"includeAbolished"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"localAuthorities"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}},{"kind":"Argument","name":{"kind":"Name","value":"includeAbolished"},"value":{"kind":"Variable","name":{"kind":"Name","value":"includeAbolished"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}}]} as unknown as DocumentNode<CouncilCountQuery, CouncilCountQueryVariables>;
export const CouncilsPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CouncilsPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"region"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"localAuthorities"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"region"},"value":{"kind":"Variable","name":{"kind":"Name","value":"region"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"oldCode"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"regionCode"}},{"kind":"Field","name":{"kind":"Name","value":"regionName"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<CouncilsPageQuery, CouncilsPageQueryVariables>;
export const CouncilsWithNeighboursDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CouncilsWithNeighbours"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"localAuthorities"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"statisticalNeighbours"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CouncilsWithNeighboursQuery, CouncilsWithNeighboursQueryVariables>;
export const CouncilByCodeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CouncilByCode"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"code"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"year"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"localAuthority"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"code"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"oldCode"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"regionCode"}},{"kind":"Field","name":{"kind":"Name","value":"regionName"}},{"kind":"Field","name":{"kind":"Name","value":"isCurrent"}},{"kind":"Field","name":{"kind":"Name","value":"childrenLookedAfter"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"year"},"value":{"kind":"Variable","name":{"kind":"Name","value":"year"}}}]},{"kind":"Field","name":{"kind":"Name","value":"childrenLookedAfterFigure"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"year"},"value":{"kind":"Variable","name":{"kind":"Name","value":"year"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"statisticalNeighbours"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<CouncilByCodeQuery, CouncilByCodeQueryVariables>;
export const NodeByIdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NodeById"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"LocalAuthority"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<NodeByIdQuery, NodeByIdQueryVariables>;
export const WhoAmIDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WhoAmI"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"providerId"}},{"kind":"Field","name":{"kind":"Name","value":"localAuthority"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<WhoAmIQuery, WhoAmIQueryVariables>;
export const CouncilComparisonDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CouncilComparison"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"service"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Service"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"date"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LocalDate"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"councilComparison"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"service"},"value":{"kind":"Variable","name":{"kind":"Name","value":"service"}}},{"kind":"Argument","name":{"kind":"Name","value":"date"},"value":{"kind":"Variable","name":{"kind":"Name","value":"date"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"service"}},{"kind":"Field","name":{"kind":"Name","value":"disclosureControlled"}},{"kind":"Field","name":{"kind":"Name","value":"refreshedAt"}},{"kind":"Field","name":{"kind":"Name","value":"england"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Figures"}}]}},{"kind":"Field","name":{"kind":"Name","value":"regions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"regionCode"}},{"kind":"Field","name":{"kind":"Name","value":"regionName"}},{"kind":"Field","name":{"kind":"Name","value":"figures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Figures"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"councils"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"localAuthority"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"regionCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"quartile"}},{"kind":"Field","name":{"kind":"Name","value":"statisticalNeighbourMedianRate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"figures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Figures"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Figures"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CoverageFigures"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"childrenLookedAfter"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"childrenMatched"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"coverageRate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"waiting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"hasWaitingList"}},{"kind":"Field","name":{"kind":"Name","value":"medianWaitDays"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"p90WaitDays"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<CouncilComparisonQuery, CouncilComparisonQueryVariables>;
export const CoverageTimeSeriesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CoverageTimeSeries"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"code"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"service"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Service"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LocalDate"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LocalDate"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"coverageTimeSeries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"localAuthorityCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}},{"kind":"Argument","name":{"kind":"Name","value":"service"},"value":{"kind":"Variable","name":{"kind":"Name","value":"service"}}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"figures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Figures"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Figures"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CoverageFigures"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"childrenLookedAfter"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"childrenMatched"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"coverageRate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"waiting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"hasWaitingList"}},{"kind":"Field","name":{"kind":"Name","value":"medianWaitDays"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"p90WaitDays"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<CoverageTimeSeriesQuery, CoverageTimeSeriesQueryVariables>;
export const ReportingFreshnessDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ReportingFreshness"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reportingFreshness"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rollup"}},{"kind":"Field","name":{"kind":"Name","value":"refreshedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}},{"kind":"Field","name":{"kind":"Name","value":"rows"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"error"}}]}}]}}]} as unknown as DocumentNode<ReportingFreshnessQuery, ReportingFreshnessQueryVariables>;
export const RefreshReportsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RefreshReports"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"RefreshReportsInput"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"refreshReports"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"runs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rollup"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"rows"}},{"kind":"Field","name":{"kind":"Name","value":"error"}}]}}]}}]}}]} as unknown as DocumentNode<RefreshReportsMutation, RefreshReportsMutationVariables>;
export const CouncilInsightsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CouncilInsights"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"service"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Service"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"date"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LocalDate"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"councilComparison"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"service"},"value":{"kind":"Variable","name":{"kind":"Name","value":"service"}}},{"kind":"Argument","name":{"kind":"Name","value":"date"},"value":{"kind":"Variable","name":{"kind":"Name","value":"date"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"disclosureControlled"}},{"kind":"Field","name":{"kind":"Name","value":"englandInsights"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"InsightFigures"}}]}},{"kind":"Field","name":{"kind":"Name","value":"regions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"regionCode"}},{"kind":"Field","name":{"kind":"Name","value":"insights"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"InsightFigures"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"councils"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"localAuthority"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"figures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Figures"}}]}},{"kind":"Field","name":{"kind":"Name","value":"insights"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"InsightFigures"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InsightFigures"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Insights"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"referralsPer100LookedAfter"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"socialWorkerReferralShare"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"coverageChange12Months"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"monthsToClearWaitingList"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"flags"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Figures"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CoverageFigures"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"childrenLookedAfter"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"childrenMatched"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"coverageRate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"waiting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"hasWaitingList"}},{"kind":"Field","name":{"kind":"Name","value":"medianWaitDays"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"p90WaitDays"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<CouncilInsightsQuery, CouncilInsightsQueryVariables>;
export const CoverageInsightsSeriesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CoverageInsightsSeries"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"code"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"service"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Service"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LocalDate"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LocalDate"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"coverageTimeSeries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"localAuthorityCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}},{"kind":"Argument","name":{"kind":"Name","value":"service"},"value":{"kind":"Variable","name":{"kind":"Name","value":"service"}}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"insights"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"InsightFigures"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InsightFigures"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Insights"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"referralsPer100LookedAfter"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"socialWorkerReferralShare"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"coverageChange12Months"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"monthsToClearWaitingList"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"flags"}}]}}]} as unknown as DocumentNode<CoverageInsightsSeriesQuery, CoverageInsightsSeriesQueryVariables>;
export const AreaActivitySeriesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AreaActivitySeries"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"areaCode"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"service"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Service"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"LocalDate"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"LocalDate"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ActivityPeriod"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"areaTimeSeries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"areaCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"areaCode"}}},{"kind":"Argument","name":{"kind":"Name","value":"service"},"value":{"kind":"Variable","name":{"kind":"Name","value":"service"}}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"activity"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ActivityFigures"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ActivityFigures"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PeriodActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"periodStart"}},{"kind":"Field","name":{"kind":"Name","value":"periodEnd"}},{"kind":"Field","name":{"kind":"Name","value":"referralsReceived"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"referralsBySource"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"figure"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"medianDaysToMatch"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"matchesStarted"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"matchesEnded"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"endingsByReason"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"figure"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"sustainedRate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"volunteersApproved"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<AreaActivitySeriesQuery, AreaActivitySeriesQueryVariables>;
export const CreateProviderDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateProvider"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateProviderInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createProvider"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Errors"}},{"kind":"Field","name":{"kind":"Name","value":"provider"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Errors"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<CreateProviderMutation, CreateProviderMutationVariables>;
export const CommissionProviderDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CommissionProvider"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CommissionProviderInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"commissionProvider"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Errors"}},{"kind":"Field","name":{"kind":"Name","value":"commission"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"service"}},{"kind":"Field","name":{"kind":"Name","value":"startsOn"}},{"kind":"Field","name":{"kind":"Name","value":"endsOn"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Errors"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<CommissionProviderMutation, CommissionProviderMutationVariables>;
export const RegisterChildDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RegisterChild"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RegisterChildInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registerChild"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Errors"}},{"kind":"Field","name":{"kind":"Name","value":"child"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"caseReference"}},{"kind":"Field","name":{"kind":"Name","value":"birthMonth"}},{"kind":"Field","name":{"kind":"Name","value":"interests"}},{"kind":"Field","name":{"kind":"Name","value":"languages"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Errors"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<RegisterChildMutation, RegisterChildMutationVariables>;
export const CreateReferralDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateReferral"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateReferralInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createReferral"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Errors"}},{"kind":"Field","name":{"kind":"Name","value":"referral"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"service"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"referredOn"}},{"kind":"Field","name":{"kind":"Name","value":"placementLocalAuthority"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Errors"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<CreateReferralMutation, CreateReferralMutationVariables>;
export const AcceptReferralDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AcceptReferral"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AcceptReferralInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"acceptReferral"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Errors"}},{"kind":"Field","name":{"kind":"Name","value":"referral"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"acceptedOn"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Errors"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<AcceptReferralMutation, AcceptReferralMutationVariables>;
export const CloseReferralDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CloseReferral"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CloseReferralInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"closeReferral"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Errors"}},{"kind":"Field","name":{"kind":"Name","value":"referral"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"closedOn"}},{"kind":"Field","name":{"kind":"Name","value":"closeReason"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Errors"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<CloseReferralMutation, CloseReferralMutationVariables>;
export const RegisterVolunteerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RegisterVolunteer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RegisterVolunteerInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registerVolunteer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Errors"}},{"kind":"Field","name":{"kind":"Name","value":"volunteer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"maxMatches"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Errors"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<RegisterVolunteerMutation, RegisterVolunteerMutationVariables>;
export const RecordVolunteerVettingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecordVolunteerVetting"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RecordVolunteerVettingInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordVolunteerVetting"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Errors"}},{"kind":"Field","name":{"kind":"Name","value":"volunteer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"dbsIssuedOn"}},{"kind":"Field","name":{"kind":"Name","value":"dbsExpiresOn"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Errors"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<RecordVolunteerVettingMutation, RecordVolunteerVettingMutationVariables>;
export const ApproveVolunteerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ApproveVolunteer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ApproveVolunteerInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"approveVolunteer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Errors"}},{"kind":"Field","name":{"kind":"Name","value":"volunteer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"approvedOn"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Errors"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<ApproveVolunteerMutation, ApproveVolunteerMutationVariables>;
export const ProposeMatchDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ProposeMatch"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ProposeMatchInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proposeMatch"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Errors"}},{"kind":"Field","name":{"kind":"Name","value":"match"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"proposedOn"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Errors"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<ProposeMatchMutation, ProposeMatchMutationVariables>;
export const StartMatchDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StartMatch"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"StartMatchInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startMatch"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Errors"}},{"kind":"Field","name":{"kind":"Name","value":"match"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedOn"}},{"kind":"Field","name":{"kind":"Name","value":"referral"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"matchedOn"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Errors"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<StartMatchMutation, StartMatchMutationVariables>;
export const EndMatchDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EndMatch"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"EndMatchInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"endMatch"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Errors"}},{"kind":"Field","name":{"kind":"Name","value":"match"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"endedOn"}},{"kind":"Field","name":{"kind":"Name","value":"endReason"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Errors"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<EndMatchMutation, EndMatchMutationVariables>;
export const CancelMatchDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CancelMatch"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CancelMatchInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelMatch"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Errors"}},{"kind":"Field","name":{"kind":"Name","value":"match"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Errors"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<CancelMatchMutation, CancelMatchMutationVariables>;
export const LogVisitDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"LogVisit"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LogVisitInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"logVisit"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Errors"}},{"kind":"Field","name":{"kind":"Name","value":"visit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"visitedOn"}},{"kind":"Field","name":{"kind":"Name","value":"durationMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Errors"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<LogVisitMutation, LogVisitMutationVariables>;
export const SubmitSelfReferralDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SubmitSelfReferral"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SubmitSelfReferralInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"submitSelfReferral"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Errors"}},{"kind":"Field","name":{"kind":"Name","value":"receiptNumber"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Errors"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<SubmitSelfReferralMutation, SubmitSelfReferralMutationVariables>;
export const ConvertSelfReferralDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConvertSelfReferral"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ConvertSelfReferralInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"convertSelfReferral"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Errors"}},{"kind":"Field","name":{"kind":"Name","value":"referral"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Errors"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<ConvertSelfReferralMutation, ConvertSelfReferralMutationVariables>;
export const DismissSelfReferralDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DismissSelfReferral"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DismissSelfReferralInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dismissSelfReferral"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Errors"}},{"kind":"Field","name":{"kind":"Name","value":"selfReferral"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Errors"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<DismissSelfReferralMutation, DismissSelfReferralMutationVariables>;
export const SelfReferralInboxDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SelfReferralInbox"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"selfReferralInbox"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"receiptNumber"}},{"kind":"Field","name":{"kind":"Name","value":"service"}},{"kind":"Field","name":{"kind":"Name","value":"ageYears"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SelfReferralInboxQuery, SelfReferralInboxQueryVariables>;
export const WaitingListDetailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WaitingListDetail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"code"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"service"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Service"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"waitingList"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"localAuthorityCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}},{"kind":"Argument","name":{"kind":"Name","value":"service"},"value":{"kind":"Variable","name":{"kind":"Name","value":"service"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"acceptedOn"}},{"kind":"Field","name":{"kind":"Name","value":"daysWaiting"}},{"kind":"Field","name":{"kind":"Name","value":"child"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"caseReference"}},{"kind":"Field","name":{"kind":"Name","value":"birthMonth"}}]}},{"kind":"Field","name":{"kind":"Name","value":"currentMatch"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"volunteer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"provider"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<WaitingListDetailQuery, WaitingListDetailQueryVariables>;
export const AuditTrailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AuditTrail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"recordType"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"auditEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"recordType"},"value":{"kind":"Variable","name":{"kind":"Name","value":"recordType"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"actorRole"}},{"kind":"Field","name":{"kind":"Name","value":"recordType"}},{"kind":"Field","name":{"kind":"Name","value":"recordId"}},{"kind":"Field","name":{"kind":"Name","value":"changedFields"}}]}}]}}]}}]}}]} as unknown as DocumentNode<AuditTrailQuery, AuditTrailQueryVariables>;