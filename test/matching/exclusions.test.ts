import type { Principal } from '../../src/auth/viewer';
import { CommissionProviderDocument } from '../generated/graphql';
import { admin, analyst, coordinator, officer } from '../support/fixtures';
import { createTestDatabase, TestDatabase } from '../support/testDatabase';
import { TestServer } from '../support/testServer';
import { MatchingFixtures, SUGGESTIONS, SuggestionsData } from './matchingFixtures';

/**
 * suggestionExclusions: why volunteers were left out of suggestedVolunteers, one count per hard
 * constraint, and the same counts on the matching plan's unmatched children.
 *
 * The world (council H, independent visitors). Provider P, commissioned by H since 2020, has one
 * volunteer built to break each constraint for referral R (a girl who asks for a female Polish
 * speaker, and who objected to one volunteer before) and one who breaks none. Provider OLD's
 * commission from H ended in 2021: its two volunteers are PROVIDER_NOT_COMMISSIONED. Provider
 * ELSEWHERE was only ever commissioned by another council: its volunteer is not counted at all.
 * Referral R2 waited longer and must have a female Urdu speaker, whom only R's one eligible
 * volunteer is, so the plan gives her to R2 and R is unmatched (VOLUNTEERS_PLANNED_ELSEWHERE); referral N asks for a non-binary
 * volunteer, whom nobody is (NO_ELIGIBLE_VOLUNTEER); referral F has a proposal (HAS_OPEN_MATCH).
 */
let database: TestDatabase;
let server: TestServer;
let fixtures: MatchingFixtures;

const H = 'E06000001';
const M = 'E06000002';
const ids: Record<string, string> = {};
let p: string;
let old: string;

const EXCLUSIONS = `query Exclusions($referralId: ID!) { suggestionExclusions(referralId: $referralId) { constraint count } }`;
type ExclusionsData = { suggestionExclusions: { constraint: string; count: number }[] };

const PLAN_WITH_EXCLUSIONS = `query PlanExclusions($code: String!) {
  matchingPlan(localAuthorityCode: $code, service: INDEPENDENT_VISITOR) {
    pairs { referral { id } volunteer { id } }
    unmatched { referral { id } reason explanation exclusions { constraint count } }
  }
}`;
const PLAN_WITHOUT_EXCLUSIONS = `query PlanPlain($code: String!) {
  matchingPlan(localAuthorityCode: $code, service: INDEPENDENT_VISITOR) { pairs { referral { id } } unmatched { referral { id } reason explanation } }
}`;
type PlanData = {
  matchingPlan: {
    pairs: { referral: { id: string }; volunteer: { id: string } }[];
    unmatched: { referral: { id: string }; reason: string; explanation: string; exclusions: { constraint: string; count: number }[] }[];
  };
};

beforeAll(async () => {
  database = await createTestDatabase();
  server = await TestServer.start(database.dataSource);
  fixtures = new MatchingFixtures(server);
  p = await fixtures.provider([H]);
  old = await fixtures.provider([]);
  const ended = await server.execute(
    CommissionProviderDocument,
    { input: { providerId: old, localAuthorityCode: H, service: 'INDEPENDENT_VISITOR', startsOn: '2020-04-01', endsOn: '2021-03-31' } },
    admin,
  );
  expect(ended.data?.commissionProvider.errors).toEqual([]);
  const elsewhere = await fixtures.provider([M]);
  const polish = { gender: 'FEMALE' as const, languages: ['english', 'polish'] };
  const wants = { volunteerGender: 'FEMALE' as const, volunteerGenderRequired: true, languages: ['polish'], languageRequired: true };

  const earlier = await fixtures.referral(H, { acceptedDaysAgo: 300, languages: ['english', 'polish'] });
  ids.objected = await fixtures.volunteer(p, polish);
  await fixtures.endedMatch(earlier.referralId, ids.objected, 'CHILD_OBJECTED', 200);
  ids.r = (await fixtures.referral(H, { childId: earlier.childId, acceptedDaysAgo: 30, preferences: wants })).referralId;
  ids.r2 = (await fixtures.referral(H, { acceptedDaysAgo: 60, preferences: { ...wants, languages: ['urdu'] } })).referralId;
  ids.n = (await fixtures.referral(H, { acceptedDaysAgo: 10, preferences: { volunteerGender: 'NON_BINARY', volunteerGenderRequired: true } })).referralId;

  ids.eligible = await fixtures.volunteer(p, { ...polish, languages: ['english', 'polish', 'urdu'] });
  ids.notApproved = await fixtures.volunteer(p, { ...polish, approved: false });
  ids.dbsExpired = await fixtures.volunteer(p, { ...polish, dbsIssuedDaysAgo: 3 * 365 + 5 });
  ids.full = await fixtures.volunteer(p, polish);
  ids.f = (await fixtures.referral(H, { acceptedDaysAgo: 20 })).referralId;
  await fixtures.propose(ids.f, ids.full, 5);
  ids.male = await fixtures.volunteer(p, { ...polish, gender: 'MALE' });
  ids.noPolish = await fixtures.volunteer(p, { gender: 'FEMALE', languages: ['english'] });
  ids.old1 = await fixtures.volunteer(old, polish);
  ids.old2 = await fixtures.volunteer(old, { ...polish, approved: false });
  ids.elsewhere = await fixtures.volunteer(elsewhere, polish);
}, 120_000);

