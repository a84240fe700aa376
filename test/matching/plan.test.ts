import { planMatches, PlanReferral, UnmatchedReason } from '../../src/matching/plan';
import { Candidate, pairExclusion, scorePair } from '../../src/matching/scoring';
import { DEFAULT_MATCHING_WEIGHTS, MatchingWeights } from '../../src/config';
import type { VolunteerRow } from '../../src/volunteers/volunteer.queries';
import { tableChecksums } from '../support/checksum';
import { admin, officer } from '../support/fixtures';
import { createTestDatabase, TestDatabase } from '../support/testDatabase';
import { TestServer } from '../support/testServer';
import { MatchingFixtures, PLAN, PlanData, SUGGESTIONS, SuggestionsData } from './matchingFixtures';

const TODAY = '2025-11-23';
const HARTLEPOOL = { latitude: 54.66901, longitude: -1.25565, areaKm2: 94 };

function child(id: string, acceptedOn: string, extra: Partial<PlanReferral> = {}): PlanReferral {
  return {
    referralId: id,
    childId: `child-${id}`,
    acceptedOn,
    placementCouncilCode: 'E06000001',
    placement: HARTLEPOOL,
    childInterests: [],
    childLanguages: ['english'],
    preferredGender: null,
    genderRequired: false,
    preferredLanguages: [],
    languageRequired: false,
    objectedVolunteerIds: new Set(),
    hasOpenMatch: false,
    ...extra,
  };
}

function volunteer(id: string, extra: Partial<Candidate> = {}): Candidate {
  return {
    volunteerId: id,
    homeCouncilCode: 'E06000001',
    home: HARTLEPOOL,
    gender: 'FEMALE',
    languages: ['english'],
    interests: [],
    spareCapacity: 1,
    matchesStarted: 0,
    row: {} as VolunteerRow,
    ...extra,
  };
}

// Only interests count in these hand-built cases: 10 points per shared interest, up to 3.
const weights: MatchingWeights = {
  ...DEFAULT_MATCHING_WEIGHTS,
  distance: 0,
  sharedLanguages: 0,
  languagePreference: 0,
  genderPreference: 0,
  experience: 0,
  sharedInterests: 30,
  interestsForFull: 3,
};

