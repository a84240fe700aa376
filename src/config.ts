import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

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

/** A switch: the words true or false, so a typo is an error rather than a silent default. */
const yesNo = z.enum(['true', 'false'], { message: 'expected true or false' });
const positiveInt = z.coerce.number({ message: 'expected a whole number' }).int('expected a whole number').positive('expected a number above 0');

/**
 * Why one entry of CORS_ORIGINS is not an origin as a browser sends it in its Origin header
 * (scheme, host and port only, in their normal form), or null when it is one.
 */
function originProblem(origin: string): string | null {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return 'is not an origin: expected scheme://host[:port], such as https://dashboard.example.org';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'is not an http or https origin';
  if (url.origin !== origin)
    return `is not an origin as a browser sends it: expected ${JSON.stringify(url.origin)} (no path, no trailing slash, lower-case host, no default port)`;
  return null;
}

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(4000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// or postgresql:// connection URL')
    .optional(),
  DATABASE_POOL_SIZE: positiveInt.max(200, 'expected at most 200 connections').default(10),
  DATABASE_PREPARED_STATEMENTS: yesNo.default('true'),
  GRAPHQL_COMPILE_AT: z.coerce.number({ message: 'expected a whole number' }).int('expected a whole number').min(0, 'expected 0 (never) or more').default(2),
  EMBEDDED_POSTGRES_DIR: z
    .string()
    .min(1)
    .default(path.join(projectRoot, '.data', 'postgres')),
  AUTH_JWT_SECRET: z.string().min(32, 'expected at least 32 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOAD_DEMO_DATA: yesNo.default('true'),
  SELF_REFERRALS_PER_HOUR: positiveInt.max(1000000, 'expected at most 1000000').default(5),
  ANONYMOUS_REQUESTS_PER_MINUTE: positiveInt.default(300),
  TRUST_PROXY: yesNo.default('false'),
  REPORTS_REFRESH_CRON: z
    .string()
    .regex(/^\S+( \S+){4}$/, 'expected a five-field cron expression such as "30 2 * * *"')
    .default('30 2 * * *'),
  REPORTS_SCHEDULER: yesNo.default('true'),
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
  NATIONAL_VIEW_CACHE_MB: z.coerce
    .number({ message: 'expected a number of megabytes' })
    .min(0, 'expected 0 (off) or more')
    .max(4096, 'expected at most 4096')
    .default(64),
  INTROSPECTION: yesNo.optional(),
  TOKEN_MAX_LIFETIME_HOURS: positiveInt.max(720, 'expected at most 720 hours (30 days)').default(12),
  TOKEN_CLOCK_SKEW_SECONDS: z.coerce
    .number({ message: 'expected a whole number of seconds' })
    .int('expected a whole number of seconds')
    .min(0, 'expected 0 or more')
    .max(300, 'expected at most 300 seconds')
    .default(60),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((value, context) => {
      const origins = value
        .split(',')
        .map((origin) => origin.trim())
        .filter((origin) => origin !== '');
      for (const origin of origins) {
        const problem = originProblem(origin);
        if (problem) context.addIssue({ code: 'custom', message: `${JSON.stringify(origin.slice(0, 80))} ${problem}` });
      }
      return [...new Set(origins)];
    }),
  COMMISSION_BACKDATE_DAYS: z.coerce
    .number({ message: 'expected a whole number of days' })
    .int('expected a whole number of days')
    .min(0, 'expected 0 or more')
    .max(366, 'expected at most 366 days')
    .default(0),
});

/**
 * How much each soft factor of a match suggestion can contribute, in points. A suggestion's score
 * is the sum of its factors' points, so with the defaults a perfect candidate scores 100. Every
 * weight is configuration (MATCH_WEIGHT_* environment variables, README "Match suggestions"), read with
 * the rest of the configuration by loadConfig and handed to the matching resolvers in their context.
 */
export type MatchingWeights = {
  /** Points for living at the placement; they fall linearly to 0 at `distanceRangeKm`. */
  distance: number;
  /** Distance (km) at and beyond which the distance factor gives nothing. */
  distanceRangeKm: number;
  /** Points for sharing `interestsForFull` or more interests with the child (pro rata below). */
  sharedInterests: number;
  /** Shared interests that earn the full interest points. */
  interestsForFull: number;
  /** Points for speaking one of the child's languages other than English. */
  sharedLanguages: number;
  /** Points for meeting the child's gender preference (when it is a preference, not a requirement, it decides nothing else). */
  genderPreference: number;
  /** Points for speaking a language the referral prefers. */
  languagePreference: number;
  /** Points for `matchesForFull` or more past matches that started (pro rata below). */
  experience: number;
  /** Matches that earn the full experience points. */
  matchesForFull: number;
};

