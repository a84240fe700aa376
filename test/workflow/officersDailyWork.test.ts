import type { Principal } from '../../src/auth/viewer';
import { AcceptReferralDocument, CommissionProviderDocument, CreateReferralDocument, ProposeMatchDocument } from '../generated/graphql';
import { admin, analyst, coordinator, daysAgo, Fixtures, officer } from '../support/fixtures';
import { createTestDatabase, TestDatabase } from '../support/testDatabase';
import { TestServer } from '../support/testServer';

/**
 * An officer's daily work (issue 16): narrowing the waiting list, finding a child by case
 * reference, and seeing which providers a council commissions.
 *
 * The world: council A has nine waiting referrals for independent visitors, accepted 100 to 20
 * days ago, varying in source (SOCIAL_WORKER or TEACHER), placement (A itself or council C) and
 * whether a match is proposed (by provider P, which A commissions). A also has a NEW referral
 * (not on the list) and a waiting referral for mentoring; council B has a waiting referral placed
 * in C, which none of A's callers may see.
 */
let database: TestDatabase;
let server: TestServer;
let fixtures: Fixtures;

const A = 'E06000001';
const B = 'E06000002';
const C = 'E06000003';
let provider: string;
let otherProvider: string;

type Spec = { name: string; source: 'SOCIAL_WORKER' | 'TEACHER'; placement: string; proposed: boolean; acceptedDaysAgo: number };
// Oldest first, the waiting list's order.
const SPECS: Spec[] = [
  { name: 'r1', source: 'SOCIAL_WORKER', placement: A, proposed: false, acceptedDaysAgo: 100 },
  { name: 'r2', source: 'TEACHER', placement: C, proposed: false, acceptedDaysAgo: 90 },
  { name: 'r3', source: 'TEACHER', placement: A, proposed: true, acceptedDaysAgo: 80 },
  { name: 'r4', source: 'SOCIAL_WORKER', placement: C, proposed: true, acceptedDaysAgo: 70 },
  { name: 'r5', source: 'TEACHER', placement: C, proposed: false, acceptedDaysAgo: 60 },
  { name: 'r6', source: 'SOCIAL_WORKER', placement: A, proposed: false, acceptedDaysAgo: 50 },
  { name: 'r7', source: 'TEACHER', placement: C, proposed: true, acceptedDaysAgo: 40 },
  { name: 'r8', source: 'TEACHER', placement: C, proposed: false, acceptedDaysAgo: 30 },
  { name: 'r9', source: 'SOCIAL_WORKER', placement: A, proposed: false, acceptedDaysAgo: 20 },
];
const ids: Record<string, string> = {};
const caseReferences: Record<string, string> = {};

async function referral(
  council: string,
  spec: Omit<Spec, 'name' | 'proposed'>,
  accept = true,
  service: 'INDEPENDENT_VISITOR' | 'MENTORING' = 'INDEPENDENT_VISITOR',
): Promise<{ referralId: string; childId: string }> {
  const childId = await fixtures.child(council);
  const created = await server.execute(
    CreateReferralDocument,
    { input: { childId, service, source: spec.source, referredOn: daysAgo(spec.acceptedDaysAgo + 3), placementLocalAuthorityCode: spec.placement } },
    officer(council),
  );
  expect(created.data?.createReferral.errors).toEqual([]);
  const referralId = created.data!.createReferral.referral!.id;
  if (accept) {
    const accepted = await server.execute(AcceptReferralDocument, { input: { referralId, acceptedOn: daysAgo(spec.acceptedDaysAgo) } }, officer(council));
    expect(accepted.data?.acceptReferral.errors).toEqual([]);
  }
  return { referralId, childId };
}

