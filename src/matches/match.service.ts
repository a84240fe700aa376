import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/viewer';
import type { MutationOutcome } from '../audit/mutation';
import { assertTransition, Transitions } from '../graphql/stateMachine';
import { invalid, notFound, UserFacingError } from '../graphql/userErrors';
import { boundedText, integerInRange, notBefore, notInFuture, recordKey } from '../graphql/validate';
import { lockReferralStatus, markReferralMatched } from '../referrals/referral.queries';
import { lockReferral, REFERRAL_TRANSITIONS } from '../referrals/referral.service';
import { ReferralStatus } from '../referrals/referral.types';
import { lockVolunteer } from '../volunteers/volunteer.service';
import { dbsValidOn, VolunteerStatus } from '../volunteers/volunteer.types';
import {
  hasOpenMatch,
  insertMatch,
  insertVisit,
  isCommissioned,
  lastVisitOn,
  lockMatchRow,
  markMatchCancelled,
  markMatchEnded,
  markMatchStarted,
  MatchRow,
  releaseCapacity,
  takeCapacity,
  VisitRow,
} from './match.queries';
import { CancelMatchInput, EndMatchInput, LogVisitInput, MATCH_TYPE, MatchStatus, ProposeMatchInput, StartMatchInput } from './match.types';

export const MATCH_TRANSITIONS: Transitions<MatchStatus> = {
  PROPOSED: [MatchStatus.ACTIVE, MatchStatus.CANCELLED],
  ACTIVE: [MatchStatus.ENDED],
  ENDED: [],
  CANCELLED: [],
};

/**
 * Proposing is where races happen (two coordinators, one volunteer or one referral). The
 * referral row is locked first, so two proposals for one referral queue up and the second sees
 * the first's match; the volunteer's capacity is taken by a conditional UPDATE, which PostgreSQL
 * re-checks against the committed row after waiting for its lock. The partial unique index and
 * the capacity CHECK back both up if code ever changes.
 */
export async function proposeMatch(manager: EntityManager, principal: Principal | null, input: ProposeMatchInput): Promise<MutationOutcome<MatchRow>> {
  const referral = await lockReferral(manager, principal, input.referralId);
  if (referral.status !== ReferralStatus.ACCEPTED) {
    throw new UserFacingError('INVALID_TRANSITION', `The referral is ${referral.status}; only an ACCEPTED referral can be matched.`, 'referralId');
  }
  const volunteer = await lockVolunteer(manager, principal, input.volunteerId);
  notInFuture('proposedOn', input.proposedOn);
  notBefore('proposedOn', input.proposedOn, "the referral's acceptedOn", referral.accepted_on!);
  if (await hasOpenMatch(manager, referral.referral_id))
    throw new UserFacingError('CONFLICT', 'The referral already has a PROPOSED or ACTIVE match: cancel or end it first.', 'referralId');
  if (volunteer.status !== VolunteerStatus.APPROVED) {
    throw invalid('volunteerId', `The volunteer is ${volunteer.status}; only an APPROVED volunteer can be matched.`);
  }
  if (!dbsValidOn(volunteer, input.proposedOn)) {
    throw new UserFacingError(
      'DBS_EXPIRED',
      `The volunteer's DBS check (issued ${volunteer.dbs_issued_on ?? 'never'}) is not valid on ${input.proposedOn}: it must be under 3 years old or on the update service. Record a renewed check first.`,
      'volunteerId',
    );
  }
  const commission = await isCommissioned(manager, volunteer.provider_id, referral.council_code, referral.service, input.proposedOn);
  if (!commission) {
    throw new UserFacingError(
      'NOT_COMMISSIONED',
      `The volunteer's provider is not commissioned by council ${referral.council_code} for ${referral.service} on ${input.proposedOn}.`,
      'volunteerId',
    );
  }
  const taken = await takeCapacity(manager, volunteer.volunteer_id);
  if (!taken) {
    throw new UserFacingError('CAPACITY_REACHED', `The volunteer already has ${volunteer.max_matches} open match(es), their maximum.`, 'volunteerId');
  }
  const match = await insertMatch(manager, referral.referral_id, volunteer.volunteer_id, input.proposedOn);
  return { result: match, audit: { recordType: 'Match', recordId: match.match_id, changedFields: ['referralId', 'volunteerId', 'proposedOn', 'status'] } };
}

