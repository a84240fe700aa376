import { spawn } from 'node:child_process';
import path from 'node:path';
import { parseSeedArguments } from '../../src/demo/seedArguments';
import { createTestDatabase, TestDatabase } from '../support/testDatabase';

/** The compiled CLI, as a user runs it (`npm test` builds it first). */
const cli = path.join(__dirname, '..', '..', 'dist', 'src', 'demo', 'seed.cli.js');

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('parseSeedArguments', () => {
  it('defaults to scale 1 and seed 42', () => {
    expect(parseSeedArguments([])).toEqual({ scale: 1, seed: 42 });
  });

  it('reads both flag forms', () => {
    expect(parseSeedArguments(['--scale', '0.5', '--seed', '7'])).toEqual({ scale: 0.5, seed: 7 });
    expect(parseSeedArguments(['--seed=-3', '--scale=100'])).toEqual({ scale: 100, seed: -3 });
  });

  it.each([[['--scale']], [['--scale', 'abc']], [['--scale', '0']], [['--scale', '101']], [['--seed', '1.5']], [['--seed=']], [['--sale', '1']], [['5']]])(
    'rejects %j',
    (argv) => {
      expect(parseSeedArguments(argv)).toBeNull();
    },
  );
});

describe('seed CLI', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('prints its usage and exits 2 on a bad flag, before touching any database', async () => {
    const result = await run(['--scale', 'lots'], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^Usage: node dist\/src\/demo\/seed\.cli\.js \[--scale N\] \[--seed S\]/);
  });

  it('replaces the operational data with the demo and prints a summary', async () => {
    const env = { DATABASE_URL: database.url };
    expect((await run(['--scale', '0.05', '--seed', '3'], env)).code).toBe(0);
    const result = await run(['--scale', '0.05', '--seed', '3'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Loaded demo data \(scale 0\.05, seed 3\) in \d+\.\d s: \d+ providers, .* \d+ visits \(\d+ rows\/s\)\.\n$/);
    // Run twice: the second cleared the first, so the counts are one load's worth.
    const providers = Number(/(\d+) providers/.exec(result.stdout)![1]);
    const [{ count }] = await database.dataSource.query('select count(*)::int as count from providers');
    expect(count).toBe(providers);
  }, 120_000);
});
