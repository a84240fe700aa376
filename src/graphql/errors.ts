import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { currentStatementTally, type StatementTally } from '../database/statementCounter';
import type { Logger } from '../logger';

/**
 * What a client may learn from a failure. Expected errors (bad input, validation, limits,
 * authentication) pass through. Anything else is ours: the database being down becomes
 * SERVICE_UNAVAILABLE, a statement timeout TIMEOUT, and everything else INTERNAL with the request
 * id that appears in our log, never a stack trace, SQL text or a database message.
 */
const EXPECTED = new Set([
  'BAD_USER_INPUT',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'UNAUTHENTICATED',
  'QUERY_TOO_COSTLY',
  'RESULT_TOO_LARGE',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);

export type Fault = { code: 'SERVICE_UNAVAILABLE' | 'TIMEOUT' | 'INTERNAL'; message: string };

export function classifyFault(error: unknown): Fault {
  const cause = (error as { driverError?: unknown }).driverError ?? error;
  const code = (cause as { code?: string }).code;
  const text = cause instanceof Error ? cause.message : String(cause);
  if (code === '57014') return { code: 'TIMEOUT', message: 'The request took too long and was stopped (STATEMENT_TIMEOUT_MS); narrow it or try again.' };
  // The text is checked too: graphql-js rewraps a thrown non-Error value (as a socket error from
  // another realm can be) into "Unexpected error value: { code: 'ECONNREFUSED', ... }".
  if (
    (code && UNAVAILABLE_CODES.has(code)) ||
    /Connection terminated|ECONNREFUSED|ECONNRESET|timeout exceeded when trying to connect|Query read timeout|terminating connection/i.test(text)
  ) {
    return { code: 'SERVICE_UNAVAILABLE', message: 'The database is unavailable at the moment; please try again shortly.' };
  }
  return { code: 'INTERNAL', message: 'Something went wrong on our side. Quote the request id if you report it.' };
}

export function createErrorFormatter(logger: Logger, exposeDetails: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const tally = currentStatementTally();
    const code = String(formatted.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
    // The token limit is graphql-js's parser option (Apollo's parseOptions): it stops lexing at the
    // limit and fails as a syntax error (400). Its text is reworded to name our setting.
    const tokenLimit = code === 'GRAPHQL_PARSE_FAILED' ? /Document contains more tha[nt] (\d+) tokens/.exec(formatted.message) : null;
    if (tokenLimit) {
      formatted = {
        ...formatted,
        message: `Token limit of ${tokenLimit[1]} exceeded (MAX_TOKENS): send a shorter query.`,
        extensions: { ...formatted.extensions, limit: Number(tokenLimit[1]) },
      };
    }
    if (EXPECTED.has(code)) {
      tally?.errorCodes.push(code);
      if (exposeDetails) return formatted;
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    const original = unwrapResolverError(error);
    // graphql-js's own argument coercion errors (an explicit null for a non-null argument) carry
    // no code but are the caller's mistake, not ours.
    if (original instanceof GraphQLError && !original.originalError && /^(Argument|Variable) "/.test(original.message)) {
      tally?.errorCodes.push('BAD_USER_INPUT');
      return { message: original.message, locations: formatted.locations, path: formatted.path, extensions: { code: 'BAD_USER_INPUT' } };
    }
    const fault = classifyFault(original);
    // The message only: a database error's detail can quote the values it rejected.
    const failure: Failure = {
      fault: fault.code,
      err: original instanceof Error ? original.message.slice(0, 300) : String(original).slice(0, 300),
      path: formatted.path,
    };
    const result: GraphQLFormattedError = {
      message: fault.message,
      path: formatted.path,
      extensions: {
        code: fault.code,
        requestId: tally?.requestId,
        ...(exposeDetails ? { detail: original instanceof Error ? original.message : String(original) } : {}),
      },
    };
    if (tally) {
      tally.errorCodes.push(fault.code);
      logger.error({ requestId: tally.requestId, ...failure }, 'request failed');
    } else {
      // An HTTP request: settleErrors, which knows the request, logs it and adds its id.
      Object.defineProperty(result, UNSETTLED, { value: failure, enumerable: false });
    }
    return result;
  };
}

type Failure = { fault: string; err: string; path: GraphQLFormattedError['path'] };

/** A formatted fault not yet logged with its request (not serialised: the key is a symbol and not enumerable). */
const UNSETTLED = Symbol('unsettled fault');

/**
 * For an HTTP request, whose statement tally does not travel with the async context: records the
 * codes of the errors it answers with, and logs each fault with the request id, which the error
 * also carries (as formatError does in process).
 */
export function settleErrors(errors: readonly GraphQLFormattedError[], tally: StatementTally, logger: Logger): void {
  for (const error of errors) {
    tally.errorCodes.push(String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
    const failure = (error as { [UNSETTLED]?: Failure })[UNSETTLED];
    if (!failure) continue;
    logger.error({ requestId: tally.requestId, ...failure }, 'request failed');
    if (error.extensions) (error.extensions as Record<string, unknown>).requestId = tally.requestId;
  }
}
