// Exact siting: the problem of siting.ts as a mixed-integer programme in CPLEX LP format, solved by
// HiGHS (npm `highs`, WebAssembly) with a time limit. HiGHS is injected (HighsInstance), so the
// core stays free of the browser-only wasm URL and tests load it straight from node_modules.
// Large models can exhaust WASM memory: the size is estimated first and the candidates are
// restricted (or the solve refused) above a threshold, with an Italian message, instead of crashing.
import { evaluateOpen, isSelectable, restrictCandidates, solveHeuristic, type HeuristicSolution, type SitingProblem, type SitingValue } from './siting.ts';
import { solveCenterExact } from './center.ts';
import { formatIt } from '../format/numbers.ts';

/** The part of a persistent HiGHS model this module uses (highs ≥ 1.10 `createModel`). */
export interface HighsModelLike {
  readonly options: { set(values: Readonly<Record<string, string | number | boolean>>): unknown };
  readonly info: { get(name: string): number | bigint };
  run(): unknown;
  getModelStatus(): number;
  getDimensions(): { readonly numCols: number };
  getColName(index: number): string;
  getSolution(): { readonly colValue: Float64Array };
  setSolution(solution: { colValue: Float64Array }): unknown;
  dispose(): void;
}

/** What `await (await import('highs')).default(...)` returns, reduced to what is used here. */
export interface HighsInstance {
  solve(problem: string, options?: Readonly<Record<string, string | number | boolean>>): {
    Status: string;
    ObjectiveValue: number;
    Columns: Record<string, { Index: number; Primal?: number }>;
  };
  createModel?(source: { format: 'lp'; data: string }): HighsModelLike;
}

export interface ModelSize {
  variables: number;
  constraints: number;
  nonzeros: number;
}

/** Above this many matrix nonzeros the MIP is not built as is (WASM memory; measured: ~0.4 GB at 1M). */
export const DEFAULT_MAX_NONZEROS = 600_000;

export function estimateModelSize(objective: SitingProblem['objective'], n: number, m: number, fixed: number, coverPairs = n * m): ModelSize {
  if (objective === 'median') return { variables: n * m + m, constraints: n + n * m + 1 + fixed, nonzeros: 3 * n * m + m + fixed };
  if (objective === 'center') return { variables: n * m + m + 1, constraints: 2 * n + n * m + 1 + fixed, nonzeros: 4 * n * m + m + n + fixed };
  return { variables: n + m, constraints: n + 1 + fixed, nonzeros: n + coverPairs + m + fixed };
}

const num = (v: number): string => String(Number(v.toPrecision(12)));

interface BuiltModel {
  lp: string;
  size: ModelSize;
  /** Candidate positions that are variables y<j>. */
  vars: number[];
  /** Start values by column name (the heuristic's solution). */
  start: Map<string, number>;
}

