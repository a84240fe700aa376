import { createHash } from 'node:crypto';
import type { ApolloServerPlugin, HeaderMap } from '@apollo/server';
import cors from 'cors';
import type express from 'express';
import { GraphQLSchema, printSchema } from 'graphql';
import { LRUCache } from 'lru-cache';
import onHeaders from 'on-headers';
import type { DataSource } from 'typeorm';
import type { Principal } from '../auth/viewer';
import type { Context } from '../graphql/context';
import { audienceOf } from '../reporting/disclosure';
import { isNationalViewOperation } from '../reporting/responseCache';

/**
 * HTTP for browsers and caches on the national answers (GraphQL national views and the files
 * under /reports): CORS for the origins in CORS_ORIGINS, Cache-Control, an ETag tied to the
 * reporting refresh and the audience, and 304 for a matching If-None-Match. Everything else on
 * those paths (officers' lists, mutations, errors) is `Cache-Control: no-store`.
 *
 * The ETag is weak (`W/"…"`): it names the answer, not its bytes, so it stays the same whether
 * the body goes out as gzip, brotli or plain, and is computed before the answer is (a 304 costs
 * no rollup read). It hashes the release (package version and printed schema), the number of the
 * latest refresh run (the generation the national-view cache keys answers by), the audience the
 * figures were computed for (full or disclosure-controlled: src/reporting/coverage.resolver.ts),
 * and the question (query text, operation name and variables; for a file, its path and sorted
 * query string). Two audiences therefore never share an ETag, and any refresh changes all of them.
 */

/** How long a shared cache or a browser may reuse an anonymous national answer without asking. */
export const PUBLIC_MAX_AGE_SECONDS = 300;

/** What every answer that is not a national one carries. */
export const NO_STORE = 'no-store';

/**
 * Anonymous callers see only disclosure-controlled figures, the same for everyone: any cache may
 * keep them for PUBLIC_MAX_AGE_SECONDS. A signed-in caller's answer is theirs alone (`private`:
 * never kept by a shared cache) and is revalidated on every use (`no-cache`), which the ETag makes
 * a 304 until the next refresh.
 */
export function cacheControlFor(principal: Principal | null): string {
  return principal ? 'private, no-cache' : `public, max-age=${PUBLIC_MAX_AGE_SECONDS}`;
}

export type Validators = { etag: string; cacheControl: string };

/**
 * Whether an If-None-Match header names the ETag (weak comparison, as RFC 9110 prescribes for
 * If-None-Match; `*` names any current answer).
 */
