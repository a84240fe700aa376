import type { Request } from 'express';
import type { DataSource } from 'typeorm';
import type { Principal } from '../auth/viewer';
import type { StatementTally } from '../database/statementCounter';

/**
 * What the middlewares of one /graphql request learn and pass on: typed, and kept beside the
 * request rather than in express's untyped `res.locals`. Gone with the request (a WeakMap).
 */
export type RequestState = {
  /** Sent back as x-request-id and in every error; logged with the request. */
  requestId: string;
  /** The request's statement count and error codes, for its log line. */
  tally: StatementTally;
  /** The DataSource as this request uses it: counting its statements into `tally`. */
  db: DataSource;
  /**
   * The caller once its bearer token was verified (before the national-view cache): null for an
   * anonymous caller, undefined while not checked yet.
   */
  principal?: Principal | null;
  /** The token was refused: Apollo's context answers it with its usual 401. */
  authenticationError?: unknown;
};

const states = new WeakMap<Request, RequestState>();

/** Starts the state of a request; the first middleware calls it. */
export function beginRequestState(req: Request, requestId: string, tally: StatementTally, db: DataSource): RequestState {
  const state: RequestState = { requestId, tally, db };
  states.set(req, state);
  return state;
}

/** The state of a request, or undefined for one that never passed the first middleware. */
export function requestState(req: Request): RequestState | undefined {
  return states.get(req);
}
