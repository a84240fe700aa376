import { ImportError, parseCsvRecords } from './csvRecords';
import { markAbolishedCouncilRows, upsertCouncilRows, upsertFigureRows } from './import.queries';

export { ImportError };
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Imports the Department for Education's tidy-CSV release of children looked after figures
 * (council, region and England rows, one per year and population type). The whole file is
 * checked before anything is written, and it is written in one transaction, so a malformed file
 * stores nothing and a newer release updates the figures it carries (upsert, idempotent).
 */

export const OFFICIAL_SOURCE = 'Department for Education, Children looked after in England including adoptions';
export const CHILDREN_LOOKED_AFTER_MEASURE = 'Children looked after on 31 March each year';
export const LONDON_REGION = { code: 'E12000007', name: 'London' };
/** Inner and Outer London as the department's file gives them; for comparisons both are London. */
const LONDON_SUBREGIONS = new Set(['E13000001', 'E13000002']);

/** The department's symbols for a figure that is not a number. */
export const STATUS_SYMBOLS = ['c', 'z', 'x', 'low', 'u'] as const;
export type StatusSymbol = (typeof STATUS_SYMBOLS)[number];
const GEOGRAPHIC_LEVELS = ['National', 'Regional', 'Local authority'] as const;
type GeographicLevel = (typeof GEOGRAPHIC_LEVELS)[number];

const REQUIRED_COLUMNS = [
  'time_period',
  'time_identifier',
  'geographic_level',
  'country_code',
  'region_code',
  'region_name',
  'old_la_code',
  'la_name',
  'new_la_code',
  'population_type',
  'children_count',
] as const;

type Figure = { value: number | null; symbol: StatusSymbol | null };

export type OfficialRow = {
  line: number;
  geographicLevel: GeographicLevel;
  areaCode: string;
  timePeriod: number;
  timeIdentifier: string;
  measure: string;
  childrenCount: Figure;
  ratePer10000: Figure;
  populationEstimate: Figure;
  council?: { code: string; oldCode: string; name: string; regionCode: string; regionName: string };
};

function parseFigure(raw: string | undefined, file: string, line: number, column: string, integer: boolean): Figure {
  // population_estimate and rate_per_10000 are optional: a release without them stores `x` (not available).
  if (raw === undefined) return { value: null, symbol: 'x' };
  const text = raw.trim();
  if ((STATUS_SYMBOLS as readonly string[]).includes(text)) return { value: null, symbol: text as StatusSymbol };
  const pattern = integer ? /^\d+$/ : /^\d+(\.\d+)?$/;
  if (!pattern.test(text)) {
    throw new ImportError(
      file,
      line,
      column,
      `expected ${integer ? 'a whole number' : 'a number'} or one of ${STATUS_SYMBOLS.join(', ')}; got ${JSON.stringify(raw)}`,
    );
  }
  return { value: Number(text), symbol: null };
}

function requireMatch(value: string, pattern: RegExp, expected: string, file: string, line: number, column: string): string {
  const text = value.trim();
  if (!pattern.test(text)) throw new ImportError(file, line, column, `expected ${expected}; got ${JSON.stringify(value)}`);
  return text;
}

