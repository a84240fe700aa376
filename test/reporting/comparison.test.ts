import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import pino from 'pino';
import { loadDemoData } from '../../src/demo/demoData';
import { loadModels, parseModel } from '../../src/reporting/models';
import { refreshReports } from '../../src/reporting/refresh';
import { GENERATION_TRUSTED_MS } from '../../src/reporting/generation';
import {
  CouncilComparisonDocument,
  CouncilComparisonQuery,
  CouncilInsightsDocument,
  CouncilInsightsQuery,
  CoverageTimeSeriesDocument,
  RefreshReportsDocument,
  ReportingFreshnessDocument,
} from '../generated/graphql';
import { admin, analyst, coordinator, officer, researcher } from '../support/fixtures';
import { createTestDatabase, TestDatabase } from '../support/testDatabase';
import { Role } from '../../src/auth/roles';
import { testConfig, TestServer, tokenFor } from '../support/testServer';

/**
 * The national views on the demo data: reconciliation of England with its councils, reading only
 * rollups, disclosure control by audience, the CSV download, and a failing refresh that leaves
 * the last good figures in place.
 */
let database: TestDatabase;
let server: TestServer;
let http: { url: string; close: () => Promise<void> };
const DATE = '2025-03-31';

// The refresh audits six protected counts since the insights (three before): allow it the time.
beforeAll(async () => {
  database = await createTestDatabase();
  await loadDemoData(database.dataSource, { scale: 1, seed: 42, today: '2025-11-23' });
  const refreshed = await refreshReports(database.dataSource);
  expect(refreshed.status).toBe('SUCCEEDED');
  server = await TestServer.start(database.dataSource);
  http = await server.listen();
}, 300_000);

afterAll(async () => {
  await http.close();
  await server.stop();
  await database.drop();
});

type Comparison = CouncilComparisonQuery['councilComparison'];
const value = (figure: { value?: number | null }) => figure.value ?? 0;

async function comparison(principal: Parameters<TestServer['execute']>[2]) {
  const result = await server.execute(CouncilComparisonDocument, { service: 'INDEPENDENT_VISITOR', date: DATE }, principal);
  expect(result.errors).toBeUndefined();
  return { comparison: result.data!.councilComparison as Comparison, sql: result.sql, statements: result.statements };
}

