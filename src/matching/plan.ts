import { munkres } from 'munkres';
import { daysBetween } from '../graphql/dates';
import { Candidate, compareScored, describeExclusion, MatchingReferral, pairExclusion, PairExclusion, ScoredPair, scorePair } from './scoring';
import type { MatchingWeights } from './weights';

/**
 * One volunteer per waiting child across a whole waiting list, as a linear assignment problem
 * solved by the `munkres` library (Hungarian algorithm, rectangular matrices).
 *
 * Rows are the waiting children, columns the volunteers' free places (a volunteer with two spare
 * places is two columns) plus one "stays unmatched" column per child. The value of giving child i
 * a place of volunteer v is, lexicographically:
 *   1. matching the child at all (MATCHED_CHILD_VALUE, larger than any score and priority), so
 *      the plan matches as many children as the hard constraints allow;
 *   2. the child's waiting priority, the same whichever volunteer the child gets, so it decides
 *      which children are matched when places run short (longest waiting first), never with whom;
 *   3. the pair's score.
 * Pairs that break a hard constraint cost more than leaving the child unmatched, so they are never
 * chosen. All values are integers (tenths of points), so the solver works exactly.
 */

export enum UnmatchedReason {
  NO_ELIGIBLE_VOLUNTEER = 'NO_ELIGIBLE_VOLUNTEER',
  VOLUNTEERS_PLANNED_ELSEWHERE = 'VOLUNTEERS_PLANNED_ELSEWHERE',
  HAS_OPEN_MATCH = 'HAS_OPEN_MATCH',
}

export type PlanReferral = MatchingReferral & { hasOpenMatch: boolean };

export type PlannedPairResult = { referral: PlanReferral; candidate: Candidate; scored: ScoredPair; waitingDays: number };
export type UnmatchedResult = { referral: PlanReferral; reason: UnmatchedReason; explanation: string; eligibleVolunteers: number; waitingDays: number };

export type PlanResult = {
  pairs: PlannedPairResult[];
  unmatched: UnmatchedResult[];
  totalTenths: number;
  greedyPairs: { referralId: string; volunteerId: string; tenths: number }[];
  greedyTotalTenths: number;
};

const MATCHED_CHILD_VALUE = 10_000_000;
const FORBIDDEN_COST = 1_000_000_000;
/** The waiting priority stops growing after two years. */
const PRIORITY_CAP_DAYS = 730;

export function waitingPriorityTenths(waitingDays: number, weights: MatchingWeights): number {
  return Math.round((10 * weights.waitingPriority * Math.min(Math.max(waitingDays, 0), PRIORITY_CAP_DAYS)) / 365);
}

type Options = { referrals: PlanReferral[]; candidates: Candidate[]; weights: MatchingWeights; today: string };

