import type { EntityManager } from 'typeorm';
import { AuditEntry, recordAuditEvent } from '../audit/audit';
import { Role } from '../auth/roles';
import type { Context } from './context';
import { UserError, userErrorFromDatabase, UserFacingError } from './userErrors';

export type MutationOutcome<T> = { result: T; audit: AuditEntry };

/**
 * Runs one mutation in one transaction with its audit event. Expected failures (a thrown
 * UserFacingError, or a constraint violation we can name) roll everything back and come back as
 * `errors`; anything else is a real fault and propagates.
 */
export async function runMutation<T, P extends object>(
  context: Context,
  action: string,
  allowedRoles: Role[] | 'ANYONE',
  work: (manager: EntityManager) => Promise<MutationOutcome<T>>,
  toPayload: (result: T) => P,
): Promise<P & { errors: UserError[] }> {
  const { principal } = context;
  if (allowedRoles !== 'ANYONE' && (!principal || !allowedRoles.includes(principal.role))) {
    const message = principal
      ? `${principal.role} may not ${action}; it needs one of: ${allowedRoles.join(', ')}.`
      : `Sign in to ${action}: send a bearer token for one of: ${allowedRoles.join(', ')}.`;
    return { errors: [{ code: 'FORBIDDEN', field: null, message }] } as unknown as P & { errors: UserError[] };
  }
  try {
    const result = await context.db.transaction(async (manager) => {
      const outcome = await work(manager);
      await recordAuditEvent(manager, principal, action, outcome.audit);
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
