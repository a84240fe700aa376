import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { getNamedType, getNullableType, GraphQLObjectType, GraphQLSchema, isLeafType, isListType, isNonNullType, isObjectType, parse } from 'graphql';
import { Role } from '../../src/auth/roles';
import { signToken } from '../../src/auth/viewer';
import { loadConfig } from '../../src/config';
import { queryCost } from '../../src/graphql/limits';
import { toGlobalId } from '../../src/graphql/relay';
import { getSchema } from '../../src/app/schema';
import { parseArguments, USAGE } from './args';
import { EnvironmentBuilder } from './environment';
import { percentiles, table } from './stats';

/**
 * Bounded work per request, measured (issue 12). Two parts, against the same throw-away server
 * the load test builds (`npm run flood -- --seconds 30 --clients 8`):
 *
 * 1. The worst accepted query per role: for each family of expensive queries a role may send,
 *    the largest page the cost limit (MAX_QUERY_COST, default configuration) still accepts, found
 *    by the cost analysis itself; each is sent once to warm up and then timed five times, one at
 *    a time. Also the stall query of the issue, which must be refused.
 * 2. The flood: `--clients` anonymous clients send the most expensive anonymous query the limits
 *    accept, back to back, for `--seconds`, while /healthz is polled every 20 ms; its latency
 *    percentiles are what a load balancer's probe would see.
 *
 * Times are printed, never asserted. The anonymous per-address rate limit is lifted (the load
 * test's default) so that one machine can stand for many addresses.
 */

const log = (message: string) => console.log(`[flood] ${message}`);

