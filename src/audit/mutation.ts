import type { EntityManager } from 'typeorm';
import { AuditEntry, recordAuditEvent } from './audit';
import { Role } from '../auth/roles';
import type { Context } from '../graphql/context';
import { callerHash, claimIdempotencyKey, completeIdempotencyKey, Idempotency, requestHash, validIdempotencyKey } from '../graphql/idempotency';
import { UserError, userErrorFromDatabase, UserFacingError } from '../graphql/userErrors';

export type MutationOutcome<T> = { result: T; audit: AuditEntry };

/**
 * Runs one mutation in one transaction with its audit event. Expected failures (a thrown
 * UserFacingError, or a constraint violation we can name) roll everything back and come back as
 * `errors`; anything else is a real fault and propagates.
 *
 * A create mutation passes `idempotency`: with a key, the key is claimed first in the same
 * transaction, and a repeat of an earlier request returns that request's record and writes
 * nothing, not even an audit event (src/graphql/idempotency.ts).
 */
export async function runMutation<T, P extends object>(
  context: Context,
  action: string,
  allowedRoles: Role[] | 'ANYONE',
  work: (manager: EntityManager) => Promise<MutationOutcome<T>>,
  toPayload: (result: T) => P,
  idempotency?: Idempotency<T>,
): Promise<P & { errors: UserError[] }> {
  const { principal } = context;
  if (allowedRoles !== 'ANYONE' && (!principal || !allowedRoles.includes(principal.role))) {
    const message = principal
      ? `${principal.role} may not ${action}; it needs one of: ${allowedRoles.join(', ')}.`
      : `Sign in to ${action}: send a bearer token for one of: ${allowedRoles.join(', ')}.`;
    return { errors: [{ code: 'FORBIDDEN', field: null, message }] } as unknown as P & { errors: UserError[] };
  }
  try {
    const key = validIdempotencyKey(idempotency?.key);
    const keyed =
      idempotency && key !== null ? { ...idempotency, key, caller: callerHash(principal, context.clientAddress), hash: requestHash(idempotency.input) } : null;
    const result = await context.db.transaction(async (manager) => {
      if (keyed) {
        const claim = await claimIdempotencyKey(manager, keyed.caller, action, keyed.key, keyed.hash);
        if (claim.kind === 'replay') {
          const earlier = await keyed.replay(manager, claim.recordId);
          if (!earlier) throw new UserFacingError('CONFLICT', `The record this idempotencyKey created no longer exists: send a new key.`, 'idempotencyKey');
          return earlier;
        }
      }
      const outcome = await work(manager);
      await recordAuditEvent(manager, principal, action, outcome.audit);
      if (keyed) await completeIdempotencyKey(manager, keyed.caller, action, keyed.key, keyed.recordIdOf(outcome.result));
      return outcome.result;
    });
    return { ...toPayload(result), errors: [] };
  } catch (error) {
    if (error instanceof UserFacingError) return { errors: [error.toUserError()] } as unknown as P & { errors: UserError[] };
    const mapped = userErrorFromDatabase(error);
    if (mapped) return { errors: [mapped] } as unknown as P & { errors: UserError[] };
    throw error;
  }
}
