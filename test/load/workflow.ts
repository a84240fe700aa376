import { randomUUID } from 'node:crypto';
import { GraphQLClient, keyOf, MutationResult, UserError } from './client';
import type { RecordCheck } from './ledger';
import * as ops from './operations';
import type { MatchNode, ReferralNode, VolunteerNode } from './operations';
import { chance, daysAgo, later, pick, randomInt, today } from './random';
import type { Service } from './world';

/**
 * Every mutation as the people who own it would call it, with the records an acknowledgement
 * vouches for (and the state it was acknowledged in) handed to the ledger.
 */

type Payload<K extends string, T> = { errors: UserError[] } & { [key in K]: T | null };

let sequence = 0;
const unique = () => `${Date.now().toString(36)}${(sequence += 1).toString(36)}${randomInt(0, 1295).toString(36)}`.toUpperCase();

const GENDERS = ['FEMALE', 'MALE', 'NON_BINARY', 'NOT_STATED'];
const ETHNICITIES = ['WHITE', 'MIXED', 'ASIAN', 'BLACK', 'OTHER', 'NOT_STATED'];
const PLACEMENTS = ['FOSTER_CARE', 'KINSHIP_CARE', 'RESIDENTIAL', 'SEMI_INDEPENDENT', 'PLACED_WITH_PARENTS', 'OTHER'];
const INTERESTS = ['football', 'art', 'music', 'swimming', 'gaming', 'cooking', 'reading', 'dance', 'animals', 'cycling'];
const LANGUAGES = ['english', 'polish', 'urdu', 'arabic', 'romanian', 'somali', 'welsh'];
const SOURCES = ['SOCIAL_WORKER', 'TEACHER', 'FOSTER_CARER', 'RESIDENTIAL_WORKER', 'PERSONAL_ADVISER', 'INDEPENDENT_REVIEWING_OFFICER', 'OTHER'];
const CLOSE_REASONS = ['CHILD_DECLINED', 'WITHDRAWN', 'INELIGIBLE', 'LEFT_CARE', 'OTHER'];
const END_REASONS = ['CHILD_LEFT_CARE', 'CHILD_OBJECTED', 'VOLUNTEER_RESIGNED', 'COUNCIL_ENDED', 'PLANNED_ENDING', 'OTHER'];
const VISIT_KINDS = ['IN_PERSON', 'PHONE', 'VIDEO'];

function some<T>(items: readonly T[], max: number): T[] {
  return [...new Set(Array.from({ length: randomInt(1, max) }, () => pick(items)))];
}

// ---------------------------------------------------------------- councils

export async function registerChild(
  c: GraphQLClient,
  councilCode: string,
): Promise<MutationResult<Payload<'child', { id: string }>> & { childId: string | null }> {
  const birthYear = randomInt(2008, 2018);
  const input = {
    localAuthorityCode: councilCode,
    caseReference: `LOAD-${unique()}`,
    birthMonth: `${birthYear}-${String(randomInt(1, 12)).padStart(2, '0')}`,
    gender: pick(GENDERS),
    ethnicity: pick(ETHNICITIES),
    placementType: pick(PLACEMENTS),
    placedOutOfArea: chance(0.3),
    lookedAfterSince: `${Math.max(birthYear + 1, randomInt(2019, 2024))}-0${randomInt(1, 9)}-15`,
    interests: some(INTERESTS, 3),
    languages: chance(0.8) ? ['english'] : some(LANGUAGES, 2),
  };
  if (input.lookedAfterSince > today()) input.lookedAfterSince = daysAgo(30);
  const result = await c.mutate<Payload<'child', { id: string }>>('registerChild', ops.REGISTER_CHILD, input, (p) => [
    { type: 'Child', key: keyOf(p.child!.id, 'Child') },
  ]);
  return { ...result, childId: result.acknowledged ? result.payload!.child!.id : null };
}

export async function createReferral(
  c: GraphQLClient,
  childId: string,
  service: Service,
  options: { referredOn?: string; placementCode?: string } = {},
): Promise<MutationResult<Payload<'referral', ReferralNode>> & { referral: ReferralNode | null }> {
  const input: Record<string, unknown> = {
    childId,
    service,
    source: pick(SOURCES),
    referredOn: options.referredOn ?? daysAgo(randomInt(5, 90)),
    reason: 'Would like a trusted adult outside the care system (load test).',
    ...(options.placementCode ? { placementLocalAuthorityCode: options.placementCode } : {}),
    ...(chance(0.3) ? { preferences: { volunteerGender: pick(['FEMALE', 'MALE']), languages: ['english'] } } : {}),
  };
  const result = await c.mutate<Payload<'referral', ReferralNode>>('createReferral', ops.CREATE_REFERRAL, input, (p) => [
    { type: 'Referral', key: keyOf(p.referral!.id, 'Referral'), state: 'NEW', columns: { referred_on: String(input.referredOn), service } },
  ]);
  return { ...result, referral: result.acknowledged ? result.payload!.referral : null };
}

