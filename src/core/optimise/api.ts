// The optimisation API the worker exposes (and tests and the CLI call directly): siting (instant
// heuristic, exact MIP with HiGHS), suggested associations, burden sharing, scenario comparison.
// Plain data in and out. Territory and HiGHS are injected: the worker passes a fetch of the
// territory URL and a HiGHS loader with the bundled wasm URL; Node passes files and the package.
import { computeCoverage, type CoverageOptions } from '../coverage/coverage.ts';
import { evaluateRule50k } from '../rule50k/rule50k.ts';
import type { Scenario } from '../scenario/types.ts';
import { comuneIndexOf, compileLayout } from '../sim/compile.ts';
import type { ServiceLayout } from '../sim/layout.ts';
import type { TerritoryData } from '../territory/types.ts';
import type { TravelAssumptions } from '../travel/assumptions.ts';
import { cachedTravelContext, type TravelContext } from '../travel/context.ts';
import type { OdImportReport } from '../sim/api.ts';
import { checkOdMatrix } from '../sim/planning.ts';
import { suggestAssociations, type AssociationOptions, type AssociationProposal } from './associations.ts';
import { compareScenarios, comparisonCsv, type CompareOptions, type CompareSide, type ComparisonResult } from './compare.ts';
import { heuristicGapPct, solveExact, type ExactOptions, type ExactSolution, type HighsInstance, type ModelSize } from './mip.ts';
import { computeShares, type SharesRequest, type SharesResult } from './shares.ts';
import { buildSitingProblem, memberKpis, responseFixedMin, SITING_OBJECTIVE_LABELS, solveHeuristic, type HeuristicSolution, type MemberKpi, type SitingObjective, type SitingProblem, type SitingRequest, type SitingValue } from './siting.ts';
import { gapMinPct, proveIncumbent, type BoundOptions, type SitingBound } from './bounds.ts';
import { buildSparseMedianProblem, solveSparseMedian, sparseKpis, sparseMedianBound, wantsSparse } from './sparse.ts';
import { formatIt } from '../format/numbers.ts';

export interface OptimiseDeps {
  loadTerritory(): Promise<TerritoryData>;
  loadHighs(): Promise<HighsInstance>;
}

export interface TravelOption {
  travel?: Partial<TravelAssumptions>;
  /** The OD matrix the request was built for (PlanningInput.odMatrixId); a mismatch is an error, not a silent estimate. */
  odMatrixId?: string | null;
}
export type SitingApiRequest = SitingRequest & TravelOption;

export interface BaseChoice {
  istat: string;
  name: string;
  ambito: string;
  fixed: boolean;
}

export interface SitingResult {
  members: string[];
  memberNames: string[];
  objective: SitingObjective;
  objectiveLabel: string;
  k: number;
  targetMin: number;
  band: SitingProblem['band'];
  demandPoints: number;
  candidates: number;
  heuristic: { bases: BaseChoice[]; value: SitingValue; ms: number; swaps: number };
  exact: null | {
    bases: BaseChoice[];
    value: SitingValue | null;
    status: ExactSolution['status'];
    statusLabel: string;
    mipGapPct: number | null;
    bound: number | null;
    size: ModelSize;
    candidatesDropped: number;
    ms: number;
    /** 'HiGHS' (WebAssembly, the app) or 'CBC' (native, the CLI when installed). */
    solver: string;
  };
  /** How far the heuristic's objective is from the exact one, in % (null without an exact solution proven over all candidates). */
  heuristicGapPct: number | null;
  /**
   * Proven bound over ALL selectable candidates, computed with the heuristic (Lagrangian for
   * median and cover, packing for center): the heuristic is at most gapPct % from the optimum.
   * After an exact solve, the better of this bound and the MIP's own (when not restricted).
   */
  bound: null | {
    /** Lower bound (median, center; minutes) or upper bound (cover; residents). */
    value: number;
    gapPct: number;
    /** The same gap on travel time only (the response minus triage and mobilisation); null for cover. */
    travelGapPct: number | null;
    proven: boolean;
    method: SitingBound['method'] | 'mip';
    ms: number;
    iterations: number;
  };
  /** Per-member KPIs with the current ("before") bases; null when there are none. Last row = whole association. */
  before: MemberKpi[] | null;
  afterHeuristic: MemberKpi[];
  afterExact: MemberKpi[] | null;
  warnings: string[];
}

export type SharesApiRequest = SharesRequest & TravelOption;
export type AssociationApiOptions = AssociationOptions & TravelOption;

