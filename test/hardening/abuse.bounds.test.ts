import { getNamedType, getNullableType, isLeafType, isListType, isObjectType, parse } from 'graphql';
import { Role } from '../../src/auth/roles';
import { loadConfig } from '../../src/config';
import { getSchema } from '../../src/app/schema';
import { LIST_SIZES, queryCost } from '../../src/graphql/limits';
import { encodeCursor } from '../../src/graphql/relay';
import { createTestDatabase, TestDatabase } from '../support/testDatabase';
import { testLogger, TestServer, tokenFor } from '../support/testServer';

/**
 * Bounded work per request and client mistakes answered as such (issue 12). Every request's work
 * is bounded before it runs (every list has a size the cost analysis knows, multiplied through
 * nesting and aliases) and while it runs (MAX_RESULT_NODES, MAX_RESPONSE_BYTES); every client
 * mistake is a 4xx with a code naming what was wrong, never a 5xx or INTERNAL.
 */

const SECRET = 'test-secret-test-secret-test-secret-0123';

type Body = { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
type Post = (body: unknown, headers?: Record<string, string>) => Promise<Response>;

let database: TestDatabase;
const servers: { server: TestServer; http: { url: string; close: () => Promise<void> } }[] = [];
let post: Post;
let adminToken: string;

async function serve(env: Record<string, string> = {}): Promise<Post> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', AUTH_JWT_SECRET: SECRET, ANONYMOUS_REQUESTS_PER_MINUTE: '100000', ...env });
  const server = await TestServer.start(database.dataSource, config, testLogger);
  const http = await server.listen();
  servers.push({ server, http });
  return (body, headers = {}) =>
    fetch(`${http.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
}

const json = async (response: Response) => (await response.json()) as Body;

/** Status and the first error's code and message. */
async function outcome(response: Response) {
  const body = await json(response);
  return { status: response.status, code: body.errors?.[0]?.extensions?.code, message: body.errors?.[0]?.message ?? '', data: body.data };
}

beforeAll(async () => {
  database = await createTestDatabase();
  post = await serve();
  adminToken = await tokenFor({ sub: 'bounds-admin', role: Role.ADMIN });
});

afterAll(async () => {
  for (const { server, http } of servers) {
    await http.close();
    await server.stop();
  }
  await database.drop();
});

/** Nested statistical neighbours, `levels` deep, under a page of councils. */
const neighbours = (first: number, levels: number) =>
  `{ localAuthorities(first: ${first}) { edges { node { ${'statisticalNeighbours { '.repeat(levels)}code${' }'.repeat(levels)} } } } }`;

describe('every request is costed before it runs', () => {
  it('refuses the stall query (100 councils, neighbours four deep) with 400 QUERY_TOO_COSTLY naming MAX_QUERY_COST', async () => {
    const response = await post({ query: neighbours(100, 4) });
    const result = await outcome(response);
    expect(result).toMatchObject({ status: 400, code: 'QUERY_TOO_COSTLY' });
    expect(result.message).toMatch(/^Query cost \d+ exceeds the limit of 10000 \(MAX_QUERY_COST\)/);
    expect(result.data).toBeUndefined();
  });

  it('multiplies a plain list by its declared size: one level of neighbours costs ten times what each selects', async () => {
    const limited = await serve({ MAX_QUERY_COST: '250' });
    // Two levels: 1 + (1 + 10 × (1 + 10 × 1)) = 112.
    expect(
      (await outcome(await limited({ query: '{ localAuthority(code: "E06000001") { statisticalNeighbours { statisticalNeighbours { code } } } }' }))).status,
    ).toBe(200);
    // Three levels: 1 + (1 + 10 × (1 + 10 × (1 + 10))) = 1112.
    const deeper = await outcome(
      await limited({ query: '{ localAuthority(code: "E06000001") { statisticalNeighbours { statisticalNeighbours { statisticalNeighbours { code } } } } }' }),
    );
    expect(deeper).toMatchObject({ status: 400, code: 'QUERY_TOO_COSTLY' });
    expect(deeper.message).toMatch(/^Query cost 1112 exceeds the limit of 250/);
  });

  it('adds up aliases: the same field under many names costs each time', async () => {
    const limited = await serve({ MAX_QUERY_COST: '1000' });
    const one = 'localAuthority(code: "E06000001") { statisticalNeighbours { statisticalNeighbours { code } } }';
    expect((await outcome(await limited({ query: `{ a: ${one} }` }))).status).toBe(200);
    const many = await outcome(await limited({ query: `{ ${Array.from({ length: 10 }, (_, i) => `a${i}: ${one}`).join(' ')} }` }));
    expect(many).toMatchObject({ status: 400, code: 'QUERY_TOO_COSTLY' });
  });

  it('refuses fragments spread inside fragments instead of letting them through uncosted', async () => {
    // Each fragment spreads the next twice: 2^14 copies of one field from a few hundred tokens.
    const fragments = Array.from({ length: 14 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join(' ');
    const query = `{ ...F0 } ${fragments} fragment F14 on Query { localAuthorities(first: 100) { edges { node { code } } } }`;
    const result = await outcome(await post({ query }));
    expect(result).toMatchObject({ status: 400, code: 'QUERY_TOO_COSTLY' });
    expect(result.message).toMatch(/MAX_QUERY_COST/);
  });

  it('still accepts what a dashboard asks: a child with every referral, match and visit; a page of 50 providers with their commissions', () => {
    const schema = getSchema();
    const child =
      '{ node(id: "x") { ... on Child { id caseReference referrals { id status referredOn matches { id status proposedOn visits { id visitedOn durationMinutes kind } } } } } }';
    const providers = '{ providers(first: 50) { edges { node { id name kind commissions { id service startsOn endsOn localAuthority { code name } } } } } }';
    for (const query of [child, providers]) expect(queryCost(schema, parse(query))).toBeLessThanOrEqual(loadConfig({}).maxQueryCost);
  });

  it('declares a size for every list of objects in the schema, and only for fields that exist', () => {
    const schema = getSchema();
    const undeclared: string[] = [];
    const existing = new Set<string>();
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        existing.add(`${type.name}.${field.name}`);
        if (!isListType(getNullableType(field.type)) || isLeafType(getNamedType(field.type))) continue;
        if (field.name === 'edges' && type.name.endsWith('Connection')) continue;
        if (field.name === 'errors' && getNamedType(field.type).name === 'UserError') continue;
        if (!(`${type.name}.${field.name}` in LIST_SIZES)) undeclared.push(`${type.name}.${field.name}`);
      }
    }
    expect(undeclared).toEqual([]);
    expect(Object.keys(LIST_SIZES).filter((name) => !existing.has(name))).toEqual([]);
  });
});

describe('execution enforces hard caps', () => {
  it('stops at MAX_RESULT_NODES with 400 RESULT_TOO_LARGE and no partial data', async () => {
    const capped = await serve({ MAX_RESULT_NODES: '50' });
    // 10 councils and their 100 neighbours: 110 list items.
    const result = await outcome(await capped({ query: neighbours(10, 1) }));
    expect(result).toMatchObject({ status: 400, code: 'RESULT_TOO_LARGE', data: undefined });
    expect(result.message).toBe('The answer would hold more than 50 list items (MAX_RESULT_NODES): ask for smaller pages or fewer nested lists.');
    expect((await outcome(await capped({ query: neighbours(4, 1) }))).status).toBe(200);
  });

  it('stops the stall query by MAX_RESULT_NODES even when the cost limit is lifted', async () => {
    const lifted = await serve({ MAX_QUERY_COST: '100000000' });
    const result = await outcome(await lifted({ query: neighbours(100, 4) }));
    expect(result).toMatchObject({ status: 400, code: 'RESULT_TOO_LARGE' });
    expect(result.message).toMatch(/more than 10000 list items \(MAX_RESULT_NODES\)/);
  });

  it('refuses to send an answer over MAX_RESPONSE_BYTES with 400 RESULT_TOO_LARGE naming the setting', async () => {
    const capped = await serve({ MAX_RESPONSE_BYTES: '2000' });
    const result = await outcome(await capped({ query: '{ localAuthorities(first: 100) { edges { node { code name regionName } } } }' }));
    expect(result).toMatchObject({ status: 400, code: 'RESULT_TOO_LARGE' });
    expect(result.message).toMatch(/larger than the limit of 2000 bytes \(MAX_RESPONSE_BYTES\)/);
    expect((await outcome(await capped({ query: '{ localAuthority(code: "E06000001") { name } }' }))).status).toBe(200);
  });

  it('validates the new settings, naming the variable', () => {
    expect(() => loadConfig({ MAX_RESULT_NODES: '0' })).toThrow(/MAX_RESULT_NODES: expected a number above 0/);
    expect(() => loadConfig({ MAX_RESPONSE_BYTES: '10' })).toThrow(/MAX_RESPONSE_BYTES: expected at least 1024 bytes/);
    expect(() => loadConfig({ DATABASE_CONNECT_TIMEOUT_MS: 'soon' })).toThrow(/DATABASE_CONNECT_TIMEOUT_MS: expected a whole number/);
    expect(() => loadConfig({ STATEMENT_TIMEOUT_MS: '5000', DATABASE_QUERY_TIMEOUT_MS: '5000' })).toThrow(
      /DATABASE_QUERY_TIMEOUT_MS: expected more than STATEMENT_TIMEOUT_MS \(5000\)/,
    );
    expect(loadConfig({ STATEMENT_TIMEOUT_MS: '5000' }).databaseQueryTimeoutMs).toBe(6000);
  });
});

describe('client mistakes are 4xx with a code', () => {
  it('answers a syntax error with 400 GRAPHQL_PARSE_FAILED', async () => {
    const result = await outcome(await post({ query: '{ viewer { role }' }));
    expect(result).toMatchObject({ status: 400, code: 'GRAPHQL_PARSE_FAILED' });
    expect(result.message).toMatch(/Syntax Error: Expected Name, found <EOF>/);
  });

  it('answers every limit with 400 and the limit named', async () => {
    const strict = await serve({ MAX_TOKENS: '50', MAX_QUERY_DEPTH: '3', MAX_ALIASES: '2' });
    const tokens = await outcome(await strict({ query: `{ ${Array.from({ length: 30 }, () => 'viewer { role }').join(' ')} }` }));
    expect(tokens.status).toBe(400);
    expect(tokens.message).toMatch(/Token limit of 50 exceeded/);
    const depth = await outcome(
      await strict({ query: '{ localAuthority(code: "E06000001") { statisticalNeighbours { statisticalNeighbours { statisticalNeighbours { code } } } } }' }),
    );
    expect(depth.status).toBe(400);
    expect(depth.message).toMatch(/Query depth limit of 3 exceeded/);
    const aliases = await outcome(await strict({ query: '{ a: viewer { role } b: viewer { role } c: viewer { role } }' }));
    expect(aliases.status).toBe(400);
    expect(aliases.message).toMatch(/Aliases limit of 2 exceeded/);
    // The token limit stops the parser; the others are validation rules.
    expect([tokens.code, depth.code, aliases.code]).toEqual(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_VALIDATION_FAILED']);
    expect(tokens.message).toBe('Token limit of 50 exceeded (MAX_TOKENS): send a shorter query.');
  });

  it.each([
    ['text/plain', 'is not supported: send the request as application/json'],
    ['application/x-www-form-urlencoded', 'is not supported: send the request as application/json'],
    ['application/json; charset=latin1', 'The charset "latin1" is not supported'],
    ['application/json; charset=utf-16', 'The charset "utf-16" is not supported'],
  ])('refuses Content-Type %s with 415 UNSUPPORTED_MEDIA_TYPE', async (contentType, message) => {
    const result = await outcome(await post({ query: '{ viewer { role } }' }, { 'content-type': contentType }));
    expect(result).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(result.message).toContain(message);
  });

  it('accepts JSON in UTF-8 however the charset is spelled', async () => {
    for (const contentType of ['application/json', 'application/json; charset=utf-8', 'Application/JSON; charset="UTF-8"']) {
      expect((await post({ query: '{ localAuthority(code: "E06000001") { name } }' }, { 'content-type': contentType })).status).toBe(200);
    }
  });

  it.each([
    ['escaped in a JSON string of the body', { query: '{ localAuthority(code: "E06\u00000001") { name } }' }],
    ['escaped in a GraphQL string literal', { query: '{ localAuthority(code: "E06\\u00000001") { name } }' }],
    ['as a variable-width GraphQL escape', { query: '{ localAuthority(code: "E06\\u{0}0001") { name } }' }],
    ['in a variable', { query: 'query ($code: String!) { localAuthority(code: $code) { name } }', variables: { code: 'E06\u00000001' } }],
    [
      'in an input object literal',
      {
        query:
          'mutation { submitSelfReferral(input: { localAuthorityCode: "E06000001", service: INDEPENDENT_VISITOR, ageYears: 12, message: "hi\\u0000" }) { receiptNumber } }',
      },
    ],
  ])('refuses a NUL %s at the door with 400 BAD_USER_INPUT', async (_where, body) => {
    const result = await outcome(await post(body));
    expect(result).toMatchObject({ status: 400, code: 'BAD_USER_INPUT' });
    expect(result.message).toMatch(/NUL character \(\\u0000\)/);
  });

  it('refuses a NUL in the URL of a GET request with 400 BAD_USER_INPUT', async () => {
    const url = `${servers[0].http.url}/graphql?query=${encodeURIComponent('{ localAuthority(code: "E06\u00000001") { name } }')}`;
    const result = await outcome(await fetch(url, { headers: { 'apollo-require-preflight': 'true' } }));
    expect(result).toMatchObject({ status: 400, code: 'BAD_USER_INPUT' });
  });

  it('lets through text that only looks like a NUL escape (an escaped backslash, a block string)', async () => {
    for (const query of ['{ localAuthority(code: "E06\\\\u00000001") { name } }', '{ localAuthority(code: """E06\\u00000001""") { name } }']) {
      const result = await outcome(await post({ query }));
      expect(result.status).toBe(200);
      expect(result.code).not.toBe('INTERNAL');
    }
  });

  it.each([
    ['an unknown operationName', { query: 'query A { viewer { role } }', operationName: 'B' }],
    ['two operations and no operationName', { query: 'query A { viewer { role } } query B { viewer { role } }' }],
    ['a query that is not a string', { query: 42 }],
    ['no query at all', { variables: {} }],
    ['variables that are not an object', { query: '{ viewer { role } }', variables: 'code' }],
    ['a variable of the wrong type', { query: 'query ($first: Int) { localAuthorities(first: $first) { totalCount } }', variables: { first: 'many' } }],
    ['an unknown field', { query: '{ viewer { role secret } }' }],
    ['a batch (an array body)', [{ query: '{ viewer { role } }' }]],
    ['a lone surrogate in a string', { query: '{ localAuthority(code: "\\uD800") { name } }' }],
    ['an unterminated string', { query: '{ localAuthority(code: "E06) { name } }' }],
  ])('answers %s with a 4xx, never a 5xx', async (_mistake, body) => {
    const result = await outcome(await post(body));
    expect(result.status).toBeGreaterThanOrEqual(400);
    expect(result.status).toBeLessThan(500);
    expect(result.code).not.toBe('INTERNAL');
  });

  it.each([
    ['referrals', '{ referrals(after: $after) { edges { cursor } } }'],
    ['matches', '{ matches(after: $after) { edges { cursor } } }'],
    ['volunteers', '{ volunteers(after: $after) { edges { cursor } } }'],
    ['waitingList', '{ waitingList(localAuthorityCode: "E06000001", service: INDEPENDENT_VISITOR, after: $after) { edges { cursor } } }'],
  ])('answers a cursor holding an impossible date on %s with BAD_USER_INPUT naming `after`', async (_list, selection) => {
    const after = encodeCursor(['2024-02-30', '00000000-0000-4000-8000-000000000000']);
    const query = `query ($after: String) ${selection.replace(/^\{/, '{')}`;
    const response = await post({ query, variables: { after } }, { authorization: `Bearer ${adminToken}` });
    const body = await json(response);
    expect(body.errors?.[0]).toMatchObject({
      message: '`after` is not a cursor from this list: pass the `endCursor` of a previous page.',
      extensions: { code: 'BAD_USER_INPUT', argument: 'after' },
    });
    // A real date in the same shape is a position like any other.
    const valid = await json(
      await post(
        { query, variables: { after: encodeCursor(['2024-02-29', '00000000-0000-4000-8000-000000000000']) } },
        { authorization: `Bearer ${adminToken}` },
      ),
    );
    expect(valid.errors).toBeUndefined();
  });
});
