import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import type { Principal } from '../auth/viewer';
import type { Service } from '../graphql/enums';
import { badInput, keyOfGlobalId, pageSize } from '../graphql/relay';
import { Referral, REFERRAL_TYPE } from '../referrals/referral.types';
import { Volunteer } from '../volunteers/volunteer.types';
import { ExclusionCount, MatchFactor, MatchingPlan, MatchSuggestion } from './matching.types';
import { MatchingReferralRow, readCandidates, readMatchingReferral, readVolunteerExclusions, readWaitingReferrals, toPlanReferral } from './matching.queries';
import { planMatches } from './plan';
import { compareScored, exclusionList, pairExclusion, pairExclusionCounts, ScoredFactor, scorePair } from './scoring';
import type { MatchingWeights } from '../config';

const points = (tenths: number) => tenths / 10;
const toFactors = (factors: ScoredFactor[]): MatchFactor[] =>
  factors.map((factor) => ({ name: factor.name, points: points(factor.tenths), explanation: factor.explanation }));

/**
 * The same answer for a referral that does not exist and one outside the caller's scope, so
 * neither leaks that the other exists. A query has no `errors` payload, so this is a bad-input
 * error on the argument, as for any other query argument.
 */
function referralNotFound(): GraphQLError {
  return badInput('No referral with that ID that you can access.', 'referralId');
}

/** A NEW or ACCEPTED referral the caller may see, or a bad-input error on `referralId`. */
async function suggestableReferral(db: DataSource, principal: Principal | null, referralId: string): Promise<MatchingReferralRow> {
  const key = keyOfGlobalId(referralId, REFERRAL_TYPE);
  if (!key || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(key)) throw referralNotFound();
  const row = await readMatchingReferral(db, principal, key);
  if (!row) throw referralNotFound();
  if (row.status !== 'NEW' && row.status !== 'ACCEPTED') {
    throw badInput(`The referral is ${row.status}; suggestions are for NEW or ACCEPTED referrals.`, 'referralId');
  }
  return row;
}

/**
 * Ranked volunteers for one referral: two statements (the referral, the prefiltered candidates),
 * then the pair constraints and scoring in code.
 */
export async function suggestVolunteers(
  db: DataSource,
  principal: Principal | null,
  referralId: string,
  first: number | null | undefined,
  weights: MatchingWeights,
  today: string,
): Promise<MatchSuggestion[]> {
  const limit = pageSize(first);
  const row = await suggestableReferral(db, principal, referralId);
  const referral = toPlanReferral(row);
  const candidates = await readCandidates(db, principal, row.council_code, row.service, today);
  return candidates
    .filter((candidate) => pairExclusion(referral, candidate) === null)
    .map((candidate) => ({ candidate, volunteerId: candidate.volunteerId, ...scorePair(referral, candidate, weights) }))
    .sort(compareScored)
    .slice(0, limit)
    .map((scored) => ({
      volunteer: Volunteer.fromRow(scored.candidate.row),
      score: points(scored.tenths),
      factors: toFactors(scored.factors),
      distanceKm: scored.distanceKm === null ? null : Math.round(scored.distanceKm * 10) / 10,
    }));
}

/**
 * Why volunteers were left out of suggestedVolunteers for one referral, per hard constraint: the
 * volunteer-level counts (one statement) and the pair-level ones among the candidates (the same
 * statement as suggestedVolunteers). The matching plan gives the same counts for an unmatched child.
 */
export async function suggestionExclusions(db: DataSource, principal: Principal | null, referralId: string, today: string): Promise<ExclusionCount[]> {
  const row = await suggestableReferral(db, principal, referralId);
  const [volunteerLevel, candidates] = await Promise.all([
    readVolunteerExclusions(db, principal, row.council_code, row.service, today),
    readCandidates(db, principal, row.council_code, row.service, today),
  ]);
  return exclusionList(volunteerLevel, pairExclusionCounts(toPlanReferral(row), candidates));
}

/** The plan for a council's waiting list as the caller may see it; nothing is written. */
export async function buildMatchingPlan(
  db: DataSource,
  principal: Principal | null,
  councilCode: string,
  service: Service,
  weights: MatchingWeights,
  today: string,
): Promise<MatchingPlan> {
  const rows = await readWaitingReferrals(db, principal, councilCode, service);
  const candidates = rows.length > 0 ? await readCandidates(db, principal, councilCode, service, today) : [];
  const byKey = new Map<string, MatchingReferralRow>(rows.map((row) => [row.referral_id, row]));
  const referral = (key: string) => Referral.fromRow(byKey.get(key)!);
  const plan = planMatches({ referrals: rows.map(toPlanReferral), candidates, weights, today });
  return {
    localAuthorityCode: councilCode,
    service,
    pairs: plan.pairs.map((pair) => ({
      referral: referral(pair.referral.referralId),
      volunteer: Volunteer.fromRow(pair.candidate.row),
      score: points(pair.scored.tenths),
      factors: toFactors(pair.scored.factors),
      waitingDays: pair.waitingDays,
    })),
    unmatched: plan.unmatched
      .sort((a, b) => b.waitingDays - a.waitingDays || (a.referral.referralId < b.referral.referralId ? -1 : 1))
      .map((entry) => ({
        referral: referral(entry.referral.referralId),
        reason: entry.reason,
        explanation: entry.explanation,
        eligibleVolunteers: entry.eligibleVolunteers,
        waitingDays: entry.waitingDays,
        pairExclusions: entry.pairExclusions,
        exclusionsKey: `${councilCode}|${service}|${today}`,
      })),
    totalScore: points(plan.totalTenths),
    matched: plan.pairs.length,
    waitingChildren: rows.length,
    availableVolunteers: candidates.length,
    greedyMatched: plan.greedyPairs.length,
    greedyTotalScore: points(plan.greedyTotalTenths),
  };
}
