import { Field, InterfaceType, ObjectType, registerEnumType } from 'type-graphql';

/**
 * Codes for expected failures (API.md), each with when it is returned and what the caller should
 * do; the README's catalogue ("Error codes") says the same. A GraphQL enum, so a client can
 * switch on it; kept a plain object so that code may write a code as its string.
 */
export const USER_ERROR_CODES = {
  VALIDATION:
    'The input is malformed or breaks a rule the code checks (a date out of range, an unknown rollup, a malformed idempotency key); `field` names it. Correct the input and send it again.',
  NOT_FOUND:
    'No record with that ID that you can access: it does not exist or is outside your scope; `field` names the ID. Check the ID, or ask someone who can see the record.',
  CONFLICT:
    'The change clashes with a record that exists (a duplicate name, case reference, open referral or open match, an idempotency key reused with other input). Read the current state, then change the input or use a new key.',
  INVALID_TRANSITION:
    'The record is not in a state from which this change is allowed; the message names the current and requested states. Read the record again and choose a change its state allows.',
  FORBIDDEN:
    'Your role (or your council or provider) may not make this change; the message names what it needs. Sign in as someone who may, or ask them to do it.',
  DBS_EXPIRED: "The volunteer's DBS check is not valid on the day of the match. Record a renewed check for the volunteer first, or propose someone else.",
  CAPACITY_REACHED:
    'The volunteer already has as many open matches as they may (maxMatches). End one of their matches, raise maxMatches, or propose someone else.',
  NOT_COMMISSIONED:
    "The volunteer's provider has no commission in force from the child's council for the service. Commission the provider first, or propose a volunteer of a commissioned provider.",
  RATE_LIMITED: 'Too many requests of this kind from your connection; the message says when to try again. Wait that long, then send it again.',
  UNAVAILABLE: 'The database could not be reached or was lost while working; nothing was changed. Try again shortly; if it persists, the service is down.',
} as const;

export type UserErrorCode = keyof typeof USER_ERROR_CODES;

/** The GraphQL enum: each value is its own name. */
const UserErrorCodeEnum = Object.fromEntries(Object.keys(USER_ERROR_CODES).map((code) => [code, code])) as { [Code in UserErrorCode]: Code };

registerEnumType(UserErrorCodeEnum, {
  name: 'UserErrorCode',
  description: 'What kind of expected failure a mutation met, and so what the caller can do about it.',
  valuesConfig: Object.fromEntries(Object.entries(USER_ERROR_CODES).map(([code, description]) => [code, { description }])) as Record<
    UserErrorCode,
    { description: string }
  >,
});

@ObjectType({ simpleResolvers: true, description: 'An expected failure of a mutation: what was wrong and what was expected. Nothing was written.' })
export class UserError {
  @Field(() => UserErrorCodeEnum, {
    description: 'SCREAMING_SNAKE_CASE code, e.g. INVALID_TRANSITION, NOT_FOUND, CONFLICT, VALIDATION, DBS_EXPIRED, CAPACITY_REACHED, FORBIDDEN.',
  })
  code: UserErrorCode;

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

export const notFound = (what: string, field: string) => new UserFacingError('NOT_FOUND', `No ${what} with that ID that you can access.`, field);

export const invalid = (field: string, message: string) => new UserFacingError('VALIDATION', message, field);

/**
 * Constraint violations mapped back to the input field and a message, so a rule the database
 * enforces (including under concurrency) reads like one the code checked.
 */
const CONSTRAINTS: Record<string, { code: UserErrorCode; field: string; message: string }> = {
  providers_name_key: { code: 'CONFLICT', field: 'name', message: 'A provider with this name already exists.' },
  commissions_key: {
    code: 'CONFLICT',
    field: 'startsOn',
    message: 'This provider already has a commission for this council and service starting on that date.',
  },
  children_case_reference_key: { code: 'CONFLICT', field: 'caseReference', message: 'Your council already registered a child with this case reference.' },
  referrals_one_open_per_service: { code: 'CONFLICT', field: 'childId', message: 'The child already has an open (NEW or ACCEPTED) referral for this service.' },
  matches_one_open_per_referral: { code: 'CONFLICT', field: 'referralId', message: 'The referral already has a PROPOSED or ACTIVE match.' },
  volunteers_capacity_check: { code: 'CAPACITY_REACHED', field: 'volunteerId', message: 'The volunteer has no spare capacity (maxMatches reached).' },
  self_referrals_receipt_number_key: { code: 'CONFLICT', field: 'receiptNumber', message: 'Receipt number clash; please submit again.' },
  // setTarget serialises an area's writes under an advisory lock, so this is a backstop.
  targets_key: {
    code: 'CONFLICT',
    field: 'dueOn',
    message: 'This area already has a target for this service and metric due on that date: set it again to change it.',
  },
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
