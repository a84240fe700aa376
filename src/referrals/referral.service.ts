import { randomInt } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { rows } from '../database/sql';
import { childScope, referralScope, selfReferralScope } from '../auth/scope';
import type { Principal } from '../auth/viewer';
import { CHILD_COLUMNS, ChildRow } from '../children/child.queries';
import { CHILD_TYPE } from '../children/child.types';
import type { MutationOutcome } from '../audit/mutation';
import { assertTransition, Transitions } from '../graphql/stateMachine';
import { invalid, notFound, UserFacingError } from '../graphql/userErrors';
import { boundedText, currentCouncil, integerInRange, notBefore, notInFuture, recordKey, tags } from '../graphql/validate';
import { REFERRAL_COLUMNS, ReferralRow } from './referral.queries';
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
  const params: unknown[] = [key];
  const [child] = await rows<ChildRow>(manager, 
    `select ${CHILD_COLUMNS} from children c where c.child_id = $1::uuid and ${childScope(principal, 'c', params)} for update`,
    params,
  );
  if (!child) throw notFound('child', 'childId');
  return child;
}

/**
 * Loads a referral the caller may see and locks it for the rest of the transaction. The scope is
 * the whole ownership check: another council's referral is simply not found.
 */
export async function lockReferral(manager: EntityManager, principal: Principal | null, referralId: string, field = 'referralId'): Promise<ReferralRow> {
  const key = recordKey(field, referralId, REFERRAL_TYPE, 'referral');
  const params: unknown[] = [key];
  const [referral] = await rows<ReferralRow>(manager, 
    `select ${REFERRAL_COLUMNS} from referrals r where r.referral_id = $1::uuid and ${referralScope(principal, 'r', params)} for update`,
    params,
  );
  if (!referral) throw notFound('referral', field);
  return referral;
}

async function insertReferral(
  manager: EntityManager,
  child: ChildRow,
  values: { service: string; source: string; referredOn: string; reason: string | null; placementCouncilCode: string; selfReferralId?: string | null },
  preferences: CreateReferralInput['preferences'],
): Promise<ReferralRow> {
  const [referral] = await rows<ReferralRow>(manager, 
    `insert into referrals as r (child_id, council_code, placement_council_code, service, source, referred_on, reason,
       preferred_volunteer_gender, volunteer_gender_required, preferred_languages, language_required, self_referral_id)
     values ($1::uuid, $2::text, $3::text, $4::text, $5::text, $6::date, $7::text, $8::text, $9::boolean, $10::text[], $11::boolean, $12::uuid)
     returning ${REFERRAL_COLUMNS}`,
    [
      child.child_id,
      child.council_code,
      values.placementCouncilCode,
      values.service,
      values.source,
      values.referredOn,
      values.reason,
      preferences?.volunteerGender ?? null,
      preferences?.volunteerGenderRequired ?? false,
      tags('preferences.languages', preferences?.languages, 5),
      preferences?.languageRequired ?? false,
      values.selfReferralId ?? null,
    ],
  );
  return referral;
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
    audit: { recordType: 'Referral', recordId: referral.referral_id, changedFields: ['childId', 'service', 'source', 'referredOn', 'reason', 'preferences', 'placementLocalAuthorityCode'] },
  };
}

export async function acceptReferral(manager: EntityManager, principal: Principal | null, input: AcceptReferralInput): Promise<MutationOutcome<ReferralRow>> {
  const referral = await lockReferral(manager, principal, input.referralId);
  assertTransition(REFERRAL_TRANSITIONS, 'The referral', referral.status as ReferralStatus, ReferralStatus.ACCEPTED, 'referralId');
  notInFuture('acceptedOn', input.acceptedOn);
  notBefore('acceptedOn', input.acceptedOn, 'referredOn', referral.referred_on);
  const [updated] = await rows<ReferralRow>(manager, 
    `update referrals r set status = 'ACCEPTED', accepted_on = $2::date where r.referral_id = $1::uuid returning ${REFERRAL_COLUMNS}`,
    [referral.referral_id, input.acceptedOn],
  );
  return { result: updated, audit: { recordType: 'Referral', recordId: referral.referral_id, changedFields: ['status', 'acceptedOn'] } };
}

