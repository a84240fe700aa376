import { randomUUID } from 'node:crypto';
import type { Principal } from '../../src/auth/viewer';
import { toGlobalId } from '../../src/graphql/relay';
import { tableChecksums } from '../support/checksum';
import { admin, analyst, coordinator, daysAgo, Fixtures, officer, researcher } from '../support/fixtures';
import { createTestDatabase, TestDatabase } from '../support/testDatabase';
import { loadConfig } from '../../src/config';
import { OperationResult, TEST_ENVIRONMENT, TestServer } from '../support/testServer';

/**
 * The access matrix (API.md, "Rules the API enforces"; src/auth/scope.ts): every role against every
 * record type, in and out of scope, through node(id), through every list query, and through the
 * relations nested under them. Out of scope means "not there": null from node(id), absent from
 * lists (and from their totalCount), NOT_FOUND from mutations, with nothing written.
 *
 * The world: council A (E06000001, Hartlepool) commissions provider P1 for INDEPENDENT_VISITOR,
 * council B (E06000002, Middlesbrough) commissions P2. Each council has a child whose referral is
 * MATCHED (an ACTIVE match with a visit, by a volunteer of its provider), a child waiting on an
 * ACCEPTED referral, a child with a NEW referral, a NEW self-referral in its inbox, and its provider
 * has a second, unmatched volunteer.
 */

type Side = 'A' | 'B';
type Kind = 'Child' | 'Referral' | 'Volunteer' | 'Match' | 'Visit' | 'SelfReferral' | 'Provider' | 'Commission' | 'Target';

const SIDES: Record<Side, { code: string; provider: 'P1' | 'P2'; other: Side }> = {
  A: { code: 'E06000001', provider: 'P1', other: 'B' },
  B: { code: 'E06000002', provider: 'P2', other: 'A' },
};

type RecordSpec = {
  key: string;
  kind: Kind;
  side: Side;
  label: string;
  /** Referral status. */
  status?: 'MATCHED' | 'ACCEPTED' | 'NEW';
  /** Volunteer: matched with a child of the council. */
  matched?: boolean;
  /** Keys of the records its relations (one level down) point at. */
  related: string[];
};

function recordsOf(s: Side): RecordSpec[] {
  const p = SIDES[s].provider;
  const k = (name: string) => `${s}.${name}`;
  return [
    { key: k('child'), kind: 'Child', side: s, label: `${s}'s matched child`, related: [k('referral')] },
    { key: k('waitingChild'), kind: 'Child', side: s, label: `${s}'s waiting child`, related: [k('waitingReferral')] },
    { key: k('newChild'), kind: 'Child', side: s, label: `${s}'s newly referred child`, related: [k('newReferral')] },
    { key: k('referral'), kind: 'Referral', side: s, status: 'MATCHED', label: `${s}'s MATCHED referral`, related: [k('child'), k('match')] },
    { key: k('waitingReferral'), kind: 'Referral', side: s, status: 'ACCEPTED', label: `${s}'s ACCEPTED referral`, related: [k('waitingChild')] },
    { key: k('newReferral'), kind: 'Referral', side: s, status: 'NEW', label: `${s}'s NEW referral`, related: [k('newChild')] },
    { key: k('volunteer'), kind: 'Volunteer', side: s, matched: true, label: `${p}'s volunteer matched in ${s}`, related: [k('provider')] },
    { key: k('spareVolunteer'), kind: 'Volunteer', side: s, matched: false, label: `${p}'s unmatched volunteer`, related: [k('provider')] },
    { key: k('match'), kind: 'Match', side: s, label: `${s}'s match (${p})`, related: [k('referral'), k('volunteer'), k('visit')] },
    { key: k('visit'), kind: 'Visit', side: s, label: `${s}'s visit`, related: [k('match')] },
    { key: k('selfReferral'), kind: 'SelfReferral', side: s, label: `${s}'s self-referral`, related: [] },
    { key: k('provider'), kind: 'Provider', side: s, label: `provider ${p}`, related: [k('commission')] },
    { key: k('commission'), kind: 'Commission', side: s, label: `commission ${s}→${p}`, related: [k('provider')] },
    { key: k('target'), kind: 'Target', side: s, label: `${s}'s target`, related: [] },
  ];
}

const RECORDS: RecordSpec[] = [...recordsOf('A'), ...recordsOf('B')];
const RECORD = new Map(RECORDS.map((record) => [record.key, record]));

type RoleSpec = { name: string; kind: 'anonymous' | 'officer' | 'coordinator' | 'aggregate' | 'admin'; side?: Side; principal: () => Principal | null };

/** Filled in beforeAll: record key → global ID, and back. */
const ids = new Map<string, string>();
const keyOfId = new Map<string, string>();
const id = (key: string): string => {
  const value = ids.get(key);
  if (!value) throw new Error(`No ID for ${key}: the world was not built.`);
  return value;
};

