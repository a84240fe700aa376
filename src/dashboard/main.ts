import './styles.scss';
import { createAll, ServiceNavigation, SkipLink } from 'govuk-frontend';
import { ApiError, currentToken, request, setToken } from './api';
import { h, replaceChildren } from './dom';
import type { Service } from './gql/graphql';
import { errorPage, forgetAnswers, PageContext } from './page';
import { councilPage } from './pages/council';
import { nationalPage } from './pages/national';
import { regionPage } from './pages/region';
import { ViewerQuery } from './queries';

/**
 * The reference dashboard: a single page that draws the national, region and council pages from
 * the public GraphQL API. The address holds the page (/, /region/<code>, /council/<code>) and the
 * choices (?service=MENTORING&date=2026-10-31), so every view can be bookmarked and shared.
 * When a page is drawn it marks `tandem:ready` (Performance API) and sets data-ready on <body>,
 * which the browser tests and the bench wait for.
 */

document.body.classList.add('js-enabled', 'govuk-frontend-supported');
createAll(SkipLink);
createAll(ServiceNavigation);

const app = document.getElementById('app')!;
const main = document.getElementById('main-content')!;
const breadcrumbs = document.getElementById('breadcrumbs')!;
const SERVICES: Service[] = ['INDEPENDENT_VISITOR', 'MENTORING'];
let firstRender = true;

function parseChoices(): { service: Service; date: string | null } {
  const query = new URLSearchParams(location.search);
  const service = query.get('service') as Service | null;
  const date = query.get('date');
  return { service: service && SERVICES.includes(service) ? service : 'INDEPENDENT_VISITOR', date: date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null };
}

function navigate(path: string): void {
  history.pushState(null, '', path);
  void render();
}

function contextFor(): PageContext {
  const choices = parseChoices();
  const query = new URLSearchParams();
  if (choices.service !== 'INDEPENDENT_VISITOR') query.set('service', choices.service);
  if (choices.date) query.set('date', choices.date);
  const suffix = query.size ? `?${query}` : '';
  return {
    ...choices,
    href: (path) => `${path}${suffix}`,
    navigate,
    frame: (title, trail) => {
      document.title = `${title} – Tandem`;
      breadcrumbs.hidden = trail.length === 0;
      replaceChildren(
        breadcrumbs,
        h(
          'ol',
          { class: 'govuk-breadcrumbs__list' },
          trail.map((item) =>
            h(
              'li',
              { class: 'govuk-breadcrumbs__list-item' },
              item.href ? h('a', { class: 'govuk-breadcrumbs__link', href: `${item.href}${suffix}`, 'data-link': '' }, item.text) : item.text,
            ),
          ),
        ),
      );
    },
  };
}

async function render(): Promise<void> {
  delete document.body.dataset.ready;
  delete document.body.dataset.activityReady;
  const context = contextFor();
  const [, section, code, ...rest] = location.pathname.split('/');
  if (!firstRender) {
    replaceChildren(app, h('p', { class: 'govuk-body', role: 'status' }, 'Loading the figures…'));
    main.focus();
  }
  firstRender = false;
  try {
    if (!section) await nationalPage(context, app);
    else if (section === 'region' && code && !rest.length) await regionPage(context, app, decodeURIComponent(code));
    else if (section === 'council' && code && !rest.length) await councilPage(context, app, decodeURIComponent(code));
    else {
      context.frame('Page not found', []);
      replaceChildren(
        app,
        errorPage(new ApiError(`No page at ${location.pathname}: expected /, /region/<code> or /council/<code>.`, 'NOT_FOUND', 404), 'page at this address'),
      );
    }
  } catch (error) {
    context.frame(error instanceof ApiError ? 'Page not found' : 'Sorry, there is a problem', []);
    replaceChildren(
      app,
      errorPage(error, section === 'council' ? `council with the code ${code}` : section === 'region' ? `region with the code ${code}` : 'figures for England'),
    );
  }
  if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
  performance.mark('tandem:ready');
  document.body.dataset.ready = section || 'national';
}

// Internal links change the page without reloading it.
document.addEventListener('click', (event) => {
  const anchor = (event.target as Element).closest?.('a[data-link]') as HTMLAnchorElement | null;
  if (!anchor || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  if (anchor.origin !== location.origin) return;
  event.preventDefault();
  navigate(anchor.pathname + anchor.search);
});
window.addEventListener('popstate', () => void render());

/** "Use a token": paste one of the tokens `npm start` prints to see what that role sees. */
async function drawTokenPanel(): Promise<void> {
  const panel = document.getElementById('token-panel')!;
  const token = currentToken();
  let who = 'You are not signed in: you see the disclosure-controlled figures anyone may see.';
  if (token) {
    try {
      const { viewer } = await request(ViewerQuery, {});
      who = viewer
        ? `Signed in as ${viewer.role.replace(/_/g, ' ').toLowerCase()}${viewer.localAuthority ? ` for ${viewer.localAuthority.name}` : ''} (${viewer.userId}).`
        : 'The token was not accepted.';
    } catch (error) {
      who = `The token was refused: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  replaceChildren(
    panel,
    h(
      'form',
      {
        id: 'token',
        class: 'govuk-!-margin-top-4',
        onsubmit: (event: Event) => {
          event.preventDefault();
          const value = (document.getElementById('token-input') as HTMLTextAreaElement).value.trim();
          setToken(value || null);
          forgetAnswers();
          void drawTokenPanel();
          void render();
        },
      },
      h('h2', { class: 'govuk-heading-s' }, 'Use a token'),
      h('p', { class: 'govuk-body-s', 'data-viewer': '' }, who),
      h(
        'div',
        { class: 'govuk-form-group' },
        h('label', { class: 'govuk-label govuk-label--s', for: 'token-input' }, 'Bearer token'),
        h(
          'div',
          { class: 'govuk-hint', id: 'token-hint' },
          'Paste a token that npm start printed. It is kept in this browser tab only and sent with each request.',
        ),
        h('textarea', {
          class: 'govuk-textarea',
          id: 'token-input',
          name: 'token',
          rows: 2,
          'aria-describedby': 'token-hint',
          spellcheck: 'false',
          autocomplete: 'off',
        }),
      ),
      h(
        'div',
        { class: 'govuk-button-group' },
        h('button', { type: 'submit', class: 'govuk-button govuk-button--secondary', 'data-module': 'govuk-button' }, 'Use this token'),
        token
          ? h(
              'button',
              {
                type: 'button',
                class: 'govuk-button govuk-button--warning',
                onclick: () => {
                  setToken(null);
                  forgetAnswers();
                  void drawTokenPanel();
                  void render();
                },
              },
              'Sign out',
            )
          : null,
      ),
    ),
  );
}

void drawTokenPanel();
void render();
