// The simulation API the worker exposes (and the CLI and tests call directly): plain data in,
// plain data and typed arrays out. The territory is loaded once through the injected loader; the
// travel context (demand points, per-base travel times) is cached per travel assumptions and OD
// matrix, so repeated coverage runs after an edit only pay for what changed.
import { DEFAULT_RESPONSE_ASSUMPTIONS, DEFAULT_THRESHOLDS_MIN, RESPONSE_ASSUMPTION_INFO, TIME_BAND_LABELS } from '../coverage/assumptions.ts';
import { computeCoverage, DEFAULT_COVERAGE_BAND, DEFAULT_TARGET_MIN, type CoverageOptions, type CoverageResult } from '../coverage/coverage.ts';
import { defaultDesAssumptions, desAssumptionInfo } from '../des/assumptions.ts';
import { runSimulationAsync, type SimulateOptions, type SimulationProgress, type SimulationResult } from '../des/simulate.ts';
import { evaluateRule50k, type Rule50kOptions, type Rule50kResult } from '../rule50k/rule50k.ts';
import type { TerritoryData } from '../territory/types.ts';
import { DEFAULT_TRAVEL_ASSUMPTIONS, TRAVEL_ASSUMPTION_INFO, type TravelAssumptions } from '../travel/assumptions.ts';
import { cachedTravelContext, type TravelContext } from '../travel/context.ts';
import type { OdImport } from '../travel/odMatrix.ts';
import { compileLayout, type CompiledLayout } from './compile.ts';
import type { ServiceLayout } from './layout.ts';

export interface SimulationDeps {
  loadTerritory(): Promise<TerritoryData>;
}

export interface TravelOption {
  /** Overrides of the travel assumptions (the rest keep their defaults). */
  travel?: Partial<TravelAssumptions>;
}
export type CoverageApiOptions = CoverageOptions & TravelOption;
export type Rule50kApiOptions = CoverageOptions & Rule50kOptions & TravelOption;
export type SimulateApiOptions = SimulateOptions & TravelOption;
/** What importOdMatrix returns: the validation report, without the matrix itself. */
export type OdImportReport = Omit<OdImport, 'matrix'>;

export function createSimulationApi(deps: SimulationDeps) {
  let dataPromise: Promise<TerritoryData> | undefined;
  let cancelRequested = false;

  const data = (): Promise<TerritoryData> => (dataPromise ??= deps.loadTerritory());
  const travel = cachedTravelContext(data);
  const context = (t?: Partial<TravelAssumptions>): Promise<TravelContext> => travel.context(t);

  async function prepared(layout: ServiceLayout, travel?: Partial<TravelAssumptions>): Promise<{ ctx: TravelContext; compiled: CompiledLayout }> {
    const ctx = await context(travel);
    return { ctx, compiled: compileLayout(ctx, layout) };
  }

  return {
    /** Default assumptions with Italian labels and sources, for the assumptions panel. */
    async defaults() {
      const d = await data();
      return {
        travel: { ...DEFAULT_TRAVEL_ASSUMPTIONS },
        travelInfo: TRAVEL_ASSUMPTION_INFO,
        response: { ...DEFAULT_RESPONSE_ASSUMPTIONS, mobilisationMinByBand: { ...DEFAULT_RESPONSE_ASSUMPTIONS.mobilisationMinByBand } },
        responseInfo: RESPONSE_ASSUMPTION_INFO,
        des: defaultDesAssumptions(d),
        desInfo: desAssumptionInfo(d),
        thresholdsMin: [...DEFAULT_THRESHOLDS_MIN],
        targetMin: DEFAULT_TARGET_MIN,
        band: DEFAULT_COVERAGE_BAND,
        bandLabels: TIME_BAND_LABELS,
        populationDate: d.populationDate,
      };
    },

    /** Validates and, when at least one row is usable, applies an OD matrix (CSV from_istat,to_istat,minutes). */
    async importOdMatrix(csvText: string): Promise<OdImportReport> {
      return travel.importOd(csvText);
    },

    async clearOdMatrix(): Promise<void> {
      travel.clearOd();
    },

    async coverage(layout: ServiceLayout, options: CoverageApiOptions = {}): Promise<CoverageResult> {
      const { ctx, compiled } = await prepared(layout, options.travel);
      return computeCoverage(ctx, compiled, options);
    },

    async rule50k(layout: ServiceLayout, options: Rule50kApiOptions = {}): Promise<Rule50kResult> {
      const { ctx, compiled } = await prepared(layout, options.travel);
      return evaluateRule50k(ctx, compiled, computeCoverage(ctx, compiled, options), options);
    },

    async simulate(layout: ServiceLayout, options: SimulateApiOptions = {}, onProgress?: (p: SimulationProgress) => void): Promise<SimulationResult> {
      const { ctx, compiled } = await prepared(layout, options.travel);
      cancelRequested = false;
      return runSimulationAsync(ctx, compiled, options, {
        onProgress,
        shouldCancel: () => cancelRequested,
      });
    },

    /** Stops a running simulate() after the current replication (its result says `cancelled`). */
    async cancelSimulation(): Promise<void> {
      cancelRequested = true;
    },
  };
}

export type SimulationApiCore = ReturnType<typeof createSimulationApi>;
