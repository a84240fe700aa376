import type { Principal } from '../../src/auth/viewer';
import { runCountingStatements } from '../../src/database/statementCounter';
import { createContext, createLoaders } from '../../src/app/context';
import type { Loaders } from '../../src/graphql/context';
import { keyOfGlobalId } from '../../src/graphql/relay';
import { REFERRAL_TYPE } from '../../src/referrals/referral.types';
import { CancelMatchDocument, ProposeMatchDocument, StartMatchDocument } from '../generated/graphql';
import { admin, coordinator, daysAgo, Fixtures, officer } from '../support/fixtures';
import { createTestDatabase, TestDatabase } from '../support/testDatabase';
import { TestServer, testLogger } from '../support/testServer';

/**
 * waitingList and referrals fetch the child, open match, volunteer and provider they are asked for
 * in the page's own statement and prime the loaders with them (src/referrals/referral.lookAhead.ts).
 * These tests hold that shortcut to the loaders' answers, for every caller: the same records, the
 * same values and types, and null wherever the caller's scope hides a record.
 *
 * The world: council A commissions providers P1 and P2. Of A's waiting referrals, some have a
 * match proposed by P1 (one volunteer, several matches), some by P2, one had a P1 proposal
 * cancelled, some wait without one; one referral is MATCHED (an ACTIVE P1 match), so it is on
 * `referrals` but not on the waiting list. Coordinator P1 sees every referral of A (its council
 * commissions P1) but not P2's matches: there the joined path must answer null, as the loader does.
 */
let database: TestDatabase;
let server: TestServer;

const COUNCIL = 'E06000001';
const OTHER_COUNCIL = 'E06000002';
let p1: string;
let p2: string;
/** Referrals whose open match is P2's: hidden from coordinator P1. */
const proposedByP2: string[] = [];

const REFERRAL_FIELDS = `
  fragment LookAheadReferral on Referral {
    id status acceptedOn daysWaiting
    child { id caseReference birthMonth gender ethnicity placementType placedOutOfArea lookedAfterSince interests languages }
    currentMatch {
      id status proposedOn startedOn endedOn endReason cancelledOn
      volunteer {
        id status gender languages interests maxMatches openMatches appliedOn dbsIssuedOn dbsExpiresOn dbsUpdateService
        trainingCompletedOn referencesReceived approvedOn
        provider { id name kind createdAt }
      }
    }
  }`;

const WAITING_LIST = `
  query LookAheadWaitingList($code: String!, $first: Int, $after: String) {
    waitingList(localAuthorityCode: $code, service: INDEPENDENT_VISITOR, first: $first, after: $after) {
      edges { node { ...LookAheadReferral } }
      pageInfo { hasNextPage endCursor }
    }
  }
  ${REFERRAL_FIELDS}`;

const REFERRALS = `
  query LookAheadReferrals($code: String!, $first: Int) {
    referrals(localAuthorityCode: $code, first: $first) { edges { node { ...LookAheadReferral } } }
  }
  ${REFERRAL_FIELDS}`;

/** The same fields reached through node(id:), where nothing looks ahead: every relation goes through its loader. */
const NODE = `query LookAheadNode($id: ID!) { node(id: $id) { ...LookAheadReferral } } ${REFERRAL_FIELDS}`;

type Ref = { id: string };
type ReferralAnswer = Ref & { child: Ref | null; currentMatch: (Ref & { volunteer: (Ref & { provider: Ref | null }) | null }) | null };
type ListData = { waitingList?: { edges: { node: ReferralAnswer }[] }; referrals?: { edges: { node: ReferralAnswer }[] } };

const PRINCIPALS: [string, () => Principal][] = [
  ['admin', () => admin],
  ['officer of the council', () => officer(COUNCIL)],
  ['coordinator P1', () => coordinator(p1)],
  ['coordinator P2', () => coordinator(p2)],
  ['officer of another council', () => officer(OTHER_COUNCIL)],
];

