import { keyOfGlobalId } from '../../src/graphql/relay';
import { VOLUNTEER_TYPE } from '../../src/volunteers/volunteer.types';
import { admin, analyst, coordinator, officer } from '../support/fixtures';
import { createTestDatabase, TestDatabase } from '../support/testDatabase';
import { TestServer } from '../support/testServer';
import { MatchingFixtures, SUGGESTIONS, SuggestionsData } from './matchingFixtures';

/**
 * suggestedVolunteers through the API: each hard constraint excludes exactly the volunteer built
 * to break it and no other, the factors add up to the score, equal scores come in volunteer-ID
 * order, and only those who can see the referral get suggestions.
 */
let database: TestDatabase;
let server: TestServer;
let fixtures: MatchingFixtures;

const HARTLEPOOL = 'E06000001';
const MIDDLESBROUGH = 'E06000002';
const DARLINGTON = 'E06000005';

beforeAll(async () => {
  database = await createTestDatabase();
  server = await TestServer.start(database.dataSource);
  fixtures = new MatchingFixtures(server);
});

afterAll(async () => {
  await server.stop();
  await database.drop();
});

async function suggestions(referralId: string, as = admin, first = 100) {
  const result = await server.execute<SuggestionsData, { referralId: string; first: number }>(SUGGESTIONS, { referralId, first }, as);
  return result;
}

describe('hard constraints', () => {
  // Every volunteer is a female Polish speaker of a commissioned provider with a valid DBS check
  // and spare capacity, except for the one property each is named after.
  const ids: Record<string, string> = {};
  let referralId: string;

  beforeAll(async () => {
    const provider = await fixtures.provider([HARTLEPOOL]);
    const elsewhere = await fixtures.provider([MIDDLESBROUGH]);
    const polish = { gender: 'FEMALE' as const, languages: ['english', 'polish'] };

    const earlier = await fixtures.referral(HARTLEPOOL, { acceptedDaysAgo: 200, interests: ['art'], languages: ['english', 'polish'] });
    ids.objected = await fixtures.volunteer(provider, polish);
    await fixtures.endedMatch(earlier.referralId, ids.objected, 'CHILD_OBJECTED', 150);
    const later = await fixtures.referral(HARTLEPOOL, { childId: earlier.childId, acceptedDaysAgo: 100 });
    ids.endedOtherwise = await fixtures.volunteer(provider, polish);
    await fixtures.endedMatch(later.referralId, ids.endedOtherwise, 'PLANNED_ENDING', 90);

    ({ referralId } = await fixtures.referral(HARTLEPOOL, {
      childId: earlier.childId,
      acceptedDaysAgo: 10,
      preferences: { volunteerGender: 'FEMALE', volunteerGenderRequired: true, languages: ['polish'], languageRequired: true },
    }));

    ids.eligible = await fixtures.volunteer(provider, polish);
    ids.notApproved = await fixtures.volunteer(provider, { ...polish, approved: false });
    ids.dbsExpired = await fixtures.volunteer(provider, { ...polish, dbsIssuedDaysAgo: 3 * 365 + 5 });
    ids.dbsOldButUpdateService = await fixtures.volunteer(provider, { ...polish, dbsIssuedDaysAgo: 3 * 365 + 5, dbsUpdateService: true });
    ids.full = await fixtures.volunteer(provider, polish);
    ids.spareOfTwo = await fixtures.volunteer(provider, { ...polish, maxMatches: 2 });
    const other = await fixtures.referral(HARTLEPOOL, { acceptedDaysAgo: 20 });
    await fixtures.propose(other.referralId, ids.full, 5);
    const another = await fixtures.referral(HARTLEPOOL, { acceptedDaysAgo: 20 });
    await fixtures.propose(another.referralId, ids.spareOfTwo, 5);
    ids.notCommissioned = await fixtures.volunteer(elsewhere, polish);
    ids.male = await fixtures.volunteer(provider, { ...polish, gender: 'MALE' });
    ids.noPolish = await fixtures.volunteer(provider, { gender: 'FEMALE', languages: ['english'] });
  });

  it('leaves exactly the volunteers who break none', async () => {
    const result = await suggestions(referralId);
    expect(result.errors).toBeUndefined();
    const suggested = new Set(result.data!.suggestedVolunteers.map((s) => s.volunteer.id));
    const expected = ['eligible', 'dbsOldButUpdateService', 'spareOfTwo', 'endedOtherwise'];
    expect([...suggested].sort()).toEqual(expected.map((name) => ids[name]).sort());
    for (const excluded of ['objected', 'notApproved', 'dbsExpired', 'full', 'notCommissioned', 'male', 'noPolish']) {
      expect({ excluded, suggested: suggested.has(ids[excluded]) }).toEqual({ excluded, suggested: false });
    }
  });

  it('each factor adds up to the score and says why in words', async () => {
    const { data } = await suggestions(referralId);
    for (const suggestion of data!.suggestedVolunteers) {
      const sum = suggestion.factors.reduce((total, factor) => total + Math.round(factor.points * 10), 0);
      expect(sum).toBe(Math.round(suggestion.score * 10));
      expect(suggestion.factors.map((factor) => factor.name)).toEqual([
        'DISTANCE',
        'SHARED_INTERESTS',
        'SHARED_LANGUAGES',
        'GENDER_PREFERENCE',
        'LANGUAGE_PREFERENCE',
        'EXPERIENCE',
      ]);
    }
    const endedOtherwise = data!.suggestedVolunteers.find((s) => s.volunteer.id === ids.endedOtherwise)!;
    const explanations = Object.fromEntries(endedOtherwise.factors.map((factor) => [factor.name, factor.explanation]));
    expect(explanations).toEqual({
      DISTANCE: expect.stringMatching(/^lives in the same council area as the placement \(about \d+ km\)$/),
      SHARED_INTERESTS: "shares none of the child's interests",
      SHARED_LANGUAGES: 'speaks polish, as the child does',
      GENDER_PREFERENCE: 'is female, as the child asked for (required)',
      LANGUAGE_PREFERENCE: 'speaks polish, as the referral requires',
      EXPERIENCE: 'has been matched with 1 child before',
    });
    // The experienced volunteer ranks first; the rest tie and follow in volunteer-ID order.
    expect(data!.suggestedVolunteers[0].volunteer.id).toBe(ids.endedOtherwise);
  });
});

