import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import compression from 'compression';
import express, { Express } from 'express';
import { GraphQLError, Lexer, Source, TokenKind } from 'graphql';
import type { DataSource } from 'typeorm';
import { ClaimDirectory } from '../auth/claimDirectory';
import { createRateLimits } from '../auth/rateLimits';
import { AuthenticationError, Principal, verifyToken } from '../auth/viewer';
import type { Config } from '../config';
import { countingInto, newStatementTally, type StatementTally } from '../database/statementCounter';
import type { Context, WritePolicy } from '../graphql/context';
import { createContext } from './context';
import { beginRequestState, requestState } from './requestState';
import { getSchema } from './schema';
import { createErrorFormatter, classifyFault, settleErrors } from '../graphql/errors';
import { armor, queryCostPlugin } from '../graphql/limits';
import { compiledGateway } from '../graphql/compiledExecution';
import { capResponseBytes, countListItems, resultBudgetPlugin } from '../graphql/resultBudget';
import { pingDatabase } from '../database/dataSource';
import { councilCoverageCsv, councilCoverageMetaCsv } from '../reporting/councilCoverageCsv';
import { councilActivityCsv, councilActivityMetaCsv } from '../reporting/councilActivityCsv';
import { createNationalViewCache, NationalViewCache } from '../reporting/responseCache';
import type { Logger } from '../logger';
import { corsFor, createNationalHttp, graphqlQuestion, ifNoneMatchHits, settleCacheHeaders } from './httpCaching';
import { serveDashboard } from './dashboard';

/** True when any string in a parsed JSON body holds a NUL, which PostgreSQL text cannot store. */
function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 50 || value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(([key, item]) => key.includes('\u0000') || containsNul(item, depth + 1));
}

/**
 * True when a GraphQL string literal in the query text decodes to a NUL (`"\u0000"` or
 * `"\u{0}"`). Only texts holding such an escape are lexed; a query that does not lex is left to
 * the parser, which answers its syntax error.
 */
function queryHasNulLiteral(query: unknown): boolean {
  if (typeof query !== 'string' || !/\\u(?:0000|\{0+\})/i.test(query)) return false;
  const lexer = new Lexer(new Source(query));
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      if (token.kind === TokenKind.STRING && token.value.includes('\u0000')) return true;
    }
  } catch {
    return false;
  }
  return false;
}

/**
 * Refuses a request with a NUL character anywhere in it, before it can reach SQL (PostgreSQL
 * text cannot hold one): raw or JSON-escaped in the body or the URL, or escaped in a GraphQL
 * string literal of the query text.
 */
const refuseNulCharacters: express.RequestHandler = (req, res, next) => {
  const inLiteral = queryHasNulLiteral(req.body?.query) || queryHasNulLiteral(req.query?.query);
  if (!inLiteral && !containsNul(req.body) && !containsNul(req.query)) return next();
  res.status(400).json({
    errors: [
      {
        message: `The request contains a NUL character (\\u0000)${inLiteral ? ' in a string of the query' : ''}, which no field accepts: remove it.`,
        extensions: { code: 'BAD_USER_INPUT' },
      },
    ],
  });
};

/**
 * GraphQL over HTTP POST is JSON in UTF-8. Anything else is refused with 415 before parsing, so
 * another media type or a charset such as latin1 is a clear client error rather than a failure.
 */
const requireJsonUtf8: express.RequestHandler = (req, res, next) => {
  if (req.method !== 'POST') return next();
  const header = req.headers['content-type'] ?? '';
  const [mediaType, ...parameters] = header.split(';').map((part) => part.trim());
  const charset = parameters.map((parameter) => /^charset\s*=\s*"?([^"]*)"?$/i.exec(parameter)?.[1]).find((value) => value !== undefined);
  const problem =
    mediaType.toLowerCase() !== 'application/json'
      ? `Content-Type ${JSON.stringify(header.slice(0, 100))} is not supported: send the request as application/json.`
      : charset !== undefined && !/^utf-?8$/i.test(charset)
        ? `The charset ${JSON.stringify(charset.slice(0, 40))} is not supported: send the request body in UTF-8 (Content-Type: application/json; charset=utf-8).`
        : null;
  if (!problem) return next();
  res.status(415).json({ errors: [{ message: problem, extensions: { code: 'UNSUPPORTED_MEDIA_TYPE', requestId: requestState(req)?.requestId } }] });
};

export type TandemServer = { app: Express; apollo: ApolloServer<Context>; nationalViews: NationalViewCache; stop: () => Promise<void> };

