import { request as httpRequest, IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Role } from '../../src/auth/roles';
import { loadConfig } from '../../src/config';
import { PUBLIC_MAX_AGE_SECONDS } from '../../src/app/httpCaching';
import { refreshReports } from '../../src/reporting/refresh';
import { OperationalFixtures } from '../reporting/fixtures';
import { createTestDatabase, TestDatabase } from '../support/testDatabase';
import { TEST_ENVIRONMENT, TestServer, tokenFor } from '../support/testServer';

/**
 * HTTP for browsers and caches, over real HTTP against real PostgreSQL with hand-built records:
 * CORS preflights, Cache-Control by kind of answer and audience, ETags tied to the refresh, 304
 * for If-None-Match, and gzip or brotli when asked for.
 */

const DASHBOARD = 'https://dashboard.example.org';
const DATE = '2024-12-31';
const COMPARISON = `query Comparison($date: LocalDate!) {
  councilComparison(service: INDEPENDENT_VISITOR, date: $date) {
    date disclosureControlled
    england { childrenMatched { value status } coverageRate { value status } }
    councils { localAuthority { code name } rank figures { childrenMatched { value status } coverageRate { value status } } }
  }
}`;
const CSV_PATH = `/reports/council-coverage.csv?service=INDEPENDENT_VISITOR&date=${DATE}`;

let database: TestDatabase;
let server: TestServer;
let http: { url: string; close: () => Promise<void> };
let staff: string;
let researcherToken: string;
let officerToken: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const fixtures = new OperationalFixtures(database.dataSource);
  await fixtures.matchedChildren('E06000001', 3, '2024-09-10');
  await fixtures.matchedChildren('E08000035', 2, '2024-10-05');
  await fixtures.referral({ council: 'E06000001', referredOn: '2024-10-01', acceptedOn: '2024-10-03' });
  expect((await refreshReports(database.dataSource)).status).toBe('SUCCEEDED');
  server = await TestServer.start(database.dataSource, loadConfig({ ...TEST_ENVIRONMENT, CORS_ORIGINS: `${DASHBOARD},http://localhost:5173` }));
  http = await server.listen();
  staff = await tokenFor({ sub: 'analyst-1', role: Role.NATIONAL_ANALYST });
  researcherToken = await tokenFor({ sub: 'researcher-1', role: Role.RESEARCHER });
  officerToken = await tokenFor({ sub: 'officer-1', role: Role.COUNCIL_OFFICER, la: 'E06000001' });
}, 180_000);

afterAll(async () => {
  await http.close();
  await server.stop();
  await database.drop();
});

type Raw = { status: number; headers: IncomingHttpHeaders; body: Buffer };

/** One request over node:http, so that nothing decompresses or adds headers behind the test's back. */
function raw(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const sent = httpRequest(
      `${http.url}${path}`,
      { method, headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
        response.on('error', reject);
      },
    );
    sent.on('error', reject);
    sent.end(body);
  });
}

const graphql = (body: unknown, headers: Record<string, string> = {}) => raw('POST', '/graphql', headers, JSON.stringify(body));
const comparison = (headers: Record<string, string> = {}, date = DATE) => graphql({ query: COMPARISON, variables: { date } }, headers);
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const vary = (response: Raw) =>
  String(response.headers.vary ?? '')
    .toLowerCase()
    .split(/\s*,\s*/);
const json = (response: Raw) => JSON.parse(response.body.toString('utf8')) as { data?: Record<string, unknown>; errors?: unknown[] };

describe('CORS for the origins in CORS_ORIGINS', () => {
  it.each(['/graphql', CSV_PATH])('answers the preflight of %s from a listed origin with what a dashboard needs', async (path) => {
    const method = path === '/graphql' ? 'POST' : 'GET';
    const response = await raw('OPTIONS', path, {
      origin: DASHBOARD,
      'access-control-request-method': method,
      'access-control-request-headers': 'content-type,authorization,apollo-require-preflight,if-none-match',
    });
    expect(response.status).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe(DASHBOARD);
    expect(response.headers['access-control-allow-methods']).toContain(method);
    const allowed = String(response.headers['access-control-allow-headers']).toLowerCase().split(',');
    expect(allowed).toEqual(expect.arrayContaining(['content-type', 'authorization', 'apollo-require-preflight', 'x-apollo-operation-name', 'if-none-match']));
    expect(response.headers['access-control-max-age']).toBe('600');
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    expect(vary(response)).toContain('origin');
  });

  it.each(['/graphql', CSV_PATH])('refuses the preflight of %s from an origin not listed, without CORS headers', async (path) => {
    const response = await raw('OPTIONS', path, {
      origin: 'https://evil.example.com',
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type',
    });
    expect(response.status).toBe(403);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect(response.headers['access-control-allow-methods']).toBeUndefined();
    expect(response.body.toString()).toMatch(/"https:\/\/evil.example.com" is not allowed .*CORS_ORIGINS/);
  });

  it('lets a listed origin read the answer and its ETag; another origin gets no Access-Control-Allow-Origin', async () => {
    const allowed = await comparison({ origin: DASHBOARD });
    expect(allowed.status).toBe(200);
    expect(allowed.headers['access-control-allow-origin']).toBe(DASHBOARD);
    expect(String(allowed.headers['access-control-expose-headers']).toLowerCase().split(',')).toEqual(
      expect.arrayContaining(['etag', 'x-request-id', 'content-disposition']),
    );
    const other = await comparison({ origin: 'https://evil.example.com' });
    expect(other.status).toBe(200); // a server answers; the browser keeps it from the page
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    expect(vary(other)).toContain('origin');
  });
});

