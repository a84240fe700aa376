import { ApiError } from '../api';
import { lineChart } from '../charts';
import { h, replaceChildren } from '../dom';
import { figureNode, formatDate, formatValue, ordinal, SERVICE_NAMES } from '../format';
import type { Figure } from '../format';
import type { DashboardSeriesQuery } from '../gql/graphql';
import { cached, choosers, headlineCard, link, PageContext, provenance, symbolsHelp } from '../page';
import { ComparisonQuery, CouncilQuery, InsightsQuery, ReportingDatesQuery, SeriesQuery, TargetsQuery } from '../queries';
import { ENGLAND } from './national';
import { activityPanel } from './activity';
import { insightsTable, targetsTable } from './shared';

type Point = DashboardSeriesQuery['areaTimeSeries'][number];

const LINES = {
  council: { colour: '#1d70b8', dash: 'solid' as const },
  region: { colour: '#d4351c', dash: 'dashed' as const },
  england: { colour: '#0b0c0c', dash: 'dotted' as const },
};

/** A figure's value when shown, else null (a gap in a line). */
const shown = (figure: Figure | null | undefined) => (figure && figure.status === 'OK' ? figure.value : null);

/** Children waiting per 100 looked after: the dashboard's own ratio, so councils, regions and England share an axis. */
function waitingPer100(point: Point | undefined): number | null {
  const waiting = shown(point?.figures.waiting);
  const lookedAfter = shown(point?.figures.childrenLookedAfter);
  return waiting === null || !lookedAfter ? null : Math.round((1000 * waiting) / lookedAfter) / 10;
}

