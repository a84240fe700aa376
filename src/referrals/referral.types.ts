import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PreferredGender, Service } from '../graphql/enums';
import { Node, toGlobalId } from '../graphql/relay';
import { IDEMPOTENCY_KEY_DESCRIPTION } from '../graphql/idempotency';
import { MutationPayload } from '../graphql/userErrors';
import type { ReferralRow } from './referral.queries';
import { LocalDate } from '../graphql/scalars';

export const REFERRAL_TYPE = 'Referral';
export const SELF_REFERRAL_TYPE = 'SelfReferral';

export enum ReferralSource {
  SOCIAL_WORKER = 'SOCIAL_WORKER',
  TEACHER = 'TEACHER',
  FOSTER_CARER = 'FOSTER_CARER',
  RESIDENTIAL_WORKER = 'RESIDENTIAL_WORKER',
  PERSONAL_ADVISER = 'PERSONAL_ADVISER',
  INDEPENDENT_REVIEWING_OFFICER = 'INDEPENDENT_REVIEWING_OFFICER',
  SELF = 'SELF',
  OTHER = 'OTHER',
}
registerEnumType(ReferralSource, { name: 'ReferralSource', description: 'Who made the referral.' });

export enum ReferralStatus {
  NEW = 'NEW',
  ACCEPTED = 'ACCEPTED',
  MATCHED = 'MATCHED',
  CLOSED = 'CLOSED',
}
registerEnumType(ReferralStatus, {
  name: 'ReferralStatus',
  description: 'Where a referral is: NEW → ACCEPTED → MATCHED; NEW or ACCEPTED → CLOSED.',
  valuesConfig: {
    NEW: { description: 'Received, not yet accepted by the council.' },
    ACCEPTED: { description: 'On the waiting list.' },
    MATCHED: { description: 'A match has started (first meeting held).' },
    CLOSED: { description: 'Closed without a match.' },
  },
});

export enum CloseReason {
  CHILD_DECLINED = 'CHILD_DECLINED',
  WITHDRAWN = 'WITHDRAWN',
  INELIGIBLE = 'INELIGIBLE',
  LEFT_CARE = 'LEFT_CARE',
  OTHER = 'OTHER',
}
registerEnumType(CloseReason, { name: 'CloseReason', description: 'Why a referral was closed without a match.' });

@ObjectType({ simpleResolvers: true, description: 'What the child asked for in a volunteer. Required preferences exclude volunteers who do not meet them.' })
export class ReferralPreferences {
  @Field(() => PreferredGender, { nullable: true, description: 'Preferred volunteer gender.' })
  volunteerGender: PreferredGender | null;

  @Field({ description: 'True when the gender preference is a requirement.' })
  volunteerGenderRequired: boolean;

  @Field(() => [String], { description: 'Languages the volunteer should speak.' })
  languages: string[];

  @Field({ description: 'True when speaking one of these languages is a requirement.' })
  languageRequired: boolean;
}

@ObjectType({ simpleResolvers: true, implements: Node, description: 'A request that a child be matched with an independent visitor or mentor.' })
export class Referral extends Node {
  @Field(() => Service, { description: 'Service requested.' })
  service: Service;

  @Field(() => ReferralSource, { description: 'Who referred.' })
  source: ReferralSource;

  @Field(() => ReferralStatus, { description: 'Current status.' })
  status: ReferralStatus;

  @Field(() => LocalDate, { description: 'Date the referral was made.' })
  referredOn: string;

  @Field(() => LocalDate, { nullable: true, description: 'Date the council accepted it onto the waiting list.' })
  acceptedOn: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Start date of its first match that became active.' })
  matchedOn: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Date it was closed without a match.' })
  closedOn: string | null;

  @Field(() => CloseReason, { nullable: true, description: 'Why it was closed.' })
  closeReason: CloseReason | null;

  @Field(() => String, { nullable: true, description: 'Why the child would benefit (free text, at most 2,000 characters).' })
  reason: string | null;

  @Field(() => ReferralPreferences, { description: "The child's preferences for a volunteer." })
  preferences: ReferralPreferences;

  referralKey: string;
  childKey: string;
  councilCode: string;
  placementCouncilCode: string;

  static fromRow(row: ReferralRow): Referral {
    return Object.assign(new Referral(), {
      id: toGlobalId(REFERRAL_TYPE, row.referral_id),
      referralKey: row.referral_id,
      childKey: row.child_id,
      councilCode: row.council_code,
      placementCouncilCode: row.placement_council_code,
      service: row.service as Service,
      source: row.source as ReferralSource,
      status: row.status as ReferralStatus,
      referredOn: row.referred_on,
      acceptedOn: row.accepted_on,
      matchedOn: row.matched_on,
      closedOn: row.closed_on,
      closeReason: row.close_reason as CloseReason | null,
      reason: row.reason,
      preferences: {
        volunteerGender: row.preferred_volunteer_gender as PreferredGender | null,
        volunteerGenderRequired: row.volunteer_gender_required,
        languages: row.preferred_languages,
        languageRequired: row.language_required,
      },
    });
  }
}

@InputType({ description: "The child's preferences for a volunteer." })
export class ReferralPreferencesInput {
  @Field(() => PreferredGender, { nullable: true, description: 'Preferred volunteer gender.' })
  volunteerGender?: PreferredGender | null;

  @Field({ nullable: true, defaultValue: false, description: 'Make the gender preference a requirement.' })
  volunteerGenderRequired?: boolean;