export async function acceptReferral(
  c: GraphQLClient,
  referral: { id: string; referredOn?: string },
  acceptedOn?: string,
): Promise<MutationResult<Payload<'referral', ReferralNode>>> {
  const date = acceptedOn ?? later(daysAgo(randomInt(0, 5)), referral.referredOn);
  return c.mutate<Payload<'referral', ReferralNode>>('acceptReferral', ops.ACCEPT_REFERRAL, { referralId: referral.id, acceptedOn: date }, (p) => [
    { type: 'Referral', key: keyOf(p.referral!.id, 'Referral'), state: 'ACCEPTED', columns: { accepted_on: date } },
  ]);
}

export async function closeReferral(c: GraphQLClient, referralId: string): Promise<MutationResult<Payload<'referral', ReferralNode>>> {
  const input = { referralId, closedOn: today(), reason: pick(CLOSE_REASONS) };
  return c.mutate<Payload<'referral', ReferralNode>>('closeReferral', ops.CLOSE_REFERRAL, input, (p) => [
    { type: 'Referral', key: keyOf(p.referral!.id, 'Referral'), state: 'CLOSED', columns: { closed_on: input.closedOn, close_reason: input.reason } },
  ]);
}

export async function convertSelfReferral(
  c: GraphQLClient,
  selfReferralId: string,
  childId: string,
): Promise<MutationResult<Payload<'referral', ReferralNode>>> {
  return c.mutate<Payload<'referral', ReferralNode>>('convertSelfReferral', ops.CONVERT_SELF_REFERRAL, { selfReferralId, childId }, (p): RecordCheck[] => [
    {
      type: 'Referral',
      key: keyOf(p.referral!.id, 'Referral'),
      state: 'NEW',
      columns: { source: 'SELF', self_referral_id: keyOf(selfReferralId, 'SelfReferral') },
    },
    { type: 'SelfReferral', key: keyOf(selfReferralId, 'SelfReferral'), state: 'CONVERTED', columns: { referral_id: keyOf(p.referral!.id, 'Referral') } },
  ]);
}

export async function dismissSelfReferral(
  c: GraphQLClient,
  selfReferralId: string,
): Promise<MutationResult<Payload<'selfReferral', { id: string; status: string }>>> {
  return c.mutate<Payload<'selfReferral', { id: string; status: string }>>('dismissSelfReferral', ops.DISMISS_SELF_REFERRAL, { selfReferralId }, (p) => [
    { type: 'SelfReferral', key: keyOf(p.selfReferral!.id, 'SelfReferral'), state: 'DISMISSED' },
  ]);
}

export async function submitSelfReferral(c: GraphQLClient, councilCode: string, service: Service): Promise<MutationResult<Payload<'receiptNumber', string>>> {
  const input = {
    localAuthorityCode: councilCode,
    service,
    ageYears: randomInt(8, 20),
    message: chance(0.7) ? 'I would like someone to talk to and go places with.' : null,
    contact: chance(0.5) ? 'via my social worker' : null,
  };
  return c.mutate<Payload<'receiptNumber', string>>('submitSelfReferral', ops.SUBMIT_SELF_REFERRAL, input, (p) => [
    { type: 'SelfReferral', key: p.receiptNumber!, byReceipt: true, state: 'NEW', columns: { council_code: councilCode, service } },
  ]);
}

export async function commissionProvider(
  c: GraphQLClient,
  providerId: string,
  councilCode: string,
  service: Service,
  as: 'admin' | 'officer' = 'admin',
): Promise<MutationResult<Payload<'commission', { id: string }>>> {
  // A random start date, so most commissions are new (a repeat is an expected CONFLICT). An officer
  // may not backdate one (COMMISSION_BACKDATE_DAYS, default 0): theirs start from today on.
  const startsOn = as === 'admin' ? daysAgo(randomInt(1, 3000)) : daysAgo(-randomInt(0, 3000));
  const input = { providerId, localAuthorityCode: councilCode, service, startsOn, ...(chance(0.3) ? { endsOn: daysAgo(-randomInt(30, 700)) } : {}) };
  return c.mutate<Payload<'commission', { id: string }>>('commissionProvider', ops.COMMISSION_PROVIDER, input, (p) => [
    { type: 'Commission', key: keyOf(p.commission!.id, 'Commission'), columns: { starts_on: startsOn, council_code: councilCode, service } },
  ]);
}