/** The council page: headlines against region, England and statistical neighbours; series; pool; insights; targets. */
export async function councilPage(context: PageContext, app: HTMLElement, code: string): Promise<void> {
  const { service } = context;
  const to = context.date;
  const ownSeries = cached(SeriesQuery, { areaCode: code, service, to });
  const council = cached(CouncilQuery, { code }).then(async ({ localAuthority }) => {
    if (!localAuthority) {
      await ownSeries; // an unknown code is an error there, in the API's words
      throw new ApiError(`No council has the code ${code}: expected the ONS code of an English council, such as E06000001.`, 'NOT_FOUND', 200);
    }
    return localAuthority;
  });
  const regionSeries = council.then((found) => cached(SeriesQuery, { areaCode: found.regionCode, service, to }));
  // Promise.all reports the first failure; the others are handled here so none goes unhandled.
  for (const pending of [ownSeries, council, regionSeries]) pending.catch(() => undefined);
  const [authority, dates, comparisonAnswer, insightsAnswer, councilSeries, regionSeriesAnswer, englandSeries, targets, englandTargets] = await Promise.all([
    council,
    cached(ReportingDatesQuery, { service }),
    cached(ComparisonQuery, { service, date: context.date }),
    cached(InsightsQuery, { service, date: context.date }),
    ownSeries,
    regionSeries,
    cached(SeriesQuery, { areaCode: ENGLAND, service, to }),
    cached(TargetsQuery, { areaCode: code, service }),
    cached(TargetsQuery, { areaCode: ENGLAND, service }),
  ]);
  const comparison = comparisonAnswer.councilComparison;
  // Asked once the rest has arrived: its monthly series is the slowest question on a cold server,
  // and would otherwise hold up the questions the page is drawn from.
  const activity = Promise.resolve([authority, comparison.date] as const)
    .then(([found, date]) =>
      activityPanel(
        context,
        [
          { code: found.code, name: found.name },
          { code: found.regionCode, name: found.regionName },
          { code: ENGLAND, name: 'England' },
        ],
        date,
      ),
    )
    .catch((error: unknown) =>
      h(
        'div',
        null,
        h('h2', { class: 'govuk-heading-m', id: 'activity-heading' }, 'Activity'),
        h('p', { class: 'govuk-body' }, `The activity figures could not be shown: ${error instanceof Error ? error.message : String(error)}`),
      ),
    );
  // The activity arrives after the rest (its series is the slowest question on a cold server): the
  // page is ready without it, and the section fills in when it comes (data-activity-ready).
  const activitySection = h(
    'section',
    { id: 'activity', 'aria-labelledby': 'activity-heading', 'aria-busy': 'true' },
    h('h2', { class: 'govuk-heading-m', id: 'activity-heading' }, 'Activity'),
    h('p', { class: 'govuk-body', role: 'status' }, 'Loading the activity figures…'),
  );
  void activity.then((panel) => {
    if (!activitySection.isConnected) return; // the visitor has moved on
    replaceChildren(activitySection, panel);
    activitySection.removeAttribute('aria-busy');
    performance.mark('tandem:activity-ready');
    document.body.dataset.activityReady = authority.code;
  });
  const row = comparison.councils.find((candidate) => candidate.localAuthority.code === authority.code);
  const region = comparison.regions.find((candidate) => candidate.regionCode === authority.regionCode);
  const insights = insightsAnswer.councilComparison;
  const serviceName = SERVICE_NAMES[service];
  context.frame(`${authority.name}: ${serviceName.toLowerCase()}`, [
    { text: 'England', href: '/' },
    { text: authority.regionName, href: `/region/${authority.regionCode}` },
  ]);
  if (!row || !region) throw new ApiError(`${authority.name} has no figures on ${formatDate(comparison.date)}.`, 'NOT_FOUND', 200);

  const figures = row.figures;
  const neighbours = authority.statisticalNeighbours.map((neighbour) => ({
    ...neighbour,
    row: comparison.councils.find((candidate) => candidate.localAuthority.code === neighbour.code),
  }));
  const dateList = englandSeries.areaTimeSeries.map((point) => point.date);
  const byDate = (points: Point[]) => new Map(points.map((point) => [point.date, point]));
  const series = {
    council: byDate(councilSeries.areaTimeSeries),
    region: byDate(regionSeriesAnswer.areaTimeSeries),
    england: byDate(englandSeries.areaTimeSeries),
  };
  const names = { council: authority.name, region: authority.regionName, england: 'England' };
  const areas = ['council', 'region', 'england'] as const;

  const coverageChart = lineChart({
    title: `Coverage of children looked after, ${authority.name}, ${authority.regionName} and England`,
    summary: `Monthly from ${formatDate(dateList[0])} to ${formatDate(dateList[dateList.length - 1])}; the table below gives each value.`,
    dates: dateList,
    kind: 'rate',
    series: areas.map((area) => ({ label: names[area], ...LINES[area], values: dateList.map((date) => shown(series[area].get(date)?.figures.coverageRate)) })),
  });
  const waitingChart = lineChart({
    title: `Children waiting per 100 looked after, ${authority.name}, ${authority.regionName} and England`,
    summary: `Monthly from ${formatDate(dateList[0])} to ${formatDate(dateList[dateList.length - 1])}; the table below gives each value and the number waiting.`,
    dates: dateList,
    kind: 'decimal',
    series: areas.map((area) => ({ label: names[area], ...LINES[area], values: dateList.map((date) => waitingPer100(series[area].get(date))) })),
  });

  const seriesTable = (caption: string, cells: (point: Point | undefined) => Node[]) =>
    h(
      'details',
      { class: 'govuk-details' },
      h('summary', { class: 'govuk-details__summary' }, h('span', { class: 'govuk-details__summary-text' }, `Show the figures: ${caption.toLowerCase()}`)),
      h(
        'div',
        { class: 'govuk-details__text tandem-table-scroll', role: 'region', 'aria-label': caption, tabindex: 0 },
        h(
          'table',
          { class: 'govuk-table govuk-table--small-text-until-tablet' },
          h('caption', { class: 'govuk-table__caption govuk-table__caption--s' }, caption),
          h(
            'thead',
            { class: 'govuk-table__head' },
            h(
              'tr',
              { class: 'govuk-table__row' },
              h('th', { scope: 'col', class: 'govuk-table__header' }, 'Month end'),
              areas.map((area) => h('th', { scope: 'col', class: 'govuk-table__header govuk-table__header--numeric' }, names[area])),
            ),
          ),
          h(
            'tbody',
            { class: 'govuk-table__body' },
            [...dateList].reverse().map((date) =>
              h(
                'tr',
                { class: 'govuk-table__row' },
                h('th', { scope: 'row', class: 'govuk-table__header' }, formatDate(date)),
                areas.map((area) => h('td', { class: 'govuk-table__cell govuk-table__cell--numeric' }, cells(series[area].get(date)))),
              ),
            ),
          ),
        ),
      ),
    );

  const pool = row.volunteerPool;
  replaceChildren(
    app,
    h('span', { class: 'govuk-caption-l' }, `${authority.regionName} · ${authority.code}`),
    h('h1', { class: 'govuk-heading-l' }, authority.name),
    choosers(context, dates.reportingDates.monthEnds, comparison.date),
    provenance(comparison.date, comparison.refreshedAt, comparison.disclosureControlled),
    h('h2', { class: 'govuk-heading-m' }, `${serviceName} at ${formatDate(comparison.date)}`),
    h(
      'div',
      { class: 'tandem-cards' },
      headlineCard('Coverage', { figure: figures.coverageRate, kind: 'rate' }, [
        { label: authority.regionName, node: figureNode(region.figures.coverageRate, 'rate') },
        { label: 'England', node: figureNode(comparison.england.coverageRate, 'rate') },
        { label: 'Statistical neighbours (median)', node: figureNode(row.statisticalNeighbourMedianRate, 'rate') },
        {
          label: 'Rank among councils',
          node: row.rank ? `${ordinal(row.rank)} of ${comparison.councils.length} (quartile ${row.quartile})` : figureNode(null, 'count'),
        },
      ]),
      headlineCard('Children matched', { figure: figures.childrenMatched, kind: 'count' }, [
        { label: 'Children looked after', node: [figureNode(figures.childrenLookedAfter, 'count'), ` (31 March ${figures.childrenLookedAfterYear ?? ''})`] },
      ]),
      headlineCard('Children waiting', { figure: figures.waiting, kind: 'count' }, [
        { label: 'Waiting list', node: figures.hasWaitingList === null ? figureNode(null, 'count') : figures.hasWaitingList ? 'Yes' : 'No' },
        { label: `${authority.regionName}`, node: figureNode(region.figures.waiting, 'count') },
        { label: 'England', node: figureNode(comparison.england.waiting, 'count') },
      ]),
      headlineCard('Median wait so far', { figure: figures.medianWaitDays, kind: 'days' }, [
        { label: '90th percentile', node: figureNode(figures.p90WaitDays, 'days') },
        { label: authority.regionName, node: figureNode(region.figures.medianWaitDays, 'days') },
        { label: 'England', node: figureNode(comparison.england.medianWaitDays, 'days') },
      ]),
    ),
    symbolsHelp(),
    h('h2', { class: 'govuk-heading-m' }, 'Since the start'),
    h('h3', { class: 'govuk-heading-s' }, 'Coverage'),
    coverageChart,
    seriesTable('Coverage at each month end', (point) => [figureNode(point?.figures.coverageRate, 'rate')]),
    h('h3', { class: 'govuk-heading-s' }, 'Waiting list'),
    waitingChart,
    seriesTable('Children waiting at each month end, and per 100 looked after', (point) => {
      const ratio = waitingPer100(point);
      return [figureNode(point?.figures.waiting, 'count'), document.createTextNode(ratio === null ? '' : ` (${formatValue(ratio, 'decimal')} per 100)`)];
    }),
    activitySection,
    h('h2', { class: 'govuk-heading-m' }, 'Volunteer pool'),
    h(
      'dl',
      { class: 'govuk-summary-list', 'data-pool': '' },
      [
        ['Volunteers available', figureNode(pool?.volunteersAvailable, 'count'), figureNode(region.volunteerPool?.volunteersAvailable, 'count')],
        ['Children waiting', figureNode(pool?.childrenWaiting, 'count'), figureNode(region.volunteerPool?.childrenWaiting, 'count')],
        [
          'Volunteers per waiting child',
          figureNode(pool?.volunteersPerWaitingChild, 'ratio'),
          figureNode(region.volunteerPool?.volunteersPerWaitingChild, 'ratio'),
        ],
      ].map(([label, value, regionValue]) =>
        h(
          'div',
          { class: 'govuk-summary-list__row' },
          h('dt', { class: 'govuk-summary-list__key' }, label),
          h('dd', { class: 'govuk-summary-list__value' }, value),
          h('dd', { class: 'govuk-summary-list__actions govuk-body-s' }, `${authority.regionName}: `, regionValue),
        ),
      ),
    ),
    h(
      'p',
      { class: 'govuk-body-s' },
      'Available: approved volunteers living in the area, with a valid DBS check, spare capacity and a provider commissioned for the service.',
    ),
    insightsTable(`Insights: ${authority.name} against ${authority.regionName} and England`, [
      { name: authority.name, insights: insights.councils.find((candidate) => candidate.localAuthority.code === authority.code)?.insights },
      { name: authority.regionName, insights: insights.regions.find((candidate) => candidate.regionCode === authority.regionCode)?.insights },
      { name: 'England', insights: insights.englandInsights },
    ]),
    targetsTable(`Targets for ${authority.name}`, targets.targets, () => authority.name),
    englandTargets.targets.length ? targetsTable('Targets for England', englandTargets.targets, () => 'England') : null,
    h(
      'table',
      { class: 'govuk-table' },
      h('caption', { class: 'govuk-table__caption govuk-table__caption--m' }, 'Statistical neighbours'),
      h(
        'thead',
        { class: 'govuk-table__head' },
        h(
          'tr',
          { class: 'govuk-table__row' },
          ['Council', 'Coverage', 'Waiting', 'Median wait (days)'].map((label, index) =>
            h('th', { scope: 'col', class: `govuk-table__header${index ? ' govuk-table__header--numeric' : ''}` }, label),
          ),
        ),
      ),
      h(
        'tbody',
        { class: 'govuk-table__body' },
        neighbours.map((neighbour) =>
          h(
            'tr',
            { class: 'govuk-table__row' },
            h('th', { scope: 'row', class: 'govuk-table__header' }, link(context, `/council/${neighbour.code}`, neighbour.name)),
            h('td', { class: 'govuk-table__cell govuk-table__cell--numeric' }, figureNode(neighbour.row?.figures.coverageRate, 'rate')),
            h('td', { class: 'govuk-table__cell govuk-table__cell--numeric' }, figureNode(neighbour.row?.figures.waiting, 'count')),
            h('td', { class: 'govuk-table__cell govuk-table__cell--numeric' }, figureNode(neighbour.row?.figures.medianWaitDays, 'count')),
          ),
        ),
      ),
    ),
  );
}
