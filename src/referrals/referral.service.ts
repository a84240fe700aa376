import { randomInt } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/viewer';
import { ChildRow, lockChild as lockChildRow } from '../children/child.queries';
import { CHILD_TYPE } from '../children/child.types';
import type { MutationOutcome } from '../audit/mutation';
import { assertTransition, Transitions } from '../graphql/stateMachine';
import { invalid, notFound, UserFacingError } from '../graphql/userErrors';
import { currentCouncil } from '../councils/council.service';
import { boundedText, integerInRange, notBefore, notInFuture, recordKey, tags } from '../graphql/validate';
import { countProposedMatches } from '../matches/match.queries';
import {
  insertReferral as insertReferralRow,
  insertSelfReferral,
  lockReferralRow,
  lockSelfReferralRow,
  markReferralAccepted,
  markReferralClosed,
  markSelfReferralConverted,
  markSelfReferralDismissed,
  ReferralRow,
  SelfReferralRow,
} from './referral.queries';
import {
  AcceptReferralInput,
  CloseReferralInput,
  ConvertSelfReferralInput,
  CreateReferralInput,
  DismissSelfReferralInput,
  REFERRAL_TYPE,
  ReferralSource,
  ReferralStatus,
  SELF_REFERRAL_TYPE,
  SubmitSelfReferralInput,
} from './referral.types';

/** The referral lifecycle (API.md). MATCHED and CLOSED are final. */
export const REFERRAL_TRANSITIONS: Transitions<ReferralStatus> = {
  NEW: [ReferralStatus.ACCEPTED, ReferralStatus.CLOSED],
  ACCEPTED: [ReferralStatus.MATCHED, ReferralStatus.CLOSED],
  MATCHED: [],
  CLOSED: [],
};

async function lockChild(manager: EntityManager, principal: Principal | null, childId: string): Promise<ChildRow> {
  const key = recordKey('childId', childId, CHILD_TYPE, 'child');
  const child = await lockChildRow(manager, principal, key);
  if (!child) throw notFound('child', 'childId');
  return child;
}

/**
 * Loads a referral the caller may see and locks it for the rest of the transaction. The scope is
 * the whole ownership check: another council's referral is simply not found.
 */
export async function lockReferral(manager: EntityManager, principal: Principal | null, referralId: string, field = 'referralId'): Promise<ReferralRow> {
  const key = recordKey(field, referralId, REFERRAL_TYPE, 'referral');
  const referral = await lockReferralRow(manager, principal, key);
  if (!referral) throw notFound('referral', field);
  return referral;
}

async function insertReferral(
  manager: EntityManager,
  child: ChildRow,
  values: { service: string; source: string; referredOn: string; reason: string | null; placementCouncilCode: string; selfReferralId?: string | null },
  preferences: CreateReferralInput['preferences'],
): Promise<ReferralRow> {
  return insertReferralRow(manager, {
    child_id: child.child_id,
    council_code: child.council_code,
    placement_council_code: values.placementCouncilCode,
    service: values.service,
    source: values.source,
    referred_on: values.referredOn,
    reason: values.reason,
    preferred_volunteer_gender: preferences?.volunteerGender ?? null,
    volunteer_gender_required: preferences?.volunteerGenderRequired ?? false,
    preferred_languages: tags('preferences.languages', preferences?.languages, 5),
    language_required: preferences?.languageRequired ?? false,
    self_referral_id: values.selfReferralId ?? null,
  });
}

export async function createReferral(manager: EntityManager, principal: Principal | null, input: CreateReferralInput): Promise<MutationOutcome<ReferralRow>> {
  const child = await lockChild(manager, principal, input.childId);
  notInFuture('referredOn', input.referredOn);
  notBefore('referredOn', input.referredOn, "the child's birthMonth", child.birth_month);
  const reason = boundedText('reason', input.reason, 2000);
  if (input.preferences?.volunteerGenderRequired && !input.preferences.volunteerGender) {
    throw invalid('preferences.volunteerGenderRequired', 'volunteerGenderRequired needs a volunteerGender.');
  }
  if (input.preferences?.languageRequired && tags('preferences.languages', input.preferences.languages, 5).length === 0) {
    throw invalid('preferences.languageRequired', 'languageRequired needs at least one language.');
  }
  const placementCouncilCode = input.placementLocalAuthorityCode
    ? await currentCouncil(manager, 'placementLocalAuthorityCode', input.placementLocalAuthorityCode)
    : child.council_code;
  const referral = await insertReferral(
    manager,
    child,
    { service: input.service, source: input.source, referredOn: input.referredOn, reason, placementCouncilCode },
    input.preferences,
  );
  return {
    result: referral,
    audit: {
      recordType: 'Referral',
      recordId: referral.referral_id,
      changedFields: ['childId', 'service', 'source', 'referredOn', 'reason', 'preferences', 'placementLocalAuthorityCode'],
    },
  };
}