/** Resolves the caller from the Authorization header; no header means anonymous. */
async function principalFrom(header: string | undefined, config: Config, directory: ClaimDirectory): Promise<Principal | null> {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) throw new AuthenticationError('The Authorization header must be "Bearer <token>".');
  return verifyToken(
    match[1],
    config.jwtSecret,
    { maxLifetimeSeconds: config.tokenMaxLifetimeSeconds, clockSkewSeconds: config.tokenClockSkewSeconds },
    directory,
  );
}

/** /readyz answers within this, whatever the database does: an orchestrator's probe must not hang. */
const READINESS_TIMEOUT_MS = 1500;

/** Readiness: the database answers within READINESS_TIMEOUT_MS and no migration is pending. */
async function isReady(db: DataSource): Promise<{ ready: boolean; reason?: string }> {
  const started = Date.now();
  try {
    await pingDatabase(db, READINESS_TIMEOUT_MS);
  } catch {
    return {
      ready: false,
      reason: Date.now() - started >= READINESS_TIMEOUT_MS - 50 ? `database did not answer within ${READINESS_TIMEOUT_MS} ms` : 'database unreachable',
    };
  }
  let timer: NodeJS.Timeout | undefined;
  try {
    const pending = await Promise.race([
      db.showMigrations(),
      new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), Math.max(READINESS_TIMEOUT_MS - (Date.now() - started), 1));
      }),
    ]);
    return pending ? { ready: false, reason: 'migrations pending' } : { ready: true };
  } catch {
    return { ready: false, reason: `database did not answer within ${READINESS_TIMEOUT_MS} ms` };
  } finally {
    clearTimeout(timer);
  }
}