export async function createProvider(c: GraphQLClient): Promise<MutationResult<Payload<'provider', { id: string }>>> {
  const name = `Load test provider ${unique()}`;
  return c.mutate<Payload<'provider', { id: string }>>(
    'createProvider',
    ops.CREATE_PROVIDER,
    { name, kind: pick(['CHARITY', 'COUNCIL_TEAM', 'OTHER']) },
    (p) => [{ type: 'Provider', key: keyOf(p.provider!.id, 'Provider'), columns: { name } }],
  );
}

// ---------------------------------------------------------------- providers

export async function registerVolunteer(
  c: GraphQLClient,
  providerId: string,
  homeCouncil: string,
  maxMatches = randomInt(1, 3),
): Promise<MutationResult<Payload<'volunteer', VolunteerNode>>> {
  const input = {
    providerId,
    homeLocalAuthorityCode: homeCouncil,
    gender: pick(GENDERS),
    languages: chance(0.8) ? ['english'] : some(LANGUAGES, 2),
    interests: some(INTERESTS, 4),
    maxMatches,
    appliedOn: daysAgo(randomInt(200, 400)),
  };
  return c.mutate<Payload<'volunteer', VolunteerNode>>('registerVolunteer', ops.REGISTER_VOLUNTEER, input, (p) => [
    {
      type: 'Volunteer',
      key: keyOf(p.volunteer!.id, 'Volunteer'),
      state: p.volunteer!.status,
      columns: { max_matches: maxMatches, applied_on: input.appliedOn },
    },
  ]);
}

export async function recordVetting(
  c: GraphQLClient,
  volunteer: { id: string; appliedOn?: string },
): Promise<MutationResult<Payload<'volunteer', VolunteerNode>>> {
  const input = {
    volunteerId: volunteer.id,
    dbsIssuedOn: daysAgo(randomInt(30, 300)),
    dbsUpdateService: chance(0.3),
    referencesReceived: chance(0.9) ? 2 : 1,
    trainingCompletedOn: later(daysAgo(randomInt(10, 100)), volunteer.appliedOn),
  };
  return c.mutate<Payload<'volunteer', VolunteerNode>>('recordVolunteerVetting', ops.RECORD_VOLUNTEER_VETTING, input, (p) => [
    { type: 'Volunteer', key: keyOf(p.volunteer!.id, 'Volunteer'), state: p.volunteer!.status },
  ]);
}

export async function approveVolunteer(
  c: GraphQLClient,
  volunteer: { id: string; trainingCompletedOn?: string | null },
): Promise<MutationResult<Payload<'volunteer', VolunteerNode>>> {
  const approvedOn = later(daysAgo(randomInt(0, 5)), volunteer.trainingCompletedOn);
  return c.mutate<Payload<'volunteer', VolunteerNode>>('approveVolunteer', ops.APPROVE_VOLUNTEER, { volunteerId: volunteer.id, approvedOn }, (p) => [
    { type: 'Volunteer', key: keyOf(p.volunteer!.id, 'Volunteer'), state: 'APPROVED' },
  ]);
}

export async function proposeMatch(
  c: GraphQLClient,
  referralId: string,
  volunteerId: string,
  proposedOn = today(),
): Promise<MutationResult<Payload<'match', MatchNode>>> {
  return c.mutate<Payload<'match', MatchNode>>('proposeMatch', ops.PROPOSE_MATCH, { referralId, volunteerId, proposedOn }, (p) => [
    {
      type: 'Match',
      key: keyOf(p.match!.id, 'Match'),
      state: 'PROPOSED',
      columns: { referral_id: keyOf(referralId, 'Referral'), volunteer_id: keyOf(volunteerId, 'Volunteer'), proposed_on: proposedOn },
    },
  ]);
}

export async function startMatch(c: GraphQLClient, match: { id: string; proposedOn?: string }): Promise<MutationResult<Payload<'match', MatchNode>>> {
  // The first meeting, recorded up to a week late (never before the proposal).
  const startedOn = later(daysAgo(randomInt(0, 7)), match.proposedOn);
  return c.mutate<Payload<'match', MatchNode>>('startMatch', ops.START_MATCH, { matchId: match.id, startedOn }, (p): RecordCheck[] => [
    { type: 'Match', key: keyOf(p.match!.id, 'Match'), state: 'ACTIVE', columns: { started_on: startedOn } },
    ...(p.match!.referral
      ? [{ type: 'Referral' as const, key: keyOf(p.match!.referral.id, 'Referral'), state: 'MATCHED', columns: { matched_on: startedOn } }]
      : []),
  ]);
}

