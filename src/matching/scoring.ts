import type { VolunteerRow } from '../volunteers/volunteer.queries';
import type { MatchingWeights } from '../config';

/**
 * Hard constraints that depend on the pair (a child and a volunteer) and the soft factors that
 * rank the volunteers left. Pure functions: the volunteer-level constraints (APPROVED, DBS valid
 * on the day, spare capacity, provider commissioned) are applied in SQL by matching.queries.ts,
 * which hands over only volunteers that pass them.
 *
 * Points are kept in tenths (integers) so that the factors add up to the score exactly.
 */

/** Where a council area is: its centroid and area (council_centroids). */
export type Place = { latitude: number; longitude: number; areaKm2: number };

/** What matching needs to know about a referral and its child. */
export type MatchingReferral = {
  referralId: string;
  childId: string;
  acceptedOn: string | null;
  placementCouncilCode: string;
  placement: Place | null;
  childInterests: string[];
  childLanguages: string[];
  preferredGender: string | null;
  genderRequired: boolean;
  preferredLanguages: string[];
  languageRequired: boolean;
  /** Volunteers whose earlier match with this child ended because the child objected. */
  objectedVolunteerIds: Set<string>;
};

/** A volunteer who passed the volunteer-level constraints. */
export type Candidate = {
  volunteerId: string;
  homeCouncilCode: string;
  home: Place | null;
  gender: string;
  languages: string[];
  interests: string[];
  spareCapacity: number;
  /** Earlier matches of this volunteer that started (ACTIVE or ENDED). */
  matchesStarted: number;
  row: VolunteerRow;
};

export enum MatchFactorName {
  DISTANCE = 'DISTANCE',
  SHARED_INTERESTS = 'SHARED_INTERESTS',
  SHARED_LANGUAGES = 'SHARED_LANGUAGES',
  GENDER_PREFERENCE = 'GENDER_PREFERENCE',
  LANGUAGE_PREFERENCE = 'LANGUAGE_PREFERENCE',
  EXPERIENCE = 'EXPERIENCE',
}

export type ScoredFactor = { name: MatchFactorName; tenths: number; explanation: string };
export type ScoredPair = { tenths: number; distanceKm: number | null; factors: ScoredFactor[] };

/** Why a volunteer who is otherwise available cannot be matched with this child. */
export enum PairExclusion {
  GENDER_REQUIRED = 'GENDER_REQUIRED',
  LANGUAGE_REQUIRED = 'LANGUAGE_REQUIRED',
  CHILD_OBJECTED = 'CHILD_OBJECTED',
}

/**
 * Every hard constraint, in the order a volunteer is checked against them: a volunteer left out
 * is counted under the first one they break. The first four depend on the volunteer alone (SQL,
 * matching.queries.ts), the last three on the pair (PairExclusion, same names).
 */
export enum HardConstraint {
  PROVIDER_NOT_COMMISSIONED = 'PROVIDER_NOT_COMMISSIONED',
  NOT_APPROVED = 'NOT_APPROVED',
  DBS_NOT_VALID = 'DBS_NOT_VALID',
  NO_SPARE_CAPACITY = 'NO_SPARE_CAPACITY',
  CHILD_OBJECTED = 'CHILD_OBJECTED',
  GENDER_REQUIRED = 'GENDER_REQUIRED',
  LANGUAGE_REQUIRED = 'LANGUAGE_REQUIRED',
}

export type ExclusionCounts = Map<HardConstraint, number>;

/** How many of `candidates` each pair constraint leaves out for the referral. */
export function pairExclusionCounts(referral: MatchingReferral, candidates: Candidate[]): ExclusionCounts {
  const counts: ExclusionCounts = new Map();
  for (const candidate of candidates) {
    const exclusion = pairExclusion(referral, candidate);
    if (exclusion) counts.set(HardConstraint[exclusion], (counts.get(HardConstraint[exclusion]) ?? 0) + 1);
  }
  return counts;
}

/** Volunteer-level and pair-level counts together, in HardConstraint order, without zeros. */
export function exclusionList(...parts: ExclusionCounts[]): { constraint: HardConstraint; count: number }[] {
  return Object.values(HardConstraint)
    .map((constraint) => ({ constraint, count: parts.reduce((sum, part) => sum + (part.get(constraint) ?? 0), 0) }))
    .filter((entry) => entry.count > 0);
}

/** The language nearly everyone shares; sharing it is not a reason to pick a volunteer. */
export const COMMON_LANGUAGE = 'english';

const lower = (value: string) => value.toLowerCase();
const humanGender = (gender: string) => lower(gender).replace('_', '-');

/** The first hard constraint the pair breaks, or null when the volunteer may be matched. */
export function pairExclusion(referral: MatchingReferral, candidate: Candidate): PairExclusion | null {
  if (referral.objectedVolunteerIds.has(candidate.volunteerId)) return PairExclusion.CHILD_OBJECTED;
  if (referral.genderRequired && referral.preferredGender && candidate.gender !== referral.preferredGender) return PairExclusion.GENDER_REQUIRED;
  if (
    referral.languageRequired &&
    referral.preferredLanguages.length > 0 &&
    !referral.preferredLanguages.some((language) => candidate.languages.includes(language))
  ) {
    return PairExclusion.LANGUAGE_REQUIRED;
  }
  return null;
}