describe('planMatches (hand-built)', () => {
  it('beats greedy oldest-first when the oldest child takes the only volunteer another child can have', () => {
    // Ada (waiting longest) shares 3 interests with X and 2 with Y. Ben must have a Polish
    // speaker: only X. Greedy gives Ada X (30 points) and leaves Ben unmatched. The plan gives
    // Ada Y (20) and Ben X (10, one shared interest): two children matched, 30 points.
    const ada = child('a-ada', '2025-01-10', { childInterests: ['art', 'chess', 'football'] });
    const ben = child('b-ben', '2025-06-01', {
      childInterests: ['art'],
      childLanguages: ['english', 'polish'],
      preferredLanguages: ['polish'],
      languageRequired: true,
    });
    const x = volunteer('v-x', { interests: ['art', 'chess', 'football'], languages: ['english', 'polish'] });
    const y = volunteer('v-y', { interests: ['chess', 'football'] });
    expect(scorePair(ada, x, weights).tenths).toBe(300);
    expect(scorePair(ada, y, weights).tenths).toBe(200);
    expect(scorePair(ben, x, weights).tenths).toBe(100);

    const plan = planMatches({ referrals: [ada, ben], candidates: [x, y], weights, today: TODAY });
    expect(plan.pairs.map((pair) => [pair.referral.referralId, pair.candidate.volunteerId])).toEqual([
      ['a-ada', 'v-y'],
      ['b-ben', 'v-x'],
    ]);
    expect(plan.totalTenths).toBe(300);
    expect(plan.unmatched).toEqual([]);
    expect(plan.greedyPairs).toEqual([{ referralId: 'a-ada', volunteerId: 'v-x', tenths: 300 }]);
    expect(plan.greedyTotalTenths).toBe(300);
  });

  it('beats greedy on total score when both match everyone', () => {
    // Greedy: Ada takes X (30) and Ben gets Y (0): 30. Plan: Ada Y (20) + Ben X (30): 50.
    const ada = child('a', '2025-01-10', { childInterests: ['art', 'chess', 'football'] });
    const ben = child('b', '2025-02-10', { childInterests: ['drums', 'judo', 'swimming'] });
    const x = volunteer('x', { interests: ['art', 'chess', 'football', 'drums', 'judo', 'swimming'] });
    const y = volunteer('y', { interests: ['chess', 'football'] });
    const plan = planMatches({ referrals: [ada, ben], candidates: [x, y], weights, today: TODAY });
    expect(plan.pairs.map((pair) => [pair.referral.referralId, pair.candidate.volunteerId])).toEqual([
      ['a', 'y'],
      ['b', 'x'],
    ]);
    expect([plan.totalTenths, plan.greedyTotalTenths]).toEqual([500, 300]);
  });

  it('gives a scarce volunteer to the child who has waited longest, even at a lower score', () => {
    const newer = child('n', '2025-11-01', { childInterests: ['art', 'chess', 'football'] });
    const older = child('o', '2025-03-01', { childInterests: ['art'] });
    const only = volunteer('v', { interests: ['art', 'chess', 'football'] });
    const plan = planMatches({ referrals: [older, newer], candidates: [only], weights, today: TODAY });
    expect(plan.pairs.map((pair) => pair.referral.referralId)).toEqual(['o']);
    expect(plan.unmatched).toEqual([expect.objectContaining({ reason: UnmatchedReason.VOLUNTEERS_PLANNED_ELSEWHERE, eligibleVolunteers: 1 })]);
  });

  it('matches the child who has waited longest first, whatever the scores (issue 16: P1, P2 and Q)', () => {
    // One volunteer Q. P1 was accepted 180 days ago, P2 20 days ago. Weights chosen so that Q
    // scores exactly what the officer saw: 20.0 for P1 (gender preference met, no shared
    // interest) and 77.1 for P2 (gender preference met, 20, plus a shared interest, 57.1).
    const only: MatchingWeights = { ...weights, sharedInterests: 57.1, interestsForFull: 1, genderPreference: 20 };
    const p1 = child('p1', '2025-05-27', { preferredGender: 'FEMALE', childInterests: ['drums'] });
    const p2 = child('p2', '2025-11-03', { preferredGender: 'FEMALE', childInterests: ['art'] });
    const q = volunteer('q', { gender: 'FEMALE', interests: ['art'] });
    expect(scorePair(p1, q, only).tenths).toBe(200);
    expect(scorePair(p2, q, only).tenths).toBe(771);
    // Level 1: one place, so one child is matched whichever it is: a tie.
    // Level 2: the plan matching P1 has its longest waiter at 180 days, the one matching P2 at 20
    // days: P1's wins, and score (level 3) is not consulted.
    // The old objective added 100 points a year waited to the score: P1 20.0 + 49.3 = 69.3 against
    // P2 77.1 + 5.5 = 82.6, so it gave Q to P2 and left P1, waiting longest, unmatched.
    const plan = planMatches({ referrals: [p1, p2], candidates: [q], weights: only, today: TODAY });
    expect(plan.pairs.map((pair) => [pair.referral.referralId, pair.candidate.volunteerId, pair.waitingDays])).toEqual([['p1', 'q', 180]]);
    expect(plan.totalTenths).toBe(200);
    expect(plan.unmatched).toEqual([expect.objectContaining({ referral: p2, reason: UnmatchedReason.VOLUNTEERS_PLANNED_ELSEWHERE, waitingDays: 20 })]);
    // Greedy oldest-first agrees here.
    expect(plan.greedyPairs).toEqual([{ referralId: 'p1', volunteerId: 'q', tenths: 200 }]);
  });

  it('matches more children before it looks at who has waited longest or at scores', () => {
    // Old (400 days) may have X (30 points) or Y (10); New (5 days) must have a Polish speaker: only X.
    // Plans matching one child: Old-X (30). Plans matching two: Old-Y + New-X (10 + 10 = 20).
    // Level 1 decides: two children, although Old then gets the weaker volunteer and the total
    // score is lower. Greedy oldest-first gives Old X and matches only one.
    const old = child('old', '2024-10-19', { childInterests: ['art', 'chess', 'judo'] });
    const fresh = child('new', '2025-11-18', { childInterests: ['art'], preferredLanguages: ['polish'], languageRequired: true });
    const x = volunteer('x', { interests: ['art', 'chess', 'judo'], languages: ['english', 'polish'] });
    const y = volunteer('y', { interests: ['art'] });
    const plan = planMatches({ referrals: [old, fresh], candidates: [x, y], weights, today: TODAY });
    expect(plan.pairs.map((pair) => [pair.referral.referralId, pair.candidate.volunteerId])).toEqual([
      ['old', 'y'],
      ['new', 'x'],
    ]);
    expect([plan.totalTenths, plan.greedyPairs.length, plan.greedyTotalTenths]).toEqual([200, 1, 300]);
  });

  it('compares waiting times in order: when the longest waiters tie, the next-longest decides, then scores', () => {
    // X and Y have one place each. A (300 days) may have X only; B (200 days) X or Y; C (100 days)
    // Y only, and C with Y is the best pair by far. Two children can be matched: {A, B} (A-X, B-Y,
    // 30 + 0), {A, C} (A-X, C-Y, 30 + 30) or {B, C}. {A, ...} beats {B, C} on the longest waiter
    // (300 > 200); between {A, B} and {A, C} the next waiter decides (200 > 100), although {A, C}
    // scores 60 against 30. So the plan is A-X, B-Y, and C is left out.
    const a = child('a', '2025-01-27', { childInterests: ['art', 'chess', 'judo'], preferredGender: 'FEMALE', genderRequired: true });
    const b = child('b', '2025-05-07');
    const c = child('c', '2025-08-15', { childInterests: ['drums', 'golf', 'swimming'], preferredGender: 'MALE', genderRequired: true });
    const x = volunteer('x', { interests: ['art', 'chess', 'judo'] });
    const y = volunteer('y', { gender: 'MALE', interests: ['drums', 'golf', 'swimming'] });
    const plan = planMatches({ referrals: [a, b, c], candidates: [x, y], weights, today: TODAY });
    expect(plan.pairs.map((pair) => [pair.referral.referralId, pair.candidate.volunteerId, pair.waitingDays])).toEqual([
      ['a', 'x', 300],
      ['b', 'y', 200],
    ]);
    expect(plan.totalTenths).toBe(300);
    expect(plan.unmatched.map((entry) => [entry.referral.referralId, entry.reason])).toEqual([['c', UnmatchedReason.VOLUNTEERS_PLANNED_ELSEWHERE]]);

    // Children who waited equally long tie on level 2, so the score decides between them: with B
    // accepted on C's day, {A, C} scores more than {A, B}.
    const sameDay = child('b', '2025-08-15');
    const tied = planMatches({ referrals: [a, sameDay, c], candidates: [x, y], weights, today: TODAY });
    expect(tied.pairs.map((pair) => [pair.referral.referralId, pair.candidate.volunteerId])).toEqual([
      ['a', 'x'],
      ['c', 'y'],
    ]);
    expect(tied.totalTenths).toBe(600);
  });

  it('uses a volunteer once per spare place, and says why a child is left out', () => {
    const kids = [child('k1', '2025-01-01'), child('k2', '2025-02-01'), child('k3', '2025-03-01', { preferredGender: 'MALE', genderRequired: true })];
    const plan = planMatches({ referrals: kids, candidates: [volunteer('two-places', { spareCapacity: 2 })], weights, today: TODAY });
    expect(plan.pairs.map((pair) => [pair.referral.referralId, pair.candidate.volunteerId])).toEqual([
      ['k1', 'two-places'],
      ['k2', 'two-places'],
    ]);
    expect(plan.unmatched).toEqual([
      expect.objectContaining({
        reason: UnmatchedReason.NO_ELIGIBLE_VOLUNTEER,
        explanation: "none of the 1 available volunteer meets the child's requirements: 1 is not male (required)",
      }),
    ]);
  });
});

