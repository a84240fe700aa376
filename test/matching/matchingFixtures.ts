import {
  AcceptReferralDocument,
  ApproveVolunteerDocument,
  CreateReferralDocument,
  EndMatchDocument,
  ProposeMatchDocument,
  RecordVolunteerVettingDocument,
  RegisterVolunteerDocument,
  StartMatchDocument,
} from '../generated/graphql';
import { admin, coordinator, daysAgo, Fixtures, officer } from '../support/fixtures';
import type { TestServer } from '../support/testServer';

/**
 * Builders for matching tests, through the public API like test/support/fixtures.ts, with control
 * over what matching looks at: a volunteer's gender, languages, interests, home, DBS and status,
 * and a referral's preferences.
 */

type Gender = 'FEMALE' | 'MALE' | 'NON_BINARY' | 'NOT_STATED';

export type VolunteerSpec = {
  home?: string;
  gender?: Gender;
  languages?: string[];
  interests?: string[];
  maxMatches?: number;
  dbsIssuedDaysAgo?: number;
  dbsUpdateService?: boolean;
  /** Stop before approval (the volunteer stays in TRAINING). */
  approved?: boolean;
};

export type ReferralSpec = {
  interests?: string[];
  languages?: string[];
  acceptedDaysAgo?: number;
  preferences?: {
    volunteerGender?: 'FEMALE' | 'MALE' | 'NON_BINARY' | null;
    volunteerGenderRequired?: boolean;
    languages?: string[];
    languageRequired?: boolean;
  };
  placement?: string;
  childId?: string;
};

function check(result: { errors?: unknown; data?: unknown }, payload: (data: never) => { errors: unknown[] }): void {
  if (result.errors) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  const errors = payload(result.data as never).errors;
  if (errors.length) throw new Error(`Mutation errors: ${JSON.stringify(errors)}`);
}

export class MatchingFixtures extends Fixtures {
  constructor(private readonly testServer: TestServer) {
    super(testServer);
  }

  async volunteer(providerId: string, spec: VolunteerSpec = {}): Promise<string> {
    const as = coordinator(providerId);
    const registered = await this.testServer.execute(
      RegisterVolunteerDocument,
      {
        input: {
          providerId,
          homeLocalAuthorityCode: spec.home ?? 'E06000001',
          gender: spec.gender ?? 'FEMALE',
          languages: spec.languages ?? ['english'],
          interests: spec.interests ?? [],
          maxMatches: spec.maxMatches ?? 1,
          appliedOn: daysAgo(1300),
        },
      },
      as,
    );
    check(registered, (d: { registerVolunteer: { errors: unknown[] } }) => d.registerVolunteer);
    const volunteerId = registered.data!.registerVolunteer.volunteer!.id;
    const dbsDays = spec.dbsIssuedDaysAgo ?? 300;
    const vetted = await this.testServer.execute(
      RecordVolunteerVettingDocument,
      {
        input: {
          volunteerId,
          dbsIssuedOn: daysAgo(dbsDays),
          dbsUpdateService: spec.dbsUpdateService ?? false,
          referencesReceived: 2,
          trainingCompletedOn: daysAgo(dbsDays - 10),
        },
      },
      as,
    );
    check(vetted, (d: { recordVolunteerVetting: { errors: unknown[] } }) => d.recordVolunteerVetting);
    if (spec.approved !== false) {
      const approved = await this.testServer.execute(ApproveVolunteerDocument, { input: { volunteerId, approvedOn: daysAgo(dbsDays - 20) } }, as);
      check(approved, (d: { approveVolunteer: { errors: unknown[] } }) => d.approveVolunteer);
    }
    return volunteerId;
  }

