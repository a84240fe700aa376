import type { EntityManager } from 'typeorm';
import { rows } from '../database/sql';
import { matchScope } from '../auth/scope';
import type { Principal } from '../auth/viewer';
import type { MutationOutcome } from '../audit/mutation';
import { assertTransition, Transitions } from '../graphql/stateMachine';
import { invalid, notFound, UserFacingError } from '../graphql/userErrors';
import { boundedText, integerInRange, notBefore, notInFuture, recordKey } from '../graphql/validate';
import { lockReferral, REFERRAL_TRANSITIONS } from '../referrals/referral.service';
import { ReferralStatus } from '../referrals/referral.types';
import { lockVolunteer } from '../volunteers/volunteer.service';
import { dbsValidOn, VolunteerStatus } from '../volunteers/volunteer.types';
import { MATCH_COLUMNS, MatchRow, VisitRow } from './match.queries';
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
  const [open] = await rows<unknown>(manager, `select 1 from matches where referral_id = $1::uuid and status in ('PROPOSED', 'ACTIVE')`, [referral.referral_id]);
  if (open) throw new UserFacingError('CONFLICT', 'The referral already has a PROPOSED or ACTIVE match: cancel or end it first.', 'referralId');
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
  const [commission] = await rows<unknown>(manager, 
    `select 1 from commissions where provider_id = $1::uuid and council_code = $2::text and service = $3::text
       and starts_on <= $4::date and (ends_on is null or ends_on >= $4::date)`,
    [volunteer.provider_id, referral.council_code, referral.service, input.proposedOn],
  );
  if (!commission) {
    throw new UserFacingError(
      'NOT_COMMISSIONED',
      `The volunteer's provider is not commissioned by council ${referral.council_code} for ${referral.service} on ${input.proposedOn}.`,
      'volunteerId',
    );
  }
  const taken = await rows(manager, 
    `update volunteers set open_matches = open_matches + 1 where volunteer_id = $1::uuid and open_matches < max_matches returning volunteer_id`,
    [volunteer.volunteer_id],
  );
  if (taken.length === 0) {
    throw new UserFacingError('CAPACITY_REACHED', `The volunteer already has ${volunteer.max_matches} open match(es), their maximum.`, 'volunteerId');
  }
  const [match] = await rows<MatchRow>(manager, 
    `insert into matches as m (referral_id, volunteer_id, proposed_on) values ($1::uuid, $2::uuid, $3::date) returning ${MATCH_COLUMNS}`,
    [referral.referral_id, volunteer.volunteer_id, input.proposedOn],
  );
  return { result: match, audit: { recordType: 'Match', recordId: match.match_id, changedFields: ['referralId', 'volunteerId', 'proposedOn', 'status'] } };
}

async function lockMatch(manager: EntityManager, principal: Principal | null, matchId: string): Promise<MatchRow> {
  const key = recordKey('matchId', matchId, MATCH_TYPE, 'match');
  const params: unknown[] = [key];
  const [match] = await rows<MatchRow>(manager, 
    `select ${MATCH_COLUMNS} from matches m where m.match_id = $1::uuid and ${matchScope(principal, 'm', params)} for update`,
    params,
  );
  if (!match) throw notFound('match', 'matchId');
  return match;
}

async function releaseCapacity(manager: EntityManager, volunteerId: string): Promise<void> {
  await rows(manager, 'update volunteers set open_matches = open_matches - 1 where volunteer_id = $1::uuid', [volunteerId]);
}