afterAll(async () => {
  await server.stop();
  await database.drop();
});

async function exclusions(referralId: string, as: Principal = admin) {
  return server.execute<ExclusionsData, { referralId: string }>(EXCLUSIONS, { referralId }, as);
}

it('counts each volunteer left out under the first hard constraint they break, in HardConstraint order', async () => {
  const result = await exclusions(ids.r);
  expect(result.errors).toBeUndefined();
  expect(result.data!.suggestionExclusions).toEqual([
    // OLD's two volunteers (one of them not approved either: the first constraint counts).
    { constraint: 'PROVIDER_NOT_COMMISSIONED', count: 2 },
    { constraint: 'NOT_APPROVED', count: 1 },
    { constraint: 'DBS_NOT_VALID', count: 1 },
    // `full`, whose one place is taken by F's proposal.
    { constraint: 'NO_SPARE_CAPACITY', count: 1 },
    { constraint: 'CHILD_OBJECTED', count: 1 },
    { constraint: 'GENDER_REQUIRED', count: 1 },
    { constraint: 'LANGUAGE_REQUIRED', count: 1 },
  ]);
  // What is left is exactly what suggestedVolunteers suggests.
  const suggested = await server.execute<SuggestionsData, { referralId: string; first: number }>(SUGGESTIONS, { referralId: ids.r, first: 100 }, admin);
  expect(suggested.data!.suggestedVolunteers.map((s) => s.volunteer.id)).toEqual([ids.eligible]);
  expect(result.statements).toBe(3);
});

it('lists no constraint that left nobody out', async () => {
  // F asks for nothing, and its child objected to nobody: only the volunteer-level constraints.
  expect((await exclusions(ids.f)).data!.suggestionExclusions.map((entry) => entry.constraint)).toEqual([
    'PROVIDER_NOT_COMMISSIONED',
    'NOT_APPROVED',
    'DBS_NOT_VALID',
    'NO_SPARE_CAPACITY',
  ]);
});

it("has suggestedVolunteers' scope: the council's officers, coordinators (their own volunteers only), admins", async () => {
  expect((await exclusions(ids.r, officer(H))).data!.suggestionExclusions).toEqual((await exclusions(ids.r, admin)).data!.suggestionExclusions);
  // P's coordinator: OLD's volunteers are not theirs to count.
  expect((await exclusions(ids.r, coordinator(p))).data!.suggestionExclusions.map((entry) => entry.constraint)).not.toContain('PROVIDER_NOT_COMMISSIONED');
  expect((await exclusions(ids.r, coordinator(p))).data!.suggestionExclusions).toHaveLength(6);
  for (const as of [officer(M), analyst, null]) {
    const result = await exclusions(ids.r, as as Principal);
    expect(result.data).toBeNull();
    expect(result.errors?.[0]).toMatchObject({
      message: 'No referral with that ID that you can access.',
      extensions: { code: 'BAD_USER_INPUT', argument: 'referralId' },
    });
  }
  const malformed = await exclusions('not-an-id');
  expect(malformed.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'referralId' } });
});

it.each([
  ['an admin', () => admin],
  ["the council's officer", () => officer(H)],
  ["P's coordinator", () => coordinator(p)],
])('as %s, the plan gives each unmatched child the counts suggestionExclusions gives', async (_name, as) => {
  const result = await server.execute<PlanData, { code: string }>(PLAN_WITH_EXCLUSIONS, { code: H }, as());
  expect(result.errors).toBeUndefined();
  const plan = result.data!.matchingPlan;
  expect(plan.pairs.map((pair) => [pair.referral.id, pair.volunteer.id])).toEqual([[ids.r2, ids.eligible]]);
  expect(Object.fromEntries(plan.unmatched.map((entry) => [entry.referral.id, entry.reason]))).toEqual({
    [ids.r]: 'VOLUNTEERS_PLANNED_ELSEWHERE',
    [ids.n]: 'NO_ELIGIBLE_VOLUNTEER',
    [ids.f]: 'HAS_OPEN_MATCH',
  });
  for (const entry of plan.unmatched) {
    expect(entry.exclusions).toEqual((await exclusions(entry.referral.id, as())).data!.suggestionExclusions);
  }
  // N: the explanation's count and the structured one agree (eligible, objected, male and noPolish
  // are available and none is non-binary).
  const n = plan.unmatched.find((entry) => entry.referral.id === ids.n)!;
  expect(n.explanation).toBe("none of the 4 available volunteers meets the child's requirements: 4 are not non-binary (required)");
  expect(n.exclusions.find((entry) => entry.constraint === 'GENDER_REQUIRED')).toEqual({ constraint: 'GENDER_REQUIRED', count: 4 });
});

it('the plan reads the volunteer-level counts once, however many children are unmatched, and only when asked', async () => {
  const plain = await server.execute<PlanData, { code: string }>(PLAN_WITHOUT_EXCLUSIONS, { code: H }, admin);
  const withExclusions = await server.execute<PlanData, { code: string }>(PLAN_WITH_EXCLUSIONS, { code: H }, admin);
  expect(withExclusions.data!.matchingPlan.unmatched).toHaveLength(3);
  expect(withExclusions.statements).toBe(plain.statements + 1);
});
