import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Role } from '../../src/auth/roles';
import { loadDemoData } from '../../src/demo/demoData';
import { todayInLondon } from '../../src/graphql/dates';
import { refreshReports } from '../../src/reporting/refresh';
import { createTestDatabase, TestDatabase } from '../support/testDatabase';
import { TestServer, tokenFor } from '../support/testServer';
import { axeViolations, launchChromium, openPage, screenshot } from './browser';

/**
 * The reference dashboard in a real browser (headless Chromium from @sparticuz/chromium, driven
 * by playwright-core) against a real Tandem server on the demo data `npm start` loads (scale 1,
 * seed 42, up to today). Screenshots of each page go to test-output/screenshots/ on every run.
 */

const BIRMINGHAM = 'E08000025';
const WEST_MIDLANDS = 'E12000005';

let database: TestDatabase;
let server: TestServer;
let http: { url: string; close: () => Promise<void> };
let browser: Browser;
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  // As npm start loads it: the demo runs to today, as the reports' month ends do.
  await loadDemoData(database.dataSource, { scale: 1, seed: 42, today: todayInLondon() });
  expect((await refreshReports(database.dataSource)).status).toBe('SUCCEEDED');
  server = await TestServer.start(database.dataSource);
  http = await server.listen();
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => consoleErrors.push(`${page.url()}: ${error.message}`));
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await http?.close();
  await server?.stop();
  await database?.drop();
});

describe('the national page', () => {
  beforeAll(async () => {
    await openPage(page, `${http.url}/`);
    await screenshot(page, 'national');
  }, 120_000);

  it('lists all 153 councils in its table and draws 153 hexagons, each with its name', async () => {
    expect(await page.locator('tr[data-council]').count()).toBe(153);
    const cells = page.locator('svg.tandem-map path.tandem-map__cell');
    expect(await cells.count()).toBe(153);
    const labels = await cells.evaluateAll((paths) => paths.map((path) => path.getAttribute('aria-label') ?? ''));
    expect(labels.every((label) => /^.+: coverage /.test(label))).toBe(true);
    expect(labels.some((label) => label.startsWith('Birmingham: '))).toBe(true);
  });

  it("shows England's headline figures with their reporting date and refresh time", async () => {
    await expect(page.locator('[data-headline="Coverage"]').first().textContent()).resolves.toMatch(/^\d+\.\d%$/);
    await expect(page.locator('[data-provenance]').first().textContent()).resolves.toMatch(/Figures at \d+ \w+ \d{4}, refreshed \d+ \w+ \d{4} at \d\d:\d\d/);
  });

  it('filters the table by name, and sorts it from the keyboard with aria-sort on the header', async () => {
    await page.getByLabel('Council name').fill('bir');
    expect(await page.locator('tr[data-council]').count()).toBe(1);
    await page.getByLabel('Council name').fill('');
    const coverage = page.locator('th:has(button:text-is("Coverage"))').last();
    await coverage.locator('button').focus();
    await page.keyboard.press('Enter');
    await expect(coverage.getAttribute('aria-sort')).resolves.toBe('ascending');
    await page.keyboard.press('Enter');
    await expect(coverage.getAttribute('aria-sort')).resolves.toBe('descending');
    const first = await page.locator('tr[data-council]').first().getAttribute('data-council');
    const rankOne = await page.locator('tr[data-council]').first().locator('td').nth(5).textContent();
    expect(first).toMatch(/^E\d{8}$/);
    expect(rankOne).toBe('1st');
  });

  it('has no accessibility violation that axe-core finds', async () => {
    expect(await axeViolations(page)).toEqual([]);
  });
});

