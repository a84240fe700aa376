import type { DataSource } from 'typeorm';
import { ImportError, parseCsvRecords } from './csvRecords';
import { upsertCentroidRows } from './import.queries';

/**
 * The centroid (latitude, longitude) and area of each council, for the distance factor of match
 * suggestions. Derived from mySociety's uk_local_authority_names_and_codes (MIT licence);
 * coordinates from Ordnance Survey open data: "Contains OS data © Crown copyright and database right."
 */

export const CENTROIDS_SOURCE = 'mySociety uk_local_authority_names_and_codes (MIT); contains OS data © Crown copyright and database right';

export type CentroidRow = { line: number; councilCode: string; latitude: number; longitude: number; areaKm2: number };

export function parseCouncilCentroids(csvText: string, file: string): CentroidRow[] {
  const records = parseCsvRecords(csvText, file, ['new_la_code', 'latitude', 'longitude', 'area_km2']);
  const number = (value: string, line: number, column: string, min: number, max: number): number => {
    const parsed = Number(value.trim());
    if (value.trim() === '' || !Number.isFinite(parsed) || parsed < min || parsed > max) {
      throw new ImportError(file, line, column, `expected a number from ${min} to ${max}; got ${JSON.stringify(value)}`);
    }
    return parsed;
  };
  return records.map(({ record, info }) => {
    const councilCode = record.new_la_code.trim().toUpperCase();
    if (!/^E\d{8}$/.test(councilCode))
      throw new ImportError(file, info.lines, 'new_la_code', `expected an ONS code such as E06000001; got ${JSON.stringify(record.new_la_code)}`);
    return {
      line: info.lines,
      councilCode,
      latitude: number(record.latitude, info.lines, 'latitude', 49, 61),
      longitude: number(record.longitude, info.lines, 'longitude', -9, 3),
      areaKm2: number(record.area_km2, info.lines, 'area_km2', 0.1, 100000),
    };
  });
}

/**
 * Stores the centroids of the councils Tandem knows (a row for an unknown code is skipped, so the
 * file may cover more areas than the release loaded). Idempotent: an existing row is updated.
 * Returns how many rows were stored.
 */
export async function storeCouncilCentroids(dataSource: DataSource, centroids: CentroidRow[]): Promise<number> {
  return upsertCentroidRows(
    dataSource,
    {
      councilCodes: centroids.map((c) => c.councilCode),
      latitudes: centroids.map((c) => c.latitude),
      longitudes: centroids.map((c) => c.longitude),
      areasKm2: centroids.map((c) => c.areaKm2),
    },
    CENTROIDS_SOURCE,
  );
}
