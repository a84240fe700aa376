import { z } from 'zod';

/**
 * How much each soft factor of a match suggestion can contribute, in points. A suggestion's score
 * is the sum of its factors' points, so with the defaults a perfect candidate scores 100. Every
 * weight is configuration (MATCH_WEIGHT_* environment variables, README "Match suggestions").
 */
export type MatchingWeights = {
  /** Points for living at the placement; they fall linearly to 0 at `distanceRangeKm`. */
  distance: number;
  /** Distance (km) at and beyond which the distance factor gives nothing. */
  distanceRangeKm: number;
  /** Points for sharing `interestsForFull` or more interests with the child (pro rata below). */
  sharedInterests: number;
  /** Shared interests that earn the full interest points. */
  interestsForFull: number;
  /** Points for speaking one of the child's languages other than English. */
  sharedLanguages: number;
  /** Points for meeting the child's gender preference (when it is a preference, not a requirement, it decides nothing else). */
  genderPreference: number;
  /** Points for speaking a language the referral prefers. */
  languagePreference: number;
  /** Points for `matchesForFull` or more past matches that started (pro rata below). */
  experience: number;
  /** Matches that earn the full experience points. */
  matchesForFull: number;
};

export const DEFAULT_MATCHING_WEIGHTS: Readonly<MatchingWeights> = Object.freeze({
  distance: 35,
  distanceRangeKm: 60,
  sharedInterests: 25,
  interestsForFull: 3,
  sharedLanguages: 10,
  genderPreference: 10,
  languagePreference: 10,
  experience: 10,
  matchesForFull: 3,
});

/** The environment variable behind each weight. */
export const MATCHING_WEIGHT_VARIABLES: Readonly<Record<keyof MatchingWeights, string>> = Object.freeze({
  distance: 'MATCH_WEIGHT_DISTANCE',
  distanceRangeKm: 'MATCH_WEIGHT_DISTANCE_RANGE_KM',
  sharedInterests: 'MATCH_WEIGHT_SHARED_INTERESTS',
  interestsForFull: 'MATCH_WEIGHT_INTERESTS_FOR_FULL',
  sharedLanguages: 'MATCH_WEIGHT_SHARED_LANGUAGES',
  genderPreference: 'MATCH_WEIGHT_GENDER_PREFERENCE',
  languagePreference: 'MATCH_WEIGHT_LANGUAGE_PREFERENCE',
  experience: 'MATCH_WEIGHT_EXPERIENCE',
  matchesForFull: 'MATCH_WEIGHT_MATCHES_FOR_FULL',
});

const points = z.coerce.number({ message: 'expected a number' }).min(0, 'expected a number from 0 to 1000').max(1000, 'expected a number from 0 to 1000');
const positiveCount = z.coerce.number({ message: 'expected a whole number' }).int('expected a whole number').min(1, 'expected a whole number from 1 to 100').max(100, 'expected a whole number from 1 to 100');
const kilometres = z.coerce.number({ message: 'expected a number of kilometres' }).min(1, 'expected 1 to 1000 km').max(1000, 'expected 1 to 1000 km');

const SCHEMAS: Record<keyof MatchingWeights, z.ZodType<number>> = {
  distance: points,
  distanceRangeKm: kilometres,
  sharedInterests: points,
  interestsForFull: positiveCount,
  sharedLanguages: points,
  genderPreference: points,
  languagePreference: points,
  experience: points,
  matchesForFull: positiveCount,
};

/**
 * The weights from MATCH_WEIGHT_* variables, each defaulting to DEFAULT_MATCHING_WEIGHTS. A bad
 * value throws an Error naming the variable, what was expected and what was given.
 */
export function matchingWeightsFromEnv(env: NodeJS.ProcessEnv): MatchingWeights {
  const weights = { ...DEFAULT_MATCHING_WEIGHTS };
  // The plan ranks waiting time before score (src/matching/plan.ts); a waiting bonus in points
  // no longer exists, and a setting that silently did nothing would mislead whoever set it.
  if (env.MATCH_WEIGHT_WAITING_PRIORITY !== undefined && env.MATCH_WEIGHT_WAITING_PRIORITY.trim() !== '') {
    throw new Error('MATCH_WEIGHT_WAITING_PRIORITY is no longer used: the matching plan matches the longest-waiting children first whatever their scores. Remove the variable.');
  }
  for (const key of Object.keys(SCHEMAS) as (keyof MatchingWeights)[]) {
    const variable = MATCHING_WEIGHT_VARIABLES[key];
    const raw = env[variable];
    if (raw === undefined || raw.trim() === '') continue;
    const parsed = SCHEMAS[key].safeParse(raw.trim());
    if (!parsed.success) {
      throw new Error(`${variable}: ${parsed.error.issues[0]?.message ?? 'invalid value'}; got ${JSON.stringify(raw.slice(0, 40))}.`);
    }
    weights[key] = parsed.data;
  }
  return weights;
}