/** Writes the MIP. Only selectable candidates get a y variable; fixed ones are forced to 1 by a row. */
export function buildMip(problem: SitingProblem, start?: readonly number[]): BuiltModel {
  const n = problem.points.length;
  const sel = isSelectable(problem);
  const vars = problem.candidates.map((_, j) => j).filter((j) => sel[j] || problem.fixed.includes(j));
  const W = problem.totalResidents || 1;
  const lines: string[] = [];
  const startOpen = new Set(start ?? []);
  const startMap = new Map<string, number>();
  const pushTerms = (head: string, terms: string[], tail: string): void => {
    // Short lines: the LP format allows a row to continue on the next line.
    let line = head;
    terms.forEach((t, idx) => {
      line += (idx === 0 ? ' ' : ' + ') + t;
      if (line.length > 200) {
        lines.push(line);
        line = ' ';
      }
    });
    lines.push(line + tail);
  };
  for (const j of vars) startMap.set(`y${j}`, startOpen.has(j) ? 1 : 0);
  const nearestStart = (i: number): number => {
    let best = -1;
    for (const j of startOpen) if (best < 0 || problem.cost[j * n + i] < problem.cost[best * n + i]) best = j;
    return best;
  };

  let coverPairs = 0;
  if (problem.objective === 'cover') {
    const T = problem.targetMin + 1e-9;
    const covering: number[][] = [];
    for (let i = 0; i < n; i++) {
      const c = vars.filter((j) => problem.cost[j * n + i] <= T);
      covering.push(c);
      coverPairs += c.length;
    }
    lines.push('Maximize');
    const obj: string[] = [];
    for (let i = 0; i < n; i++) if (covering[i].length > 0 && problem.weights[i] > 0) obj.push(`${num(problem.weights[i])} u${i}`);
    pushTerms(' obj:', obj.length ? obj : ['0 y' + vars[0]], '');
    lines.push('Subject To');
    for (let i = 0; i < n; i++) {
      if (covering[i].length === 0 || problem.weights[i] <= 0) continue;
      pushTerms(` v${i}: u${i}`, covering[i].map((j) => `- y${j}`), ' <= 0');
      startMap.set(`u${i}`, covering[i].some((j) => startOpen.has(j)) ? 1 : 0);
    }
    // pushTerms joins with " + "; "- y" terms become "+ - y": rewrite them as plain subtraction.
    for (let l = 0; l < lines.length; l++) lines[l] = lines[l].replace(/\+ - /g, '- ');
  } else {
    lines.push('Minimize');
    if (problem.objective === 'median') {
      const obj: string[] = [];
      for (let i = 0; i < n; i++) for (const j of vars) obj.push(`${num((problem.weights[i] / W) * problem.cost[j * n + i])} x${i}_${j}`);
      pushTerms(' obj:', obj, '');
    } else {
      lines.push(' obj: z');
    }
    lines.push('Subject To');
    for (let i = 0; i < n; i++) {
      pushTerms(` a${i}:`, vars.map((j) => `x${i}_${j}`), ' = 1');
      const ns = startOpen.size ? nearestStart(i) : -1;
      for (const j of vars) startMap.set(`x${i}_${j}`, j === ns ? 1 : 0);
    }
    for (let i = 0; i < n; i++) for (const j of vars) lines.push(` l${i}_${j}: x${i}_${j} - y${j} <= 0`);
    if (problem.objective === 'center') {
      for (let i = 0; i < n; i++) {
        const terms = vars.map((j) => `${num(problem.cost[j * n + i])} x${i}_${j}`);
        pushTerms(` c${i}:`, terms, ' - z <= 0');
      }
      if (startOpen.size) startMap.set('z', evaluateOpen(problem, [...startOpen]).maxMin);
    }
  }
  pushTerms(' k:', vars.map((j) => `y${j}`), ` = ${problem.k}`);
  for (const j of problem.fixed) lines.push(` f${j}: y${j} = 1`);
  if (problem.objective === 'cover') {
    lines.push('Bounds');
    for (let i = 0; i < n; i++) if (startMap.has(`u${i}`)) lines.push(` u${i} <= 1`);
  }
  lines.push('Binary');
  for (let s = 0; s < vars.length; s += 20) lines.push(' ' + vars.slice(s, s + 20).map((j) => `y${j}`).join(' '));
  lines.push('End');
  const size = estimateModelSize(problem.objective, n, vars.length, problem.fixed.length, coverPairs);
  return { lp: lines.join('\n'), size, vars, start: startMap };
}

export type ExactStatus = 'ottimo' | 'ottimo-ristretto' | 'limite-di-tempo' | 'non-ammissibile' | 'interrotto' | 'errore';
export const EXACT_STATUS_LABELS: Readonly<Record<ExactStatus, string>> = Object.freeze({
  'ottimo': 'ottimo dimostrato',
  // The memory guard dropped candidates: optimal among those kept only, which proves nothing about the rest.
  'ottimo-ristretto': 'migliore tra i candidati considerati, non dimostrato su tutti',
  'limite-di-tempo': 'limite di tempo raggiunto: migliore soluzione trovata',
  'non-ammissibile': 'nessuna soluzione ammissibile',
  'interrotto': 'interrotto',
  'errore': 'errore del risolutore',
});

/** What an external MIP solver returns for the LP text: status, column values by name, bound, gap. */
export interface MipRun {
  status: ExactStatus;
  values: Map<string, number>;
  /** Best proven bound (same units as the LP objective); null when not available. */
  bound: number | null;
  mipGapPct: number | null;
}

/**
 * An external MIP solver for the same LP text (the CLI's native CBC, src/cli/cbc.ts): the core
 * stays free of processes and files, the caller injects it. Without one, HiGHS solves.
 */