const ROLES: RoleSpec[] = [
  { name: 'anonymous', kind: 'anonymous', principal: () => null },
  { name: 'officer A', kind: 'officer', side: 'A', principal: () => officer(SIDES.A.code) },
  { name: 'officer B', kind: 'officer', side: 'B', principal: () => officer(SIDES.B.code) },
  { name: 'coordinator P1', kind: 'coordinator', side: 'A', principal: () => coordinator(id('A.provider')) },
  { name: 'coordinator P2', kind: 'coordinator', side: 'B', principal: () => coordinator(id('B.provider')) },
  { name: 'national analyst', kind: 'aggregate', principal: () => analyst },
  { name: 'researcher', kind: 'aggregate', principal: () => researcher },
  { name: 'admin', kind: 'admin', principal: () => admin },
];
const ROLE = new Map(ROLES.map((role) => [role.name, role]));
const role = (name: string): RoleSpec => ROLE.get(name)!;

/** The expected scope, straight from API.md. */
function visible(who: RoleSpec, record: RecordSpec): boolean {
  // Targets are public commitments: anyone may read them (changing them is another matter).
  if (record.kind === 'Target') return true;
  switch (who.kind) {
    case 'admin':
      return true;
    case 'anonymous':
      return false;
    case 'aggregate':
      // No child-level record at all; providers and commissions are not personal data.
      return record.kind === 'Provider' || record.kind === 'Commission';
    case 'officer':
      if (record.kind === 'Provider' || record.kind === 'Commission') return true;
      if (record.side !== who.side) return false;
      // The council's children, referrals, matches, visits and inbox; volunteers only once matched with its children.
      return record.kind !== 'Volunteer' || record.matched === true;
    case 'coordinator':
      if (record.kind === 'Provider' || record.kind === 'Commission') return true;
      if (record.side !== who.side) return false;
      // The provider's volunteers, matches and visits; referrals (and so children) of the council commissioning it; no inbox.
      return record.kind !== 'SelfReferral';
  }
}

// ---------------------------------------------------------------------------------------------
// Documents (plain strings).

const NODE = `
  query RoleMatrixNode($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on Child { referrals { id } }
      ... on Referral { child { id } currentMatch { id } matches { id } }
      ... on Match { referral { id } volunteer { id } visits { id } }
      ... on Visit { match { id } }
      ... on Volunteer { provider { id } }
      ... on SelfReferral { referral { id } }
      ... on Provider { commissions { id } }
      ... on Commission { provider { id } }
    }
  }`;

/** Every list, with the relations under it, in one request per role. */
const SWEEP = `
  query RoleMatrixSweep {
    children(first: 100) {
      totalCount
      edges { node { id referrals { id child { id } currentMatch { id } matches { id volunteer { id } visits { id } } } } }
    }
    referrals(first: 100) {
      totalCount
      edges { node { id child { id referrals { id } } currentMatch { id } matches { id referral { id } volunteer { id provider { id } } visits { id match { id } } } } }
    }
    waitingA: waitingList(localAuthorityCode: "E06000001", service: INDEPENDENT_VISITOR, first: 100) {
      totalCount
      edges { node { id child { id } matches { id } } }
    }
    waitingB: waitingList(localAuthorityCode: "E06000002", service: INDEPENDENT_VISITOR, first: 100) {
      totalCount
      edges { node { id child { id } matches { id } } }
    }
    volunteers(first: 100) {
      totalCount
      edges { node { id provider { id commissions { id provider { id } } } } }
    }
    matches(first: 100) {
      totalCount
      edges { node { id referral { id child { id } } volunteer { id provider { id } } visits { id match { id } } } }
    }
    selfReferralInbox(first: 100) {
      totalCount
      edges { node { id referral { id child { id } } } }
    }
    providers(first: 100) {
      totalCount
      edges { node { id commissions { id provider { id } } } }
    }
  }`;

type Ref = { id: string };
type Conn<N = Ref> = { totalCount: number; edges: { node: N }[] };
type SweepData = {
  children: Conn;
  referrals: Conn;
  waitingA: Conn;
  waitingB: Conn;
  volunteers: Conn;
  matches: Conn<Ref & { visits: Ref[] }>;
  selfReferralInbox: Conn;
  providers: Conn<Ref & { commissions: Ref[] }>;
};
type NodeData = { node: (Ref & { __typename: string } & Record<string, unknown>) | null };
type UserError = { code: string; field: string[] | null; message: string };

const mutationDocument = (name: string, inputType: string, payloadField: string) =>
  `mutation RoleMatrix_${name}($input: ${inputType}!) { ${name}(input: $input) { ${payloadField} { id } errors { code field message } } }`;

const PROPOSE = mutationDocument('proposeMatch', 'ProposeMatchInput', 'match');
const START = mutationDocument('startMatch', 'StartMatchInput', 'match');
const LOG_VISIT = mutationDocument('logVisit', 'LogVisitInput', 'visit');
const CREATE_REFERRAL = mutationDocument('createReferral', 'CreateReferralInput', 'referral');
const SET_TARGET = mutationDocument('setTarget', 'SetTargetInput', 'target');
const SUBMIT_SELF_REFERRAL = `mutation RoleMatrixSubmit($input: SubmitSelfReferralInput!) { submitSelfReferral(input: $input) { receiptNumber errors { code field message } } }`;

// ---------------------------------------------------------------------------------------------
// World.