beforeAll(async () => {
  database = await createTestDatabase();
  server = await TestServer.start(database.dataSource);
  fixtures = new Fixtures(server);
  provider = await fixtures.provider([A]);
  otherProvider = await fixtures.provider([B]);
  for (const spec of SPECS) {
    const { referralId, childId } = await referral(A, spec);
    ids[spec.name] = referralId;
    const child = await server.execute<{ node: { caseReference: string } }, { id: string }>(
      'query ($id: ID!) { node(id: $id) { ... on Child { caseReference } } }',
      { id: childId },
      admin,
    );
    caseReferences[spec.name] = child.data!.node.caseReference;
    if (spec.proposed) {
      const volunteerId = await fixtures.approvedVolunteer(provider, A);
      const proposed = await server.execute(ProposeMatchDocument, { input: { referralId, volunteerId, proposedOn: daysAgo(2) } }, coordinator(provider));
      expect(proposed.data?.proposeMatch.errors).toEqual([]);
    }
  }
  await referral(A, { source: 'TEACHER', placement: C, acceptedDaysAgo: 10 }, false);
  await referral(A, { source: 'TEACHER', placement: C, acceptedDaysAgo: 10 }, true, 'MENTORING');
  ids.elsewhere = (await referral(B, { source: 'TEACHER', placement: C, acceptedDaysAgo: 45 })).referralId;
}, 120_000);

afterAll(async () => {
  await server.stop();
  await database.drop();
});