export interface MipRunner {
  readonly name: string;
  solve(lp: string, options: { timeLimitSec: number; mipRelGap: number; start: ReadonlyMap<string, number> | null }): MipRun;
}

export interface ExactOptions {
  /** Solve median and cover MIPs with this solver instead of HiGHS (p-center bisection stays on HiGHS). */
  runner?: MipRunner;
  /** Seconds (HiGHS `time_limit`); default 30. */
  timeLimitSec?: number;
  /** Default DEFAULT_MAX_NONZEROS. */
  maxNonzeros?: number;
  /** Above maxNonzeros: 'restrict' the candidates (default) or 'refuse' the solve. */
  onTooLarge?: 'restrict' | 'refuse';
  /** Relative MIP gap at which HiGHS stops (default 1e-6: close to proven optimality). */
  mipRelGap?: number;
  /** Pass the heuristic's solution to HiGHS as a start (default true). */
  warmStart?: boolean;
  /** p-center: 'bisection' on the radius with set-cover solves (default) or the p-center 'mip'. */
  centerMethod?: 'bisection' | 'mip';
}

export interface ExactSolution {
  status: ExactStatus;
  statusLabel: string;
  /** Open candidate positions of the problem actually solved (possibly restricted), mapped back to the full problem. */
  open: number[];
  value: SitingValue | null;
  /** HiGHS relative gap between incumbent and bound, in %; null when not available. */
  mipGapPct: number | null;
  /** Best proven bound on the objective (same units as value.objective); null when not available. */
  bound: number | null;
  size: ModelSize;
  /** Candidates dropped by the memory guard (0 when none). */
  candidatesDropped: number;
  solveMs: number;
  /** The solver that ran: 'HiGHS' or the runner's name. */
  solver: string;
  warnings: string[];
}

export class ModelTooLargeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelTooLargeError';
  }
}

/** Memory guard: the problem as it will be solved, with the reason when candidates were restricted. */
export function guardProblem(problem: SitingProblem, heuristic: HeuristicSolution, options: ExactOptions = {}): { problem: SitingProblem; dropped: number; warnings: string[] } {
  const maxNz = options.maxNonzeros ?? DEFAULT_MAX_NONZEROS;
  const n = problem.points.length;
  const sel = isSelectable(problem);
  const m = sel.filter(Boolean).length;
  // Maximal covering is sparse: one nonzero per (point, candidate within T), not n × m.
  const pairsOf = problem.objective === 'cover' ? coverPairsPerCandidate(problem) : null;
  const pairsAll = pairsOf ? pairsOf.reduce((a, c, j) => a + (sel[j] ? c : 0), 0) : undefined;
  const size = estimateModelSize(problem.objective, n, m, problem.fixed.length, pairsAll);
  if (size.nonzeros <= maxNz) return { problem, dropped: 0, warnings: [] };
  const what = `Il modello esatto avrebbe ${formatIt(size.variables)} variabili, ${formatIt(size.constraints)} vincoli e ${formatIt(size.nonzeros)} coefficienti (limite ${formatIt(maxNz)}) per ${n} punti di domanda e ${m} comuni candidati`;
  if (options.onTooLarge === 'refuse') throw new ModelTooLargeError(`${what}: troppo grande per la memoria del browser. Ridurre i comuni candidati o gli Ambiti, oppure usare la soluzione euristica`);
  // Largest m' with size(n, m') within the limit.
  let mMax = m;
  if (!pairsOf) while (mMax > 0 && estimateModelSize(problem.objective, n, mMax, problem.fixed.length).nonzeros > maxNz) mMax--;
  const must = new Set([...problem.fixed, ...heuristic.open]);
  if (mMax < Math.max(problem.k, must.size) + 1) {
    throw new ModelTooLargeError(`${what}: anche limitando i candidati il modello resta troppo grande. Ridurre gli Ambiti o usare la soluzione euristica`);
  }
  // Keep the heuristic's bases, the fixed ones, then the most central candidates (lowest cost as a single base).
  const nW = problem.weights;
  const single = problem.candidates.map((_, j) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += nW[i] * problem.cost[j * n + i];
    return s;
  });
  const ranked = problem.candidates.map((_, j) => j).filter((j) => sel[j] && !must.has(j)).sort((a, b) => single[a] - single[b] || a - b);
  let keep = [...must, ...ranked.slice(0, mMax - must.size)];
  if (pairsOf) {
    // cover: as many of the ranked candidates as their cover pairs allow.
    let nz = n + problem.fixed.length;
    keep = [...must];
    for (const j of keep) nz += pairsOf[j] + 1;
    for (const j of ranked) {
      if (nz + pairsOf[j] + 1 > maxNz) break;
      nz += pairsOf[j] + 1;
      keep.push(j);
    }
    if (keep.length < problem.k + 1) throw new ModelTooLargeError(`${what}: anche limitando i candidati il modello resta troppo grande. Ridurre gli Ambiti o usare la soluzione euristica`);
  }
  const restricted = restrictCandidates(problem, keep);
  const dropped = m - keep.length;
  return {
    problem: restricted,
    dropped,
    warnings: [`${what}: considerati solo ${keep.length} comuni candidati (le basi dell'euristica, quelle fisse e i più centrali); ${dropped} esclusi. L'ottimo è quindi relativo ai candidati considerati`],
  };
}