export async function startMatch(manager: EntityManager, principal: Principal | null, input: StartMatchInput): Promise<MutationOutcome<MatchRow>> {
  const match = await lockMatch(manager, principal, input.matchId);
  assertTransition(MATCH_TRANSITIONS, 'The match', match.status as MatchStatus, MatchStatus.ACTIVE, 'matchId');
  notInFuture('startedOn', input.startedOn);
  notBefore('startedOn', input.startedOn, 'proposedOn', match.proposed_on);
  const [referral] = await rows<{ status: string }>(manager, 'select status from referrals where referral_id = $1::uuid for update', [match.referral_id]);
  assertTransition(REFERRAL_TRANSITIONS, 'The referral', referral.status as ReferralStatus, ReferralStatus.MATCHED, 'matchId');
  const [started] = await rows<MatchRow>(manager, 
    `update matches m set status = 'ACTIVE', started_on = $2::date where m.match_id = $1::uuid returning ${MATCH_COLUMNS}`,
    [match.match_id, input.startedOn],
  );
  // The first meeting is when the referral counts as matched (reports/METRICS.md).
  await rows(manager, `update referrals set status = 'MATCHED', matched_on = $2::date where referral_id = $1::uuid`, [match.referral_id, input.startedOn]);
  return { result: started, audit: { recordType: 'Match', recordId: match.match_id, changedFields: ['status', 'startedOn'] } };
}

export async function endMatch(manager: EntityManager, principal: Principal | null, input: EndMatchInput): Promise<MutationOutcome<MatchRow>> {
  const match = await lockMatch(manager, principal, input.matchId);
  assertTransition(MATCH_TRANSITIONS, 'The match', match.status as MatchStatus, MatchStatus.ENDED, 'matchId');
  notInFuture('endedOn', input.endedOn);
  notBefore('endedOn', input.endedOn, 'startedOn', match.started_on!);
  const [lastVisit] = await rows<{ last: string | null }>(manager, 'select max(visited_on) as last from visits where match_id = $1::uuid', [match.match_id]);
  if (lastVisit?.last && input.endedOn < lastVisit.last) throw invalid('endedOn', `endedOn (${input.endedOn}) cannot be before the last logged visit (${lastVisit.last}).`);
  const [ended] = await rows<MatchRow>(manager, 
    `update matches m set status = 'ENDED', ended_on = $2::date, end_reason = $3::text where m.match_id = $1::uuid returning ${MATCH_COLUMNS}`,
    [match.match_id, input.endedOn, input.reason],
  );
  await releaseCapacity(manager, match.volunteer_id);
  return { result: ended, audit: { recordType: 'Match', recordId: match.match_id, changedFields: ['status', 'endedOn', 'endReason'] } };
}

export async function cancelMatch(manager: EntityManager, principal: Principal | null, input: CancelMatchInput): Promise<MutationOutcome<MatchRow>> {
  const match = await lockMatch(manager, principal, input.matchId);
  assertTransition(MATCH_TRANSITIONS, 'The match', match.status as MatchStatus, MatchStatus.CANCELLED, 'matchId');
  const reason = boundedText('reason', input.reason, 500, true);
  const [cancelled] = await rows<MatchRow>(manager, 
    `update matches m set status = 'CANCELLED', cancelled_on = greatest(current_date, m.proposed_on), cancel_reason = $2::text
     where m.match_id = $1::uuid returning ${MATCH_COLUMNS}`,
    [match.match_id, reason],
  );
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
  if (match.ended_on && input.visitedOn > match.ended_on) throw invalid('visitedOn', `visitedOn (${input.visitedOn}) cannot be after the match ended (${match.ended_on}).`);
  integerInRange('durationMinutes', input.durationMinutes, 1, 1440);
  const [visit] = await rows<VisitRow>(manager, 
    `insert into visits (match_id, visited_on, duration_minutes, kind) values ($1::uuid, $2::date, $3::smallint, $4::text)
     returning visit_id, match_id, visited_on, duration_minutes, kind`,
    [match.match_id, input.visitedOn, input.durationMinutes, input.kind],
  );
  return { result: visit, audit: { recordType: 'Visit', recordId: visit.visit_id, changedFields: ['matchId', 'visitedOn', 'durationMinutes', 'kind'] } };
}
