import { h, replaceChildren } from '../dom';
import { figureNode, formatValue, ordinal, SERVICE_NAMES, flagTag, FLAG_TEXT } from '../format';
import type { DashboardComparisonQuery, InsightFlag } from '../gql/graphql';
import { hexMap } from '../hexMap';
import { headlineCard, cached, choosers, link, PageContext, provenance, symbolsHelp } from '../page';
import { ComparisonQuery, InsightsQuery, ReportingDatesQuery, TargetsQuery } from '../queries';
import { dataTable, figureColumn } from '../table';
import { insightsTable, targetsTable, Insights } from './shared';

export const ENGLAND = 'E92000001';
export type Comparison = DashboardComparisonQuery['councilComparison'];
export type CouncilRow = Comparison['councils'][number];
export type RegionRow = Comparison['regions'][number];

/** The national page: England's headlines, the map, every council and region, insights and targets. */
export async function nationalPage(context: PageContext, app: HTMLElement): Promise<void> {
  const { service } = context;
  const [dates, comparisonAnswer, insightsAnswer, targetsAnswer] = await Promise.all([
    cached(ReportingDatesQuery, { service }),
    cached(ComparisonQuery, { service, date: context.date }),
    cached(InsightsQuery, { service, date: context.date }),
    cached(TargetsQuery, { areaCode: ENGLAND, service }),
  ]);
  const comparison = comparisonAnswer.councilComparison;
  const insights = insightsAnswer.councilComparison;
  const councilInsights = new Map(insights.councils.map((row) => [row.localAuthority.code, row.insights]));
  const regionInsights = new Map(insights.regions.map((row) => [row.regionCode, row.insights]));
  const england = comparison.england;
  const serviceName = SERVICE_NAMES[service];
  context.frame(`${serviceName}: coverage in England`, []);

  const withList = comparison.councils.filter((council) => council.figures.hasWaitingList === true).length;
  const listKnown = comparison.councils.filter((council) => council.figures.hasWaitingList !== null).length;
  const regions = [...comparison.regions].sort((a, b) => a.regionName.localeCompare(b.regionName));

  replaceChildren(
    app,
    h('span', { class: 'govuk-caption-l' }, 'England'),
    h('h1', { class: 'govuk-heading-l' }, `${serviceName}: coverage and waiting lists`),
    choosers(context, dates.reportingDates.monthEnds, comparison.date),
    provenance(comparison.date, comparison.refreshedAt, comparison.disclosureControlled),
    h('h2', { class: 'govuk-heading-m' }, 'England'),
    h(
      'div',
      { class: 'tandem-cards' },
      headlineCard('Coverage', { figure: england.coverageRate, kind: 'rate' }, [
        { label: 'Children looked after', node: [figureNode(england.childrenLookedAfter, 'count'), ` (31 March ${england.childrenLookedAfterYear ?? ''})`] },
      ]),
      headlineCard('Children matched', { figure: england.childrenMatched, kind: 'count' }, []),
      headlineCard('Children waiting', { figure: england.waiting, kind: 'count' }, [{ label: 'Councils with a list', node: `${withList} of ${listKnown}` }]),
      headlineCard('Median wait so far', { figure: england.medianWaitDays, kind: 'days' }, [
        { label: '90th percentile', node: figureNode(england.p90WaitDays, 'days') },
      ]),
    ),
    symbolsHelp(),
    insightsTable(`Insights for England, ${serviceName.toLowerCase()}`, [{ name: 'England', insights: insights.englandInsights }]),
    flagCounts(insights.councils.map((row) => row.insights)),
    targetsTable('Targets for England', targetsAnswer.targets, () => 'England'),
    h('h2', { class: 'govuk-heading-m' }, 'Councils on the map'),
    h(
      'div',
      { class: 'govuk-grid-row' },
      h(
        'div',
        { class: 'govuk-grid-column-one-half' },
        hexMap(
          comparison.councils.map((council) => ({
            code: council.localAuthority.code,
            name: council.localAuthority.name,
            quartile: council.quartile ?? null,
            description: `coverage ${textOf(council.figures.coverageRate, 'rate')}, ${council.quartile ? `quartile ${council.quartile}` : 'no quartile'}`,
          })),
          {
            title: `Coverage quartile of each of England's ${comparison.councils.length} councils (${serviceName.toLowerCase()})`,
            onOpen: (code) => context.navigate(context.href(`/council/${code}`)),
          },
        ),
      ),
      h('div', { class: 'govuk-grid-column-one-half' }, regionTable(context, regions, regionInsights)),
    ),
    councilTable(context, comparison.councils, regions, councilInsights),
  );
}

