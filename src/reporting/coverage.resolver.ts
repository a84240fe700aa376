import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { recordAuditEvent } from '../audit/audit';
import { Role } from '../auth/roles';
import { LocalAuthority } from '../councils/localAuthority.type';
import type { Context } from '../graphql/context';
import { Service } from '../graphql/enums';
import { badInput } from '../graphql/relay';
import { CouncilComparison, CoverageFigures, CoveragePoint, DisclosureAudit, RefreshReportsInput, RefreshReportsPayload, RollupRun } from './coverage.types';
import { Audience, audienceOf, ENGLAND_CODE, publishArea, publishTable, suppressCouncils } from './disclosure';
import { hideEarlier, hideEarlierInTable, insightsAgainst } from './insights';
import { PROTECTION } from './disclosureAudit';
import { refreshFailure, refreshReports } from './refresh';
import { readVolunteerPools } from './volunteerPool';
import {
  auditedCells,
  AuditRow,
  comparisonTable,
  readComparison,
  readFreshness,
  readNeighbours,
  readRegionSeries,
  SeriesRow,
  toAreaFigures,
  toCouncilFigures,
} from './coverage.queries';
import { LocalDate } from '../graphql/scalars';
import { requireCurrentCouncil } from '../councils/councilCodes';
import { latestMonthEnd } from './reportingDates';

const STAFF = [Role.COUNCIL_OFFICER, Role.PROVIDER_COORDINATOR, Role.NATIONAL_ANALYST, Role.ADMIN];

function isMonthEnd(date: string): boolean {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.getUTCDate() === 1;
}

/** The comparison for the caller's audience; shared by GraphQL and the CSV download. */
export async function compareCouncils({ db, principal, loaders }: Context, service: Service, date: string): Promise<CouncilComparison> {
  if (!isMonthEnd(date)) throw badInput(`\`date\` must be a month end such as 2025-03-31; got ${date}.`, 'date');
  const comparison = await readComparison(db, service, date);
  if (!comparison.england) {
    const range = comparison.firstMonthEnd
      ? `between ${comparison.firstMonthEnd} and ${comparison.lastMonthEnd}`
      : 'none yet: the reports have not been refreshed';
    throw badInput(`No figures for ${date}: reporting dates available are ${range}.`, 'date');
  }
  const audience = audienceOf(principal);
  const poolRows = comparison.hasVolunteerPools ? await readVolunteerPools(db, service, date) : { councils: [], regions: [] };
  let table = comparisonTable({
    councils: comparison.councils,
    regions: comparison.regions,
    england: comparison.england,
    councilPools: poolRows.councils,
    regionPools: poolRows.regions,
  });
  if (audience === 'PUBLIC') {
    table = publishTable(table, await readNeighbours(db), comparison.audited).table;
    // The insights that read earlier month ends are withheld where those months' tables withheld their input.
    hideEarlierInTable(table, comparison.earlier);
  }
  const insights = insightsAgainst(table.england);
  const keyed = (figures: CoverageFigures, areaCode: string): CoverageFigures => ({ ...figures, activityKey: { service, date, areaCode } });
  const loaded = await loaders.councilByCode.loadMany(table.councils.map((council) => council.councilCode));
  // loadMany gives a failed read as an Error in its place: fail the field with it (the database
  // being unavailable is SERVICE_UNAVAILABLE), never a council made from an Error.
  const failure = loaded.find((row): row is Error => row instanceof Error);
  if (failure) throw failure;
  const rows = loaded.map((row, index) => {
    if (!row || row instanceof Error) throw new Error(`council ${table.councils[index].councilCode} of the rollup is not in the reference data`);
    return row;
  });
  return {
    date,
    service,
    disclosureControlled: audience === 'PUBLIC',
    england: keyed(table.england.figures, ENGLAND_CODE),
    englandInsights: insights.england,
    regions: table.regions.map((region) => ({
      regionCode: region.regionCode,
      regionName: region.regionName!,
      figures: keyed(region.figures, region.regionCode),
      volunteerPool: region.pool ?? null,
      insights: insights.of(region),
    })),
    councils: table.councils.map((council, index) => ({
      localAuthority: LocalAuthority.fromRow(rows[index]),
      rank: council.rank,
      quartile: council.quartile,
      statisticalNeighbourMedianRate: council.statisticalNeighbourMedianRate,
      figures: keyed(council.figures, council.councilCode),
      volunteerPool: council.pool ?? null,
      insights: insights.of(council),
    })),
    refreshedAt: comparison.refreshedAt,
    disclosureAudit: disclosureAuditOf(comparison.audit, audience),
  };
}

/** The audit summary as GraphQL gives it; null before the first audited refresh. */
function disclosureAuditOf(rows: AuditRow[], audience: Audience): DisclosureAudit | null {
  if (rows.length === 0) return null;
  const full = audience === 'FULL';
  const metrics = rows.map((row) => ({
    metric: row.metric,
    suppressed: row.suppressed_primary + row.suppressed_secondary + row.suppressed_audit,
    suppressedPrimary: full ? row.suppressed_primary : null,
    suppressedSecondary: full ? row.suppressed_secondary : null,
    suppressedByAudit: full ? row.suppressed_audit : null,
    narrowestRange: row.narrowest_range,
    lowestUpperBound: row.lowest_upper_bound,
    unresolved: row.unresolved,
  }));
  return { passed: metrics.every((metric) => metric.unresolved === 0), requiredRange: PROTECTION.span, requiredUpperBound: PROTECTION.reaches, metrics };
}

