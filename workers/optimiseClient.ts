// Main-thread client of the optimisation worker, on the same request bookkeeping as the
// simulation client (requests.ts): per channel the newest request wins; cancel() terminates the
// worker — the only way to stop a blocking HiGHS solve — and starts a fresh one.
import type { AssociationApiOptions, CompareApiOptions, CompareApiSide, SharesApiRequest, SitingApiRequest } from '../src/core/optimise/api.ts';
import type { ExactOptions } from '../src/core/optimise/mip.ts';
import type { Scenario } from '../src/core/scenario/types.ts';
import { comlinkHandle, createRequestRunner, type ClientResult, type WorkerHandle } from './requests.ts';
import type { OptimiseApi } from './optimise.worker.ts';

export type { ClientResult } from './requests.ts';
export type OptimiseWorkerHandle = WorkerHandle<OptimiseApi>;

type Channel = 'heuristic' | 'exact' | 'associations' | 'shares' | 'compare' | 'od';
type Answer<K extends keyof OptimiseApi> = Awaited<ReturnType<OptimiseApi[K]>>;

export function createOptimiseClient(workerFactory: () => OptimiseWorkerHandle) {
  const { run, cancel, dispose } = createRequestRunner<OptimiseApi, Channel>(workerFactory);
  return {
    siteHeuristic: (req: SitingApiRequest): Promise<ClientResult<Answer<'siteHeuristic'>>> => run('heuristic', (api) => api.siteHeuristic(req)),
    siteExact: (req: SitingApiRequest, options?: ExactOptions): Promise<ClientResult<Answer<'siteExact'>>> => run('exact', (api) => api.siteExact(req, options)),
    suggestAssociations: (scenario: Scenario | null, options?: AssociationApiOptions): Promise<ClientResult<Answer<'suggestAssociations'>>> =>
      run('associations', (api) => api.suggestAssociations(scenario, options)),
    shares: (req: SharesApiRequest): Promise<ClientResult<Answer<'shares'>>> => run('shares', (api) => api.shares(req)),
    compare: (a: CompareApiSide, b: CompareApiSide, options?: CompareApiOptions): Promise<ClientResult<Answer<'compare'>>> => run('compare', (api) => api.compare(a, b, options)),
    importOdMatrix: (csvText: string): Promise<ClientResult<Answer<'importOdMatrix'>>> => run('od', (api) => api.importOdMatrix(csvText)),
    cancel,
    dispose,
  };
}

export type OptimiseClient = ReturnType<typeof createOptimiseClient>;

export const optimiseComlinkFactory = (createWorker: () => Worker): (() => OptimiseWorkerHandle) => comlinkHandle<OptimiseApi>(createWorker);

/** The app's default: the optimisation worker bundled by Vite. */
export const optimiseWorkerFactory = optimiseComlinkFactory(() => new Worker(new URL('./optimise.worker.ts', import.meta.url), { type: 'module' }));