/** cover: demand points (w > 0) within T of each candidate, i.e. the MIP's nonzeros per y column. */
function coverPairsPerCandidate(problem: SitingProblem): number[] {
  const n = problem.points.length;
  const T = problem.targetMin + 1e-9;
  return problem.candidates.map((_, j) => {
    let c = 0;
    for (let i = 0; i < n; i++) if (problem.weights[i] > 0 && problem.cost[j * n + i] <= T) c++;
    return c;
  });
}

function statusOf(code: number): ExactStatus {
  if (code === 7) return 'ottimo';
  if (code === 13) return 'limite-di-tempo';
  if (code === 8 || code === 9) return 'non-ammissibile';
  if (code === 17) return 'interrotto';
  return 'errore';
}
function statusOfText(s: string): ExactStatus {
  if (s === 'Optimal') return 'ottimo';
  if (s === 'Time limit reached') return 'limite-di-tempo';
  if (s === 'Infeasible' || s === 'Primal infeasible or unbounded') return 'non-ammissibile';
  return 'errore';
}

/** Solves the problem exactly (within the time limit). `heuristic` is reused for the guard and the start. */
export function solveExact(highs: HighsInstance, problem: SitingProblem, options: ExactOptions = {}, heuristic: HeuristicSolution = solveHeuristic(problem)): ExactSolution {
  if (problem.objective === 'center' && options.centerMethod !== 'mip') return centerByBisection(highs, problem, options, heuristic);
  const guarded = guardProblem(problem, heuristic, options);
  const p = guarded.problem;
  // Positions in p of the heuristic's bases (restrictCandidates keeps them).
  const posInP = new Map(p.candidates.map((c, j) => [c, j]));
  const startOpen = heuristic.open.map((j) => posInP.get(problem.candidates[j])!);
  // Stryker disable next-line ConditionalExpression,BooleanLiteral: without warm start the start values are never read (no setSolution, the runner gets null) and the LP text does not depend on them
  const built = buildMip(p, options.warmStart === false ? undefined : startOpen);
  const hOptions = { output_flag: false, time_limit: options.timeLimitSec ?? 30, mip_rel_gap: options.mipRelGap ?? 1e-6 };
  const t0 = performance.now();
  const warnings = [...guarded.warnings];
  let status: ExactStatus;
  let values = new Map<string, number>();
  let mipGapPct: number | null = null;
  let bound: number | null = null;
  const solver = options.runner?.name ?? 'HiGHS';
  if (options.runner) {
    const r = options.runner.solve(built.lp, { timeLimitSec: hOptions.time_limit, mipRelGap: hOptions.mip_rel_gap, start: options.warmStart === false ? null : built.start });
    status = r.status;
    values = r.values;
    mipGapPct = r.mipGapPct;
    bound = r.bound;
  } else if (highs.createModel) {
    const model = highs.createModel({ format: 'lp', data: built.lp });
    try {
      model.options.set(hOptions);
      const numCols = model.getDimensions().numCols;
      const names: string[] = [];
      for (let c = 0; c < numCols; c++) names.push(model.getColName(c));
      if (options.warmStart !== false) {
        const colValue = new Float64Array(numCols);
        names.forEach((nm, c) => (colValue[c] = built.start.get(nm) ?? 0));
        try {
          model.setSolution({ colValue });
        } catch {
          warnings.push('Avvio dalla soluzione euristica non accettato dal risolutore: ricerca da zero');
        }
      }
      model.run();
      status = statusOf(model.getModelStatus());
      if (status === 'ottimo' || status === 'limite-di-tempo' || status === 'interrotto') {
        const col = model.getSolution().colValue;
        names.forEach((nm, c) => values.set(nm, col[c]));
        const gap = Number(model.info.get('mip_gap'));
        const db = Number(model.info.get('mip_dual_bound'));
        mipGapPct = Number.isFinite(gap) ? gap * 100 : null;
        bound = Number.isFinite(db) ? db : null;
      }
    } finally {
      model.dispose();
    }
  } else {
    const r = highs.solve(built.lp, hOptions);
    status = statusOfText(r.Status);
    for (const [nm, c] of Object.entries(r.Columns)) values.set(nm, c.Primal ?? 0);
    if (status === 'ottimo') mipGapPct = 0;
  }
  const solveMs = performance.now() - t0;
  if (guarded.dropped > 0) {
    // A restricted model's optimum and dual bound say nothing about the dropped candidates: never
    // report them as a proof (the valid bound over all candidates comes from bounds.ts).
    if (status === 'ottimo') status = 'ottimo-ristretto';
    mipGapPct = null;
    bound = null;
  }
  const openInP = built.vars.filter((j) => (values.get(`y${j}`) ?? 0) > 0.5);
  const haveSolution = openInP.length > 0 && values.size > 0;
  if (!haveSolution && status !== 'non-ammissibile') warnings.push('Il risolutore non ha restituito una soluzione entro il limite di tempo');
  const posInFull = new Map(problem.candidates.map((c, j) => [c, j]));
  // Stryker disable next-line MethodExpression,ArrowFunction,ArithmeticOperator: already ascending (vars ascend in p, and restrictCandidates keeps p's candidates in the full problem's order)
  const open = openInP.map((j) => posInFull.get(p.candidates[j])!).sort((a, b) => a - b);
  // The median objective of the MIP is the mean response already; report the bound in the same unit.
  return {
    status,
    statusLabel: EXACT_STATUS_LABELS[status],
    open: haveSolution ? open : [],
    value: haveSolution ? evaluateOpen(problem, open) : null,
    mipGapPct,
    bound,
    size: built.size,
    candidatesDropped: guarded.dropped,
    solveMs,
    solver,
    warnings,
  };
}

