import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { GraphQLClient, Stopped } from './client';
import type { StatsSnapshot } from './stats';
import * as ops from './operations';
import { chance, pick, randomInt, sleep } from './random';

/**
 * Publication day (issue 17, item 2): anonymous visitors of the public dashboard, each from its own
 * address (sent as X-Forwarded-For to a server with TRUST_PROXY, so the per-address rate limit
 * applies to each as in production). A page view asks for the reporting dates, then the national
 * comparison and England's or one council's series together; now and then the visitor downloads
 * the coverage file. Between page views a visitor reads for a while.
 */

/** Share of page views that also download /reports/council-coverage.csv. */
export const CSV_SHARE = 0.02;
/** How long a visitor reads a page before the next, in ms (uniform). */
export const THINK_MS: [number, number] = [3000, 10000];

const SERVICES = ['INDEPENDENT_VISITOR', 'MENTORING'] as const;

/** What the visitors saw that was not a clean answer: any status but 200, or any GraphQL error. */
export type ViewerTally = { pageViews: number; requests: number; errors: number; samples: string[] };

export function newViewerTally(): ViewerTally {
  return { pageViews: 0, requests: 0, errors: 0, samples: [] };
}

export class DashboardViewer {
  constructor(
    private readonly client: GraphQLClient,
    private readonly councils: string[],
    private readonly tally: ViewerTally,
  ) {}

  private note(kind: string, status: number, errors: { message?: string; extensions?: { code?: string } }[]): void {
    this.tally.requests += 1;
    if (status === 200 && errors.length === 0) return;
    this.tally.errors += 1;
    if (this.tally.samples.length < 10) {
      this.tally.samples.push(`${kind}: HTTP ${status} ${errors.map((e) => `${e.extensions?.code ?? ''} ${e.message ?? ''}`.slice(0, 160)).join('; ')}`);
    }
  }

  private async graphql(kind: string, query: string, variables: Record<string, unknown> = {}): Promise<void> {
    const result = await this.client.call(kind, query, variables);
    this.note(kind, result.status, result.errors);
  }

  async step(): Promise<void> {
    const service = pick(SERVICES);
    await this.graphql('reportingDates', ops.REPORTING_DATES);
    const area = chance(0.5) ? 'E92000001' : pick(this.councils);
    await Promise.all([
      this.graphql('dashboardComparison', ops.DASHBOARD_COMPARISON, { service }),
      this.graphql('areaTimeSeries', ops.AREA_TIME_SERIES, { areaCode: area, service }),
    ]);
    if (chance(CSV_SHARE)) {
      const file = await this.client.download('GET council-coverage.csv', '/reports/council-coverage.csv');
      this.note('GET council-coverage.csv', file.status, []);
    }
    this.tally.pageViews += 1;
    await sleep(randomInt(THINK_MS[0], THINK_MS[1]));
  }
}

/** The address of viewer `index` (0-based): 10.x.y.z, one each, never 127.0.0.1. */
export function viewerAddress(index: number): string {
  const n = index + 1;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

/** Runs until `open()` is false; the caller's clients run alongside. */
export async function runViewers(viewers: DashboardViewer[], open: () => boolean, onError: (message: string) => void): Promise<void> {
  await Promise.all(
    viewers.map(async (viewer, index) => {
      // Arrivals spread over the first ten seconds, as a link is shared.
      await sleep(Math.floor((index * 10000) / viewers.length));
      while (open()) {
        try {
          await viewer.step();
        } catch (error) {
          if (error instanceof Stopped) break;
          onError(error instanceof Error ? error.message : String(error));
        }
      }
    }),
  );
}

export type ViewerWork = { url: string; councils: string[]; count: number; seconds: number };
export type ViewerReport = { stats: StatsSnapshot; tally: ViewerTally; thrown: [string, number][] };

/**
 * Runs the viewers in a worker thread, with its own event loop: the server and the other clients
 * share the main thread, and a thousand viewers' fetches and JSON parsing there would show in every
 * latency as the clients' own cost rather than the server's.
 */
export function runViewersInWorker(work: ViewerWork): Promise<ViewerReport> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(__dirname, 'viewerWorker.js'), { workerData: work });
    worker.once('message', (report: ViewerReport) => resolve(report));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the viewers' worker exited with ${code}`));
    });
  });
}