/** The flooding clients, in a worker thread: each sends the next text as soon as its answer is read. */
const FLOOD_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, texts, clients, deadline } = workerData;
const times = [];
const statuses = new Map();
let next = 0;
async function client() {
  while (Date.now() < deadline) {
    const query = texts[next++ % texts.length];
    const started = performance.now();
    let key;
    try {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
      const body = await response.json();
      const codes = [...new Set((body.errors || []).map((error) => String(error.extensions && error.extensions.code)))];
      key = response.status + (codes.length ? ' ' + codes.join(',') : '');
    } catch (error) {
      key = 'no answer: ' + error.message;
    }
    times.push(performance.now() - started);
    statuses.set(key, (statuses.get(key) || 0) + 1);
  }
}
Promise.all(Array.from({ length: clients }, client)).then(() => parentPort.postMessage({ times, statuses: [...statuses] }));
`;

/** Every leaf field without required arguments, and objects (not lists) below, `depth` deep. */
function fieldsOf(schema: GraphQLSchema, typeName: string, depth: number): string {
  const type = schema.getType(typeName) as GraphQLObjectType;
  const parts: string[] = [];
  for (const field of Object.values(type.getFields())) {
    if (field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined)) continue;
    const named = getNamedType(field.type);
    if (isLeafType(named)) parts.push(field.name);
    else if (depth > 0 && isObjectType(named) && !isListType(getNullableType(field.type)))
      parts.push(`${field.name} { ${fieldsOf(schema, named.name, depth - 1)} }`);
  }
  return parts.join(' ');
}

type Family = { role: string; name: string; token: string | null; build: (first: number) => string; variables?: () => Record<string, unknown> };

type Measured = { role: string; name: string; first: number; cost: number; status: number; bytes: number; p50: number; max: number; codes: string };

async function send(url: string, token: string | null, query: string, variables: Record<string, unknown> = {}) {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  const ms = performance.now() - started;
  let codes: string[] = [];
  try {
    codes = ((JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] }).errors ?? []).map((error) => String(error.extensions?.code));
  } catch {
    codes = ['NOT_JSON'];
  }
  return { status: response.status, bytes: Buffer.byteLength(text), ms, codes, text };
}

async function main(argv: string[]): Promise<number> {
  const floodFlags = { clients: 8, seconds: 30 };
  let options;
  try {
    options = parseArguments(argv);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 2;
  }
  if (!options) {
    console.log(`${USAGE}\n\nnpm run flood takes the same options; --clients (default here 8) anonymous clients flood for --seconds.`);
    return 0;
  }
  const clients = argv.some((arg) => arg.startsWith('--clients')) ? options.clients : floodFlags.clients;
  const seconds = argv.some((arg) => arg.startsWith('--seconds')) ? options.seconds : floodFlags.seconds;
  const builder = new EnvironmentBuilder(log);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void builder.close().finally(() => process.exit(130)));
  try {
    const environment = await builder.start(options);
    const schema = getSchema();
    const maxCost = loadConfig({}).maxQueryCost;
    const url = environment.url;
    const base = url.replace(/\/graphql$/, '');

    // The busiest council and provider of the demo: their lists are the longest.
    const [{ code: council }] = await environment.db.query<{ code: string }[]>(
      `select c.council_code as code from referrals r join children c on c.child_id = r.child_id group by 1 order by count(*) desc limit 1`,
    );
    const [{ provider }] = await environment.db.query<{ provider: string }[]>(
      `select provider_id as provider from volunteers group by 1 order by count(*) desc limit 1`,
    );
    const [{ month_end: monthEnd }] = await environment.db.query<{ month_end: string }[]>(
      `select to_char((date_trunc('month', current_date) - interval '1 day')::date, 'YYYY-MM-DD') as month_end`,
    );
    const [{ codes: councilCodes }] = await environment.db.query<{ codes: string[] }[]>(
      `select array_agg(code order by code) as codes from councils where is_current`,
    );
    const sign = (role: Role, extra: { la?: string; provider?: string } = {}) => signToken({ sub: `flood-${role}`, role, ...extra }, environment.jwtSecret);
    const tokens = {
      officer: await sign(Role.COUNCIL_OFFICER, { la: council }),
      coordinator: await sign(Role.PROVIDER_COORDINATOR, { provider: toGlobalId('Provider', provider) }),
      analyst: await sign(Role.NATIONAL_ANALYST),
      researcher: await sign(Role.RESEARCHER),
      admin: await sign(Role.ADMIN),
    };

    const LA = fieldsOf(schema, 'LocalAuthority', 0);
    const REF = fieldsOf(schema, 'Referral', 1);
    const CHILD = fieldsOf(schema, 'Child', 0);
    const MATCH = fieldsOf(schema, 'Match', 0);
    const VISIT = fieldsOf(schema, 'Visit', 0);
    const VOL = fieldsOf(schema, 'Volunteer', 1);
    const nonce = () => `# ${randomBytes(6).toString('hex')}\n`;
    const randomCouncil = () => councilCodes[Math.floor(Math.random() * councilCodes.length)];
    const year = Number(monthEnd.slice(0, 4));

    const publicFamilies = (role: string, token: string | null): Family[] => [
      {
        role,
        name: 'localAuthorities, neighbours of neighbours',
        token,
        build: (first) =>
          `{ localAuthorities(first: ${first}) { edges { node { ${LA} statisticalNeighbours { ${LA} statisticalNeighbours { code name } } } } } }`,
      },
      {
        role,
        name: 'councilComparison, every figure (not cached)',
        token,
        build: () =>
          `${nonce()}{ councilComparison(service: INDEPENDENT_VISITOR, date: "${monthEnd}") { ${fieldsOf(schema, 'CouncilComparison', 3)} councils { ${fieldsOf(schema, 'CouncilCoverage', 3)} } regions { ${fieldsOf(schema, 'RegionCoverage', 3)} } } }`,
      },
      {
        role,
        name: 'coverageTimeSeries, 10 years x aliases (not cached)',
        token,
        build: (first) =>
          `${nonce()}{ ${Array.from({ length: Math.min(first, 15) }, (_, i) => `s${i}: coverageTimeSeries(localAuthorityCode: "${randomCouncil()}", service: INDEPENDENT_VISITOR, from: "${year - 10}-01-31", to: "${monthEnd}") { date figures { ${fieldsOf(schema, 'CoverageFigures', 2)} } }`).join(' ')} }`,
      },
    ];
    const families: Family[] = [
      ...publicFamilies('anonymous', null),
      ...publicFamilies('researcher', tokens.researcher),
      ...publicFamilies('analyst', tokens.analyst),
      {
        role: 'officer',
        name: 'waitingList, child, matches, visits',
        token: tokens.officer,
        build: (first) =>
          `{ waitingList(localAuthorityCode: "${council}", service: INDEPENDENT_VISITOR, first: ${first}) { edges { node { ${REF} child { ${CHILD} } matches { ${MATCH} visits { ${VISIT} } } } } } }`,
      },
      {
        role: 'officer',
        name: 'children, referrals, matches, visits',
        token: tokens.officer,
        build: (first) => `{ children(first: ${first}) { edges { node { ${CHILD} referrals { ${REF} matches { ${MATCH} visits { ${VISIT} } } } } } } }`,
      },
      {
        role: 'officer',
        name: 'referrals, matches, volunteer, visits',
        token: tokens.officer,
        build: (first) => `{ referrals(first: ${first}) { edges { node { ${REF} matches { ${MATCH} volunteer { ${VOL} } visits { ${VISIT} } } } } } }`,
      },
      {
        role: 'coordinator',
        name: 'volunteers, home council and neighbours',
        token: tokens.coordinator,
        build: (first) => `{ volunteers(first: ${first}) { edges { node { ${VOL} homeLocalAuthority { ${LA} statisticalNeighbours { ${LA} } } } } } }`,
      },
      {
        role: 'coordinator',
        name: 'matches, referral, visits',
        token: tokens.coordinator,
        build: (first) => `{ matches(first: ${first}) { edges { node { ${MATCH} referral { ${REF} } visits { ${VISIT} } } } } }`,
      },
      {
        role: 'admin',
        name: 'referrals, matches, volunteer, visits',
        token: tokens.admin,
        build: (first) =>
          `{ referrals(first: ${first}) { edges { node { ${REF} child { ${CHILD} } matches { ${MATCH} volunteer { ${VOL} } visits { ${VISIT} } } } } } }`,
      },
      {
        role: 'admin',
        name: 'matches, visits with their match',
        token: tokens.admin,
        build: (first) => `{ matches(first: ${first}) { edges { node { ${MATCH} visits { ${VISIT} match { ${MATCH} } } } } } }`,
      },
      {
        role: 'admin',
        name: 'auditEvents',
        token: tokens.admin,
        build: (first) => `{ auditEvents(first: ${first}) { edges { node { ${fieldsOf(schema, 'AuditEvent', 1)} } } } }`,
      },
    ];

    // The stall query of the issue: refused before it runs.
    const stall =
      '{ localAuthorities(first: 100) { edges { node { statisticalNeighbours { statisticalNeighbours { statisticalNeighbours { statisticalNeighbours { code } } } } } } } }';
    const refused = await send(url, null, stall);
    log(`stall query: HTTP ${refused.status} in ${refused.ms.toFixed(1)} ms: ${JSON.parse(refused.text).errors?.[0]?.message}`);

    const measured: Measured[] = [];
    const worstQuery: Record<string, { family: Family; first: number; p50: number }> = {};
    for (const family of families) {
      // The largest `first` (1..100) whose cost the limit accepts.
      let low = 0;
      let high = 100;
      while (low < high) {
        const middle = Math.ceil((low + high) / 2);
        if (queryCost(schema, parse(family.build(middle))) <= maxCost) low = middle;
        else high = middle - 1;
      }
      if (low === 0) {
        measured.push({
          role: family.role,
          name: family.name,
          first: 0,
          cost: queryCost(schema, parse(family.build(1))),
          status: 0,
          bytes: 0,
          p50: 0,
          max: 0,
          codes: 'over the limit at first: 1',
        });
        continue;
      }
      const cost = queryCost(schema, parse(family.build(low)));
      const warm = await send(url, family.token, family.build(low));
      const times: number[] = [];
      for (let run = 0; run < 5; run += 1) times.push((await send(url, family.token, family.build(low))).ms);
      const { p50, max } = percentiles(times);
      measured.push({
        role: family.role,
        name: family.name,
        first: low,
        cost,
        status: warm.status,
        bytes: warm.bytes,
        p50,
        max,
        codes: [...new Set(warm.codes)].join(',') || 'ok',
      });
      if (warm.status === 200 && warm.codes.length === 0 && (!worstQuery[family.role] || p50 > worstQuery[family.role].p50))
        worstQuery[family.role] = { family, first: low, p50 };
    }
    console.log(`\nWorst accepted queries (MAX_QUERY_COST ${maxCost}; five runs each, one at a time; ms)\n`);
    console.log(
      table(
        ['role', 'query', 'first', 'cost', 'status', 'bytes', 'p50 ms', 'max ms', 'errors'],
        measured.map((row) => [
          row.role,
          row.name,
          row.first,
          row.cost,
          row.status,
          row.bytes,
          Number(row.p50.toFixed(1)),
          Number(row.max.toFixed(1)),
          row.codes,
        ]),
      ),
    );

    // The flood: the most expensive anonymous query, back to back from every client. The clients
    // run in a worker thread, so their own work (sending, reading, parsing answers) does not sit
    // in the server's event loop and inflate what /healthz sees; the poller stays on the server's
    // loop, where a load balancer's probe would wait.
    const worst = worstQuery.anonymous;
    log(`flood: ${clients} anonymous clients send "${worst.family.name}" (first ${worst.first}) for ${seconds} s while /healthz is polled`);
    // Distinct texts (the national views' answers are cached per text), made ahead of time.
    const texts = Array.from({ length: 3000 }, () => worst.family.build(worst.first));
    const deadline = Date.now() + seconds * 1000;
    const worker = new Worker(FLOOD_WORKER, { eval: true, workerData: { url, texts, clients, deadline } });
    const floodDone = new Promise<{ times: number[]; statuses: [string, number][] }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const health: number[] = [];
    while (Date.now() < deadline) {
      const started = performance.now();
      const response = await fetch(`${base}/healthz`);
      await response.text();
      health.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    loop.disable();
    const { times: floodTimes, statuses: statusList } = await floodDone;
    await worker.terminate();
    const statuses = new Map(statusList);
    const healthz = percentiles(health);
    const flood = percentiles(floodTimes);
    console.log(`\nFlood (${seconds} s, ${clients} anonymous clients)\n`);
    console.log(
      table(
        ['what', 'count', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms'],
        [
          [
            '/healthz',
            healthz.count,
            Number(healthz.p50.toFixed(1)),
            Number(healthz.p90.toFixed(1)),
            Number(healthz.p99.toFixed(1)),
            Number(healthz.max.toFixed(1)),
          ],
          ['flood query', flood.count, Number(flood.p50.toFixed(1)), Number(flood.p90.toFixed(1)), Number(flood.p99.toFixed(1)), Number(flood.max.toFixed(1))],
        ],
      ),
    );
    console.log(`\nflood answers: ${[...statuses.entries()].map(([key, count]) => `${key}: ${count}`).join('; ')}`);
    const ms = (nanoseconds: number) => (nanoseconds / 1e6).toFixed(1);
    console.log(
      `event-loop delay of the server's thread during the flood: p50 ${ms(loop.percentile(50))}, p99 ${ms(loop.percentile(99))}, max ${ms(loop.max)} ms`,
    );
    const faults = [...statuses.keys()].filter((key) => /^5|INTERNAL|SERVICE_UNAVAILABLE|TIMEOUT/.test(key));
    await builder.close();
    return faults.length ? 1 : 0;
  } catch (error) {
    console.error(`[flood] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await builder.close();
    return 1;
  }
}

void main(process.argv.slice(2)).then((code) => process.exit(code));
