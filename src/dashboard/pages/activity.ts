import { lineChart } from '../charts';
import { h } from '../dom';
import { figureNode, formatDate, Kind } from '../format';
import type { Figure } from '../format';
import type { ActivityPeriod, DashboardActivityFiguresQuery, EndReason, ReferralSource } from '../gql/graphql';
import { cached, PageContext } from '../page';
import { ActivityFiguresQuery, ActivitySeriesQuery, ActivitySourcesQuery } from '../queries';

type Area = { code: string; name: string };
type Activity = DashboardActivityFiguresQuery['areaTimeSeries'][number]['activity'];

const SOURCE_NAMES: Record<ReferralSource, string> = {
  SOCIAL_WORKER: 'Social worker',
  TEACHER: 'Teacher',
  FOSTER_CARER: 'Foster carer',
  RESIDENTIAL_WORKER: 'Residential worker',
  PERSONAL_ADVISER: 'Personal adviser',
  INDEPENDENT_REVIEWING_OFFICER: 'Independent reviewing officer',
  SELF: 'The young person (self-referral)',
  OTHER: 'Other',
};

const REASON_NAMES: Record<EndReason, string> = {
  CHILD_LEFT_CARE: 'Child left care',
  CHILD_OBJECTED: 'Child objected',
  COUNCIL_ENDED: 'Council ended it',
  OTHER: 'Other',
  PLANNED_ENDING: 'Planned ending',
  VOLUNTEER_RESIGNED: 'Volunteer resigned',
};

const PERIODS: Record<ActivityPeriod, string> = { MONTH: 'The month', YEAR_TO_31_MARCH: 'The year to 31 March' };

export function periodOf(): ActivityPeriod {
  return new URLSearchParams(location.search).get('period') === 'YEAR_TO_31_MARCH' ? 'YEAR_TO_31_MARCH' : 'MONTH';
}

/** A table of areas (columns) by rows of figures. */
function figuresTable(
  caption: string,
  areas: Area[],
  rows: { label: string; kind: Kind; figure: (index: number) => Figure | null | undefined }[],
): HTMLElement {
  return h(
    'table',
    { class: 'govuk-table', 'data-activity': caption },
    h('caption', { class: 'govuk-table__caption govuk-table__caption--s' }, caption),
    h(
      'thead',
      { class: 'govuk-table__head' },
      h(
        'tr',
        { class: 'govuk-table__row' },
        h('th', { scope: 'col', class: 'govuk-table__header' }, 'Figure'),
        areas.map((area) => h('th', { scope: 'col', class: 'govuk-table__header govuk-table__header--numeric' }, area.name)),
      ),
    ),
    h(
      'tbody',
      { class: 'govuk-table__body' },
      rows.map((row) =>
        h(
          'tr',
          { class: 'govuk-table__row' },
          h('th', { scope: 'row', class: 'govuk-table__header' }, row.label),
          areas.map((_area, index) => h('td', { class: 'govuk-table__cell govuk-table__cell--numeric' }, figureNode(row.figure(index), row.kind))),
        ),
      ),
    ),
  );
}

/**
 * The council page's period activity: referrals (and by source), time to match, matches started
 * and ended (and why they ended), sustained relationships and volunteers approved, for the council,
 * its region and England, in the month or the year to 31 March ending at the reporting date; and the
 * council's monthly referrals and matches since the start.
 */