let database: TestDatabase;
let server: TestServer;

async function must<T>(result: Promise<OperationResult<T>>, field: string): Promise<Record<string, unknown>> {
  const { data, errors } = await result;
  if (errors?.length) throw new Error(`${field}: GraphQL errors ${JSON.stringify(errors)}`);
  const payload = (data as Record<string, Record<string, unknown> & { errors: unknown[] }>)[field];
  if (payload.errors.length) throw new Error(`${field}: ${JSON.stringify(payload.errors)}`);
  return payload;
}

async function adminNode(globalId: string): Promise<NodeData['node']> {
  const { data, errors } = await server.execute<NodeData, { id: string }>(NODE, { id: globalId }, admin);
  if (errors?.length) throw new Error(JSON.stringify(errors));
  return data!.node;
}

async function buildSide(fixtures: Fixtures, s: Side, providerId: string): Promise<void> {
  const { code } = SIDES[s];
  const set = (name: string, globalId: string) => ids.set(`${s}.${name}`, globalId);
  const childOf = async (referralId: string) => ((await adminNode(referralId))!.child as Ref).id;
  const as = coordinator(providerId);

  set('provider', providerId);
  set('commission', ((await adminNode(providerId))!.commissions as Ref[])[0].id);

  const referralId = await fixtures.acceptedReferral(code, 30);
  set('referral', referralId);
  set('child', await childOf(referralId));

  const waitingId = await fixtures.acceptedReferral(code, 20);
  set('waitingReferral', waitingId);
  set('waitingChild', await childOf(waitingId));

  const newChildId = await fixtures.child(code);
  set('newChild', newChildId);
  const created = await must(
    server.execute(
      CREATE_REFERRAL,
      { input: { childId: newChildId, service: 'INDEPENDENT_VISITOR', source: 'TEACHER', referredOn: daysAgo(5) } },
      officer(code),
    ),
    'createReferral',
  );
  set('newReferral', (created.referral as Ref).id);

  const volunteerId = await fixtures.approvedVolunteer(providerId, code);
  set('volunteer', volunteerId);
  set('spareVolunteer', await fixtures.approvedVolunteer(providerId, code));

  const proposed = await must(server.execute(PROPOSE, { input: { referralId, volunteerId, proposedOn: daysAgo(25) } }, as), 'proposeMatch');
  const matchId = (proposed.match as Ref).id;
  set('match', matchId);
  await must(server.execute(START, { input: { matchId, startedOn: daysAgo(20) } }, as), 'startMatch');
  const visit = await must(server.execute(LOG_VISIT, { input: { matchId, visitedOn: daysAgo(10), durationMinutes: 60, kind: 'IN_PERSON' } }, as), 'logVisit');
  set('visit', (visit.visit as Ref).id);

  const submitted = await must(
    server.execute(
      SUBMIT_SELF_REFERRAL,
      { input: { localAuthorityCode: code, service: 'INDEPENDENT_VISITOR', ageYears: 14, message: 'I would like someone to talk to' } },
      null,
    ),
    'submitSelfReferral',
  );
  const inbox = await server.execute<{ selfReferralInbox: Conn<Ref & { receiptNumber: string }> }, Record<string, never>>(
    '{ selfReferralInbox(first: 100) { edges { node { id receiptNumber } } } }',
    {},
    admin,
  );
  const mine = inbox.data!.selfReferralInbox.edges.find((edge) => edge.node.receiptNumber === submitted.receiptNumber);
  if (!mine) throw new Error(`Self-referral ${String(submitted.receiptNumber)} is not in the admin inbox.`);
  set('selfReferral', mine.node.id);

  const target = await must(
    server.execute(
      SET_TARGET,
      { input: { name: `${s}'s coverage target`, areaCode: code, service: 'INDEPENDENT_VISITOR', metric: 'COVERAGE_RATE', value: 10, dueOn: daysAgo(-365) } },
      officer(code),
    ),
    'setTarget',
  );
  set('target', (target.target as Ref).id);
}

beforeAll(async () => {
  database = await createTestDatabase();
  // The sweep asks for every list with every relation under it in one request, which the cost
  // limit rightly prices at well over the default (100 children x 5 referrals x 3 matches x 60
  // visits ...). This file tests who sees what in a small world, not the limits, so it lifts them.
  server = await TestServer.start(database.dataSource, loadConfig({ ...TEST_ENVIRONMENT, MAX_QUERY_COST: '1000000' }));
  const fixtures = new Fixtures(server);
  const p1 = await fixtures.provider([SIDES.A.code]);
  const p2 = await fixtures.provider([SIDES.B.code]);
  await buildSide(fixtures, 'A', p1);
  await buildSide(fixtures, 'B', p2);
  for (const [key, globalId] of ids) keyOfId.set(globalId, key);
  if (ids.size !== RECORDS.length || keyOfId.size !== RECORDS.length) throw new Error(`Expected ${RECORDS.length} distinct records, built ${ids.size}.`);
});

afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

// ---------------------------------------------------------------------------------------------
// Helpers: each role's sweep and each (role, record) node fetch run once and are shared by tests.

