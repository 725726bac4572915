// Issue 13 item 7: DES 30 × 1 year on a warm pool of 1 and of 2 worker threads (the replications
// split in contiguous chunks, summarised in order). The same seed must give the same totals as one
// thread running them all (des_pool_same_totals = 1). On a shared 2-core machine 2 workers can be
// slower than 1: the figure says which, the app uses hardwareConcurrency − 1 workers.
import { Worker } from 'node:worker_threads';
import { replicationChunks, runSimulation, summariseReplications, type SimulateOptions } from '../../src/core/des/simulate.ts';
import type { ReplicationResult } from '../../src/core/des/engine.ts';
import type { CompiledLayout } from '../../src/core/sim/compile.ts';
import type { TravelContext } from '../../src/core/travel/context.ts';
import { put, timedAsync } from './stats.ts';

// A worker thread does not inherit tsx's loader: it registers it, then imports the TS worker.
const TSX_API = import.meta.resolve('tsx/esm/api');
const WORKER = new URL('./desPoolWorker.ts', import.meta.url).href;

function spawn(): Promise<Worker> {
  const w = new Worker(`import(${JSON.stringify(TSX_API)}).then((m) => { m.register(); return import(${JSON.stringify(WORKER)}); });`, { eval: true });
  return new Promise((resolve, reject) => {
    w.once('message', () => resolve(w));
    w.once('error', reject);
  });
}

const ask = (w: Worker, options: SimulateOptions, from: number, to: number): Promise<ReplicationResult[]> =>
  new Promise((resolve) => {
    w.once('message', resolve);
    w.postMessage({ options, from, to });
  });

export async function benchDesPool(ctx: TravelContext, compiled: CompiledLayout, out: Record<string, number>): Promise<void> {
  const options: SimulateOptions = { replications: 30, horizonDays: 365, seed: 1 };
  const reference = runSimulation(ctx, compiled, options);
  const workers = await Promise.all([spawn(), spawn()]);
  try {
    let same = true;
    for (const size of [1, 2]) {
      const pool = workers.slice(0, size);
      let last: ReturnType<typeof summariseReplications> | undefined;
      const t = await timedAsync(async () => {
        const parts = await Promise.all(replicationChunks(options.replications!, size).map(([from, to], k) => ask(pool[k]!, options, from, to)));
        last = summariseReplications(ctx, compiled, options, parts.flat());
      }, 5, 1);
      put(out, `des_30x1y_pool${size}`, t);
      same &&= JSON.stringify(last!.region) === JSON.stringify(reference.region) && JSON.stringify(last!.services) === JSON.stringify(reference.services);
    }
    out.des_pool_same_totals = same ? 1 : 0;
    out.des_pool2_vs_pool1 = out.des_30x1y_pool2_median_ms / out.des_30x1y_pool1_median_ms;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