export async function activityPanel(context: PageContext, areas: Area[], date: string): Promise<HTMLElement> {
  const period = periodOf();
  const { service } = context;
  const [figures, sources, series] = await Promise.all([
    Promise.all(areas.map((area) => cached(ActivityFiguresQuery, { areaCode: area.code, service, date, period }))),
    Promise.all(areas.map((area) => cached(ActivitySourcesQuery, { areaCode: area.code, service, date, period }))),
    cached(ActivitySeriesQuery, { areaCode: areas[0].code, service, to: context.date }),
  ]);
  const activity = figures.map((answer) => answer.areaTimeSeries[0]?.activity as Activity | undefined);
  const bySource = sources.map((answer) => answer.areaTimeSeries[0]?.activity.referralsBySource ?? []);
  const first = activity[0];
  const periodText = first?.periodStart && first.periodEnd ? `${formatDate(first.periodStart)} to ${formatDate(first.periodEnd)}` : formatDate(date);
  const points = series.areaTimeSeries;
  const shown = (figure: Figure) => (figure.status === 'OK' ? figure.value : null);

  const query = new URLSearchParams(location.search);
  return h(
    'div',
    null,
    h('h2', { class: 'govuk-heading-m', id: 'activity-heading' }, `Activity: ${PERIODS[period].toLowerCase()}, ${periodText}`),
    h(
      'form',
      {
        method: 'get',
        onsubmit: (event: Event) => {
          event.preventDefault();
          const chosen = new FormData(event.target as HTMLFormElement).get('period');
          if (chosen === 'YEAR_TO_31_MARCH') query.set('period', 'YEAR_TO_31_MARCH');
          else query.delete('period');
          context.navigate(`${location.pathname}${query.size ? `?${query}` : ''}#activity`);
        },
      },
      h(
        'div',
        { class: 'govuk-form-group govuk-!-display-inline-block govuk-!-margin-right-4 govuk-!-margin-bottom-2' },
        h('label', { class: 'govuk-label', for: 'period' }, 'Period'),
        h(
          'select',
          { class: 'govuk-select', id: 'period', name: 'period' },
          (Object.keys(PERIODS) as ActivityPeriod[]).map((value) =>
            h('option', { value, selected: value === period }, `${PERIODS[value]} ending on the reporting date`),
          ),
        ),
      ),
      h('button', { type: 'submit', class: 'govuk-button govuk-button--secondary govuk-!-margin-bottom-2' }, 'Show activity'),
    ),
    figuresTable(`Activity, ${periodText}`, areas, [
      { label: 'Referrals received', kind: 'count', figure: (index) => activity[index]?.referralsReceived },
      { label: 'Median days from acceptance to match', kind: 'count', figure: (index) => activity[index]?.medianDaysToMatch },
      { label: 'Matches started', kind: 'count', figure: (index) => activity[index]?.matchesStarted },
      { label: 'Matches ended', kind: 'count', figure: (index) => activity[index]?.matchesEnded },
      { label: 'Matches lasting a year (of those started a year before)', kind: 'rate', figure: (index) => activity[index]?.sustainedRate },
      { label: 'Volunteers approved at the period end', kind: 'count', figure: (index) => activity[index]?.volunteersApproved },
    ]),
    figuresTable(
      `Referrals by source, ${periodText}`,
      areas,
      (Object.keys(SOURCE_NAMES) as ReferralSource[]).map((source) => ({
        label: SOURCE_NAMES[source],
        kind: 'count' as const,
        figure: (index: number) => bySource[index].find((entry) => entry.source === source)?.figure,
      })),
    ),
    figuresTable(
      `Matches ended, by reason, ${periodText}`,
      areas,
      (Object.keys(REASON_NAMES) as EndReason[]).map((reason) => ({
        label: REASON_NAMES[reason],
        kind: 'count' as const,
        figure: (index: number) => activity[index]?.endingsByReason.find((entry) => entry.reason === reason)?.figure,
      })),
    ),
    h('h3', { class: 'govuk-heading-s' }, `${areas[0].name}: referrals and matches each month`),
    h('p', { class: 'govuk-body-s' }, 'A line has a gap where a month’s figure is withheld (c) or not available.'),
    lineChart({
      title: `Referrals received, matches started and matches ended each month in ${areas[0].name}`,
      summary: 'The table below gives each month’s figures. A line has a gap where a month’s figure is withheld (c) or not available.',
      dates: points.map((point) => point.date),
      kind: 'count',
      series: [
        { label: 'Referrals received', colour: '#1d70b8', dash: 'solid', values: points.map((point) => shown(point.activity.referralsReceived)) },
        { label: 'Matches started', colour: '#00703c', dash: 'dashed', values: points.map((point) => shown(point.activity.matchesStarted)) },
        { label: 'Matches ended', colour: '#d4351c', dash: 'dotted', values: points.map((point) => shown(point.activity.matchesEnded)) },
      ],
    }),
    h(
      'details',
      { class: 'govuk-details' },
      h('summary', { class: 'govuk-details__summary' }, h('span', { class: 'govuk-details__summary-text' }, 'Show the figures: activity each month')),
      h(
        'div',
        { class: 'govuk-details__text tandem-table-scroll', role: 'region', 'aria-label': 'Activity each month', tabindex: 0 },
        h(
          'table',
          { class: 'govuk-table govuk-table--small-text-until-tablet' },
          h('caption', { class: 'govuk-table__caption govuk-table__caption--s' }, `${areas[0].name}: activity each month`),
          h(
            'thead',
            { class: 'govuk-table__head' },
            h(
              'tr',
              { class: 'govuk-table__row' },
              ['Month ending', 'Referrals received', 'Matches started', 'Matches ended', 'Median days to match'].map((label, index) =>
                h('th', { scope: 'col', class: `govuk-table__header${index ? ' govuk-table__header--numeric' : ''}` }, label),
              ),
            ),
          ),
          h(
            'tbody',
            { class: 'govuk-table__body' },
            [...points].reverse().map((point) =>
              h(
                'tr',
                { class: 'govuk-table__row' },
                h('th', { scope: 'row', class: 'govuk-table__header' }, formatDate(point.date)),
                [point.activity.referralsReceived, point.activity.matchesStarted, point.activity.matchesEnded, point.activity.medianDaysToMatch].map((figure) =>
                  h('td', { class: 'govuk-table__cell govuk-table__cell--numeric' }, figureNode(figure, 'count')),
                ),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}