const sweeps = new Map<string, Promise<OperationResult<SweepData>>>();
function sweep(who: RoleSpec): Promise<OperationResult<SweepData>> {
  if (!sweeps.has(who.name)) sweeps.set(who.name, server.execute<SweepData, Record<string, never>>(SWEEP, {}, who.principal()));
  return sweeps.get(who.name)!;
}

const nodes = new Map<string, Promise<OperationResult<NodeData>>>();
function fetchNode(who: RoleSpec, record: RecordSpec): Promise<OperationResult<NodeData>> {
  const cacheKey = `${who.name}|${record.key}`;
  if (!nodes.has(cacheKey)) nodes.set(cacheKey, server.execute<NodeData, { id: string }>(NODE, { id: id(record.key) }, who.principal()));
  return nodes.get(cacheKey)!;
}

/** Every `id` anywhere in a response, as record labels (unknown IDs are reported as such). */
function idsIn(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const item of value) idsIn(item, into);
  } else if (value && typeof value === 'object') {
    for (const [field, inner] of Object.entries(value)) {
      if (field === 'id' && typeof inner === 'string') into.push(inner);
      else idsIn(inner, into);
    }
  }
  return into;
}
const labelOf = (globalId: string): string => {
  const key = keyOfId.get(globalId);
  return key ? RECORD.get(key)!.label : `unknown ID ${globalId}`;
};
const labels = (keysOrIds: Iterable<string>, fromIds = true): string[] =>
  [...new Set([...keysOrIds].map((value) => (fromIds ? labelOf(value) : RECORD.get(value)!.label)))].sort();

/**
 * An anonymous caller may be turned away from a list altogether (API.md: without a token only
 * submitSelfReferral and public reporting); signed-in callers get their scope, never an error.
 */
async function sweepData(who: RoleSpec): Promise<SweepData | null> {
  const result = await sweep(who);
  if (who.kind !== 'anonymous') expect(result.errors).toBeUndefined();
  return result.data ?? null;
}

type ListPath = { kind: Kind; name: string; ids: (data: SweepData) => string[]; applies?: (record: RecordSpec) => boolean };
const edgeIds = (conn: Conn | null | undefined): string[] => (conn ? conn.edges.map((edge) => edge.node.id) : []);

const LIST_PATHS: ListPath[] = [
  { kind: 'Child', name: 'children', ids: (d) => edgeIds(d.children) },
  { kind: 'Referral', name: 'referrals', ids: (d) => edgeIds(d.referrals) },
  { kind: 'Referral', name: 'waitingList(A)', ids: (d) => edgeIds(d.waitingA), applies: (r) => r.side === 'A' && r.status === 'ACCEPTED' },
  { kind: 'Referral', name: 'waitingList(B)', ids: (d) => edgeIds(d.waitingB), applies: (r) => r.side === 'B' && r.status === 'ACCEPTED' },
  { kind: 'Volunteer', name: 'volunteers', ids: (d) => edgeIds(d.volunteers) },
  { kind: 'Match', name: 'matches', ids: (d) => edgeIds(d.matches) },
  { kind: 'Visit', name: 'matches → visits', ids: (d) => (d.matches?.edges ?? []).flatMap((edge) => edge.node.visits.map((v) => v.id)) },
  { kind: 'SelfReferral', name: 'selfReferralInbox', ids: (d) => edgeIds(d.selfReferralInbox) },
  { kind: 'Provider', name: 'providers', ids: (d) => edgeIds(d.providers) },
  { kind: 'Commission', name: 'providers → commissions', ids: (d) => (d.providers?.edges ?? []).flatMap((edge) => edge.node.commissions.map((c) => c.id)) },
];
const LIST_ROOTS = ['children', 'referrals', 'waitingA', 'waitingB', 'volunteers', 'matches', 'selfReferralInbox', 'providers'] as const;

// ---------------------------------------------------------------------------------------------
// The matrix.

describe.each(ROLES)('$name', (who) => {
  describe('node(id)', () => {
    for (const record of RECORDS) {
      const expected = visible(who, record);
      it(`${record.label} (${record.kind}): ${expected ? 'returns it' : 'null'}`, async () => {
        const { data, errors } = await fetchNode(who, record);
        expect(errors).toBeUndefined();
        if (expected) {
          expect(data?.node).toMatchObject({ __typename: record.kind, id: id(record.key) });
        } else {
          expect(data?.node).toBeNull();
        }
      });

      if (expected) {
        const relatedVisible = record.related.filter((key) => visible(who, RECORD.get(key)!));
        it(`${record.label} (${record.kind}): its relations show exactly ${relatedVisible.length ? `[${labels(relatedVisible, false).join(', ')}]` : 'nothing'}`, async () => {
          const { data } = await fetchNode(who, record);
          const { id: ownId, __typename: _typename, ...relations } = data!.node!;
          expect(ownId).toBe(id(record.key));
          expect(labels(idsIn(relations))).toEqual(labels(relatedVisible, false));
        });
      }
    }
  });

  describe('lists', () => {
    for (const path of LIST_PATHS) {
      for (const record of RECORDS.filter((r) => r.kind === path.kind)) {
        const expected = visible(who, record) && (path.applies ? path.applies(record) : true);
        it(`${path.name} ${expected ? 'includes' : 'omits'} ${record.label}`, async () => {
          const data = await sweepData(who);
          const listed = data ? path.ids(data) : [];
          if (expected) expect(listed).toContain(id(record.key));
          else expect(listed).not.toContain(id(record.key));
        });
      }
    }

    it('nothing out of scope appears anywhere in any list or relation under it', async () => {
      const data = await sweepData(who);
      const seen = idsIn(data);
      const leaked = labels(seen.filter((globalId) => !keyOfId.has(globalId) || !visible(who, RECORD.get(keyOfId.get(globalId)!)!)));
      expect(leaked).toEqual([]);
    });

    it.each(LIST_ROOTS)('%s: totalCount counts only what the caller may see', async (root) => {
      const data = await sweepData(who);
      if (!data) return; // an anonymous caller turned away: nothing to count
      const conn = data[root] as Conn;
      expect(conn.totalCount).toBe(conn.edges.length);
    });
  });
});

