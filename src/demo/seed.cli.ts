import 'reflect-metadata';
import { loadConfig } from '../config';
import { loadReferenceDataIfEmpty } from '../councils/referenceData';
import { openDatabase } from '../database/database';
import { createLogger } from '../logger';
import { clearOperationalData, loadDemoData, MAX_DEMO_SCALE, OPERATIONAL_TABLES } from './demoData';

const USAGE = `Usage: node dist/src/demo/seed.cli.js [--scale N] [--seed S]   (scale above 0 and at most ${MAX_DEMO_SCALE}, default 1; seed a whole number, default 42)`;

/** Reads `--scale N --seed S` (or `--scale=N`); null when anything is unknown, missing or out of range. */
function parseArguments(argv: string[]): { scale: number; seed: number } | null {
  const values: Record<string, string> = {};
  for (let index = 0; index < argv.length; index += 1) {
    const [flag, inline] = argv[index].split(/=(.*)/s, 2);
    if (flag !== '--scale' && flag !== '--seed') return null;
    const value = inline ?? argv[(index += 1)];
    if (value === undefined || value.trim() === '') return null;
    values[flag.slice(2)] = value;
  }
  const scale = Number(values.scale ?? 1);
  const seed = Number(values.seed ?? 42);
  if (!Number.isFinite(scale) || scale <= 0 || scale > MAX_DEMO_SCALE || !Number.isSafeInteger(seed)) return null;
  return { scale, seed };
}

/**
 * `node dist/src/demo/seed.cli.js --scale N --seed S`: replaces all operational data with the
 * synthetic demo (reference data stays). The same seed and scale always give the same rows.
 */
async function main(argv: string[]): Promise<number> {
  const options = parseArguments(argv);
  if (!options) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const database = await openDatabase(config, logger, { applicationName: 'tandem-seed' });
  try {
    await loadReferenceDataIfEmpty(database.dataSource, logger);
    await clearOperationalData(database.dataSource);
    // Reclaim the deleted rows now (outside any transaction): re-seeding into tables full of dead
    // rows and index entries is markedly slower.
    await database.dataSource.query(`vacuum ${OPERATIONAL_TABLES.join(', ')}`);
    const summary = await loadDemoData(database.dataSource, options);
    console.log(
      `Loaded demo data (scale ${options.scale}, seed ${options.seed}) in ${(summary.durationMs / 1000).toFixed(1)} s: ` +
        `${summary.providers} providers, ${summary.commissions} commissions, ${summary.children} children, ${summary.referrals} referrals, ` +
        `${summary.selfReferrals} self-referrals, ${summary.volunteers} volunteers, ${summary.matches} matches, ${summary.visits} visits ` +
        `(${summary.rowsPerSecond} rows/s).`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
