// Siting of UdS / on-call bases for one PIS (single or sovra-Ambito): the problem (demand points of
// the members, candidate comuni, response-time matrix), its evaluation, and the instant heuristic
// (greedy + Teitz–Bart swap interchange). Response times reuse the travel model (TravelContext,
// cached per base) and the response assumptions of the coverage core, in one time band, so the
// optimiser and the coverage map can never disagree on a number.
import { DEFAULT_RESPONSE_ASSUMPTIONS, type ResponseAssumptions } from '../coverage/assumptions.ts';
import { DEFAULT_COVERAGE_BAND, DEFAULT_TARGET_MIN } from '../coverage/coverage.ts';
import { groupStats, orderByResponse } from '../coverage/stats.ts';
import type { TimeBand } from '../sim/layout.ts';
import type { TravelContext } from '../travel/context.ts';
import { coverCsr, coverSearch, fastInterchange, lazyMedianGreedy } from './search.ts';

/** median = min population-weighted mean response; center = min worst response; cover = max residents within T. */
export type SitingObjective = 'median' | 'center' | 'cover';
export const SITING_OBJECTIVES: readonly SitingObjective[] = ['median', 'center', 'cover'];
export const SITING_OBJECTIVE_LABELS: Readonly<Record<SitingObjective, string>> = Object.freeze({
  median: 'tempo medio di risposta pesato sui residenti (p-mediana)',
  center: 'tempo di risposta peggiore (p-centro)',
  cover: 'residenti raggiunti entro T (copertura massima)',
});

export interface SitingRequest {
  /** Ambito codes of the PIS (one = single Ambito, several = sovra-Ambito). */
  members: string[];
  /** Total number of bases, fixed ones included. */
  k: number;
  objective: SitingObjective;
  /** ISTAT codes of the candidate comuni; default: every comune of the members. */
  candidates?: string[];
  /** ISTAT codes of existing bases kept as they are (counted in k). */
  fixed?: string[];
  /** ISTAT codes of the current bases, for the "before" KPIs; default: the fixed bases. */
  before?: string[];
  /** T of the coverage objective and of the "share within T" KPI; default 45 min (assumption). */
  targetMin?: number;
  /** Time band of the response; default 'closure'. */
  band?: TimeBand;
  response?: ResponseAssumptions;
  /** What-if composition (comune ISTAT → Ambito), as in the scenario. */
  compositionOverrides?: Record<string, string>;
}

/** The instance the heuristic and the MIP both solve. Costs are response minutes (triage + mobilisation + travel). */
export interface SitingProblem {
  members: string[];
  memberNames: string[];
  objective: SitingObjective;
  k: number;
  targetMin: number;
  band: TimeBand;
  /** Demand-point indices (TravelContext.demand order) of the members' residents. */
  points: Int32Array;
  /** Residents of each demand point of the problem. */
  weights: Float64Array;
  totalResidents: number;
  /** Member index of each demand point. */
  memberOfPoint: Int32Array;
  /** Candidate comune indices, ascending (ISTAT order). */
  candidates: number[];
  /** Positions in `candidates` of the fixed bases. */
  fixed: number[];
  /** Positions in `candidates` of the "before" bases (may be outside the original candidate list: added). */
  before: number[];
  /** cost[j * n + i]: response minutes from candidate j to demand point i (Float32: half the memory; travel rows are Float32 already). */
  cost: Float32Array;
  warnings: string[];
}

export class SitingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SitingError';
  }
}

/** Comune index → Ambito code, what-if overrides applied (same rule as compileLayout). */
export function ambitoOfComuni(ctx: TravelContext, overrides?: Record<string, string>): string[] {
  const out = ctx.data.comuni.map((c) => c.ambito);
  if (overrides) {
    const idx = new Map(ctx.data.comuni.map((c, i) => [c.istat, i]));
    for (const [istat, code] of Object.entries(overrides)) {
      const i = idx.get(istat);
      if (i !== undefined) out[i] = code;
    }
  }
  return out;
}

export function responseFixedMin(band: TimeBand, response: ResponseAssumptions = DEFAULT_RESPONSE_ASSUMPTIONS): number {
  return response.triageMin + response.mobilisationMinByBand[band];
}

/** Tabu moves of the cover heuristic after its swap search. */
export const COVER_TABU_MOVES = 60;

/** Candidates up to which the per-candidate travel rows stay cached (all of Lombardy: 1,503). */
export const KEEP_ROWS_UP_TO = 2000;

