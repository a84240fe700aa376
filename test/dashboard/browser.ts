import { mkdirSync } from 'node:fs';
import path from 'node:path';
import chromium from '@sparticuz/chromium';
import { Browser, chromium as playwright, Page } from 'playwright-core';

/**
 * Headless Chromium for the dashboard's browser tests and bench: the build that the
 * @sparticuz/chromium npm package ships (extracted into the system's temporary folder on first
 * use, a few seconds), driven by playwright-core. Nothing is downloaded: the flags keep Chromium
 * off the network, which this machine and CI do not have.
 */
export async function launchChromium(): Promise<Browser> {
  return playwright.launch({
    executablePath: await chromium.executablePath(),
    args: [...chromium.args, '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    headless: true,
  });
}

/** Where screenshots go on every run (git-ignored). */
export const SCREENSHOT_DIR = path.resolve(__dirname, '..', '..', 'test-output', 'screenshots');

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Opens a dashboard path and waits until the page says it is drawn (body[data-ready]). */
export async function openPage(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('body[data-ready]', { timeout: 60_000 });
}

export type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[]; failureSummary?: string }[] };

/** Runs axe-core (from npm) on the page as it is, every rule it runs by default. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  return page.evaluate(async () => {
    // Runs in the page (the tests' TypeScript has no DOM types, hence globalThis).
    const inPage = globalThis as unknown as { axe: { run: (context: unknown) => Promise<{ violations: AxeViolation[] }> }; document: unknown };
    const result = await inPage.axe.run(inPage.document);
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.slice(0, 5).map((node) => ({ target: node.target, failureSummary: node.failureSummary })),
    }));
  });
}
