import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// A bound on a hung start, not a speed test: the first start loads the demo and builds and
// audits every rollup (the activity audit solves some 20,000 linear programmes the first time),
// beside other suites on CI's 2 cores.
const START_LIMIT_MS = 420_000;

/**
 * `npm start` as a user runs it: the compiled server (`npm test` builds it first) on an embedded
 * PostgreSQL in a fresh data directory, stopped with Ctrl-C (SIGINT) and started again.
 */
const root = path.join(__dirname, '..', '..');
const main = path.join(root, 'dist', 'src', 'app', 'main.js');

type Running = { child: ChildProcess; url: string; output: () => string };

function start(dataDir: string): Promise<Running> {
  const env: NodeJS.ProcessEnv = { ...process.env, EMBEDDED_POSTGRES_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info', NODE_ENV: 'development' };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, [main], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    // A bound on a hung start, not a speed test: the first start loads the demo and builds every
    // rollup, which on CI's 2 cores beside the other suites has taken over 90 s.
    const timer = setTimeout(() => reject(new Error(`server did not start in ${START_LIMIT_MS / 1000} s:\n${output}`)), START_LIMIT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /point a browser or GraphQL client at (http:\/\/\S+\/graphql)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1], output: () => output });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}

function stop({ child }: Running, signal: NodeJS.Signals): Promise<number | null> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', (code) => resolve(code));
    child.kill(signal);
  });
}

/** Processes whose command line mentions the data directory: a running postgres would. */
function processesUsing(dataDir: string): string[] {
  return fs
    .readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((pid) => {
      try {
        const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
        return cmdline.includes(dataDir) ? [`${pid}: ${cmdline}`] : [];
      } catch {
        return [];
      }
    });
}

async function answers(url: string): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: '{ localAuthorities(first: 100) { totalCount } localAuthority(code: "E06000001") { name childrenLookedAfter(year: 2025) } }',
    }),
  });
  return response.json();
}

describe('npm start lifecycle on embedded PostgreSQL', () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-lifecycle-'));
  fs.chmodSync(base, 0o755);
  const dataDir = path.join(base, 'pgdata');

  afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

  it(
    'serves the reference data, stops cleanly on Ctrl-C and reuses the data on the next start',
    async () => {
      const first = await start(dataDir);
      expect(first.output()).toMatch(/reference data loaded/);
      expect(first.output()).toMatch(/COUNCIL_OFFICER for Hartlepool/);
      const expected = { data: { localAuthorities: { totalCount: 153 }, localAuthority: { name: 'Hartlepool', childrenLookedAfter: 332 } } };
      expect(await answers(first.url)).toEqual(expected);
      expect(processesUsing(dataDir).length).toBeGreaterThan(0);

      expect(await stop(first, 'SIGINT')).toBe(0);
      expect(processesUsing(dataDir)).toEqual([]);

      const second = await start(dataDir);
      // The data directory was reused: nothing was loaded again.
      expect(second.output()).not.toMatch(/reference data loaded/);
      expect(await answers(second.url)).toEqual(expected);
      expect(await stop(second, 'SIGTERM')).toBe(0);
      expect(processesUsing(dataDir)).toEqual([]);
    },
    2 * START_LIMIT_MS + 60_000,
  );
});