describe('councilComparison on the demo data', () => {
  it('returns the 153 councils, and England reconciles with them exactly as METRICS.md defines', async () => {
    const { comparison: c } = await comparison(analyst);
    expect(c.disclosureControlled).toBe(false);
    expect(c.councils).toHaveLength(153);
    expect(c.regions).toHaveLength(9);
    const available = c.councils.filter((council) => council.figures.childrenLookedAfter.status === 'OK');
    const sum = (rows: typeof c.councils, pick: (f: Comparison['england']) => { value?: number | null }) =>
      rows.reduce((total, row) => total + value(pick(row.figures)), 0);
    expect(c.england.childrenMatched.value).toBe(sum(c.councils, (f) => f.childrenMatched));
    expect(c.england.waiting.value).toBe(sum(c.councils, (f) => f.waiting));
    expect(c.england.childrenLookedAfter.value).toBe(sum(available, (f) => f.childrenLookedAfter));
    const matchedWhereAvailable = sum(available, (f) => f.childrenMatched);
    expect(c.england.coverageRate.value).toBeCloseTo(Math.round((1000 * matchedWhereAvailable) / value(c.england.childrenLookedAfter)) / 10, 5);
    expect(c.england.hasWaitingList).toBe(value(c.england.waiting) > 0);
    // Each region is the sum of its councils, London boroughs included in London.
    for (const region of c.regions) {
      const members = c.councils.filter((council) => council.localAuthority.regionCode === region.regionCode);
      expect(region.figures.childrenMatched.value).toBe(sum(members, (f) => f.childrenMatched));
      expect(region.figures.waiting.value).toBe(sum(members, (f) => f.waiting));
    }
    expect(c.councils.filter((council) => council.localAuthority.regionCode === 'E12000007')).toHaveLength(33);
    // Demo shape: national coverage around 3%, waiting lists in about two thirds of councils.
    expect(value(c.england.coverageRate)).toBeGreaterThan(2);
    expect(value(c.england.coverageRate)).toBeLessThan(5);
    // Ranks: 1 is the highest rate, ties share the lower rank.
    const ranked = c.councils.filter((council) => council.rank !== null).sort((a, b) => a.rank! - b.rank!);
    for (let i = 1; i < ranked.length; i += 1) {
      const [previous, current] = [ranked[i - 1], ranked[i]];
      if (current.figures.coverageRate.value === previous.figures.coverageRate.value) expect(current.rank).toBe(previous.rank);
      else expect(current.rank).toBe(i + 1);
    }
  });

  it('reads only rollups and reference data, never operational tables, in a bounded number of statements', async () => {
    // A date not asked for yet, so the answer is computed rather than taken from the cache.
    const { errors, sql, statements } = await server.execute(CouncilComparisonDocument, { service: 'MENTORING', date: DATE }, analyst);
    expect(errors).toBeUndefined();
    const operational = /\b(public\.)?(children|referrals|matches|volunteers|visits|providers|commissions|self_referrals|audit_events)\b/;
    expect(sql.filter((statement) => operational.test(statement))).toEqual([]);
    expect(sql.some((statement) => statement.includes('reporting.rollup_council_month'))).toBe(true);
    // the refresh generation, then the comparison's own 3
    expect(statements).toBeLessThanOrEqual(4);
  });

  it('gives council officers and admins the same unsuppressed figures as analysts', async () => {
    const full = (await comparison(analyst)).comparison;
    expect((await comparison(officer('E06000001'))).comparison).toEqual(full);
    expect((await comparison(admin)).comparison).toEqual(full);
  });

  it('applies disclosure control for researchers, anonymous callers and providers', async () => {
    const full = (await comparison(analyst)).comparison;
    for (const principal of [researcher, null, coordinator('UHJvdmlkZXI6eA')]) {
      const { comparison: c } = await comparison(principal);
      expect(c.disclosureControlled).toBe(true);
      // Counts of 1 to 4 never appear for a council.
      for (const council of c.councils) {
        for (const figure of [council.figures.childrenMatched, council.figures.waiting]) {
          if (figure.status === 'OK') expect(figure.value === 0 || figure.value! >= 5).toBe(true);
        }
      }
      const hidden = c.councils.filter((council) => council.figures.childrenMatched.status === 'SUPPRESSED');
      expect(hidden.length).toBeGreaterThan(0);
      expect(hidden.every((council) => council.figures.coverageRate.status === 'SUPPRESSED' && council.rank === null)).toBe(true);
      // England and regions rounded to 10, the rate from unrounded counts.
      expect(value(c.england.childrenMatched) % 10).toBe(0);
      expect(value(c.england.waiting) % 10).toBe(0);
      expect(c.england.coverageRate).toEqual(full.england.coverageRate);
      expect(c.regions.every((region) => value(region.figures.waiting) % 10 === 0)).toBe(true);
      // Official denominators are public.
      expect(c.councils.map((council) => council.figures.childrenLookedAfter)).toEqual(full.councils.map((council) => council.figures.childrenLookedAfter));
    }
  });

  it('shows no insight worked out from a council referral count of 1 to 4, for either service', async () => {
    for (const service of ['INDEPENDENT_VISITOR', 'MENTORING'] as const) {
      const truth: { council_code: string; referrals_12_months: number; social_worker_referrals_12_months: number }[] = await database.dataSource.query(
        'select council_code, referrals_12_months, social_worker_referrals_12_months from reporting.rollup_council_month where service = $1 and month_end = $2',
        [service, DATE],
      );
      const counts = new Map(truth.map((row) => [row.council_code, row]));
      const small = (count: number) => count >= 1 && count <= 4;
      for (const principal of [researcher, null]) {
        const result = await server.execute(CouncilInsightsDocument, { service, date: DATE }, principal);
        expect(result.errors).toBeUndefined();
        const councils = result.data!.councilComparison.councils;
        let shares = 0;
        for (const council of councils) {
          const { referrals_12_months: total, social_worker_referrals_12_months: socialWorker } = counts.get(council.localAuthority.code)!;
          if (council.insights.referralsPer100LookedAfter.status === 'OK') expect(small(total)).toBe(false);
          if (council.insights.socialWorkerReferralShare.status === 'OK') {
            shares += 1;
            expect([total, socialWorker, total - socialWorker].some(small)).toBe(false);
          }
        }
        // Hidden where needed, not everywhere.
        expect(shares).toBeGreaterThan(0);
        expect(councils.some((council) => council.insights.referralsPer100LookedAfter.status === 'SUPPRESSED')).toBe(true);
      }
    }
  });

  it("reports the City of London's suppressed official figure and its rate as suppressed, unranked", async () => {
    const { comparison: c } = await comparison(analyst);
    const city = c.councils.find((council) => council.localAuthority.code === 'E09000001')!;
    expect(city.figures.childrenLookedAfter).toEqual({ value: null, status: 'SUPPRESSED' });
    expect(city.figures.coverageRate).toEqual({ value: null, status: 'SUPPRESSED' });
    expect(city.rank).toBeNull();
  });

  it('refuses a date that is not a month end, or outside the figures, saying which dates exist', async () => {
    const notMonthEnd = await server.execute(CouncilComparisonDocument, { service: 'INDEPENDENT_VISITOR', date: '2025-03-30' }, analyst);
    expect(notMonthEnd.errors?.[0].message).toMatch(/must be a month end/);
    const tooEarly = await server.execute(CouncilComparisonDocument, { service: 'INDEPENDENT_VISITOR', date: '2010-03-31' }, analyst);
    expect(tooEarly.errors?.[0].message).toMatch(/No figures for 2010-03-31: reporting dates available are between \d{4}-\d{2}-\d{2} and \d{4}-\d{2}-\d{2}/);
  });
});