export async function closeReferral(manager: EntityManager, principal: Principal | null, input: CloseReferralInput): Promise<MutationOutcome<ReferralRow>> {
  const referral = await lockReferral(manager, principal, input.referralId);
  assertTransition(REFERRAL_TRANSITIONS, 'The referral', referral.status as ReferralStatus, ReferralStatus.CLOSED, 'referralId');
  notInFuture('closedOn', input.closedOn);
  notBefore('closedOn', input.closedOn, 'referredOn', referral.referred_on);
  if (referral.accepted_on) notBefore('closedOn', input.closedOn, 'acceptedOn', referral.accepted_on);
  // A proposed match that never started goes with the referral.
  const [{ proposed }] = await rows<{ proposed: number }>(manager, `select count(*)::int as proposed from matches where referral_id = $1::uuid and status = 'PROPOSED'`, [referral.referral_id]);
  if (proposed > 0) {
    throw invalid('referralId', 'The referral has a PROPOSED match: cancel the match (cancelMatch) before closing the referral.');
  }
  const [updated] = await rows<ReferralRow>(manager, 
    `update referrals r set status = 'CLOSED', closed_on = $2::date, close_reason = $3::text where r.referral_id = $1::uuid returning ${REFERRAL_COLUMNS}`,
    [referral.referral_id, input.closedOn, input.reason],
  );
  return { result: updated, audit: { recordType: 'Referral', recordId: referral.referral_id, changedFields: ['status', 'closedOn', 'closeReason'] } };
}

export type SelfReferralRow = {
  self_referral_id: string;
  receipt_number: string;
  council_code: string;
  service: string;
  age_years: number;
  message: string | null;
  contact: string | null;
  status: string;
  submitted_at: Date;
  referral_id: string | null;
};

export const SELF_REFERRAL_COLUMNS =
  's.self_referral_id, s.receipt_number, s.council_code, s.service, s.age_years, s.message, s.contact, s.status, s.submitted_at, s.referral_id';

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
  const [row] = await rows<SelfReferralRow>(manager, 
    `insert into self_referrals as s (receipt_number, council_code, service, age_years, message, contact)
     values ($1::text, $2::text, $3::text, $4::smallint, $5::text, $6::text) returning ${SELF_REFERRAL_COLUMNS}`,
    [receiptNumber(), councilCode, input.service, input.ageYears, message, contact],
  );
  return { result: row, audit: { recordType: 'SelfReferral', recordId: row.self_referral_id, changedFields: ['localAuthorityCode', 'service', 'ageYears', 'message', 'contact'] } };
}

async function lockSelfReferral(manager: EntityManager, principal: Principal | null, id: string): Promise<SelfReferralRow> {
  const key = recordKey('selfReferralId', id, SELF_REFERRAL_TYPE, 'self-referral');
  const params: unknown[] = [key];
  const [row] = await rows<SelfReferralRow>(manager, 
    `select ${SELF_REFERRAL_COLUMNS} from self_referrals s where s.self_referral_id = $1::uuid and ${selfReferralScope(principal, 's', params)} for update`,
    params,
  );
  if (!row) throw notFound('self-referral', 'selfReferralId');
  if (row.status !== 'NEW') {
    throw new UserFacingError('INVALID_TRANSITION', `The self-referral is ${row.status}; only a NEW one can be converted or dismissed.`, 'selfReferralId');
  }
  return row;
}

export async function convertSelfReferral(manager: EntityManager, principal: Principal | null, input: ConvertSelfReferralInput): Promise<MutationOutcome<ReferralRow>> {
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
  await rows(manager, `update self_referrals set status = 'CONVERTED', resolved_at = now(), referral_id = $2::uuid where self_referral_id = $1::uuid`, [
    selfReferral.self_referral_id,
    referral.referral_id,
  ]);
  return { result: referral, audit: { recordType: 'Referral', recordId: referral.referral_id, changedFields: ['selfReferralId', 'childId', 'service', 'source', 'referredOn'] } };
}

export async function dismissSelfReferral(manager: EntityManager, principal: Principal | null, input: DismissSelfReferralInput): Promise<MutationOutcome<SelfReferralRow>> {
  const selfReferral = await lockSelfReferral(manager, principal, input.selfReferralId);
  const [row] = await rows<SelfReferralRow>(manager, 
    `update self_referrals s set status = 'DISMISSED', resolved_at = now() where s.self_referral_id = $1::uuid returning ${SELF_REFERRAL_COLUMNS}`,
    [selfReferral.self_referral_id],
  );
  return { result: row, audit: { recordType: 'SelfReferral', recordId: row.self_referral_id, changedFields: ['status'] } };
}
