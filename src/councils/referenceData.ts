import fs from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { projectRoot } from '../config';
import type { Logger } from '../logger';
import { parseCouncilCentroids, storeCouncilCentroids } from './councilCentroids.import';
import { parseOfficialStatistics, storeOfficialStatistics } from './officialStatistics.import';
import { parseStatisticalNeighbours, storeStatisticalNeighbours } from './statisticalNeighbours.import';
import { countCentroidRows, countCouncilRows } from './import.queries';

/** The official files shipped with Tandem (see data/README.md for provenance and licence). */
export const REFERENCE_DATA_DIR = path.join(projectRoot, 'src', 'councils', 'data');
export const SHIPPED_OFFICIAL_FILE = 'cla_number_and_rate_per_10k_children.csv';
export const SHIPPED_NEIGHBOURS_FILE = 'statistical_neighbours_2025.csv';
export const SHIPPED_CENTROIDS_FILE = 'council_centroids.csv';
export const SHIPPED_RELEASE = 'Children looked after in England including adoptions, reporting year 2025';
export const NEIGHBOUR_MODEL = 'Department for Education statistical neighbours 2025';

function dataFile(name: string): string {
  // The CSVs live beside the TypeScript sources, wherever the compiled code runs from.
  return path.join(REFERENCE_DATA_DIR, name);
}

/**
 * Loads the shipped councils, figures and neighbours when the database has no councils yet, and
 * the council centroids when it has none (so a database loaded before centroids existed gets
 * them on its next start). Returns true when anything was loaded.
 */
export async function loadReferenceDataIfEmpty(dataSource: DataSource, logger?: Logger): Promise<boolean> {
  const count = await countCouncilRows(dataSource);
  let loaded = false;
  if (count === 0) {
    const officialPath = dataFile(SHIPPED_OFFICIAL_FILE);
    const official = parseOfficialStatistics(fs.readFileSync(officialPath, 'utf8'), SHIPPED_OFFICIAL_FILE);
    const summary = await storeOfficialStatistics(dataSource, official, SHIPPED_RELEASE);
    const neighbours = parseStatisticalNeighbours(fs.readFileSync(dataFile(SHIPPED_NEIGHBOURS_FILE), 'utf8'), SHIPPED_NEIGHBOURS_FILE);
    await storeStatisticalNeighbours(dataSource, neighbours, NEIGHBOUR_MODEL, SHIPPED_NEIGHBOURS_FILE);
    logger?.info({ councils: summary.councils, figures: summary.rows, neighbours: neighbours.length }, 'reference data loaded');
    loaded = true;
  }
  return (await loadCouncilCentroidsIfEmpty(dataSource, logger)) || loaded;
}

/** Loads council_centroids.csv when the table is empty; idempotent. */
export async function loadCouncilCentroidsIfEmpty(dataSource: DataSource, logger?: Logger): Promise<boolean> {
  const count = await countCentroidRows(dataSource);
  if (count > 0) return false;
  const centroids = parseCouncilCentroids(fs.readFileSync(dataFile(SHIPPED_CENTROIDS_FILE), 'utf8'), SHIPPED_CENTROIDS_FILE);
  const stored = await storeCouncilCentroids(dataSource, centroids);
  logger?.info({ centroids: stored, inFile: centroids.length }, 'council centroids loaded');
  return stored > 0;
}