describe('filters cannot widen scope', () => {
  const cases: { who: string; query: string; root: string }[] = [
    { who: 'officer A', root: 'children', query: '{ children(localAuthorityCode: "E06000002") { totalCount edges { node { id } } } }' },
    { who: 'officer A', root: 'referrals', query: '{ referrals(localAuthorityCode: "E06000002") { totalCount edges { node { id } } } }' },
    {
      who: 'officer A',
      root: 'waitingList',
      query: '{ waitingList(localAuthorityCode: "E06000002", service: INDEPENDENT_VISITOR) { totalCount edges { node { id } } } }',
    },
    { who: 'officer A', root: 'matches', query: '{ matches(localAuthorityCode: "E06000002") { totalCount edges { node { id } } } }' },
    { who: 'coordinator P1', root: 'referrals', query: '{ referrals(localAuthorityCode: "E06000002") { totalCount edges { node { id } } } }' },
    {
      who: 'coordinator P1',
      root: 'waitingList',
      query: '{ waitingList(localAuthorityCode: "E06000002", service: INDEPENDENT_VISITOR) { totalCount edges { node { id } } } }',
    },
    { who: 'coordinator P1', root: 'matches', query: '{ matches(localAuthorityCode: "E06000002") { totalCount edges { node { id } } } }' },
    { who: 'national analyst', root: 'referrals', query: '{ referrals(localAuthorityCode: "E06000001") { totalCount edges { node { id } } } }' },
    { who: 'researcher', root: 'children', query: '{ children(localAuthorityCode: "E06000001") { totalCount edges { node { id } } } }' },
  ];
  it.each(cases)("$who: $root of another council's records is empty", async ({ who, query, root }) => {
    const { data, errors } = await server.execute<Record<string, Conn>, Record<string, never>>(query, {}, role(who).principal());
    expect(errors).toBeUndefined();
    expect(data![root]).toEqual({ totalCount: 0, edges: [] });
  });

  it.each(['officer A', 'coordinator P1'])('%s: volunteers(providerId: P2) is empty', async (who) => {
    const { data, errors } = await server.execute<{ volunteers: Conn }, { providerId: string }>(
      'query ($providerId: ID) { volunteers(providerId: $providerId) { totalCount edges { node { id } } } }',
      { providerId: id('B.provider') },
      role(who).principal(),
    );
    expect(errors).toBeUndefined();
    expect(data!.volunteers).toEqual({ totalCount: 0, edges: [] });
  });
});

// ---------------------------------------------------------------------------------------------
// Mutations: out of scope is NOT_FOUND (exactly as for an ID that does not exist), role not allowed
// is FORBIDDEN; neither writes anything, audit included.

const TABLES = ['children', 'referrals', 'matches', 'visits', 'volunteers', 'self_referrals', 'commissions', 'providers', 'targets', 'audit_events'];

type MutationCase = {
  name: string;
  who: string;
  mutation: string;
  inputType: string;
  payloadField: string;
  /** The record the caller must not reach; replaced by a made-up ID of the same type for the comparison. */
  target: string;
  targetType: Kind;
  input: (target: string) => Record<string, unknown>;
  code: string;
};

async function runMutationCase(c: MutationCase, target: string) {
  const result = await server.execute<Record<string, Record<string, unknown> & { errors: UserError[] }>, { input: Record<string, unknown> }>(
    mutationDocument(c.mutation, c.inputType, c.payloadField),
    { input: c.input(target) },
    role(c.who).principal(),
  );
  expect(result.errors).toBeUndefined();
  return result.data![c.mutation];
}

async function expectRefusedWithoutWrites(c: MutationCase, compareWithGhost: boolean): Promise<void> {
  const before = await tableChecksums(database.dataSource, TABLES);
  const payload = await runMutationCase(c, id(c.target));
  expect(payload.errors[0]?.code).toBe(c.code);
  expect(payload[c.payloadField]).toBeNull();
  if (compareWithGhost) {
    // Same answer as for a record that does not exist: nothing tells the caller it is there.
    const ghost = await runMutationCase(c, toGlobalId(c.targetType, randomUUID()));
    expect(payload.errors).toEqual(ghost.errors);
  }
  expect(await tableChecksums(database.dataSource, TABLES)).toEqual(before);
}

