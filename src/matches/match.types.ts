import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node, toGlobalId } from '../graphql/relay';
import { IDEMPOTENCY_KEY_DESCRIPTION } from '../graphql/idempotency';
import { MutationPayload } from '../graphql/userErrors';
import type { MatchRow, VisitRow } from './match.queries';
import { LocalDate } from '../graphql/scalars';

export const MATCH_TYPE = 'Match';
export const VISIT_TYPE = 'Visit';

export enum MatchStatus {
  PROPOSED = 'PROPOSED',
  ACTIVE = 'ACTIVE',
  ENDED = 'ENDED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(MatchStatus, { name: 'MatchStatus', description: 'PROPOSED → ACTIVE (first meeting) → ENDED; PROPOSED → CANCELLED.' });

export enum EndReason {
  CHILD_LEFT_CARE = 'CHILD_LEFT_CARE',
  CHILD_OBJECTED = 'CHILD_OBJECTED',
  VOLUNTEER_RESIGNED = 'VOLUNTEER_RESIGNED',
  COUNCIL_ENDED = 'COUNCIL_ENDED',
  PLANNED_ENDING = 'PLANNED_ENDING',
  OTHER = 'OTHER',
}
registerEnumType(EndReason, { name: 'EndReason', description: 'Why an active match ended.' });

export enum VisitKind {
  IN_PERSON = 'IN_PERSON',
  PHONE = 'PHONE',
  VIDEO = 'VIDEO',
}
registerEnumType(VisitKind, { name: 'VisitKind', description: 'How a visit happened.' });

@ObjectType({ simpleResolvers: true, implements: Node, description: 'A child and a volunteer brought together for a referral.' })
export class Match extends Node {
  @Field(() => MatchStatus, { description: 'Current status.' })
  status: MatchStatus;

  @Field(() => LocalDate, { description: 'Date proposed.' })
  proposedOn: string;

  @Field(() => LocalDate, { nullable: true, description: 'Date of the first meeting.' })
  startedOn: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Date it ended.' })
  endedOn: string | null;

  @Field(() => EndReason, { nullable: true, description: 'Why it ended.' })
  endReason: EndReason | null;

  @Field(() => LocalDate, { nullable: true, description: 'Date it was cancelled before starting.' })
  cancelledOn: string | null;

  matchKey: string;
  referralKey: string;
  volunteerKey: string;

  static fromRow(row: MatchRow): Match {
    return Object.assign(new Match(), {
      id: toGlobalId(MATCH_TYPE, row.match_id),
      matchKey: row.match_id,
      referralKey: row.referral_id,
      volunteerKey: row.volunteer_id,
      status: row.status as MatchStatus,
      proposedOn: row.proposed_on,
      startedOn: row.started_on,
      endedOn: row.ended_on,
      endReason: row.end_reason as EndReason | null,
      cancelledOn: row.cancelled_on,
    });
  }
}

@ObjectType({ simpleResolvers: true, implements: Node, description: 'A contact between a child and their volunteer.' })
export class Visit extends Node {
  @Field(() => LocalDate, { description: 'Date of the visit.' })
  visitedOn: string;

  @Field(() => Int, { description: 'Length in minutes.' })
  durationMinutes: number;

  @Field(() => VisitKind, { description: 'In person, phone or video.' })
  kind: VisitKind;

  matchKey: string;

  static fromRow(row: VisitRow): Visit {
    return Object.assign(new Visit(), {
      id: toGlobalId(VISIT_TYPE, row.visit_id),
      matchKey: row.match_id,
      visitedOn: row.visited_on,
      durationMinutes: row.duration_minutes,
      kind: row.kind as VisitKind,
    });
  }
}

@InputType({ description: 'Propose a volunteer for an accepted referral.' })
export class ProposeMatchInput {
  @Field({ description: 'Global ID of an ACCEPTED referral.' })
  referralId: string;

  @Field({ description: 'Global ID of an APPROVED volunteer with spare capacity and a valid DBS check.' })
  volunteerId: string;

  @Field(() => LocalDate, { description: 'Date proposed; not in the future, not before the referral was accepted.' })
  proposedOn: string;

  @Field(() => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION })
  idempotencyKey?: string | null;
}

@ObjectType({ simpleResolvers: true, implements: MutationPayload, description: 'Result of a mutation on a match.' })
export class MatchPayload extends MutationPayload {
  @Field(() => Match, { nullable: true, description: 'The match after the change; null on error.' })
  match: Match | null;
}

@InputType({ description: 'Record the first meeting of a proposed match.' })
export class StartMatchInput {
  @Field({ description: 'Global ID of a PROPOSED match.' })
  matchId: string;

  @Field(() => LocalDate, { description: 'Date of the first meeting; not in the future, not before proposedOn.' })
  startedOn: string;
}

@InputType({ description: 'End an active match.' })
export class EndMatchInput {
  @Field({ description: 'Global ID of an ACTIVE match.' })
  matchId: string;

  @Field(() => LocalDate, { description: 'Last day; not in the future, not before startedOn.' })
  endedOn: string;

  @Field(() => EndReason, { description: 'Why it ended.' })
  reason: EndReason;
}

@InputType({ description: 'Cancel a proposed match that never started.' })
export class CancelMatchInput {
  @Field({ description: 'Global ID of a PROPOSED match.' })
  matchId: string;

  @Field({ description: 'Why (at most 500 characters).' })
  reason: string;
}

@InputType({ description: 'Log a visit of an active (or since ended) match.' })
export class LogVisitInput {
  @Field({ description: 'Global ID of the match.' })
  matchId: string;

  @Field(() => LocalDate, { description: 'Date of the visit; between startedOn and endedOn (or today).' })
  visitedOn: string;

  @Field(() => Int, { description: 'Length in minutes, 1 to 1440.' })
  durationMinutes: number;

  @Field(() => VisitKind, { description: 'In person, phone or video.' })
  kind: VisitKind;

  @Field(() => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION })
  idempotencyKey?: string | null;
}

@ObjectType({ simpleResolvers: true, implements: MutationPayload, description: 'Result of logVisit.' })
export class LogVisitPayload extends MutationPayload {
  @Field(() => Visit, { nullable: true, description: 'The visit; null on error.' })
  visit: Visit | null;
}
