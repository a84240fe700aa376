import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createTestDatabase, TestDatabase } from '../support/testDatabase';

/**
 * Two server processes on one database, both scheduling the refresh every minute: each tick must
 * refresh exactly once. The compiled server is used (`npm test` builds it first), as in production.
 */
const main = path.join(__dirname, '..', '..', 'dist', 'src', 'app', 'main.js');

let database: TestDatabase;
const servers: { child: ChildProcess; output: string[] }[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await Promise.all(
    servers.map(
      ({ child }) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.on('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
  await database.drop();
});

function startServer(name: string): Promise<void> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    PORT: '0',
    LOG_LEVEL: 'info',
    NODE_ENV: 'development',
    LOAD_DEMO_DATA: 'false',
    REPORTS_REFRESH_CRON: '* * * * *',
    REPORTS_POLL_SECONDS: '2',
  };
  const child = spawn(process.execPath, [main], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  servers.push({ child, output });
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output.push(...chunk.toString().split('\n').filter(Boolean));
      if (output.some((line) => line.includes('Tandem is ready'))) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${name} exited with ${code}:\n${output.join('\n')}`)));
  });
}

const scheduledRuns = () => servers.map(({ output }) => output.filter((line) => line.includes('scheduled report refresh starting')).length);

it('runs each scheduled refresh exactly once with two server processes', async () => {
  await Promise.all([startServer('first'), startServer('second')]);
  // Wait for the first tick's refresh, then long enough for any duplicate to show up.
  const deadline = Date.now() + 100_000;
  while (scheduledRuns().reduce((a, b) => a + b, 0) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 1000));
  await new Promise((r) => setTimeout(r, 15_000));
  const [first, second] = scheduledRuns();
  const total = first + second;
  expect(total).toBeGreaterThanOrEqual(1);
  // Each job was run by one process only, and each tick made one job. The tick is the minute the
  // job was created in (pg-boss's cron singleton is bucketed by the database's minute); the log's
  // own time is not the tick, since a job made late in one minute may start in the next, just
  // before the next minute's job, as when the servers start at 12:00:58.
  const jobIds = servers.flatMap(({ output }) =>
    output.filter((line) => line.includes('scheduled report refresh starting')).map((line) => JSON.parse(line).jobId as string),
  );
  expect(new Set(jobIds).size).toBe(total);
  const jobs: { id: string; tick: string }[] = await database.dataSource.query(
    `select id::text, to_char(date_trunc('minute', created_on), 'YYYY-MM-DD"T"HH24:MI') as tick
       from pgboss.job where name = $1 and id = any($2::uuid[])`,
    ['refresh-reports', jobIds],
  );
  expect(jobs).toHaveLength(total);
  expect(new Set(jobs.map((job) => job.tick)).size).toBe(total);
  // And the refreshes they ran were recorded, none overlapping another (the advisory lock).
  const [{ overlaps }] = await database.dataSource.query(
    `with runs as (select refresh_id, min(started_at) as started, max(finished_at) as finished from reporting.refresh_runs group by refresh_id)
     select count(*)::int as overlaps from runs a join runs b on a.refresh_id < b.refresh_id and a.started < b.finished and b.started < a.finished`,
  );
  expect(overlaps).toBe(0);
}, 180_000);
