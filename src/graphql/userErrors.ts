import { Field, InterfaceType, ObjectType } from 'type-graphql';

/** Codes for expected failures (API.md). */
export type UserErrorCode =
  | 'INVALID_TRANSITION'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'VALIDATION'
  | 'DBS_EXPIRED'
  | 'CAPACITY_REACHED'
  | 'FORBIDDEN'
  | 'NOT_COMMISSIONED'
  | 'RATE_LIMITED';

@ObjectType({ simpleResolvers: true, description: 'An expected failure of a mutation: what was wrong and what was expected. Nothing was written.' })
export class UserError {
  @Field({ description: 'SCREAMING_SNAKE_CASE code, e.g. INVALID_TRANSITION, NOT_FOUND, CONFLICT, VALIDATION, DBS_EXPIRED, CAPACITY_REACHED, FORBIDDEN.' })
  code: string;

  @Field(() => [String], { nullable: true, description: 'Path of the input field at fault, e.g. ["input", "acceptedOn"].' })
  field: string[] | null;

  @Field({ description: 'Human-readable explanation: what was wrong and what was expected.' })
  message: string;
}

@InterfaceType({ description: 'Every mutation payload: the changed object (nullable) and the expected failures, if any.' })
export abstract class MutationPayload {
  @Field(() => [UserError], { description: 'Empty on success; otherwise why nothing was changed.' })
  errors: UserError[];
}

/** Thrown inside a mutation's transaction to roll it back and report a typed error. */
export class UserFacingError extends Error {
  constructor(
    readonly code: UserErrorCode,
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
  }

  toUserError(): UserError {
    return { code: this.code, message: this.message, field: this.field ? ['input', this.field] : null };
  }
}

export const notFound = (what: string, field: string) =>
  new UserFacingError('NOT_FOUND', `No ${what} with that ID that you can access.`, field);

export const invalid = (field: string, message: string) => new UserFacingError('VALIDATION', message, field);

/**
 * Constraint violations mapped back to the input field and a message, so a rule the database
 * enforces (including under concurrency) reads like one the code checked.
 */
const CONSTRAINTS: Record<string, { code: UserErrorCode; field: string; message: string }> = {
  providers_name_key: { code: 'CONFLICT', field: 'name', message: 'A provider with this name already exists.' },
  commissions_key: { code: 'CONFLICT', field: 'startsOn', message: 'This provider already has a commission for this council and service starting on that date.' },
  children_case_reference_key: { code: 'CONFLICT', field: 'caseReference', message: 'Your council already registered a child with this case reference.' },
  referrals_one_open_per_service: { code: 'CONFLICT', field: 'childId', message: 'The child already has an open (NEW or ACCEPTED) referral for this service.' },
  matches_one_open_per_referral: { code: 'CONFLICT', field: 'referralId', message: 'The referral already has a PROPOSED or ACTIVE match.' },
  volunteers_capacity_check: { code: 'CAPACITY_REACHED', field: 'volunteerId', message: 'The volunteer has no spare capacity (maxMatches reached).' },
  self_referrals_receipt_number_key: { code: 'CONFLICT', field: 'receiptNumber', message: 'Receipt number clash; please submit again.' },
  // setTarget serialises an area's writes under an advisory lock, so this is a backstop.
  targets_key: { code: 'CONFLICT', field: 'dueOn', message: 'This area already has a target for this service and metric due on that date: set it again to change it.' },
};

export function userErrorFromDatabase(error: unknown): UserError | null {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } }).driverError ?? (error as { code?: string; constraint?: string });
  const constraint = driverError?.constraint;
  if (constraint && CONSTRAINTS[constraint]) {
    const { code, field, message } = CONSTRAINTS[constraint];
    return { code, field: ['input', field], message };
  }
  return null;
}