describe('coverageTimeSeries', () => {
  it("gives one point per month end matching that month's comparison", async () => {
    const series = await server.execute(
      CoverageTimeSeriesDocument,
      { code: 'E06000001', service: 'INDEPENDENT_VISITOR', from: '2024-04-01', to: '2025-03-31' },
      analyst,
    );
    expect(series.errors).toBeUndefined();
    expect(series.data!.coverageTimeSeries.map((point) => point.date)).toEqual([
      '2024-04-30',
      '2024-05-31',
      '2024-06-30',
      '2024-07-31',
      '2024-08-31',
      '2024-09-30',
      '2024-10-31',
      '2024-11-30',
      '2024-12-31',
      '2025-01-31',
      '2025-02-28',
      '2025-03-31',
    ]);
    const { comparison: c } = await comparison(analyst);
    const hartlepool = c.councils.find((council) => council.localAuthority.code === 'E06000001')!;
    expect(series.data!.coverageTimeSeries.at(-1)!.figures).toEqual(hartlepool.figures);
  });
});

describe('CSV download', () => {
  it('streams the tidy format with symbols, suppressed for anonymous callers', async () => {
    const response = await fetch(`${http.url}/reports/council-coverage.csv?service=INDEPENDENT_VISITOR&date=${DATE}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await response.text()).trim().split('\n');
    expect(lines[0]).toBe(
      'time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,service,service_name,children_looked_after,children_matched,coverage_rate,waiting,has_waiting_list,median_wait_days,p90_wait_days,rank,quartile,statistical_neighbour_median_rate,' +
        'referrals_per_100_looked_after,social_worker_referral_share,coverage_change_12_months,months_to_clear_waiting_list,insight_flags,insight_flags_name',
    );
    expect(lines).toHaveLength(1 + 1 + 9 + 153);
    expect(lines[1]).toMatch(/^2025,March,National,E92000001,England,z,z,z,z,z,INDEPENDENT_VISITOR,Independent visitor,/);
    const hartlepool = lines.find((line) => line.includes(',E06000001,'))!;
    expect(hartlepool).toMatch(
      /^2025,March,Local authority,E92000001,England,E12000001,North East,805,E06000001,Hartlepool,INDEPENDENT_VISITOR,Independent visitor,332,/,
    );
    expect(lines.some((line) => line.split(',').includes('c'))).toBe(true);
  });

  it('rejects a bad service or date with a plain message', async () => {
    const response = await fetch(`${http.url}/reports/council-coverage.csv?service=KNITTING&date=${DATE}`);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/service must be one of INDEPENDENT_VISITOR, MENTORING, or omitted for both; got "KNITTING"/);
  });
});

describe('the EES files: council-coverage.csv and its meta file', () => {
  type Meta = {
    col_name: string;
    col_type: string;
    label: string;
    indicator_grouping: string;
    indicator_unit: string;
    indicator_dp: string;
    filter_hint: string;
    filter_grouping_column: string;
  };
  const TIME_AND_GEOGRAPHY = [
    'time_period',
    'time_identifier',
    'geographic_level',
    'country_code',
    'country_name',
    'region_code',
    'region_name',
    'old_la_code',
    'new_la_code',
    'la_name',
  ];
  const SYMBOLS = ['c', 'x', 'z', 'low'];
  const MONTH_ENDS = ['2024-10-31', '2024-11-30', '2024-12-31', '2025-01-31', '2025-02-28', '2025-03-31'];
  const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const monthEndOf = (row: Record<string, string>) => {
    const month = MONTH_NAMES.indexOf(row.time_identifier) + 1;
    return new Date(Date.UTC(Number(row.time_period), month, 0)).toISOString().slice(0, 10);
  };

  const get = (path: string, token?: string) => fetch(`${http.url}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : undefined);
  async function file(path: string, token?: string) {
    const response = await get(path, token);
    expect(response.status).toBe(200);
    const text = await response.text();
    return { response, text, header: parse(text, { to_line: 1 })[0] as string[], rows: parse(text, { columns: true }) as Record<string, string>[] };
  }
  async function meta(): Promise<Meta[]> {
    const response = await get('/reports/council-coverage.meta.csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="tandem-council-coverage.meta.csv"');
    return parse(await response.text(), { columns: true }) as Meta[];
  }

  it('describes every column but time and geography in the meta file, and the cells keep to it: numbers or c/x/z/low for indicators, never a blank', async () => {
    const columns = await meta();
    expect(Object.keys(columns[0])).toEqual([
      'col_name',
      'col_type',
      'label',
      'indicator_grouping',
      'indicator_unit',
      'indicator_dp',
      'filter_hint',
      'filter_grouping_column',
    ]);
    const { header, rows } = await file(`/reports/council-coverage.csv?from=${MONTH_ENDS[0]}&to=${MONTH_ENDS.at(-1)}`);
    expect(header).toEqual([...TIME_AND_GEOGRAPHY, ...columns.map((column) => column.col_name)]);
    expect(header).toEqual(
      expect.arrayContaining([
        'referrals_per_100_looked_after',
        'social_worker_referral_share',
        'coverage_change_12_months',
        'months_to_clear_waiting_list',
        'insight_flags',
      ]),
    );
    for (const column of columns) {
      expect(['Filter', 'Indicator']).toContain(column.col_type);
      expect(column.label).not.toBe('');
      if (column.col_type === 'Indicator') {
        expect(['', '%', 'pp']).toContain(column.indicator_unit);
        expect(column.indicator_dp).toMatch(/^\d$/);
        expect(column.filter_hint + column.filter_grouping_column).toBe('');
      } else {
        expect(column.indicator_grouping + column.indicator_unit + column.indicator_dp).toBe('');
        if (column.filter_grouping_column) expect(header).toContain(column.filter_grouping_column);
      }
    }
    expect(columns.find((column) => column.col_name === 'coverage_rate')).toMatchObject({ col_type: 'Indicator', indicator_unit: '%', indicator_dp: '1' });
    expect(columns.find((column) => column.col_name === 'service')).toMatchObject({ col_type: 'Filter' });
    const problems: string[] = [];
    for (const [index, row] of rows.entries()) {
      for (const name of header) if (row[name] === '') problems.push(`row ${index + 2} ${name}: blank`);
      for (const column of columns.filter((candidate) => candidate.col_type === 'Indicator')) {
        const text = row[column.col_name];
        if (SYMBOLS.includes(text)) continue;
        if (!/^-?\d+(\.\d+)?$/.test(text)) problems.push(`row ${index + 2} ${column.col_name}: ${JSON.stringify(text)} is neither a number nor a symbol`);
        else if ((text.split('.')[1] ?? '').length > Number(column.indicator_dp))
          problems.push(`row ${index + 2} ${column.col_name}: ${text} has more than ${column.indicator_dp} decimal places`);
      }
    }
    expect(problems).toEqual([]);
    // Labels beside codes.
    expect(new Set(rows.map((row) => `${row.service}=${row.service_name}`))).toEqual(
      new Set(['INDEPENDENT_VISITOR=Independent visitor', 'MENTORING=Mentoring']),
    );
    for (const row of rows) expect(row.insight_flags === 'none').toBe(row.insight_flags_name === 'None');
  });

  it('has one row per area, service and month end, with z where a level has no value', async () => {
    const { rows } = await file(`/reports/council-coverage.csv?from=${MONTH_ENDS[0]}&to=${MONTH_ENDS.at(-1)}`);
    expect(rows).toHaveLength((1 + 9 + 153) * 2 * MONTH_ENDS.length);
    const keys = rows.map((row) => `${monthEndOf(row)} ${row.service} ${row.geographic_level} ${row.new_la_code !== 'z' ? row.new_la_code : row.region_code}`);
    expect(new Set(keys).size).toBe(rows.length);
    expect([...new Set(rows.map(monthEndOf))]).toEqual(MONTH_ENDS);
    for (const monthEnd of MONTH_ENDS) {
      for (const service of ['INDEPENDENT_VISITOR', 'MENTORING']) {
        const table = rows.filter((row) => monthEndOf(row) === monthEnd && row.service === service);
        expect(
          table.map((row) => row.geographic_level).reduce<Record<string, number>>((counts, level) => ({ ...counts, [level]: (counts[level] ?? 0) + 1 }), {}),
        ).toEqual({
          National: 1,
          Regional: 9,
          'Local authority': 153,
        });
      }
    }
    const councilOnly = ['old_la_code', 'new_la_code', 'la_name', 'rank', 'quartile', 'statistical_neighbour_median_rate'];
    for (const row of rows.filter((candidate) => candidate.geographic_level === 'National')) {
      expect(Object.fromEntries(['region_code', 'region_name', ...councilOnly].map((name) => [name, row[name]]))).toEqual(
        Object.fromEntries(['region_code', 'region_name', ...councilOnly].map((name) => [name, 'z'])),
      );
    }
    for (const row of rows.filter((candidate) => candidate.geographic_level === 'Regional')) {
      expect(row.region_code).toMatch(/^E12/);
      expect(Object.fromEntries(councilOnly.map((name) => [name, row[name]]))).toEqual(Object.fromEntries(councilOnly.map((name) => [name, 'z'])));
    }
    for (const row of rows.filter((candidate) => candidate.geographic_level === 'Local authority')) {
      expect(row.new_la_code).toMatch(/^E(0[6-9]|10)/);
      expect(row.old_la_code).toMatch(/^\d{3}$/);
    }
  });

  it('reads date=latest, and no date at all, as the latest month end the reports hold', async () => {
    const [{ latest }] = await database.dataSource.query(`select max(month_end)::text as latest from reporting.rollup_england_month`);
    const latestFile = await file('/reports/council-coverage.csv?date=latest');
    const byDate = await file(`/reports/council-coverage.csv?date=${latest}`);
    const byDefault = await file('/reports/council-coverage.csv');
    expect(new Set(latestFile.rows.map(monthEndOf))).toEqual(new Set([latest]));
    expect(latestFile.rows).toHaveLength((1 + 9 + 153) * 2);
    expect(latestFile.text).toBe(byDate.text);
    expect(byDefault.text).toBe(byDate.text);
    expect(latestFile.response.headers.get('content-disposition')).toBe(`attachment; filename="tandem-council-coverage-public-all-services-${latest}.csv"`);
  });

  it('names the audience in the downloaded file: public for disclosure-controlled callers, unsuppressed for staff who see exact figures', async () => {
    const path = `/reports/council-coverage.csv?service=INDEPENDENT_VISITOR&date=${DATE}`;
    const name = async (token?: string) => {
      const answer = await get(path, token);
      await answer.text();
      return answer.headers.get('content-disposition');
    };
    const publicName = `attachment; filename="tandem-council-coverage-public-independent-visitor-${DATE}.csv"`;
    expect(await name()).toBe(publicName);
    expect(await name(await tokenFor({ sub: 'file-researcher', role: Role.RESEARCHER }))).toBe(publicName);
    const unsuppressed = `attachment; filename="tandem-council-coverage-unsuppressed-independent-visitor-${DATE}.csv"`;
    expect(await name(await tokenFor({ sub: 'file-analyst', role: Role.NATIONAL_ANALYST }))).toBe(unsuppressed);
    expect(await name(await tokenFor({ sub: 'file-admin', role: Role.ADMIN }))).toBe(unsuppressed);
    const range = await get(`/reports/council-coverage.csv?service=MENTORING&from=2025-01-01&to=${DATE}`);
    expect(range.headers.get('content-disposition')).toBe('attachment; filename="tandem-council-coverage-public-mentoring-2025-01-31-to-2025-03-31.csv"');
    await range.text();
  });

  it('answers bad parameters with 400, saying what was wrong and what was expected', async () => {
    const cases: [string, RegExp][] = [
      ['service=KNITTING', /service must be one of INDEPENDENT_VISITOR, MENTORING, or omitted for both; got "KNITTING"/],
      ['date=2025-03-30', /date must be a month end as YYYY-MM-DD, e.g. 2025-03-31, or latest; got "2025-03-30"/],
      ['date=yesterday', /date must be a month end as YYYY-MM-DD, e.g. 2025-03-31, or latest; got "yesterday"/],
      ['date=2010-03-31', /No figures for 2010-03-31: reporting dates available are between \d{4}-\d{2}-\d{2} and \d{4}-\d{2}-\d{2}/],
      ['from=2025-02-30', /from must be a date as YYYY-MM-DD, e.g. 2025-03-31; got "2025-02-30"/],
      ['from=2025-03-31&to=2025-01-31', /from \(2025-03-31\) must not be after to \(2025-01-31\)/],
      ['from=2001-01-01&to=2002-12-31', /No figures from 2001-01-01 to 2002-12-31: reporting dates available are between/],
      ['date=latest&from=2025-01-31', /Give either date, or from and to, not both/],
      ['service=MENTORING&service=INDEPENDENT_VISITOR', /service must be given once/],
      ['dates=2025-03-31', /Unknown query parameter "dates": expected service, date, or from and to/],
    ];
    for (const [query, message] of cases) {
      const answer = await get(`/reports/council-coverage.csv?${query}`);
      expect({ query, status: answer.status, type: answer.headers.get('content-type') }).toEqual({
        query,
        status: 400,
        type: expect.stringMatching(/^text\/plain/),
      });
      expect(await answer.text()).toMatch(message);
    }
  });

  /** The row the file should hold for a GraphQL answer, built from the answer alone by the rules of the file. */
  const figureCell = (figure: { value?: number | null; status: string }) =>
    figure.status === 'OK' ? String(figure.value) : { SUPPRESSED: 'c', NOT_APPLICABLE: 'z', NOT_AVAILABLE: 'x', LOW: 'low' }[figure.status]!;
  type GraphqlFigures = Comparison['england'];
  const figureCells = (f: GraphqlFigures) => ({
    children_looked_after: figureCell(f.childrenLookedAfter),
    children_matched: figureCell(f.childrenMatched),
    coverage_rate: figureCell(f.coverageRate),
    waiting: figureCell(f.waiting),
    has_waiting_list: f.hasWaitingList === null || f.hasWaitingList === undefined ? 'x' : String(f.hasWaitingList),
    median_wait_days: figureCell(f.medianWaitDays),
    p90_wait_days: figureCell(f.p90WaitDays),
  });
  type GraphqlInsights = CouncilInsightsQuery['councilComparison']['englandInsights'];
  const insightCells = (i: GraphqlInsights) => ({
    referrals_per_100_looked_after: figureCell(i.referralsPer100LookedAfter),
    social_worker_referral_share: figureCell(i.socialWorkerReferralShare),
    coverage_change_12_months: figureCell(i.coverageChange12Months),
    months_to_clear_waiting_list: figureCell(i.monthsToClearWaitingList),
    insight_flags: i.flags.length ? i.flags.join(' ') : 'none',
  });

  it.each([
    ['an anonymous caller', undefined, null],
    ['a national analyst', { sub: 'file-analyst', role: Role.NATIONAL_ANALYST }, analyst],
  ] as const)(
    'gives %s the figures GraphQL councilComparison gives the same audience, month by month and service by service',
    async (_who, claims, principal) => {
      const token = claims ? await tokenFor(claims) : undefined;
      const months = MONTH_ENDS.slice(-3);
      const { rows } = await file(`/reports/council-coverage.csv?from=${months[0]}&to=${months.at(-1)}`, token);
      const differences: string[] = [];
      for (const monthEnd of months) {
        for (const service of ['INDEPENDENT_VISITOR', 'MENTORING'] as const) {
          const [figures, insights] = await Promise.all([
            server.execute(CouncilComparisonDocument, { service, date: monthEnd }, principal),
            server.execute(CouncilInsightsDocument, { service, date: monthEnd }, principal),
          ]);
          expect(figures.errors).toBeUndefined();
          expect(insights.errors).toBeUndefined();
          const c = figures.data!.councilComparison;
          const i = insights.data!.councilComparison;
          expect(c.disclosureControlled).toBe(!claims);
          const table = rows.filter((row) => monthEndOf(row) === monthEnd && row.service === service);
          const check = (where: string, row: Record<string, string> | undefined, expected: Record<string, string>) => {
            if (!row) differences.push(`${monthEnd} ${service} ${where}: not in the file`);
            else
              for (const [name, text] of Object.entries(expected))
                if (row[name] !== text)
                  differences.push(`${monthEnd} ${service} ${where} ${name}: file ${JSON.stringify(row[name])}, GraphQL ${JSON.stringify(text)}`);
          };
          check(
            'England',
            table.find((row) => row.geographic_level === 'National'),
            { ...figureCells(c.england), ...insightCells(i.englandInsights) },
          );
          for (const region of c.regions) {
            const regionInsights = i.regions.find((candidate) => candidate.regionCode === region.regionCode)!.insights;
            check(
              region.regionCode,
              table.find((row) => row.geographic_level === 'Regional' && row.region_code === region.regionCode),
              {
                region_name: region.regionName,
                ...figureCells(region.figures),
                ...insightCells(regionInsights),
              },
            );
          }
          expect(table.filter((row) => row.geographic_level === 'Local authority')).toHaveLength(c.councils.length);
          for (const council of c.councils) {
            const code = council.localAuthority.code;
            const councilInsights = i.councils.find((candidate) => candidate.localAuthority.code === code)!.insights;
            const unranked = council.figures.coverageRate.status === 'SUPPRESSED' ? 'c' : 'x';
            check(
              code,
              table.find((row) => row.new_la_code === code),
              {
                la_name: council.localAuthority.name,
                region_code: council.localAuthority.regionCode,
                ...figureCells(council.figures),
                rank: council.rank === null || council.rank === undefined ? unranked : String(council.rank),
                quartile: council.quartile === null || council.quartile === undefined ? unranked : String(council.quartile),
                statistical_neighbour_median_rate: figureCell(council.statisticalNeighbourMedianRate),
                ...insightCells(councilInsights),
              },
            );
          }
        }
      }
      expect(differences).toEqual([]);
    },
  );
});

describe('answers kept until the next refresh', () => {
  const variables = { service: 'INDEPENDENT_VISITOR' as const, date: '2024-03-31' };

  const readsRollups = (sql: string[]) => sql.some((statement) => statement.includes('reporting.rollup_council_month'));

  it('answers a repeated comparison without reading the rollups, with the same figures, per audience', async () => {
    const first = await server.execute(CouncilComparisonDocument, variables, analyst);
    expect(readsRollups(first.sql)).toBe(true);
    const again = await server.execute(CouncilComparisonDocument, variables, admin);
    // At most the refresh generation, read again once it is a second old.
    expect(again.statements).toBeLessThanOrEqual(1);
    expect(again.sql.every((statement) => /reporting\.refresh_runs/.test(statement))).toBe(true);
    expect(again.data).toEqual(first.data);
    // A researcher is another audience: never handed the unsuppressed answer.
    const published = await server.execute(CouncilComparisonDocument, variables, researcher);
    expect(readsRollups(published.sql)).toBe(true);
    expect(published.data!.councilComparison.disclosureControlled).toBe(true);
    const publishedAgain = await server.execute(CouncilComparisonDocument, variables, null);
    expect(readsRollups(publishedAgain.sql)).toBe(false);
    expect(publishedAgain.data).toEqual(published.data);
  });

  it('over HTTP sends the same bytes for a repeat after at most one statement, checks the token first, and keeps audiences apart', async () => {
    // Its own server, to read the request log: each line counts the statements of its request.
    const logLines: { msg: string; statements?: number; status?: number }[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(JSON.parse(chunk.toString()));
        done();
      },
    });
    const logged = await TestServer.start(database.dataSource, testConfig, pino({ level: 'info' }, sink));
    const served = await logged.listen();
    const post = async (token: string | null, body: object) => {
      const response = await fetch(`${served.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
      return { status: response.status, text: await response.text() };
    };
    const statementsOfLastRequest = () => logLines.filter((line) => line.msg === 'graphql request').at(-1)!.statements;
    try {
      const query = `query Repeat($service: Service!, $date: LocalDate!) { councilComparison(service: $service, date: $date) { disclosureControlled england { waiting { value status } } councils { localAuthority { code } figures { waiting { value status } } } } }`;
      const analystToken = await tokenFor({ sub: 'cache-analyst', role: Role.NATIONAL_ANALYST });
      const first = await post(analystToken, { query, variables });
      expect(first.status).toBe(200);
      expect(statementsOfLastRequest()).toBeGreaterThan(1);
      const second = await post(analystToken, { query, variables });
      expect(second).toEqual(first);
      expect(statementsOfLastRequest()).toBeLessThanOrEqual(1);
      expect(JSON.parse(first.text).data.councilComparison.disclosureControlled).toBe(false);
      // Anonymous callers asking the same text get the disclosure-controlled answer.
      const anonymous = await post(null, { query, variables });
      expect(JSON.parse(anonymous.text).data.councilComparison.disclosureControlled).toBe(true);
      // A forged token is refused, not answered from the cache.
      const forged = await post(`${analystToken.slice(0, -4)}AAAA`, { query, variables });
      expect(forged.status).toBe(401);
      expect(JSON.parse(forged.text).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    } finally {
      await served.close();
      await logged.stop();
    }
  });

  it('answers the same question asked at once by many callers with one computation', async () => {
    // A date not asked before in this file, so every caller misses the cache at the same moment,
    // as every viewer does just after a refresh on publication day.
    const question = { service: 'MENTORING' as const, date: '2023-09-30' };
    // The generation this process knows is old enough to be read again, so the burst must read it.
    await new Promise((resolve) => setTimeout(resolve, GENERATION_TRUSTED_MS + 100));
    const answers = await Promise.all(Array.from({ length: 12 }, () => server.execute(CouncilComparisonDocument, question, null)));
    for (const answer of answers) expect(answer.errors).toBeUndefined();
    expect(answers.filter((answer) => readsRollups(answer.sql))).toHaveLength(1);
    for (const answer of answers) expect(answer.data).toEqual(answers[0].data);
    // The refresh generation was read once for them all (the comparison's own refreshedAt also
    // reads refresh_runs, so the generation's statement is told apart by its max(refresh_run_id)).
    const generationReads = answers.flatMap((answer) => answer.sql).filter((statement) => /max\(refresh_run_id\)/.test(statement));
    expect(generationReads).toHaveLength(1);
  });

  it('does not keep errors or operations that are not only national views', async () => {
    const before = server.server.nationalViews.size();
    const bad = await server.execute(CouncilComparisonDocument, { service: 'INDEPENDENT_VISITOR', date: '2010-03-31' }, analyst);
    expect(bad.errors?.[0].message).toMatch(/No figures for 2010-03-31/);
    const mixed = await server.execute(
      `query { councilComparison(service: INDEPENDENT_VISITOR, date: "2024-03-31") { date } localAuthorities(first: 1) { totalCount } }`,
      undefined,
      analyst,
    );
    expect(mixed.errors).toBeUndefined();
    const mixedAgain = await server.execute(
      `query { councilComparison(service: INDEPENDENT_VISITOR, date: "2024-03-31") { date } localAuthorities(first: 1) { totalCount } }`,
      undefined,
      analyst,
    );
    expect(readsRollups(mixedAgain.sql)).toBe(true);
    expect(server.server.nationalViews.size()).toBe(before);
  });

  it('computes the answer again after any refresh', async () => {
    await server.execute(CouncilComparisonDocument, variables, analyst);
    expect(readsRollups((await server.execute(CouncilComparisonDocument, variables, analyst)).sql)).toBe(false);
    const refreshed = await refreshReports(database.dataSource, { only: ['rollup_council_month'] });
    expect(refreshed.status).toBe('SUCCEEDED');
    // A refresh in this process is seen at once.
    expect(readsRollups((await server.execute(CouncilComparisonDocument, variables, analyst)).sql)).toBe(true);
    expect(readsRollups((await server.execute(CouncilComparisonDocument, variables, analyst)).sql)).toBe(false);
    // One recorded by another process (a run row this process did not write) once the generation
    // it knows is older than GENERATION_TRUSTED_MS.
    await database.dataSource.query(
      `insert into reporting.refresh_runs (refresh_id, model, finished_at, status) values (gen_random_uuid(), 'rollup_council_month', now(), 'UNCHANGED')`,
    );
    await new Promise((resolve) => setTimeout(resolve, GENERATION_TRUSTED_MS + 100));
    const afterOther = await server.execute(CouncilComparisonDocument, variables, analyst);
    expect(afterOther.sql[0]).toMatch(/reporting\.refresh_runs/);
    expect(readsRollups(afterOther.sql)).toBe(true);
  });

  it('is off when NATIONAL_VIEW_CACHE_MB is 0', async () => {
    const uncached = await TestServer.start(database.dataSource, { ...testConfig, nationalViewCacheBytes: 0 });
    try {
      await uncached.execute(CouncilComparisonDocument, variables, analyst);
      expect(readsRollups((await uncached.execute(CouncilComparisonDocument, variables, analyst)).sql)).toBe(true);
      expect(uncached.server.nationalViews.size()).toBe(0);
    } finally {
      await uncached.stop();
    }
  });
});

describe('refresh failures', () => {
  it('a failing model leaves the last good figures readable and shows the failure in reportingFreshness', async () => {
    const before = (await comparison(analyst)).comparison;
    const broken = parseModel('99_rollup_broken.sql', '-- grain: one row per nothing\n-- materialized: table\n-- key: x\nselect 1 / 0 as x');
    const result = await refreshReports(database.dataSource, { models: [...loadModels(), broken] });
    expect(result.status).toBe('FAILED');
    expect(result.models.find((model) => model.model === 'rollup_broken')).toMatchObject({
      status: 'FAILED',
      error: expect.stringMatching(/division by zero/),
    });
    expect((await comparison(analyst)).comparison).toMatchObject({ england: before.england, councils: before.councils });
    const freshness = await server.execute(ReportingFreshnessDocument, {}, null);
    expect(freshness.data!.reportingFreshness.find((run) => run.rollup === 'rollup_broken')).toMatchObject({
      status: 'FAILED',
      error: expect.stringMatching(/division by zero/),
      refreshedAt: null,
    });
    // Built but not published, as the whole refresh failed: the last good run's time still stands.
    expect(freshness.data!.reportingFreshness.find((run) => run.rollup === 'rollup_council_month')).toMatchObject({
      status: 'SKIPPED',
      error: 'built but not published: rollup_broken failed',
      refreshedAt: expect.anything(),
    });
  }, 120_000);

  it('lets only ADMIN refresh on demand', async () => {
    const refused = await server.execute(RefreshReportsDocument, { input: { rollups: ['rollup_council_month'] } }, analyst);
    expect(refused.data!.refreshReports.errors[0].code).toBe('FORBIDDEN');
    const unknown = await server.execute(RefreshReportsDocument, { input: { rollups: ['nonsense'] } }, admin);
    expect(unknown.data!.refreshReports.errors[0].message).toMatch(/Unknown rollup\(s\): "nonsense"/);
  });
});
