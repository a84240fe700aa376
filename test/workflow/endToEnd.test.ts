import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { Role } from '../../src/auth/roles';
import { todayInLondon } from '../../src/graphql/dates';
import {
  AcceptReferralDocument,
  ApproveVolunteerDocument,
  AuditTrailDocument,
  CommissionProviderDocument,
  CreateProviderDocument,
  CreateReferralDocument,
  EndMatchDocument,
  LogVisitDocument,
  ProposeMatchDocument,
  RecordVolunteerVettingDocument,
  RegisterChildDocument,
  RegisterVolunteerDocument,
  StartMatchDocument,
  WaitingListDetailDocument,
} from '../generated/graphql';
import { tableChecksums } from '../support/checksum';
import { daysAgo } from '../support/fixtures';
import { createTestDatabase, TestDatabase } from '../support/testDatabase';
import { TestServer, tokenFor } from '../support/testServer';

/**
 * The day's work over real HTTP with bearer tokens, as a council officer and a provider
 * coordinator would do it, with each forbidden step along the way refused with its documented
 * code and leaving every table exactly as it was.
 */
let database: TestDatabase;
let server: TestServer;
let http: { url: string; close: () => Promise<void> };
const OPERATIONAL_TABLES = ['providers', 'commissions', 'children', 'referrals', 'volunteers', 'matches', 'visits', 'self_referrals', 'audit_events'];

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