describe('planMatches against brute force', () => {
  // Small random waiting lists (fixed seed), every possible plan enumerated: the plan's objective
  // (children matched, then waiting times longest first, then total score) must be the best there is.
  let seed = 20251123;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const pick = <T>(values: T[]) => values[Math.floor(random() * values.length)];
  const some = (values: string[]) => values.filter(() => random() < 0.4);
  const INTERESTS = ['art', 'chess', 'judo', 'music'];
  const DATES = ['2025-01-10', '2025-03-01', '2025-03-01', '2025-06-15', '2025-09-30', '2025-11-01'];

  type Key = [number, number[], number];
  const better = (a: Key, b: Key): number => {
    if (a[0] !== b[0]) return a[0] - b[0];
    for (let i = 0; i < a[1].length; i += 1) if (a[1][i] !== b[1][i]) return a[1][i] - b[1][i];
    return a[2] - b[2];
  };

  it('finds the best plan in each of 300 random cases', () => {
    for (let run = 0; run < 300; run += 1) checkRandomCase(run);
  });

  function checkRandomCase(run: number): void {
    const kids = Array.from({ length: 1 + Math.floor(random() * 5) }, (_, index) =>
      child(`c${index}`, pick(DATES), { childInterests: some(INTERESTS), preferredGender: random() < 0.3 ? 'MALE' : null, genderRequired: random() < 0.5 }),
    );
    const volunteers = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, index) =>
      volunteer(`v${index}`, { interests: some(INTERESTS), gender: random() < 0.5 ? 'MALE' : 'FEMALE', spareCapacity: random() < 0.3 ? 2 : 1 }),
    );
    const plan = planMatches({ referrals: kids, candidates: volunteers, weights, today: TODAY });
    const waited = (referral: PlanReferral) => Math.round((Date.parse(TODAY) - Date.parse(referral.acceptedOn!)) / 86_400_000);
    const keyOf = (pairs: { referral: PlanReferral; tenths: number }[]): Key => [
      pairs.length,
      pairs.map((pair) => waited(pair.referral)).sort((a, b) => b - a),
      pairs.reduce((sum, pair) => sum + pair.tenths, 0),
    ];

    let best: Key | null = null;
    const places = volunteers.map((v) => v.spareCapacity);
    const chosen: { referral: PlanReferral; tenths: number }[] = [];
    const search = (index: number) => {
      if (index === kids.length) {
        const key = keyOf(chosen);
        if (!best || better(key, best) > 0) best = key;
        return;
      }
      search(index + 1);
      volunteers.forEach((candidate, v) => {
        if (places[v] === 0 || pairExclusion(kids[index], candidate)) return;
        places[v] -= 1;
        chosen.push({ referral: kids[index], tenths: scorePair(kids[index], candidate, weights).tenths });
        search(index + 1);
        chosen.pop();
        places[v] += 1;
      });
    };
    search(0);

    const planKey = keyOf(plan.pairs.map((pair) => ({ referral: pair.referral, tenths: pair.scored.tenths })));
    expect({ run, key: planKey }).toEqual({ run, key: best });
    expect(plan.totalTenths).toBe(planKey[2]);
    expect(plan.pairs.length).toBeGreaterThanOrEqual(plan.greedyPairs.length);
    // Every volunteer within their places; every child at most once.
    for (const v of volunteers) expect(plan.pairs.filter((pair) => pair.candidate === v).length).toBeLessThanOrEqual(v.spareCapacity);
    expect(new Set(plan.pairs.map((pair) => pair.referral.referralId)).size).toBe(plan.pairs.length);
    expect(plan.pairs.length + plan.unmatched.length).toBe(kids.length);
  }
});

