import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { loadConfig } from '../../src/config';
import type { Principal } from '../../src/auth/viewer';
import { compiledExecutor } from '../../src/graphql/compiledExecution';
import { ProposeMatchDocument } from '../generated/graphql';
import { admin, coordinator, daysAgo, Fixtures, officer } from '../support/fixtures';
import { createTestDatabase, TestDatabase } from '../support/testDatabase';
import { TEST_ENVIRONMENT, TestServer } from '../support/testServer';

/**
 * Repeated operations run compiled by graphql-jit behind Apollo's executor hook
 * (src/graphql/compiledExecution.ts). The whole suite runs compiled (the tests compile at the
 * first run); here the same operations go to a server that compiles and one that never does, on
 * the same database, and must get the same answers: data, errors, codes and paths.
 */
let database: TestDatabase;
let compiled: TestServer;
let interpreted: TestServer;
const COUNCIL = 'E06000001';
let provider: string;

beforeAll(async () => {
  database = await createTestDatabase();
  compiled = await TestServer.start(database.dataSource, loadConfig({ ...TEST_ENVIRONMENT, GRAPHQL_COMPILE_AT: '1' }));
  interpreted = await TestServer.start(database.dataSource, loadConfig({ ...TEST_ENVIRONMENT, GRAPHQL_COMPILE_AT: '0' }));
  const fixtures = new Fixtures(compiled);
  provider = await fixtures.provider([COUNCIL]);
  const volunteer = await fixtures.approvedVolunteer(provider, COUNCIL, { maxMatches: 5 });
  for (let i = 0; i < 7; i += 1) {
    const referralId = await fixtures.acceptedReferral(COUNCIL, 90 - i);
    if (i % 3 === 0) {
      const proposed = await compiled.execute(
        ProposeMatchDocument,
        { input: { referralId, volunteerId: volunteer, proposedOn: daysAgo(1) } },
        coordinator(provider),
      );
      expect(proposed.data?.proposeMatch.errors).toEqual([]);
    }
  }
}, 120_000);

afterAll(async () => {
  await compiled.stop();
  await interpreted.stop();
  await database.drop();
});

const WAITING_LIST = `
  query CompiledWaitingList($code: String!, $first: Int, $after: String, $withChild: Boolean!) {
    waitingList(localAuthorityCode: $code, service: INDEPENDENT_VISITOR, first: $first, after: $after) {
      edges { cursor node { ...Waiting } }
      pageInfo { hasNextPage endCursor }
      totalCount
    }
  }
  fragment Waiting on Referral {
    __typename id acceptedOn daysWaiting
    child @include(if: $withChild) { id caseReference birthMonth }
    match: currentMatch { id status volunteer { id status provider { id name } } }
  }`;

const REFERRALS = `
  query CompiledReferrals($code: String, $status: ReferralStatus, $first: Int, $after: String) {
    referrals(localAuthorityCode: $code, status: $status, first: $first, after: $after) {
      edges { cursor node { id status service source referredOn acceptedOn matchedOn closedOn localAuthority { code name } } }
      pageInfo { hasNextPage endCursor }
    }
  }`;

const INTROSPECTION = `query CompiledIntrospection { __typename __type(name: "Referral") { name fields { name type { name kind ofType { name } } } } }`;

type Case = [name: string, query: string, variables: Record<string, unknown>, principal: () => Principal | null];

const CASES: Case[] = [
  ['a waiting list with relations, an alias, a fragment and @include', WAITING_LIST, { code: COUNCIL, first: 3, withChild: true }, () => admin],
  ['the same, @include false', WAITING_LIST, { code: COUNCIL, first: 3, withChild: false }, () => officer(COUNCIL)],
  ['the waiting list as the provider coordinator', WAITING_LIST, { code: COUNCIL, first: 10, withChild: true }, () => coordinator(provider)],
  ['referrals', REFERRALS, { code: COUNCIL, status: 'ACCEPTED', first: 4 }, () => admin],
  ['a cursor that is not one (BAD_USER_INPUT)', REFERRALS, { code: COUNCIL, first: 4, after: 'not-a-cursor' }, () => admin],
  ['an enum value that does not exist (variable coercion)', REFERRALS, { code: COUNCIL, status: 'LOST' }, () => admin],
  ['a required variable missing', WAITING_LIST, { first: 3, withChild: true }, () => admin],
  ['an unknown council code', WAITING_LIST, { code: 'E99999999', first: 3, withChild: true }, () => admin],
  ['a caller who may not see lists', WAITING_LIST, { code: COUNCIL, first: 3, withChild: true }, () => null],
  ['introspection', INTROSPECTION, {}, () => admin],
];

