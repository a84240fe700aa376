import fs from 'node:fs';
import path from 'node:path';
import { CHILDREN_LOOKED_AFTER_MEASURE, ImportError, parseOfficialStatistics, storeOfficialStatistics } from '../../src/councils/officialStatistics.import';
import { SHIPPED_OFFICIAL_FILE, SHIPPED_RELEASE } from '../../src/councils/referenceData';
import { tableChecksums } from '../support/checksum';
import { createTestDatabase, TestDatabase } from '../support/testDatabase';

const shipped = fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'councils', 'data', SHIPPED_OFFICIAL_FILE), 'utf8');
const lines = shipped.split('\n');
const header = lines[0];

/** Replaces one line (1-based) of the shipped file. */
function withLine(lineNumber: number, edit: (line: string) => string): string {
  return lines.map((line, index) => (index === lineNumber - 1 ? edit(line) : line)).join('\n');
}

function importError(text: string): ImportError {
  try {
    parseOfficialStatistics(text, 'corrupt.csv');
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error('expected the import to be rejected');
}

describe('parseOfficialStatistics', () => {
  it('reads the shipped release: byte-order mark, quoted names with commas, symbols', () => {
    const rows = parseOfficialStatistics(shipped, SHIPPED_OFFICIAL_FILE);
    expect(rows).toHaveLength(2505);
    expect(rows[0].line).toBe(2);
    const councils = new Set(rows.filter((r) => r.council).map((r) => r.council!.code));
    expect(councils.size).toBe(155);
    // A quoted name with a comma survives whole.
    expect(rows.some((r) => r.council?.name === 'Bristol, City of')).toBe(true);
    const city2025 = rows.find((r) => r.areaCode === 'E09000001' && r.timePeriod === 2025 && r.measure === CHILDREN_LOOKED_AFTER_MEASURE)!;
    expect(city2025.childrenCount).toEqual({ value: null, symbol: 'c' });
    // London boroughs carry Inner/Outer London in the file but belong to London.
    expect(city2025.council).toMatchObject({ regionCode: 'E12000007', regionName: 'London' });
  });

  it('rejects a missing column, naming it', () => {
    const text = [header.replace(',children_count,', ',kids,'), ...lines.slice(1)].join('\n');
    const error = importError(text);
    expect(error.line).toBe(1);
    expect(error.column).toBe('children_count');
    expect(error.message).toMatch(/corrupt\.csv: line 1, column children_count: required column is missing/);
  });

  it('rejects a bad number, naming line and column', () => {
    const error = importError(withLine(40, (line) => line.replace(/,(\d+),(\d+)\r?$/, ',12x,$2')));
    expect(error).toMatchObject({ line: 40, column: 'children_count' });
    expect(error.message).toMatch(/expected a whole number or one of c, z, x, low, u; got "12x"/);
  });

  it('rejects an unknown geographic level, naming line and column', () => {
    const error = importError(withLine(7, (line) => line.replace('Local authority', 'Parish').replace('Regional', 'Parish')));
    expect(error).toMatchObject({ line: 7, column: 'geographic_level' });
    expect(error.message).toMatch(/expected one of National, Regional, Local authority; got "Parish"/);
  });

  it('rejects a row with too few fields', () => {
    const error = importError(withLine(12, (line) => line.split(',').slice(0, 5).join(',')));
    expect(error.line).toBe(12);
    expect(error.message).toMatch(/not a well-formed CSV file/);
  });

  it('rejects a duplicated row, naming both lines', () => {
    const text = [...lines.slice(0, 10), lines[5], ...lines.slice(10)].join('\n');
    expect(importError(text).message).toMatch(/line 11: duplicate of line 6/);
  });
});

describe('storeOfficialStatistics', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  const tables = ['councils', 'official_statistics', 'statistical_neighbours'];

  it('loaded the shipped data on first start: councils, figures and neighbours', async () => {
    const [counts] = await database.dataSource.query(`
      select (select count(*)::int from councils) as councils,
             (select count(*)::int from councils where is_current) as current,
             (select count(*)::int from official_statistics) as figures,
             (select count(*)::int from statistical_neighbours) as neighbours`);
    expect(counts).toEqual({ councils: 155, current: 153, figures: 2505, neighbours: 1530 });
    const abolished = await database.dataSource.query('select name from councils where not is_current order by name');
    expect(abolished.map((row: { name: string }) => row.name)).toEqual(['Cumbria', 'Northamptonshire']);
  });

  it('re-importing the same release changes nothing (idempotent)', async () => {
    const before = await tableChecksums(database.dataSource, tables);
    const summary = await storeOfficialStatistics(database.dataSource, parseOfficialStatistics(shipped, 'again.csv'), SHIPPED_RELEASE);
    expect(summary).toMatchObject({ rows: 2505, inserted: 0, updated: 0, unchanged: 2505 });
    expect(await tableChecksums(database.dataSource, tables)).toEqual(before);
  });

  it('a corrupted file is rejected and leaves every stored figure unchanged', async () => {
    const before = await tableChecksums(database.dataSource, tables);
    // Line 2000 is corrupt; the lines before it are valid and must not be stored either.
    const corrupt = withLine(2000, (line) => line.replace(/,(\d+),(\d+)\r?$/, ',-5,$2'));
    expect(() => parseOfficialStatistics(corrupt, 'corrupt.csv')).toThrow(/line 2000, column children_count/);
    expect(await tableChecksums(database.dataSource, tables)).toEqual(before);
  });

  it('a failure while writing rolls back the whole release', async () => {
    const before = await tableChecksums(database.dataSource, tables);
    const rows = parseOfficialStatistics(shipped, 'release.csv');
    // Valid CSV, but a count beyond PostgreSQL's integer range fails inside the transaction.
    rows[rows.length - 1].childrenCount = { value: 3_000_000_000, symbol: null };
    rows[0].childrenCount = { value: 1, symbol: null };
    await expect(storeOfficialStatistics(database.dataSource, rows, 'broken release')).rejects.toThrow();
    expect(await tableChecksums(database.dataSource, tables)).toEqual(before);
  });

  it('a newer release updates the figures it revises and adds new years', async () => {
    const hartlepool2025 = lines.findIndex((line) => line.includes('E06000001') && line.startsWith('2025') && line.includes('on 31 March')) + 1;
    const revised = withLine(hartlepool2025, (line) => line.replace(/,332,/, ',340,'));
    const newYear = lines[hartlepool2025 - 1].replace(/^2025/, '2026').replace(/,332,/, ',350,');
    const summary = await storeOfficialStatistics(database.dataSource, parseOfficialStatistics(`${revised}\n${newYear}\n`, 'release-2026.csv'), 'release 2026');
    expect(summary).toMatchObject({ inserted: 1, updated: 1, unchanged: 2504 });
    const figures = await database.dataSource.query(
      `select time_period, children_count, release from official_statistics
       where council_code = 'E06000001' and measure = $1 and time_period >= 2025 order by time_period`,
      [CHILDREN_LOOKED_AFTER_MEASURE],
    );
    expect(figures).toEqual([
      { time_period: 2025, children_count: 340, release: 'release 2026' },
      { time_period: 2026, children_count: 350, release: 'release 2026' },
    ]);
  });
});
