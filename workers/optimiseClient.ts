// Main-thread client of the optimisation worker, on the pattern of the simulation client (same
// AsyncApi / ClientResult types): per channel the newest request wins (older answers come back
// `stale`); cancel() terminates the worker — the only way to stop a blocking HiGHS solve — and
// starts a fresh one, settling every pending request as `cancelled`.
import * as Comlink from 'comlink';
import type { AssociationApiOptions, CompareApiOptions, CompareApiSide, SharesApiRequest, SitingApiRequest } from '../src/core/optimise/api.ts';
import type { ExactOptions } from '../src/core/optimise/mip.ts';
import type { Scenario } from '../src/core/scenario/types.ts';
import type { AsyncApi, ClientResult } from './client.ts';
import type { OptimiseApi } from './optimise.worker.ts';

export type { ClientResult } from './client.ts';

export interface OptimiseWorkerHandle {
  api: AsyncApi<OptimiseApi>;
  terminate(): void;
}

type Channel = 'heuristic' | 'exact' | 'associations' | 'shares' | 'compare';
type Answer<K extends keyof OptimiseApi> = Awaited<ReturnType<OptimiseApi[K]>>;

export function createOptimiseClient(workerFactory: () => OptimiseWorkerHandle) {
  let handle = workerFactory();
  let counter = 0;
  const latest: Record<Channel, number> = { heuristic: 0, exact: 0, associations: 0, shares: 0, compare: 0 };
  let cancelWaiters = new Set<() => void>();

  async function run<T>(channel: Channel, call: (api: AsyncApi<OptimiseApi>) => Promise<T>): Promise<ClientResult<T>> {
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
    try {
      const value = await Promise.race([call(handle.api), cancelledPromise]);
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
    siteHeuristic: (req: SitingApiRequest): Promise<ClientResult<Answer<'siteHeuristic'>>> => run('heuristic', (api) => api.siteHeuristic(req)),
    siteExact: (req: SitingApiRequest, options?: ExactOptions): Promise<ClientResult<Answer<'siteExact'>>> => run('exact', (api) => api.siteExact(req, options)),
    suggestAssociations: (scenario: Scenario | null, options?: AssociationApiOptions): Promise<ClientResult<Answer<'suggestAssociations'>>> =>
      run('associations', (api) => api.suggestAssociations(scenario, options)),
    shares: (req: SharesApiRequest): Promise<ClientResult<Answer<'shares'>>> => run('shares', (api) => api.shares(req)),
    compare: (a: CompareApiSide, b: CompareApiSide, options?: CompareApiOptions): Promise<ClientResult<Answer<'compare'>>> => run('compare', (api) => api.compare(a, b, options)),
    /** Terminates the worker (stopping an exact solve at once) and starts a fresh one. */
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

export type OptimiseClient = ReturnType<typeof createOptimiseClient>;

export function optimiseComlinkFactory(createWorker: () => Worker): () => OptimiseWorkerHandle {
  return () => {
    const worker = createWorker();
    const remote = Comlink.wrap<OptimiseApi>(worker);
    return {
      api: remote as unknown as AsyncApi<OptimiseApi>,
      terminate: () => {
        remote[Comlink.releaseProxy]();
        worker.terminate();
      },
    };
  };
}

/** The app's default: the optimisation worker bundled by Vite. */
export const optimiseWorkerFactory = optimiseComlinkFactory(() => new Worker(new URL('./optimise.worker.ts', import.meta.url), { type: 'module' }));
