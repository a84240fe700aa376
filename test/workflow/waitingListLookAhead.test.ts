import type { Principal } from '../../src/auth/viewer';
import { runCountingStatements } from '../../src/database/statementCounter';
import { createContext, createLoaders } from '../../src/app/context';
import type { Loaders } from '../../src/graphql/context';
import { keyOfGlobalId } from '../../src/graphql/relay';
import { REFERRAL_TYPE } from '../../src/referrals/referral.types';
import { CHILD_FIELD_COLUMNS } from '../../src/children/child.queries';
import { columnsFor } from '../../src/graphql/lookAhead';
import { MATCH_FIELD_COLUMNS } from '../../src/matches/match.queries';
import { PROVIDER_FIELD_COLUMNS } from '../../src/providers/provider.queries';
import { REFERRAL_FIELD_COLUMNS } from '../../src/referrals/referral.queries';
import { VOLUNTEER_FIELD_COLUMNS } from '../../src/volunteers/volunteer.queries';
import { CancelMatchDocument, ProposeMatchDocument, StartMatchDocument } from '../generated/graphql';
import { admin, coordinator, daysAgo, Fixtures, officer } from '../support/fixtures';
import { createTestDatabase, TestDatabase } from '../support/testDatabase';
import { TestServer, testLogger } from '../support/testServer';

/**
 * waitingList and referrals fetch the child, open match, volunteer and provider they are asked for
 * in the page's own statement, reading only the columns the selected fields need, and hand them to
 * the nodes they were joined for (src/referrals/referral.lookAhead.ts).
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

it.each(PRINCIPALS)('as %s, the loaders answer whole rows after a narrowed page, and a whole record primes its loader', async (_name, principal) => {
  const context = createContext(server.db, principal(), 'test-request', testLogger, server.limits);
  const response = await server.server.apollo.executeOperation({ query: WAITING_LIST, variables: { code: COUNCIL, first: 100 } }, { contextValue: context });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  expect(response.body.singleResult.errors).toBeUndefined();
  const edges = (response.body.singleResult.data as ListData).waitingList!.edges;
  const fresh = createLoaders(server.db, principal());
  const referrals = await Promise.all(edges.map(async ({ node }) => (await fresh.referralById.load(keyOfGlobalId(node.id, REFERRAL_TYPE)!))!));
  // The fragment reads some columns of the child, match and volunteer only (no council, no
  // cancel reason): those partial records stay with their nodes, and the request's loaders still
  // answer the whole rows, exactly as a fresh set does.
  expect(await relatedRows(context.loaders, referrals)).toStrictEqual(await relatedRows(fresh, referrals));

  // Every field of the child, its council included, reads every column: that record primes the
  // loader, so loading the children again runs nothing and finds the same rows as a fresh loader.
  const whole = createContext(server.db, principal(), 'test-request', testLogger, server.limits);
  const wholeChildren = await server.server.apollo.executeOperation(
    {
      query: `query LookAheadWholeChild($code: String!) {
        waitingList(localAuthorityCode: $code, service: INDEPENDENT_VISITOR, first: 100) {
          edges { node { child { id caseReference birthMonth gender ethnicity placementType placedOutOfArea lookedAfterSince interests languages localAuthority { code } } } }
        }
      }`,
      variables: { code: COUNCIL },
    },
    { contextValue: whole },
  );
  if (wholeChildren.body.kind !== 'single') throw new Error('expected a single result');
  expect(wholeChildren.body.singleResult.errors).toBeUndefined();
  const childIds = referrals.map((referral) => referral.child_id);
  const { result: primed, tally } = await runCountingStatements(() => Promise.all(childIds.map((id) => whole.loaders.childById.load(id))));
  expect(tally.statements).toBe(0);
  expect(primed).toStrictEqual(await Promise.all(childIds.map((id) => fresh.childById.load(id))));
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

/** A selection of each object field that needs one, for the field-by-field comparison below. */
const SUBSELECTION: Record<string, string> = {
  child: '{ id }',
  currentMatch: '{ id }',
  matches: '{ id }',
  referral: '{ id }',
  volunteer: '{ id }',
  visits: '{ id }',
  provider: '{ id }',
  commissions: '{ id }',
  localAuthority: '{ code }',
  placementLocalAuthority: '{ code }',
  homeLocalAuthority: '{ code }',
  preferences: '{ volunteerGender volunteerGenderRequired languages languageRequired }',
  referrals: '{ id }',
};

