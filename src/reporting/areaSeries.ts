import { Arg, Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { areaStatus } from '../councils/council.queries';
import { requireCurrentCouncil } from '../councils/councilCodes';
import type { Context } from '../graphql/context';
import { Service } from '../graphql/enums';
import { badInput } from '../graphql/relay';
import { LocalDate } from '../graphql/scalars';
import { auditedCells, toAreaFigures, toCouncilFigures } from './coverage.queries';
import { audienceOf } from './disclosure';
import { CoverageFigures } from './coverage.types';
import type { ComparisonTable, CoverageFigures as Figures, Figure } from './disclosure';
import { ENGLAND_CODE, publishTable } from './disclosure';
import { FigureStatus } from './figure.type';
import { refreshScoped } from './generation';
import { readFirstActive, readReportingDates, readSeriesRows, SeriesArea, SeriesAreaRow, SeriesCouncilRow, SeriesRows } from './series.queries';

@ObjectType({ simpleResolvers: true, description: "An area's figures at one month end, with a council's place among councils." })
export class AreaPoint {
  @Field(() => LocalDate, { description: 'The month end.' })
  date: string;

  @Field(() => CoverageFigures, { description: 'The figures, as councilComparison gives them on that date to the same caller.' })
  figures: Figures;

  @Field(() => Int, {
    nullable: true,
    description:
      "A council's rank by coverage rate on that date, as councilComparison ranks it for the caller; null for regions and England, and where the rate is missing or withheld.",
  })
  rank: number | null;

  @Field(() => Int, { nullable: true, description: 'Quartile 1..4 from the rank, 1 = best; null where rank is.' })
  quartile: number | null;
}

const AREA_EXPECTED = 'expected a council (such as E06000001), a region (E12000001 to E12000009; London is E12000007) or England (E92000001)';

/** The area an areaCode names, or a BAD_USER_INPUT error: unknown codes say what was expected, abolished councils when and who replaced them. */
export async function seriesArea({ db, loaders }: Pick<Context, 'db' | 'loaders'>, given: string): Promise<SeriesArea> {
  const code = given.trim().toUpperCase();
  const shown = JSON.stringify(given.slice(0, 20));
  if (code === ENGLAND_CODE) return { kind: 'england', code };
  if (/^E12\d{6}$/.test(code)) {
    const found = await areaStatus(db, code);
    if (found.is_council !== false || !found.is_current) throw badInput(`Unknown region code ${shown}: ${AREA_EXPECTED}.`, 'areaCode');
    return { kind: 'region', code };
  }
  if (!/^E\d{8}$/.test(code)) throw badInput(`${shown} is not an area code: ${AREA_EXPECTED}.`, 'areaCode');
  const council = await requireCurrentCouncil(
    db,
    (key) => loaders.councilByCode.load(key),
    given,
    'areaCode',
    "Series cover current councils only: ask for its successors' series.",
    AREA_EXPECTED,
  );
  return { kind: 'council', code: council.code, regionCode: council.region_code };
}

const notAvailable: Figure = { value: null, status: FigureStatus.NOT_AVAILABLE };

/**
 * Before the area had any record for the service, its counts are not 0 but not yet collected
 * (`x`): the rate keeps a stronger status of its denominator (`z`), the official count stays.
 */
function beforeService(figures: Figures): Figures {
  const unknown = (figure: Figure) => (figure.status === FigureStatus.NOT_APPLICABLE ? figure : notAvailable);
  return {
    ...figures,
    childrenMatched: notAvailable,
    coverageRate: unknown(figures.coverageRate),
    waiting: notAvailable,
    hasWaitingList: null,
    medianWaitDays: notAvailable,
    p90WaitDays: notAvailable,
  };
}

function byMonth<T extends { month_end: string }>(rows: T[]): Map<string, T[]> {
  const months = new Map<string, T[]>();
  for (const row of rows) {
    const list = months.get(row.month_end);
    if (list) list.push(row);
    else months.set(row.month_end, [row]);
  }
  return months;
}

type CouncilPoint = Pick<AreaPoint, 'figures' | 'rank' | 'quartile'>;

/**
 * One month's table (the rows the area needs) built as the comparison builds it and, for
 * disclosure-controlled audiences, published by the same publishTable with the cells the
 * refresh's audit withheld, so a point is exactly what the comparison says that date.
 */
function publishedMonth(englandRow: SeriesAreaRow, regionRows: SeriesAreaRow[], councilRows: SeriesCouncilRow[], controlled: boolean): ComparisonTable {
  const table: ComparisonTable = {
    councils: councilRows.map((row) => toCouncilFigures(row)),
    regions: regionRows.map((row) => ({ ...toAreaFigures(row), regionCode: row.region_code!, regionName: row.region_name })),
    england: toAreaFigures(englandRow),
  };
  if (!controlled) return table;
  const audited = [
    ...auditedCells(councilRows, (row) => row.council_code),
    ...auditedCells(regionRows, (row) => row.region_code!),
    ...auditedCells([englandRow], () => ENGLAND_CODE),
  ];
  // The neighbours' medians are not part of a point, so none are given.
  return publishTable(table, new Map(), audited).table;
}

/** A point as served: before the area's service began its counts are not available; the activity is looked up by its key. */
function servedPoint(date: string, point: CouncilPoint, area: SeriesArea, service: string, firstActive: string | null): AreaPoint {
  const activityKey = { service, date, areaCode: area.code };
  if (firstActive === null || date < firstActive)
    return { date, figures: { ...beforeService(point.figures), activityKey: { ...activityKey, beforeService: true } }, rank: null, quartile: null };
  return { date, ...point, figures: { ...point.figures, activityKey } };
}

/** One point per month end of the rows, each as councilComparison gives it that date to the same audience. */
export function seriesPoints(area: SeriesArea, service: string, rows: SeriesRows, firstActive: string | null, controlled: boolean): AreaPoint[] {
  const regions = byMonth(rows.regions);
  const councils = byMonth(rows.councils);
  const points: AreaPoint[] = [];
  for (const englandRow of rows.england) {
    const date = englandRow.month_end;
    const table = publishedMonth(englandRow, regions.get(date) ?? [], councils.get(date) ?? [], controlled);
    let point: CouncilPoint;
    if (area.kind === 'council') {
      const council = table.councils.find((row) => row.councilCode === area.code);
      if (!council) continue;
      point = { figures: council.figures, rank: council.rank, quartile: council.quartile };
    } else {
      const figures = area.kind === 'england' ? table.england.figures : table.regions.find((region) => region.regionCode === area.code)?.figures;
      if (!figures) continue;
      point = { figures, rank: null, quartile: null };
    }
    points.push(servedPoint(date, point, area, service, firstActive));
  }
  return points;
}

/**
 * Every council's published point at every month end of a service, for disclosure-controlled
 * callers, by refresh generation. A council's published figures and rank depend on every council
 * that month, so each council's series reads and publishes the whole table each month: the same
 * work for all 153. On publication day every council's series is asked for at once, so it is
 * done once per service and refresh and shared (computations in flight included), instead of 153
 * times over a pool of a few connections. Two services and the generation before a refresh: 4.
 */
async function publishedCouncilPoints(db: Context['db'], service: string): Promise<Map<string, Map<string, CouncilPoint>>> {
  const shared = refreshScoped<Map<string, Map<string, CouncilPoint>>>(db, 'councilSeries', 4);
  const key = `${await shared.generation()}|${service}`;
  const known = shared.get(key);
  if (known) return known;
  // A failed computation (the pool exhausted, say) is not kept: the next caller tries again.
  return shared.keep(
    key,
    (async () => {
      const { monthEnds } = await readReportingDates(db, service);
      const months = new Map<string, Map<string, CouncilPoint>>();
      if (monthEnds.length === 0) return months;
      const rows = await readSeriesRows(db, { kind: 'council', code: '', regionCode: '' }, service, monthEnds[0], monthEnds[monthEnds.length - 1], true);
      const councils = byMonth(rows.councils);
      for (const englandRow of rows.england) {
        const table = publishedMonth(englandRow, [], councils.get(englandRow.month_end) ?? [], true);
        months.set(
          englandRow.month_end,
          new Map(table.councils.map((council) => [council.councilCode, { figures: council.figures, rank: council.rank, quartile: council.quartile }])),
        );
      }
      return months;
    })(),
  );
}

@Resolver()
export class AreaSeriesResolver {
  @Query(() => [AreaPoint], {
    description:
      "A council's, a region's or England's figures at each month end from `from` to `to`, each as councilComparison gives it that date (rank and quartile for councils). Public, with disclosure control as councilComparison. Unknown codes are an error; an abolished council's error names its successors.",
  })
  async areaTimeSeries(
    @Arg('areaCode', { description: 'A council (E06000001), a region (E12000007) or England (E92000001).' }) areaCode: string,
    @Arg('service', () => Service, { description: 'The service.' }) service: Service,
    @Arg('from', () => LocalDate, { nullable: true, description: 'First date (inclusive); the first month end with figures when omitted.' })
    from: string | null,
    @Arg('to', () => LocalDate, { nullable: true, description: 'Last date (inclusive); the latest month end with figures when omitted.' }) to: string | null,
    @Ctx() context: Context,
  ): Promise<AreaPoint[]> {
    const area = await seriesArea(context, areaCode);
    const { monthEnds } = await readReportingDates(context.db, service);
    if (monthEnds.length === 0) throw badInput('No figures yet: the reports have not been refreshed.');
    const [earliest, latest] = [monthEnds[0], monthEnds[monthEnds.length - 1]];
    // A date outside the reports is a mistake to say, not a shorter series to return in silence.
    for (const [argument, date] of [
      ['from', from],
      ['to', to],
    ] as const) {
      if (date !== null && (date < earliest || date > latest)) {
        throw badInput(
          `No figures for ${date}: reporting dates available are between ${earliest} and ${latest} (reportingDates); omit \`${argument}\` for the ${argument === 'from' ? 'first' : 'latest'}.`,
          argument,
        );
      }
    }
    const [first, last] = [from ?? earliest, to ?? latest];
    if (first > last) throw badInput(`\`from\` (${first}) must not be after \`to\` (${last}).`, 'from');
    const controlled = audienceOf(context.principal) === 'PUBLIC';
    const firstActive = await readFirstActive(context.db, area, service);
    if (area.kind === 'council' && controlled) {
      // A council's rank among published rates needs every council's row: shared work.
      const months = await publishedCouncilPoints(context.db, service);
      return [...months].flatMap(([date, councils]) => {
        const point = date >= first && date <= last ? councils.get(area.code) : undefined;
        return point ? [servedPoint(date, point, area, service, firstActive)] : [];
      });
    }
    // The unsuppressed rank is in the council's own row.
    const rows = await readSeriesRows(context.db, area, service, first, last, false);
    return seriesPoints(area, service, rows, firstActive, controlled);
  }
}
