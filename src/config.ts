import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { MatchingWeights, matchingWeightsFromEnv } from './matching/weights';

/**
 * Every setting Tandem reads from the environment, parsed and validated once at start-up.
 * A bad value stops the process with a message naming the variable, so a typo in a deployment
 * fails loudly instead of running with a surprising default.
 */

/** The secret used in development and tests when none is configured. Never accepted in production. */
export const DEVELOPMENT_JWT_SECRET = 'tandem-development-secret-do-not-use-in-production';

/** The folder holding package.json, whether running from src/ (ts-jest) or dist/src/ (compiled). */
function findProjectRoot(start: string): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return start;
    dir = parent;
  }
  return dir;
}

export const projectRoot = findProjectRoot(__dirname);

const port = z.coerce
  .number({ message: 'expected a whole number' })
  .int('expected a whole number')
  .min(0, 'expected a port from 0 to 65535')
  .max(65535, 'expected a port from 0 to 65535');

const positiveInt = z.coerce.number({ message: 'expected a whole number' }).int('expected a whole number').positive('expected a number above 0');

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(4000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// or postgresql:// connection URL')
    .optional(),
  DATABASE_POOL_SIZE: positiveInt.max(200, 'expected at most 200 connections').default(10),
  EMBEDDED_POSTGRES_DIR: z.string().min(1).default(path.join(projectRoot, '.data', 'postgres')),
  AUTH_JWT_SECRET: z.string().min(32, 'expected at least 32 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOAD_DEMO_DATA: z.enum(['true', 'false']).default('true'),
  SELF_REFERRALS_PER_HOUR: positiveInt.max(1000000, 'expected at most 1000000').default(5),
  ANONYMOUS_REQUESTS_PER_MINUTE: positiveInt.default(300),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  REPORTS_REFRESH_CRON: z
    .string()
    .regex(/^\S+( \S+){4}$/, 'expected a five-field cron expression such as "30 2 * * *"')
    .default('30 2 * * *'),
  REPORTS_SCHEDULER: z.enum(['true', 'false']).default('true'),
  REPORTS_POLL_SECONDS: positiveInt.max(45, 'expected at most 45 seconds').default(30),
  MAX_QUERY_DEPTH: positiveInt.max(100, 'expected at most 100').default(12),
  MAX_QUERY_COST: positiveInt.default(10000),
  MAX_ALIASES: positiveInt.max(1000, 'expected at most 1000').default(15),
  MAX_TOKENS: positiveInt.default(3000),
  MAX_BODY_BYTES: positiveInt.default(102400),
  STATEMENT_TIMEOUT_MS: positiveInt.default(10000),
  DATABASE_CONNECT_TIMEOUT_MS: positiveInt.max(60000, 'expected at most 60000 ms').default(2000),
  DATABASE_QUERY_TIMEOUT_MS: positiveInt.optional(),
  MAX_RESULT_NODES: positiveInt.max(10000000, 'expected at most 10000000').default(10000),
  MAX_RESPONSE_BYTES: positiveInt.min(1024, 'expected at least 1024 bytes').max(1073741824, 'expected at most 1073741824 bytes').default(4194304),
  NATIONAL_VIEW_CACHE_MB: z.coerce.number({ message: 'expected a number of megabytes' }).min(0, 'expected 0 (off) or more').max(4096, 'expected at most 4096').default(64),
  INTROSPECTION: z.enum(['true', 'false']).optional(),
  TOKEN_MAX_LIFETIME_HOURS: positiveInt.max(720, 'expected at most 720 hours (30 days)').default(12),
  TOKEN_CLOCK_SKEW_SECONDS: z.coerce.number({ message: 'expected a whole number of seconds' }).int('expected a whole number of seconds').min(0, 'expected 0 or more').max(300, 'expected at most 300 seconds').default(60),
  COMMISSION_BACKDATE_DAYS: z.coerce.number({ message: 'expected a whole number of days' }).int('expected a whole number of days').min(0, 'expected 0 or more').max(366, 'expected at most 366 days').default(0),
});