export function buildSitingProblem(ctx: TravelContext, req: SitingRequest): SitingProblem {
  const { data, demand } = ctx;
  const band = req.band ?? DEFAULT_COVERAGE_BAND;
  const targetMin = req.targetMin ?? DEFAULT_TARGET_MIN;
  const fixedMin = responseFixedMin(band, req.response);
  const factor = ctx.bandFactor(band);
  const warnings: string[] = [];
  const members = [...new Set(req.members)];
  if (members.length === 0) throw new SitingError('Localizzazione: indicare almeno un Ambito del PIS');
  const ambitoName = new Map(data.ambiti.map((a) => [a.code, a.name]));
  for (const m of members) if (!ambitoName.has(m)) throw new SitingError(`Localizzazione: Ambito ${m} sconosciuto`);
  if (!SITING_OBJECTIVES.includes(req.objective)) throw new SitingError(`Localizzazione: obiettivo "${String(req.objective)}" non valido (median, center o cover)`);
  if (!(targetMin > 0)) throw new SitingError(`Localizzazione: soglia T non valida (${targetMin} min)`);

  const ambitoOf = ambitoOfComuni(ctx, req.compositionOverrides);
  const memberPos = new Map(members.map((m, i) => [m, i]));
  const memberComuni: number[] = [];
  ambitoOf.forEach((a, i) => {
    if (memberPos.has(a)) memberComuni.push(i);
  });
  if (memberComuni.length === 0) throw new SitingError(`Localizzazione: gli Ambiti ${members.join(', ')} non hanno comuni`);

  const pts: number[] = [];
  for (const i of memberComuni) for (let p = demand.firstOfComune[i]; p < demand.firstOfComune[i + 1]; p++) pts.push(p);
  const points = Int32Array.from(pts);
  const n = points.length;
  if (n === 0) throw new SitingError(`Localizzazione: nessun residente negli Ambiti ${members.join(', ')}`);
  const weights = new Float64Array(n);
  const memberOfPoint = new Int32Array(n);
  let totalResidents = 0;
  for (let i = 0; i < n; i++) {
    weights[i] = demand.residents[points[i]];
    totalResidents += weights[i];
    memberOfPoint[i] = memberPos.get(ambitoOf[demand.comune[points[i]]])!;
  }

  const idx = new Map(data.comuni.map((c, i) => [c.istat, i]));
  const resolve = (list: string[] | undefined, what: string): number[] =>
    (list ?? []).map((istat) => {
      const i = idx.get(istat);
      if (i === undefined) throw new SitingError(`Localizzazione: ${what} ${istat} non è un comune lombardo dell'elenco`);
      return i;
    });
  const candidateSet = new Set(req.candidates ? resolve(req.candidates, 'comune candidato') : memberComuni);
  const fixedComuni = [...new Set(resolve(req.fixed, 'base fissa'))];
  const beforeComuni = [...new Set(req.before ? resolve(req.before, 'base attuale') : fixedComuni)];
  for (const f of fixedComuni) {
    if (!candidateSet.has(f)) warnings.push(`La base fissa a ${data.comuni[f].name} non era tra i candidati: aggiunta`);
    candidateSet.add(f);
  }
  for (const b of beforeComuni) candidateSet.add(b);
  const candidates = [...candidateSet].sort((a, b) => a - b);
  const pos = new Map(candidates.map((c, j) => [c, j]));
  const fixed = fixedComuni.map((c) => pos.get(c)!).sort((a, b) => a - b);
  const before = beforeComuni.map((c) => pos.get(c)!).sort((a, b) => a - b);

  if (!Number.isInteger(req.k) || req.k < 1) throw new SitingError(`Localizzazione: il numero di basi deve essere un intero ≥ 1 (valore: ${req.k})`);
  if (req.k < fixed.length) throw new SitingError(`Localizzazione: ${req.k} basi in totale sono meno delle ${fixed.length} basi fisse`);
  // "Before" bases that are not candidates are only there for the KPIs: the optimiser may not pick them.
  // Stryker disable next-line StringLiteral: the same list was resolved above without throwing, so this label is never shown
  const selectable = new Set([...(req.candidates ? resolve(req.candidates, 'comune candidato') : memberComuni), ...fixedComuni]);
  if (req.k > selectable.size) throw new SitingError(`Localizzazione: ${req.k} basi richieste ma solo ${selectable.size} comuni candidati`);

  const m = candidates.length;
  const cost = new Float32Array(m * n);
  // Thousands of candidates (national scale): rows are not kept in the travel caches (each would
  // be a second copy of this matrix); a regional association keeps them for the next request.
  const keep = m <= KEEP_ROWS_UP_TO;
  for (let j = 0; j < m; j++) {
    const t = ctx.travelToPoints(candidates[j], undefined, keep);
    // Stryker disable next-line EqualityOperator: i = n writes the next row's first cell, which that row overwrites (or past the end: ignored)
    for (let i = 0; i < n; i++) cost[j * n + i] = fixedMin + t[points[i]] * factor;
  }
  const problem: SitingProblem = {
    members,
    memberNames: members.map((c) => ambitoName.get(c) ?? c),
    objective: req.objective,
    k: req.k,
    targetMin,
    band,
    points,
    weights,
    totalResidents,
    memberOfPoint,
    candidates,
    fixed,
    before,
    cost,
    warnings,
  };
  selectableOf.set(problem, candidates.map((c) => selectable.has(c)));
  return problem;
}