  /** An ACCEPTED referral of a new child (or of `spec.childId`); returns the referral and child IDs. */
  async referral(councilCode: string, spec: ReferralSpec = {}): Promise<{ referralId: string; childId: string }> {
    const childId = spec.childId ?? (await this.child(councilCode, { interests: spec.interests ?? [], languages: spec.languages ?? ['english'] }));
    const accepted = spec.acceptedDaysAgo ?? 30;
    const created = await this.testServer.execute(
      CreateReferralDocument,
      {
        input: {
          childId,
          service: 'INDEPENDENT_VISITOR',
          source: 'SOCIAL_WORKER',
          referredOn: daysAgo(accepted + 3),
          preferences: spec.preferences ?? null,
          placementLocalAuthorityCode: spec.placement ?? null,
        },
      },
      officer(councilCode),
    );
    check(created, (d: { createReferral: { errors: unknown[] } }) => d.createReferral);
    const referralId = created.data!.createReferral.referral!.id;
    const acceptedResult = await this.testServer.execute(
      AcceptReferralDocument,
      { input: { referralId, acceptedOn: daysAgo(accepted) } },
      officer(councilCode),
    );
    check(acceptedResult, (d: { acceptReferral: { errors: unknown[] } }) => d.acceptReferral);
    return { referralId, childId };
  }

  async propose(referralId: string, volunteerId: string, proposedDaysAgo: number): Promise<string> {
    const result = await this.testServer.execute(ProposeMatchDocument, { input: { referralId, volunteerId, proposedOn: daysAgo(proposedDaysAgo) } }, admin);
    check(result, (d: { proposeMatch: { errors: unknown[] } }) => d.proposeMatch);
    return result.data!.proposeMatch.match!.id;
  }

  /** A match that started and ended with `reason`. */
  async endedMatch(referralId: string, volunteerId: string, reason: 'CHILD_OBJECTED' | 'PLANNED_ENDING', startedDaysAgo = 20): Promise<void> {
    const matchId = await this.propose(referralId, volunteerId, startedDaysAgo);
    const started = await this.testServer.execute(StartMatchDocument, { input: { matchId, startedOn: daysAgo(startedDaysAgo) } }, admin);
    check(started, (d: { startMatch: { errors: unknown[] } }) => d.startMatch);
    const ended = await this.testServer.execute(EndMatchDocument, { input: { matchId, endedOn: daysAgo(startedDaysAgo - 5), reason } }, admin);
    check(ended, (d: { endMatch: { errors: unknown[] } }) => d.endMatch);
  }
}

export const SUGGESTIONS = `query Suggestions($referralId: ID!, $first: Int) {
  suggestedVolunteers(referralId: $referralId, first: $first) {
    score
    distanceKm
    volunteer { id gender provider { id } }
    factors { name points explanation }
  }
}`;

export type SuggestionsData = {
  suggestedVolunteers: {
    score: number;
    distanceKm: number | null;
    volunteer: { id: string; gender: string; provider: { id: string } | null };
    factors: { name: string; points: number; explanation: string }[];
  }[];
};

export const PLAN = `query Plan($code: String!, $service: Service!) {
  matchingPlan(localAuthorityCode: $code, service: $service) {
    localAuthorityCode
    totalScore
    matched
    waitingChildren
    availableVolunteers
    greedyMatched
    greedyTotalScore
    pairs { referral { id } volunteer { id } score waitingDays factors { name points explanation } }
    unmatched { referral { id } reason explanation eligibleVolunteers waitingDays }
  }
}`;

export type PlanData = {
  matchingPlan: {
    localAuthorityCode: string;
    totalScore: number;
    matched: number;
    waitingChildren: number;
    availableVolunteers: number;
    greedyMatched: number;
    greedyTotalScore: number;
    pairs: {
      referral: { id: string };
      volunteer: { id: string };
      score: number;
      waitingDays: number;
      factors: { name: string; points: number; explanation: string }[];
    }[];
    unmatched: { referral: { id: string }; reason: string; explanation: string; eligibleVolunteers: number; waitingDays: number }[];
  };
};