const today = () => daysAgo(0);
const tomorrow = () => daysAgo(-1);

const OUT_OF_SCOPE: MutationCase[] = [
  {
    name: "officer B accepts A's NEW referral",
    who: 'officer B',
    mutation: 'acceptReferral',
    inputType: 'AcceptReferralInput',
    payloadField: 'referral',
    target: 'A.newReferral',
    targetType: 'Referral',
    input: (referralId) => ({ referralId, acceptedOn: today() }),
    code: 'NOT_FOUND',
  },
  {
    name: "officer A accepts B's NEW referral",
    who: 'officer A',
    mutation: 'acceptReferral',
    inputType: 'AcceptReferralInput',
    payloadField: 'referral',
    target: 'B.newReferral',
    targetType: 'Referral',
    input: (referralId) => ({ referralId, acceptedOn: today() }),
    code: 'NOT_FOUND',
  },
  {
    name: "officer B closes A's NEW referral",
    who: 'officer B',
    mutation: 'closeReferral',
    inputType: 'CloseReferralInput',
    payloadField: 'referral',
    target: 'A.newReferral',
    targetType: 'Referral',
    input: (referralId) => ({ referralId, closedOn: today(), reason: 'WITHDRAWN' }),
    code: 'NOT_FOUND',
  },
  {
    name: "officer B closes A's ACCEPTED referral",
    who: 'officer B',
    mutation: 'closeReferral',
    inputType: 'CloseReferralInput',
    payloadField: 'referral',
    target: 'A.waitingReferral',
    targetType: 'Referral',
    input: (referralId) => ({ referralId, closedOn: today(), reason: 'WITHDRAWN' }),
    code: 'NOT_FOUND',
  },
  {
    name: "officer B refers A's child",
    who: 'officer B',
    mutation: 'createReferral',
    inputType: 'CreateReferralInput',
    payloadField: 'referral',
    target: 'A.waitingChild',
    targetType: 'Child',
    input: (childId) => ({ childId, service: 'MENTORING', source: 'TEACHER', referredOn: today() }),
    code: 'NOT_FOUND',
  },
  {
    name: "officer B ends A's match",
    who: 'officer B',
    mutation: 'endMatch',
    inputType: 'EndMatchInput',
    payloadField: 'match',
    target: 'A.match',
    targetType: 'Match',
    input: (matchId) => ({ matchId, endedOn: today(), reason: 'PLANNED_ENDING' }),
    code: 'NOT_FOUND',
  },
  {
    name: "officer B cancels A's match",
    who: 'officer B',
    mutation: 'cancelMatch',
    inputType: 'CancelMatchInput',
    payloadField: 'match',
    target: 'A.match',
    targetType: 'Match',
    input: (matchId) => ({ matchId, reason: 'Not ours' }),
    code: 'NOT_FOUND',
  },
  {
    name: "officer B dismisses A's self-referral",
    who: 'officer B',
    mutation: 'dismissSelfReferral',
    inputType: 'DismissSelfReferralInput',
    payloadField: 'selfReferral',
    target: 'A.selfReferral',
    targetType: 'SelfReferral',
    input: (selfReferralId) => ({ selfReferralId }),
    code: 'NOT_FOUND',
  },
  {
    name: "officer B converts A's self-referral",
    who: 'officer B',
    mutation: 'convertSelfReferral',
    inputType: 'ConvertSelfReferralInput',
    payloadField: 'referral',
    target: 'A.selfReferral',
    targetType: 'SelfReferral',
    input: (selfReferralId) => ({ selfReferralId, childId: id('B.child') }),
    code: 'NOT_FOUND',
  },
  {
    name: "officer A converts A's self-referral for B's child",
    who: 'officer A',
    mutation: 'convertSelfReferral',
    inputType: 'ConvertSelfReferralInput',
    payloadField: 'referral',
    target: 'B.child',
    targetType: 'Child',
    input: (childId) => ({ selfReferralId: id('A.selfReferral'), childId }),
    code: 'NOT_FOUND',
  },
  {
    name: "coordinator P2 starts P1's match",
    who: 'coordinator P2',
    mutation: 'startMatch',
    inputType: 'StartMatchInput',
    payloadField: 'match',
    target: 'A.match',
    targetType: 'Match',
    input: (matchId) => ({ matchId, startedOn: today() }),
    code: 'NOT_FOUND',
  },
  {
    name: "coordinator P2 logs a visit on P1's match",
    who: 'coordinator P2',
    mutation: 'logVisit',
    inputType: 'LogVisitInput',
    payloadField: 'visit',
    target: 'A.match',
    targetType: 'Match',
    input: (matchId) => ({ matchId, visitedOn: today(), durationMinutes: 30, kind: 'PHONE' }),
    code: 'NOT_FOUND',
  },
  {
    name: "coordinator P2 ends P1's match",
    who: 'coordinator P2',
    mutation: 'endMatch',
    inputType: 'EndMatchInput',
    payloadField: 'match',
    target: 'A.match',
    targetType: 'Match',
    input: (matchId) => ({ matchId, endedOn: today(), reason: 'VOLUNTEER_RESIGNED' }),
    code: 'NOT_FOUND',
  },
  {
    name: "coordinator P2 cancels P1's match",
    who: 'coordinator P2',
    mutation: 'cancelMatch',
    inputType: 'CancelMatchInput',
    payloadField: 'match',
    target: 'A.match',
    targetType: 'Match',
    input: (matchId) => ({ matchId, reason: 'Not ours' }),
    code: 'NOT_FOUND',
  },
  {
    name: "coordinator P2 proposes its volunteer for A's waiting referral",
    who: 'coordinator P2',
    mutation: 'proposeMatch',
    inputType: 'ProposeMatchInput',
    payloadField: 'match',
    target: 'A.waitingReferral',
    targetType: 'Referral',
    input: (referralId) => ({ referralId, volunteerId: id('B.spareVolunteer'), proposedOn: today() }),
    code: 'NOT_FOUND',
  },
  {
    name: "coordinator P1 proposes its volunteer for B's waiting referral",
    who: 'coordinator P1',
    mutation: 'proposeMatch',
    inputType: 'ProposeMatchInput',
    payloadField: 'match',
    target: 'B.waitingReferral',
    targetType: 'Referral',
    input: (referralId) => ({ referralId, volunteerId: id('A.spareVolunteer'), proposedOn: today() }),
    code: 'NOT_FOUND',
  },
  {
    name: "coordinator P1 proposes P2's volunteer for A's waiting referral",
    who: 'coordinator P1',
    mutation: 'proposeMatch',
    inputType: 'ProposeMatchInput',
    payloadField: 'match',
    target: 'B.spareVolunteer',
    targetType: 'Volunteer',
    input: (volunteerId) => ({ referralId: id('A.waitingReferral'), volunteerId, proposedOn: today() }),
    code: 'NOT_FOUND',
  },
  {
    name: "coordinator P2 records vetting for P1's volunteer",
    who: 'coordinator P2',
    mutation: 'recordVolunteerVetting',
    inputType: 'RecordVolunteerVettingInput',
    payloadField: 'volunteer',
    target: 'A.spareVolunteer',
    targetType: 'Volunteer',
    input: (volunteerId) => ({ volunteerId, referencesReceived: 3 }),
    code: 'NOT_FOUND',
  },
  {
    name: "coordinator P2 approves P1's volunteer",
    who: 'coordinator P2',
    mutation: 'approveVolunteer',
    inputType: 'ApproveVolunteerInput',
    payloadField: 'volunteer',
    target: 'A.spareVolunteer',
    targetType: 'Volunteer',
    input: (volunteerId) => ({ volunteerId, approvedOn: today() }),
    code: 'NOT_FOUND',
  },
  {
    name: 'coordinator P2 registers a volunteer for P1',
    who: 'coordinator P2',
    mutation: 'registerVolunteer',
    inputType: 'RegisterVolunteerInput',
    payloadField: 'volunteer',
    target: 'A.provider',
    targetType: 'Provider',
    input: (providerId) => ({ providerId, homeLocalAuthorityCode: SIDES.B.code, gender: 'FEMALE' }),
    code: 'NOT_FOUND',
  },
  {
    name: "officer B removes A's target",
    who: 'officer B',
    mutation: 'removeTarget',
    inputType: 'RemoveTargetInput',
    payloadField: 'target',
    target: 'A.target',
    targetType: 'Target',
    input: (targetId) => ({ targetId }),
    code: 'NOT_FOUND',
  },
];

