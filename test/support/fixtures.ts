import { Role } from '../../src/auth/roles';
import type { Principal } from '../../src/auth/viewer';
import { todayInLondon } from '../../src/graphql/dates';
import {
  AcceptReferralDocument,
  ApproveVolunteerDocument,
  CommissionProviderDocument,
  CreateProviderDocument,
  CreateReferralDocument,
  RecordVolunteerVettingDocument,
  RegisterChildDocument,
  RegisterVolunteerDocument,
} from '../generated/graphql';
import type { TestServer } from './testServer';

export const admin: Principal = { userId: 'test-admin', role: Role.ADMIN, councilCode: null, providerId: null };
export const officer = (councilCode: string): Principal => ({ userId: `officer-${councilCode}`, role: Role.COUNCIL_OFFICER, councilCode, providerId: null });
export const coordinator = (providerId: string): Principal => ({
  userId: `coordinator-${providerId.slice(-6)}`,
  role: Role.PROVIDER_COORDINATOR,
  councilCode: null,
  providerId,
});
export const analyst: Principal = { userId: 'analyst', role: Role.NATIONAL_ANALYST, councilCode: null, providerId: null };
export const researcher: Principal = { userId: 'researcher', role: Role.RESEARCHER, councilCode: null, providerId: null };

/** Days before today, as 'YYYY-MM-DD'. */
export function daysAgo(days: number): string {
  const date = new Date(`${todayInLondon()}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

let sequence = 0;
const next = () => (sequence += 1);

function ok<T>(result: { data?: T | null; errors?: unknown }, pick: (data: T) => { errors: { message: string }[] } & Record<string, unknown>): T {
  if (result.errors) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  const payload = pick(result.data as T);
  if (payload.errors.length) throw new Error(`Mutation errors: ${JSON.stringify(payload.errors)}`);
  return result.data as T;
}

/** Builds records through the public API, as the people who own them would. */
export class Fixtures {
  constructor(private readonly server: TestServer) {}

  async provider(councils: string[], service: 'INDEPENDENT_VISITOR' | 'MENTORING' = 'INDEPENDENT_VISITOR'): Promise<string> {
    const created = ok(
      await this.server.execute(CreateProviderDocument, { input: { name: `Test provider ${next()}-${Date.now()}`, kind: 'CHARITY' } }, admin),
      (d) => d.createProvider,
    );
    const providerId = created.createProvider.provider!.id;
    for (const code of councils) {
      ok(
        await this.server.execute(CommissionProviderDocument, { input: { providerId, localAuthorityCode: code, service, startsOn: '2020-04-01' } }, admin),
        (d) => d.commissionProvider,
      );
    }
    return providerId;
  }

  async child(councilCode: string, overrides: Record<string, unknown> = {}): Promise<string> {
    const input = {
      localAuthorityCode: councilCode,
      caseReference: `CASE-${next()}`,
      birthMonth: '2012-05',
      gender: 'FEMALE' as const,
      ethnicity: 'WHITE' as const,
      placementType: 'FOSTER_CARE' as const,
      placedOutOfArea: false,
      lookedAfterSince: '2019-01-15',
      interests: ['football', 'art'],
      languages: ['english'],
      ...overrides,
    };
    const data = ok(await this.server.execute(RegisterChildDocument, { input }, officer(councilCode)), (d) => d.registerChild);
    return data.registerChild.child!.id;
  }

  /** A child with an ACCEPTED referral; returns the referral ID. */
  async acceptedReferral(councilCode: string, acceptedDaysAgo = 30, service: 'INDEPENDENT_VISITOR' | 'MENTORING' = 'INDEPENDENT_VISITOR'): Promise<string> {
    const childId = await this.child(councilCode);
    const created = ok(
      await this.server.execute(
        CreateReferralDocument,
        { input: { childId, service, source: 'FOSTER_CARER', referredOn: daysAgo(acceptedDaysAgo + 5), reason: 'Would like a trusted adult' } },
        officer(councilCode),
      ),
      (d) => d.createReferral,
    );
    const referralId = created.createReferral.referral!.id;
    ok(
      await this.server.execute(AcceptReferralDocument, { input: { referralId, acceptedOn: daysAgo(acceptedDaysAgo) } }, officer(councilCode)),
      (d) => d.acceptReferral,
    );
    return referralId;
  }

  /** An APPROVED volunteer of the provider; returns the volunteer ID. */
  async approvedVolunteer(
    providerId: string,
    homeCouncil: string,
    options: { maxMatches?: number; dbsIssuedOn?: string; dbsUpdateService?: boolean } = {},
  ): Promise<string> {
    const as = coordinator(providerId);
    const registered = ok(
      await this.server.execute(
        RegisterVolunteerDocument,
        {
          input: {
            providerId,
            homeLocalAuthorityCode: homeCouncil,
            gender: 'MALE',
            languages: ['english'],
            interests: ['football'],
            maxMatches: options.maxMatches ?? 1,
            appliedOn: daysAgo(400),
          },
        },
        as,
      ),
      (d) => d.registerVolunteer,
    );
    const volunteerId = registered.registerVolunteer.volunteer!.id;
    ok(
      await this.server.execute(
        RecordVolunteerVettingDocument,
        {
          input: {
            volunteerId,
            dbsIssuedOn: options.dbsIssuedOn ?? daysAgo(300),
            dbsUpdateService: options.dbsUpdateService ?? false,
            referencesReceived: 2,
            trainingCompletedOn: daysAgo(250),
          },
        },
        as,
      ),
      (d) => d.recordVolunteerVetting,
    );
    ok(await this.server.execute(ApproveVolunteerDocument, { input: { volunteerId, approvedOn: daysAgo(240) } }, as), (d) => d.approveVolunteer);
    return volunteerId;
  }
}
