import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tableChecksums } from '../support/checksum';
import { createTestDatabase, TestDatabase } from '../support/testDatabase';

/**
 * `npm run import:official` killed (SIGKILL, no chance to clean up) while its transaction is
 * open: PostgreSQL rolls the transaction back, so not one row of the release is stored.
 */
const cli = path.join(__dirname, '..', '..', 'dist', 'src', 'councils', 'importOfficial.cli.js');
const shipped = fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'councils', 'data', 'cla_number_and_rate_per_10k_children.csv'), 'utf8');

let database: TestDatabase;
let bigRelease: string;

beforeAll(async () => {
  database = await createTestDatabase();
  // A long release (the 2025 rows repeated for sixty years) so the write takes a while.
  const [header, ...rows] = shipped
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\n');
  const years = Array.from({ length: 60 }, (_, i) => 1991 + i);
  const lines = years.flatMap((year) => rows.filter((row) => row.startsWith('2025,')).map((row) => row.replace(/^2025,/, `${year},`)));
  bigRelease = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-import-')), 'release.csv');
  fs.writeFileSync(bigRelease, [header, ...lines].join('\n'));
});

afterAll(async () => {
  await database.drop();
  fs.rmSync(path.dirname(bigRelease), { recursive: true, force: true });
});

it('leaves nothing half-imported when the import is killed inside its transaction', async () => {
  const tables = ['councils', 'official_statistics', 'statistical_neighbours'];
  const before = await tableChecksums(database.dataSource, tables);
  const child = spawn(process.execPath, [cli, bigRelease, '--release', 'killed release'], {
    env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'silent' },
    stdio: 'ignore',
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  // Wait until the import's transaction has written something, then kill it outright.
  let caught = false;
  for (let i = 0; i < 3000 && !caught && child.exitCode === null; i += 1) {
    const [{ writing }] = await database.dataSource.query(
      `select exists (select 1 from pg_stat_activity where datname = current_database() and application_name = 'tandem-import'
                        and xact_start is not null and backend_xid is not null) as writing`,
    );
    if (writing) {
      child.kill('SIGKILL');
      caught = true;
    } else {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
  expect(caught).toBe(true);
  expect(await exited).toBe('SIGKILL');
  // The server notices the dead client and rolls back; wait for its session to go.
  for (let i = 0; i < 200; i += 1) {
    const [{ open }] = await database.dataSource.query(`select count(*)::int as open from pg_stat_activity where application_name = 'tandem-import'`);
    if (open === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(await tableChecksums(database.dataSource, tables)).toEqual(before);
  const [{ killed }] = await database.dataSource.query(`select count(*)::int as killed from official_statistics where release = 'killed release'`);
  expect(killed).toBe(0);
}, 120_000);
