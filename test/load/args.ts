import { parseArgs } from 'node:util';

/** Command-line options of the load test (`npm run load -- --clients 24 --seconds 30`). */
export type LoadOptions = {
  /** Concurrent virtual clients. */
  clients: number;
  /** How long the clients run, in seconds (in-flight requests then finish). */
  seconds: number;
  /** Demo data scale (1 is about one England). */
  scale: number;
  /** Demo data seed. */
  seed: number;
  /** DATABASE_POOL_SIZE of the server under test. */
  poolSize: number;
  /** SELF_REFERRALS_PER_HOUR of the server under test (per client address; every client is 127.0.0.1). */
  selfReferralsPerHour: number;
  /** ANONYMOUS_REQUESTS_PER_MINUTE of the server under test. */
  anonymousPerMinute: number;
  /**
   * Anonymous dashboard viewers on the national views and the coverage file, besides the clients
   * (publication day, test/load/viewers.ts). With any, the server trusts its proxy (TRUST_PROXY)
   * and every viewer and client sends its own address as X-Forwarded-For.
   */
  viewers: number;
};

export const USAGE = `Usage: npm run load -- [--clients N] [--seconds S] [--scale X] [--seed N] [--pool N]
                         [--self-referrals-per-hour N] [--anonymous-per-minute N] [--viewers N]

  --clients N                   concurrent virtual clients, 1 to 500 (default 24)
  --seconds S                   how long they run, 1 to 3600 (default 30)
  --scale X                     demo data scale, above 0 and at most 5 (default 0.2)
  --seed N                      demo data seed (default 42)
  --pool N                      DATABASE_POOL_SIZE of the server under test (default 10)
  --self-referrals-per-hour N   SELF_REFERRALS_PER_HOUR of the server (default 10; the rest answer RATE_LIMITED)
  --anonymous-per-minute N      ANONYMOUS_REQUESTS_PER_MINUTE of the server (default 1000000)
  --viewers N                   anonymous dashboard viewers besides the clients, 0 to 5000 (default 0); with any,
                                TRUST_PROXY=true and each viewer and client has its own X-Forwarded-For address
                                (npm run load:publication: 1,000 viewers, 60 s, the production rate limit)

Starts an embedded PostgreSQL in a temporary directory (or, with DATABASE_URL, creates and later
drops a database tandem_load_<random> on that server), loads the demo, serves the API on a free
loopback port, runs the clients, checks the invariants and exits 0 when every check passes.`;

const DEFAULTS: LoadOptions = {
  clients: 24,
  seconds: 30,
  scale: 0.2,
  seed: 42,
  poolSize: 10,
  selfReferralsPerHour: 10,
  anonymousPerMinute: 1_000_000,
  viewers: 0,
};

const FLAGS: Record<string, { key: keyof LoadOptions; min: number; max: number; integer: boolean }> = {
  '--clients': { key: 'clients', min: 1, max: 500, integer: true },
  '--seconds': { key: 'seconds', min: 1, max: 3600, integer: false },
  '--scale': { key: 'scale', min: 0.001, max: 5, integer: false },
  '--seed': { key: 'seed', min: 0, max: Number.MAX_SAFE_INTEGER, integer: true },
  '--pool': { key: 'poolSize', min: 1, max: 200, integer: true },
  '--self-referrals-per-hour': { key: 'selfReferralsPerHour', min: 1, max: 1_000_000, integer: true },
  '--anonymous-per-minute': { key: 'anonymousPerMinute', min: 1, max: 100_000_000, integer: true },
  '--viewers': { key: 'viewers', min: 0, max: 5000, integer: true },
};

/** Parses the flags; throws an Error naming the bad flag, or returns null for --help. */
export function parseArguments(argv: string[]): LoadOptions | null {
  const options = { ...DEFAULTS };
  const flags = Object.fromEntries(Object.keys(FLAGS).map((flag) => [flag.slice(2), { type: 'string' as const }]));
  let parsed: { values: Record<string, string | boolean | undefined> };
  try {
    parsed = parseArgs({ args: argv, options: { ...flags, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false });
  } catch (error) {
    if (argv.includes('--help') || argv.includes('-h')) return null;
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  }
  if (parsed.values.help) return null;
  for (const [flag, spec] of Object.entries(FLAGS)) {
    const text = parsed.values[flag.slice(2)];
    if (text === undefined || typeof text !== 'string') continue;
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value) || (spec.integer && !Number.isInteger(value)) || value < spec.min || value > spec.max) {
      throw new Error(
        `${flag} expects ${spec.integer ? 'a whole number' : 'a number'} from ${spec.min} to ${spec.max}; got ${JSON.stringify(text)}.\n\n${USAGE}`,
      );
    }
    options[spec.key] = value;
  }
  return options;
}