/** Relations no list joins: their loader runs one statement for the whole page. */
const LOADED_ON_THEIR_OWN = new Set([
  'localAuthority',
  'placementLocalAuthority',
  'homeLocalAuthority',
  'matches',
  'referrals',
  'referral',
  'visits',
  'commissions',
]);

/** Where each type sits below a referral, as a selection wrapped around `inner`. */
const PLACES: [type: string, fields: Record<string, readonly string[]>, wrap: (inner: string) => string][] = [
  ['Referral', REFERRAL_FIELD_COLUMNS, (inner) => inner],
  ['Child', CHILD_FIELD_COLUMNS, (inner) => `child { id ${inner} }`],
  ['Match', MATCH_FIELD_COLUMNS, (inner) => `currentMatch { id ${inner} }`],
  ['Volunteer', VOLUNTEER_FIELD_COLUMNS, (inner) => `currentMatch { id volunteer { id ${inner} } }`],
  ['Provider', PROVIDER_FIELD_COLUMNS, (inner) => `currentMatch { id volunteer { id provider { id ${inner} } } }`],
];

describe.each(PLACES)('each field of %s alone, read from narrowed rows', (_type, fields, wrap) => {
  it.each(Object.keys(fields))('%s answers on both lists what node(id:) answers, in one statement (two for a relation loaded on its own)', async (field) => {
    const selection = wrap(`${field} ${SUBSELECTION[field] ?? ''}`);
    for (const principal of [admin, coordinator(p1)]) {
      for (const list of [
        'waitingList(localAuthorityCode: $code, service: INDEPENDENT_VISITOR, first: 100)',
        'referrals(localAuthorityCode: $code, first: 100)',
      ]) {
        const result = await server.execute<Record<string, { edges: { node: { id: string } }[] }>, Record<string, unknown>>(
          `query NarrowedField($code: String!) { list: ${list} { edges { node { id ${selection} } } } }`,
          { code: COUNCIL },
          principal,
        );
        expect(result.errors).toBeUndefined();
        expect(result.statements).toBe(LOADED_ON_THEIR_OWN.has(field) ? 2 : 1);
        const nodes = result.data!.list.edges.map((edge) => edge.node);
        expect(nodes.length).toBeGreaterThan(0);
        const throughNode = [];
        for (const { id } of nodes) {
          const answer = await server.execute<{ node: unknown }, { id: string }>(
            `query NarrowedFieldNode($id: ID!) { node(id: $id) { ... on Referral { id ${selection} } } }`,
            { id },
            principal,
          );
          expect(answer.errors).toBeUndefined();
          throughNode.push(answer.data!.node);
        }
        expect(nodes).toEqual(throughNode);
      }
    }
  });
});

it('reads only the columns the selected fields need, and every column for a field it has no entry for', async () => {
  const narrow = await server.execute(
    `query NarrowColumns($code: String!) {
      referrals(localAuthorityCode: $code, first: 10) { edges { cursor node { id status child { caseReference } } } }
    }`,
    { code: COUNCIL },
    admin,
  );
  expect(narrow.errors).toBeUndefined();
  const [statement] = narrow.sql;
  // The key, the sort column and the selected fields' columns (the child's key for the child); not the free-text reason.
  expect(statement).toMatch(
    /^select r\.referral_id, r\.child_id, r\.status, r\.referred_on, child\.child_id as child__child_id, child\.case_reference as child__case_reference from/,
  );
  expect(statement).not.toContain('reason');
  expect(statement).not.toContain('c.gender');
  // __typename needs no column; every field of the preferences needs its four.
  const preferences = await server.execute(
    `query NarrowPreferences($code: String!) { referrals(localAuthorityCode: $code, first: 10) { edges { node { __typename preferences { languages } } } } }`,
    { code: COUNCIL },
    admin,
  );
  expect(preferences.errors).toBeUndefined();
  expect(preferences.sql[0]).toMatch(
    /^select r\.referral_id, r\.referred_on, r\.preferred_volunteer_gender, r\.volunteer_gender_required, r\.preferred_languages, r\.language_required from/,
  );
  expect(columnsFor(['a', 'b', 'c'], ['a'], ['known', 'unknown'], { known: ['b'] })).toEqual(['a', 'b', 'c']);
  expect(columnsFor(['a', 'b', 'c'], ['a'], ['known', '__typename'], { known: ['c'] })).toEqual(['a', 'c']);
});