export type Config = {
  /** Weights of the match suggestion factors (MATCH_WEIGHT_*; src/matching/weights.ts). */
  matchingWeights: MatchingWeights;
  nodeEnv: 'development' | 'test' | 'production';
  host: string;
  port: number;
  /** Where PostgreSQL is; undefined means start the embedded one. */
  databaseUrl: string | undefined;
  databasePoolSize: number;
  embeddedPostgresDir: string;
  jwtSecret: string;
  logLevel: string;
  loadDemoData: boolean;
  /** Self-referrals accepted per client address per hour. */
  selfReferralsPerHour: number;
  /** Requests without a bearer token accepted per client address per minute. */
  anonymousRequestsPerMinute: number;
  /** Behind a reverse proxy, take the client address from X-Forwarded-For. */
  trustProxy: boolean;
  /** When scheduled report refreshes run (Europe/London); default nightly at 02:30. */
  reportsRefreshCron: string;
  /** Whether this process takes part in scheduled refreshes. */
  reportsScheduler: boolean;
  /** How often the scheduler checks the cron and its queue. */
  reportsPollSeconds: number;
  maxQueryDepth: number;
  /** Cost limit: a connection costs its `first` times its selection (src/graphql/limits.ts). */
  maxQueryCost: number;
  maxAliases: number;
  maxTokens: number;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes: number;
  /** PostgreSQL statement_timeout for API connections; report refreshes are exempt. */
  statementTimeoutMs: number;
  /** How long a request waits for a pooled connection (or a new one to open) before SERVICE_UNAVAILABLE. */
  databaseConnectTimeoutMs: number;
  /**
   * How long the client waits for any statement's answer (pg `query_timeout`): past it the
   * database is taken to be hung and the request fails with SERVICE_UNAVAILABLE. Longer than
   * statementTimeoutMs, so a merely slow statement is cancelled by PostgreSQL first (TIMEOUT).
   */
  databaseQueryTimeoutMs: number;
  /** Items of lists of objects one answer may hold (src/graphql/resultBudget.ts). */
  maxResultNodes: number;
  /** Largest GraphQL answer sent, in bytes. */
  maxResponseBytes: number;
  /** Schema introspection: on unless NODE_ENV=production, where INTROSPECTION=true turns it on. */
  introspection: boolean;
  /** Memory for answers of the national views kept until the next refresh (src/reporting/responseCache.ts); 0 turns it off. */
  nationalViewCacheBytes: number;
  /** Longest bearer token accepted, from iat to exp, in seconds. */
  tokenMaxLifetimeSeconds: number;
  /** How far a token's iat may be ahead of this server's clock, in seconds. */
  tokenClockSkewSeconds: number;
  /** How many days before today a council officer may start a commission; earlier is for admins. */
  commissionBackdateDays: number;
  projectRoot: string;
};

export class ConfigError extends Error {}

/** Parses the given environment (default `process.env`) or throws a ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings mean "not set": a shell line like `DATABASE_URL= npm start` should use the default.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const variable = String(issue.path[0]);
      return `${variable}: ${issue.message} (got ${JSON.stringify(env[variable])})`;
    });
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const values = parsed.data;
  let matchingWeights: MatchingWeights;
  try {
    matchingWeights = matchingWeightsFromEnv(present);
  } catch (error) {
    throw new ConfigError(`Invalid configuration:\n  ${error instanceof Error ? error.message : String(error)}`);
  }
  if (values.DATABASE_QUERY_TIMEOUT_MS !== undefined && values.DATABASE_QUERY_TIMEOUT_MS <= values.STATEMENT_TIMEOUT_MS) {
    throw new ConfigError(
      `Invalid configuration:\n  DATABASE_QUERY_TIMEOUT_MS: expected more than STATEMENT_TIMEOUT_MS (${values.STATEMENT_TIMEOUT_MS}), so PostgreSQL cancels a slow statement before the client gives up on the database (got ${JSON.stringify(env.DATABASE_QUERY_TIMEOUT_MS)})`,
    );
  }
  if (values.NODE_ENV === 'production' && !values.AUTH_JWT_SECRET) {
    throw new ConfigError('Invalid configuration:\n  AUTH_JWT_SECRET: required in production (at least 32 characters)');
  }
  return {
    matchingWeights,
    nodeEnv: values.NODE_ENV,
    host: values.HOST,
    port: values.PORT,
    databaseUrl: values.DATABASE_URL,
    databasePoolSize: values.DATABASE_POOL_SIZE,
    embeddedPostgresDir: path.resolve(values.EMBEDDED_POSTGRES_DIR),
    jwtSecret: values.AUTH_JWT_SECRET ?? DEVELOPMENT_JWT_SECRET,
    logLevel: values.LOG_LEVEL,
    loadDemoData: values.LOAD_DEMO_DATA === 'true',
    selfReferralsPerHour: values.SELF_REFERRALS_PER_HOUR,
    anonymousRequestsPerMinute: values.ANONYMOUS_REQUESTS_PER_MINUTE,
    trustProxy: values.TRUST_PROXY === 'true',
    reportsRefreshCron: values.REPORTS_REFRESH_CRON,
    reportsScheduler: values.REPORTS_SCHEDULER === 'true',
    reportsPollSeconds: values.REPORTS_POLL_SECONDS,
    maxQueryDepth: values.MAX_QUERY_DEPTH,
    maxQueryCost: values.MAX_QUERY_COST,
    maxAliases: values.MAX_ALIASES,
    maxTokens: values.MAX_TOKENS,
    maxBodyBytes: values.MAX_BODY_BYTES,
    statementTimeoutMs: values.STATEMENT_TIMEOUT_MS,
    databaseConnectTimeoutMs: values.DATABASE_CONNECT_TIMEOUT_MS,
    databaseQueryTimeoutMs: values.DATABASE_QUERY_TIMEOUT_MS ?? values.STATEMENT_TIMEOUT_MS + 1000,
    maxResultNodes: values.MAX_RESULT_NODES,
    maxResponseBytes: values.MAX_RESPONSE_BYTES,
    introspection: values.INTROSPECTION ? values.INTROSPECTION === 'true' : values.NODE_ENV !== 'production',
    nationalViewCacheBytes: Math.round(values.NATIONAL_VIEW_CACHE_MB * 1024 * 1024),
    tokenMaxLifetimeSeconds: values.TOKEN_MAX_LIFETIME_HOURS * 3600,
    tokenClockSkewSeconds: values.TOKEN_CLOCK_SKEW_SECONDS,
    commissionBackdateDays: values.COMMISSION_BACKDATE_DAYS,
    projectRoot,
  };
}
