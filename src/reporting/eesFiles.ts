import { stringify } from 'csv-stringify';
import type { Request, Response } from 'express';
import { Service } from '../graphql/enums';
import type { Audience } from './disclosure';
import { readMonthEnds } from './eesFiles.queries';
import { InsightFlag } from './insights';
import type { Queryable } from '../database/sql';

/**
 * The Department for Education's explore-education-statistics (EES) layout for Tandem's files:
 * the time and geography columns, the metadata file (`<file>.meta.csv`) that describes every other
 * column, the query parameters that pick the month ends and services, and the downloaded name.
 */

/** Time and geography columns, in EES order; the metadata file does not describe them. */
export const TIME_AND_GEOGRAPHY_COLUMNS = [
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
] as const;

/** One non-geography column of a data file, as its metadata file describes it. */
export type EesColumn = {
  name: string;
  type: 'Filter' | 'Indicator';
  label: string;
  /** Indicators: the grouping the EES table tool shows them under. */
  grouping?: string;
  /** Indicators: '' for a count, '%', 'pp' (percentage points). */
  unit?: '' | '%' | 'pp';
  /** Indicators: decimal places. */
  dp?: number;
  /** Filters: a hint shown beside the filter. */
  hint?: string;
  /** Filters: the column that groups this filter's values. */
  groupingColumn?: string;
};

export const META_COLUMNS = ['col_name', 'col_type', 'label', 'indicator_grouping', 'indicator_unit', 'indicator_dp', 'filter_hint', 'filter_grouping_column'];

/** The metadata file's rows for these columns. */
export function metaRows(columns: readonly EesColumn[]): string[][] {
  return columns.map((column) =>
    column.type === 'Indicator'
      ? [column.name, 'Indicator', column.label, column.grouping ?? '', column.unit ?? '', String(column.dp ?? 0), '', '']
      : [column.name, 'Filter', column.label, '', '', '', column.hint ?? '', column.groupingColumn ?? ''],
  );
}

/** Streams a metadata file. */
export function sendMeta(res: Response, fileName: string, columns: readonly EesColumn[]): void {
  res.status(200);
  res.type('text/csv; charset=utf-8');
  res.setHeader('content-disposition', `attachment; filename="${fileName}"`);
  const csv = stringify({ header: true, columns: META_COLUMNS });
  csv.pipe(res);
  for (const row of metaRows(columns)) csv.write(row);
  csv.end();
}

/** Readable labels for the codes in code columns (EES keeps codes and labels in separate columns). */
export const SERVICE_NAME: Record<Service, string> = {
  [Service.INDEPENDENT_VISITOR]: 'Independent visitor',
  [Service.MENTORING]: 'Mentoring',
};

export const INSIGHT_FLAG_NAME: Record<InsightFlag, string> = {
  [InsightFlag.NO_LIST_FEW_REFERRALS]: 'No waiting list and few referrals',
  [InsightFlag.FEW_SOCIAL_WORKER_REFERRALS]: 'Few referrals from social workers',
  [InsightFlag.LIST_GROWING]: 'Waiting list not falling',
  [InsightFlag.COVERAGE_FALLING]: 'Coverage falling',
};

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** EES time columns for a month end: time_period the year, time_identifier the month's name. */
export function timeColumns(monthEnd: string): [string, string] {
  return [monthEnd.slice(0, 4), MONTHS[Number(monthEnd.slice(5, 7)) - 1]];
}

/** At most this many tables (month ends × services) in one file: ten years of both services. */
export const MAX_TABLES = 240;

/** The tables a file holds, oldest month end first, then by service. */
export type FileSelection = { tables: { service: Service; monthEnd: string }[]; services: Service[] };

/** A request the file cannot answer: the 400's text. */
export class FileQueryError extends Error {}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isCalendarDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