describe('a council page', () => {
  beforeAll(async () => {
    await openPage(page, `${http.url}/council/${BIRMINGHAM}`);
    await page.waitForSelector('body[data-activity-ready]', { timeout: 60_000 });
    await screenshot(page, 'council');
  }, 120_000);

  it('draws the coverage and waiting series since the start for the council, its region and England', async () => {
    await expect(page.locator('h1').textContent()).resolves.toBe('Birmingham');
    const lines = await page
      .locator('svg.tandem-chart:not(#activity svg) path.tandem-chart__line')
      .evaluateAll((paths) => paths.map((path) => ({ series: path.getAttribute('data-series'), d: path.getAttribute('d') ?? '' })));
    expect(lines.map((line) => line.series)).toEqual(['Birmingham', 'West Midlands', 'England', 'Birmingham', 'West Midlands', 'England']);
    // One point a month end since 31 March 2021: over 50 points, a few perhaps withheld.
    for (const line of lines) expect(line.d.match(/[ML]/g)!.length).toBeGreaterThan(40);
  });

  it('compares the headline with the region, England and the statistical neighbours, and shows the pool, insights and targets', async () => {
    const coverageCard = await page.locator('.govuk-summary-card', { hasText: 'Coverage' }).first().textContent();
    expect(coverageCard).toContain('West Midlands:');
    expect(coverageCard).toContain('England:');
    expect(coverageCard).toContain('Statistical neighbours (median):');
    expect(await page.locator('[data-pool] .govuk-summary-list__row').count()).toBe(3);
    expect(await page.locator('table[data-insights] thead th').allTextContents()).toEqual(['Insight', 'Birmingham', 'West Midlands', 'England']);
    await expect(page.getByText('Targets for England').count()).resolves.toBeGreaterThan(0);
  });

  it('shows the period activity of the council, its region and England: referrals by source, time to match, matches started and ended', async () => {
    const heads = await page.locator('table[data-activity] thead th').allTextContents();
    expect(heads.slice(0, 4)).toEqual(['Figure', 'Birmingham', 'West Midlands', 'England']);
    const activity = page.locator('#activity');
    for (const label of [
      'Referrals received',
      'Median days from acceptance to match',
      'Matches started',
      'Matches ended',
      'Social worker',
      'Child left care',
    ]) {
      await expect(activity.locator('th', { hasText: label }).count()).resolves.toBeGreaterThan(0);
    }
    // England's referrals in the month are never withheld: a number.
    const englandReferrals = await activity.locator('table').first().locator('tr', { hasText: 'Referrals received' }).locator('td').nth(2).textContent();
    expect(englandReferrals).toMatch(/^\d[\d,]*$/);
    expect(await activity.locator('svg.tandem-chart path.tandem-chart__line').count()).toBe(3);
  });

  it('has no accessibility violation that axe-core finds, with the series tables open too', async () => {
    for (const summary of await page.locator('details summary').all()) await summary.click();
    expect(await axeViolations(page)).toEqual([]);
  });
});

describe('a region page', () => {
  beforeAll(async () => {
    await openPage(page, `${http.url}/region/${WEST_MIDLANDS}`);
    await screenshot(page, 'region');
  }, 120_000);

  it('lists its councils against the region and England', async () => {
    await expect(page.locator('h1').textContent()).resolves.toBe('West Midlands');
    expect(await page.locator('tr[data-council]').count()).toBe(14);
    expect(await page.locator('svg [data-reference]').count()).toBe(2);
  });

  it('has no accessibility violation that axe-core finds', async () => {
    expect(await axeViolations(page)).toEqual([]);
  });
});

describe('who sees what', () => {
  it("shows c to an anonymous visitor where a national analyst's token shows the number", async () => {
    // A council figure the anonymous, disclosure-controlled comparison withholds.
    const anonymous = await server.execute<
      { councilComparison: { councils: { localAuthority: { code: string }; figures: { childrenMatched: { status: string } } }[] } },
      Record<string, unknown>
    >('query { councilComparison(service: INDEPENDENT_VISITOR) { councils { localAuthority { code } figures { childrenMatched { status } } } } }');
    const withheld = anonymous.data!.councilComparison.councils.find((council) => council.figures.childrenMatched.status === 'SUPPRESSED');
    expect(withheld).toBeDefined();
    const code = withheld!.localAuthority.code;

    await openPage(page, `${http.url}/`);
    const matchedCell = () => page.locator(`tr[data-council="${code}"] td`).nth(2);
    await expect(matchedCell().textContent()).resolves.toBe('c');
    await expect(matchedCell().locator('abbr').getAttribute('title')).resolves.toMatch(/confidentiality/);

    await page.getByLabel('Bearer token').fill(await tokenFor({ sub: 'dashboard-analyst', role: Role.NATIONAL_ANALYST }));
    await page.getByRole('button', { name: 'Use this token' }).click();
    await page.waitForSelector('[data-viewer]:has-text("national analyst")');
    await page.waitForSelector('body[data-ready]');
    await expect(matchedCell().textContent()).resolves.toMatch(/^\d[\d,]*$/);
    await screenshot(page, 'national-analyst');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForSelector('[data-viewer]:has-text("not signed in")');
  });
});

describe('an unknown code', () => {
  it("gets the page, which says the council was not found in the API's words", async () => {
    await openPage(page, `${http.url}/council/E06999999`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Page not found');
    await expect(page.locator('[data-api-error]').textContent()).resolves.toMatch(/E06999999/);
    await screenshot(page, 'not-found');
    expect(await axeViolations(page)).toEqual([]);
  });
});

describe('the assets', () => {
  it('are served with long-cache hashed names, and nothing comes from another origin', async () => {
    const response = await fetch(`${http.url}/`);
    const html = await response.text();
    const asset = /src="(\/assets\/index-[\w-]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const script = await fetch(`${http.url}${asset}`);
    expect(script.status).toBe(200);
    expect(script.headers.get('cache-control')).toMatch(/max-age=31536000.*immutable/);
    expect(html).not.toMatch(/https?:\/\//);
  });
});

describe('after every page above', () => {
  it('logged no console error and no uncaught page error', () => {
    expect(consoleErrors).toEqual([]);
  });
});
