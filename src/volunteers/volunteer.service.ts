import type { EntityManager } from 'typeorm';
import { PROVIDER_TYPE, providerKey } from '../auth/scope';
import { Role } from '../auth/roles';
import type { Principal } from '../auth/viewer';
import { todayInLondon } from '../graphql/dates';
import type { MutationOutcome } from '../audit/mutation';
import { assertTransition, Transitions } from '../graphql/stateMachine';
import { invalid, notFound, UserFacingError } from '../graphql/userErrors';
import { currentCouncil } from '../councils/council.service';
import { integerInRange, notBefore, notInFuture, recordKey, tags } from '../graphql/validate';
import { providerExists } from '../providers/provider.queries';
import { insertVolunteer, lockVolunteerRow, markVolunteerApproved, updateVetting, VolunteerRow } from './volunteer.queries';
import { ApproveVolunteerInput, dbsValidOn, RecordVolunteerVettingInput, RegisterVolunteerInput, VOLUNTEER_TYPE, VolunteerStatus } from './volunteer.types';

/** Recruitment lifecycle. Vetting may be recorded again (a renewed DBS) without changing status. */
export const VOLUNTEER_TRANSITIONS: Transitions<VolunteerStatus> = {
  APPLIED: [VolunteerStatus.VETTING, VolunteerStatus.TRAINING, VolunteerStatus.WITHDRAWN],
  VETTING: [VolunteerStatus.VETTING, VolunteerStatus.TRAINING, VolunteerStatus.WITHDRAWN],
  TRAINING: [VolunteerStatus.VETTING, VolunteerStatus.TRAINING, VolunteerStatus.APPROVED, VolunteerStatus.WITHDRAWN],
  APPROVED: [VolunteerStatus.APPROVED, VolunteerStatus.INACTIVE, VolunteerStatus.WITHDRAWN],
  INACTIVE: [VolunteerStatus.INACTIVE, VolunteerStatus.APPROVED, VolunteerStatus.WITHDRAWN],
  WITHDRAWN: [],
};

/** References a provider needs before approval. */
export const REFERENCES_REQUIRED = 2;

export async function lockVolunteer(manager: EntityManager, principal: Principal | null, volunteerId: string): Promise<VolunteerRow> {
  const key = recordKey('volunteerId', volunteerId, VOLUNTEER_TYPE, 'volunteer');
  const volunteer = await lockVolunteerRow(manager, principal, key);
  if (!volunteer) throw notFound('volunteer', 'volunteerId');
  return volunteer;
}

export async function registerVolunteer(
  manager: EntityManager,
  principal: Principal | null,
  input: RegisterVolunteerInput,
): Promise<MutationOutcome<VolunteerRow>> {
  const provider = recordKey('providerId', input.providerId, PROVIDER_TYPE, 'provider');
  if (principal?.role === Role.PROVIDER_COORDINATOR && providerKey(principal) !== provider) throw notFound('provider', 'providerId');
  if (!(await providerExists(manager, provider))) throw notFound('provider', 'providerId');
  const homeCouncil = await currentCouncil(manager, 'homeLocalAuthorityCode', input.homeLocalAuthorityCode);
  const appliedOn = input.appliedOn ?? todayInLondon();
  notInFuture('appliedOn', appliedOn);
  const volunteer = await insertVolunteer(manager, {
    provider_id: provider,
    home_council_code: homeCouncil,
    gender: input.gender,
    languages: tags('languages', input.languages, 10),
    interests: tags('interests', input.interests, 20),
    max_matches: integerInRange('maxMatches', input.maxMatches ?? 1, 1, 10),
    applied_on: appliedOn,
  });
  return {
    result: volunteer,
    audit: {
      recordType: 'Volunteer',
      recordId: volunteer.volunteer_id,
      changedFields: ['providerId', 'homeLocalAuthorityCode', 'gender', 'languages', 'interests', 'maxMatches', 'appliedOn'],
    },
  };
}

