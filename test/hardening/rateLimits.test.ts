import { Role } from '../../src/auth/roles';
import { loadConfig } from '../../src/config';
import { createTestDatabase, TestDatabase } from '../support/testDatabase';
import { testLogger, TestServer, tokenFor } from '../support/testServer';

/** Anonymous calls are limited per client address, with RATE_LIMITED and Retry-After. */
let database: TestDatabase;
let server: TestServer;
let http: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  database = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    AUTH_JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
    ANONYMOUS_REQUESTS_PER_MINUTE: '4',
    SELF_REFERRALS_PER_HOUR: '1',
  });
  server = await TestServer.start(database.dataSource, config, testLogger);
  http = await server.listen();
});

afterAll(async () => {
  await http.close();
  await server.stop();
  await database.drop();
});

const graphql = (query: string, headers: Record<string, string> = {}) =>
  fetch(`${http.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });

it('limits anonymous requests per address across GraphQL and CSV, with Retry-After, and not signed-in ones', async () => {
  const selfReferral =
    'mutation { submitSelfReferral(input: { localAuthorityCode: "E06000001", service: MENTORING, ageYears: 14 }) { receiptNumber errors { code message } } }';
  const first = await graphql(selfReferral);
  expect(((await first.json()) as { data: { submitSelfReferral: { receiptNumber: string } } }).data.submitSelfReferral.receiptNumber).toMatch(/^SR-/);

  // The second self-referral within the hour: a typed error and a Retry-After header.
  const second = await graphql(selfReferral);
  expect(second.status).toBe(200);
  expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(((await second.json()) as { data: { submitSelfReferral: { errors: { code: string }[] } } }).data.submitSelfReferral.errors[0].code).toBe(
    'RATE_LIMITED',
  );

  expect((await fetch(`${http.url}/reports/council-coverage.csv?service=MENTORING&date=2010-01-31`)).status).toBe(400);
  expect((await graphql('{ localAuthority(code: "E06000001") { name } }')).status).toBe(200);

  // The fifth anonymous request this minute.
  const limited = await graphql('{ localAuthority(code: "E06000001") { name } }');
  expect(limited.status).toBe(429);
  expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  const body = (await limited.json()) as { errors: { message: string; extensions: { code: string } }[] };
  expect(body.errors[0].extensions.code).toBe('RATE_LIMITED');
  expect(body.errors[0].message).toMatch(/ANONYMOUS_REQUESTS_PER_MINUTE = 4/);
  expect((await fetch(`${http.url}/reports/council-coverage.csv?service=MENTORING&date=2025-03-31`)).status).toBe(429);

  const token = await tokenFor({ sub: 'analyst', role: Role.NATIONAL_ANALYST });
  expect((await graphql('{ localAuthority(code: "E06000001") { name } }', { authorization: `Bearer ${token}` })).status).toBe(200);
});
