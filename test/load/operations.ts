/**
 * The operations the virtual clients send. Each operation's name is its kind in the latency
 * table; mutations are named after their field.
 */

const ERRORS = 'errors { code field message }';

const MATCH_FIELDS = 'id status proposedOn startedOn endedOn';
const REFERRAL_FIELDS = 'id status service referredOn acceptedOn closedOn';

// ---------------------------------------------------------------- reads

export const VIEWER = `query viewer { viewer { role userId providerId localAuthority { code name } provider { id name } } }`;

export const NODE = `query node($id: ID!) {
  node(id: $id) {
    id
    ... on Referral { referralStatus: status service currentMatch { id status } }
    ... on Match { matchStatus: status referral { id status } volunteer { id status openMatches maxMatches } }
    ... on Volunteer { volunteerStatus: status openMatches maxMatches }
    ... on Child { caseReference localAuthority { code } }
    ... on Provider { name }
  }
}`;

export const WAITING_LIST = `query waitingList($code: String!, $service: Service!, $first: Int, $after: String) {
  waitingList(localAuthorityCode: $code, service: $service, first: $first, after: $after) {
    edges { cursor node { id acceptedOn daysWaiting service child { id caseReference birthMonth }
      currentMatch { id status volunteer { id status provider { id name } } } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

export const REFERRALS = `query referrals($status: ReferralStatus, $service: Service, $code: String, $first: Int, $after: String) {
  referrals(status: $status, service: $service, localAuthorityCode: $code, first: $first, after: $after) {
    totalCount
    edges { cursor node { ${REFERRAL_FIELDS} localAuthority { code } child { id } currentMatch { id status } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

export const MATCHES = `query matches($status: MatchStatus, $service: Service, $code: String, $first: Int, $after: String) {
  matches(status: $status, service: $service, localAuthorityCode: $code, first: $first, after: $after) {
    edges { node { ${MATCH_FIELDS} referral { id status localAuthority { code } } volunteer { id status } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

export const VOLUNTEERS = `query volunteers($status: VolunteerStatus, $providerId: ID, $first: Int, $after: String) {
  volunteers(status: $status, providerId: $providerId, first: $first, after: $after) {
    edges { node { id status maxMatches openMatches dbsIssuedOn dbsExpiresOn dbsUpdateService trainingCompletedOn referencesReceived appliedOn } }
    pageInfo { hasNextPage endCursor }
  }
}`;

export const CHILDREN = `query children($code: String, $first: Int, $after: String) {
  children(localAuthorityCode: $code, first: $first, after: $after) {
    edges { node { id caseReference birthMonth localAuthority { code } referrals { id status service } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

export const SELF_REFERRAL_INBOX = `query selfReferralInbox($first: Int, $after: String) {
  selfReferralInbox(first: $first, after: $after) {
    totalCount
    edges { node { id receiptNumber service ageYears status submittedAt localAuthority { code } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const FIGURES = `figures {
  childrenLookedAfter { value status } childrenMatched { value status } coverageRate { value status }
  waiting { value status } hasWaitingList medianWaitDays { value status } p90WaitDays { value status } }`;

export const COUNCIL_COMPARISON = `query councilComparison($service: Service!, $date: LocalDate!) {
  councilComparison(service: $service, date: $date) {
    date service disclosureControlled refreshedAt
    england { childrenLookedAfter { value status } coverageRate { value status } waiting { value status } }
    regions { regionCode ${FIGURES} }
    councils { rank quartile localAuthority { code name } ${FIGURES} }
  }
}`;

export const COVERAGE_TIME_SERIES = `query coverageTimeSeries($code: String!, $service: Service!, $from: LocalDate!, $to: LocalDate!) {
  coverageTimeSeries(localAuthorityCode: $code, service: $service, from: $from, to: $to) { date ${FIGURES} }
}`;

/** The public dashboard's national views (publication day: test/load/viewers.ts). */
const FIGURE_FIELDS = `childrenLookedAfter { value status } childrenMatched { value status } coverageRate { value status }
  waiting { value status } hasWaitingList medianWaitDays { value status } p90WaitDays { value status }`;
export const REPORTING_DATES = `query reportingDates { reportingDates { earliest latest latestYearEnd monthEnds refreshedAt } }`;

export const DASHBOARD_COMPARISON = `query dashboardComparison($service: Service!) {
  councilComparison(service: $service) {
    date service disclosureControlled refreshedAt
    england { ${FIGURE_FIELDS} }
    regions { regionCode regionName figures { ${FIGURE_FIELDS} } }
    councils { rank quartile localAuthority { code name regionCode } figures { ${FIGURE_FIELDS} } }
  }
}`;

export const AREA_TIME_SERIES = `query areaTimeSeries($areaCode: String!, $service: Service!) {
  areaTimeSeries(areaCode: $areaCode, service: $service) { date rank quartile figures { ${FIGURE_FIELDS} } }
}`;

export const LOCAL_AUTHORITIES = `query localAuthorities($region: String, $first: Int, $after: String) {
  localAuthorities(region: $region, first: $first, after: $after) {
    totalCount
    edges { node { id code name regionName childrenLookedAfter(year: 2025) statisticalNeighbours { code } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

export const REPORTING_FRESHNESS = `query reportingFreshness { reportingFreshness { rollup refreshedAt durationMs rows status } }`;

export const PROVIDERS = `query providers($first: Int, $after: String) {
  providers(first: $first, after: $after) {
    totalCount edges { node { id name kind commissions { id service startsOn endsOn localAuthority { code } } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

export const MATCHING_PLAN = `query matchingPlan($code: String!, $service: Service!) {
  matchingPlan(localAuthorityCode: $code, service: $service) {
    localAuthorityCode service waitingChildren availableVolunteers matched totalScore greedyMatched greedyTotalScore
    pairs { score waitingDays referral { id } volunteer { id openMatches maxMatches } }
    unmatched { reason waitingDays eligibleVolunteers referral { id } }
  }
}`;

export const SUGGESTED_VOLUNTEERS = `query suggestedVolunteers($referralId: ID!, $first: Int) {
  suggestedVolunteers(referralId: $referralId, first: $first) { score volunteer { id status openMatches maxMatches } factors { name points } }
}`;

export const AUDIT_EVENTS = `query auditEvents($first: Int, $after: String) {
  auditEvents(first: $first, after: $after) {
    totalCount edges { node { action actorRole recordType recordId changedFields } }
    pageInfo { hasNextPage endCursor }
  }
}`;

// ---------------------------------------------------------------- mutations

export const CREATE_PROVIDER = `mutation createProvider($input: CreateProviderInput!) {
  createProvider(input: $input) { ${ERRORS} provider { id name kind } }
}`;

export const COMMISSION_PROVIDER = `mutation commissionProvider($input: CommissionProviderInput!) {
  commissionProvider(input: $input) { ${ERRORS} commission { id service startsOn endsOn } }
}`;

export const REGISTER_CHILD = `mutation registerChild($input: RegisterChildInput!) {
  registerChild(input: $input) { ${ERRORS} child { id caseReference } }
}`;

export const CREATE_REFERRAL = `mutation createReferral($input: CreateReferralInput!) {
  createReferral(input: $input) { ${ERRORS} referral { ${REFERRAL_FIELDS} } }
}`;

export const ACCEPT_REFERRAL = `mutation acceptReferral($input: AcceptReferralInput!) {
  acceptReferral(input: $input) { ${ERRORS} referral { ${REFERRAL_FIELDS} } }
}`;

export const CLOSE_REFERRAL = `mutation closeReferral($input: CloseReferralInput!) {
  closeReferral(input: $input) { ${ERRORS} referral { ${REFERRAL_FIELDS} closeReason } }
}`;

export const SUBMIT_SELF_REFERRAL = `mutation submitSelfReferral($input: SubmitSelfReferralInput!) {
  submitSelfReferral(input: $input) { ${ERRORS} receiptNumber }
}`;

export const CONVERT_SELF_REFERRAL = `mutation convertSelfReferral($input: ConvertSelfReferralInput!) {
  convertSelfReferral(input: $input) { ${ERRORS} referral { ${REFERRAL_FIELDS} source } }
}`;

export const DISMISS_SELF_REFERRAL = `mutation dismissSelfReferral($input: DismissSelfReferralInput!) {
  dismissSelfReferral(input: $input) { ${ERRORS} selfReferral { id status } }
}`;

const VOLUNTEER_FIELDS = 'id status maxMatches openMatches dbsIssuedOn trainingCompletedOn referencesReceived approvedOn appliedOn';

export const REGISTER_VOLUNTEER = `mutation registerVolunteer($input: RegisterVolunteerInput!) {
  registerVolunteer(input: $input) { ${ERRORS} volunteer { ${VOLUNTEER_FIELDS} } }
}`;

export const RECORD_VOLUNTEER_VETTING = `mutation recordVolunteerVetting($input: RecordVolunteerVettingInput!) {
  recordVolunteerVetting(input: $input) { ${ERRORS} volunteer { ${VOLUNTEER_FIELDS} } }
}`;

export const APPROVE_VOLUNTEER = `mutation approveVolunteer($input: ApproveVolunteerInput!) {
  approveVolunteer(input: $input) { ${ERRORS} volunteer { ${VOLUNTEER_FIELDS} } }
}`;

const MATCH_PAYLOAD = `${MATCH_FIELDS} endReason cancelledOn referral { id status } volunteer { id openMatches }`;

export const PROPOSE_MATCH = `mutation proposeMatch($input: ProposeMatchInput!) {
  proposeMatch(input: $input) { ${ERRORS} match { ${MATCH_PAYLOAD} } }
}`;

export const START_MATCH = `mutation startMatch($input: StartMatchInput!) {
  startMatch(input: $input) { ${ERRORS} match { ${MATCH_PAYLOAD} } }
}`;

export const END_MATCH = `mutation endMatch($input: EndMatchInput!) {
  endMatch(input: $input) { ${ERRORS} match { ${MATCH_PAYLOAD} } }
}`;

export const CANCEL_MATCH = `mutation cancelMatch($input: CancelMatchInput!) {
  cancelMatch(input: $input) { ${ERRORS} match { ${MATCH_PAYLOAD} } }
}`;

export const LOG_VISIT = `mutation logVisit($input: LogVisitInput!) {
  logVisit(input: $input) { ${ERRORS} visit { id visitedOn durationMinutes kind } }
}`;

// ---------------------------------------------------------------- payload shapes

export type Edge<N> = { cursor?: string; node: N };
export type Connection<N> = { totalCount?: number; edges: Edge<N>[]; pageInfo?: { hasNextPage: boolean; endCursor: string | null } };

export type ReferralNode = {
  id: string;
  status: string;
  service: string;
  referredOn: string;
  acceptedOn: string | null;
  closedOn: string | null;
  localAuthority?: { code: string };
  child?: { id: string } | null;
  currentMatch?: { id: string; status: string } | null;
};

export type MatchNode = {
  id: string;
  status: string;
  proposedOn: string;
  startedOn: string | null;
  endedOn: string | null;
  endReason?: string | null;
  referral?: { id: string; status: string; localAuthority?: { code: string } } | null;
  volunteer?: { id: string; status?: string; openMatches?: number } | null;
};

export type VolunteerNode = {
  id: string;
  status: string;
  maxMatches: number;
  openMatches: number;
  dbsIssuedOn: string | null;
  dbsExpiresOn?: string | null;
  dbsUpdateService?: boolean;
  trainingCompletedOn: string | null;
  referencesReceived: number;
  appliedOn: string;
};

export type SelfReferralNode = { id: string; receiptNumber: string; service: string; status: string; localAuthority: { code: string } };
