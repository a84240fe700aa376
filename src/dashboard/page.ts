import { ApiError, request } from './api';
import { Child, h } from './dom';
import { figureNode, formatDate, formatDateTime, SERVICE_NAMES } from './format';
import type { Figure, Kind } from './format';
import type { Service, TypedDocumentString } from './gql/graphql';

/** What every page is given: the selected service and date, and the way to other pages. */
export type PageContext = {
  service: Service;
  /** The reporting date asked for in the address (?date=); null means the latest. */
  date: string | null;
  /** Path with the current service and date kept. */
  href: (path: string) => string;
  navigate: (path: string) => void;
  /** Sets the document title and the breadcrumbs. */
  frame: (title: string, breadcrumbs: { text: string; href?: string }[]) => void;
};

const answers = new Map<string, Promise<unknown>>();

/** A query's answer, asked once per visit (the national views change only when the reports refresh). */
export function cached<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, variables: TVariables): Promise<TResult> {
  const key = `${document.toString()}\u0000${JSON.stringify(variables)}`;
  let answer = answers.get(key) as Promise<TResult> | undefined;
  if (!answer) {
    answer = request(document, variables);
    answers.set(key, answer);
    answer.catch(() => answers.delete(key));
  }
  return answer;
}

export function forgetAnswers(): void {
  answers.clear();
}

/** An internal link that the router follows without reloading. */
export function link(context: PageContext, path: string, text: Child, attributes: Record<string, string> = {}): HTMLAnchorElement {
  return h('a', { class: 'govuk-link', href: context.href(path), 'data-link': '', ...attributes }, text);
}

/** "Figures at 30 November 2026, refreshed 1 December 2026 at 02:31 (UK time)". */
export function provenance(date: string, refreshedAt: string | null | undefined, disclosureControlled?: boolean): HTMLElement {
  return h(
    'p',
    { class: 'govuk-body-s', 'data-provenance': '' },
    `Figures at ${formatDate(date)}, refreshed ${formatDateTime(refreshedAt)}.`,
    disclosureControlled === undefined
      ? null
      : disclosureControlled
        ? ' Disclosure-controlled: small counts are withheld (c) to protect children. Paste a token below to see what your role sees.'
        : ' Unsuppressed figures, as your role allows.',
  );
}

/** A GOV.UK summary card holding one headline figure and its comparisons. */
export function headlineCard(
  title: string,
  main: { figure: Figure | null | undefined; kind: Kind },
  comparisons: { label: string; node: Child }[],
): HTMLElement {
  return h(
    'div',
    { class: 'govuk-summary-card' },
    h('div', { class: 'govuk-summary-card__title-wrapper' }, h('h3', { class: 'govuk-summary-card__title' }, title)),
    h(
      'div',
      { class: 'govuk-summary-card__content' },
      h(
        'p',
        { class: 'govuk-body govuk-!-margin-bottom-2' },
        h('span', { class: 'tandem-big-number', 'data-headline': title }, figureNode(main.figure, main.kind)),
      ),
      comparisons.length
        ? h(
            'ul',
            { class: 'tandem-card-comparisons govuk-body-s govuk-!-margin-bottom-0' },
            comparisons.map((comparison) => h('li', null, `${comparison.label}: `, h('strong', null, comparison.node))),
          )
        : null,
    ),
  );
}

/** The service and reporting date chooser: a GET form, so it works like any GOV.UK filter. */
export function choosers(context: PageContext, monthEnds: string[], shownDate: string): HTMLElement {
  const form = h(
    'form',
    {
      method: 'get',
      class: 'govuk-!-margin-bottom-6',
      onsubmit: (event: Event) => {
        event.preventDefault();
        const data = new FormData(event.target as HTMLFormElement);
        const query = new URLSearchParams();
        const service = String(data.get('service'));
        const date = String(data.get('date'));
        if (service !== 'INDEPENDENT_VISITOR') query.set('service', service);
        if (date && date !== monthEnds[monthEnds.length - 1]) query.set('date', date);
        context.navigate(`${location.pathname}${query.size ? `?${query}` : ''}`);
      },
    },
    h(
      'div',
      { class: 'govuk-form-group govuk-!-display-inline-block govuk-!-margin-right-4 govuk-!-margin-bottom-2' },
      h('label', { class: 'govuk-label', for: 'service' }, 'Service'),
      h(
        'select',
        { class: 'govuk-select', id: 'service', name: 'service' },
        (Object.keys(SERVICE_NAMES) as Service[]).map((service) =>
          h('option', { value: service, selected: service === context.service }, SERVICE_NAMES[service]),
        ),
      ),
    ),
    h(
      'div',
      { class: 'govuk-form-group govuk-!-display-inline-block govuk-!-margin-right-4 govuk-!-margin-bottom-2' },
      h('label', { class: 'govuk-label', for: 'date' }, 'Reporting date'),
      h(
        'select',
        { class: 'govuk-select', id: 'date', name: 'date' },
        [...monthEnds]
          .reverse()
          .map((date, index) => h('option', { value: date, selected: date === shownDate }, `${formatDate(date)}${index === 0 ? ' (latest)' : ''}`)),
      ),
    ),
    h('button', { type: 'submit', class: 'govuk-button govuk-button--secondary govuk-!-margin-bottom-2', 'data-module': 'govuk-button' }, 'Show figures'),
  );
  return form;
}

/** What c, low, z and x mean, once per page. */
export function symbolsHelp(): HTMLElement {
  return h(
    'details',
    { class: 'govuk-details' },
    h('summary', { class: 'govuk-details__summary' }, h('span', { class: 'govuk-details__summary-text' }, 'What c, low, z and x mean')),
    h(
      'div',
      { class: 'govuk-details__text' },
      h(
        'dl',
        { class: 'govuk-summary-list' },
        [
          ['c', 'Withheld to protect confidentiality: a small count, or one that would reveal a small count. Researchers and anonymous visitors see these.'],
          ['low', 'Not zero, but rounds to zero (England and region counts are rounded to 10).'],
          ['z', 'Does not apply, for example no child is waiting.'],
          ['x', 'Not available: not collected, or not yet known.'],
        ].map(([symbol, meaning]) =>
          h(
            'div',
            { class: 'govuk-summary-list__row' },
            h('dt', { class: 'govuk-summary-list__key' }, symbol),
            h('dd', { class: 'govuk-summary-list__value' }, meaning),
          ),
        ),
      ),
    ),
  );
}

/** A page that could not be drawn: "not found" for a code the API does not know, else the API's message. */
export function errorPage(error: unknown, what: string): HTMLElement[] {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') {
    return [
      h('h1', { class: 'govuk-heading-l' }, 'Your token was not accepted'),
      h('p', { class: 'govuk-body' }, 'Sign out at the foot of the page to see the figures anyone may see, or paste a new token.'),
      h('div', { class: 'govuk-inset-text', 'data-api-error': '' }, `The API said: ${message}`),
    ];
  }
  const notFound = error instanceof ApiError && (/unknown|not found|expected|abolished/i.test(message) || error.code === 'NOT_FOUND');
  return [
    h('h1', { class: 'govuk-heading-l' }, notFound ? 'Page not found' : 'Sorry, there is a problem with the figures'),
    h('p', { class: 'govuk-body' }, notFound ? `Tandem has no ${what}.` : `The ${what} could not be shown.`),
    h('div', { class: 'govuk-inset-text', 'data-api-error': '' }, error instanceof ApiError ? `The API said: ${message}` : `The dashboard failed: ${message}`),
    h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: '/', 'data-link': '' }, 'Go to the figures for England')),
  ];
}