describe('waitingList filters', () => {
  type Filters = { hasProposal?: boolean; source?: string; placement?: string };
  const WAITING = `query FilteredWaitingList($code: String!, $first: Int, $after: String, $hasProposal: Boolean, $source: ReferralSource, $placement: String) {
    waitingList(localAuthorityCode: $code, service: INDEPENDENT_VISITOR, first: $first, after: $after,
                hasProposal: $hasProposal, source: $source, placementLocalAuthorityCode: $placement) {
      edges { node { id source acceptedOn
        child { id caseReference }
        currentMatch { id status volunteer { id provider { id name } } } } }
      pageInfo { hasNextPage endCursor }
    }
  }`;
  type WaitingData = {
    waitingList: {
      edges: {
        node: { id: string; source: string; child: { id: string } | null; currentMatch: { volunteer: { provider: { id: string } | null } | null } | null };
      }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  };

  async function waiting(filters: Filters, as: Principal = officer(A), first = 100, after: string | null = null) {
    return server.execute<WaitingData, Record<string, unknown>>(WAITING, { code: A, first, after, ...filters }, as);
  }

  const expected = (keep: (spec: Spec) => boolean) => SPECS.filter(keep).map((spec) => ids[spec.name]);

  const CASES: [string, Filters, (spec: Spec) => boolean][] = [
    ['no filter', {}, () => true],
    ['hasProposal: false', { hasProposal: false }, (s) => !s.proposed],
    ['hasProposal: true', { hasProposal: true }, (s) => s.proposed],
    ['source: TEACHER', { source: 'TEACHER' }, (s) => s.source === 'TEACHER'],
    ['source: SOCIAL_WORKER', { source: 'SOCIAL_WORKER' }, (s) => s.source === 'SOCIAL_WORKER'],
    ['source: SELF (none)', { source: 'SELF' }, () => false],
    ['placement C', { placement: C }, (s) => s.placement === C],
    ['placement A, written in lower case', { placement: A.toLowerCase() }, (s) => s.placement === A],
    ['no proposal, from a teacher', { hasProposal: false, source: 'TEACHER' }, (s) => !s.proposed && s.source === 'TEACHER'],
    [
      'no proposal, from a teacher, placed in C',
      { hasProposal: false, source: 'TEACHER', placement: C },
      (s) => !s.proposed && s.source === 'TEACHER' && s.placement === C,
    ],
    [
      'proposed, from a social worker, placed in C',
      { hasProposal: true, source: 'SOCIAL_WORKER', placement: C },
      (s) => s.proposed && s.source === 'SOCIAL_WORKER' && s.placement === C,
    ],
    ['proposed, placed in A', { hasProposal: true, placement: A }, (s) => s.proposed && s.placement === A],
  ];

  it.each(CASES)('%s: exactly the matching referrals, longest waiting first, in one statement', async (_name, filters, keep) => {
    const result = await waiting(filters);
    expect(result.errors).toBeUndefined();
    expect(result.data!.waitingList.edges.map((edge) => edge.node.id)).toEqual(expected(keep));
    // An empty page costs a second statement: the council's code and any placement code are checked
    // in one batch, since an unknown code is an error, not an empty list. A page with rows proves its
    // codes known.
    expect(result.statements).toBe(expected(keep).length === 0 ? 2 : 1);
  });

  it('the world is as described: every filter value occurs with and without the others', () => {
    expect(expected((s) => !s.proposed && s.source === 'TEACHER' && s.placement === C)).toHaveLength(3);
    expect(expected((s) => s.proposed)).toHaveLength(3);
  });

  it('pages through a filtered list with cursors, each page one statement with the child, match, volunteer and provider', async () => {
    const filters: Filters = { hasProposal: false, placement: C };
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page += 1) {
      const result = await waiting(filters, officer(A), 1, after);
      expect(result.errors).toBeUndefined();
      expect(result.statements).toBe(1);
      seen.push(...result.data!.waitingList.edges.map((edge) => edge.node.id));
      if (!result.data!.waitingList.pageInfo.hasNextPage) break;
      after = result.data!.waitingList.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected((s) => !s.proposed && s.placement === C));

    const proposed = await waiting({ hasProposal: true }, officer(A), 2);
    expect(proposed.statements).toBe(1);
    expect(proposed.data!.waitingList.edges.map((edge) => edge.node.currentMatch?.volunteer?.provider?.id)).toEqual([provider, provider]);
    const rest = await waiting({ hasProposal: true }, officer(A), 2, proposed.data!.waitingList.pageInfo.endCursor);
    expect(rest.data!.waitingList.edges.map((edge) => edge.node.id)).toEqual([ids.r7]);
    expect(rest.data!.waitingList.pageInfo.hasNextPage).toBe(false);
  });

  it("stays within the caller's scope", async () => {
    const filters: Filters = { source: 'TEACHER', placement: C };
    // The council's officer, a coordinator the council commissions and an admin see A's referrals;
    const all = expected((s) => s.source === 'TEACHER' && s.placement === C);
    for (const as of [officer(A), coordinator(provider), admin]) {
      expect((await waiting(filters, as)).data!.waitingList.edges.map((edge) => edge.node.id)).toEqual(all);
    }
    // another council's officer, a coordinator A does not commission and an analyst see none.
    for (const as of [officer(B), coordinator(otherProvider), analyst]) {
      const result = await waiting(filters, as);
      expect(result.errors).toBeUndefined();
      expect(result.data!.waitingList.edges).toEqual([]);
    }
    // B's referral placed in C is not on A's list, and only B's people see it on B's.
    const onB = await server.execute<WaitingData, Record<string, unknown>>(WAITING, { code: B, first: 100, placement: C }, officer(B));
    expect(onB.data!.waitingList.edges.map((edge) => edge.node.id)).toEqual([ids.elsewhere]);
    const onBForA = await server.execute<WaitingData, Record<string, unknown>>(WAITING, { code: B, first: 100, placement: C }, officer(A));
    expect(onBForA.data!.waitingList.edges).toEqual([]);
  });

  it.each([
    [
      'placementLocalAuthorityCode',
      { code: A, placement: 'E99999999' },
      'Unknown council code "E99999999" for placementLocalAuthorityCode: expected the ONS code of an English council, such as E06000001.',
    ],
    [
      'placementLocalAuthorityCode',
      { code: A, placement: '' },
      'Unknown council code "" for placementLocalAuthorityCode: expected the ONS code of an English council, such as E06000001.',
    ],
  ])('an unknown council code for %s is an error naming it, not an empty list', async (argument, variables, message) => {
    const result = await server.execute<WaitingData, Record<string, unknown>>(WAITING, { first: 10, ...variables }, officer(A));
    expect(result.data).toBeNull();
    expect(result.errors?.[0]).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT', argument } });
  });

  it('a known code with nothing waiting is an empty list, for a caller who may see nothing too', async () => {
    for (const as of [officer(A), officer(B)]) {
      const result = await waiting({ placement: 'E09000033' }, as);
      expect(result.errors).toBeUndefined();
      expect(result.data!.waitingList.edges).toEqual([]);
    }
  });
});