export function isMonthEnd(text: string): boolean {
  if (!isCalendarDate(text)) return false;
  const next = new Date(`${text}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.getUTCDate() === 1;
}

export const quote = (value: string) => JSON.stringify(value.slice(0, 40));

/**
 * The dates a file's tables are for: month ends for the coverage file; the ends of the chosen
 * period (month ends, or 31 Marches) for the activity file, which takes one more parameter.
 */
export type PeriodEnds = {
  /** How the ends are named in messages, e.g. "month ends". */
  plural: string;
  /** What `date` must be, for the message, e.g. "a month end as YYYY-MM-DD, e.g. 2025-03-31". */
  expected: string;
  isEnd: (text: string) => boolean;
  /** Every end held for these services, oldest first. */
  read: (db: Queryable, services: string[]) => Promise<{ service: string; month_end: string }[]>;
  /** Query parameters the file takes beside service, date, from and to (checked by the file). */
  extraParameters?: string[];
};

export const MONTH_ENDS: PeriodEnds = {
  plural: 'month ends',
  expected: 'a month end as YYYY-MM-DD, e.g. 2025-03-31',
  isEnd: isMonthEnd,
  read: readMonthEnds,
};

/**
 * The tables a request asks for: `service` (one code, or omitted for both), and `date` (a month
 * end or `latest`) or `from`/`to` (the month ends between, inclusive; each defaults to the first
 * and latest), or nothing (the latest). Throws FileQueryError saying what was wrong and what was expected.
 */
export async function selectTables(db: Queryable, req: Request, ends: PeriodEnds = MONTH_ENDS): Promise<FileSelection> {
  const extra = ends.extraParameters ?? [];
  const allowed = ['service', 'date', 'from', 'to', ...extra];
  const params: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.query)) {
    if (!allowed.includes(name)) {
      throw new FileQueryError(`Unknown query parameter ${quote(name)}: expected service, ${extra.map((other) => `${other}, `).join('')}date, or from and to.`);
    }
    if (typeof value !== 'string') throw new FileQueryError(`${name} must be given once, as text; got ${quote(JSON.stringify(value))}.`);
    params[name] = value;
  }
  const services = Object.values(Service) as string[];
  if (params.service !== undefined && !services.includes(params.service)) {
    throw new FileQueryError(`service must be one of ${services.join(', ')}, or omitted for both; got ${quote(params.service)}.`);
  }
  const chosen = (params.service === undefined ? services : [params.service]) as Service[];
  const { date, from, to } = params;
  if (date !== undefined && (from !== undefined || to !== undefined)) throw new FileQueryError('Give either date, or from and to, not both.');
  if (date !== undefined && date !== 'latest' && !ends.isEnd(date)) {
    throw new FileQueryError(`date must be ${ends.expected}, or latest; got ${quote(date)}.`);
  }
  for (const [name, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (value !== undefined && !isCalendarDate(value)) throw new FileQueryError(`${name} must be a date as YYYY-MM-DD, e.g. 2025-03-31; got ${quote(value)}.`);
  }
  if (from !== undefined && to !== undefined && from > to) throw new FileQueryError(`from (${from}) must not be after to (${to}).`);

  const available = await ends.read(db, chosen);
  if (available.length === 0) throw new FileQueryError('No figures yet: the reports have not been refreshed.');
  const range = `reporting dates available are between ${available[0].month_end} and ${available.at(-1)!.month_end}`;
  let tables: { service: Service; monthEnd: string }[];
  if (from !== undefined || to !== undefined) {
    tables = available
      .filter((row) => (from === undefined || row.month_end >= from) && (to === undefined || row.month_end <= to))
      .map((row) => ({ service: row.service as Service, monthEnd: row.month_end }));
    if (tables.length === 0) throw new FileQueryError(`No figures from ${from ?? 'the first'} to ${to ?? 'the latest'}: ${range}.`);
  } else if (date !== undefined && date !== 'latest') {
    tables = chosen.map((service) => ({ service, monthEnd: date }));
    const missing = tables.filter((table) => !available.some((row) => row.service === table.service && row.month_end === date));
    if (missing.length > 0) throw new FileQueryError(`No figures for ${date}: ${range}.`);
  } else {
    // The latest end of each service.
    tables = chosen.flatMap((service) => {
      const latest = available.filter((row) => row.service === service).at(-1);
      return latest ? [{ service, monthEnd: latest.month_end }] : [];
    });
    tables.sort((a, b) => a.monthEnd.localeCompare(b.monthEnd) || a.service.localeCompare(b.service));
  }
  if (tables.length > MAX_TABLES) {
    throw new FileQueryError(
      `The request covers ${tables.length} tables (${ends.plural} × services); at most ${MAX_TABLES} per file: narrow from and to, or choose a service.`,
    );
  }
  return { tables, services: chosen };
}

/**
 * The downloaded name: the audience (public: disclosure-controlled; unsuppressed: staff who see
 * exact figures), the service or all services, and the month end or range,
 * e.g. tandem-council-coverage-public-all-services-2025-03-31.csv.
 */
export function dataFileName(base: string, audience: Audience, selection: FileSelection): string {
  const who = audience === 'PUBLIC' ? 'public' : 'unsuppressed';
  const what = selection.services.length === 1 ? selection.services[0].toLowerCase().replace(/_/g, '-') : 'all-services';
  const first = selection.tables[0].monthEnd;
  const last = selection.tables.at(-1)!.monthEnd;
  return `tandem-${base}-${who}-${what}-${first === last ? first : `${first}-to-${last}`}.csv`;
}
