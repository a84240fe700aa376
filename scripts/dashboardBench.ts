import { spawn, ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { launchChromium } from '../test/dashboard/browser';

/**
 * The dashboard's speed, by the browser's own clock: for each page, the time from the start of
 * navigation to the `tandem:ready` mark the page sets when it is drawn (Performance API), with the
 * browser's HTTP cache off (each load fetches everything), first against a server that has not answered
 * that question yet, then the median of the repeats (the server's answer cache warm). Also the
 * size of the scripts and styles a visitor downloads, gzip and brotli compressed.
 * Targets (issue 15): national page under 1.5 s, council page under 1 s, script and styles under 300 KB.
 *
 *   npm run bench:dashboard                      starts the server as npm start does (.data/, demo data)
 *   npm run bench:dashboard -- --url http://127.0.0.1:4000   measures a server already running
 *   npm run bench:dashboard -- --runs 9
 */

const root = path.resolve(__dirname, '..', '..');
const PAGES = [
  { name: 'national', path: '/', target: 1500 },
  { name: 'council (Birmingham)', path: '/council/E08000025', target: 1000 },
  { name: 'council (Hartlepool)', path: '/council/E06000001', target: 1000 },
  { name: 'region (West Midlands)', path: '/region/E12000005', target: null },
];

async function startServer(): Promise<{ url: string; process: ChildProcess }> {
  const child = spawn(process.execPath, [path.join(root, 'dist', 'src', 'app', 'main.js')], {
    env: { ...process.env, PORT: '0', REPORTS_SCHEDULER: 'false', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /point a browser or GraphQL client at (http:\/\/\S+)\/graphql/.exec(output);
      if (match) resolve({ url: match[1], process: child });
    });
    child.on('exit', (code) => reject(new Error(`the server stopped (exit ${code}) before it was ready:\n${output}`)));
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

function bundleSizes(): { file: string; raw: number; gzip: number; brotli: number }[] {
  const assets = path.join(root, 'dist', 'dashboard', 'assets');
  return readdirSync(assets)
    .filter((file) => /\.(js|css)$/.test(file))
    .map((file) => {
      const bytes = readFileSync(path.join(assets, file));
      return {
        file,
        raw: bytes.length,
        gzip: gzipSync(bytes, { level: 9 }).length,
        brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
      };
    });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { url: { type: 'string' }, runs: { type: 'string', default: '5' } } });
  const runs = Math.max(2, Number(values.runs));
  const server = values.url ? { url: values.url.replace(/\/$/, ''), process: null } : await startServer();
  const browser = await launchChromium();
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  try {
    console.log(`dashboard at ${server.url}, ${runs} loads per page, Chromium ${browser.version()}`);
    console.log('| page | first load (ms) | median of repeats (ms) | target | activity section, first / median (ms) |');
    console.log('|---|---:|---:|---:|---:|');
    // One tab for every load (the Chromium build runs in a single process, which closing a context
    // can stop), with the HTTP cache off so that each load fetches the scripts and styles again.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const tab = await context.newPage();
    const devtools = await context.newCDPSession(tab);
    await devtools.send('Network.enable');
    await devtools.send('Network.setCacheDisabled', { cacheDisabled: true });
    for (const page of PAGES) {
      const times: number[] = [];
      const activityTimes: number[] = [];
      for (let run = 0; run < runs; run++) {
        await tab.goto('about:blank');
        await tab.goto(`${server.url}${page.path}`);
        await tab.waitForSelector('body[data-ready]', { timeout: 120_000 });
        // The ready mark's startTime counts from the navigation's start (Navigation Timing's time origin).
        times.push(await tab.evaluate(() => Math.round(performance.getEntriesByName('tandem:ready')[0].startTime)));
        if (page.path.startsWith('/council/')) {
          // The council page's activity section fills in after the page is ready.
          await tab.waitForSelector('body[data-activity-ready]', { timeout: 120_000 });
          activityTimes.push(await tab.evaluate(() => Math.round(performance.getEntriesByName('tandem:activity-ready')[0].startTime)));
        }
      }
      const repeat = median(times.slice(1));
      const activity = activityTimes.length ? `${activityTimes[0]} / ${median(activityTimes.slice(1))}` : '—';
      console.log(`| ${page.name} | ${times[0]} | ${repeat} | ${page.target ? `< ${page.target}${repeat < page.target ? ' ✓' : ' ✗'}` : '—'} | ${activity} |`);
    }
    const sizes = bundleSizes();
    console.log('\n| file | raw | gzip | brotli |\n|---|---:|---:|---:|');
    for (const size of sizes) console.log(`| ${size.file} | ${kb(size.raw)} | ${kb(size.gzip)} | ${kb(size.brotli)} |`);
    const total = sizes.reduce((sum, size) => ({ raw: sum.raw + size.raw, gzip: sum.gzip + size.gzip, brotli: sum.brotli + size.brotli }), {
      raw: 0,
      gzip: 0,
      brotli: 0,
    });
    console.log(`| script and styles | ${kb(total.raw)} | ${kb(total.gzip)} | ${kb(total.brotli)} |`);
    console.log(`\nscript and styles compressed: ${kb(total.gzip)} gzip, ${kb(total.brotli)} brotli (target < 300 KB${total.gzip < 300 * 1024 ? ' ✓' : ' ✗'})`);
  } finally {
    await browser.close();
    server.process?.kill('SIGINT');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