/** A side of a comparison: a computed coverage (with its 50,000-rule result), or a layout to compute. */
export type CompareApiSide = CompareSide | { name?: string; layout: ServiceLayout; costShareEur?: Record<string, number> };
export type CompareApiOptions = CompareOptions & CoverageOptions & TravelOption;

export function createOptimiseApi(deps: OptimiseDeps) {
  let dataPromise: Promise<TerritoryData> | undefined;
  let highsPromise: Promise<HighsInstance> | undefined;
  const data = (): Promise<TerritoryData> => (dataPromise ??= deps.loadTerritory());
  const highs = (): Promise<HighsInstance> => (highsPromise ??= deps.loadHighs());
  // Given the same origin–destination matrix as the simulation worker, siting and coverage agree.
  const travel = cachedTravelContext(data);
  let odId: string | null = null;
  const context = (o: TravelOption): Promise<TravelContext> => {
    checkOdMatrix(o.odMatrixId, odId);
    return travel.context(o.travel);
  };

  function choices(ctx: TravelContext, p: Pick<SitingProblem, 'candidates' | 'fixed'>, open: readonly number[]): BaseChoice[] {
    const fixed = new Set(p.fixed);
    return open.map((j) => {
      const c = ctx.data.comuni[p.candidates[j]];
      return { istat: c.istat, name: c.name, ambito: c.ambito, fixed: fixed.has(j) };
    });
  }

  /** National-scale p-median (sparse.ts): the heuristic and its bound over all candidates; no MIP at this size. */
  function siteSparse(ctx: TravelContext, req: SitingApiRequest, exactAsked: boolean): SitingResult {
    const p = buildSparseMedianProblem(ctx, req);
    const t0 = performance.now();
    const h = solveSparseMedian(p);
    const hMs = performance.now() - t0;
    const b = sparseMedianBound(p, h.open);
    const pos = new Map(p.candidates.map((c, j) => [c, j]));
    const idx = comuneIndexOf(ctx.data);
    // Stryker disable next-line ArrayDeclaration: with no before or fixed list, [] and a list of unknown codes both give no "before" KPIs
    const before = (req.before ?? req.fixed ?? []).map((istat) => pos.get(idx.get(istat) ?? -1));
    const warnings = [...p.warnings];
    if (exactAsked) warnings.push(`Soluzione esatta non calcolata: ${formatIt(p.points.length)} punti × ${formatIt(p.candidates.length)} candidati è oltre la memoria di un modello esatto; vale lo scarto dimostrato dal limite inferiore`);
    return {
      members: p.members,
      memberNames: p.memberNames,
      objective: 'median',
      objectiveLabel: SITING_OBJECTIVE_LABELS.median,
      k: p.k,
      targetMin: p.targetMin,
      band: p.band,
      demandPoints: p.points.length,
      candidates: p.candidates.length,
      heuristic: { bases: choices(ctx, p, h.open), value: h.value, ms: hMs, swaps: h.swaps },
      exact: null,
      heuristicGapPct: null,
      bound: { value: b.bound, gapPct: b.gapPct, travelGapPct: b.travelGapPct, proven: b.proven, method: b.method, ms: b.ms, iterations: b.iterations },
      before: before.length && before.every((j) => j !== undefined) ? sparseKpis(p, before as number[]) : null,
      afterHeuristic: sparseKpis(p, h.open),
      afterExact: null,
      warnings,
    };
  }

  async function site(req: SitingApiRequest, exact: ExactOptions | null, boundOptions?: BoundOptions): Promise<SitingResult> {
    const ctx = await context(req);
    if (wantsSparse(ctx, req)) return siteSparse(ctx, req, exact !== null);
    const p = buildSitingProblem(ctx, req);
    const fixedMin = responseFixedMin(p.band, req.response);
    const t0 = performance.now();
    let h: HeuristicSolution = solveHeuristic(p);
    const hMs = performance.now() - t0;
    // The bound's own search may find a better siting (the relaxation's open sets): keep the best.
    const b = proveIncumbent(p, h.open, fixedMin, boundOptions);
    if (b.incumbent.value.objective !== h.value.objective && (p.objective === 'cover' ? b.incumbent.value.objective > h.value.objective : b.incumbent.value.objective < h.value.objective)) {
      h = { ...h, open: b.incumbent.open, value: b.incumbent.value };
    }
    let ex: ExactSolution | null = null;
    if (exact) ex = solveExact(await highs(), p, exact, h);
    // Only an exact answer over all candidates measures the heuristic's distance; a restricted one does not.
    const exValue = ex && ex.candidatesDropped === 0 && ex.status !== 'non-ammissibile' ? ex.value : null;
    let bound: SitingResult['bound'] = { value: b.bound, gapPct: b.gapPct, travelGapPct: b.travelGapPct, proven: b.proven, method: b.method, ms: b.ms, iterations: b.iterations };
    if (ex && ex.candidatesDropped === 0 && p.objective !== 'cover') {
      // The MIP proves as much as its status says: an optimum is its own bound; otherwise HiGHS's dual bound.
      const mipBound = ex.status === 'ottimo' && ex.value ? ex.value.objective : ex.bound;
      if (mipBound !== null && mipBound > bound.value) {
        // `proven`: the heuristic's answer itself is optimal.
        const proven = h.value.objective - mipBound <= 1e-9 * Math.max(1, h.value.objective);
        bound = { ...bound, value: mipBound, method: 'mip', ms: ex.solveMs, proven, gapPct: proven ? 0 : gapMinPct(h.value.objective, mipBound), travelGapPct: proven ? 0 : gapMinPct(h.value.objective - fixedMin, mipBound - fixedMin) };
      }
    }
    return {
      members: p.members,
      memberNames: p.memberNames,
      objective: p.objective,
      objectiveLabel: SITING_OBJECTIVE_LABELS[p.objective],
      k: p.k,
      targetMin: p.targetMin,
      band: p.band,
      demandPoints: p.points.length,
      candidates: p.candidates.length,
      heuristic: { bases: choices(ctx, p, h.open), value: h.value, ms: hMs, swaps: h.swaps },
      exact: ex && {
        bases: choices(ctx, p, ex.open),
        value: ex.value,
        status: ex.status,
        statusLabel: ex.statusLabel,
        mipGapPct: ex.mipGapPct,
        bound: ex.bound,
        size: ex.size,
        candidatesDropped: ex.candidatesDropped,
        ms: ex.solveMs,
        solver: ex.solver,
      },
      heuristicGapPct: exValue ? heuristicGapPct(p.objective, h.value.objective, exValue.objective) : null,
      bound,
      before: p.before.length ? memberKpis(p, p.before) : null,
      afterHeuristic: memberKpis(p, h.open),
      afterExact: ex && ex.open.length ? memberKpis(p, ex.open) : null,
      warnings: [...p.warnings, ...(ex?.warnings ?? [])],
    };
  }

  return {
    /** Instant siting: greedy + swap interchange. */
    async siteHeuristic(req: SitingApiRequest): Promise<SitingResult> {
      return site(req, null);
    },
    /** Exact siting with HiGHS (time limit, memory guard), with the heuristic for comparison. */
    async siteExact(req: SitingApiRequest, options: ExactOptions = {}): Promise<SitingResult> {
      return site(req, options);
    },
    async suggestAssociations(scenario: Scenario | null, options: AssociationApiOptions = {}): Promise<AssociationProposal> {
      return suggestAssociations(await context(options), scenario, options);
    },
    /** Applies an OD matrix (CSV from_istat,to_istat,minutes) when at least one row is usable. */
    async importOdMatrix(csvText: string, id: string | null = null): Promise<OdImportReport> {
      const report = await travel.importOd(csvText);
      if (report.ok) odId = id;
      return report;
    },
    async clearOdMatrix(): Promise<void> {
      travel.clearOd();
      odId = null;
    },
    async shares(req: SharesApiRequest): Promise<SharesResult> {
      return computeShares(await context(req), req);
    },
    /** Per-Ambito comparison of A and B; layouts are simulated here (coverage + 50,000 rule). The CSV comes with it. */
    async compare(a: CompareApiSide, b: CompareApiSide, options: CompareApiOptions = {}): Promise<ComparisonResult & { csv: string }> {
      const ctx = await context(options);
      // Per-Ambito rows follow the effective composition of side A's layout (official table and
      // what-if moves), not the shipped file this worker loaded.
      let ambitoOfComune: readonly string[] = ctx.data.comuni.map((c) => c.ambito);
      if ('layout' in a) ambitoOfComune = compileLayout(ctx, a.layout).ambitoOfComune;
      const side = (s: CompareApiSide): CompareSide => {
        if (!('layout' in s)) return s;
        const compiled = compileLayout(ctx, s.layout);
        const coverage = computeCoverage(ctx, compiled, options);
        return { name: s.name, coverage, rule50k: evaluateRule50k(ctx, compiled, coverage, options), costShareEur: s.costShareEur };
      };
      const r = compareScenarios(side(a), side(b), ambitoOfComune, options);
      return { ...r, csv: comparisonCsv(r) };
    },
  };
}

export type OptimiseApiCore = ReturnType<typeof createOptimiseApi>;
