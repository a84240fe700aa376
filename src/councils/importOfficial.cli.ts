import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { openDatabase } from '../database/database';
import { createLogger } from '../logger';
import { ImportError, parseOfficialStatistics, storeOfficialStatistics } from './officialStatistics.import';
import { runCli } from '../cli';

const USAGE = 'Usage: npm run import:official -- FILE.csv [--release "release name"]';

/**
 * `npm run import:official -- FILE`: imports a Department for Education children looked after
 * release in its tidy-CSV format. The file is checked whole before anything is written.
 */
async function main(argv: string[]): Promise<number> {
  let release: string | undefined;
  let files: string[];
  try {
    ({
      values: { release },
      positionals: files,
    } = parseArgs({ args: argv, options: { release: { type: 'string' } }, strict: true, allowPositionals: true }));
  } catch {
    console.error(USAGE);
    return 2;
  }
  if (files.length !== 1 || release === '') {
    console.error(USAGE);
    return 2;
  }
  const file = files[0];
  if (!fs.existsSync(file)) {
    console.error(`No such file: ${file}\n${USAGE}`);
    return 2;
  }
  let rows;
  try {
    rows = parseOfficialStatistics(fs.readFileSync(file, 'utf8'), path.basename(file));
  } catch (error) {
    if (error instanceof ImportError) {
      console.error(`Import rejected, nothing stored. ${error.message}`);
      return 1;
    }
    throw error;
  }
  const config = loadConfig();
  const database = await openDatabase(config, createLogger(config.logLevel), { applicationName: 'tandem-import' });
  try {
    const summary = await storeOfficialStatistics(database.dataSource, rows, release ?? path.basename(file));
    console.log(
      `Imported ${summary.rows} rows for ${summary.councils} councils: ${summary.inserted} new, ${summary.updated} updated, ${summary.unchanged} unchanged.`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

runCli(main);