describe('children(caseReference)', () => {
  const CHILDREN = `query ChildByReference($reference: String, $code: String) {
    children(caseReference: $reference, localAuthorityCode: $code, first: 10) { edges { node { id caseReference localAuthority { code } } } }
  }`;
  type ChildrenData = { children: { edges: { node: { id: string; caseReference: string; localAuthority: { code: string } } }[] } };
  const find = (reference: string, as: Principal, code: string | null = null) =>
    server.execute<ChildrenData, Record<string, unknown>>(CHILDREN, { reference, code }, as);

  it("finds exactly one child of the caller's council by its case reference, in one statement", async () => {
    const result = await find(caseReferences.r5, officer(A));
    expect(result.errors).toBeUndefined();
    expect(result.data!.children.edges.map((edge) => edge.node)).toEqual([
      { id: expect.any(String), caseReference: caseReferences.r5, localAuthority: { code: A } },
    ]);
    expect(result.statements).toBeLessThanOrEqual(2);
  });

  it('matches exactly: not a prefix, nor another case', async () => {
    const reference = caseReferences.r1; // CASE-n
    expect((await find(reference.slice(0, -1) || 'X', officer(A))).data!.children.edges.map((edge) => edge.node.caseReference)).not.toContain(reference);
    expect((await find(reference.toLowerCase(), officer(A))).data!.children.edges).toEqual([]);
    // Surrounding spaces are ignored, as registerChild ignores them.
    expect((await find(` ${reference} `, officer(A))).data!.children.edges.map((edge) => edge.node.caseReference)).toEqual([reference]);
  });

  it("does not find another council's child, even by its exact reference", async () => {
    const ofB = await fixtures.child(B, { caseReference: 'SHARED/REF-1' });
    const ofA = await fixtures.child(A, { caseReference: 'SHARED/REF-1' });
    expect((await find('SHARED/REF-1', officer(A))).data!.children.edges.map((edge) => edge.node.id)).toEqual([ofA]);
    expect((await find('SHARED/REF-1', officer(B))).data!.children.edges.map((edge) => edge.node.id)).toEqual([ofB]);
    expect((await find(caseReferences.r5, officer(B))).data!.children.edges).toEqual([]);
    expect((await find(caseReferences.r5, analyst)).data!.children.edges).toEqual([]);
    // An admin sees both councils' children with that reference; localAuthorityCode narrows it to one.
    expect((await find('SHARED/REF-1', admin)).data!.children.edges.map((edge) => edge.node.id).sort()).toEqual([ofA, ofB].sort());
    expect((await find('SHARED/REF-1', admin, B)).data!.children.edges.map((edge) => edge.node.id)).toEqual([ofB]);
  });

  it('a coordinator finds the child of a referral they can see', async () => {
    expect((await find(caseReferences.r5, coordinator(provider))).data!.children.edges).toHaveLength(1);
    expect((await find(caseReferences.r5, coordinator(otherProvider))).data!.children.edges).toEqual([]);
  });

  it.each(['', 'Jane Smith', 'x'.repeat(41)])('refuses the malformed reference %j, saying what a reference looks like', async (reference) => {
    const result = await find(reference, officer(A));
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'caseReference' } });
    expect(result.errors?.[0].message).toMatch(/^caseReference must be 1 to 40 letters, digits, '\/', '_' or '-', as registerChild stores it; got "/);
  });
});

