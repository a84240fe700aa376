import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { ClaimDirectory } from '../../src/auth/claimDirectory';
import { Role } from '../../src/auth/roles';
import { ConfigError, loadConfig } from '../../src/config';
import { runCountingStatements } from '../../src/database/statementCounter';
import { todayInLondon } from '../../src/graphql/dates';
import { toGlobalId } from '../../src/graphql/relay';
import {
  CommissionProviderDocument,
  CreateReferralDocument,
  LogVisitDocument,
  ProposeMatchDocument,
  RegisterChildDocument,
  RegisterVolunteerDocument,
  StartMatchDocument,
  SubmitSelfReferralDocument,
} from '../generated/graphql';
import { admin, coordinator, daysAgo, Fixtures, officer } from '../support/fixtures';
import { createTestDatabase, TestDatabase } from '../support/testDatabase';
import { testConfig, TestServer, tokenFor } from '../support/testServer';

/**
 * Issue 12, the write side: bearer tokens whose claims are wrong, commissions backdated by a
 * council officer, and create mutations repeated (a retry after a timeout, or many at once)
 * with an idempotency key. Every refusal is checked to have written nothing.
 */

const A = 'E06000001';
const B = 'E06000002';
const ABOLISHED = 'E10000006'; // Cumbria

let database: TestDatabase;
let server: TestServer;
let http: { url: string; close: () => Promise<void> };
let fixtures: Fixtures;
let providerId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await TestServer.start(database.dataSource);
  http = await server.listen();
  fixtures = new Fixtures(server);
  providerId = await fixtures.provider([A]);
});

afterAll(async () => {
  await http.close();
  await server.stop();
  await database.drop();
});

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const [{ n }] = await database.dataSource.query(`select count(*)::int as n from (${sql}) counted`, params);
  return n;
}

const now = () => Math.floor(Date.now() / 1000);

/** Signs claims as given (signToken always sets iat and exp itself); without iat, none is added. */
function rawToken(claims: Record<string, unknown>): string {
  return jwt.sign(claims, testConfig.jwtSecret, { algorithm: 'HS256', noTimestamp: claims.iat === undefined });
}

/** The UUID behind a global ID. */
const keyOf = (id: string) => Buffer.from(id, 'base64url').toString('utf8').split(':')[1];

async function viewerOver(url: string, token: string): Promise<{ status: number; message?: string; role?: string }> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ viewer { role } }' }),
  });
  const body = (await response.json()) as { data?: { viewer?: { role: string } }; errors?: { message: string; extensions?: { code?: string } }[] };
  if (response.status === 401) expect(body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  return { status: response.status, message: body.errors?.[0].message, role: body.data?.viewer?.role };
}

const viewer = (token: string) => viewerOver(http.url, token);