beforeAll(async () => {
  database = await createTestDatabase();
  server = await TestServer.start(database.dataSource);
  const fixtures = new Fixtures(server);
  p1 = await fixtures.provider([COUNCIL]);
  p2 = await fixtures.provider([COUNCIL]);
  const sharedP1Volunteer = await fixtures.approvedVolunteer(p1, COUNCIL, { maxMatches: 10 });
  const propose = async (referralId: string, volunteerId: string, providerId: string) => {
    const proposed = await server.execute(ProposeMatchDocument, { input: { referralId, volunteerId, proposedOn: daysAgo(2) } }, coordinator(providerId));
    expect(proposed.data?.proposeMatch.errors).toEqual([]);
    return proposed.data!.proposeMatch.match!.id;
  };
  for (let i = 0; i < 12; i += 1) {
    const referralId = await fixtures.acceptedReferral(COUNCIL, 100 - i);
    if (i % 4 === 0) await propose(referralId, sharedP1Volunteer, p1);
    if (i % 4 === 1) {
      await propose(referralId, await fixtures.approvedVolunteer(p2, COUNCIL), p2);
      proposedByP2.push(referralId);
    }
    if (i % 4 === 2) {
      const matchId = await propose(referralId, sharedP1Volunteer, p1);
      const cancelled = await server.execute(CancelMatchDocument, { input: { matchId, reason: 'Volunteer moved away' } }, coordinator(p1));
      expect(cancelled.data?.cancelMatch.errors).toEqual([]);
    }
  }
  const matchedReferral = await fixtures.acceptedReferral(COUNCIL, 120);
  const activeMatch = await propose(matchedReferral, sharedP1Volunteer, p1);
  const started = await server.execute(StartMatchDocument, { input: { matchId: activeMatch, startedOn: daysAgo(1) } }, coordinator(p1));
  expect(started.data?.startMatch.errors).toEqual([]);
  // A waiting referral elsewhere, which none of the council's callers may see.
  await fixtures.acceptedReferral(OTHER_COUNCIL, 50);
}, 120_000);

afterAll(async () => {
  await server.stop();
  await database.drop();
});

async function referralsThroughNode(edges: { node: ReferralAnswer }[], principal: Principal): Promise<ReferralAnswer[]> {
  const answers: ReferralAnswer[] = [];
  for (const { node } of edges) {
    const result = await server.execute<{ node: ReferralAnswer | null }, { id: string }>(NODE, { id: node.id }, principal);
    expect(result.errors).toBeUndefined();
    answers.push(result.data!.node!);
  }
  return answers;
}

describe.each(PRINCIPALS)('as %s', (name, principal) => {
  it('waitingList answers in one statement exactly what the loaders answer through node(id:)', async () => {
    const result = await server.execute<ListData, Record<string, unknown>>(WAITING_LIST, { code: COUNCIL, first: 100 }, principal());
    expect(result.errors).toBeUndefined();
    const edges = result.data!.waitingList!.edges;
    // A page with rows is one statement; an empty one (a council outside the caller's scope) checks
    // the council's code in a second, since an unknown council is an error, not an empty list.
    const outsideScope = name === 'officer of another council';
    expect(edges.length === 0).toBe(outsideScope);
    expect(result.statements).toBe(outsideScope ? 2 : 1);
    expect(edges.map((edge) => edge.node)).toEqual(await referralsThroughNode(edges, principal()));
  });

  it('referrals answers in one statement exactly what the loaders answer through node(id:)', async () => {
    const result = await server.execute<ListData, Record<string, unknown>>(REFERRALS, { code: COUNCIL, first: 100 }, principal());
    expect(result.errors).toBeUndefined();
    expect(result.statements).toBe(1);
    const edges = result.data!.referrals!.edges;
    expect(edges.map((edge) => edge.node)).toEqual(await referralsThroughNode(edges, principal()));
  });
});

it('the world holds what the comparisons above need', async () => {
  const asAdmin = (await server.execute<ListData, Record<string, unknown>>(WAITING_LIST, { code: COUNCIL, first: 100 }, admin)).data!.waitingList!.edges;
  const asP1 = (await server.execute<ListData, Record<string, unknown>>(WAITING_LIST, { code: COUNCIL, first: 100 }, coordinator(p1))).data!.waitingList!.edges;
  expect(asAdmin).toHaveLength(12);
  // Coordinator P1 sees every waiting referral (the council commissions P1) with its child...
  expect(asP1.map((edge) => edge.node.id)).toEqual(asAdmin.map((edge) => edge.node.id));
  expect(asP1.every((edge) => edge.node.child)).toBe(true);
  // ...but not P2's proposals: null there, where the admin sees a match, volunteer and provider.
  for (const [index, edge] of asAdmin.entries()) {
    if (proposedByP2.includes(edge.node.id)) {
      expect(edge.node.currentMatch?.volunteer?.provider).toBeTruthy();
      expect(asP1[index].node.currentMatch).toBeNull();
    } else {
      expect(asP1[index].node.currentMatch).toEqual(edge.node.currentMatch);
    }
  }
  expect(asAdmin.filter((edge) => edge.node.currentMatch)).toHaveLength(6);
  expect(asP1.filter((edge) => edge.node.currentMatch)).toHaveLength(3);
  expect(proposedByP2).toHaveLength(3);
  // The other council's waiting referral is no one's here but its own council's (and the admin's).
  const elsewhere = await server.execute<ListData, Record<string, unknown>>(WAITING_LIST, { code: OTHER_COUNCIL, first: 100 }, coordinator(p1));
  expect(elsewhere.data!.waitingList!.edges).toEqual([]);
});

