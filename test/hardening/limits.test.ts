import { Writable } from 'node:stream';
import pino from 'pino';
import { loadConfig } from '../../src/config';
import { createTestDatabase, TestDatabase } from '../support/testDatabase';
import { TestServer } from '../support/testServer';

/**
 * Hostile queries and faults over real HTTP: each limit rejects with its name and value, and in
 * production an unexpected failure reaches the client as INTERNAL with a request id that is also
 * in the log, never SQL text or a stack trace.
 */
let database: TestDatabase;
const servers: { server: TestServer; http: { url: string; close: () => Promise<void> } }[] = [];
const logLines: Record<string, unknown>[] = [];

const SECRET = 'test-secret-test-secret-test-secret-0123';

async function serve(env: Record<string, string>, db = database.dataSource) {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info', AUTH_JWT_SECRET: SECRET, ...env });
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  const server = await TestServer.start(db, config, pino({ level: 'info' }, sink));
  const http = await server.listen();
  servers.push({ server, http });
  return (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${http.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
}

type Body = { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
const json = async (response: Response) => (await response.json()) as Body;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  for (const { server, http } of servers) {
    await http.close();
    await server.stop();
  }
  await database.drop();
});

describe('query limits', () => {
  it('rejects a query deeper than MAX_QUERY_DEPTH, naming the limit', async () => {
    const post = await serve({ MAX_QUERY_DEPTH: '5' });
    const deep =
      '{ localAuthority(code: "E06000001") { statisticalNeighbours { statisticalNeighbours { statisticalNeighbours { statisticalNeighbours { statisticalNeighbours { name } } } } } } }';
    const body = await json(await post({ query: deep }));
    expect(body.errors?.[0].message).toMatch(/Query depth limit of 5 exceeded, found \d+/);
    const shallow = await json(await post({ query: '{ localAuthority(code: "E06000001") { statisticalNeighbours { name } } }' }));
    expect(shallow.errors).toBeUndefined();
  });

  it('rejects more aliases than MAX_ALIASES', async () => {
    const post = await serve({ MAX_ALIASES: '3' });
    const query = `{ ${Array.from({ length: 4 }, (_, i) => `a${i}: localAuthority(code: "E06000001") { name }`).join(' ')} }`;
    expect((await json(await post({ query }))).errors?.[0].message).toMatch(/Aliases limit of 3 exceeded/);
  });

  it('rejects more tokens than MAX_TOKENS', async () => {
    const post = await serve({ MAX_TOKENS: '50' });
    const query = `{ ${Array.from({ length: 30 }, () => 'viewer { role }').join(' ')} }`;
    expect((await json(await post({ query }))).errors?.[0].message).toMatch(/Token limit of 50 exceeded/);
  });

  it('weights connections by `first` when costing a query', async () => {
    const post = await serve({ MAX_QUERY_COST: '500' });
    const query = (first: number) => `{ localAuthorities(first: ${first}) { edges { node { code name regionName statisticalNeighbours { name } } } } }`;
    const small = await json(await post({ query: query(10) }));
    expect(small.errors).toBeUndefined();
    const large = await json(await post({ query: query(100) }));
    expect(large.errors?.[0].message).toMatch(/Query cost \d+ exceeds the limit of 500 \(MAX_QUERY_COST\)/);
    expect(large.errors?.[0].extensions?.code).toBe('QUERY_TOO_COSTLY');
    // With the default limit, an out-of-range `first` gets the clear page-size error, not a cost error.
    const defaults = await serve({});
    const tooMany = await json(await defaults({ query: query(1000) }));
    expect(tooMany.errors?.[0].message).toBe('`first` must be between 1 and 100; got 1000.');
  });

  it('refuses a body over MAX_BODY_BYTES with 413 and JSON, and malformed JSON with 400', async () => {
    const post = await serve({ MAX_BODY_BYTES: '1000' });
    const big = await post({ query: '{ viewer { role } }', variables: { padding: 'x'.repeat(2000) } });
    expect(big.status).toBe(413);
    expect((await json(big)).errors?.[0]).toMatchObject({
      message: expect.stringMatching(/larger than the limit of 1000 bytes \(MAX_BODY_BYTES\)/),
      extensions: { code: 'PAYLOAD_TOO_LARGE' },
    });
    const broken = await post('{"query": "{ viewer { role } }"');
    expect(broken.status).toBe(400);
    expect((await json(broken)).errors?.[0].extensions?.code).toBe('BAD_REQUEST');
  });

  it('keeps introspection off in production unless INTROSPECTION=true', async () => {
    const introspect = { query: '{ __schema { queryType { name } } }' };
    const production = await serve({ NODE_ENV: 'production' });
    expect((await json(await production(introspect))).errors?.[0].message).toMatch(/introspection is not allowed/i);
    const enabled = await serve({ NODE_ENV: 'production', INTROSPECTION: 'true' });
    expect((await json(await enabled(introspect))).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });
});

describe('error masking', () => {
  it('in production turns an unexpected failure into INTERNAL with a request id that is in the log, with no SQL or stack', async () => {
    const broken = await createTestDatabase();
    try {
      // A schema fault the code does not expect: the reference table is gone.
      await broken.dataSource.query('drop table statistical_neighbours');
      const post = await serve({ NODE_ENV: 'production' }, broken.dataSource);
      const response = await post({ query: '{ localAuthority(code: "E06000001") { name statisticalNeighbours { name } } }' });
      const text = await response.text();
      const body = JSON.parse(text) as Body;
      expect(body.errors?.[0].extensions).toEqual({ code: 'INTERNAL', requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
      expect(body.errors?.[0].message).toBe('Something went wrong on our side. Quote the request id if you report it.');
      expect(text).not.toMatch(/statistical_neighbours|relation|select|stacktrace|at .*\.ts/i);
      const requestId = body.errors?.[0].extensions?.requestId;
      expect(logLines.some((line) => line.requestId === requestId && line.msg === 'request failed')).toBe(true);
      expect(logLines.some((line) => line.requestId === requestId && line.msg === 'graphql request' && line.outcome === 'INTERNAL')).toBe(true);
    } finally {
      await broken.drop();
    }
  });

  it('logs one line per request with operation, duration, statements and outcome, and no variables', async () => {
    const post = await serve({});
    await post({
      query: 'query Hartlepool($code: String!) { localAuthority(code: $code) { name } }',
      operationName: 'Hartlepool',
      variables: { code: 'E06000001' },
    });
    const line = logLines.filter((entry) => entry.msg === 'graphql request' && entry.operationName === 'Hartlepool').at(-1)!;
    expect(line).toMatchObject({ operationName: 'Hartlepool', status: 200, statements: 1, outcome: 'ok', durationMs: expect.any(Number) });
    expect(JSON.stringify(logLines)).not.toMatch(/E06000001/);
  });
});