export async function endMatch(c: GraphQLClient, matchId: string): Promise<MutationResult<Payload<'match', MatchNode>>> {
  const input = { matchId, endedOn: today(), reason: pick(END_REASONS) };
  return c.mutate<Payload<'match', MatchNode>>('endMatch', ops.END_MATCH, input, (p) => [
    { type: 'Match', key: keyOf(p.match!.id, 'Match'), state: 'ENDED', columns: { ended_on: input.endedOn, end_reason: input.reason } },
  ]);
}

export async function cancelMatch(c: GraphQLClient, matchId: string): Promise<MutationResult<Payload<'match', MatchNode>>> {
  return c.mutate<Payload<'match', MatchNode>>('cancelMatch', ops.CANCEL_MATCH, { matchId, reason: 'Volunteer no longer available (load test).' }, (p) => [
    { type: 'Match', key: keyOf(p.match!.id, 'Match'), state: 'CANCELLED' },
  ]);
}

export async function logVisit(c: GraphQLClient, match: { id: string; startedOn?: string | null }): Promise<MutationResult<Payload<'visit', { id: string }>>> {
  return sendVisit(c, match, visitInput(match));
}

/**
 * One visit logged by a client that does not hear back in time and sends the same request again,
 * `attempts` times in all, at once, with one idempotency key: every answer must name one visit.
 */
export async function retriedLogVisit(
  c: GraphQLClient,
  match: { id: string; startedOn?: string | null },
  attempts: number,
): Promise<MutationResult<Payload<'visit', { id: string }>>[]> {
  const input = { ...visitInput(match), idempotencyKey: `load-visit-${randomUUID()}` };
  return Promise.all(Array.from({ length: attempts }, () => sendVisit(c, match, input)));
}

function visitInput(match: { id: string; startedOn?: string | null }) {
  return { matchId: match.id, visitedOn: later(daysAgo(randomInt(0, 20)), match.startedOn), durationMinutes: randomInt(20, 240), kind: pick(VISIT_KINDS) };
}

function sendVisit(
  c: GraphQLClient,
  match: { id: string },
  input: ReturnType<typeof visitInput> & { idempotencyKey?: string },
): Promise<MutationResult<Payload<'visit', { id: string }>>> {
  return c.mutate<Payload<'visit', { id: string }>>('logVisit', ops.LOG_VISIT, input, (p) => [
    {
      type: 'Visit',
      key: keyOf(p.visit!.id, 'Visit'),
      columns: { match_id: keyOf(match.id, 'Match'), visited_on: input.visitedOn, duration_minutes: input.durationMinutes },
    },
  ]);
}

/** A fresh child with an ACCEPTED referral (three acknowledged mutations), or null when a step was refused. */
export async function freshAcceptedReferral(officer: GraphQLClient, councilCode: string, service: Service): Promise<ReferralNode | null> {
  const child = await registerChild(officer, councilCode);
  if (!child.childId) return null;
  const created = await createReferral(officer, child.childId, service, { referredOn: daysAgo(randomInt(10, 40)) });
  if (!created.referral) return null;
  const accepted = await acceptReferral(officer, created.referral);
  return accepted.acknowledged ? accepted.payload!.referral : null;
}

/** A fresh child with a NEW referral, or null. */
export async function freshNewReferral(officer: GraphQLClient, councilCode: string, service: Service): Promise<ReferralNode | null> {
  const child = await registerChild(officer, councilCode);
  if (!child.childId) return null;
  return (await createReferral(officer, child.childId, service, { referredOn: daysAgo(randomInt(10, 40)) })).referral;
}

/** A fresh APPROVED volunteer with a valid DBS check, or null. */
export async function freshApprovedVolunteer(
  coordinator: GraphQLClient,
  providerId: string,
  homeCouncil: string,
  maxMatches: number,
): Promise<VolunteerNode | null> {
  const registered = await registerVolunteer(coordinator, providerId, homeCouncil, maxMatches);
  if (!registered.acknowledged) return null;
  const volunteer = registered.payload!.volunteer!;
  const input = { volunteerId: volunteer.id, dbsIssuedOn: daysAgo(100), dbsUpdateService: false, referencesReceived: 2, trainingCompletedOn: daysAgo(60) };
  const vetted = await coordinator.mutate<Payload<'volunteer', VolunteerNode>>('recordVolunteerVetting', ops.RECORD_VOLUNTEER_VETTING, input, (p) => [
    { type: 'Volunteer', key: keyOf(p.volunteer!.id, 'Volunteer'), state: p.volunteer!.status },
  ]);
  if (!vetted.acknowledged) return null;
  const approved = await approveVolunteer(coordinator, { id: volunteer.id, trainingCompletedOn: input.trainingCompletedOn });
  return approved.acknowledged ? approved.payload!.volunteer : null;
}