describe('ranking', () => {
  let referralId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const provider = await fixtures.provider([DARLINGTON]);
    ({ referralId } = await fixtures.referral(DARLINGTON, { interests: ['art', 'football', 'music'], languages: ['english'] }));
    ids.near = await fixtures.volunteer(provider, { home: DARLINGTON, interests: ['art', 'football', 'music'] });
    ids.twinA = await fixtures.volunteer(provider, { home: 'E06000004', interests: ['football'] });
    ids.twinB = await fixtures.volunteer(provider, { home: 'E06000004', interests: ['football'] });
    ids.twinC = await fixtures.volunteer(provider, { home: 'E06000004', interests: ['football'] });
    ids.far = await fixtures.volunteer(provider, { home: 'E09000001', interests: ['football'] });
  });

  it('ranks by score, explains distance and interests, and orders equal scores by volunteer ID', async () => {
    const { data, errors } = await suggestions(referralId, officer(DARLINGTON));
    expect(errors).toBeUndefined();
    const list = data!.suggestedVolunteers;
    // Volunteer-ID order is the order of the UUID keys (compareScored), not of the base64 global
    // IDs, which can sort differently (this test failed now and then on random UUIDs).
    const byKey = (a: string, b: string) => (keyOfGlobalId(a, VOLUNTEER_TYPE)! < keyOfGlobalId(b, VOLUNTEER_TYPE)! ? -1 : 1);
    expect(list.map((s) => s.volunteer.id)).toEqual([ids.near, ...[ids.twinA, ids.twinB, ids.twinC].sort(byKey), ids.far]);
    const near = Object.fromEntries(list[0].factors.map((f) => [f.name, f.explanation]));
    expect(near.SHARED_INTERESTS).toBe('shares 3 interests: art, football, music');
    const twin = Object.fromEntries(list[1].factors.map((f) => [f.name, f.explanation]));
    expect(twin.SHARED_INTERESTS).toBe('shares 1 interest: football');
    // Stockton-on-Tees to Darlington, centroid to centroid.
    expect(twin.DISTANCE).toMatch(/^lives 1\d km from the placement$/);
    expect(list[1].score).toBe(list[2].score);
    expect(list[2].score).toBe(list[3].score);
    // The City of London is far beyond the distance range: no distance points.
    expect(list[4].factors.find((f) => f.name === 'DISTANCE')).toMatchObject({
      points: 0,
      explanation: expect.stringMatching(/^lives \d{3} km from the placement/),
    });
    // Asked again, the same order.
    const again = await suggestions(referralId, officer(DARLINGTON));
    expect(again.data!.suggestedVolunteers.map((s) => s.volunteer.id)).toEqual(list.map((s) => s.volunteer.id));
  });

  it('honours `first` and runs a fixed number of statements', async () => {
    const result = await suggestions(referralId, officer(DARLINGTON), 2);
    expect(result.data!.suggestedVolunteers).toHaveLength(2);
    // referral, candidates, then one batched provider lookup for the volunteers shown
    expect(result.statements).toBeLessThanOrEqual(3);
    const bad = await suggestions(referralId, officer(DARLINGTON), 0);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('scope', () => {
  let referralId: string;
  let commissioned: string;
  let secondCommissioned: string;
  let notCommissioned: string;
  const volunteers: Record<string, string> = {};

  beforeAll(async () => {
    commissioned = await fixtures.provider([HARTLEPOOL]);
    secondCommissioned = await fixtures.provider([HARTLEPOOL]);
    notCommissioned = await fixtures.provider([MIDDLESBROUGH]);
    ({ referralId } = await fixtures.referral(HARTLEPOOL));
    volunteers.first = await fixtures.volunteer(commissioned);
    volunteers.second = await fixtures.volunteer(secondCommissioned);
    volunteers.elsewhere = await fixtures.volunteer(notCommissioned);
  });

  it("shows a council's officer every commissioned provider's volunteers", async () => {
    const { data } = await suggestions(referralId, officer(HARTLEPOOL));
    const ids = data!.suggestedVolunteers.map((s) => s.volunteer.id);
    expect(ids).toEqual(expect.arrayContaining([volunteers.first, volunteers.second]));
    expect(ids).not.toContain(volunteers.elsewhere);
  });

  it("shows a commissioned coordinator only their own provider's volunteers", async () => {
    const { data, errors } = await suggestions(referralId, coordinator(commissioned));
    expect(errors).toBeUndefined();
    expect(new Set(data!.suggestedVolunteers.map((s) => s.volunteer.provider!.id))).toEqual(new Set([commissioned]));
  });

  it('answers "no referral you can access" to anyone who cannot see the referral, as for one that does not exist', async () => {
    for (const principal of [coordinator(notCommissioned), officer(MIDDLESBROUGH), analyst, null]) {
      const result = await suggestions(referralId, principal as never);
      expect(result.data).toBeNull();
      expect(result.errors?.[0]).toMatchObject({
        message: 'No referral with that ID that you can access.',
        extensions: { code: 'BAD_USER_INPUT', argument: 'referralId' },
      });
    }
    const missing = await suggestions(Buffer.from('Referral:00000000-0000-4000-8000-000000000000').toString('base64url'), admin);
    expect(missing.errors?.[0]).toMatchObject({
      message: 'No referral with that ID that you can access.',
      extensions: { code: 'BAD_USER_INPUT', argument: 'referralId' },
    });
  });
});
