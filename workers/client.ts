// Main-thread client of the simulation worker, on the request bookkeeping of requests.ts: per
// channel the newest request wins; cancel(channels) restarts the worker; a dead worker is
// replaced and its requests sent again; the OD matrix comes back through setSession.
// With `desWorkers` ≥ 2 a DES run is split over a warm pool: the main worker and desWorkers − 1
// more of the same script, each running a contiguous range of the replications (the same seeds
// give the same totals, see des/simulate.ts), the main worker joining them. The pool starts at the
// first split run and is kept; a new session (OD matrix) restarts it so its workers hold it too.
import * as Comlink from 'comlink';
import type { SimulationProgress } from '../src/core/des/simulate.ts';
import type { DesRun } from '../src/core/sim/api.ts';
import type { PlanningInput } from '../src/core/sim/planning.ts';
import type { SimulationApi } from './simulation.worker.ts';
import type { TerritoryData } from '../src/core/territory/types.ts';
import { withTerritory } from './territoryMessage.ts';
import { replicationChunks } from '../src/core/des/simulate.ts';
import { comlinkHandle, createRequestRunner, type AsyncApi, type ClientResult, type LifecycleEvent, type Session, type WorkerHandle as Handle } from './requests.ts';

export type { AsyncApi, ClientResult, LifecycleEvent } from './requests.ts';
export type WorkerHandle = Handle<SimulationApi>;

/** One channel per kind of request, so that none can make another stale. */
export type SimChannel = 'evaluate' | 'simulate' | 'defaults' | 'odImport' | 'odClear' | 'warm';
type Answer<K extends keyof SimulationApi> = Awaited<ReturnType<SimulationApi[K]>>;

export interface SimulationClientOptions {
  /** Workers a DES run is split over (the app: hardwareConcurrency − 1, at most 4); 1 = no split. */
  desWorkers?: number;
}

export function createSimulationClient(workerFactory: () => WorkerHandle, options: SimulationClientOptions = {}) {
  const main = createRequestRunner<SimulationApi, SimChannel>(workerFactory);
  const desWorkers = Math.max(1, Math.floor(options.desWorkers ?? 1));
  type PoolRunner = ReturnType<typeof createRequestRunner<SimulationApi, 'simulate'>>;
  const pool: PoolRunner[] = [];
  let session: Session<SimulationApi> | undefined;
  const listeners = new Set<(e: LifecycleEvent) => void>();
  const growPool = (size: number): PoolRunner[] => {
    while (pool.length < size) {
      const r = createRequestRunner<SimulationApi, 'simulate'>(workerFactory, session);
      r.onLifecycle((e) => { for (const l of listeners) l(e); });
      pool.push(r);
    }
    return pool.slice(0, size);
  };

  /** One run split over the pool: ranges in parallel, then the main worker summarises them in order. */
  async function simulateSplit(input: PlanningInput, desRun: DesRun, parts: number, onProgress?: (p: SimulationProgress) => void): Promise<ClientResult<Answer<'summarisePlan'>>> {
    const runners = [main, ...growPool(parts - 1)];
    const done = new Array<number>(parts).fill(0);
    const answers = await Promise.all(replicationChunks(desRun.replications, parts).map(([from, to], k) =>
      runners[k]!.run('simulate', async (api: AsyncApi<SimulationApi>, isCurrent) => {
        const progress = onProgress ? Comlink.proxy((p: SimulationProgress) => {
          if (!isCurrent()) return;
          done[k] = p.done;
          onProgress({ done: done.reduce((a, b) => a + b, 0), total: desRun.replications });
        }) : undefined;
        return api.simulateRange(input, desRun, from, to, progress);
      })));
    // A part that is stale, cancelled or failed decides for the whole run (the first one in order).
    const bad = answers.find((a) => a.status !== 'ok');
    if (bad) return bad as Exclude<ClientResult<unknown>, { status: 'ok' }>;
    const reps = answers.flatMap((a) => (a.status === 'ok' ? a.value : []));
    return main.run('simulate', (api) => api.summarisePlan(input, desRun, reps));
  }

  return {
    /** Coverage and the 50,000 rule of the input, in one call. */
    evaluate: (input: PlanningInput): Promise<ClientResult<Answer<'evaluate'>>> => main.run('evaluate', (api) => api.evaluate(input)),
    simulate: (input: PlanningInput, desRun: DesRun, onProgress?: (p: SimulationProgress) => void): Promise<ClientResult<Answer<'simulatePlan'>>> => {
      const parts = Math.min(desWorkers, desRun.replications);
      if (parts >= 2) return simulateSplit(input, desRun, parts, onProgress);
      return main.run('simulate', async (api, isCurrent) => {
        const progress = onProgress ? Comlink.proxy((p: SimulationProgress) => { if (isCurrent()) onProgress(p); }) : undefined;
        return api.simulatePlan(input, desRun, progress);
      });
    },
    /** Evaluates in the background to fill the worker's caches (nothing to show). */
    warm: (input: PlanningInput): Promise<ClientResult<void>> => main.run('warm', (api) => api.warm(input)),
    defaults: (): Promise<ClientResult<Answer<'defaults'>>> => main.run('defaults', (api) => api.defaults()),
    importOdMatrix: (csvText: string, id: string): Promise<ClientResult<Answer<'importOdMatrix'>>> => main.run('odImport', (api) => api.importOdMatrix(csvText, id)),
    clearOdMatrix: (): Promise<ClientResult<void>> => main.run('odClear', (api) => api.clearOdMatrix()),
    /** As the runner's cancel; cancelling 'simulate' also restarts the pool's workers. */
    cancel(channels?: readonly SimChannel[]): void {
      main.cancel(channels);
      if (!channels || channels.includes('simulate')) for (const r of pool) r.cancel();
    },
    /** As the runner's setSession, for every worker: the pool's are restarted so that they hold it. */
    setSession(fn: Session<SimulationApi> | undefined): void {
      session = fn;
      main.setSession(fn);
      for (const r of pool) {
        r.setSession(fn);
        r.cancel();
      }
    },
    onLifecycle(listener: (e: LifecycleEvent) => void): () => void {
      listeners.add(listener);
      const off = main.onLifecycle(listener);
      return () => {
        listeners.delete(listener);
        off();
      };
    },
    dispose(): void {
      main.dispose();
      for (const r of pool) r.dispose();
    },
  };
}

export type SimulationClient = ReturnType<typeof createSimulationClient>;

/** Wraps a Worker factory into a WorkerHandle factory for createSimulationClient. */
export const comlinkWorkerFactory = (createWorker: () => Worker): (() => WorkerHandle) => comlinkHandle<SimulationApi>(createWorker);

/** The app's default: the simulation worker bundled by Vite, given the page's parsed territory once `when` settles. */
export const simulationWorkerFactory = (data: TerritoryData, when: Promise<unknown>) => comlinkWorkerFactory(
  withTerritory(() => new Worker(new URL('./simulation.worker.ts', import.meta.url), { type: 'module' }), data, when),
);
