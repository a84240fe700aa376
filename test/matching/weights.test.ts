import { DEFAULT_MATCHING_WEIGHTS, matchingWeightsFromEnv } from '../../src/config';

describe('matchingWeightsFromEnv', () => {
  it('defaults every weight', () => {
    expect(matchingWeightsFromEnv({})).toEqual(DEFAULT_MATCHING_WEIGHTS);
  });

  it('reads MATCH_WEIGHT_* variables', () => {
    expect(matchingWeightsFromEnv({ MATCH_WEIGHT_DISTANCE: '50', MATCH_WEIGHT_DISTANCE_RANGE_KM: '30', MATCH_WEIGHT_INTERESTS_FOR_FULL: '4' })).toMatchObject({
      distance: 50,
      distanceRangeKm: 30,
      interestsForFull: 4,
      sharedInterests: DEFAULT_MATCHING_WEIGHTS.sharedInterests,
    });
  });

  it.each([
    ['MATCH_WEIGHT_DISTANCE', 'lots', /^MATCH_WEIGHT_DISTANCE: expected a number; got "lots"\.$/],
    ['MATCH_WEIGHT_EXPERIENCE', '-1', /^MATCH_WEIGHT_EXPERIENCE: expected a number from 0 to 1000; got "-1"\.$/],
    ['MATCH_WEIGHT_MATCHES_FOR_FULL', '2.5', /^MATCH_WEIGHT_MATCHES_FOR_FULL: expected a whole number; got "2.5"\.$/],
    ['MATCH_WEIGHT_DISTANCE_RANGE_KM', '0', /^MATCH_WEIGHT_DISTANCE_RANGE_KM: expected 1 to 1000 km; got "0"\.$/],
  ])('refuses %s=%s naming the variable', (variable, value, message) => {
    expect(() => matchingWeightsFromEnv({ [variable]: value })).toThrow(message);
  });

  it('refuses MATCH_WEIGHT_WAITING_PRIORITY, which the plan no longer uses', () => {
    expect(() => matchingWeightsFromEnv({ MATCH_WEIGHT_WAITING_PRIORITY: '100' })).toThrow(/^MATCH_WEIGHT_WAITING_PRIORITY is no longer used/);
  });
});
