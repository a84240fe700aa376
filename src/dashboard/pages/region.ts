import { ApiError } from '../api';
import { barChart } from '../charts';
import { h, replaceChildren } from '../dom';
import { figureNode, formatDate, ordinal, SERVICE_NAMES, sortValue, flagTag } from '../format';
import { cached, choosers, headlineCard, link, PageContext, provenance, symbolsHelp } from '../page';
import { ComparisonQuery, InsightsQuery, ReportingDatesQuery, TargetsQuery } from '../queries';
import { dataTable } from '../table';
import { ENGLAND } from './national';
import { insightsTable, targetsTable } from './shared';

/** The region page: its councils against the region and England. */
export async function regionPage(context: PageContext, app: HTMLElement, code: string): Promise<void> {
  const { service } = context;
  const [dates, comparisonAnswer, insightsAnswer, targets] = await Promise.all([
    cached(ReportingDatesQuery, { service }),
    cached(ComparisonQuery, { service, date: context.date }),
    cached(InsightsQuery, { service, date: context.date }),
    // Unknown codes are the API's error, which the page shows.
    cached(TargetsQuery, { areaCode: code, service }),
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
        {
          label: 'Coverage',
          numeric: true,
          cell: (council) => figureNode(council.figures.coverageRate, 'rate'),
          sort: (council) => sortValue(council.figures.coverageRate),
        },
        {
          label: 'Matched',
          numeric: true,
          cell: (council) => figureNode(council.figures.childrenMatched, 'count'),
          sort: (council) => sortValue(council.figures.childrenMatched),
        },
        {
          label: 'Waiting',
          numeric: true,
          cell: (council) => figureNode(council.figures.waiting, 'count'),
          sort: (council) => sortValue(council.figures.waiting),
        },
        {
          label: 'Median wait (days)',
          numeric: true,
          cell: (council) => figureNode(council.figures.medianWaitDays, 'count'),
          sort: (council) => sortValue(council.figures.medianWaitDays),
        },
        {
          label: 'Rank in England',
          numeric: true,
          cell: (council) => (council.rank ? ordinal(council.rank) : figureNode(null, 'count')),
          sort: (council) => council.rank ?? null,
        },
        {
          label: 'Volunteers available',
          numeric: true,
          cell: (council) => figureNode(council.volunteerPool?.volunteersAvailable, 'count'),
          sort: (council) => sortValue(council.volunteerPool?.volunteersAvailable),
        },
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
