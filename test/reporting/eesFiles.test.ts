import type { Request } from 'express';
import type { Queryable } from '../../src/database/sql';
import { dataFileName, FileQueryError, MAX_TABLES, metaRows, selectTables } from '../../src/reporting/eesFiles';

/**
 * The EES file helpers without a database: the bound on month ends × services, and how the month
 * ends are picked from what the rollups hold (the HTTP behaviour is tested on the demo data in
 * comparison.test.ts).
 */

/** Month ends from 2016-01-31, `count` of them, for both services, as readMonthEnds returns them. */
function monthEnds(count: number): { service: string; month_end: string }[] {
  const rows: { service: string; month_end: string }[] = [];
  for (let index = 0; index < count; index += 1) {
    const monthEnd = new Date(Date.UTC(2016, index + 1, 0)).toISOString().slice(0, 10);
    rows.push({ service: 'INDEPENDENT_VISITOR', month_end: monthEnd }, { service: 'MENTORING', month_end: monthEnd });
  }
  return rows;
}

const db = (rows: { service: string; month_end: string }[]): Queryable =>
  ({ query: async (_text: string, values?: unknown[]) => rows.filter((row) => (values![0] as string[]).includes(row.service)) }) as unknown as Queryable;
const request = (query: Record<string, string>) => ({ query }) as unknown as Request;

describe('selectTables', () => {
  it('refuses more than MAX_TABLES month ends × services, saying how to narrow the request', async () => {
    const held = db(monthEnds(MAX_TABLES / 2 + 1));
    await expect(selectTables(held, request({ from: '2016-01-01' }))).rejects.toThrow(
      new FileQueryError(
        `The request covers ${MAX_TABLES + 2} tables (month ends × services); at most ${MAX_TABLES} per file: narrow from and to, or choose a service.`,
      ),
    );
    // One service, or one month fewer, is within the bound.
    expect((await selectTables(held, request({ from: '2016-01-01', service: 'MENTORING' }))).tables).toHaveLength(MAX_TABLES / 2 + 1);
    expect((await selectTables(held, request({ from: '2016-02-01' }))).tables).toHaveLength(MAX_TABLES);
  });

  it('takes the month ends from the first to the latest by default, oldest first, then by service', async () => {
    const held = db(monthEnds(3));
    const { tables } = await selectTables(held, request({ to: '2016-02-29' }));
    expect(tables).toEqual([
      { service: 'INDEPENDENT_VISITOR', monthEnd: '2016-01-31' },
      { service: 'MENTORING', monthEnd: '2016-01-31' },
      { service: 'INDEPENDENT_VISITOR', monthEnd: '2016-02-29' },
      { service: 'MENTORING', monthEnd: '2016-02-29' },
    ]);
    expect((await selectTables(held, request({}))).tables.map((table) => table.monthEnd)).toEqual(['2016-03-31', '2016-03-31']);
  });

  it('says when the reports have not been refreshed', async () => {
    await expect(selectTables(db([]), request({}))).rejects.toThrow('No figures yet: the reports have not been refreshed.');
  });
});

describe('dataFileName and metaRows', () => {
  it('names the audience, the service and the range', () => {
    const tables = [
      { service: 'MENTORING' as never, monthEnd: '2025-01-31' },
      { service: 'MENTORING' as never, monthEnd: '2025-02-28' },
    ];
    expect(dataFileName('council-coverage', 'FULL', { tables, services: ['MENTORING' as never] })).toBe(
      'tandem-council-coverage-unsuppressed-mentoring-2025-01-31-to-2025-02-28.csv',
    );
    expect(dataFileName('council-coverage', 'PUBLIC', { tables: tables.slice(0, 1), services: ['MENTORING', 'INDEPENDENT_VISITOR'] as never[] })).toBe(
      'tandem-council-coverage-public-all-services-2025-01-31.csv',
    );
  });

  it('leaves the filter fields of an indicator and the indicator fields of a filter empty', () => {
    expect(
      metaRows([
        { name: 'rate', type: 'Indicator', label: 'Rate', grouping: 'G', unit: '%', dp: 1 },
        { name: 'kind', type: 'Filter', label: 'Kind', hint: 'h', groupingColumn: 'kind_code' },
      ]),
    ).toEqual([
      ['rate', 'Indicator', 'Rate', 'G', '%', '1', '', ''],
      ['kind', 'Filter', 'Kind', '', '', '', 'h', 'kind_code'],
    ]);
  });
});