function outOfScope(name: string): MutationCase {
  const found = OUT_OF_SCOPE.find((c) => c.name === name);
  if (!found) throw new Error(`No out-of-scope case named ${name}`);
  return found;
}

describe('mutations on records outside the caller’s scope', () => {
  it.each(OUT_OF_SCOPE)('$name: NOT_FOUND, as for a made-up ID, and nothing written', async (c) => {
    await expectRefusedWithoutWrites(c, true);
  });
});

/**
 * Controls: the same mutations by callers who can see the record reach the record's own checks
 * (an illegal transition, or a date in the future chosen so nothing is written), which shows the
 * NOT_FOUND above comes from scope, not from the record's state.
 */
const IN_SCOPE_CONTROLS: MutationCase[] = [
  {
    ...outOfScope("officer B accepts A's NEW referral"),
    name: "officer A accepts A's NEW referral tomorrow",
    who: 'officer A',
    input: (referralId) => ({ referralId, acceptedOn: tomorrow() }),
    code: 'VALIDATION',
  },
  {
    ...outOfScope("officer B closes A's ACCEPTED referral"),
    name: "officer A closes A's ACCEPTED referral tomorrow",
    who: 'officer A',
    input: (referralId) => ({ referralId, closedOn: tomorrow(), reason: 'WITHDRAWN' }),
    code: 'VALIDATION',
  },
  {
    ...outOfScope("officer B ends A's match"),
    name: "officer A ends A's match tomorrow",
    who: 'officer A',
    input: (matchId) => ({ matchId, endedOn: tomorrow(), reason: 'PLANNED_ENDING' }),
    code: 'VALIDATION',
  },
  {
    ...outOfScope("coordinator P2 starts P1's match"),
    name: 'coordinator P1 starts its ACTIVE match again',
    who: 'coordinator P1',
    code: 'INVALID_TRANSITION',
  },
  {
    ...outOfScope("coordinator P2 logs a visit on P1's match"),
    name: 'coordinator P1 logs a 0-minute visit on its match',
    who: 'coordinator P1',
    input: (matchId) => ({ matchId, visitedOn: today(), durationMinutes: 0, kind: 'PHONE' }),
    code: 'VALIDATION',
  },
  { ...outOfScope("coordinator P2 cancels P1's match"), name: 'coordinator P1 cancels its ACTIVE match', who: 'coordinator P1', code: 'INVALID_TRANSITION' },
  {
    ...outOfScope("coordinator P1 proposes P2's volunteer for A's waiting referral"),
    name: "coordinator P1 proposes its volunteer for A's waiting referral tomorrow",
    target: 'A.spareVolunteer',
    input: (volunteerId) => ({ referralId: id('A.waitingReferral'), volunteerId, proposedOn: tomorrow() }),
    code: 'VALIDATION',
  },
  {
    ...outOfScope("coordinator P2 approves P1's volunteer"),
    name: 'coordinator P1 approves its volunteer tomorrow',
    who: 'coordinator P1',
    input: (volunteerId) => ({ volunteerId, approvedOn: tomorrow() }),
    code: 'VALIDATION',
  },
];

