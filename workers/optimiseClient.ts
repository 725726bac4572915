// Main-thread client of the optimisation worker, on the same lifecycle as the simulation client
// (requests.ts). Every request is built from a PlanningInput — the effective composition, the
// travel and response assumptions, the band, the target and the OD matrix — so siting, cost
// shares, suggestions and comparison compute on exactly what the Simulation panel computes on.
import type { AssociationApiOptions, CompareApiOptions, SharesApiRequest, SitingApiRequest } from '../src/core/optimise/api.ts';
import type { ExactOptions } from '../src/core/optimise/mip.ts';
import type { Scenario } from '../src/core/scenario/types.ts';
import type { PlanningInput } from '../src/core/sim/planning.ts';
import { comlinkHandle, createRequestRunner, type ClientResult, type WorkerHandle } from './requests.ts';
import type { OptimiseApi } from './optimise.worker.ts';
import type { TerritoryData } from '../src/core/territory/types.ts';
import { withTerritory } from './territoryMessage.ts';

export type { ClientResult } from './requests.ts';
export type OptimiseWorkerHandle = WorkerHandle<OptimiseApi>;

export type OptChannel = 'heuristic' | 'exact' | 'associations' | 'shares' | 'compare' | 'odImport' | 'odClear';
type Answer<K extends keyof OptimiseApi> = Awaited<ReturnType<OptimiseApi[K]>>;

/** What a request takes from the input; the caller's own fields (members, k, …) win only where the input has nothing to say. */
export function planningFields(input: PlanningInput) {
  return {
    travel: input.travel,
    response: input.response,
    band: input.band,
    targetMin: input.targetMin,
    compositionOverrides: input.layout.compositionOverrides ?? {},
    odMatrixId: input.odMatrixId,
  };
}

export type SitingAsk = Omit<SitingApiRequest, keyof ReturnType<typeof planningFields>> & { targetMin?: number };
export type SharesAsk = Omit<SharesApiRequest, keyof ReturnType<typeof planningFields> | 'des'>;
export type AssociationAsk = Omit<AssociationApiOptions, 'travel' | 'response' | 'band' | 'odMatrixId'>;

export function createOptimiseClient(workerFactory: () => OptimiseWorkerHandle) {
  const { run, cancel, dispose, setSession, onLifecycle } = createRequestRunner<OptimiseApi, OptChannel>(workerFactory);
  const siting = (input: PlanningInput, ask: SitingAsk): SitingApiRequest => ({ ...planningFields(input), ...ask, targetMin: ask.targetMin ?? input.targetMin });
  return {
    siteHeuristic: (input: PlanningInput, ask: SitingAsk): Promise<ClientResult<Answer<'siteHeuristic'>>> => run('heuristic', (api) => api.siteHeuristic(siting(input, ask))),
    siteExact: (input: PlanningInput, ask: SitingAsk, options?: ExactOptions): Promise<ClientResult<Answer<'siteExact'>>> =>
      run('exact', (api) => api.siteExact(siting(input, ask), options)),
    /** The scenario's what-if moves are replaced by the input's effective composition. */
    suggestAssociations: (input: PlanningInput, scenario: Scenario | null, ask: AssociationAsk = {}): Promise<ClientResult<Answer<'suggestAssociations'>>> => {
      const f = planningFields(input);
      const s = scenario && { ...scenario, compositionOverrides: f.compositionOverrides };
      return run('associations', (api) => api.suggestAssociations(s, { targetMin: f.targetMin, ...ask, travel: f.travel, response: f.response, band: f.band, odMatrixId: f.odMatrixId }));
    },
    shares: (input: PlanningInput, ask: SharesAsk): Promise<ClientResult<Answer<'shares'>>> =>
      run('shares', (api) => api.shares({ ...ask, ...planningFields(input), des: input.demand })),
    /** Both sides must share assumptions, band and OD matrix: `b` is `a` with another layout (withLayout). */
    compare: (a: { name: string; input: PlanningInput }, b: { name: string; input: PlanningInput }, options: Omit<CompareApiOptions, 'travel' | 'odMatrixId' | 'band' | 'targetMin' | 'thresholdsMin' | 'response'> = {}): Promise<ClientResult<Answer<'compare'>>> => {
      const f = planningFields(a.input);
      return run('compare', (api) => api.compare({ name: a.name, layout: a.input.layout }, { name: b.name, layout: b.input.layout }, {
        ...options, travel: f.travel, response: f.response, band: f.band, targetMin: f.targetMin, thresholdsMin: a.input.thresholdsMin, odMatrixId: f.odMatrixId,
      }));
    },
    importOdMatrix: (csvText: string, id: string): Promise<ClientResult<Answer<'importOdMatrix'>>> => run('odImport', (api) => api.importOdMatrix(csvText, id)),
    clearOdMatrix: (): Promise<ClientResult<void>> => run('odClear', (api) => api.clearOdMatrix()),
    cancel,
    setSession,
    onLifecycle,
    dispose,
  };
}

export type OptimiseClient = ReturnType<typeof createOptimiseClient>;

export const optimiseComlinkFactory = (createWorker: () => Worker): (() => OptimiseWorkerHandle) => comlinkHandle<OptimiseApi>(createWorker);

/** The app's default: the optimisation worker bundled by Vite. */
export const optimiseWorkerFactory = (data: TerritoryData, when: Promise<unknown>) =>
  optimiseComlinkFactory(withTerritory(() => new Worker(new URL('./optimise.worker.ts', import.meta.url), { type: 'module' }), data, when));