async function call<TData, TVariables>(token: string, document: TypedDocumentNode<TData, TVariables>, variables: TVariables): Promise<TData> {
  const response = await fetch(`${http.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: print(document), variables }),
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { data: TData; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return body.data;
}

type Errors = { code: string; field?: string[] | null; message: string }[];

/** A refused step: the documented code, and not one row changed anywhere. */
async function refused(step: () => Promise<Errors>, code: string, message: RegExp): Promise<void> {
  const before = await tableChecksums(database.dataSource, OPERATIONAL_TABLES);
  const errors = await step();
  expect(errors).toHaveLength(1);
  expect(errors[0].code).toBe(code);
  expect(errors[0].message).toMatch(message);
  expect(await tableChecksums(database.dataSource, OPERATIONAL_TABLES)).toEqual(before);
}

it('registers, refers, accepts, vets, proposes, starts, logs a visit and ends, refusing each forbidden step', async () => {
  const adminToken = await tokenFor({ sub: 'admin-1', role: Role.ADMIN });
  const hartlepool = await tokenFor({ sub: 'officer-hartlepool', role: Role.COUNCIL_OFFICER, la: 'E06000001' });
  const middlesbrough = await tokenFor({ sub: 'officer-middlesbrough', role: Role.COUNCIL_OFFICER, la: 'E06000002' });

  // Set-up by the service administrator: a provider commissioned by Hartlepool.
  const provider = (await call(adminToken, CreateProviderDocument, { input: { name: 'Tees Valley Visitors', kind: 'CHARITY' } })).createProvider.provider!;
  // A commission backdated to 2024 is the administrator's to record (a council officer starts one from today).
  const commission = await call(adminToken, CommissionProviderDocument, {
    input: { providerId: provider.id, localAuthorityCode: 'E06000001', service: 'INDEPENDENT_VISITOR', startsOn: '2024-04-01' },
  });
  expect(commission.commissionProvider.errors).toEqual([]);
  const coordinator = await tokenFor({ sub: 'coordinator-1', role: Role.PROVIDER_COORDINATOR, provider: provider.id });

  // Council officer: register a child, refer, accept.
  const registered = await call(hartlepool, RegisterChildDocument, {
    input: {
      localAuthorityCode: 'E06000001',
      caseReference: 'HPL-2025-0042',
      birthMonth: '2013-02',
      gender: 'MALE',
      ethnicity: 'MIXED',
      placementType: 'FOSTER_CARE',
      placedOutOfArea: true,
      lookedAfterSince: '2021-06-01',
      interests: ['Football', 'drawing', 'football'],
      languages: ['English'],
    },
  });
  expect(registered.registerChild.errors).toEqual([]);
  expect(registered.registerChild.child).toMatchObject({ birthMonth: '2013-02', interests: ['drawing', 'football'], languages: ['english'] });
  const childId = registered.registerChild.child!.id;

  await refused(
    async () =>
      (await call(hartlepool, CreateReferralDocument, { input: { childId, service: 'INDEPENDENT_VISITOR', source: 'TEACHER', referredOn: '2999-01-01' } }))
        .createReferral.errors,
    'VALIDATION',
    /referredOn cannot be in the future/,
  );
  const referral = (
    await call(hartlepool, CreateReferralDocument, {
      input: {
        childId,
        service: 'INDEPENDENT_VISITOR',
        source: 'INDEPENDENT_REVIEWING_OFFICER',
        referredOn: daysAgo(60),
        reason: 'Wants someone to go to matches with',
        placementLocalAuthorityCode: 'E06000004',
      },
    })
  ).createReferral.referral!;
  expect(referral).toMatchObject({ status: 'NEW', placementLocalAuthority: { code: 'E06000004' } });

  // A referral from another council is not found, never "forbidden".
  await refused(
    async () => (await call(middlesbrough, AcceptReferralDocument, { input: { referralId: referral.id, acceptedOn: daysAgo(50) } })).acceptReferral.errors,
    'NOT_FOUND',
    /No referral with that ID that you can access/,
  );
  await refused(
    async () => (await call(hartlepool, AcceptReferralDocument, { input: { referralId: referral.id, acceptedOn: daysAgo(61) } })).acceptReferral.errors,
    'VALIDATION',
    /acceptedOn .* cannot be before referredOn/,
  );
  const accepted = await call(hartlepool, AcceptReferralDocument, { input: { referralId: referral.id, acceptedOn: daysAgo(50) } });
  expect(accepted.acceptReferral.referral).toMatchObject({ status: 'ACCEPTED', acceptedOn: daysAgo(50) });
  await refused(
    async () => (await call(hartlepool, AcceptReferralDocument, { input: { referralId: referral.id, acceptedOn: daysAgo(40) } })).acceptReferral.errors,
    'INVALID_TRANSITION',
    /The referral is ACCEPTED and cannot become ACCEPTED; from ACCEPTED it can become MATCHED or CLOSED/,
  );

  // Provider coordinator: register and vet two volunteers; one's DBS check is four years old.
  const volunteer = async (dbsIssuedOn: string) => {
    const id = (
      await call(coordinator, RegisterVolunteerDocument, {
        input: {
          providerId: provider.id,
          homeLocalAuthorityCode: 'E06000001',
          gender: 'FEMALE',
          languages: ['english'],
          interests: ['football'],
          appliedOn: daysAgo(1600),
        },
      })
    ).registerVolunteer.volunteer!.id;
    const vetted = await call(coordinator, RecordVolunteerVettingDocument, {
      input: { volunteerId: id, dbsIssuedOn, referencesReceived: 2, trainingCompletedOn: daysAgo(1400) },
    });
    expect(vetted.recordVolunteerVetting.volunteer?.status).toBe('TRAINING');
    return id;
  };
  const current = await volunteer(daysAgo(400));
  const lapsed = await volunteer(daysAgo(1500));
  await refused(
    async () => (await call(coordinator, ApproveVolunteerDocument, { input: { volunteerId: lapsed, approvedOn: todayInLondon() } })).approveVolunteer.errors,
    'DBS_EXPIRED',
    /is not valid on/,
  );
  // Approved while the check was still valid, so only the proposal date catches the expiry.
  expect((await call(coordinator, ApproveVolunteerDocument, { input: { volunteerId: lapsed, approvedOn: daysAgo(1300) } })).approveVolunteer.errors).toEqual(
    [],
  );
  expect(
    (await call(coordinator, ApproveVolunteerDocument, { input: { volunteerId: current, approvedOn: daysAgo(300) } })).approveVolunteer.volunteer?.status,
  ).toBe('APPROVED');

  await refused(
    async () =>
      (await call(coordinator, ProposeMatchDocument, { input: { referralId: referral.id, volunteerId: lapsed, proposedOn: daysAgo(10) } })).proposeMatch.errors,
    'DBS_EXPIRED',
    /DBS check .* is not valid on/,
  );
  const proposed = await call(coordinator, ProposeMatchDocument, { input: { referralId: referral.id, volunteerId: current, proposedOn: daysAgo(10) } });
  expect(proposed.proposeMatch.match).toMatchObject({ status: 'PROPOSED' });
  const matchId = proposed.proposeMatch.match!.id;

  // The officer's waiting list shows the proposal, its volunteer and provider.
  const waiting = await call(hartlepool, WaitingListDetailDocument, { code: 'E06000001', service: 'INDEPENDENT_VISITOR', first: 10 });
  expect(waiting.waitingList.edges).toHaveLength(1);
  expect(waiting.waitingList.edges[0].node).toMatchObject({
    daysWaiting: 50,
    currentMatch: { id: matchId, volunteer: { provider: { name: 'Tees Valley Visitors' } } },
  });

  // A second match for the same referral: refused while the first is open.
  const other = await volunteer(daysAgo(100));
  expect((await call(coordinator, ApproveVolunteerDocument, { input: { volunteerId: other, approvedOn: daysAgo(20) } })).approveVolunteer.errors).toEqual([]);
  await refused(
    async () =>
      (await call(coordinator, ProposeMatchDocument, { input: { referralId: referral.id, volunteerId: other, proposedOn: daysAgo(5) } })).proposeMatch.errors,
    'CONFLICT',
    /already has a PROPOSED or ACTIVE match/,
  );

  await refused(
    async () => (await call(coordinator, StartMatchDocument, { input: { matchId, startedOn: '2999-12-31' } })).startMatch.errors,
    'VALIDATION',
    /startedOn cannot be in the future/,
  );
  const started = await call(coordinator, StartMatchDocument, { input: { matchId, startedOn: daysAgo(7) } });
  expect(started.startMatch.match).toMatchObject({ status: 'ACTIVE', startedOn: daysAgo(7), referral: { status: 'MATCHED', matchedOn: daysAgo(7) } });

  const visit = await call(coordinator, LogVisitDocument, { input: { matchId, visitedOn: daysAgo(3), durationMinutes: 120, kind: 'IN_PERSON' } });
  expect(visit.logVisit.visit).toMatchObject({ durationMinutes: 120, kind: 'IN_PERSON' });
  await refused(
    async () => (await call(coordinator, LogVisitDocument, { input: { matchId, visitedOn: daysAgo(8), durationMinutes: 60, kind: 'PHONE' } })).logVisit.errors,
    'VALIDATION',
    /visitedOn .* cannot be before startedOn/,
  );

  const ended = await call(coordinator, EndMatchDocument, { input: { matchId, endedOn: todayInLondon(), reason: 'PLANNED_ENDING' } });
  expect(ended.endMatch.match).toMatchObject({ status: 'ENDED', endReason: 'PLANNED_ENDING' });
  await refused(
    async () => (await call(coordinator, EndMatchDocument, { input: { matchId, endedOn: todayInLondon(), reason: 'OTHER' } })).endMatch.errors,
    'INVALID_TRANSITION',
    /The match is ENDED and cannot become ENDED; from ENDED it can become nothing/,
  );

  // Every successful mutation left exactly one audit event, with field names and no values.
  const audit = await call(adminToken, AuditTrailDocument, { first: 100 });
  const actions = audit.auditEvents.edges.map((edge) => edge.node.action).reverse();
  expect(actions).toEqual([
    'createProvider',
    'commissionProvider',
    'registerChild',
    'createReferral',
    'acceptReferral',
    'registerVolunteer',
    'recordVolunteerVetting',
    'registerVolunteer',
    'recordVolunteerVetting',
    'approveVolunteer',
    'approveVolunteer',
    'proposeMatch',
    'registerVolunteer',
    'recordVolunteerVetting',
    'approveVolunteer',
    'startMatch',
    'logVisit',
    'endMatch',
  ]);
  const serialised = JSON.stringify(audit);
  expect(serialised).not.toMatch(/HPL-2025-0042|Wants someone|football/);
  expect(audit.auditEvents.edges.find((edge) => edge.node.action === 'registerChild')?.node).toMatchObject({
    actorRole: 'COUNCIL_OFFICER',
    recordType: 'Child',
  });
});
