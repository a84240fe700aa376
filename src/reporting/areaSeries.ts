import { Arg, Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { areaStatus } from '../councils/council.queries';
import { requireCurrentCouncil } from '../councils/councilCodes';
import type { Context } from '../graphql/context';
import { Service } from '../graphql/enums';
import { badInput } from '../graphql/relay';
import { LocalDate } from '../graphql/scalars';
import { auditedCells, toAreaFigures, toCouncilFigures } from './coverage.queries';
import { audienceOf } from './coverage.resolver';
import { CoverageFigures } from './coverage.types';
import type { ComparisonTable, CoverageFigures as Figures, Figure } from './disclosure';
import { ENGLAND_CODE, publishTable } from './disclosure';
import { FigureStatus } from './figure.type';
import { readReportingDates, readSeriesRows, SeriesArea, SeriesAreaRow, SeriesCouncilRow } from './series.queries';

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

/**
 * One point per month end: the month's table (the rows the area needs) built as the comparison
 * builds it and, for disclosure-controlled audiences, published by the same publishTable with the
 * cells the refresh's audit withheld, so a point is exactly what the comparison says that date.
 */
export function seriesPoints(
  area: SeriesArea,
  service: string,
  rows: { england: SeriesAreaRow[]; regions: SeriesAreaRow[]; councils: SeriesCouncilRow[]; firstActive: string | null },
  controlled: boolean,
): AreaPoint[] {
  const regions = byMonth(rows.regions);
  const councils = byMonth(rows.councils);
  const points: AreaPoint[] = [];
  for (const englandRow of rows.england) {
    const date = englandRow.month_end;
    const regionRows = regions.get(date) ?? [];
    const councilRows = councils.get(date) ?? [];
    let table: ComparisonTable = {
      councils: councilRows.map((row) => toCouncilFigures(row)),
      regions: regionRows.map((row) => ({ ...toAreaFigures(row), regionCode: row.region_code!, regionName: row.region_name })),
      england: toAreaFigures(englandRow),
    };
    if (controlled) {
      const audited = [
        ...auditedCells(councilRows, (row) => row.council_code),
        ...auditedCells(regionRows, (row) => row.region_code!),
        ...auditedCells([englandRow], () => ENGLAND_CODE),
      ];
      // The neighbours' medians are not part of a point, so none are given.
      table = publishTable(table, new Map(), audited).table;
    }
    let point: AreaPoint;
    if (area.kind === 'council') {
      const council = table.councils.find((row) => row.councilCode === area.code);
      if (!council) continue;
      point = { date, figures: council.figures, rank: council.rank, quartile: council.quartile };
    } else {
      const figures = area.kind === 'england' ? table.england.figures : table.regions.find((region) => region.regionCode === area.code)?.figures;
      if (!figures) continue;
      point = { date, figures, rank: null, quartile: null };
    }
    const activityKey = { service, date, areaCode: area.code };
    if (rows.firstActive === null || date < rows.firstActive)
      point = { date, figures: { ...beforeService(point.figures), activityKey: { ...activityKey, beforeService: true } }, rank: null, quartile: null };
    else point = { ...point, figures: { ...point.figures, activityKey } };
    points.push(point);
  }
  return points;
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
    // A council's rank among published rates needs every council's row; the unsuppressed rank is in its own row.
    const rows = await readSeriesRows(context.db, area, service, first, last, area.kind === 'council' && controlled);
    return seriesPoints(area, service, rows, controlled);
  }
}