it('a record narrowed for one list is never another path’s answer in the same request', async () => {
  // The waiting list reads only the volunteer's id and the child's case reference; the same
  // volunteers and children reached through another list and through node(id:) in the same
  // request must still answer the fields those select.
  const asAdmin = (await server.execute<ListData, Record<string, unknown>>(WAITING_LIST, { code: COUNCIL, first: 100 }, admin)).data!.waitingList!.edges;
  const withMatch = asAdmin.find((edge) => edge.node.currentMatch?.volunteer)!.node;
  const result = await server.execute<
    {
      narrow: { edges: { node: { child: { caseReference: string } | null; currentMatch: { volunteer: { id: string } | null } | null } }[] };
      wide: {
        edges: {
          node: { child: { gender: string; birthMonth: string } | null; currentMatch: { volunteer: { gender: string; maxMatches: number } | null } | null };
        }[];
      };
      match: { volunteer: { gender: string; languages: string[] } | null } | null;
    },
    Record<string, unknown>
  >(
    `query TwoNarrowings($code: String!, $match: ID!) {
      narrow: waitingList(localAuthorityCode: $code, service: INDEPENDENT_VISITOR, first: 100) {
        edges { node { child { caseReference } currentMatch { volunteer { id } } } }
      }
      wide: referrals(localAuthorityCode: $code, status: ACCEPTED, first: 100) {
        edges { node { child { gender birthMonth } currentMatch { volunteer { gender maxMatches } } } }
      }
      match: node(id: $match) { ... on Match { volunteer { gender languages } } }
    }`,
    { code: COUNCIL, match: withMatch.currentMatch!.id },
    admin,
  );
  expect(result.errors).toBeUndefined();
  const wide = result.data!.wide.edges.map((edge) => edge.node);
  expect(wide.length).toBe(12);
  expect(wide.every((node) => node.child && typeof node.child.gender === 'string' && /^\d{4}-\d{2}$/.test(node.child.birthMonth))).toBe(true);
  const volunteers = wide.flatMap((node) => (node.currentMatch?.volunteer ? [node.currentMatch.volunteer] : []));
  expect(volunteers.length).toBe(6);
  expect(volunteers.every((volunteer) => typeof volunteer.gender === 'string' && Number.isInteger(volunteer.maxMatches))).toBe(true);
  expect(result.data!.narrow.edges.every((edge) => typeof edge.node.child?.caseReference === 'string')).toBe(true);
  expect(typeof result.data!.match!.volunteer!.gender).toBe('string');
  expect(Array.isArray(result.data!.match!.volunteer!.languages)).toBe(true);
});

it('reads the selection of each request afresh where a variable decides it (@include), and the same operation again the same', async () => {
  const operation = `query LookAheadByVariable($code: String!, $withMatch: Boolean!) {
    waitingList(localAuthorityCode: $code, service: INDEPENDENT_VISITOR, first: 100) { edges { node { id currentMatch @include(if: $withMatch) { id } } } }
  }`;
  const plain = `query LookAheadRepeated($code: String!) { waitingList(localAuthorityCode: $code, service: INDEPENDENT_VISITOR, first: 100) { edges { node { id child { id } } } } }`;
  const asOfficer = officer(COUNCIL);
  for (const withMatch of [false, true, false]) {
    const result = await server.execute(operation, { code: COUNCIL, withMatch }, asOfficer);
    expect(result.errors).toBeUndefined();
    expect(result.sql[0].includes('open_match')).toBe(withMatch);
  }
  const first = await server.execute(plain, { code: COUNCIL }, asOfficer);
  const again = await server.execute(plain, { code: COUNCIL }, asOfficer);
  expect(again.sql).toEqual(first.sql);
  expect(again.data).toEqual(first.data);
});