describe('Cache-Control and ETag', () => {
  it('marks an anonymous national answer public for a while, with a weak ETag, varying by Authorization', async () => {
    const response = await comparison();
    expect(response.status).toBe(200);
    expect(json(response).errors).toBeUndefined();
    expect(response.headers['cache-control']).toBe(`public, max-age=${PUBLIC_MAX_AGE_SECONDS}`);
    expect(response.headers.etag).toMatch(/^W\/"\d+-[\w-]+"$/);
    expect(vary(response)).toEqual(expect.arrayContaining(['authorization', 'accept-encoding', 'origin']));
  });

  it('marks a signed-in national answer private and to be revalidated', async () => {
    for (const token of [staff, researcherToken]) {
      const response = await comparison(bearer(token));
      expect(response.status).toBe(200);
      expect(response.headers['cache-control']).toBe('private, no-cache');
      expect(response.headers.etag).toMatch(/^W\//);
    }
  });

  it('never lets a shared cache keep an officer’s operational list, a mutation or an error', async () => {
    const list = await graphql({ query: '{ referrals(first: 5) { totalCount edges { node { id status } } } }' }, bearer(officerToken));
    expect(json(list).data).toBeDefined();
    expect(list.headers['cache-control']).toBe('no-store');
    expect(list.headers.etag).toBeUndefined();
    const mutation = await graphql({ query: 'mutation { refreshReports(input: { rollups: ["nothing_here"] }) { errors { code } } }' }, bearer(officerToken));
    expect(mutation.headers['cache-control']).toBe('no-store');
    expect(mutation.headers.etag).toBeUndefined();
    // A national view with a bad argument is an error answer: not kept either.
    const wrongDate = await comparison({}, '2024-12-15');
    expect(json(wrongDate).errors).toBeDefined();
    expect(wrongDate.headers['cache-control']).toBe('no-store');
    expect(wrongDate.headers.etag).toBeUndefined();
    // A mix of a national view and anything else is no national answer.
    const mixed = await graphql({ query: `{ viewer { role } councilComparison(service: INDEPENDENT_VISITOR, date: "${DATE}") { date } }` });
    expect(json(mixed).data).toBeDefined();
    expect(mixed.headers['cache-control']).toBe('no-store');
  });

  it('answers a repeat with If-None-Match with 304 and an empty body, over POST and GET', async () => {
    const first = await comparison();
    const etag = first.headers.etag!;
    // Known now as a national question: the POST repeat is answered before GraphQL runs.
    const again = await comparison({ 'if-none-match': etag, 'accept-encoding': 'gzip, br' });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(etag);
    expect(again.headers['cache-control']).toBe(`public, max-age=${PUBLIC_MAX_AGE_SECONDS}`);
    expect(again.headers['content-encoding']).toBeUndefined();
    expect(vary(again)).toEqual(expect.arrayContaining(['authorization', 'accept-encoding']));
    // A GET (Apollo's CSRF prevention wants its preflight header) goes through GraphQL: same ETag, same 304.
    const search = `?query=${encodeURIComponent(COMPARISON)}&variables=${encodeURIComponent(JSON.stringify({ date: DATE }))}`;
    const get = await raw('GET', `/graphql${search}`, { 'apollo-require-preflight': 'true' });
    expect(get.status).toBe(200);
    expect(json(get)).toEqual(json(first));
    const getAgain = await raw('GET', `/graphql${search}`, { 'apollo-require-preflight': 'true', 'if-none-match': get.headers.etag! });
    expect(getAgain.status).toBe(304);
    expect(getAgain.body.length).toBe(0);
    expect(getAgain.headers.etag).toBe(get.headers.etag);
    // Another ETag, or another question, is a full answer.
    expect((await comparison({ 'if-none-match': 'W/"1-stale"' })).status).toBe(200);
    const otherDate = await comparison({ 'if-none-match': etag }, '2024-11-30');
    expect(otherDate.status).toBe(200);
    expect(otherDate.headers.etag).not.toBe(etag);
  });

  it('never gives two audiences the same ETag, nor a 304 for the other audience’s ETag', async () => {
    const anonymous = await comparison();
    const analyst = await comparison(bearer(staff));
    expect((json(anonymous).data!.councilComparison as { disclosureControlled: boolean }).disclosureControlled).toBe(true);
    expect((json(analyst).data!.councilComparison as { disclosureControlled: boolean }).disclosureControlled).toBe(false);
    expect(analyst.headers.etag).not.toBe(anonymous.headers.etag);
    const staffEtagAnonymously = await comparison({ 'if-none-match': analyst.headers.etag! });
    expect(staffEtagAnonymously.status).toBe(200);
    expect(staffEtagAnonymously.headers.etag).toBe(anonymous.headers.etag);
    const publicEtagAsStaff = await comparison({ ...bearer(staff), 'if-none-match': anonymous.headers.etag! });
    expect(publicEtagAsStaff.status).toBe(200);
    expect(publicEtagAsStaff.headers.etag).toBe(analyst.headers.etag);
    // The CSV likewise.
    const csvAnonymous = await raw('GET', CSV_PATH);
    const csvStaff = await raw('GET', CSV_PATH, bearer(staff));
    expect(csvStaff.headers.etag).not.toBe(csvAnonymous.headers.etag);
    expect((await raw('GET', CSV_PATH, { ...bearer(staff), 'if-none-match': csvAnonymous.headers.etag! })).status).toBe(200);
  });

  it('gives the CSV the same treatment: Cache-Control by audience, ETag, 304; a refused request no-store', async () => {
    const anonymous = await raw('GET', CSV_PATH);
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers['content-type']).toMatch(/^text\/csv/);
    expect(anonymous.headers['cache-control']).toBe(`public, max-age=${PUBLIC_MAX_AGE_SECONDS}`);
    expect(anonymous.headers.etag).toMatch(/^W\//);
    expect(vary(anonymous)).toContain('authorization');
    // The same question in another order of its parameters is the same answer.
    const reordered = await raw('GET', `/reports/council-coverage.csv?date=${DATE}&service=INDEPENDENT_VISITOR`);
    expect(reordered.headers.etag).toBe(anonymous.headers.etag);
    const again = await raw('GET', CSV_PATH, { 'if-none-match': anonymous.headers.etag! });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(anonymous.headers.etag);
    const signedIn = await raw('GET', CSV_PATH, bearer(staff));
    expect(signedIn.headers['cache-control']).toBe('private, no-cache');
    const refused = await raw('GET', '/reports/council-coverage.csv?service=KNITTING&date=2024-12-31');
    expect(refused.status).toBe(400);
    expect(refused.headers['cache-control']).toBe('no-store');
    expect(refused.headers.etag).toBeUndefined();
    const badToken = await raw('GET', CSV_PATH, { authorization: 'Token nonsense' });
    expect(badToken.status).toBe(401);
    expect(badToken.headers['cache-control']).toBe('no-store');
  });

  it('changes every ETag with a new refresh, so an old one is answered in full', async () => {
    const before = await comparison();
    const csvBefore = await raw('GET', CSV_PATH);
    expect((await refreshReports(database.dataSource)).status).toBe('SUCCEEDED');
    const after = await comparison({ 'if-none-match': before.headers.etag! });
    expect(after.status).toBe(200);
    expect(after.headers.etag).toMatch(/^W\//);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(json(after)).toEqual(json(before)); // same records, same figures: only the refresh moved
    const csvAfter = await raw('GET', CSV_PATH, { 'if-none-match': csvBefore.headers.etag! });
    expect(csvAfter.status).toBe(200);
    expect(csvAfter.headers.etag).not.toBe(csvBefore.headers.etag);
  }, 180_000);
});

describe('compression', () => {
  it('sends gzip or brotli when the client accepts it, and plain JSON otherwise', async () => {
    const plain = await comparison();
    expect(plain.headers['content-encoding']).toBeUndefined();
    const expected = json(plain);
    expect(plain.body.length).toBeGreaterThan(10_000);

    const gzip = await comparison({ 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.body.length).toBeLessThan(plain.body.length / 3);
    expect(JSON.parse(gunzipSync(gzip.body).toString('utf8'))).toEqual(expected);

    const brotli = await comparison({ 'accept-encoding': 'br' });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(brotli.body).toString('utf8'))).toEqual(expected);
    // Same answer, same (weak) ETag whatever the encoding.
    expect(gzip.headers.etag).toBe(plain.headers.etag);
    expect(brotli.headers.etag).toBe(plain.headers.etag);

    const identityOnly = await comparison({ 'accept-encoding': 'identity' });
    expect(identityOnly.headers['content-encoding']).toBeUndefined();
    expect(json(identityOnly)).toEqual(expected);
  });

  it('compresses the CSV too', async () => {
    const plain = await raw('GET', CSV_PATH);
    const gzip = await raw('GET', CSV_PATH, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).toString('utf8')).toBe(plain.body.toString('utf8'));
    const brotli = await raw('GET', CSV_PATH, { 'accept-encoding': 'br;q=1, gzip;q=0.5' });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(brotli.body).toString('utf8')).toBe(plain.body.toString('utf8'));
  });
});
