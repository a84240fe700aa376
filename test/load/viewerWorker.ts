import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { allAnswered, Gate, GraphQLClient } from './client';
import { Ledger } from './ledger';
import { Stats } from './stats';
import { DashboardViewer, newViewerTally, runViewers, viewerAddress, ViewerReport, ViewerWork } from './viewers';

/** The dashboard viewers of a publication-day run, in their own thread (see runViewersInWorker). */
async function main(work: ViewerWork): Promise<ViewerReport> {
  const stats = new Stats();
  const ledger = new Ledger();
  const gate: Gate = { open: true };
  const deadline = performance.now() + work.seconds * 1000;
  const timer = setTimeout(() => (gate.open = false), work.seconds * 1000);
  const tally = newViewerTally();
  const thrown = new Map<string, number>();
  const viewers = Array.from(
    { length: work.count },
    (_, i) => new DashboardViewer(new GraphQLClient(`viewer-${i + 1}`, work.url, null, stats, ledger, gate, viewerAddress(i)), work.councils, tally),
  );
  await runViewers(
    viewers,
    () => gate.open && performance.now() < deadline,
    (message) => thrown.set(message.slice(0, 200), (thrown.get(message.slice(0, 200)) ?? 0) + 1),
  );
  gate.open = false;
  clearTimeout(timer);
  await allAnswered();
  return { stats: stats.snapshot(), tally, thrown: [...thrown] };
}

main(workerData as ViewerWork).then(
  (report) => parentPort!.postMessage(report),
  (error: unknown) => {
    throw error;
  },
);