@Resolver()
export class CoverageResolver {
  @Query(() => CouncilComparison, {
    description:
      "Every council's coverage and waiting list at a month end, with regions and England. Public; researchers and anonymous callers get disclosure-controlled figures.",
  })
  async councilComparison(
    @Arg('service', () => Service, { description: 'The service to compare.' }) service: Service,
    @Arg('date', () => LocalDate, {
      nullable: true,
      description: 'A month end, e.g. 2025-03-31; the latest month end with figures when omitted (reportingDates).',
    })
    date: string | null,
    @Ctx() context: Context,
  ): Promise<CouncilComparison> {
    return compareCouncils(context, service, date ?? (await latestMonthEnd(context.db, service)));
  }

  @Query(() => [CoveragePoint], {
    description: "One council's figures at each month end from `from` to `to` (at most 10 years). Public, with disclosure control as councilComparison.",
  })
  async coverageTimeSeries(
    @Arg('localAuthorityCode', { description: 'ONS council code.' }) localAuthorityCode: string,
    @Arg('service', () => Service, { description: 'The service.' }) service: Service,
    @Arg('from', () => LocalDate, { description: 'First date (inclusive).' }) from: string,
    @Arg('to', () => LocalDate, { description: 'Last date (inclusive).' }) to: string,
    @Ctx() { db, principal, loaders }: Context,
  ): Promise<CoveragePoint[]> {
    if (from > to) throw badInput(`\`from\` (${from}) must not be after \`to\` (${to}).`, 'from');
    if (Number(to.slice(0, 4)) - Number(from.slice(0, 4)) > 10) throw badInput('The range may span at most 10 years.', 'to');
    const code = localAuthorityCode.trim().toUpperCase();
    const council = await loaders.councilByCode.load(code);
    if (!council)
      throw badInput(`Unknown council code ${JSON.stringify(localAuthorityCode.slice(0, 20))}: expected an ONS code such as E06000001.`, 'localAuthorityCode');
    // An abolished council has no rows in the rollups: say when it went and who replaced it.
    if (!council.is_current)
      await requireCurrentCouncil(
        db,
        (key) => loaders.councilByCode.load(key),
        code,
        'localAuthorityCode',
        "Series cover current councils only: ask for its successors' series.",
      );
    // Secondary suppression depends on the other councils of the region, so read them all.
    const regionRows = await readRegionSeries(db, council.region_code, service, from, to);
    const byMonth = new Map<string, SeriesRow[]>();
    for (const row of regionRows) byMonth.set(row.month_end, [...(byMonth.get(row.month_end) ?? []), row]);
    const audience = audienceOf(principal);
    const points: CoveragePoint[] = [];
    for (const [monthEnd, monthRows] of [...byMonth.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      let figures = monthRows.map((row) => toCouncilFigures(row));
      const englandRow = monthRows[0].england;
      let england = englandRow ? toAreaFigures(englandRow) : null;
      if (audience === 'PUBLIC') {
        figures = suppressCouncils(
          figures,
          auditedCells(monthRows, (row) => row.council_code),
        ).councils;
        if (englandRow && england)
          england = publishArea(
            england,
            ENGLAND_CODE,
            auditedCells([englandRow], () => ENGLAND_CODE),
          ).area;
      }
      const mine = figures.find((figure) => figure.councilCode === code);
      if (!mine) continue;
      if (audience === 'PUBLIC') hideEarlier(mine.insightInputs, monthRows.find((row) => row.council_code === code)!.earlier_suppressed);
      // England's flags need only its own figures of that month, which the series does not serve.
      const insights = insightsAgainst(england ?? mine);
      points.push({ date: monthEnd, figures: { ...mine.figures, activityKey: { service, date: monthEnd, areaCode: code } }, insights: insights.of(mine) });
    }
    return points;
  }

  @Query(() => [RollupRun], {
    description: 'The latest refresh of each reporting model and data test: when, how long, how many rows (signed-in staff only), and any error.',
  })
  async reportingFreshness(@Ctx() { db, principal }: Context): Promise<RollupRun[]> {
    const runs = await readFreshness(db);
    // Row counts are operational totals (reports/METRICS.md): for staff, not researchers or the public.
    return principal && STAFF.includes(principal.role) ? runs : runs.map((run) => ({ ...run, rows: null }));
  }

  @Mutation(() => RefreshReportsPayload, { description: 'Refresh the reporting models now (ADMIN). Returns SKIPPED when a refresh is already running.' })
  async refreshReports(
    @Arg('input', () => RefreshReportsInput, { nullable: true, description: 'Which rollups; all when omitted.' }) input: RefreshReportsInput | null,
    @Ctx() { db, principal, logger }: Context,
  ): Promise<RefreshReportsPayload> {
    if (principal?.role !== Role.ADMIN) {
      return {
        status: null,
        runs: [],
        errors: [{ code: 'FORBIDDEN', field: null, message: 'Only ADMIN may refresh reports; they refresh on a schedule anyway.' }],
      };
    }
    let result;
    try {
      result = await refreshReports(db, { only: input?.rollups ?? undefined, logger });
    } catch (error) {
      return { status: null, runs: [], errors: [refreshFailure(error)] };
    }
    await db.transaction((manager) =>
      recordAuditEvent(manager, principal, 'refreshReports', { recordType: 'Refresh', recordId: result.refreshId, changedFields: input?.rollups ?? ['all'] }),
    );
    return {
      status: result.status,
      runs: result.models.map((model) => ({
        rollup: model.model,
        refreshedAt: model.status === 'SUCCEEDED' ? new Date() : null,
        durationMs: model.durationMs,
        rows: model.rows,
        status: model.status,
        error: model.error,
      })),
      errors: [],
    };
  }
}