// Which candidate positions the optimiser may open (the "before" bases added for KPIs may not be).
const selectableOf = new WeakMap<SitingProblem, boolean[]>();
export function isSelectable(problem: SitingProblem): boolean[] {
  return selectableOf.get(problem) ?? problem.candidates.map(() => true);
}

/** Restricts a problem to a subset of candidate positions (fixed ones are always kept). */
export function restrictCandidates(problem: SitingProblem, keep: readonly number[]): SitingProblem {
  const set = new Set([...keep, ...problem.fixed, ...problem.before]);
  const kept = [...set].sort((a, b) => a - b);
  const n = problem.points.length;
  const cost = new Float32Array(kept.length * n);
  kept.forEach((j, jj) => cost.set(problem.cost.subarray(j * n, (j + 1) * n), jj * n));
  const newPos = new Map(kept.map((j, jj) => [j, jj]));
  const sel = isSelectable(problem);
  const out: SitingProblem = {
    ...problem,
    candidates: kept.map((j) => problem.candidates[j]),
    fixed: problem.fixed.map((j) => newPos.get(j)!),
    before: problem.before.map((j) => newPos.get(j)!),
    cost,
    warnings: [...problem.warnings],
  };
  selectableOf.set(out, kept.map((j) => sel[j] && (keep.includes(j) || problem.fixed.includes(j))));
  return out;
}

// ---------------------------------------------------------------- evaluation

export interface SitingValue {
  /** Population-weighted mean response (min). */
  meanMin: number;
  /** Worst response over the demand points (min). */
  maxMin: number;
  /** Residents within targetMin. */
  coveredResidents: number;
  /** Value of the problem's objective: meanMin, maxMin or coveredResidents. */
  objective: number;
}

/** Response of each demand point from the open candidate positions. */
export function responseOf(problem: SitingProblem, open: readonly number[]): Float64Array {
  const n = problem.points.length;
  const r = new Float64Array(n).fill(Infinity);
  for (const j of open) {
    const base = j * n;
    // Stryker disable next-line EqualityOperator: r[n] is undefined (no write), and taking an equal cost writes the same value
    for (let i = 0; i < n; i++) if (problem.cost[base + i] < r[i]) r[i] = problem.cost[base + i];
  }
  return r;
}

export function valueOfResponse(problem: SitingProblem, r: Float64Array): SitingValue {
  let sum = 0;
  let max = 0;
  let covered = 0;
  for (let i = 0; i < r.length; i++) {
    const w = problem.weights[i];
    sum += w * r[i];
    if (w > 0 && r[i] > max) max = r[i];
    if (r[i] <= problem.targetMin + 1e-9) covered += w;
  }
  const meanMin = problem.totalResidents > 0 ? sum / problem.totalResidents : 0;
  const objective = problem.objective === 'median' ? meanMin : problem.objective === 'center' ? max : covered;
  return { meanMin, maxMin: max, coveredResidents: covered, objective };
}

export function evaluateOpen(problem: SitingProblem, open: readonly number[]): SitingValue {
  return valueOfResponse(problem, responseOf(problem, open));
}

/**
 * Lexicographic score to minimise, written into `out`: the objective first, then the weighted sum
 * of responses so that flat objectives (p-center's max, coverage counts) still prefer
 * better-placed bases. No allocation: it runs once per candidate swap.
 */
/** exported for tests */
export function scoreInto(problem: SitingProblem, r: Float64Array, out: Float64Array): void {
  const w = problem.weights;
  const T = problem.targetMin + 1e-9;
  let sum = 0;
  let max = 0;
  let covered = 0;
  for (let i = 0; i < r.length; i++) {
    const t = r[i];
    sum += w[i] * t;
    if (t > max) max = t;
    if (t <= T) covered += w[i];
  }
  out[0] = problem.objective === 'median' ? sum : problem.objective === 'center' ? max : -covered;
  out[1] = sum;
}