export const DEFAULT_MATCHING_WEIGHTS: Readonly<MatchingWeights> = Object.freeze({
  distance: 35,
  distanceRangeKm: 60,
  sharedInterests: 25,
  interestsForFull: 3,
  sharedLanguages: 10,
  genderPreference: 10,
  languagePreference: 10,
  experience: 10,
  matchesForFull: 3,
});

/** The environment variable behind each weight. */
export const MATCHING_WEIGHT_VARIABLES: Readonly<Record<keyof MatchingWeights, string>> = Object.freeze({
  distance: 'MATCH_WEIGHT_DISTANCE',
  distanceRangeKm: 'MATCH_WEIGHT_DISTANCE_RANGE_KM',
  sharedInterests: 'MATCH_WEIGHT_SHARED_INTERESTS',
  interestsForFull: 'MATCH_WEIGHT_INTERESTS_FOR_FULL',
  sharedLanguages: 'MATCH_WEIGHT_SHARED_LANGUAGES',
  genderPreference: 'MATCH_WEIGHT_GENDER_PREFERENCE',
  languagePreference: 'MATCH_WEIGHT_LANGUAGE_PREFERENCE',
  experience: 'MATCH_WEIGHT_EXPERIENCE',
  matchesForFull: 'MATCH_WEIGHT_MATCHES_FOR_FULL',
});

const points = z.coerce.number({ message: 'expected a number' }).min(0, 'expected a number from 0 to 1000').max(1000, 'expected a number from 0 to 1000');
const positiveCount = z.coerce
  .number({ message: 'expected a whole number' })
  .int('expected a whole number')
  .min(1, 'expected a whole number from 1 to 100')
  .max(100, 'expected a whole number from 1 to 100');
const kilometres = z.coerce.number({ message: 'expected a number of kilometres' }).min(1, 'expected 1 to 1000 km').max(1000, 'expected 1 to 1000 km');

const SCHEMAS: Record<keyof MatchingWeights, z.ZodType<number>> = {
  distance: points,
  distanceRangeKm: kilometres,
  sharedInterests: points,
  interestsForFull: positiveCount,
  sharedLanguages: points,
  genderPreference: points,
  languagePreference: points,
  experience: points,
  matchesForFull: positiveCount,
};

/**
 * The weights from MATCH_WEIGHT_* variables, each defaulting to DEFAULT_MATCHING_WEIGHTS. A bad
 * value throws an Error naming the variable, what was expected and what was given.
 */
export function matchingWeightsFromEnv(env: NodeJS.ProcessEnv): MatchingWeights {
  const weights = { ...DEFAULT_MATCHING_WEIGHTS };
  // The plan ranks waiting time before score (src/matching/plan.ts); a waiting bonus in points
  // no longer exists, and a setting that silently did nothing would mislead whoever set it.
  if (env.MATCH_WEIGHT_WAITING_PRIORITY !== undefined && env.MATCH_WEIGHT_WAITING_PRIORITY.trim() !== '') {
    throw new Error(
      'MATCH_WEIGHT_WAITING_PRIORITY is no longer used: the matching plan matches the longest-waiting children first whatever their scores. Remove the variable.',
    );
  }
  for (const key of Object.keys(SCHEMAS) as (keyof MatchingWeights)[]) {
    const variable = MATCHING_WEIGHT_VARIABLES[key];
    const raw = env[variable];
    if (raw === undefined || raw.trim() === '') continue;
    const parsed = SCHEMAS[key].safeParse(raw.trim());
    if (!parsed.success) {
      throw new Error(`${variable}: ${parsed.error.issues[0]?.message ?? 'invalid value'}; got ${JSON.stringify(raw.slice(0, 40))}.`);
    }
    weights[key] = parsed.data;
  }
  return weights;
}

export type Config = {
  /** Weights of the match suggestion factors (MATCH_WEIGHT_*; matchingWeightsFromEnv above). */
  matchingWeights: MatchingWeights;
  nodeEnv: 'development' | 'test' | 'production';
  host: string;
  port: number;
  /** Where PostgreSQL is; undefined means start the embedded one. */
  databaseUrl: string | undefined;
  databasePoolSize: number;
  /** Lists and loaders run as named statements, prepared once per connection (src/database/dataSource.ts). */
  databasePreparedStatements: boolean;
  /** The run of an operation at which graphql-jit compiles it (src/graphql/compiledExecution.ts); 0: never. */
  graphqlCompileAt: number;
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
  /** Browser origins allowed to call /graphql and /reports/* across origins (CORS); empty: none. */
  corsOrigins: string[];
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
    databasePreparedStatements: values.DATABASE_PREPARED_STATEMENTS === 'true',
    graphqlCompileAt: values.GRAPHQL_COMPILE_AT,
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
    corsOrigins: values.CORS_ORIGINS,
    projectRoot,
  };
}