/** Parses and checks a whole file; throws ImportError at the first problem, naming line and column. */
export function parseOfficialStatistics(csvText: string, file: string): OfficialRow[] {
  const records = parseCsvRecords(csvText, file, REQUIRED_COLUMNS, `required column is missing; the header must include ${REQUIRED_COLUMNS.join(', ')}`);
  const seen = new Map<string, number>();
  return records.map(({ record, info }) => {
    const line = info.lines;
    const level = record.geographic_level.trim();
    if (!(GEOGRAPHIC_LEVELS as readonly string[]).includes(level)) {
      throw new ImportError(file, line, 'geographic_level', `expected one of ${GEOGRAPHIC_LEVELS.join(', ')}; got ${JSON.stringify(record.geographic_level)}`);
    }
    const geographicLevel = level as GeographicLevel;
    const timePeriod = Number(requireMatch(record.time_period, /^\d{4}$/, 'a four-digit year such as 2025', file, line, 'time_period'));
    const measure = record.population_type.trim();
    if (measure === '') throw new ImportError(file, line, 'population_type', 'expected a population type; got an empty value');
    let areaCode: string;
    let council: OfficialRow['council'];
    if (geographicLevel === 'National') {
      areaCode = requireMatch(record.country_code, /^E92000001$/, 'England (E92000001)', file, line, 'country_code');
    } else if (geographicLevel === 'Regional') {
      areaCode = requireMatch(record.region_code, /^E1[23]\d{6}$/, 'a region code such as E12000001', file, line, 'region_code');
    } else {
      areaCode = requireMatch(record.new_la_code, /^E\d{8}$/, 'an ONS council code such as E06000001', file, line, 'new_la_code');
      const oldCode = requireMatch(record.old_la_code, /^\d{3}$/, 'a three-digit council code such as 805', file, line, 'old_la_code');
      const regionCode = requireMatch(record.region_code, /^E1[23]\d{6}$/, 'a region code such as E12000001', file, line, 'region_code');
      const name = record.la_name.trim();
      if (name === '') throw new ImportError(file, line, 'la_name', 'expected the council name; got an empty value');
      const inLondon = LONDON_SUBREGIONS.has(regionCode);
      council = {
        code: areaCode,
        oldCode,
        name,
        regionCode: inLondon ? LONDON_REGION.code : regionCode,
        regionName: inLondon ? LONDON_REGION.name : record.region_name.trim(),
      };
      if (!/^E12\d{6}$/.test(council.regionCode)) {
        throw new ImportError(file, line, 'region_code', `expected an English region code (E12...) for a council; got ${JSON.stringify(regionCode)}`);
      }
    }
    const key = [geographicLevel, areaCode, timePeriod, record.time_identifier.trim(), measure].join('|');
    const firstLine = seen.get(key);
    if (firstLine !== undefined) {
      throw new ImportError(file, line, undefined, `duplicate of line ${firstLine} (same area, year and population type)`);
    }
    seen.set(key, line);
    return {
      line,
      geographicLevel,
      areaCode,
      timePeriod,
      timeIdentifier: record.time_identifier.trim(),
      measure,
      childrenCount: parseFigure(record.children_count, file, line, 'children_count', true),
      ratePer10000: parseFigure(record.rate_per_10000, file, line, 'rate_per_10000', false),
      populationEstimate: parseFigure(record.population_estimate, file, line, 'population_estimate', true),
      council,
    };
  });
}

export type ImportSummary = { rows: number; councils: number; inserted: number; updated: number; unchanged: number };

/** Writes parsed rows in one transaction: councils first (latest year's name and region win), then figures. */
export async function storeOfficialStatistics(dataSource: DataSource, rows: OfficialRow[], release: string): Promise<ImportSummary> {
  return dataSource.transaction(async (manager) => {
    const councils = latestCouncilDetails(rows);
    await upsertCouncils(manager, councils);
    const changes = await upsertFigures(manager, rows, release);
    await markAbolishedCouncils(manager);
    return { rows: rows.length, councils: councils.length, ...changes };
  });
}

function latestCouncilDetails(rows: OfficialRow[]): NonNullable<OfficialRow['council']>[] {
  const latest = new Map<string, { year: number; council: NonNullable<OfficialRow['council']> }>();
  for (const row of rows) {
    if (!row.council) continue;
    const known = latest.get(row.council.code);
    if (!known || row.timePeriod >= known.year) latest.set(row.council.code, { year: row.timePeriod, council: row.council });
  }
  return [...latest.values()].map((entry) => entry.council);
}

async function upsertCouncils(manager: EntityManager, councils: NonNullable<OfficialRow['council']>[]): Promise<void> {
  if (councils.length === 0) return;
  await upsertCouncilRows(manager, councils);
}

async function upsertFigures(manager: EntityManager, rows: OfficialRow[], release: string): Promise<Omit<ImportSummary, 'rows' | 'councils'>> {
  const column = <T>(pick: (row: OfficialRow) => T) => rows.map(pick);
  const result = await upsertFigureRows(
    manager,
    {
      geographicLevel: column((r) => r.geographicLevel),
      areaCode: column((r) => r.areaCode),
      timePeriod: column((r) => r.timePeriod),
      timeIdentifier: column((r) => r.timeIdentifier),
      measure: column((r) => r.measure),
      childrenCount: column((r) => r.childrenCount.value),
      childrenCountSymbol: column((r) => r.childrenCount.symbol),
      ratePer10000: column((r) => r.ratePer10000.value),
      ratePer10000Symbol: column((r) => r.ratePer10000.symbol),
      populationEstimate: column((r) => r.populationEstimate.value),
      populationEstimateSymbol: column((r) => r.populationEstimate.symbol),
      line: column((r) => r.line),
    },
    OFFICIAL_SOURCE,
    release,
  );
  const inserted = result.filter((isNew) => isNew).length;
  const updated = result.length - inserted;
  return { inserted, updated, unchanged: rows.length - result.length };
}

/**
 * A council is abolished when its latest children-looked-after figure is `z` (not applicable)
 * although an earlier year has one: Cumbria and Northamptonshire. The Isles of Scilly are `z`
 * in every year yet still exist, so "always z" does not count as abolished.
 */
async function markAbolishedCouncils(manager: EntityManager): Promise<void> {
  await markAbolishedCouncilRows(manager, CHILDREN_LOOKED_AFTER_MEASURE);
}