/** Words for `count` volunteers excluded for one reason, e.g. in an unmatched child's explanation. */
export function describeExclusion(exclusion: PairExclusion, referral: MatchingReferral, count: number): string {
  const one = count === 1;
  switch (exclusion) {
    case PairExclusion.CHILD_OBJECTED:
      return `${count} had a match the child ended by objecting`;
    case PairExclusion.GENDER_REQUIRED:
      return `${count} ${one ? 'is' : 'are'} not ${humanGender(referral.preferredGender ?? '')} (required)`;
    case PairExclusion.LANGUAGE_REQUIRED:
      return `${count} ${one ? 'does' : 'do'} not speak ${referral.preferredLanguages.join(' or ')} (required)`;
  }
}

const EARTH_RADIUS_KM = 6371;

/**
 * Kilometres between the volunteer's home area and the placement area: the great-circle distance
 * between the two centroids, or, within one area, about half the width of the area (the mean
 * distance between two points in a square of side s is about 0.52 s). Null when a centroid is missing.
 */
export function distanceKm(homeCode: string, home: Place | null, placementCode: string, placement: Place | null): number | null {
  if (!home || !placement) return null;
  if (homeCode === placementCode) return 0.52 * Math.sqrt(placement.areaKm2);
  const rad = Math.PI / 180;
  const dLat = (placement.latitude - home.latitude) * rad;
  const dLon = (placement.longitude - home.longitude) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(home.latitude * rad) * Math.cos(placement.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

const tenths = (points: number) => Math.round(points * 10);
const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** Scores a pair that passed the hard constraints: each factor's points and why, adding up to the score. */
export function scorePair(referral: MatchingReferral, candidate: Candidate, weights: MatchingWeights): ScoredPair {
  const factors: ScoredFactor[] = [];

  const km = distanceKm(candidate.homeCouncilCode, candidate.home, referral.placementCouncilCode, referral.placement);
  if (km === null) {
    factors.push({ name: MatchFactorName.DISTANCE, tenths: 0, explanation: 'distance unknown: no location held for the home or placement area' });
  } else {
    const shown = Math.round(km);
    factors.push({
      name: MatchFactorName.DISTANCE,
      tenths: tenths(weights.distance * Math.max(0, 1 - km / weights.distanceRangeKm)),
      explanation:
        candidate.homeCouncilCode === referral.placementCouncilCode
          ? `lives in the same council area as the placement (about ${shown} km)`
          : `lives ${shown} km from the placement${km >= weights.distanceRangeKm ? ` (${weights.distanceRangeKm} km or more scores nothing)` : ''}`,
    });
  }

  const interests = referral.childInterests.filter((interest) => candidate.interests.includes(interest));
  factors.push({
    name: MatchFactorName.SHARED_INTERESTS,
    tenths: tenths((weights.sharedInterests * Math.min(interests.length, weights.interestsForFull)) / weights.interestsForFull),
    explanation:
      interests.length === 0 ? "shares none of the child's interests" : `shares ${plural(interests.length, 'interest', 'interests')}: ${interests.join(', ')}`,
  });

  const childLanguages = referral.childLanguages.filter((language) => language !== COMMON_LANGUAGE);
  const languages = childLanguages.filter((language) => candidate.languages.includes(language));
  factors.push({
    name: MatchFactorName.SHARED_LANGUAGES,
    tenths: languages.length > 0 ? tenths(weights.sharedLanguages) : 0,
    explanation:
      childLanguages.length === 0
        ? 'the child speaks no language other than English'
        : languages.length > 0
          ? `speaks ${languages.join(' and ')}, as the child does`
          : `does not speak ${childLanguages.join(' or ')}, which the child speaks`,
  });

  if (!referral.preferredGender) {
    factors.push({ name: MatchFactorName.GENDER_PREFERENCE, tenths: 0, explanation: 'the child has no gender preference' });
  } else {
    const met = candidate.gender === referral.preferredGender;
    const wish = referral.genderRequired ? 'asked for (required)' : 'prefers';
    factors.push({
      name: MatchFactorName.GENDER_PREFERENCE,
      tenths: met ? tenths(weights.genderPreference) : 0,
      explanation: met
        ? `is ${humanGender(candidate.gender)}, as the child ${wish}`
        : `is ${humanGender(candidate.gender)}; the child ${wish} a ${humanGender(referral.preferredGender)} volunteer`,
    });
  }

  if (referral.preferredLanguages.length === 0) {
    factors.push({ name: MatchFactorName.LANGUAGE_PREFERENCE, tenths: 0, explanation: 'the referral states no language preference' });
  } else {
    const spoken = referral.preferredLanguages.filter((language) => candidate.languages.includes(language));
    const wish = referral.languageRequired ? 'requires' : 'prefers';
    factors.push({
      name: MatchFactorName.LANGUAGE_PREFERENCE,
      tenths: spoken.length > 0 ? tenths(weights.languagePreference) : 0,
      explanation:
        spoken.length > 0
          ? `speaks ${spoken.join(' and ')}, as the referral ${wish}`
          : `does not speak ${referral.preferredLanguages.join(' or ')}, which the referral ${wish}`,
    });
  }

  factors.push({
    name: MatchFactorName.EXPERIENCE,
    tenths: tenths((weights.experience * Math.min(candidate.matchesStarted, weights.matchesForFull)) / weights.matchesForFull),
    explanation:
      candidate.matchesStarted === 0
        ? 'has not been matched with a child before'
        : `has been matched with ${plural(candidate.matchesStarted, 'child', 'children')} before`,
  });

  return { tenths: factors.reduce((sum, factor) => sum + factor.tenths, 0), distanceKm: km, factors };
}

/** Highest score first; equal scores by volunteer ID, so the order never depends on the database. */
export function compareScored(a: { tenths: number; volunteerId: string }, b: { tenths: number; volunteerId: string }): number {
  return b.tenths - a.tenths || (a.volunteerId < b.volunteerId ? -1 : a.volunteerId > b.volunteerId ? 1 : 0);
}
