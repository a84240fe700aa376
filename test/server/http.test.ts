import { Role } from '../../src/auth/roles';
import { signToken } from '../../src/auth/viewer';
import { createDataSource } from '../../src/database/dataSource';
import { createServer } from '../../src/app/server';
import { createTestDatabase, TestDatabase } from '../support/testDatabase';
import { testConfig, testLogger, TestServer, tokenFor } from '../support/testServer';

let database: TestDatabase;
let server: TestServer;
let http: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  database = await createTestDatabase();
  server = await TestServer.start(database.dataSource);
  http = await server.listen();
});

afterAll(async () => {
  await http.close();
  await server.stop();
  await database.drop();
});

type GraphQLBody = { data?: unknown; errors: { message: string; extensions: { code: string } }[] };

async function errorsOf(response: Response): Promise<GraphQLBody['errors']> {
  return ((await response.json()) as GraphQLBody).errors;
}

function post(body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${http.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

describe('HTTP endpoints', () => {
  it('GET /healthz answers 200 while the process is up', async () => {
    const response = await fetch(`${http.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('GET /readyz answers 200 when the database is reachable and migrated', async () => {
    const response = await fetch(`${http.url}/readyz`);
    expect(response.status).toBe(200);
  });

  it('GET /readyz answers 503 when the database is unreachable', async () => {
    const unreachable = createDataSource('postgres://postgres@127.0.0.1:1/none');
    const broken = await createServer(testConfig, unreachable, testLogger);
    const listening = broken.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => listening.once('listening', resolve));
    const address = listening.address();
    const response = await fetch(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/readyz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'not ready', reason: 'database unreachable' });
    listening.close();
    await broken.stop();
  });

  it('answers POST /graphql with JSON, viewer null for anonymous callers', async () => {
    const response = await post({ query: '{ viewer { role } localAuthority(code: "E06000001") { name } }' });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await response.json()).toEqual({ data: { viewer: null, localAuthority: { name: 'Hartlepool' } } });
  });

  it('identifies a signed-in council officer', async () => {
    const token = await tokenFor({ sub: 'officer-1', role: Role.COUNCIL_OFFICER, la: 'E06000001' });
    const response = await post({ query: '{ viewer { userId role providerId localAuthority { code name } } }' }, { authorization: `Bearer ${token}` });
    expect(await response.json()).toEqual({
      data: { viewer: { userId: 'officer-1', role: 'COUNCIL_OFFICER', providerId: null, localAuthority: { code: 'E06000001', name: 'Hartlepool' } } },
    });
  });

  it.each([
    ['a malformed header', 'Token abc', /must be "Bearer <token>"/],
    ['a token signed with another secret', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4Iiwicm9sZSI6IkFETUlOIiwiZXhwIjo5OTk5OTk5OTk5fQ.c2lnbmF0dXJl', /not valid/],
  ])('rejects %s with 401 and a message', async (_label, header, message) => {
    const response = await post({ query: '{ viewer { role } }' }, { authorization: header });
    expect(response.status).toBe(401);
    const errors = await errorsOf(response);
    expect(errors[0].message).toMatch(message);
    expect(errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('rejects an expired token, saying so', async () => {
    const token = await signToken({ sub: 'x', role: Role.ADMIN }, testConfig.jwtSecret, '-1m');
    const response = await post({ query: '{ viewer { role } }' }, { authorization: `Bearer ${token}` });
    expect(response.status).toBe(401);
    expect((await errorsOf(response))[0].message).toMatch(/expired/);
  });

  it('rejects a council officer token without a council', async () => {
    const token = await tokenFor({ sub: 'x', role: Role.COUNCIL_OFFICER });
    const response = await post({ query: '{ viewer { role } }' }, { authorization: `Bearer ${token}` });
    expect(response.status).toBe(401);
    expect((await errorsOf(response))[0].message).toMatch(/needs an la claim/);
  });

  it('keeps CSRF prevention on: a GET query without a preflight header is refused', async () => {
    const response = await fetch(`${http.url}/graphql?query=${encodeURIComponent('{ viewer { role } }')}`);
    expect(response.status).toBe(400);
  });
});
