import { ApiError } from '../api';
import { barChart, lineChart } from '../charts';
import { h, replaceChildren } from '../dom';
import { figureNode, formatDate, ordinal, SERVICE_NAMES, sortValue, flagTag } from '../format';
import type { Figure } from '../format';
import { cached, choosers, headlineCard, link, PageContext, provenance, symbolsHelp } from '../page';
import { ComparisonQuery, InsightsQuery, ReportingDatesQuery, SeriesQuery, TargetsQuery } from '../queries';
import { dataTable, figureColumn } from '../table';
import { CouncilRow, ENGLAND } from './national';
import { insightsTable, targetsTable } from './shared';

/** The region page: its councils against the region and England. */
export async function regionPage(context: PageContext, app: HTMLElement, code: string): Promise<void> {
  const { service } = context;
  const [dates, comparisonAnswer, insightsAnswer, targets, regionSeries, englandSeries] = await Promise.all([
    cached(ReportingDatesQuery, { service }),
    cached(ComparisonQuery, { service, date: context.date }),
    cached(InsightsQuery, { service, date: context.date }),
    // Unknown codes are the API's error, which the page shows.
    cached(TargetsQuery, { areaCode: code, service }),
    cached(SeriesQuery, { areaCode: code, service, to: context.date }),
    cached(SeriesQuery, { areaCode: ENGLAND, service, to: context.date }),
  ]);
  const comparison = comparisonAnswer.councilComparison;
  const region = comparison.regions.find((candidate) => candidate.regionCode === code);
  if (!region) throw new ApiError(`${code} is not an English region: expected a region code from E12000001 to E12000009.`, 'NOT_FOUND', 200);
  const councils = comparison.councils.filter((council) => council.localAuthority.regionCode === code);
  const insights = insightsAnswer.councilComparison;
  const councilInsights = new Map(insights.councils.map((row) => [row.localAuthority.code, row.insights]));
  const serviceName = SERVICE_NAMES[service];
  context.frame(`${region.regionName}: ${serviceName.toLowerCase()}`, [{ text: 'England', href: '/' }]);
  const byCoverage = [...councils].sort((a, b) => (sortValue(b.figures.coverageRate) ?? -1) - (sortValue(a.figures.coverageRate) ?? -1));

  replaceChildren(
    app,
    h('span', { class: 'govuk-caption-l' }, `Region · ${region.regionCode}`),
    h('h1', { class: 'govuk-heading-l' }, region.regionName),
    choosers(context, dates.reportingDates.monthEnds, comparison.date),
    provenance(comparison.date, comparison.refreshedAt, comparison.disclosureControlled),
    h('h2', { class: 'govuk-heading-m' }, `${serviceName} at ${formatDate(comparison.date)}`),
    h(
      'div',
      { class: 'tandem-cards' },
      headlineCard('Coverage', { figure: region.figures.coverageRate, kind: 'rate' }, [
        { label: 'England', node: figureNode(comparison.england.coverageRate, 'rate') },
      ]),
      headlineCard('Children matched', { figure: region.figures.childrenMatched, kind: 'count' }, [
        { label: 'Children looked after', node: figureNode(region.figures.childrenLookedAfter, 'count') },
      ]),
      headlineCard('Children waiting', { figure: region.figures.waiting, kind: 'count' }, [
        { label: 'Councils with a list', node: `${councils.filter((council) => council.figures.hasWaitingList).length} of ${councils.length}` },
      ]),
      headlineCard('Median wait so far', { figure: region.figures.medianWaitDays, kind: 'days' }, [
        { label: 'England', node: figureNode(comparison.england.medianWaitDays, 'days') },
      ]),
      headlineCard('Volunteers available', { figure: region.volunteerPool?.volunteersAvailable, kind: 'count' }, [
        { label: 'Per waiting child', node: figureNode(region.volunteerPool?.volunteersPerWaitingChild, 'ratio') },
      ]),
    ),
    symbolsHelp(),
    h('h2', { class: 'govuk-heading-m' }, 'Coverage of each council'),
    barChart({
      title: `Coverage of each council in ${region.regionName}, highest first, with the region's and England's rates`,
      summary: 'The table below gives the same figures.',
      kind: 'rate',
      bars: byCoverage.map((council) => ({ label: council.localAuthority.name, value: sortValue(council.figures.coverageRate) })),
      references: [
        { label: region.regionName, value: sortValue(region.figures.coverageRate), colour: '#d4351c', dash: 'dashed' },
        { label: 'England', value: sortValue(comparison.england.coverageRate), colour: '#0b0c0c', dash: 'dotted' },
      ],
    }),
    h('h2', { class: 'govuk-heading-m' }, 'Coverage since the start'),
    regionCoverageChart(region.regionName, regionSeries.areaTimeSeries, englandSeries.areaTimeSeries),
    dataTable({
      caption: `Councils in ${region.regionName}`,
      noun: 'councils',
      rows: councils,
      sortedBy: { column: 1, direction: 'descending' },
      rowAttributes: (council) => ({ 'data-council': council.localAuthority.code }),
      columns: [
        {
          label: 'Council',
          rowHeader: true,
          cell: (council) => link(context, `/council/${council.localAuthority.code}`, council.localAuthority.name),
          sort: (council) => council.localAuthority.name,
        },
        figureColumn('Coverage', 'rate', (council: CouncilRow) => council.figures.coverageRate),
        figureColumn('Matched', 'count', (council: CouncilRow) => council.figures.childrenMatched),
        figureColumn('Waiting', 'count', (council: CouncilRow) => council.figures.waiting),
        figureColumn('Median wait (days)', 'count', (council: CouncilRow) => council.figures.medianWaitDays),
        {
          label: 'Rank in England',
          numeric: true,
          cell: (council) => (council.rank ? ordinal(council.rank) : figureNode(null, 'count')),
          sort: (council) => council.rank ?? null,
        },
        figureColumn('Volunteers available', 'count', (council: CouncilRow) => council.volunteerPool?.volunteersAvailable),
        { label: 'Flags', cell: (council) => (councilInsights.get(council.localAuthority.code)?.flags ?? []).map((flag) => [flagTag(flag), ' ']) },
      ],
    }),
    insightsTable(`Insights: ${region.regionName} against England`, [
      { name: region.regionName, insights: insights.regions.find((candidate) => candidate.regionCode === code)?.insights },
      { name: 'England', insights: insights.englandInsights },
    ]),
    targetsTable(`Targets for ${region.regionName}`, targets.targets, () => region.regionName),
    h('p', { class: 'govuk-body' }, link(context, '/', 'All councils in England'), ` · England's code is ${ENGLAND}`),
  );
}

