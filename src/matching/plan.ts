import { munkres } from 'munkres';
import { daysBetween } from '../graphql/dates';
import {
  Candidate,
  compareScored,
  describeExclusion,
  ExclusionCounts,
  HardConstraint,
  MatchingReferral,
  pairExclusion,
  PairExclusion,
  pairExclusionCounts,
  ScoredPair,
  scorePair,
} from './scoring';
import type { MatchingWeights } from '../config';

/**
 * One volunteer per waiting child across a whole waiting list. The objective is lexicographic:
 *   1. as many children matched as the hard constraints allow;
 *   2. then the longest waiting first: of two plans, the one whose longest-waiting matched child
 *      waited longer wins, ties go to the next-longest, and so on (children accepted on the same
 *      day wait equally long);
 *   3. then the highest total score.
 *
 * Adding a waiting bonus to the score (as this plan once did, 100 points a year) cannot express
 * 2: a child accepted 180 days ago scoring 20 loses to one accepted 20 days ago scoring 77. Exact
 * dominating weights can (each waiting-time rank worth more than every rank below it together),
 * but they grow like 2^n, beyond a double's 53 bits for a waiting list of 60, and `munkres`
 * computes in doubles. So the plan is solved in two exact steps instead:
 *
 * Step 1 (levels 1 and 2). The sets of children that can all be matched at once form a
 * transversal matroid, so the greedy algorithm over it is optimal: take the children longest
 * waiting first and keep each one for whom an augmenting path exists (Kuhn's algorithm, with
 * volunteers' spare places as capacities). The set it keeps has the most children and, for every
 * waiting time t, the most children who waited at least t, which is exactly levels 1 and 2. What
 * step 2 needs from it is only how many children of each waiting time are matched (a quota).
 *
 * Step 2 (level 3). An assignment problem solved by `munkres` (Hungarian algorithm, rectangular
 * matrices): rows are the children with an eligible volunteer, columns the volunteers' spare
 * places plus, for each waiting time, as many "stays unmatched" columns as step 1 left children
 * of that waiting time unmatched, usable only by those children. So every complete assignment
 * matches at least each quota, hence exactly the quotas (step 1's total is the maximum), and
 * munkres picks the one with the highest total score. Cells are small integers (tenths of points,
 * or a forbidden cost larger than every score together), so the solver is exact.
 */

export enum UnmatchedReason {
  NO_ELIGIBLE_VOLUNTEER = 'NO_ELIGIBLE_VOLUNTEER',
  VOLUNTEERS_PLANNED_ELSEWHERE = 'VOLUNTEERS_PLANNED_ELSEWHERE',
  HAS_OPEN_MATCH = 'HAS_OPEN_MATCH',
}

export type PlanReferral = MatchingReferral & { hasOpenMatch: boolean };

export type PlannedPairResult = { referral: PlanReferral; candidate: Candidate; scored: ScoredPair; waitingDays: number };
export type UnmatchedResult = {
  referral: PlanReferral;
  reason: UnmatchedReason;
  explanation: string;
  eligibleVolunteers: number;
  waitingDays: number;
  /** Available volunteers left out by each pair constraint (suggestionExclusions gives the same). */
  pairExclusions: ExclusionCounts;
};

