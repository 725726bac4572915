// Main-thread client of the simulation worker, on the request bookkeeping of requests.ts: per
// channel the newest request wins; cancel(channels) restarts the worker; a dead worker is
// replaced and its requests sent again; the OD matrix comes back through setSession.
import * as Comlink from 'comlink';
import type { SimulationProgress } from '../src/core/des/simulate.ts';
import type { DesRun } from '../src/core/sim/api.ts';
import type { PlanningInput } from '../src/core/sim/planning.ts';
import type { SimulationApi } from './simulation.worker.ts';
import type { TerritoryData } from '../src/core/territory/types.ts';
import { withTerritory } from './territoryMessage.ts';
import { comlinkHandle, createRequestRunner, type ClientResult, type WorkerHandle as Handle } from './requests.ts';

export type { AsyncApi, ClientResult, LifecycleEvent } from './requests.ts';
export type WorkerHandle = Handle<SimulationApi>;

/** One channel per kind of request, so that none can make another stale. */
export type SimChannel = 'evaluate' | 'simulate' | 'defaults' | 'odImport' | 'odClear' | 'warm';
type Answer<K extends keyof SimulationApi> = Awaited<ReturnType<SimulationApi[K]>>;

export function createSimulationClient(workerFactory: () => WorkerHandle) {
  const { run, cancel, dispose, setSession, onLifecycle } = createRequestRunner<SimulationApi, SimChannel>(workerFactory);
  return {
    /** Coverage and the 50,000 rule of the input, in one call. */
    evaluate: (input: PlanningInput): Promise<ClientResult<Answer<'evaluate'>>> => run('evaluate', (api) => api.evaluate(input)),
    simulate: (input: PlanningInput, desRun: DesRun, onProgress?: (p: SimulationProgress) => void): Promise<ClientResult<Answer<'simulatePlan'>>> =>
      run('simulate', async (api, isCurrent) => {
        const progress = onProgress ? Comlink.proxy((p: SimulationProgress) => { if (isCurrent()) onProgress(p); }) : undefined;
        return api.simulatePlan(input, desRun, progress);
      }),
    /** Evaluates in the background to fill the worker's caches (nothing to show). */
    warm: (input: PlanningInput): Promise<ClientResult<void>> => run('warm', (api) => api.warm(input)),
    defaults: (): Promise<ClientResult<Answer<'defaults'>>> => run('defaults', (api) => api.defaults()),
    importOdMatrix: (csvText: string, id: string): Promise<ClientResult<Answer<'importOdMatrix'>>> => run('odImport', (api) => api.importOdMatrix(csvText, id)),
    clearOdMatrix: (): Promise<ClientResult<void>> => run('odClear', (api) => api.clearOdMatrix()),
    cancel,
    setSession,
    onLifecycle,
    dispose,
  };
}

export type SimulationClient = ReturnType<typeof createSimulationClient>;

/** Wraps a Worker factory into a WorkerHandle factory for createSimulationClient. */
export const comlinkWorkerFactory = (createWorker: () => Worker): (() => WorkerHandle) => comlinkHandle<SimulationApi>(createWorker);

/** The app's default: the simulation worker bundled by Vite, given the page's parsed territory once `when` settles. */
export const simulationWorkerFactory = (data: TerritoryData, when: Promise<unknown>) => comlinkWorkerFactory(
  withTerritory(() => new Worker(new URL('./simulation.worker.ts', import.meta.url), { type: 'module' }), data, when),
);