describe('matchingPlan (API)', () => {
  let database: TestDatabase;
  let server: TestServer;
  let fixtures: MatchingFixtures;
  const COUNCIL = 'E06000003';
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    database = await createTestDatabase();
    server = await TestServer.start(database.dataSource);
    fixtures = new MatchingFixtures(server);
    const provider = await fixtures.provider([COUNCIL]);
    ids.ada = (await fixtures.referral(COUNCIL, { acceptedDaysAgo: 300, interests: ['art', 'chess', 'football'] })).referralId;
    ids.ben = (
      await fixtures.referral(COUNCIL, {
        acceptedDaysAgo: 40,
        interests: ['art'],
        languages: ['english', 'polish'],
        preferences: { languages: ['polish'], languageRequired: true },
      })
    ).referralId;
    ids.cal = (
      await fixtures.referral(COUNCIL, { acceptedDaysAgo: 20, preferences: { volunteerGender: 'NON_BINARY', volunteerGenderRequired: true } })
    ).referralId;
    ids.x = await fixtures.volunteer(provider, { home: COUNCIL, interests: ['art', 'chess', 'football'], languages: ['english', 'polish'] });
    ids.y = await fixtures.volunteer(provider, { home: COUNCIL, interests: ['chess', 'football'] });
  });

  afterAll(async () => {
    await server.stop();
    await database.drop();
  });

  async function score(referralId: string, volunteerId: string): Promise<number> {
    const { data } = await server.execute<SuggestionsData, { referralId: string; first: number }>(SUGGESTIONS, { referralId, first: 100 }, admin);
    return data!.suggestedVolunteers.find((s) => s.volunteer.id === volunteerId)!.score;
  }

  it('matches more children than greedy oldest-first, writes nothing, and explains who is left', async () => {
    const tables = ['referrals', 'matches', 'volunteers', 'audit_events'];
    const before = await tableChecksums(database.dataSource, tables);
    const result = await server.execute<PlanData, { code: string; service: string }>(PLAN, { code: COUNCIL, service: 'INDEPENDENT_VISITOR' }, officer(COUNCIL));
    expect(result.errors).toBeUndefined();
    const plan = result.data!.matchingPlan;
    expect(await tableChecksums(database.dataSource, tables)).toEqual(before);

    // Ada, waiting longest, would take X under greedy (3 shared interests against Y's 2), and Ben
    // needs a Polish speaker, which only X is. The plan gives Ada Y and Ben X.
    expect(await score(ids.ada, ids.x)).toBeGreaterThan(await score(ids.ada, ids.y));
    expect(plan.pairs.map((pair) => [pair.referral.id, pair.volunteer.id])).toEqual([
      [ids.ada, ids.y],
      [ids.ben, ids.x],
    ]);
    const expectedTotal = (await score(ids.ada, ids.y)) + (await score(ids.ben, ids.x));
    expect(plan.totalScore).toBeCloseTo(expectedTotal, 5);
    expect(plan).toMatchObject({ matched: 2, waitingChildren: 3, availableVolunteers: 2, greedyMatched: 1 });
    expect(plan.greedyTotalScore).toBeCloseTo(await score(ids.ada, ids.x), 5);
    for (const pair of plan.pairs) {
      expect(pair.factors.reduce((sum, factor) => sum + Math.round(factor.points * 10), 0)).toBe(Math.round(pair.score * 10));
    }
    expect(plan.unmatched).toEqual([
      {
        referral: { id: ids.cal },
        reason: 'NO_ELIGIBLE_VOLUNTEER',
        explanation: "none of the 2 available volunteers meets the child's requirements: 2 are not non-binary (required)",
        eligibleVolunteers: 0,
        waitingDays: 20,
      },
    ]);
  });

  it('covers only the waiting children the caller may see', async () => {
    const result = await server.execute<PlanData, { code: string; service: string }>(
      PLAN,
      { code: COUNCIL, service: 'INDEPENDENT_VISITOR' },
      officer('E06000001'),
    );
    expect(result.data!.matchingPlan).toMatchObject({ pairs: [], unmatched: [], matched: 0, waitingChildren: 0, greedyMatched: 0 });
    const unknown = await server.execute<PlanData, { code: string; service: string }>(PLAN, { code: 'E99999999', service: 'INDEPENDENT_VISITOR' }, admin);
    expect(unknown.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