/** Each referral's related rows as a loader set returns them. */
async function relatedRows(loaders: Loaders, referrals: { referral_id: string; child_id: string }[]) {
  return Promise.all(
    referrals.map(async ({ referral_id, child_id }) => {
      const child = await loaders.childById.load(child_id);
      const openMatch = await loaders.openMatchByReferral.load(referral_id);
      const volunteer = openMatch ? await loaders.volunteerById.load(openMatch.volunteer_id) : null;
      const provider = volunteer ? await loaders.providerById.load(volunteer.provider_id) : null;
      return { child, openMatch, volunteer, provider };
    }),
  );
}

it.each(PRINCIPALS)('as %s, the primed rows are the rows the loaders return: same columns, values and types', async (_name, principal) => {
  const context = createContext(server.db, principal(), 'test-request', testLogger, server.limits);
  const response = await server.server.apollo.executeOperation({ query: WAITING_LIST, variables: { code: COUNCIL, first: 100 } }, { contextValue: context });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  expect(response.body.singleResult.errors).toBeUndefined();
  const edges = (response.body.singleResult.data as ListData).waitingList!.edges;
  const fresh = createLoaders(server.db, principal());
  const referrals = await Promise.all(edges.map(async ({ node }) => (await fresh.referralById.load(keyOfGlobalId(node.id, REFERRAL_TYPE)!))!));
  // Loading them again from the request's loaders runs nothing: the page statement primed them.
  const { result: primed, tally } = await runCountingStatements(() => relatedRows(context.loaders, referrals));
  expect(tally.statements).toBe(0);
  expect(primed).toStrictEqual(await relatedRows(fresh, referrals));
});

it('looks ahead through aliases and fragments, and joins only what is selected', async () => {
  const asOfficer = officer(COUNCIL);
  const spread = await server.execute<Record<string, { edges: { node: ReferralAnswer }[] }>, Record<string, unknown>>(
    `query LookAheadSpread($code: String!, $withMatch: Boolean!) {
      waiting: waitingList(localAuthorityCode: $code, service: INDEPENDENT_VISITOR, first: 100) {
        edges { node { ...WaitingNode } }
      }
    }
    fragment WaitingNode on Referral {
      id
      kid: child { id }
      ... on Referral { currentMatch @include(if: $withMatch) { id ... on Match { volunteer { id who: provider { id } } } } }
    }`,
    { code: COUNCIL, withMatch: true },
    asOfficer,
  );
  expect(spread.errors).toBeUndefined();
  expect(spread.statements).toBe(1);
  expect(spread.sql[0]).toMatch(/open_match.*volunteer.*provider/s);

  const childOnly = await server.execute(
    `query LookAheadChildOnly($code: String!) {
      waitingList(localAuthorityCode: $code, service: INDEPENDENT_VISITOR, first: 100) {
        edges { node { id child { id } currentMatch @skip(if: true) { id } } }
      }
    }`,
    { code: COUNCIL },
    asOfficer,
  );
  expect(childOnly.errors).toBeUndefined();
  expect(childOnly.statements).toBe(1);
  expect(childOnly.sql[0]).toContain('left join lateral');
  expect(childOnly.sql[0]).not.toContain('open_match');

  // Nothing related selected: the page statement as it always was.
  const bare = await server.execute(
    `query LookAheadBare($code: String!) { waitingList(localAuthorityCode: $code, service: INDEPENDENT_VISITOR, first: 100) { edges { node { id } } } }`,
    { code: COUNCIL },
    asOfficer,
  );
  expect(bare.statements).toBe(1);
  expect(bare.sql[0]).not.toContain('lateral');
});

it('counts totalCount without the joins', async () => {
  const result = await server.execute<{ waitingList: { totalCount: number } }, Record<string, unknown>>(
    `query LookAheadCount($code: String!) {
      waitingList(localAuthorityCode: $code, service: INDEPENDENT_VISITOR, first: 5) { totalCount edges { node { child { id } currentMatch { id } } } }
    }`,
    { code: COUNCIL },
    coordinator(p1),
  );
  expect(result.errors).toBeUndefined();
  expect(result.data!.waitingList.totalCount).toBe(12);
  expect(result.statements).toBe(2);
  expect(result.sql.find((sql) => sql.includes('count(*)'))).not.toContain('lateral');
});