describe('LocalAuthority.commissions', () => {
  const COMMISSIONS = `query CouncilCommissions($code: String!, $service: Service, $activeOn: LocalDate) {
    localAuthority(code: $code) {
      commissions(service: $service, activeOn: $activeOn) { id service startsOn endsOn provider { id } localAuthority { code } }
    }
  }`;
  type CommissionsData = {
    localAuthority: {
      commissions: {
        id: string;
        service: string;
        startsOn: string;
        endsOn: string | null;
        provider: { id: string } | null;
        localAuthority: { code: string };
      }[];
    } | null;
  };
  const D = 'E06000004';
  let current: string;
  let ended: string;
  let future: string;
  let mentoring: string;

  const commission = async (providerId: string, service: 'INDEPENDENT_VISITOR' | 'MENTORING', startsOn: string, endsOn: string | null) => {
    const result = await server.execute(CommissionProviderDocument, { input: { providerId, localAuthorityCode: D, service, startsOn, endsOn } }, admin);
    expect(result.data?.commissionProvider.errors).toEqual([]);
  };

  beforeAll(async () => {
    current = await fixtures.provider([]);
    ended = await fixtures.provider([]);
    future = await fixtures.provider([]);
    mentoring = await fixtures.provider([]);
    await commission(current, 'INDEPENDENT_VISITOR', '2021-04-01', null);
    await commission(ended, 'INDEPENDENT_VISITOR', '2020-04-01', '2023-03-31');
    await commission(future, 'INDEPENDENT_VISITOR', '2099-04-01', null);
    await commission(mentoring, 'MENTORING', '2022-09-01', '2030-08-31');
  });

  const commissionsOf = async (variables: Record<string, unknown>, as: Principal | null = officer(A)) => {
    const result = await server.execute<CommissionsData, Record<string, unknown>>(COMMISSIONS, { code: D, ...variables }, as);
    expect(result.errors).toBeUndefined();
    return result.data!.localAuthority!.commissions;
  };
  const providers = (list: { provider: { id: string } | null }[]) => list.map((entry) => entry.provider?.id);

  it('lists every commission of the council, earliest start first, with provider, service and dates', async () => {
    const all = await commissionsOf({});
    expect(all.map((entry) => [entry.provider?.id, entry.service, entry.startsOn, entry.endsOn, entry.localAuthority.code])).toEqual([
      [ended, 'INDEPENDENT_VISITOR', '2020-04-01', '2023-03-31', D],
      [current, 'INDEPENDENT_VISITOR', '2021-04-01', null, D],
      [mentoring, 'MENTORING', '2022-09-01', '2030-08-31', D],
      [future, 'INDEPENDENT_VISITOR', '2099-04-01', null, D],
    ]);
  });

  it('filters by service and by the date a commission is in force (first and last days included)', async () => {
    expect(providers(await commissionsOf({ service: 'MENTORING' }))).toEqual([mentoring]);
    expect(providers(await commissionsOf({ service: 'INDEPENDENT_VISITOR' }))).toEqual([ended, current, future]);
    expect(providers(await commissionsOf({ activeOn: '2022-01-01' }))).toEqual([ended, current]);
    expect(providers(await commissionsOf({ activeOn: '2023-03-31' }))).toEqual([ended, current, mentoring]);
    expect(providers(await commissionsOf({ activeOn: '2023-04-01', service: 'INDEPENDENT_VISITOR' }))).toEqual([current]);
    expect(providers(await commissionsOf({ activeOn: '2021-03-31', service: 'INDEPENDENT_VISITOR' }))).toEqual([ended]);
    expect(await commissionsOf({ activeOn: '2019-12-31' })).toEqual([]);
  });

  it("every signed-in role sees a council's commissions (not personal data); anonymous callers none", async () => {
    for (const as of [officer(A), officer(D), coordinator(provider), analyst, admin]) {
      expect(await commissionsOf({}, as)).toHaveLength(4);
    }
    expect(await commissionsOf({}, null)).toEqual([]);
  });

  it('many councils with their commissions cost one statement for all the commissions', async () => {
    const result = await server.execute<{ localAuthorities: { edges: { node: { code: string; commissions: { id: string }[] } }[] } }, Record<string, unknown>>(
      '{ localAuthorities(first: 5) { edges { node { code commissions(activeOn: "2024-01-01") { id } } } } }',
      {},
      admin,
    );
    expect(result.errors).toBeUndefined();
    const byCode = Object.fromEntries(result.data!.localAuthorities.edges.map((edge) => [edge.node.code, edge.node.commissions.length]));
    expect(byCode[D]).toBe(2);
    expect(byCode[A]).toBeGreaterThanOrEqual(1);
    expect(result.statements).toBe(2);
  });

  it('a malformed activeOn is refused by the LocalDate scalar, naming it', async () => {
    const result = await server.execute<CommissionsData, Record<string, unknown>>(COMMISSIONS, { code: D, activeOn: '2024-02-30' }, admin);
    expect(result.errors?.[0].message).toMatch(/activeOn/);
  });
});