/** Status after vetting: TRAINING once DBS and references are in, VETTING until then. */
function statusAfterVetting(current: VolunteerStatus, dbsIssuedOn: string | null, references: number): VolunteerStatus {
  if (current === VolunteerStatus.APPROVED || current === VolunteerStatus.INACTIVE) return current;
  return dbsIssuedOn && references >= REFERENCES_REQUIRED ? VolunteerStatus.TRAINING : VolunteerStatus.VETTING;
}

export async function recordVolunteerVetting(
  manager: EntityManager,
  principal: Principal | null,
  input: RecordVolunteerVettingInput,
): Promise<MutationOutcome<VolunteerRow>> {
  const volunteer = await lockVolunteer(manager, principal, input.volunteerId);
  const dbsIssuedOn = input.dbsIssuedOn ?? volunteer.dbs_issued_on;
  const trainingCompletedOn = input.trainingCompletedOn ?? volunteer.training_completed_on;
  const references = input.referencesReceived ?? volunteer.references_received;
  integerInRange('referencesReceived', references, 0, 10);
  if (input.dbsIssuedOn) notInFuture('dbsIssuedOn', input.dbsIssuedOn);
  if (input.trainingCompletedOn) {
    notInFuture('trainingCompletedOn', input.trainingCompletedOn);
    notBefore('trainingCompletedOn', input.trainingCompletedOn, 'appliedOn', volunteer.applied_on);
  }
  const next = statusAfterVetting(volunteer.status as VolunteerStatus, dbsIssuedOn, references);
  assertTransition(VOLUNTEER_TRANSITIONS, 'The volunteer', volunteer.status as VolunteerStatus, next, 'volunteerId');
  const updated = await updateVetting(
    manager,
    volunteer.volunteer_id,
    {
      dbs_issued_on: dbsIssuedOn,
      dbs_update_service: input.dbsUpdateService ?? volunteer.dbs_update_service,
      training_completed_on: trainingCompletedOn,
      references_received: references,
      status: next,
    },
    next === volunteer.status ? null : todayInLondon(),
  );
  const changed = Object.keys(input).filter((key) => key !== 'volunteerId' && input[key as keyof RecordVolunteerVettingInput] !== undefined);
  return { result: updated, audit: { recordType: 'Volunteer', recordId: volunteer.volunteer_id, changedFields: [...changed, 'status'] } };
}

export async function approveVolunteer(
  manager: EntityManager,
  principal: Principal | null,
  input: ApproveVolunteerInput,
): Promise<MutationOutcome<VolunteerRow>> {
  const volunteer = await lockVolunteer(manager, principal, input.volunteerId);
  assertTransition(VOLUNTEER_TRANSITIONS, 'The volunteer', volunteer.status as VolunteerStatus, VolunteerStatus.APPROVED, 'volunteerId');
  notInFuture('approvedOn', input.approvedOn);
  notBefore('approvedOn', input.approvedOn, 'appliedOn', volunteer.applied_on);
  if (!volunteer.training_completed_on) throw invalid('volunteerId', 'The volunteer has not completed training: record trainingCompletedOn first.');
  notBefore('approvedOn', input.approvedOn, 'trainingCompletedOn', volunteer.training_completed_on);
  if (volunteer.references_received < REFERENCES_REQUIRED) {
    throw invalid('volunteerId', `The volunteer has ${volunteer.references_received} references; ${REFERENCES_REQUIRED} are needed.`);
  }
  if (!dbsValidOn(volunteer, input.approvedOn)) {
    throw new UserFacingError(
      'DBS_EXPIRED',
      `The volunteer's DBS check (issued ${volunteer.dbs_issued_on ?? 'never'}) is not valid on ${input.approvedOn}: it must be under 3 years old or on the update service.`,
      'volunteerId',
    );
  }
  const updated = await markVolunteerApproved(manager, volunteer.volunteer_id, input.approvedOn);
  return { result: updated, audit: { recordType: 'Volunteer', recordId: volunteer.volunteer_id, changedFields: ['status', 'approvedOn'] } };
}
