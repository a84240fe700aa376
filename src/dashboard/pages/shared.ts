import { h } from '../dom';
import { figureNode, flagTag, formatDate, formatValue, Kind } from '../format';
import type { DashboardInsightsQuery, DashboardTargetsQuery } from '../gql/graphql';
import { dataTable } from '../table';

export type Insights = DashboardInsightsQuery['councilComparison']['englandInsights'];
export type Target = DashboardTargetsQuery['targets'][number];

const INSIGHT_ROWS: { key: Exclude<keyof Insights, 'flags'>; label: string; kind: Kind }[] = [
  { key: 'referralsPer100LookedAfter', label: 'Referrals in 12 months per 100 looked after', kind: 'decimal' },
  { key: 'socialWorkerReferralShare', label: 'Share of referrals from social workers', kind: 'rate' },
  { key: 'coverageChange12Months', label: 'Change in coverage over 12 months', kind: 'points' },
  { key: 'monthsToClearWaitingList', label: 'Months to clear the waiting list at the last 6 months’ pace', kind: 'months' },
];

/** The insights of one or more areas side by side (METRICS.md "Insights"), with their flags. */
export function insightsTable(caption: string, areas: { name: string; insights: Insights | null | undefined }[]): HTMLElement {
  return h(
    'table',
    { class: 'govuk-table', 'data-insights': '' },
    h('caption', { class: 'govuk-table__caption govuk-table__caption--m' }, caption),
    h(
      'thead',
      { class: 'govuk-table__head' },
      h(
        'tr',
        { class: 'govuk-table__row' },
        h('th', { scope: 'col', class: 'govuk-table__header' }, 'Insight'),
        areas.map((area) => h('th', { scope: 'col', class: 'govuk-table__header govuk-table__header--numeric' }, area.name)),
      ),
    ),
    h(
      'tbody',
      { class: 'govuk-table__body' },
      INSIGHT_ROWS.map((row) =>
        h(
          'tr',
          { class: 'govuk-table__row' },
          h('th', { scope: 'row', class: 'govuk-table__header' }, row.label),
          areas.map((area) => h('td', { class: 'govuk-table__cell govuk-table__cell--numeric' }, figureNode(area.insights?.[row.key], row.kind))),
        ),
      ),
      h(
        'tr',
        { class: 'govuk-table__row' },
        h('th', { scope: 'row', class: 'govuk-table__header' }, 'Flags raised'),
        areas.map((area) =>
          h(
            'td',
            { class: 'govuk-table__cell govuk-table__cell--numeric' },
            area.insights?.flags.length ? area.insights.flags.map((flag) => [flagTag(flag), ' ']) : 'None',
          ),
        ),
      ),
    ),
  );
}

/** Targets with their current value and projection. */
export function targetsTable(caption: string, targets: Target[], areaName: (code: string) => string): HTMLElement {
  if (!targets.length)
    return h('div', null, h('h2', { class: 'govuk-heading-m' }, caption), h('p', { class: 'govuk-body' }, 'No target has been set here for this service.'));
  const kind = (target: Target): Kind => (target.metric === 'COVERAGE_RATE' ? 'rate' : 'count');
  return dataTable({
    caption,
    noun: 'targets',
    rows: targets,
    columns: [
      { label: 'Target', rowHeader: true, cell: (target) => target.name, sort: (target) => target.name },
      { label: 'Area', cell: (target) => areaName(target.areaCode) },
      { label: 'Goal', numeric: true, cell: (target) => formatValue(target.value, kind(target)) },
      { label: 'By', cell: (target) => formatDate(target.dueOn), sort: (target) => target.dueOn },
      { label: 'Now', numeric: true, cell: (target) => figureNode(target.current, kind(target)) },
      { label: 'Projected to reach it', cell: (target) => (target.projectedOn ? formatDate(target.projectedOn) : 'Not on the current trend') },
      {
        label: 'On track',
        cell: (target) =>
          target.onTrack === null
            ? h('strong', { class: 'govuk-tag govuk-tag--grey' }, 'Too early to tell')
            : target.onTrack
              ? h('strong', { class: 'govuk-tag govuk-tag--green' }, 'On track')
              : h('strong', { class: 'govuk-tag govuk-tag--red' }, 'Off track'),
      },
    ],
  });
}