function textOf(figure: { value: number | null; status: string }, kind: 'rate' | 'count'): string {
  return figure.status === 'OK' && figure.value !== null ? formatValue(figure.value, kind) : figure.status === 'SUPPRESSED' ? 'withheld (c)' : 'not available';
}

function flagCounts(all: Insights[]): HTMLElement {
  const flags = Object.keys(FLAG_TEXT) as InsightFlag[];
  return h(
    'div',
    null,
    h('h2', { class: 'govuk-heading-m' }, 'Councils flagged'),
    h(
      'ul',
      { class: 'govuk-list' },
      flags.map((flag) =>
        h('li', null, flagTag(flag), ` ${all.filter((insights) => insights.flags.includes(flag)).length} councils: ${FLAG_TEXT[flag].detail}`),
      ),
    ),
  );
}

function regionTable(context: PageContext, regions: RegionRow[], insights: Map<string, Insights>): HTMLElement {
  return dataTable({
    caption: 'Regions',
    noun: 'regions',
    rows: regions,
    columns: [
      {
        label: 'Region',
        rowHeader: true,
        cell: (region) => link(context, `/region/${region.regionCode}`, region.regionName),
        sort: (region) => region.regionName,
      },
      figureColumn('Coverage', 'rate', (region: RegionRow) => region.figures.coverageRate),
      figureColumn('Waiting', 'count', (region: RegionRow) => region.figures.waiting),
      figureColumn('Volunteers per waiting child', 'ratio', (region: RegionRow) => region.volunteerPool?.volunteersPerWaitingChild),
      { label: 'Flags', cell: (region) => (insights.get(region.regionCode)?.flags ?? []).map((flag) => [flagTag(flag), ' ']) },
    ],
  });
}

function councilTable(context: PageContext, councils: CouncilRow[], regions: RegionRow[], insights: Map<string, Insights>): HTMLElement {
  return dataTable({
    caption: `All ${councils.length} councils`,
    noun: 'councils',
    rows: councils,
    sortedBy: { column: 0, direction: 'ascending' },
    rowAttributes: (council) => ({ 'data-council': council.localAuthority.code }),
    filters: [
      { kind: 'text', label: 'Council name', matches: (council, text) => council.localAuthority.name.toLowerCase().includes(text.toLowerCase()) },
      {
        kind: 'select',
        label: 'Region',
        options: regions.map((region) => ({ value: region.regionCode, text: region.regionName })),
        matches: (council, code) => council.localAuthority.regionCode === code,
      },
      {
        kind: 'select',
        label: 'Quartile',
        options: [1, 2, 3, 4].map((quartile) => ({ value: String(quartile), text: `Quartile ${quartile}` })),
        matches: (council, quartile) => String(council.quartile) === quartile,
      },
    ],
    columns: [
      {
        label: 'Council',
        rowHeader: true,
        cell: (council) => link(context, `/council/${council.localAuthority.code}`, council.localAuthority.name),
        sort: (council) => council.localAuthority.name,
      },
      { label: 'Region', cell: (council) => council.localAuthority.regionName, sort: (council) => council.localAuthority.regionName },
      figureColumn('Coverage', 'rate', (council: CouncilRow) => council.figures.coverageRate),
      figureColumn('Matched', 'count', (council: CouncilRow) => council.figures.childrenMatched),
      figureColumn('Waiting', 'count', (council: CouncilRow) => council.figures.waiting),
      figureColumn('Median wait (days)', 'count', (council: CouncilRow) => council.figures.medianWaitDays),
      {
        label: 'Rank',
        numeric: true,
        cell: (council) => (council.rank ? ordinal(council.rank) : figureNode(null, 'count')),
        sort: (council) => council.rank ?? null,
      },
      {
        label: 'Quartile',
        numeric: true,
        cell: (council) => (council.quartile ? String(council.quartile) : figureNode(null, 'count')),
        sort: (council) => council.quartile ?? null,
      },
      figureColumn('Volunteers available', 'count', (council: CouncilRow) => council.volunteerPool?.volunteersAvailable),
      { label: 'Flags', cell: (council) => (insights.get(council.localAuthority.code)?.flags ?? []).map((flag) => [flagTag(flag), ' ']) },
    ],
  });
}