it('answers an operationName the document does not hold as graphql-js does, compiled or not', async () => {
  for (const server of [compiled, interpreted]) {
    const http = await server.listen();
    try {
      const response = await fetch(`${http.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: INTROSPECTION, operationName: 'Elsewhere' }),
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ errors: [expect.objectContaining({ message: 'Unknown operation named "Elsewhere".' })] });
    } finally {
      await http.close();
    }
  }
});

/** Errors without their stack traces (test servers include them), which differ between the two executors by design. */
const withoutStack = (errors: { extensions?: Record<string, unknown> }[] | undefined) =>
  errors?.map(({ extensions, ...error }) => {
    const { stacktrace: _stacktrace, ...rest } = extensions ?? {};
    return { ...error, extensions: rest };
  });

describe.each(CASES)('%s', (_name, query, variables, principal) => {
  it('gets the same answer compiled as from graphql-js, twice', async () => {
    const expected = await interpreted.execute<unknown, Record<string, unknown>>(query, variables, principal());
    for (let run = 0; run < 2; run += 1) {
      const actual = await compiled.execute<unknown, Record<string, unknown>>(query, variables, principal());
      expect(actual.data).toEqual(expected.data);
      expect(withoutStack(actual.errors)).toEqual(withoutStack(expected.errors));
      expect(actual.statements).toBe(expected.statements);
    }
  });
});

it('pages through the referrals the same way compiled', async () => {
  type Page = { referrals: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } };
  const walk = async (server: TestServer) => {
    const ids: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page += 1) {
      const result: Awaited<ReturnType<typeof server.execute<Page, Record<string, unknown>>>> = await server.execute<Page, Record<string, unknown>>(
        REFERRALS,
        { code: COUNCIL, first: 2, after },
        admin,
      );
      expect(result.errors).toBeUndefined();
      ids.push(...result.data!.referrals.edges.map((edge) => edge.node.id));
      if (!result.data!.referrals.pageInfo.hasNextPage) break;
      after = result.data!.referrals.pageInfo.endCursor;
    }
    return ids;
  };
  const ids = await walk(compiled);
  expect(ids).toHaveLength(7);
  expect(ids).toEqual(await walk(interpreted));
});

describe('when an operation is compiled', () => {
  const schema = buildSchema(`type Query { greeting(name: String!): String! }`);
  schema.getQueryType()!.getFields().greeting.resolve = (_root, args: { name: string }) => `Hello, ${args.name}`;
  const request = (query: string, operationName: string | null, variables: Record<string, unknown>) => {
    const document = parse(query);
    const operation = document.definitions.find(
      (definition): definition is OperationDefinitionNode =>
        definition.kind === 'OperationDefinition' && (!operationName || definition.name?.value === operationName),
    )!;
    return {
      document,
      operation,
      operationName,
      queryHash: query,
      request: { variables, operationName },
      context: {},
    } as unknown as GatewayGraphQLRequestContext;
  };
  const TWO = `query A($name: String!) { greeting(name: $name) } query B { greeting(name: "B") }`;

  it('compiles at the run GRAPHQL_COMPILE_AT names, once, and each operation of a document apart', async () => {
    const compiledNames: (string | null)[] = [];
    const execute = compiledExecutor(schema, 2, (name) => compiledNames.push(name));
    expect(await execute(request(TWO, 'A', { name: 'Ada' }))).toEqual({ data: { greeting: 'Hello, Ada' } });
    expect(compiledNames).toEqual([]);
    expect(await execute(request(TWO, 'A', { name: 'Grace' }))).toEqual({ data: { greeting: 'Hello, Grace' } });
    expect(compiledNames).toEqual(['A']);
    await execute(request(TWO, 'A', { name: 'Alan' }));
    await execute(request(TWO, 'B', {}));
    expect(compiledNames).toEqual(['A']);
    expect(await execute(request(TWO, 'B', {}))).toEqual({ data: { greeting: 'Hello, B' } });
    expect(compiledNames).toEqual(['A', 'B']);
  });

  it("answers a bad variable with graphql-js's own error, compiled or not", async () => {
    const execute = compiledExecutor(schema, 1);
    const result = await execute(request(TWO, 'A', { name: 5 }));
    expect(result.data).toBeUndefined();
    expect(result.errors?.map((error) => error.message)).toEqual(['Variable "$name" got invalid value 5; String cannot represent a non string value: 5']);
  });
});