export function ifNoneMatchHits(header: string | string[] | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const value = Array.isArray(header) ? header.join(',') : header;
  if (value.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = opaque(etag);
  return value.split(',').some((tag) => opaque(tag) === wanted);
}

/** Headers sent back to a browser's script besides the CORS-safelisted ones. */
const EXPOSED_HEADERS = ['ETag', 'X-Request-Id', 'Retry-After', 'Content-Disposition'];

/**
 * Request headers a dashboard may send across origins: the JSON body's content type, the bearer
 * token, Apollo's CSRF-prevention headers (a GET query must carry one of them, which is what
 * forces a preflight) and If-None-Match for a script that revalidates by itself.
 */
const ALLOWED_HEADERS = ['Content-Type', 'Authorization', 'Apollo-Require-Preflight', 'X-Apollo-Operation-Name', 'If-None-Match'];

/** How long a browser may keep a preflight's answer (Chromium caps it at 2 hours). */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/**
 * CORS for the origins of CORS_ORIGINS (exact matches): the preflight is answered 204 with the
 * methods and headers allowed, every answer carries Access-Control-Allow-Origin for a listed origin
 * and `Vary: Origin`. A preflight from any other origin is answered 403 without CORS headers, so the
 * browser refuses the call and its console says why. No credentials mode: the API authenticates with
 * a bearer token, never cookies.
 */
export function corsFor(origins: readonly string[], methods: string[]): express.RequestHandler {
  const allowed = new Set(origins);
  const handler = cors({ origin: [...origins], methods, allowedHeaders: ALLOWED_HEADERS, exposedHeaders: EXPOSED_HEADERS, maxAge: PREFLIGHT_MAX_AGE_SECONDS });
  return (req, res, next) => {
    const origin = req.headers.origin;
    if (req.method === 'OPTIONS' && origin !== undefined && req.headers['access-control-request-method'] !== undefined && !allowed.has(origin)) {
      res.vary('Origin');
      res
        .status(403)
        .type('text/plain')
        .send(`The origin ${JSON.stringify(origin.slice(0, 200))} is not allowed to call this API from a browser (CORS_ORIGINS).\n`);
      return;
    }
    handler(req, res, next);
  };
}

/**
 * Sets what a cache needs on the way out, whatever answered: an answer that is a 200 or 304 and
 * carries an ETag keeps its validators and gets `Vary: Authorization, Accept-Encoding` (a cache
 * must not hand one caller's answer to a caller with another token, or none); any other answer loses any ETag and
 * is `Cache-Control: no-store`. Mounted first on each path it covers.
 */
export const settleCacheHeaders: express.RequestHandler = (_req, res, next) => {
  onHeaders(res, function settle() {
    if (this.getHeader('etag') !== undefined && (this.statusCode === 200 || this.statusCode === 304)) {
      // Accept-Encoding as well: compression adds it to a 200 it considers, and a 304 must carry
      // the Vary its 200 would have.
      this.vary('Authorization');
      this.vary('Accept-Encoding');
      return;
    }
    this.removeHeader('etag');
    this.setHeader('cache-control', NO_STORE);
  });
  next();
};

function writeValidators(set: (name: string, value: string) => unknown, validators: Validators): void {
  set('etag', validators.etag);
  set('cache-control', validators.cacheControl);
}

/**
 * The parts of a GraphQL request that decide its answer, normalised as Apollo reads them (an
 * operation name that is not a string is none; variables that are not an object are none).
 */
export function graphqlQuestion(query: string, operationName: unknown, variables: unknown): unknown[] {
  const named = typeof operationName === 'string' ? operationName : null;
  const values = variables !== null && typeof variables === 'object' && !Array.isArray(variables) ? variables : {};
  return [query, named, values];
}

export type NationalHttp = {
  /** The validators of a national answer to this question for this caller, or null when the refresh generation cannot be read. */
  validatorsFor: (db: DataSource, principal: Principal | null, question: unknown[]) => Promise<Validators | null>;
  /** Whether this operation of this query text was once found to be a national view (the express fast path trusts it). */
  isKnownNational: (query: unknown, operationName: unknown) => boolean;
  /** Writes the validators on an express response. */
  setValidators: (res: express.Response, validators: Validators) => void;
  /** The Apollo plugin: validators on a national answer without errors, 304 for a matching If-None-Match. */
  plugin: ApolloServerPlugin<Context>;
  /** Express middleware for the files under /reports: validators from the path and query string, and 304. */
  files: (db: DataSource, principalOf: (req: express.Request) => Promise<Principal | null>) => express.RequestHandler;
};

/**
 * `release` names the deployed code (package version); the schema's printed form is hashed in so
 * that a deployment that changes what the answers hold changes every ETag. `generation` is the
 * national-view cache's reading of the latest refresh run.
 */
export function createNationalHttp(schema: GraphQLSchema, release: string, generation: (db: DataSource) => Promise<string>): NationalHttp {
  const releaseId = createHash('sha256').update(release).update('\u0000').update(printSchema(schema)).digest('base64url').slice(0, 16);
  const known = new LRUCache<string, true>({ max: 1000 });
  const knownKey = (query: string, operationName: unknown) => `${typeof operationName === 'string' ? operationName : ''}\u0000${query}`;

  const validatorsFor: NationalHttp['validatorsFor'] = async (db, principal, question) => {
    let current: string;
    try {
      current = await generation(db);
    } catch {
      return null; // without the generation no ETag can be trusted: the answer goes out no-store
    }
    const audience = audienceOf(principal);
    const digest = createHash('sha256')
      .update(JSON.stringify([releaseId, current, audience, ...question]))
      .digest('base64url')
      .slice(0, 32);
    return { etag: `W/"${current}-${digest}"`, cacheControl: cacheControlFor(principal) };
  };

  const plugin: ApolloServerPlugin<Context> = {
    async requestDidStart() {
      let validators: Validators | null = null;
      return {
        async responseForOperation(requestContext) {
          // In-process executions (tests, scripts) have no HTTP request and need no validators.
          const http = requestContext.request.http;
          if (!http || !isNationalViewOperation(requestContext.operation)) return null;
          const { contextValue, request, source } = requestContext;
          validators = await validatorsFor(contextValue.db, contextValue.principal, graphqlQuestion(source, request.operationName, request.variables));
          if (!validators) return null;
          known.set(knownKey(source, request.operationName), true);
          if (!ifNoneMatchHits(http.headers.get('if-none-match'), validators.etag)) return null;
          // Express sends a 304 without the body (and without its content type).
          requestContext.response.http.status = 304;
          const headers: HeaderMap = requestContext.response.http.headers;
          writeValidators((name, value) => headers.set(name, value), validators);
          return { http: requestContext.response.http, body: { kind: 'single', singleResult: {} } };
        },
        async willSendResponse(requestContext) {
          const { body, http } = requestContext.response;
          if (!validators || http.status === 304 || body.kind !== 'single') return;
          // An answer with any error is not a national answer to keep: it goes out no-store.
          if (body.singleResult.errors?.length || !body.singleResult.data) return;
          writeValidators((name, value) => http.headers.set(name, value), validators);
        },
      };
    },
  };

  const files: NationalHttp['files'] = (db, principalOf) => async (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    let principal: Principal | null;
    try {
      principal = await principalOf(req);
    } catch {
      return next(); // the route answers the bad token (401, no-store)
    }
    const search = new URLSearchParams(req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '');
    search.sort();
    const validators = await validatorsFor(db, principal, ['file', `${req.baseUrl}${req.path}`, search.toString()]);
    if (!validators) return next();
    writeValidators((name, value) => res.setHeader(name, value), validators);
    if (ifNoneMatchHits(req.headers['if-none-match'], validators.etag)) {
      res.status(304).end();
      return;
    }
    next();
  };

  return {
    validatorsFor,
    isKnownNational: (query, operationName) => typeof query === 'string' && known.has(knownKey(query, operationName)),
    setValidators: (res, validators) => writeValidators((name, value) => res.setHeader(name, value), validators),
    plugin,
    files,
  };
}