  @Field(() => [String], { nullable: true, description: 'Languages the volunteer should speak (at most 5).' })
  languages?: string[] | null;

  @Field({ nullable: true, defaultValue: false, description: 'Make speaking one of the languages a requirement.' })
  languageRequired?: boolean;
}

@InputType({ description: 'A referral for a registered child.' })
export class CreateReferralInput {
  @Field({ description: 'Global ID of the child.' })
  childId: string;

  @Field(() => Service, { description: 'Service requested.' })
  service: Service;

  @Field(() => ReferralSource, { description: 'Who referred.' })
  source: ReferralSource;

  @Field(() => LocalDate, { description: 'Date of the referral; not in the future.' })
  referredOn: string;

  @Field(() => String, { nullable: true, description: 'Why the child would benefit; at most 2,000 characters, no names.' })
  reason?: string | null;

  @Field(() => ReferralPreferencesInput, { nullable: true, description: "The child's preferences." })
  preferences?: ReferralPreferencesInput | null;

  @Field(() => String, { nullable: true, description: "ONS code of the council area the child is placed in; defaults to the child's council." })
  placementLocalAuthorityCode?: string | null;

  @Field(() => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION })
  idempotencyKey?: string | null;
}

@ObjectType({ simpleResolvers: true, implements: MutationPayload, description: 'Result of a mutation on a referral.' })
export class ReferralPayload extends MutationPayload {
  @Field(() => Referral, { nullable: true, description: 'The referral after the change; null on error.' })
  referral: Referral | null;
}

@InputType({ description: 'Accept a NEW referral onto the waiting list.' })
export class AcceptReferralInput {
  @Field({ description: 'Global ID of the referral.' })
  referralId: string;

  @Field(() => LocalDate, { description: 'Date accepted; not in the future, not before referredOn.' })
  acceptedOn: string;
}

@InputType({ description: 'Close a NEW or ACCEPTED referral without a match.' })
export class CloseReferralInput {
  @Field({ description: 'Global ID of the referral.' })
  referralId: string;

  @Field(() => LocalDate, { description: 'Date closed; not in the future, not before referredOn or acceptedOn.' })
  closedOn: string;

  @Field(() => CloseReason, { description: 'Why.' })
  reason: CloseReason;
}

export enum SelfReferralStatus {
  NEW = 'NEW',
  CONVERTED = 'CONVERTED',
  DISMISSED = 'DISMISSED',
}
registerEnumType(SelfReferralStatus, {
  name: 'SelfReferralStatus',
  description: "A self-referral in a council's inbox: NEW, CONVERTED into a referral, or DISMISSED.",
});

@ObjectType({ simpleResolvers: true, implements: Node, description: "A young person's own request for a visitor or mentor, waiting in their council's inbox." })
export class SelfReferral extends Node {
  @Field({ description: 'The receipt number the young person was given.' })
  receiptNumber: string;

  @Field(() => Service, { description: 'Service asked for.' })
  service: Service;

  @Field(() => Int, { description: 'Age the young person gave.' })
  ageYears: number;

  @Field(() => String, { nullable: true, description: 'Their message (at most 1,000 characters).' })
  message: string | null;

  @Field(() => String, { nullable: true, description: 'How to reach them, as they gave it (at most 200 characters).' })
  contact: string | null;

  @Field(() => SelfReferralStatus, { description: 'Inbox status.' })
  status: SelfReferralStatus;

  @Field({ description: 'When it was submitted.' })
  submittedAt: Date;

  councilCode: string;
  referralKey: string | null;
}

@InputType({ description: 'A young person asking for an independent visitor or mentor. No login needed.' })
export class SubmitSelfReferralInput {
  @Field({ description: 'ONS code of the council that looks after you, e.g. E06000001.' })
  localAuthorityCode: string;

  @Field(() => Service, { description: 'What you would like.' })
  service: Service;

  @Field(() => Int, { description: 'Your age in years (5 to 25).' })
  ageYears: number;

  @Field(() => String, { nullable: true, description: 'Anything you want to tell us (at most 1,000 characters).' })
  message?: string | null;

  @Field(() => String, { nullable: true, description: 'How we can reach you (at most 200 characters).' })
  contact?: string | null;

  @Field(() => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION })
  idempotencyKey?: string | null;
}

@ObjectType({ simpleResolvers: true, implements: MutationPayload, description: 'Result of submitSelfReferral: only a receipt, nothing else comes back.' })
export class SubmitSelfReferralPayload extends MutationPayload {
  @Field(() => String, { nullable: true, description: 'Receipt number to quote; null on error.' })
  receiptNumber: string | null;
}

@InputType({ description: 'Turn a self-referral into a referral (source SELF) for a registered child.' })
export class ConvertSelfReferralInput {
  @Field({ description: 'Global ID of the self-referral.' })
  selfReferralId: string;

  @Field({ description: 'Global ID of the registered child it is about.' })
  childId: string;

  @Field(() => LocalDate, { description: 'Referral date; defaults to the submission date.', nullable: true })
  referredOn?: string | null;
}

@InputType({ description: 'Dismiss a self-referral.' })
export class DismissSelfReferralInput {
  @Field({ description: 'Global ID of the self-referral.' })
  selfReferralId: string;
}

@ObjectType({ simpleResolvers: true, implements: MutationPayload, description: 'Result of dismissSelfReferral.' })
export class SelfReferralPayload extends MutationPayload {
  @Field(() => SelfReferral, { nullable: true, description: 'The self-referral after the change; null on error.' })
  selfReferral: SelfReferral | null;
}