export async function createServer(config: Config, db: DataSource, logger: Logger): Promise<TandemServer> {
  const schema = getSchema();
  countListItems(schema);
  const protection = armor(config);
  const exposeDetails = config.nodeEnv !== 'production';
  const nationalViews = createNationalViewCache(config.nationalViewCacheBytes);
  const release = (JSON.parse(fs.readFileSync(path.join(config.projectRoot, 'package.json'), 'utf8')) as { version?: string }).version ?? '0';
  // Cache-Control, ETag and 304 on the national answers (src/app/httpCaching.ts).
  const nationalHttp = createNationalHttp(schema, release, nationalViews.generation);
  // Each HTTP request's statement tally rides on its context (Apollo shallow-copies the context
  // per operation, own properties included), for its error codes and its faults' log lines.
  const TALLY = Symbol('statement tally');
  type Tallied = Context & { [TALLY]?: StatementTally };
  const settleRequestErrors: ApolloServerPlugin<Context> = {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          const tally = (contextValue as Tallied)[TALLY];
          if (tally && response.body.kind === 'single' && response.body.singleResult.errors) settleErrors(response.body.singleResult.errors, tally, logger);
        },
      };
    },
  };
  const apollo = new ApolloServer<Context>({
    // Repeated operations run compiled (src/graphql/compiledExecution.ts); GRAPHQL_COMPILE_AT=0 keeps graphql-js for all.
    ...(config.graphqlCompileAt > 0
      ? { gateway: compiledGateway(schema, config.graphqlCompileAt, (operationName) => logger.debug({ operationName }, 'operation compiled')) }
      : { schema }),
    introspection: config.introspection,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // main.ts drains HTTP first and stops Apollo after; Apollo's own signal handlers would stop it
    // while requests are still arriving.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: exposeDetails,
    validationRules: protection.validationRules,
    parseOptions: { maxTokens: config.maxTokens },
    formatError: createErrorFormatter(logger, exposeDetails),
    plugins: [
      ...(protection.plugins as ApolloServerPlugin<Context>[]),
      queryCostPlugin(schema, config.maxQueryCost) as ApolloServerPlugin<Context>,
      resultBudgetPlugin(config.maxResultNodes) as ApolloServerPlugin<Context>,
      // No HTTP caching hints are used; the default cache-control plugin wraps every field resolver.
      ApolloServerPluginCacheControlDisabled(),
      // Before the answer cache: a matching If-None-Match is a 304, with no answer looked up.
      nationalHttp.plugin,
      nationalViews.plugin,
      ...(config.nodeEnv === 'production' ? [ApolloServerPluginLandingPageDisabled()] : []),
      // Last: it sees the errors as they leave, the result budget's included.
      settleRequestErrors,
    ],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  // gzip or brotli for whatever the client accepts (answers of 1 KB and more); the byte limits of
  // the answers (MAX_RESPONSE_BYTES) count the uncompressed JSON, as before.
  app.use(compression());
  // Express's own ETags hash every body sent; the national answers carry ETags named by the refresh
  // and the question instead (src/app/httpCaching.ts), computed before the answer, and others none.
  app.set('etag', false);
  app.set('trust proxy', config.trustProxy);
  const limits = createRateLimits(config.selfReferralsPerHour, config.anonymousRequestsPerMinute);
  // Council codes and providers that tokens name, kept in memory (src/auth/claimDirectory.ts).
  const claims = new ClaimDirectory(db);
  const writePolicy: WritePolicy = { commissionBackdateDays: config.commissionBackdateDays };

  // Anonymous callers (public figures, CSV, self-referral) are limited per address; signed-in
  // callers are accountable through their token instead.
  const anonymousLimit: express.RequestHandler = async (req, res, next) => {
    if (req.headers.authorization) return next();
    const retryAfter = await limits.anonymousRequest(req.ip ?? 'unknown');
    if (retryAfter === null) return next();
    res.setHeader('retry-after', String(retryAfter));
    res.status(429).json({
      errors: [
        {
          message: `Too many requests without sign-in from your address: try again in ${retryAfter} s (ANONYMOUS_REQUESTS_PER_MINUTE = ${config.anonymousRequestsPerMinute}).`,
          extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter },
        },
      ],
    });
  };

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', async (_req, res) => {
    const { ready, reason } = await isReady(db);
    res.status(ready ? 200 : 503).json(ready ? { status: 'ready' } : { status: 'not ready', reason });
  });

  // The reference dashboard at / (src/app/dashboard.ts).
  serveDashboard(app, config.projectRoot);

  // A file's caller, its token verified once per request: the validators' middleware and the
  // route both ask, and share the one verification (a refused token rejects both alike).
  const fileCallers = new WeakMap<express.Request, Promise<Principal | null>>();
  const fileCallerOf = (req: express.Request): Promise<Principal | null> => {
    let caller = fileCallers.get(req);
    if (!caller) {
      caller = principalFrom(req.headers.authorization, config, claims);
      fileCallers.set(req, caller);
    }
    return caller;
  };

  // The files: CORS, the anonymous rate limit, then validators (ETag, Cache-Control) and 304,
  // for every route under /reports; a route here adds no rate limit of its own.
  app.use('/reports', settleCacheHeaders, corsFor(config.corsOrigins, ['GET', 'HEAD']), anonymousLimit, nationalHttp.files(db, fileCallerOf));

  // A data file is written for its caller's audience: a bad token is a 401 before any work, as on /graphql.
  const fileRoute =
    (writeFile: typeof councilCoverageCsv) =>
    async (req: express.Request, res: express.Response): Promise<void> => {
      let principal: Principal | null;
      try {
        principal = await fileCallerOf(req);
      } catch (error) {
        if (error instanceof AuthenticationError) {
          res.status(401).type('text/plain').send(`${error.message}\n`);
          return;
        }
        throw error;
      }
      const requestId = randomUUID();
      res.setHeader('x-request-id', requestId);
      await writeFile(req, res, createContext(db, principal, requestId, logger, limits, req.ip ?? 'unknown', writePolicy, config.matchingWeights));
    };
  app.get('/reports/council-coverage.csv', fileRoute(councilCoverageCsv));
  app.get('/reports/council-coverage.meta.csv', councilCoverageMetaCsv);
  app.get('/reports/council-activity.csv', fileRoute(councilActivityCsv));
  app.get('/reports/council-activity.meta.csv', councilActivityMetaCsv);

  app.use(
    '/graphql',
    // Each request counts its own SQL statements, for the request log and the statement-count tests,
    // through its own view of the DataSource (no AsyncLocalStorage: see statementCounter.ts).
    (req, res, next) => {
      const requestId = randomUUID();
      const tally = newStatementTally(false, requestId);
      const started = process.hrtime.bigint();
      beginRequestState(req, requestId, tally, countingInto(db, tally));
      res.setHeader('x-request-id', requestId);
      res.on('finish', () => {
        // No variables, no query text: they can carry personal values.
        logger.info(
          {
            requestId,
            method: req.method,
            operationName: typeof req.body?.operationName === 'string' ? req.body.operationName.slice(0, 100) : undefined,
            status: res.statusCode,
            durationMs: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
            statements: tally.statements,
            outcome: tally.errorCodes.length ? [...new Set(tally.errorCodes)].join(',') : 'ok',
          },
          'graphql request',
        );
      });
      next();
    },
    // Every answer leaves with Cache-Control: no-store unless it is a national answer with validators.
    settleCacheHeaders,
    // Before the rate limit, so that a browser can read a 429 too.
    corsFor(config.corsOrigins, ['GET', 'POST']),
    anonymousLimit,
    requireJsonUtf8,
    express.json({ limit: config.maxBodyBytes }),
    refuseNulCharacters,
    capResponseBytes(config.maxResponseBytes, (req) => requestState(req)?.tally),
    // A repeated national view (same question, audience and refresh) is answered from the cache
    // without running GraphQL again: it already passed every check in this exact form.
    async (req, res, next) => {
      if (req.method !== 'POST' || !req.body || Array.isArray(req.body)) return next();
      const state = requestState(req)!;
      let principal: Principal | null;
      try {
        principal = await principalFrom(req.headers.authorization, config, claims);
      } catch (error) {
        state.authenticationError = error; // Apollo answers the bad token with its usual 401
        return next();
      }
      state.principal = principal; // verified once per request
      const { query, operationName, variables } = req.body as { query?: unknown; operationName?: unknown; variables?: unknown };
      // A question once answered as a national view: its validators, and a 304 when the client holds them.
      const validators =
        typeof query === 'string' && nationalHttp.isKnownNational(query, operationName)
          ? await nationalHttp.validatorsFor(state.db, principal, graphqlQuestion(query, operationName, variables))
          : null;
      if (validators && ifNoneMatchHits(req.headers['if-none-match'], validators.etag)) {
        nationalHttp.setValidators(res, validators);
        res.status(304).end();
        return;
      }
      const answer = await nationalViews.answerFor(state.db, principal, req.body);
      // The cache stores an answer before its size is checked: one over MAX_RESPONSE_BYTES goes the
      // long way, to be refused there.
      if (!answer || answer.length > config.maxResponseBytes) return next();
      if (validators) nationalHttp.setValidators(res, validators);
      res.status(200).type('application/json; charset=utf-8').end(answer);
    },
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const state = requestState(req)!;
        try {
          // The token was verified once already, before the national-view cache; not again.
          if (state.authenticationError !== undefined) throw state.authenticationError;
          const principal = state.principal !== undefined ? state.principal : await principalFrom(req.headers.authorization, config, claims);
          const context = createContext(state.db, principal, state.requestId, logger, limits, req.ip ?? 'unknown', writePolicy, config.matchingWeights);
          context.setResponseHeader = (name, value) => res.setHeader(name, value);
          (context as Tallied)[TALLY] = state.tally;
          return context;
        } catch (error) {
          if (error instanceof AuthenticationError) {
            state.tally.errorCodes.push('UNAUTHENTICATED');
            throw new GraphQLError(error.message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
          }
          // No context, so no plugin sees this answer: its fault is logged here, with the request id.
          const fault = classifyFault(error);
          state.tally.errorCodes.push(fault.code);
          logger.error(
            { requestId: state.requestId, fault: fault.code, err: error instanceof Error ? error.message.slice(0, 300) : String(error).slice(0, 300) },
            'request failed',
          );
          throw error;
        }
      },
    }),
  );

  // Errors outside GraphQL (an oversized or malformed body, a failed CSV): JSON, no stack, no internals.
  app.use((error: Error & { status?: number; type?: string }, req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const requestId = requestState(req)?.requestId ?? randomUUID();
    if (error.type === 'entity.too.large') {
      res.status(413).json({
        errors: [
          {
            message: `The request body is larger than the limit of ${config.maxBodyBytes} bytes (MAX_BODY_BYTES).`,
            extensions: { code: 'PAYLOAD_TOO_LARGE', requestId },
          },
        ],
      });
      return;
    }
    if (error.type === 'charset.unsupported' || error.type === 'encoding.unsupported') {
      res.status(415).json({
        errors: [
          {
            message: 'The request body must be JSON in UTF-8 (Content-Type: application/json; charset=utf-8).',
            extensions: { code: 'UNSUPPORTED_MEDIA_TYPE', requestId },
          },
        ],
      });
      return;
    }
    if (error.type === 'entity.parse.failed') {
      res.status(400).json({ errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST', requestId } }] });
      return;
    }
    const fault = classifyFault(error);
    logger.error({ requestId, fault: fault.code, err: error.message.slice(0, 300) }, 'request failed');
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(fault.code === 'SERVICE_UNAVAILABLE' ? 503 : 500).json({ errors: [{ message: fault.message, extensions: { code: fault.code, requestId } }] });
  });

  return { app, apollo, nationalViews, stop: () => apollo.stop() };
}