describe('controls: the same mutations in scope reach the record', () => {
  it.each(IN_SCOPE_CONTROLS)('$name: $code, nothing written', async (c) => {
    await expectRefusedWithoutWrites(c, false);
  });
});

const REGISTER_CHILD_INPUT = {
  localAuthorityCode: SIDES.A.code,
  caseReference: 'ROLE-MATRIX-1',
  birthMonth: '2012-05',
  gender: 'FEMALE',
  ethnicity: 'WHITE',
  placementType: 'FOSTER_CARE',
  placedOutOfArea: false,
  lookedAfterSince: '2019-01-15',
};

describe('roles that may not change child-level records are FORBIDDEN, and nothing is written', () => {
  const registerChild = (who: string): MutationCase => ({
    name: `${who} registers a child in A`,
    who,
    mutation: 'registerChild',
    inputType: 'RegisterChildInput',
    payloadField: 'child',
    target: 'A.child',
    targetType: 'Child',
    input: () => REGISTER_CHILD_INPUT,
    code: 'FORBIDDEN',
  });
  it.each(['anonymous', 'national analyst', 'researcher', 'coordinator P1', 'officer B'].map(registerChild))('$name: FORBIDDEN', async (c) => {
    await expectRefusedWithoutWrites(c, false);
  });

  // Refused on role before any lookup, so a real and a made-up ID get the same answer.
  it.each(
    ['anonymous', 'national analyst', 'researcher'].map((who) => ({
      ...outOfScope("officer B accepts A's NEW referral"),
      name: `${who} accepts A's NEW referral`,
      who,
      code: 'FORBIDDEN',
    })),
  )('$name: FORBIDDEN, as for a made-up ID', async (c) => {
    await expectRefusedWithoutWrites(c, true);
  });
  it.each(
    ['anonymous', 'national analyst', 'researcher', 'officer A'].map((who) => ({
      ...outOfScope("coordinator P2 logs a visit on P1's match"),
      name: `${who} logs a visit on A's match`,
      who,
      code: 'FORBIDDEN',
    })),
  )('$name: FORBIDDEN, as for a made-up ID', async (c) => {
    await expectRefusedWithoutWrites(c, true);
  });
});

describe('targets: anyone reads them; admins and analysts set and remove them, an officer only for their own council', () => {
  it.each(
    ['anonymous', 'researcher', 'coordinator P1'].map((who) => ({
      ...outOfScope("officer B removes A's target"),
      name: `${who} removes A's target`,
      who,
      code: 'FORBIDDEN',
    })),
  )('$name: FORBIDDEN, as for a made-up ID', async (c) => {
    await expectRefusedWithoutWrites(c, true);
  });

  const setTargetIn = (who: string, area: string, code: string): MutationCase => ({
    name: `${who} sets a target for ${area}`,
    who,
    mutation: 'setTarget',
    inputType: 'SetTargetInput',
    payloadField: 'target',
    target: 'A.target',
    targetType: 'Target',
    input: () => ({ name: 'Not yours', areaCode: area, service: 'MENTORING', metric: 'ACTIVE_MATCHES', value: 5, dueOn: daysAgo(-100) }),
    code,
  });
  it.each([
    setTargetIn('officer B', SIDES.A.code, 'FORBIDDEN'),
    setTargetIn('officer A', 'E92000001', 'FORBIDDEN'),
    setTargetIn('researcher', SIDES.A.code, 'FORBIDDEN'),
    setTargetIn('coordinator P1', SIDES.A.code, 'FORBIDDEN'),
    setTargetIn('anonymous', SIDES.A.code, 'FORBIDDEN'),
  ])('$name: $code, nothing written', async (c) => {
    await expectRefusedWithoutWrites(c, false);
  });
});