describe('bearer tokens', () => {
  it('accepts the tokens the test support, npm run token and npm start mint (12 hours, existing council and provider)', async () => {
    expect(await viewer(await tokenFor({ sub: 'officer', role: Role.COUNCIL_OFFICER, la: A }))).toMatchObject({ status: 200, role: 'COUNCIL_OFFICER' });
    expect(await viewer(await tokenFor({ sub: 'coordinator', role: Role.PROVIDER_COORDINATOR, provider: providerId }))).toMatchObject({
      status: 200,
      role: 'PROVIDER_COORDINATOR',
    });
    expect(await viewer(await tokenFor({ sub: 'admin', role: Role.ADMIN }))).toMatchObject({ status: 200, role: 'ADMIN' });
    const issued = now();
    expect(await viewer(rawToken({ sub: 'exactly-12h', role: 'ADMIN', iat: issued, exp: issued + 12 * 3600 }))).toMatchObject({ status: 200 });
  });

  it.each([
    ['a council that does not exist', 'E99999999', /la claim "E99999999" is not a council code: expected the exact ONS code of a current council/],
    ['a council code in lower case', 'e06000001', /la claim "e06000001" is not a council code.*Council codes are upper case/],
    ['an abolished council', ABOLISHED, /la claim "E10000006" names a council that no longer exists/],
  ])('refuses a council officer token naming %s with 401 naming the la claim', async (_label, la, message) => {
    const answer = await viewer(await tokenFor({ sub: 'officer', role: Role.COUNCIL_OFFICER, la }));
    expect(answer.status).toBe(401);
    expect(answer.message).toMatch(message);
  });

  it('refuses a coordinator token naming no provider, and accepts it once that provider exists', async () => {
    const key = randomUUID();
    const token = await tokenFor({ sub: 'coordinator-later', role: Role.PROVIDER_COORDINATOR, provider: toGlobalId('Provider', key) });
    const before = await viewer(token);
    expect(before.status).toBe(401);
    expect(before.message).toMatch(/provider claim names no provider: expected the global ID \(Provider\.id\) of an existing provider/);
    expect(await viewer(await tokenFor({ sub: 'c', role: Role.PROVIDER_COORDINATOR, provider: 'not-a-global-id' }))).toMatchObject({ status: 401 });
    await database.dataSource.query(`insert into providers (provider_id, name, kind) values ($1::uuid, 'Created after the token', 'CHARITY')`, [key]);
    expect(await viewer(token)).toMatchObject({ status: 200, role: 'PROVIDER_COORDINATOR' });
  });

  it('refuses an iat in the future beyond the clock skew, and allows one within it', async () => {
    const ahead = await viewer(rawToken({ sub: 'future', role: 'ADMIN', iat: now() + 3600, exp: now() + 7200 }));
    expect(ahead.status).toBe(401);
    expect(ahead.message).toMatch(/iat claim \(.*\) is in the future: this server's time is .* and it allows 60 s of clock skew \(TOKEN_CLOCK_SKEW_SECONDS\)/);
    expect(await viewer(rawToken({ sub: 'skewed', role: 'ADMIN', iat: now() + 30, exp: now() + 3600 }))).toMatchObject({ status: 200 });
  });

  it('refuses a token without iat or without exp', async () => {
    const noIat = await viewer(rawToken({ sub: 'no-iat', role: 'ADMIN', exp: now() + 3600 }));
    expect(noIat).toMatchObject({ status: 401, message: expect.stringMatching(/has no iat claim/) });
    const noExp = await viewer(rawToken({ sub: 'no-exp', role: 'ADMIN', iat: now() }));
    expect(noExp).toMatchObject({ status: 401, message: expect.stringMatching(/has no exp claim.*without an expiry are refused/) });
  });

  it('refuses a lifetime above the maximum, and the maximum is configurable', async () => {
    const issued = now();
    const long = await viewer(rawToken({ sub: 'long', role: 'ADMIN', iat: issued, exp: issued + 13 * 3600 }));
    expect(long).toMatchObject({
      status: 401,
      message: 'The bearer token lives 13 h from iat to exp; at most 12 h is accepted (TOKEN_MAX_LIFETIME_HOURS). Get a shorter-lived token.',
    });

    const strict = await TestServer.start(database.dataSource, loadConfig({ ...configEnv, TOKEN_MAX_LIFETIME_HOURS: '1' }));
    const strictHttp = await strict.listen();
    try {
      const twoHours = await viewerOver(strictHttp.url, rawToken({ sub: 'two-hours', role: 'ADMIN', iat: issued, exp: issued + 2 * 3600 }));
      expect(twoHours).toMatchObject({ status: 401, message: expect.stringMatching(/lives 2 h from iat to exp; at most 1 h is accepted/) });
      expect(await viewerOver(strictHttp.url, rawToken({ sub: 'one-hour', role: 'ADMIN', iat: issued, exp: issued + 3600 }))).toMatchObject({ status: 200 });
    } finally {
      await strictHttp.close();
      await strict.stop();
    }
  });

  it('validates the token settings at start-up, naming the variable', () => {
    expect(() => loadConfig({ TOKEN_MAX_LIFETIME_HOURS: '0' })).toThrow(/TOKEN_MAX_LIFETIME_HOURS: expected a number above 0/);
    expect(() => loadConfig({ TOKEN_MAX_LIFETIME_HOURS: '12h' })).toThrow(ConfigError);
    expect(() => loadConfig({ TOKEN_CLOCK_SKEW_SECONDS: '-1' })).toThrow(/TOKEN_CLOCK_SKEW_SECONDS: expected 0 or more/);
    expect(() => loadConfig({ COMMISSION_BACKDATE_DAYS: '400' })).toThrow(/COMMISSION_BACKDATE_DAYS: expected at most 366 days/);
    expect(loadConfig({})).toMatchObject({ tokenMaxLifetimeSeconds: 12 * 3600, tokenClockSkewSeconds: 60, commissionBackdateDays: 0 });
  });

  it('checks claims from memory: councils in one statement for many tokens, a found provider once, a missing one each time', async () => {
    const directory = new ClaimDirectory(database.dataSource);
    const councils = await runCountingStatements(async () => {
      for (const code of [A, B, ABOLISHED, 'E99999999', A, B]) await directory.councilStatus(code);
      return Promise.all([A, B, A].map((code) => directory.councilStatus(code)));
    });
    expect(councils.result).toEqual(['current', 'current', 'current']);
    expect(councils.tally.statements).toBe(1);

    const key = keyOf(providerId);
    const found = await runCountingStatements(() => Promise.all([directory.providerExists(key), directory.providerExists(key), directory.providerExists(key)]));
    expect(found.result).toEqual([true, true, true]);
    expect(found.tally.statements).toBe(1); // concurrent look-ups of one ID share a statement
    const again = await runCountingStatements(() => directory.providerExists(key));
    expect(again.tally.statements).toBe(0);
    const missing = await runCountingStatements(async () => [await directory.providerExists(randomUUID()), await directory.providerExists(randomUUID())]);
    expect(missing.result).toEqual([false, false]);
    expect(missing.tally.statements).toBe(2);
  });
});

const configEnv = { NODE_ENV: 'test', LOG_LEVEL: 'silent', AUTH_JWT_SECRET: testConfig.jwtSecret };

describe('commissions by a council officer', () => {
  const commission = (principal = officer(A), startsOn: string, target = server, service: 'INDEPENDENT_VISITOR' | 'MENTORING' = 'MENTORING') =>
    target.execute(CommissionProviderDocument, { input: { providerId, localAuthorityCode: A, service, startsOn } }, principal);

  it('refuses a backdated start with FORBIDDEN on startsOn naming the earliest date, and writes nothing', async () => {
    const before = await count('select 1 from commissions');
    const auditBefore = await count(`select 1 from audit_events where action = 'commissionProvider'`);
    for (const startsOn of ['2000-01-01', daysAgo(1)]) {
      const refused = await commission(officer(A), startsOn);
      expect(refused.data?.commissionProvider).toEqual({
        commission: null,
        errors: [
          {
            code: 'FORBIDDEN',
            field: ['input', 'startsOn'],
            message: `A council officer may start a commission on ${todayInLondon()} at the earliest, today (Europe/London); got ${startsOn}. An ADMIN records earlier commissions.`,
          },
        ],
      });
    }
    expect(await count('select 1 from commissions')).toBe(before);
    expect(await count(`select 1 from audit_events where action = 'commissionProvider'`)).toBe(auditBefore);
  });

  it('accepts today or later from an officer and any date from an admin, each audited as now', async () => {
    const today = await commission(officer(A), todayInLondon());
    expect(today.data?.commissionProvider.errors).toEqual([]);
    const ahead = await commission(officer(A), daysAgo(-30));
    expect(ahead.data?.commissionProvider.errors).toEqual([]);
    const history = await commission(admin, '2000-01-01');
    expect(history.data?.commissionProvider.errors).toEqual([]);
    for (const [result, role] of [
      [today, 'COUNCIL_OFFICER'],
      [ahead, 'COUNCIL_OFFICER'],
      [history, 'ADMIN'],
    ] as const) {
      const key = keyOf(result.data!.commissionProvider.commission!.id);
      const [event] = await database.dataSource.query(
        `select actor_role, changed_fields, occurred_at > now() - interval '1 minute' as just_now from audit_events where record_type = 'Commission' and record_id = $1::text`,
        [key],
      );
      expect(event).toEqual({ actor_role: role, changed_fields: expect.arrayContaining(['startsOn']), just_now: true });
    }
  });

  it('allows COMMISSION_BACKDATE_DAYS of backdating when configured', async () => {
    const lenient = await TestServer.start(database.dataSource, loadConfig({ ...configEnv, COMMISSION_BACKDATE_DAYS: '7' }));
    try {
      const within = await commission(officer(A), daysAgo(7), lenient, 'INDEPENDENT_VISITOR');
      expect(within.data?.commissionProvider.errors).toEqual([]);
      const beyond = await commission(officer(A), daysAgo(8), lenient, 'INDEPENDENT_VISITOR');
      expect(beyond.data?.commissionProvider.errors).toEqual([
        {
          code: 'FORBIDDEN',
          field: ['input', 'startsOn'],
          message: `A council officer may start a commission on ${daysAgo(7)} at the earliest, 7 days before today (COMMISSION_BACKDATE_DAYS); got ${daysAgo(8)}. An ADMIN records earlier commissions.`,
        },
      ]);
    } finally {
      await lenient.stop();
    }
  });
});

describe('idempotency keys', () => {
  /** An ACTIVE match of a fresh provider's volunteer with a child of council A. */
  async function activeMatch(): Promise<{ matchId: string; provider: string }> {
    const provider = await fixtures.provider([A]);
    const referralId = await fixtures.acceptedReferral(A, 40);
    const volunteerId = await fixtures.approvedVolunteer(provider, A);
    const proposed = await server.execute(ProposeMatchDocument, { input: { referralId, volunteerId, proposedOn: daysAgo(30) } }, coordinator(provider));
    const matchId = proposed.data!.proposeMatch.match!.id;
    const started = await server.execute(StartMatchDocument, { input: { matchId, startedOn: daysAgo(20) } }, coordinator(provider));
    expect(started.data?.startMatch.errors).toEqual([]);
    return { matchId, provider };
  }

  const visitsOf = (matchId: string) => count('select 1 from visits where match_id = $1::uuid', [keyOf(matchId)]);
  const auditOf = (action: string) => count('select 1 from audit_events where action = $1::text', [action]);

  it('logVisit sent twice with one key records one visit, one audit event, and answers the same visit', async () => {
    const { matchId, provider } = await activeMatch();
    const input = { matchId, visitedOn: daysAgo(2), durationMinutes: 90, kind: 'IN_PERSON' as const, idempotencyKey: `visit-${randomUUID()}` };
    const audits = await auditOf('logVisit');
    const first = await server.execute(LogVisitDocument, { input }, coordinator(provider));
    const second = await server.execute(LogVisitDocument, { input }, coordinator(provider));
    expect(first.data?.logVisit.errors).toEqual([]);
    expect(second.data?.logVisit).toEqual(first.data?.logVisit);
    expect(await visitsOf(matchId)).toBe(1);
    expect(await auditOf('logVisit')).toBe(audits + 1);
    // Without a key, a repeat is a new visit, as before.
    const { idempotencyKey: _unused, ...unkeyed } = input;
    await server.execute(LogVisitDocument, { input: unkeyed }, coordinator(provider));
    await server.execute(LogVisitDocument, { input: unkeyed }, coordinator(provider));
    expect(await visitsOf(matchId)).toBe(3);
  });

  it('settles 20 identical logVisit requests sent at once: exactly one visit, every answer carrying its id', async () => {
    const { matchId, provider } = await activeMatch();
    const input = { matchId, visitedOn: daysAgo(1), durationMinutes: 60, kind: 'VIDEO' as const, idempotencyKey: randomUUID() };
    const audits = await auditOf('logVisit');
    const answers = await Promise.all(Array.from({ length: 20 }, () => server.execute(LogVisitDocument, { input }, coordinator(provider))));
    expect(answers.map((answer) => answer.errors)).toEqual(Array(20).fill(undefined));
    expect(answers.map((answer) => answer.data?.logVisit.errors)).toEqual(Array(20).fill([]));
    const visitIds = new Set(answers.map((answer) => answer.data?.logVisit.visit?.id));
    expect(visitIds.size).toBe(1);
    expect([...visitIds][0]).toEqual(expect.any(String));
    expect(await visitsOf(matchId)).toBe(1);
    expect(await auditOf('logVisit')).toBe(audits + 1);
    expect(await count('select 1 from idempotency_keys where idempotency_key = $1::text', [input.idempotencyKey])).toBe(1);
  });

  it('settles 20 identical logVisit requests over HTTP the same way', async () => {
    const { matchId, provider } = await activeMatch();
    const token = await tokenFor({ sub: 'coordinator-http', role: Role.PROVIDER_COORDINATOR, provider });
    const input = { matchId, visitedOn: daysAgo(1), durationMinutes: 45, kind: 'PHONE', idempotencyKey: randomUUID() };
    const query = 'mutation($input: LogVisitInput!) { logVisit(input: $input) { errors { code message } visit { id } } }';
    const answers = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const response = await fetch(`${http.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query, variables: { input } }),
        });
        expect(response.status).toBe(200);
        return ((await response.json()) as { data: { logVisit: { errors: unknown[]; visit: { id: string } | null } } }).data.logVisit;
      }),
    );
    expect(answers.every((answer) => answer.errors.length === 0)).toBe(true);
    expect(new Set(answers.map((answer) => answer.visit?.id)).size).toBe(1);
    expect(await visitsOf(matchId)).toBe(1);
  });

  it('makes every create mutation replay its first record for a repeat with the same key', async () => {
    const key = () => randomUUID();
    // registerChild: without the key the repeat would be a CONFLICT on caseReference.
    const childInput = {
      localAuthorityCode: A,
      caseReference: `IDEM-${Date.now()}`,
      birthMonth: '2012-05',
      gender: 'FEMALE' as const,
      ethnicity: 'WHITE' as const,
      placementType: 'FOSTER_CARE' as const,
      placedOutOfArea: false,
      lookedAfterSince: '2019-01-15',
      idempotencyKey: key(),
    };
    const children = await count('select 1 from children');
    const child = [
      await server.execute(RegisterChildDocument, { input: childInput }, officer(A)),
      await server.execute(RegisterChildDocument, { input: childInput }, officer(A)),
    ];
    expect(child[0].data?.registerChild.errors).toEqual([]);
    expect(child[1].data?.registerChild).toEqual(child[0].data?.registerChild);
    expect(await count('select 1 from children')).toBe(children + 1);
    const childId = child[0].data!.registerChild.child!.id;

    const referralInput = { childId, service: 'INDEPENDENT_VISITOR' as const, source: 'SOCIAL_WORKER' as const, referredOn: daysAgo(3), idempotencyKey: key() };
    const referral = [
      await server.execute(CreateReferralDocument, { input: referralInput }, officer(A)),
      await server.execute(CreateReferralDocument, { input: referralInput }, officer(A)),
    ];
    expect(referral[0].data?.createReferral.errors).toEqual([]);
    expect(referral[1].data?.createReferral).toEqual(referral[0].data?.createReferral);
    expect(await count('select 1 from referrals r join children c using (child_id) where c.case_reference = $1::text', [childInput.caseReference])).toBe(1);

    const volunteerInput = { providerId, homeLocalAuthorityCode: A, gender: 'MALE' as const, languages: ['english'], maxMatches: 1, idempotencyKey: key() };
    const volunteers = await count('select 1 from volunteers');
    const volunteer = [
      await server.execute(RegisterVolunteerDocument, { input: volunteerInput }, coordinator(providerId)),
      await server.execute(RegisterVolunteerDocument, { input: volunteerInput }, coordinator(providerId)),
    ];
    expect(volunteer[0].data?.registerVolunteer.errors).toEqual([]);
    expect(volunteer[1].data?.registerVolunteer).toEqual(volunteer[0].data?.registerVolunteer);
    expect(await count('select 1 from volunteers')).toBe(volunteers + 1);

    // proposeMatch: without the key the repeat would be a CONFLICT (one open match per referral).
    const referralId = await fixtures.acceptedReferral(A, 20);
    const volunteerId = await fixtures.approvedVolunteer(providerId, A, { maxMatches: 3 });
    const proposeInput = { referralId, volunteerId, proposedOn: daysAgo(1), idempotencyKey: key() };
    const proposed = [
      await server.execute(ProposeMatchDocument, { input: proposeInput }, coordinator(providerId)),
      await server.execute(ProposeMatchDocument, { input: proposeInput }, coordinator(providerId)),
    ];
    expect(proposed[0].data?.proposeMatch.errors).toEqual([]);
    expect(proposed[1].data?.proposeMatch).toEqual(proposed[0].data?.proposeMatch);
    const [{ open_matches }] = await database.dataSource.query('select open_matches from volunteers where volunteer_id = $1::uuid', [keyOf(volunteerId)]);
    expect(open_matches).toBe(1);
  });

  it('keys an anonymous self-referral to the client address: a retry from there replays, another address does not', async () => {
    const input = { localAuthorityCode: A, service: 'MENTORING' as const, ageYears: 14, message: 'Someone to talk to', idempotencyKey: randomUUID() };
    const before = await count('select 1 from self_referrals');
    const first = await server.execute(SubmitSelfReferralDocument, { input }, null, '10.12.0.1');
    const retry = await server.execute(SubmitSelfReferralDocument, { input }, null, '10.12.0.1');
    expect(first.data?.submitSelfReferral.errors).toEqual([]);
    expect(retry.data?.submitSelfReferral.receiptNumber).toBe(first.data?.submitSelfReferral.receiptNumber);
    expect(await count('select 1 from self_referrals')).toBe(before + 1);
    const elsewhere = await server.execute(SubmitSelfReferralDocument, { input }, null, '10.12.0.2');
    expect(elsewhere.data?.submitSelfReferral.errors).toEqual([]);
    expect(elsewhere.data?.submitSelfReferral.receiptNumber).not.toBe(first.data?.submitSelfReferral.receiptNumber);
    expect(await count('select 1 from self_referrals')).toBe(before + 2);
  });

  it('keeps keys apart per caller: the same key from another council officer is their own request', async () => {
    const sharedKey = randomUUID();
    const register = (council: string) =>
      server.execute(
        RegisterChildDocument,
        {
          input: {
            localAuthorityCode: council,
            caseReference: 'SHARED-KEY-1',
            birthMonth: '2013-01',
            gender: 'MALE',
            ethnicity: 'ASIAN',
            placementType: 'RESIDENTIAL',
            placedOutOfArea: true,
            lookedAfterSince: '2020-02-02',
            idempotencyKey: sharedKey,
          },
        },
        officer(council),
      );
    const [inA, inB] = [await register(A), await register(B)];
    expect(inA.data?.registerChild.errors).toEqual([]);
    expect(inB.data?.registerChild.errors).toEqual([]);
    expect(inA.data?.registerChild.child?.id).not.toBe(inB.data?.registerChild.child?.id);
  });

  it('refuses the same key with different input as a CONFLICT on idempotencyKey, writing nothing', async () => {
    const { matchId, provider } = await activeMatch();
    const idempotencyKey = randomUUID();
    const first = await server.execute(
      LogVisitDocument,
      { input: { matchId, visitedOn: daysAgo(3), durationMinutes: 30, kind: 'PHONE', idempotencyKey } },
      coordinator(provider),
    );
    expect(first.data?.logVisit.errors).toEqual([]);
    const audits = await auditOf('logVisit');
    const other = await server.execute(
      LogVisitDocument,
      { input: { matchId, visitedOn: daysAgo(3), durationMinutes: 31, kind: 'PHONE', idempotencyKey } },
      coordinator(provider),
    );
    expect(other.data?.logVisit.visit).toBeNull();
    expect(other.data?.logVisit.errors).toEqual([
      {
        code: 'CONFLICT',
        field: ['input', 'idempotencyKey'],
        message: expect.stringMatching(/^This idempotencyKey was already used for a different logVisit request at .*: send a new key for new input/),
      },
    ]);
    expect(await visitsOf(matchId)).toBe(1);
    expect(await auditOf('logVisit')).toBe(audits);
  });

  it('does not spend a key on a request that failed: the corrected request with it is written', async () => {
    const { matchId, provider } = await activeMatch();
    const idempotencyKey = randomUUID();
    const future = await server.execute(
      LogVisitDocument,
      { input: { matchId, visitedOn: daysAgo(-3), durationMinutes: 30, kind: 'PHONE', idempotencyKey } },
      coordinator(provider),
    );
    expect(future.data?.logVisit.errors[0]).toMatchObject({ code: 'VALIDATION', field: ['input', 'visitedOn'] });
    expect(await count('select 1 from idempotency_keys where idempotency_key = $1::text', [idempotencyKey])).toBe(0);
    const corrected = await server.execute(
      LogVisitDocument,
      { input: { matchId, visitedOn: daysAgo(3), durationMinutes: 30, kind: 'PHONE', idempotencyKey } },
      coordinator(provider),
    );
    expect(corrected.data?.logVisit.errors).toEqual([]);
    expect(await visitsOf(matchId)).toBe(1);
  });

  it.each([
    ['empty', ''],
    ['201 characters', 'k'.repeat(201)],
    ['a space', 'two words'],
    ['a control character', 'key\u0007'],
    ['non-ASCII', 'clé'],
  ])('refuses a key that is %s as VALIDATION on idempotencyKey, writing nothing', async (_label, idempotencyKey) => {
    const { matchId, provider } = await activeMatch();
    const refused = await server.execute(
      LogVisitDocument,
      { input: { matchId, visitedOn: daysAgo(1), durationMinutes: 30, kind: 'PHONE', idempotencyKey } },
      coordinator(provider),
    );
    expect(refused.data?.logVisit.errors).toEqual([
      {
        code: 'VALIDATION',
        field: ['input', 'idempotencyKey'],
        message: expect.stringMatching(/^idempotencyKey must be 1 to 200 printable ASCII characters without spaces/),
      },
    ]);
    expect(await visitsOf(matchId)).toBe(0);
  });

  it('accepts a 200-character key', async () => {
    const { matchId, provider } = await activeMatch();
    const accepted = await server.execute(
      LogVisitDocument,
      { input: { matchId, visitedOn: daysAgo(1), durationMinutes: 30, kind: 'PHONE', idempotencyKey: 'k'.repeat(200) } },
      coordinator(provider),
    );
    expect(accepted.data?.logVisit.errors).toEqual([]);
  });

  it('replays for 24 hours only, and keyed writes prune expired keys', async () => {
    const { matchId, provider } = await activeMatch();
    const input = { matchId, visitedOn: daysAgo(4), durationMinutes: 20, kind: 'VIDEO' as const, idempotencyKey: randomUUID() };
    const first = await server.execute(LogVisitDocument, { input }, coordinator(provider));
    // A day and a bit later (and some unrelated expired keys of other callers).
    await database.dataSource.query(`update idempotency_keys set created_at = now() - interval '25 hours' where idempotency_key = $1::text`, [
      input.idempotencyKey,
    ]);
    await database.dataSource.query(
      `insert into idempotency_keys (caller_hash, mutation, idempotency_key, request_hash, record_id, created_at)
       select 'expired-caller', 'logVisit', 'old-' || g, 'x', gen_random_uuid(), now() - interval '30 hours' from generate_series(1, 5) g`,
    );
    const later = await server.execute(LogVisitDocument, { input }, coordinator(provider));
    expect(later.data?.logVisit.errors).toEqual([]);
    expect(later.data?.logVisit.visit?.id).not.toBe(first.data?.logVisit.visit?.id);
    expect(await visitsOf(matchId)).toBe(2);
    expect(await count(`select 1 from idempotency_keys where created_at < now() - interval '24 hours'`)).toBe(0);
    // The key now replays the second visit.
    const again = await server.execute(LogVisitDocument, { input }, coordinator(provider));
    expect(again.data?.logVisit.visit?.id).toBe(later.data?.logVisit.visit?.id);
  });
});