type Point = { date: string; figures: { coverageRate: { value: number | null; status: string } } };

/** The region's and England's coverage at each month end, with the figures in a table under the chart. */
function regionCoverageChart(name: string, region: Point[], england: Point[]): HTMLElement {
  const dates = england.map((point) => point.date);
  const value = (points: Point[], date: string) => {
    const figure = points.find((point) => point.date === date)?.figures.coverageRate;
    return figure && figure.status === 'OK' ? figure.value : null;
  };
  return h(
    'div',
    null,
    lineChart({
      title: `Coverage of children looked after, ${name} and England, at each month end`,
      summary: 'The table below gives each value.',
      dates,
      kind: 'rate',
      series: [
        { label: name, colour: '#d4351c', dash: 'dashed', values: dates.map((date) => value(region, date)) },
        { label: 'England', colour: '#0b0c0c', dash: 'dotted', values: dates.map((date) => value(england, date)) },
      ],
    }),
    h(
      'details',
      { class: 'govuk-details' },
      h('summary', { class: 'govuk-details__summary' }, h('span', { class: 'govuk-details__summary-text' }, 'Show the figures: coverage at each month end')),
      h(
        'div',
        { class: 'govuk-details__text tandem-table-scroll', role: 'region', 'aria-label': 'Coverage at each month end', tabindex: 0 },
        h(
          'table',
          { class: 'govuk-table govuk-table--small-text-until-tablet' },
          h('caption', { class: 'govuk-table__caption govuk-table__caption--s' }, `Coverage at each month end, ${name} and England`),
          h(
            'thead',
            { class: 'govuk-table__head' },
            h(
              'tr',
              { class: 'govuk-table__row' },
              ['Month end', name, 'England'].map((label, index) =>
                h('th', { scope: 'col', class: `govuk-table__header${index ? ' govuk-table__header--numeric' : ''}` }, label),
              ),
            ),
          ),
          h(
            'tbody',
            { class: 'govuk-table__body' },
            [...dates].reverse().map((date) =>
              h(
                'tr',
                { class: 'govuk-table__row' },
                h('th', { scope: 'row', class: 'govuk-table__header' }, formatDate(date)),
                [region, england].map((points) =>
                  h(
                    'td',
                    { class: 'govuk-table__cell govuk-table__cell--numeric' },
                    figureNode(points.find((point) => point.date === date)?.figures.coverageRate as Figure | undefined, 'rate'),
                  ),
                ),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}