/** The optimised plan and, for comparison, greedy oldest-first. `referrals` must be oldest first. */
export function planMatches({ referrals, candidates, weights, today }: Options): PlanResult {
  const waitingDays = (referral: PlanReferral) => (referral.acceptedOn ? daysBetween(referral.acceptedOn, today) : 0);
  const open = referrals.filter((referral) => !referral.hasOpenMatch);

  // Every pair's score, or why it is excluded; computed once and shared by the plan and greedy.
  const scores: (ScoredPair | PairExclusion)[][] = open.map((referral) =>
    candidates.map((candidate) => pairExclusion(referral, candidate) ?? scorePair(referral, candidate, weights)),
  );
  const eligible = scores.map((row) => row.filter((cell) => typeof cell !== 'string').length);

  // A volunteer can take no more children than are waiting, whatever their capacity.
  const slots: number[] = [];
  candidates.forEach((candidate, index) => {
    for (let place = 0; place < Math.min(candidate.spareCapacity, open.length); place += 1) slots.push(index);
  });

  const assignedSlot = new Array<number>(open.length).fill(-1);
  if (open.length > 0 && slots.length > 0) {
    const costs = open.map((referral, row) => {
      const priority = waitingPriorityTenths(waitingDays(referral), weights);
      const line = new Array<number>(slots.length + open.length).fill(0);
      slots.forEach((candidateIndex, column) => {
        const cell = scores[row][candidateIndex];
        line[column] = typeof cell === 'string' ? FORBIDDEN_COST : -(MATCHED_CHILD_VALUE + priority + cell.tenths);
      });
      return line;
    });
    for (const [row, column] of munkres(costs)) {
      if (column < slots.length && costs[row][column] < 0) assignedSlot[row] = column;
    }
  }

  const pairs: PlannedPairResult[] = [];
  const unmatched: UnmatchedResult[] = [];
  let totalTenths = 0;
  open.forEach((referral, row) => {
    const slot = assignedSlot[row];
    if (slot >= 0) {
      const scored = scores[row][slots[slot]] as ScoredPair;
      pairs.push({ referral, candidate: candidates[slots[slot]], scored, waitingDays: waitingDays(referral) });
      totalTenths += scored.tenths;
    } else {
      unmatched.push(explainUnmatched(referral, scores[row], eligible[row], waitingDays(referral), candidates.length));
    }
  });
  for (const referral of referrals.filter((r) => r.hasOpenMatch)) {
    unmatched.push({
      referral,
      reason: UnmatchedReason.HAS_OPEN_MATCH,
      explanation: 'already has a PROPOSED or ACTIVE match; cancel it to plan another',
      eligibleVolunteers: 0,
      waitingDays: waitingDays(referral),
    });
  }

  // Greedy oldest-first: each child in turn takes the best place still free.
  const remaining = candidates.map((candidate) => Math.min(candidate.spareCapacity, open.length));
  const greedyPairs: PlanResult['greedyPairs'] = [];
  open.forEach((referral, row) => {
    let best: { index: number; tenths: number; volunteerId: string } | null = null;
    candidates.forEach((candidate, index) => {
      const cell = scores[row][index];
      if (typeof cell === 'string' || remaining[index] === 0) return;
      const option = { index, tenths: cell.tenths, volunteerId: candidate.volunteerId };
      if (!best || compareScored(option, best) < 0) best = option;
    });
    if (best) {
      const chosen: { index: number; tenths: number; volunteerId: string } = best;
      remaining[chosen.index] -= 1;
      greedyPairs.push({ referralId: referral.referralId, volunteerId: chosen.volunteerId, tenths: chosen.tenths });
    }
  });

  return {
    pairs,
    unmatched,
    totalTenths,
    greedyPairs,
    greedyTotalTenths: greedyPairs.reduce((sum, pair) => sum + pair.tenths, 0),
  };
}

function explainUnmatched(referral: PlanReferral, row: (ScoredPair | PairExclusion)[], eligibleVolunteers: number, waitingDays: number, available: number): UnmatchedResult {
  if (eligibleVolunteers > 0) {
    return {
      referral,
      reason: UnmatchedReason.VOLUNTEERS_PLANNED_ELSEWHERE,
      explanation: `${eligibleVolunteers} eligible volunteer${eligibleVolunteers === 1 ? ' is' : 's are'} all planned for other children, so that more children, or children who have waited longer, are matched`,
      eligibleVolunteers,
      waitingDays,
    };
  }
  if (available === 0) {
    return {
      referral,
      reason: UnmatchedReason.NO_ELIGIBLE_VOLUNTEER,
      explanation: 'no volunteer is available: none of a commissioned provider is APPROVED with a valid DBS check and spare capacity',
      eligibleVolunteers: 0,
      waitingDays,
    };
  }
  const counts = new Map<PairExclusion, number>();
  for (const cell of row) if (typeof cell === 'string') counts.set(cell, (counts.get(cell) ?? 0) + 1);
  const reasons = [...counts.entries()].map(([exclusion, count]) => describeExclusion(exclusion, referral, count));
  return {
    referral,
    reason: UnmatchedReason.NO_ELIGIBLE_VOLUNTEER,
    explanation: `none of the ${available} available volunteer${available === 1 ? '' : 's'} meets the child's requirements: ${reasons.join('; ')}`,
    eligibleVolunteers: 0,
    waitingDays,
  };
}