async function lockMatch(manager: EntityManager, principal: Principal | null, matchId: string): Promise<MatchRow> {
  const key = recordKey('matchId', matchId, MATCH_TYPE, 'match');
  const match = await lockMatchRow(manager, principal, key);
  if (!match) throw notFound('match', 'matchId');
  return match;
}

export async function startMatch(manager: EntityManager, principal: Principal | null, input: StartMatchInput): Promise<MutationOutcome<MatchRow>> {
  const match = await lockMatch(manager, principal, input.matchId);
  assertTransition(MATCH_TRANSITIONS, 'The match', match.status as MatchStatus, MatchStatus.ACTIVE, 'matchId');
  notInFuture('startedOn', input.startedOn);
  notBefore('startedOn', input.startedOn, 'proposedOn', match.proposed_on);
  const referralStatus = await lockReferralStatus(manager, match.referral_id);
  assertTransition(REFERRAL_TRANSITIONS, 'The referral', referralStatus as ReferralStatus, ReferralStatus.MATCHED, 'matchId');
  const started = await markMatchStarted(manager, match.match_id, input.startedOn);
  // The first meeting is when the referral counts as matched (reports/METRICS.md).
  await markReferralMatched(manager, match.referral_id, input.startedOn);
  return { result: started, audit: { recordType: 'Match', recordId: match.match_id, changedFields: ['status', 'startedOn'] } };
}

export async function endMatch(manager: EntityManager, principal: Principal | null, input: EndMatchInput): Promise<MutationOutcome<MatchRow>> {
  const match = await lockMatch(manager, principal, input.matchId);
  assertTransition(MATCH_TRANSITIONS, 'The match', match.status as MatchStatus, MatchStatus.ENDED, 'matchId');
  notInFuture('endedOn', input.endedOn);
  notBefore('endedOn', input.endedOn, 'startedOn', match.started_on!);
  const lastVisit = await lastVisitOn(manager, match.match_id);
  if (lastVisit && input.endedOn < lastVisit) throw invalid('endedOn', `endedOn (${input.endedOn}) cannot be before the last logged visit (${lastVisit}).`);
  const ended = await markMatchEnded(manager, match.match_id, input.endedOn, input.reason);
  await releaseCapacity(manager, match.volunteer_id);
  return { result: ended, audit: { recordType: 'Match', recordId: match.match_id, changedFields: ['status', 'endedOn', 'endReason'] } };
}

export async function cancelMatch(manager: EntityManager, principal: Principal | null, input: CancelMatchInput): Promise<MutationOutcome<MatchRow>> {
  const match = await lockMatch(manager, principal, input.matchId);
  assertTransition(MATCH_TRANSITIONS, 'The match', match.status as MatchStatus, MatchStatus.CANCELLED, 'matchId');
  const reason = boundedText('reason', input.reason, 500, true);
  const cancelled = await markMatchCancelled(manager, match.match_id, reason);
  await releaseCapacity(manager, match.volunteer_id);
  return { result: cancelled, audit: { recordType: 'Match', recordId: match.match_id, changedFields: ['status', 'cancelledOn', 'cancelReason'] } };
}

export async function logVisit(manager: EntityManager, principal: Principal | null, input: LogVisitInput): Promise<MutationOutcome<VisitRow>> {
  const match = await lockMatch(manager, principal, input.matchId);
  if (match.status !== MatchStatus.ACTIVE && match.status !== MatchStatus.ENDED) {
    throw new UserFacingError('INVALID_TRANSITION', `The match is ${match.status}; visits can be logged only for an ACTIVE or ENDED match.`, 'matchId');
  }
  notInFuture('visitedOn', input.visitedOn);
  notBefore('visitedOn', input.visitedOn, 'startedOn', match.started_on!);
  if (match.ended_on && input.visitedOn > match.ended_on)
    throw invalid('visitedOn', `visitedOn (${input.visitedOn}) cannot be after the match ended (${match.ended_on}).`);
  integerInRange('durationMinutes', input.durationMinutes, 1, 1440);
  const visit = await insertVisit(manager, {
    match_id: match.match_id,
    visited_on: input.visitedOn,
    duration_minutes: input.durationMinutes,
    kind: input.kind,
  });
  return { result: visit, audit: { recordType: 'Visit', recordId: visit.visit_id, changedFields: ['matchId', 'visitedOn', 'durationMinutes', 'kind'] } };
}