export async function acceptReferral(manager: EntityManager, principal: Principal | null, input: AcceptReferralInput): Promise<MutationOutcome<ReferralRow>> {
  const referral = await lockReferral(manager, principal, input.referralId);
  assertTransition(REFERRAL_TRANSITIONS, 'The referral', referral.status as ReferralStatus, ReferralStatus.ACCEPTED, 'referralId');
  notInFuture('acceptedOn', input.acceptedOn);
  notBefore('acceptedOn', input.acceptedOn, 'referredOn', referral.referred_on);
  const updated = await markReferralAccepted(manager, referral.referral_id, input.acceptedOn);
  return { result: updated, audit: { recordType: 'Referral', recordId: referral.referral_id, changedFields: ['status', 'acceptedOn'] } };
}

export async function closeReferral(manager: EntityManager, principal: Principal | null, input: CloseReferralInput): Promise<MutationOutcome<ReferralRow>> {
  const referral = await lockReferral(manager, principal, input.referralId);
  assertTransition(REFERRAL_TRANSITIONS, 'The referral', referral.status as ReferralStatus, ReferralStatus.CLOSED, 'referralId');
  notInFuture('closedOn', input.closedOn);
  notBefore('closedOn', input.closedOn, 'referredOn', referral.referred_on);
  if (referral.accepted_on) notBefore('closedOn', input.closedOn, 'acceptedOn', referral.accepted_on);
  // A proposed match that never started goes with the referral.
  const proposed = await countProposedMatches(manager, referral.referral_id);
  if (proposed > 0) {
    throw invalid('referralId', 'The referral has a PROPOSED match: cancel the match (cancelMatch) before closing the referral.');
  }
  const updated = await markReferralClosed(manager, referral.referral_id, input.closedOn, input.reason);
  return { result: updated, audit: { recordType: 'Referral', recordId: referral.referral_id, changedFields: ['status', 'closedOn', 'closeReason'] } };
}

/** Receipt numbers avoid look-alike characters so they can be read out over the phone. */
function receiptNumber(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let code = '';
  for (let i = 0; i < 8; i += 1) code += alphabet[randomInt(alphabet.length)];
  return `SR-${code.slice(0, 4)}-${code.slice(4)}`;
}

export async function submitSelfReferral(manager: EntityManager, input: SubmitSelfReferralInput): Promise<MutationOutcome<SelfReferralRow>> {
  const councilCode = await currentCouncil(manager, 'localAuthorityCode', input.localAuthorityCode);
  integerInRange('ageYears', input.ageYears, 5, 25);
  const message = boundedText('message', input.message, 1000);
  const contact = boundedText('contact', input.contact, 200);
  const row = await insertSelfReferral(manager, {
    receipt_number: receiptNumber(),
    council_code: councilCode,
    service: input.service,
    age_years: input.ageYears,
    message,
    contact,
  });
  return {
    result: row,
    audit: { recordType: 'SelfReferral', recordId: row.self_referral_id, changedFields: ['localAuthorityCode', 'service', 'ageYears', 'message', 'contact'] },
  };
}

async function lockSelfReferral(manager: EntityManager, principal: Principal | null, id: string): Promise<SelfReferralRow> {
  const key = recordKey('selfReferralId', id, SELF_REFERRAL_TYPE, 'self-referral');
  const row = await lockSelfReferralRow(manager, principal, key);
  if (!row) throw notFound('self-referral', 'selfReferralId');
  if (row.status !== 'NEW') {
    throw new UserFacingError('INVALID_TRANSITION', `The self-referral is ${row.status}; only a NEW one can be converted or dismissed.`, 'selfReferralId');
  }
  return row;
}

export async function convertSelfReferral(
  manager: EntityManager,
  principal: Principal | null,
  input: ConvertSelfReferralInput,
): Promise<MutationOutcome<ReferralRow>> {
  const selfReferral = await lockSelfReferral(manager, principal, input.selfReferralId);
  const child = await lockChild(manager, principal, input.childId);
  if (child.council_code !== selfReferral.council_code) {
    throw invalid('childId', `The child is registered with council ${child.council_code} but the self-referral was made to ${selfReferral.council_code}.`);
  }
  const referredOn = input.referredOn ?? selfReferral.submitted_at.toISOString().slice(0, 10);
  notInFuture('referredOn', referredOn);
  const referral = await insertReferral(
    manager,
    child,
    {
      service: selfReferral.service,
      source: ReferralSource.SELF,
      referredOn,
      reason: selfReferral.message,
      placementCouncilCode: child.council_code,
      selfReferralId: selfReferral.self_referral_id,
    },
    null,
  );
  await markSelfReferralConverted(manager, selfReferral.self_referral_id, referral.referral_id);
  return {
    result: referral,
    audit: { recordType: 'Referral', recordId: referral.referral_id, changedFields: ['selfReferralId', 'childId', 'service', 'source', 'referredOn'] },
  };
}

export async function dismissSelfReferral(
  manager: EntityManager,
  principal: Principal | null,
  input: DismissSelfReferralInput,
): Promise<MutationOutcome<SelfReferralRow>> {
  const selfReferral = await lockSelfReferral(manager, principal, input.selfReferralId);
  const row = await markSelfReferralDismissed(manager, selfReferral.self_referral_id);
  return { result: row, audit: { recordType: 'SelfReferral', recordId: row.self_referral_id, changedFields: ['status'] } };
}
