// Main-thread client of the simulation worker. The newest request of each kind wins: answers to
// superseded requests come back as `stale` and their progress is dropped. cancel() terminates the
// worker and starts a fresh one; every pending request then resolves as `cancelled`.
import * as Comlink from 'comlink';
import type { SimulationProgress } from '../src/core/des/simulate.ts';
import type { ServiceLayout } from '../src/core/sim/layout.ts';
import type { CoverageApiOptions, Rule50kApiOptions, SimulateApiOptions } from '../src/core/sim/api.ts';
import type { SimulationApi } from './simulation.worker.ts';
import { comlinkHandle, createRequestRunner, type ClientResult, type WorkerHandle as Handle } from './requests.ts';

export type { AsyncApi, ClientResult } from './requests.ts';
export type WorkerHandle = Handle<SimulationApi>;

type Channel = 'coverage' | 'rule50k' | 'simulate' | 'other';
type Answer<K extends keyof SimulationApi> = Awaited<ReturnType<SimulationApi[K]>>;

export function createSimulationClient(workerFactory: () => WorkerHandle) {
  const { run, cancel, dispose } = createRequestRunner<SimulationApi, Channel>(workerFactory);
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
    cancel,
    dispose,
  };
}

export type SimulationClient = ReturnType<typeof createSimulationClient>;

/** Wraps a Worker factory into a WorkerHandle factory for createSimulationClient. */
export const comlinkWorkerFactory = (createWorker: () => Worker): (() => WorkerHandle) => comlinkHandle<SimulationApi>(createWorker);

/** The app's default: the simulation worker bundled by Vite. */
export const simulationWorkerFactory = comlinkWorkerFactory(
  () => new Worker(new URL('./simulation.worker.ts', import.meta.url), { type: 'module' }),
);
