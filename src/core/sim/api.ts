// The simulation API the worker exposes (and the CLI and tests call directly): plain data in,
// plain data and typed arrays out. The territory is loaded once through the injected loader; the
// travel context (demand points, per-base travel times) is cached per travel assumptions and OD
// matrix, so repeated coverage runs after an edit only pay for what changed.
import { computeCoverage, type CoverageOptions, type CoverageResult } from '../coverage/coverage.ts';
import { runReplicationRange, runSimulationAsync, summariseReplications, type SimulateOptions, type SimulationProgress, type SimulationResult } from '../des/simulate.ts';
import type { ReplicationResult } from '../des/engine.ts';
import { evaluateRule50k, type Rule50kOptions, type Rule50kResult } from '../rule50k/rule50k.ts';
import type { TerritoryData } from '../territory/types.ts';
import type { TravelAssumptions } from '../travel/assumptions.ts';
import { cachedTravelContext, type TravelContext } from '../travel/context.ts';
import type { OdImport } from '../travel/odMatrix.ts';
import { compileLayout, type CompiledLayout } from './compile.ts';
import type { ServiceLayout } from './layout.ts';
import { checkOdMatrix, coverageOptionsOf, planningDefaults, type PlanningInput } from './planning.ts';

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
/** The per-run options of a DES on a planning input (everything else comes from the input). */
export interface DesRun {
  seed: number;
  replications: number;
  horizonDays: number;
}
/** Coverage and the 50,000 rule of one input, from one coverage computation. */
export interface Evaluation {
  key: string;
  coverage: CoverageResult;
  rule50k: Rule50kResult;
}

/** The DES options of a run on a planning input: the run's own, the rest from the input. */
const desOptions = (input: PlanningInput, run: DesRun): SimulateOptions => ({ ...run, targetMin: input.targetMin, response: input.response, des: input.demand });

export function createSimulationApi(deps: SimulationDeps) {
  let dataPromise: Promise<TerritoryData> | undefined;
  // Stryker disable next-line BooleanLiteral: simulate and simulatePlan reset it before every run
  let cancelRequested = false;
  /** Identity of the OD matrix this worker holds (null: none), checked against every input. */
  let odId: string | null = null;

  const data = (): Promise<TerritoryData> => (dataPromise ??= deps.loadTerritory());
  const travel = cachedTravelContext(data);
  const context = (t?: Partial<TravelAssumptions>): Promise<TravelContext> => travel.context(t);

  async function prepared(layout: ServiceLayout, travel?: Partial<TravelAssumptions>): Promise<{ ctx: TravelContext; compiled: CompiledLayout }> {
    const ctx = await context(travel);
    return { ctx, compiled: compileLayout(ctx, layout) };
  }

  async function preparedInput(input: PlanningInput): Promise<{ ctx: TravelContext; compiled: CompiledLayout }> {
    checkOdMatrix(input.odMatrixId, odId);
    return prepared(input.layout, input.travel);
  }

  return {
    /** Default assumptions with Italian labels and sources, for the assumptions panel. */
    async defaults() {
      return planningDefaults(await data());
    },

    /**
     * Validates and, when at least one row is usable, applies an OD matrix (CSV
     * from_istat,to_istat,minutes); `id` is its identity in PlanningInput.odMatrixId.
     */
    async importOdMatrix(csvText: string, id: string | null = null): Promise<OdImportReport> {
      const report = await travel.importOd(csvText);
      if (report.ok) odId = id;
      return report;
    },

    async clearOdMatrix(): Promise<void> {
      travel.clearOd();
      odId = null;
    },

    /**
     * Evaluates an input and keeps nothing but the caches (travel context, roster compliance) and
     * the compiled code: the app calls it in the background after the first map is drawn, so the
     * first coverage the user asks for does not pay for them.
     */
    async warm(input: PlanningInput): Promise<void> {
      const { ctx, compiled } = await preparedInput(input);
      const options = coverageOptionsOf(input);
      evaluateRule50k(ctx, compiled, computeCoverage(ctx, compiled, options), options);
    },

    /** Coverage and the 50,000 rule of a planning input: one coverage computation serves both. */
    async evaluate(input: PlanningInput): Promise<Evaluation> {
      const { ctx, compiled } = await preparedInput(input);
      const options = coverageOptionsOf(input);
      const coverage = computeCoverage(ctx, compiled, options);
      return { key: input.key, coverage, rule50k: evaluateRule50k(ctx, compiled, coverage, options) };
    },

    /** The discrete-event simulation of a planning input. */
    async simulatePlan(input: PlanningInput, run: DesRun, onProgress?: (p: SimulationProgress) => void): Promise<SimulationResult> {
      const { ctx, compiled } = await preparedInput(input);
      cancelRequested = false;
      return runSimulationAsync(ctx, compiled, desOptions(input, run), {
        onProgress,
        shouldCancel: () => cancelRequested,
      });
    },

    /**
     * Replications [from, to) of the DES of an input: one worker's part of a run split over a pool
     * of workers; summarisePlan joins the parts. Replication r draws from its own stream (seed, r),
     * so any split gives what simulatePlan gives.
     */
    async simulateRange(input: PlanningInput, run: DesRun, from: number, to: number, onProgress?: (p: SimulationProgress) => void): Promise<ReplicationResult[]> {
      const { ctx, compiled } = await preparedInput(input);
      return runReplicationRange(ctx, compiled, desOptions(input, run), from, to, { onProgress });
    },

    /** The result of a run from all its replications, in replication order (the parts of simulateRange, concatenated). */
    async summarisePlan(input: PlanningInput, run: DesRun, reps: ReplicationResult[]): Promise<SimulationResult> {
      const { ctx, compiled } = await preparedInput(input);
      return summariseReplications(ctx, compiled, desOptions(input, run), reps);
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