const EPS = 1e-9;
/** exported for tests */
export function better(a: Float64Array, b: Float64Array): boolean {
  const tol = EPS * Math.max(1, Math.abs(b[0]));
  if (a[0] < b[0] - tol) return true;
  if (a[0] > b[0] + tol) return false;
  return a[1] < b[1] - EPS * Math.max(1, Math.abs(b[1]));
}

// ---------------------------------------------------------------- heuristic

export interface HeuristicSolution {
  /** Open candidate positions, ascending. */
  open: number[];
  value: SitingValue;
  swaps: number;
  evaluations: number;
}

/** Greedy addition from `open` (dense: every candidate scored on the lexicographic pair). */
/** exported for tests */
export function greedyDense(problem: SitingProblem, open: number[], sel: boolean[]): number {
  const n = problem.points.length;
  const m = problem.candidates.length;
  const isOpen = new Uint8Array(m);
  for (const j of open) isOpen[j] = 1;
  let evaluations = 0;
  let cur = responseOf(problem, open);
  const trial = new Float64Array(n);
  const s = new Float64Array(2);
  const bestScore = new Float64Array(2);
  while (open.length < problem.k) {
    let bestJ = -1;
    // Stryker disable next-line EqualityOperator: j = m reads isOpen[m] and sel[m] as undefined and is skipped
    for (let j = 0; j < m; j++) {
      if (isOpen[j] || !sel[j]) continue;
      const base = j * n;
      // Stryker disable next-line EqualityOperator: trial[n] is out of range (no write)
      for (let i = 0; i < n; i++) {
        const c = problem.cost[base + i];
        // Stryker disable next-line EqualityOperator: on equal values both branches give the same number
        trial[i] = c < cur[i] ? c : cur[i];
      }
      evaluations++;
      scoreInto(problem, trial, s);
      if (bestJ < 0 || better(s, bestScore)) {
        bestJ = j;
        bestScore.set(s);
      }
    }
    if (bestJ < 0) break;
    open.push(bestJ);
    isOpen[bestJ] = 1;
    cur = responseOf(problem, open);
  }
  return evaluations;
}

/**
 * p-center by bisection on the radius with the cover search (unit weights: every resident point
 * counts the same), then the fast interchange on "within the radius found, then mean response",
 * which keeps the worst response and improves the rest.
 */
function centerHeuristic(problem: SitingProblem, free: number[], usable: number[]): { open: number[]; swaps: number; evaluations: number } {
  const n = problem.points.length;
  const m = problem.candidates.length;
  const need = problem.k - problem.fixed.length;
  const unit = new Float64Array(n);
  for (let i = 0; i < n; i++) if (problem.weights[i] > 0) unit[i] = 1;
  // Start: the p-median greedy's siting (any feasible siting gives the upper radius).
  const start = [...problem.fixed];
  let evaluations = lazyMedianGreedy(problem, start, free);
  let best = start.sort((a, b) => a - b);
  let hi = evaluateOpen(problem, best).maxMin;
  let lo = 0;
  for (let i = 0; i < n; i++) {
    if (unit[i] === 0) continue;
    let c = Infinity;
    for (const j of usable) c = Math.min(c, problem.cost[j * n + i]);
    lo = Math.max(lo, c);
  }
  lo -= 1e-9;
  let swaps = 0;
  for (let step = 0; step < 40 && hi - lo > 1e-4 * Math.max(1, hi); step++) {
    const r = (lo + hi) / 2;
    const { byCand, byPoint } = coverCsr(problem, usable, r);
    let res = coverSearch(byCand, byPoint, unit, m, problem.fixed, free, need, { reweight: 30 });
    // A second try from the best siting so far (a near-cover at this radius) before giving up.
    // Stryker disable next-line MethodExpression: coverSearch's start skips the fixed bases itself, so not filtering them gives the same search
    if (res.uncovered > 0) res = coverSearch(byCand, byPoint, unit, m, problem.fixed, free, need, { reweight: 30, start: best.filter((j) => !problem.fixed.includes(j)) });
    evaluations++;
    if (res.uncovered === 0) {
      const open = fillOpen(problem, res.open, free);
      best = open;
      hi = evaluateOpen(problem, open).maxMin;
    } else lo = r;
  }
  // Stryker disable next-line StringLiteral: fastInterchange only tests mode === 'median'; any other string is the cover mode
  const polished = fastInterchange(problem, best, free, 'cover', hi);
  swaps += polished.swaps;
  evaluations += polished.evaluations;
  return { open: polished.open, swaps, evaluations };
}

