import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { addYears } from '../graphql/dates';
import { Gender } from '../graphql/enums';
import { Node, toGlobalId } from '../graphql/relay';
import { IDEMPOTENCY_KEY_DESCRIPTION } from '../graphql/idempotency';
import { MutationPayload } from '../graphql/userErrors';
import type { VolunteerRow } from './volunteer.queries';
import { LocalDate } from '../graphql/scalars';

export const VOLUNTEER_TYPE = 'Volunteer';
/** A DBS check is accepted for three years from issue unless the volunteer is on the update service. */
export const DBS_VALID_YEARS = 3;

export enum VolunteerStatus {
  APPLIED = 'APPLIED',
  VETTING = 'VETTING',
  TRAINING = 'TRAINING',
  APPROVED = 'APPROVED',
  INACTIVE = 'INACTIVE',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(VolunteerStatus, {
  name: 'VolunteerStatus',
  description: 'Where a volunteer is in recruitment: APPLIED → VETTING (DBS, references) → TRAINING → APPROVED; INACTIVE or WITHDRAWN later.',
});

/** The last day a DBS check counts, or null when it never expires (update service) or is missing. */
export function dbsValidUntil(row: Pick<VolunteerRow, 'dbs_issued_on' | 'dbs_update_service'>): string | null {
  if (!row.dbs_issued_on || row.dbs_update_service) return null;
  return addYears(row.dbs_issued_on, DBS_VALID_YEARS);
}

/** Whether the DBS check counts on `date`: under three years old, or kept current by the update service. */
export function dbsValidOn(row: Pick<VolunteerRow, 'dbs_issued_on' | 'dbs_update_service'>, date: string): boolean {
  if (!row.dbs_issued_on || row.dbs_issued_on > date) return false;
  if (row.dbs_update_service) return true;
  return date < addYears(row.dbs_issued_on, DBS_VALID_YEARS);
}

@ObjectType({ simpleResolvers: true, implements: Node, description: 'A volunteer independent visitor or mentor, recruited and vetted by a provider.' })
export class Volunteer extends Node {
  @Field(() => Gender, { description: 'Gender.' })
  gender: Gender;

  @Field(() => [String], { description: 'Languages spoken.' })
  languages: string[];

  @Field(() => [String], { description: 'Interests.' })
  interests: string[];

  @Field(() => Int, { description: 'How many children the volunteer can be matched with at once.' })
  maxMatches: number;

  @Field(() => Int, { description: 'Current PROPOSED plus ACTIVE matches.' })
  openMatches: number;

  @Field(() => VolunteerStatus, { description: 'Recruitment status.' })
  status: VolunteerStatus;

  @Field(() => LocalDate, { description: 'Date they applied.' })
  appliedOn: string;

  @Field(() => LocalDate, { nullable: true, description: 'Issue date of their DBS check.' })
  dbsIssuedOn: string | null;

  @Field({ description: 'True when the DBS check is kept current by the DBS update service.' })
  dbsUpdateService: boolean;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'First day the DBS check no longer counts (three years after issue); null when on the update service or not checked.',
  })
  dbsExpiresOn: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Date training was completed.' })
  trainingCompletedOn: string | null;

  @Field(() => Int, { description: 'Number of satisfactory references received.' })
  referencesReceived: number;

  @Field(() => LocalDate, { nullable: true, description: 'Date approved to be matched.' })
  approvedOn: string | null;

  volunteerKey: string;
  providerKey: string;
  homeCouncilCode: string;

  static fromRow(row: VolunteerRow): Volunteer {
    return Object.assign(new Volunteer(), {
      id: toGlobalId(VOLUNTEER_TYPE, row.volunteer_id),
      volunteerKey: row.volunteer_id,
      providerKey: row.provider_id,
      homeCouncilCode: row.home_council_code,
      gender: row.gender as Gender,
      languages: row.languages,
      interests: row.interests,
      maxMatches: row.max_matches,
      openMatches: row.open_matches,
      status: row.status as VolunteerStatus,
      appliedOn: row.applied_on,
      dbsIssuedOn: row.dbs_issued_on,
      dbsUpdateService: row.dbs_update_service,
      dbsExpiresOn: dbsValidUntil(row),
      trainingCompletedOn: row.training_completed_on,
      referencesReceived: row.references_received,
      approvedOn: row.approved_on,
    });
  }
}

@InputType({ description: 'A volunteer who has applied to a provider.' })
export class RegisterVolunteerInput {
  @Field({ description: 'Global ID of the provider; a coordinator may only use their own.' })
  providerId: string;

  @Field({ description: 'ONS code of the council area the volunteer lives in.' })
  homeLocalAuthorityCode: string;

  @Field(() => Gender, { description: 'Gender.' })
  gender: Gender;

  @Field(() => [String], { nullable: true, description: 'Languages (at most 10).' })
  languages?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Interests (at most 20).' })
  interests?: string[] | null;

  @Field(() => Int, { nullable: true, defaultValue: 1, description: 'Children at once, 1 to 10; default 1.' })
  maxMatches?: number;

  @Field(() => LocalDate, { nullable: true, description: 'Application date; defaults to today.' })
  appliedOn?: string | null;

  @Field(() => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION })
  idempotencyKey?: string | null;
}

@ObjectType({ simpleResolvers: true, implements: MutationPayload, description: 'Result of a mutation on a volunteer.' })
export class VolunteerPayload extends MutationPayload {
  @Field(() => Volunteer, { nullable: true, description: 'The volunteer after the change; null on error.' })
  volunteer: Volunteer | null;
}

@InputType({ description: 'Vetting results so far; fields left out keep their current values.' })
export class RecordVolunteerVettingInput {
  @Field({ description: 'Global ID of the volunteer.' })
  volunteerId: string;

  @Field(() => LocalDate, { nullable: true, description: 'Issue date of the enhanced DBS check.' })
  dbsIssuedOn?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'True when the volunteer subscribes to the DBS update service.' })
  dbsUpdateService?: boolean | null;

  @Field(() => LocalDate, { nullable: true, description: 'Date training was completed.' })
  trainingCompletedOn?: string | null;

  @Field(() => Int, { nullable: true, description: 'Satisfactory references received (0 to 10).' })
  referencesReceived?: number | null;
}

@InputType({ description: 'Approve a vetted and trained volunteer for matching.' })
export class ApproveVolunteerInput {
  @Field({ description: 'Global ID of the volunteer.' })
  volunteerId: string;

  @Field(() => LocalDate, { description: 'Approval date; not in the future.' })
  approvedOn: string;
}
