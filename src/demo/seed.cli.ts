import 'reflect-metadata';
import { loadConfig } from '../config';
import { loadReferenceDataIfEmpty } from '../councils/referenceData';
import { openDatabase } from '../database/database';
import { createLogger } from '../logger';
import { vacuumTables } from './demo.queries';
import { clearOperationalData, loadDemoData, OPERATIONAL_TABLES } from './demoData';
import { parseSeedArguments, SEED_USAGE } from './seedArguments';
import { runCli } from '../cli';

/**
 * `node dist/src/demo/seed.cli.js --scale N --seed S`: replaces all operational data with the
 * synthetic demo (reference data stays). The same seed and scale always give the same rows.
 */
async function main(argv: string[]): Promise<number> {
  const options = parseSeedArguments(argv);
  if (!options) {
    console.error(SEED_USAGE);
    return 2;
  }
  // A bulk job, not an API request: no statement timeout (vacuum and analyze at scale 10 take longer).
  const config = { ...loadConfig(), statementTimeoutMs: 0 };
  const logger = createLogger(config.logLevel);
  const database = await openDatabase(config, logger, { applicationName: 'tandem-seed' });
  try {
    await loadReferenceDataIfEmpty(database.dataSource, logger);
    await clearOperationalData(database.dataSource);
    // Reclaim the deleted rows now (VACUUM cannot run inside a transaction): re-seeding into
    // tables full of dead rows and index entries is markedly slower.
    await vacuumTables(database.dataSource, OPERATIONAL_TABLES);
    const summary = await loadDemoData(database.dataSource, options);
    console.log(
      `Loaded demo data (scale ${options.scale}, seed ${options.seed}) in ${(summary.durationMs / 1000).toFixed(1)} s: ` +
        `${summary.providers} providers, ${summary.commissions} commissions, ${summary.targets} targets, ${summary.children} children, ${summary.referrals} referrals, ` +
        `${summary.selfReferrals} self-referrals, ${summary.volunteers} volunteers, ${summary.matches} matches, ${summary.visits} visits ` +
        `(${summary.rowsPerSecond} rows/s).`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

runCli(main);