export type PlanResult = {
  pairs: PlannedPairResult[];
  unmatched: UnmatchedResult[];
  totalTenths: number;
  greedyPairs: { referralId: string; volunteerId: string; tenths: number }[];
  greedyTotalTenths: number;
};

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
  const capacity = candidates.map((candidate) => Math.min(candidate.spareCapacity, open.length));
  const eligibleCandidates = scores.map((row) => row.flatMap((cell, index) => (typeof cell === 'string' ? [] : [index])));
  const days = open.map(waitingDays);

  // Step 1: how many children of each waiting time the plan matches.
  const longestWaitingFirst = open.map((_, row) => row).sort((a, b) => days[b] - days[a] || a - b);
  const matchable = matchLongestWaitingFirst(longestWaitingFirst, eligibleCandidates, capacity);
  const quota = new Map<number, number>();
  open.forEach((_, row) => {
    if (matchable[row]) quota.set(days[row], (quota.get(days[row]) ?? 0) + 1);
  });

  // Step 2: the highest total score with exactly those quotas.
  const assigned = bestScoreWithinQuotas(
    open.map((_, row) => row).filter((row) => eligible[row] > 0),
    days,
    quota,
    capacity,
    scores,
  );

  const pairs: PlannedPairResult[] = [];
  const unmatched: UnmatchedResult[] = [];
  let totalTenths = 0;
  open.forEach((referral, row) => {
    const candidateIndex = assigned.get(row);
    if (candidateIndex !== undefined) {
      const scored = scores[row][candidateIndex] as ScoredPair;
      pairs.push({ referral, candidate: candidates[candidateIndex], scored, waitingDays: days[row] });
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
      pairExclusions: pairExclusionCounts(referral, candidates),
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

/**
 * Step 1: greedy over the transversal matroid, longest waiting first (Kuhn's augmenting paths with
 * capacities). `order` lists rows longest waiting first; `eligibleCandidates[row]` the candidates
 * the child may have. Returns, per row, whether the child is in the set matched.
 */
export function matchLongestWaitingFirst(order: number[], eligibleCandidates: number[][], capacity: number[]): boolean[] {
  const holders: number[][] = capacity.map(() => []);
  const matched = new Array<boolean>(eligibleCandidates.length).fill(false);
  // An augmenting path from `row`: a candidate with a free place, or one whose child can move on.
  const augment = (row: number, visited: boolean[]): boolean => {
    for (const candidate of eligibleCandidates[row]) {
      if (visited[candidate] || capacity[candidate] === 0) continue;
      visited[candidate] = true;
      const held = holders[candidate];
      if (held.length < capacity[candidate]) {
        held.push(row);
        return true;
      }
      for (let place = 0; place < held.length; place += 1) {
        if (augment(held[place], visited)) {
          held[place] = row;
          return true;
        }
      }
    }
    return false;
  };
  for (const row of order) {
    if (eligibleCandidates[row].length > 0 && augment(row, new Array<boolean>(capacity.length).fill(false))) matched[row] = true;
  }
  return matched;
}

/**
 * Step 2: the assignment with the highest total score that matches exactly `quota.get(d)` of the
 * given rows waiting `d` days, as munkres solves it. Returns the candidate index per matched row.
 */
function bestScoreWithinQuotas(
  rows: number[],
  days: number[],
  quota: Map<number, number>,
  capacity: number[],
  scores: (ScoredPair | PairExclusion)[][],
): Map<number, number> {
  const assigned = new Map<number, number>();
  if (rows.length === 0) return assigned;
  const slots: number[] = capacity.flatMap((places, candidate) => new Array<number>(places).fill(candidate));
  // "Stays unmatched" columns: for each waiting time, the children of it that step 1 left out.
  const unmatchedColumns: number[] = [];
  const rowsByDays = new Map<number, number>();
  for (const row of rows) rowsByDays.set(days[row], (rowsByDays.get(days[row]) ?? 0) + 1);
  for (const [waited, count] of rowsByDays) {
    for (let left = count - (quota.get(waited) ?? 0); left > 0; left -= 1) unmatchedColumns.push(waited);
  }
  let highest = 0;
  for (const row of rows) for (const cell of scores[row]) if (typeof cell !== 'string') highest = Math.max(highest, cell.tenths);
  const forbidden = 1 + rows.length * (highest + 1);
  const costs = rows.map((row) => [
    ...slots.map((candidate) => {
      const cell = scores[row][candidate];
      return typeof cell === 'string' ? forbidden : -cell.tenths;
    }),
    ...unmatchedColumns.map((waited) => (waited === days[row] ? 0 : forbidden)),
  ]);
  for (const [index, column] of munkres(costs)) {
    // Step 1's matching is a complete assignment without forbidden cells, so the optimum has none.
    if (costs[index][column] >= forbidden) throw new Error('matching plan: the assignment used a forbidden pair');
    if (column < slots.length) assigned.set(rows[index], slots[column]);
  }
  return assigned;
}

function explainUnmatched(
  referral: PlanReferral,
  row: (ScoredPair | PairExclusion)[],
  eligibleVolunteers: number,
  waitingDays: number,
  available: number,
): UnmatchedResult {
  const pairExclusions: ExclusionCounts = new Map();
  for (const cell of row) if (typeof cell === 'string') pairExclusions.set(HardConstraint[cell], (pairExclusions.get(HardConstraint[cell]) ?? 0) + 1);
  if (eligibleVolunteers > 0) {
    return {
      referral,
      reason: UnmatchedReason.VOLUNTEERS_PLANNED_ELSEWHERE,
      explanation: `${eligibleVolunteers} eligible volunteer${eligibleVolunteers === 1 ? ' is' : 's are'} all planned for other children, so that more children, or children who have waited longer, are matched`,
      eligibleVolunteers,
      waitingDays,
      pairExclusions,
    };
  }
  if (available === 0) {
    return {
      referral,
      reason: UnmatchedReason.NO_ELIGIBLE_VOLUNTEER,
      explanation: 'no volunteer is available: none of a commissioned provider is APPROVED with a valid DBS check and spare capacity',
      eligibleVolunteers: 0,
      waitingDays,
      pairExclusions,
    };
  }
  const reasons = [...pairExclusions.entries()].map(([constraint, count]) =>
    describeExclusion(PairExclusion[constraint as keyof typeof PairExclusion], referral, count),
  );
  return {
    referral,
    reason: UnmatchedReason.NO_ELIGIBLE_VOLUNTEER,
    explanation: `none of the ${available} available volunteer${available === 1 ? '' : 's'} meets the child's requirements: ${reasons.join('; ')}`,
    eligibleVolunteers: 0,
    waitingDays,
    pairExclusions,
  };
}
