// Main-thread client of the simulation worker. The newest request of each kind wins: answers to
// superseded requests come back as `stale` and their progress is dropped. cancel() terminates the
// worker and starts a fresh one; every pending request then resolves as `cancelled`.
import * as Comlink from 'comlink';
import type { SimulationProgress } from '../src/core/des/simulate.ts';
import type { ServiceLayout } from '../src/core/sim/layout.ts';
import type { CoverageApiOptions, Rule50kApiOptions, SimulateApiOptions } from '../src/core/sim/api.ts';
import type { SimulationApi } from './simulation.worker.ts';

/** The API as seen through a worker boundary: every method returns a promise. */
export type AsyncApi<T> = { [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never };

export interface WorkerHandle {
  api: AsyncApi<SimulationApi>;
  terminate(): void;
}

export type ClientResult<T> =
  | { status: 'ok'; value: T }
  | { status: 'stale' }
  | { status: 'cancelled' }
  | { status: 'error'; message: string };

type Channel = 'coverage' | 'rule50k' | 'simulate' | 'other';
type Answer<K extends keyof SimulationApi> = Awaited<ReturnType<SimulationApi[K]>>;

export function createSimulationClient(workerFactory: () => WorkerHandle) {
  let handle = workerFactory();
  let counter = 0;
  const latest: Record<Channel, number> = { coverage: 0, rule50k: 0, simulate: 0, other: 0 };
  // Resolvers of the current generation: cancel() settles them all, since a terminated worker never answers.
  let cancelWaiters = new Set<() => void>();

  async function run<T>(channel: Channel, call: (api: AsyncApi<SimulationApi>, isCurrent: () => boolean) => Promise<T>): Promise<ClientResult<T>> {
    const tag = ++counter;
    latest[channel] = tag;
    let cancelled = false;
    let waiter = (): void => {};
    const waiters = cancelWaiters;
    const cancelledPromise = new Promise<'cancelled'>((resolve) => {
      waiter = () => {
        cancelled = true;
        resolve('cancelled');
      };
      waiters.add(waiter);
    });
    const isCurrent = (): boolean => !cancelled && latest[channel] === tag;
    try {
      const value = await Promise.race([call(handle.api, isCurrent), cancelledPromise]);
      if (cancelled || value === 'cancelled') return { status: 'cancelled' };
      if (latest[channel] !== tag) return { status: 'stale' };
      return { status: 'ok', value: value as T };
    } catch (err) {
      if (cancelled) return { status: 'cancelled' };
      if (latest[channel] !== tag) return { status: 'stale' };
      return { status: 'error', message: err instanceof Error ? err.message : String(err) };
    } finally {
      waiters.delete(waiter);
    }
  }

  return {
    coverage: (layout: ServiceLayout, options?: CoverageApiOptions): Promise<ClientResult<Answer<'coverage'>>> =>
      run('coverage', (api) => api.coverage(layout, options)),
    rule50k: (layout: ServiceLayout, options?: Rule50kApiOptions): Promise<ClientResult<Answer<'rule50k'>>> =>
      run('rule50k', (api) => api.rule50k(layout, options)),
    simulate: (layout: ServiceLayout, options?: SimulateApiOptions, onProgress?: (p: SimulationProgress) => void): Promise<ClientResult<Answer<'simulate'>>> =>
      run('simulate', (api, isCurrent) =>
        api.simulate(layout, options, onProgress ? Comlink.proxy((p: SimulationProgress) => { if (isCurrent()) onProgress(p); }) : undefined)),
    defaults: (): Promise<ClientResult<Answer<'defaults'>>> => run('other', (api) => api.defaults()),
    importOdMatrix: (csvText: string): Promise<ClientResult<Answer<'importOdMatrix'>>> => run('other', (api) => api.importOdMatrix(csvText)),
    clearOdMatrix: (): Promise<ClientResult<void>> => run('other', (api) => api.clearOdMatrix()),
    /** Terminates the worker (stopping any run at once) and starts a fresh one. */
    cancel(): void {
      const waiters = cancelWaiters;
      cancelWaiters = new Set();
      for (const w of waiters) w();
      handle.terminate();
      handle = workerFactory();
    },
    dispose(): void {
      handle.terminate();
    },
  };
}

export type SimulationClient = ReturnType<typeof createSimulationClient>;

/** Wraps a Worker factory into a WorkerHandle factory for createSimulationClient. */
export function comlinkWorkerFactory(createWorker: () => Worker): () => WorkerHandle {
  return () => {
    const worker = createWorker();
    const remote = Comlink.wrap<SimulationApi>(worker);
    return {
      api: remote as unknown as AsyncApi<SimulationApi>,
      terminate: () => {
        remote[Comlink.releaseProxy]();
        worker.terminate();
      },
    };
  };
}

/** The app's default: the simulation worker bundled by Vite. */
export const simulationWorkerFactory = comlinkWorkerFactory(
  () => new Worker(new URL('./simulation.worker.ts', import.meta.url), { type: 'module' }),
);