/**
 * p-center exact by radius bisection (center.ts), from the heuristic's radius: a few small
 * set-cover solves instead of the p-center MIP, whose bound barely moves. No memory guard is
 * needed: the largest model is one set cover (points × candidates within the radius).
 */
function centerByBisection(highs: HighsInstance, problem: SitingProblem, options: ExactOptions, heuristic: HeuristicSolution): ExactSolution {
  const t0 = performance.now();
  const r = solveCenterExact(highs, problem, heuristic.open, options.timeLimitSec ?? 30);
  const status: ExactStatus = r.proven ? 'ottimo' : 'limite-di-tempo';
  const ub = r.value.maxMin;
  return {
    status,
    statusLabel: EXACT_STATUS_LABELS[status],
    open: r.open,
    value: r.value,
    mipGapPct: ub > 0 ? Math.max(0, ((ub - r.lowerBound) / ub) * 100) : 0,
    bound: r.lowerBound,
    size: r.size,
    candidatesDropped: 0,
    solveMs: performance.now() - t0,
    solver: 'HiGHS',
    warnings: r.timedOut ? [`Bisezione sul raggio interrotta dal limite di tempo dopo ${r.steps} raggi (${r.solves} coperture risolte con HiGHS)`] : [],
  };
}

/** How far the heuristic is from the exact value, in % of the exact value (≥ 0 when the exact is at least as good). */
export function heuristicGapPct(objective: SitingProblem['objective'], heuristicValue: number, exactValue: number): number {
  if (exactValue === 0) return heuristicValue === exactValue ? 0 : 100;
  const diff = objective === 'cover' ? exactValue - heuristicValue : heuristicValue - exactValue;
  return (diff / Math.abs(exactValue)) * 100;
}
