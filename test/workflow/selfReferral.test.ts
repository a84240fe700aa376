import { ConvertSelfReferralDocument, DismissSelfReferralDocument, SelfReferralInboxDocument, SubmitSelfReferralDocument } from '../generated/graphql';
import { Fixtures, officer } from '../support/fixtures';
import { createTestDatabase, TestDatabase } from '../support/testDatabase';
import { testConfig, TestServer } from '../support/testServer';

let database: TestDatabase;
let server: TestServer;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await TestServer.start(database.dataSource);
});

afterAll(async () => {
  await server.stop();
  await database.drop();
});

const submit = (address: string, overrides: Record<string, unknown> = {}) =>
  server.execute(
    SubmitSelfReferralDocument,
    { input: { localAuthorityCode: 'E06000001', service: 'MENTORING', ageYears: 15, message: 'I would like someone to talk to', ...overrides } },
    null,
    address,
  );

it('takes a self-referral without login, returns only a receipt, and puts it in that council’s inbox alone', async () => {
  const result = await submit('10.0.0.1');
  expect(result.errors).toBeUndefined();
  expect(result.data?.submitSelfReferral).toEqual({ errors: [], receiptNumber: expect.stringMatching(/^SR-[A-Z2-9]{4}-[A-Z2-9]{4}$/) });

  const inbox = await server.execute(SelfReferralInboxDocument, { first: 10 }, officer('E06000001'));
  expect(inbox.data?.selfReferralInbox.edges.map((e) => e.node)).toEqual([
    { id: expect.any(String), receiptNumber: result.data!.submitSelfReferral.receiptNumber, service: 'MENTORING', ageYears: 15, status: 'NEW' },
  ]);
  const elsewhere = await server.execute(SelfReferralInboxDocument, { first: 10 }, officer('E06000002'));
  expect(elsewhere.data?.selfReferralInbox.totalCount).toBe(0);
});

it.each([
  ['an age under 5', { ageYears: 3 }, 'ageYears', /ageYears must be a whole number from 5 to 25; got 3/],
  ['an abolished council', { localAuthorityCode: 'E10000006' }, 'localAuthorityCode', /no longer exists/],
  ['an unknown council', { localAuthorityCode: 'nowhere' }, 'localAuthorityCode', /Unknown council code/],
  ['a message over 1,000 characters', { message: 'x'.repeat(1001) }, 'message', /message must be at most 1000 characters; got 1001/],
  ['control characters', { contact: 'call me\u0007' }, 'contact', /contains control characters/],
])('refuses %s, naming the field', async (_label, overrides, field, message) => {
  const result = await submit('10.0.0.2', overrides);
  expect(result.data?.submitSelfReferral.receiptNumber).toBeNull();
  expect(result.data?.submitSelfReferral.errors[0]).toMatchObject({ field: ['input', field], message: expect.stringMatching(message) });
});

it('converts one into a SELF referral for a registered child, and dismisses another', async () => {
  const fixtures = new Fixtures(server);
  const childId = await fixtures.child('E06000001');
  await submit('10.0.0.3', { service: 'INDEPENDENT_VISITOR' });
  const inbox = await server.execute(SelfReferralInboxDocument, { first: 10 }, officer('E06000001'));
  const [first, second] = inbox.data!.selfReferralInbox.edges.map((e) => e.node.id);

  const otherCouncil = await server.execute(ConvertSelfReferralDocument, { input: { selfReferralId: first, childId } }, officer('E06000002'));
  expect(otherCouncil.data?.convertSelfReferral.errors[0].code).toBe('NOT_FOUND');

  const converted = await server.execute(ConvertSelfReferralDocument, { input: { selfReferralId: first, childId } }, officer('E06000001'));
  expect(converted.data?.convertSelfReferral).toMatchObject({ errors: [], referral: { source: 'SELF', status: 'NEW' } });
  const again = await server.execute(ConvertSelfReferralDocument, { input: { selfReferralId: first, childId } }, officer('E06000001'));
  expect(again.data?.convertSelfReferral.errors[0]).toMatchObject({
    code: 'INVALID_TRANSITION',
    message: expect.stringMatching(/is CONVERTED; only a NEW one/),
  });

  const dismissed = await server.execute(DismissSelfReferralDocument, { input: { selfReferralId: second } }, officer('E06000001'));
  expect(dismissed.data?.dismissSelfReferral.selfReferral?.status).toBe('DISMISSED');
  const remaining = await server.execute(SelfReferralInboxDocument, { first: 10 }, officer('E06000001'));
  expect(remaining.data?.selfReferralInbox.totalCount).toBe(0);
});

it(`rate limits each client address to ${testConfig.selfReferralsPerHour} an hour`, async () => {
  const before = (await database.dataSource.query('select count(*)::int as n from self_referrals'))[0].n;
  const results = [];
  for (let i = 0; i <= testConfig.selfReferralsPerHour; i += 1) results.push(await submit('10.9.9.9'));
  const codes = results.map((r) => r.data!.submitSelfReferral.errors[0]?.code ?? 'OK');
  expect(codes).toEqual([...Array(testConfig.selfReferralsPerHour).fill('OK'), 'RATE_LIMITED']);
  expect(results.at(-1)!.data!.submitSelfReferral.errors[0].message).toMatch(/try again in \d+ minutes?/);
  expect((await submit('10.9.9.10')).data!.submitSelfReferral.errors).toEqual([]);
  const after = (await database.dataSource.query('select count(*)::int as n from self_referrals'))[0].n;
  expect(after - before).toBe(testConfig.selfReferralsPerHour + 1);
});