/** Adds bases up to k, each the one that lowers the weighted mean response most. */
/** exported for tests */
export function fillOpen(problem: SitingProblem, open: readonly number[], free: readonly number[]): number[] {
  const out = [...open];
  if (out.length >= problem.k) return out.sort((a, b) => a - b);
  const sel = isSelectable(problem);
  const allowed = new Set(free);
  greedyDense({ ...problem, objective: 'median' }, out, sel.map((s, j) => s && allowed.has(j)));
  return out.sort((a, b) => a - b);
}

/**
 * The instant heuristic. median: greedy addition then fast interchange (nearest / second-nearest
 * bookkeeping). cover: lazy greedy (CELF) on sparse cover lists, incremental swaps, then the fast
 * interchange on (residents within T, mean response). center: bisection on the radius with the
 * cover search. Deterministic: candidates in ISTAT order, ties keep the first.
 */
export function solveHeuristic(problem: SitingProblem): HeuristicSolution {
  const m = problem.candidates.length;
  const sel = isSelectable(problem);
  const isFixed = new Uint8Array(m);
  for (const j of problem.fixed) isFixed[j] = 1;
  const free: number[] = [];
  const usable: number[] = [];
  // Stryker disable next-line EqualityOperator: j = m reads sel[m] and isFixed[m] as undefined: nothing is pushed
  for (let j = 0; j < m; j++) {
    if (sel[j] || isFixed[j]) usable.push(j);
    if (sel[j] && !isFixed[j]) free.push(j);
  }
  let open: number[];
  let swaps = 0;
  let evaluations = 0;
  if (problem.objective === 'median') {
    const start = [...problem.fixed];
    evaluations += lazyMedianGreedy(problem, start, free);
    const r = fastInterchange(problem, start, free, 'median');
    open = r.open;
    swaps = r.swaps;
    evaluations += r.evaluations;
  } else if (problem.objective === 'cover') {
    const { byCand, byPoint } = coverCsr(problem, usable, problem.targetMin);
    // 60 tabu moves after the swaps: Lombardy k 10 reaches the proven optimum (4,940,631; the swaps
    // alone stop at 4,897,357), k 20 gains 0.6 %, for ~10-30 ms.
    const c = coverSearch(byCand, byPoint, problem.weights, m, problem.fixed, free, problem.k - problem.fixed.length, { tabu: COVER_TABU_MOVES });
    const filled = fillOpen(problem, c.open, free);
    // Stryker disable next-line StringLiteral: fastInterchange only tests mode === 'median'; any other string is the cover mode
    const r = fastInterchange(problem, filled, free, 'cover');
    open = r.open;
    swaps = r.swaps;
    evaluations += r.evaluations;
  } else {
    const r = centerHeuristic(problem, free, usable);
    open = r.open;
    swaps = r.swaps;
    evaluations = r.evaluations;
  }
  // Stryker disable next-line MethodExpression,ArrowFunction,ArithmeticOperator: every branch's open set comes sorted from fastInterchange
  open.sort((x, y) => x - y);
  return { open, value: evaluateOpen(problem, open), swaps, evaluations };
}

// ---------------------------------------------------------------- KPIs

export interface MemberKpi {
  ambito: string;
  name: string;
  residents: number;
  /** null when no base serves the member (no "before" bases). */
  meanMin: number | null;
  p90Min: number | null;
  maxMin: number | null;
  /** Share of the member's residents within targetMin. */
  shareWithinT: number;
}

/** Per-member KPIs (and the whole association as the last row, code "totale") for a set of open positions. */
export function memberKpis(problem: SitingProblem, open: readonly number[]): MemberKpi[] {
  const r = responseOf(problem, open);
  const resp = Float32Array.from(r);
  const order = orderByResponse(resp);
  // Stryker disable next-line ArrayDeclaration: groupStats only copies `comuni` through, and memberKpis does not return it
  const comuniPerMember = new Array<number>(problem.members.length).fill(0);
  const groups = problem.members.map((code, i) => ({ code, name: problem.memberNames[i], comuni: comuniPerMember[i] }));
  const stats = groupStats(problem.memberOfPoint, groups, problem.weights, resp, order, [problem.targetMin]);
  const all = groupStats(new Int32Array(problem.points.length), [{ code: 'totale', name: 'Intera associazione', comuni: 0 }], problem.weights, resp, order, [problem.targetMin]);
  return [...stats, ...all].map((s) => ({
    ambito: s.code,
    name: s.name,
    residents: s.residents,
    meanMin: s.meanResponseMin,
    p90Min: s.p90ResponseMin,
    maxMin: s.maxResponseMin,
    shareWithinT: s.shareWithin[0],
  }));
}
