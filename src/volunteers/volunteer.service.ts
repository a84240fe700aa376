import type { EntityManager } from 'typeorm';
import { rows } from '../database/sql';
import { PROVIDER_TYPE, providerKey, volunteerScope } from '../auth/scope';
import { Role } from '../auth/roles';
import type { Principal } from '../auth/viewer';
import { todayInLondon } from '../graphql/dates';
import type { MutationOutcome } from '../audit/mutation';
import { assertTransition, Transitions } from '../graphql/stateMachine';
import { invalid, notFound, UserFacingError } from '../graphql/userErrors';
import { currentCouncil, integerInRange, notBefore, notInFuture, recordKey, tags } from '../graphql/validate';
import { VOLUNTEER_COLUMNS, VolunteerRow } from './volunteer.queries';
import {
  ApproveVolunteerInput,
  dbsValidOn,
  RecordVolunteerVettingInput,
  RegisterVolunteerInput,
  VOLUNTEER_TYPE,
  VolunteerStatus,
} from './volunteer.types';

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
  const params: unknown[] = [key];
  const [volunteer] = await rows<VolunteerRow>(manager, 
    `select ${VOLUNTEER_COLUMNS} from volunteers v where v.volunteer_id = $1::uuid and ${volunteerScope(principal, 'v', params)} for update`,
    params,
  );
  if (!volunteer) throw notFound('volunteer', 'volunteerId');
  return volunteer;
}

export async function registerVolunteer(manager: EntityManager, principal: Principal | null, input: RegisterVolunteerInput): Promise<MutationOutcome<VolunteerRow>> {
  const provider = recordKey('providerId', input.providerId, PROVIDER_TYPE, 'provider');
  if (principal?.role === Role.PROVIDER_COORDINATOR && providerKey(principal) !== provider) throw notFound('provider', 'providerId');
  const [exists] = await rows<unknown>(manager, 'select 1 from providers where provider_id = $1::uuid', [provider]);
  if (!exists) throw notFound('provider', 'providerId');
  const homeCouncil = await currentCouncil(manager, 'homeLocalAuthorityCode', input.homeLocalAuthorityCode);
  const appliedOn = input.appliedOn ?? todayInLondon();
  notInFuture('appliedOn', appliedOn);
  const [volunteer] = await rows<VolunteerRow>(manager, 
    `insert into volunteers as v (provider_id, home_council_code, gender, languages, interests, max_matches, applied_on)
     values ($1::uuid, $2::text, $3::text, $4::text[], $5::text[], $6::smallint, $7::date) returning ${VOLUNTEER_COLUMNS}`,
    [provider, homeCouncil, input.gender, tags('languages', input.languages, 10), tags('interests', input.interests, 20), integerInRange('maxMatches', input.maxMatches ?? 1, 1, 10), appliedOn],
  );
  return {
    result: volunteer,
    audit: { recordType: 'Volunteer', recordId: volunteer.volunteer_id, changedFields: ['providerId', 'homeLocalAuthorityCode', 'gender', 'languages', 'interests', 'maxMatches', 'appliedOn'] },
  };
}

/** Status after vetting: TRAINING once DBS and references are in, VETTING until then. */
function statusAfterVetting(current: VolunteerStatus, dbsIssuedOn: string | null, references: number): VolunteerStatus {
  if (current === VolunteerStatus.APPROVED || current === VolunteerStatus.INACTIVE) return current;
  return dbsIssuedOn && references >= REFERENCES_REQUIRED ? VolunteerStatus.TRAINING : VolunteerStatus.VETTING;
}

export async function recordVolunteerVetting(manager: EntityManager, principal: Principal | null, input: RecordVolunteerVettingInput): Promise<MutationOutcome<VolunteerRow>> {
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
  const [updated] = await rows<VolunteerRow>(manager, 
    `update volunteers v set dbs_issued_on = $2::date, dbs_update_service = $3::boolean, training_completed_on = $4::date,
       references_received = $5::smallint, status = $6::text
     where v.volunteer_id = $1::uuid returning ${VOLUNTEER_COLUMNS}`,
    [volunteer.volunteer_id, dbsIssuedOn, input.dbsUpdateService ?? volunteer.dbs_update_service, trainingCompletedOn, references, next],
  );
  const changed = Object.keys(input).filter((key) => key !== 'volunteerId' && input[key as keyof RecordVolunteerVettingInput] !== undefined);
  return { result: updated, audit: { recordType: 'Volunteer', recordId: volunteer.volunteer_id, changedFields: [...changed, 'status'] } };
}

export async function approveVolunteer(manager: EntityManager, principal: Principal | null, input: ApproveVolunteerInput): Promise<MutationOutcome<VolunteerRow>> {
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
    throw new UserFacingError('DBS_EXPIRED', `The volunteer's DBS check (issued ${volunteer.dbs_issued_on ?? 'never'}) is not valid on ${input.approvedOn}: it must be under 3 years old or on the update service.`, 'volunteerId');
  }
  const [updated] = await rows<VolunteerRow>(manager, 
    `update volunteers v set status = 'APPROVED', approved_on = $2::date where v.volunteer_id = $1::uuid returning ${VOLUNTEER_COLUMNS}`,
    [volunteer.volunteer_id, input.approvedOn],
  );
  return { result: updated, audit: { recordType: 'Volunteer', recordId: volunteer.volunteer_id, changedFields: ['status', 'approvedOn'] } };
}
