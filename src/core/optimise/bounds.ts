// Proven bounds for the siting heuristic, in about a second, without a MIP solver.
//
// p-median: Lagrangian relaxation of the assignment rows (Σ_j x_ij = 1, multiplier λ_i), solved by
// subgradient (Held–Karp step). For any λ the relaxation's value L(λ) = Σ λ_i + Σ_{j open} ρ_j,
// ρ_j = Σ_i min(0, w_i c_ij − λ_i), with the k most negative ρ opened (fixed bases forced), is a
// valid LOWER bound on the p-median optimum over ALL selectable candidates: so the heuristic's
// "scarto ≤ x %" holds for the whole problem, not for a restricted MIP.
//
// cover (MCLP): Lagrangian relaxation of the coverage rows u_i ≤ Σ_j a_ij y_j (μ_i ≥ 0) gives an
// UPPER bound on the residents reachable within T.
//
// center: bisection on the radius with the Lagrangian of the minimum set cover (center.ts): a
// radius where the fewest bases provably exceed k is unreachable. The exact value comes from the
// same bisection with a set-cover MIP for the radii left undecided (center.ts).
//
// Per point, candidates are kept sorted by cost (full lists when they fit, else the K nearest with
// λ_i clamped below the K-th cost, which keeps every bound valid): one iteration then touches only
// the candidates cheaper than λ_i / w_i, not the whole matrix.
import { evaluateOpen, isSelectable, type SitingProblem, type SitingValue } from './siting.ts';
import { coverSearch } from './search.ts';
import { centerLowerBound } from './center.ts';

export interface SitingBound {
  /** Lower bound (median, center) or upper bound (cover) on the objective over all selectable candidates. */
  bound: number;
  /** How far the incumbent can be from the optimum, in % of the bound (≥ 0); 0 = proven optimal. */
  gapPct: number;
  /** For median/center: the same gap on the travel part of the response only (fixed minutes removed). */
  travelGapPct: number | null;
  /** The incumbent the gap refers to (the heuristic's, or a better one the relaxation found). */
  incumbent: { open: number[]; value: SitingValue };
  proven: boolean;
  method: 'lagrangian';
  iterations: number;
  ms: number;
}

export interface BoundOptions {
  /** Wall-clock budget in ms (default 1000). */
  maxMs?: number;
  /** Subgradient iterations (default 2000). */
  maxIterations?: number;
  /** Candidate lists per point are truncated to this many when n·m exceeds maxListEntries (default 64). */
  nearest?: number;
  /** Iterations without a better bound before the step halves (default 80). */
  patience?: number;
  /** cover: every this many iterations the relaxation's bases seed a swap search (default 25). */
  searchEvery?: number;
  /** cover: tabu moves after each seeded swap search (default 0). */
  seedTabu?: number;
  /** Full sorted lists up to this many entries (default 6 M: ≈ 72 MB at Float64 + Int32). */
  maxListEntries?: number;
}

/** Per-point candidate lists sorted by cost (selectable or fixed candidates only). */
export interface SortedLists {
  len: number;
  cand: Int32Array;
  cost: Float64Array;
  /** Cost of the first candidate NOT in the list (Infinity when the list is complete). */
  beyond: Float64Array;
}

/** exported for tests */
export function sortedLists(problem: SitingProblem, usable: readonly number[], options: BoundOptions): SortedLists {
  const n = problem.points.length;
  const mu = usable.length;
  const full = n * mu <= (options.maxListEntries ?? 6_000_000);
  const len = full ? mu : Math.min(mu, options.nearest ?? 64);
  const cand = new Int32Array(n * len);
  const cost = new Float64Array(n * len);
  const beyond = new Float64Array(n).fill(Infinity);
  const idx = new Int32Array(mu);
  const c = new Float64Array(mu);
  // Full lists: a typed sort of exact float64 keys (float32 bits of the cost · 2^b + position; costs
  // ≥ 0 order like their bits) instead of an index sort with a comparator: several times faster.
  let b = 1;
  // Stryker disable next-line EqualityOperator: one more bit when mu is a power of 2 keeps the keys exact (only the fast path's 2^21 threshold moves, and both paths sort alike)
  while (2 ** b < mu) b++;
  const scale = 2 ** b;
  const keys = new Float64Array(mu);
  const f32 = new Float32Array(1);
  const u32 = new Uint32Array(f32.buffer);
  // Stryker disable next-line EqualityOperator: the threshold only picks the fast path or the comparator sort, which give the same order
  const packed = full && b <= 21;
  // Stryker disable next-line EqualityOperator: a row past the last point writes past the typed arrays' ends, which is dropped
  for (let i = 0; i < n; i++) {
    // Stryker disable next-line EqualityOperator: idx[mu] and c[mu] are past the typed arrays' ends (dropped)
    for (let q = 0; q < mu; q++) {
      idx[q] = q;
      c[q] = problem.cost[usable[q] * n + i];
    }
    // Stryker disable next-line ArrowFunction: a false test only sends the row to the comparator sort, which orders it alike
    if (packed && c.every((x) => x >= 0 && Math.fround(x) === x)) {
      // Stryker disable next-line EqualityOperator: keys[mu] is past the typed array's end (dropped)
      for (let q = 0; q < mu; q++) {
        f32[0] = c[q] + 0;
        keys[q] = u32[0] * scale + q;
      }
      keys.sort();
      // Stryker disable next-line EqualityOperator: idx[mu] is past the typed array's end (dropped)
      for (let q = 0; q < mu; q++) idx[q] = keys[q] % scale;
    } else if (full) idx.sort((a, b) => c[a] - c[b] || a - b);
    else {
      // Partial selection of the len+1 cheapest (len is small): insertion into a short sorted prefix.
      const top = Math.min(mu, len + 1);
      for (let q = 0; q < mu; q++) {
        if (q >= top && c[q] >= c[idx[top - 1]]) continue;
        // Stryker disable next-line ArithmeticOperator: a prefix two slots longer keeps its first `top` entries the same (checked on 200,000 random rows)
        let p = Math.min(q, top - 1);
        // Stryker disable next-line ConditionalExpression,EqualityOperator: at p = 0, idx[-1] is undefined and the comparison is false anyway
        while (p > 0 && c[idx[p - 1]] > c[q]) {
          idx[p] = idx[p - 1];
          p--;
        }
        idx[p] = q;
      }
      if (top > len) beyond[i] = c[idx[len]];
    }
    // Stryker disable next-line EqualityOperator: entry len lands on the next row's first slot, rewritten by that row (or past the end)
    for (let r = 0; r < len; r++) {
      cand[i * len + r] = usable[idx[r]];
      cost[i * len + r] = c[idx[r]];
    }
  }
  return { len, cand, cost, beyond };
}

/** exported for tests */
export function usableCandidates(problem: SitingProblem): number[] {
  const sel = isSelectable(problem);
  const fixed = new Set(problem.fixed);
  return problem.candidates.map((_, j) => j).filter((j) => sel[j] || fixed.has(j));
}

/** Indices of the `count` smallest values of v among `pool` (ties: lower index), appended to `out`. Exported for tests. */
export function smallest(v: Float64Array, pool: readonly number[], count: number, out: number[]): void {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: with count ≤ 0 the loop below pushes nothing anyway
  if (count <= 0) return;
  const chosen: number[] = [];
  for (const j of pool) {
    if (chosen.length < count) {
      chosen.push(j);
      // Stryker disable next-line ConditionalExpression,EqualityOperator: at p = 0, chosen[-1] is undefined and the comparison is false anyway
      for (let p = chosen.length - 1; p > 0 && (v[chosen[p]] < v[chosen[p - 1]]); p--) [chosen[p], chosen[p - 1]] = [chosen[p - 1], chosen[p]];
    } else if (v[j] < v[chosen[count - 1]]) {
      chosen[count - 1] = j;
      // Stryker disable next-line ConditionalExpression,EqualityOperator: at p = 0, chosen[-1] is undefined and the comparison is false anyway
      for (let p = count - 1; p > 0 && v[chosen[p]] < v[chosen[p - 1]]; p--) [chosen[p], chosen[p - 1]] = [chosen[p - 1], chosen[p]];
    }
  }
  out.push(...chosen);
}

const now = (): number => performance.now();

/** Gap of a minimisation incumbent over a lower bound, in % of the bound. */
export function gapMinPct(incumbent: number, bound: number): number {
  if (!(bound > 0)) return incumbent <= bound ? 0 : Infinity;
  return Math.max(0, ((incumbent - bound) / bound) * 100);
}

/** Lagrangian lower bound of the p-median, starting from an incumbent (the heuristic's open set). */
export function medianBound(problem: SitingProblem, start: readonly number[], options: BoundOptions = {}, fixedMin = 0): SitingBound {
  const t0 = now();
  const n = problem.points.length;
  const m = problem.candidates.length;
  const W = problem.totalResidents || 1;
  const w = problem.weights;
  const usable = usableCandidates(problem);
  const fixedSet = new Set(problem.fixed);
  const free = usable.filter((j) => !fixedSet.has(j));
  const need = problem.k - problem.fixed.length;
  const L = sortedLists(problem, usable, options);
  const len = L.len;

  let bestOpen = [...start].sort((a, b) => a - b);
  let bestValue = evaluateOpen(problem, bestOpen);
  let ub = bestValue.meanMin * W; // weighted sum
  // λ_i starts at the incumbent's weighted response of i: L(λ) then starts at or below ub.
  const lambda = new Float64Array(n);
  const cap = new Float64Array(n); // λ_i ≤ w_i × (first cost beyond the list), so the list holds every j with w c < λ
  {
    const open = bestOpen;
    // Stryker disable next-line EqualityOperator: cap[n] and lambda[n] are past the typed arrays' ends (dropped)
    for (let i = 0; i < n; i++) {
      let r = Infinity;
      for (const j of open) r = Math.min(r, problem.cost[j * n + i]);
      cap[i] = w[i] * L.beyond[i];
      lambda[i] = Math.min(w[i] * r, cap[i]);
    }
  }
  const rho = new Float64Array(m);
  const g = new Float64Array(n);
  // Measured on the real data (25 Ambiti k 6, Lombardy k 10/20): 80 beats 20–40 and restarts.
  const patience = options.patience ?? 80;
  const isOpen = new Uint8Array(m);
  let bestBound = -Infinity;
  let theta = 2;
  let sinceImprove = 0;
  const maxIt = options.maxIterations ?? 2000;
  // Stryker disable next-line LogicalOperator: the wall-clock budget; tests are bound by iterations
  const maxMs = options.maxMs ?? 1000;
  let it = 0;
  // Stryker disable next-line ArrayDeclaration: emptied at the top of every iteration before use
  const open: number[] = [];
  for (; it < maxIt; it++) {
    rho.fill(0);
    let lval = 0;
    for (let i = 0; i < n; i++) {
      const wi = w[i];
      if (wi <= 0) continue;
      const li = lambda[i];
      lval += li;
      const base = i * len;
      for (let r = 0; r < len; r++) {
        const d = wi * L.cost[base + r] - li;
        // Stryker disable next-line EqualityOperator: d = 0 adds nothing to ρ, and the sorted entries after it are ≥ 0 too
        if (d >= 0) break;
        rho[L.cand[base + r]] += d;
      }
    }
    open.length = 0;
    open.push(...problem.fixed);
    smallest(rho, free, need, open);
    for (const j of open) lval += rho[j];
    // Stryker disable next-line EqualityOperator: lval exactly at bestBound + 1e-12·|lval| does not occur (the tolerance already makes a tie no progress)
    if (lval > bestBound + 1e-12 * Math.abs(lval)) {
      bestBound = lval;
      sinceImprove = 0;
    } else if (++sinceImprove >= patience) {
      // No progress for a while: smaller steps.
      theta /= 2;
      sinceImprove = 0;
    }
    // The relaxation's open set is a feasible siting: keep it if it beats the incumbent.
    if (it % 10 === 0) {
      const v = evaluateOpen(problem, open);
      // Stryker disable next-line EqualityOperator: a value exactly at ub − 1e-9·ub does not occur (the tolerance already keeps ties out)
      if (v.meanMin * W < ub - 1e-9 * ub) {
        ub = v.meanMin * W;
        bestOpen = [...open].sort((a, b) => a - b);
        bestValue = v;
      }
    }
    if (
      ub - bestBound <= 1e-9 * ub ||
      // Stryker disable next-line EqualityOperator: theta = 2 · 2^-h is never exactly 1e-4
      theta < 1e-4 ||
      // Stryker disable next-line ConditionalExpression,EqualityOperator: the wall-clock budget; tests are bound by iterations
      now() - t0 > maxMs
    ) break;
    // Subgradient: 1 − number of open candidates that would take i.
    for (const j of open) isOpen[j] = 1;
    let norm = 0;
    for (let i = 0; i < n; i++) {
      const wi = w[i];
      if (wi <= 0) {
        g[i] = 0;
        continue;
      }
      const li = lambda[i];
      let cnt = 0;
      const base = i * len;
      for (let r = 0; r < len; r++) {
        if (wi * L.cost[base + r] - li >= 0) break;
        if (isOpen[L.cand[base + r]]) cnt++;
      }
      g[i] = 1 - cnt;
      norm += g[i] * g[i];
    }
    for (const j of open) isOpen[j] = 0;
    if (norm === 0) {
      // Every point taken by exactly one open base: the relaxation's solution is feasible, so optimal.
      const v = evaluateOpen(problem, open);
      // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: here v = L(λ) < ub − 1e-9·ub (else the gap rule stopped first), so every variant takes the branch
      if (v.meanMin * W <= ub) {
        ub = v.meanMin * W;
        bestOpen = [...open].sort((a, b) => a - b);
        bestValue = v;
      }
      // Stryker disable next-line MethodExpression: ub = lval ≤ bestBound + tolerance here, so the bound min(bestBound, ub) comes out the same
      bestBound = Math.max(bestBound, Math.min(lval, ub));
      break;
    }
    const step = (theta * (ub - lval)) / norm;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: g_i = 0 leaves λ_i = min(cap_i, λ_i) = λ_i; g[n] is past the end
    for (let i = 0; i < n; i++) if (g[i] !== 0) lambda[i] = Math.min(cap[i], lambda[i] + step * g[i]);
  }
  const bound = Math.min(bestBound, ub) / W;
  const inc = bestValue.meanMin;
  // Stryker disable next-line EqualityOperator: the tolerance is > 0, so < and ≤ differ only at exactly 1e-9·max(1, inc)
  const proven = inc - bound <= 1e-9 * Math.max(1, inc);
  return {
    bound,
    gapPct: proven ? 0 : gapMinPct(inc, bound),
    travelGapPct: proven ? 0 : gapMinPct(inc - fixedMin, bound - fixedMin),
    incumbent: { open: bestOpen, value: bestValue },
    proven,
    method: 'lagrangian',
    iterations: it + 1,
    ms: now() - t0,
  };
}

/** Sparse cover lists: for each usable candidate, the demand points (w > 0) within T. */
export interface CoverLists {
  start: Int32Array;
  points: Int32Array;
}

export function coverLists(problem: SitingProblem, candidates: readonly number[] = problem.candidates.map((_, j) => j)): CoverLists {
  const n = problem.points.length;
  const T = problem.targetMin + 1e-9;
  const start = new Int32Array(problem.candidates.length + 1);
  const tmp: number[] = [];
  const inList = new Uint8Array(problem.candidates.length);
  for (const j of candidates) inList[j] = 1;
  // Stryker disable next-line EqualityOperator: j = m writes start[m] = tmp.length, as the line after the loop does
  for (let j = 0; j < problem.candidates.length; j++) {
    start[j] = tmp.length;
    if (!inList[j]) continue;
    const base = j * n;
    for (let i = 0; i < n; i++) if (problem.weights[i] > 0 && problem.cost[base + i] <= T) tmp.push(i);
  }
  start[problem.candidates.length] = tmp.length;
  return { start, points: Int32Array.from(tmp) };
}

/** Lagrangian upper bound of the maximal covering problem (residents within T). */
export function coverBound(problem: SitingProblem, start: readonly number[], options: BoundOptions = {}, lists: CoverLists = coverLists(problem, usableCandidates(problem))): SitingBound {
  const t0 = now();
  const n = problem.points.length;
  const m = problem.candidates.length;
  const w = problem.weights;
  const usable = usableCandidates(problem);
  const fixedSet = new Set(problem.fixed);
  const free = usable.filter((j) => !fixedSet.has(j));
  const need = problem.k - problem.fixed.length;
  const coverable = new Uint8Array(n);
  for (let q = 0; q < lists.points.length; q++) coverable[lists.points[q]] = 1;

  let bestOpen = [...start].sort((a, b) => a - b);
  let bestValue = evaluateOpen(problem, bestOpen);
  let lb = bestValue.coveredResidents;
  // μ_i = w_i / 2 for coverable points: a neutral start.
  const mu = new Float64Array(n);
  for (let i = 0; i < n; i++) mu[i] = coverable[i] ? w[i] / 2 : 0;
  const score = new Float64Array(m);
  const negScore = new Float64Array(m);
  const count = new Int32Array(n);
  const s = new Float64Array(n);
  const searchEvery = options.searchEvery ?? 25;
  const csr = { start: lists.start, cols: lists.points }; // by candidate (coverSearch's by-point argument is unused)
  let bestBound = Infinity;
  let theta = 2;
  let since = 0;
  // Measured on Lombardy k 20: patience 150 and 5,000 iterations bound 0.1 % tighter than 80 / 2,000.
  const maxIt = options.maxIterations ?? 5000;
  // Stryker disable next-line LogicalOperator: the wall-clock budget; tests are bound by iterations
  const maxMs = options.maxMs ?? 1000;
  let it = 0;
  // Stryker disable next-line ArrayDeclaration: emptied at the top of every iteration before use
  const open: number[] = [];
  for (; it < maxIt; it++) {
    let val = 0;
    for (let i = 0; i < n; i++) if (coverable[i] && w[i] > mu[i]) val += w[i] - mu[i];
    for (const j of usable) {
      let sc = 0;
      for (let q = lists.start[j]; q < lists.start[j + 1]; q++) sc += mu[lists.points[q]];
      score[j] = sc;
      negScore[j] = -sc;
    }
    open.length = 0;
    open.push(...problem.fixed);
    smallest(negScore, free, need, open);
    for (const j of open) val += score[j];
    // Stryker disable next-line EqualityOperator: val exactly at bestBound − 1e-12·|val| does not occur (the tolerance already makes a tie no progress)
    if (val < bestBound - 1e-12 * Math.abs(val)) {
      bestBound = val;
      since = 0;
    } else if (++since >= (options.patience ?? 150)) {
      theta /= 2;
      since = 0;
    }
    if (it % searchEvery === 0) {
      // Lagrangian heuristic: the relaxation's bases, improved by the swap search.
      // Stryker disable next-line MethodExpression: coverSearch skips fixed bases in its start anyway
      const start = open.filter((j) => !fixedSet.has(j));
      const ls = coverSearch(csr, csr, w, m, problem.fixed, free, need, { start, tabu: options.seedTabu ?? 0 });
      // Stryker disable next-line EqualityOperator: a search result exactly at lb + 1e-9·max(1, lb) does not occur (the tolerance already keeps ties out)
      if (ls.covered > lb + 1e-9 * Math.max(1, lb)) {
        const v = evaluateOpen(problem, ls.open);
        lb = v.coveredResidents;
        bestOpen = ls.open;
        bestValue = v;
      }
    }
    if (
      // Stryker disable next-line EqualityOperator: the tolerance is > 0, so < and ≤ differ only at exactly 1e-9·max(1, lb)
      bestBound - lb <= 1e-9 * Math.max(1, lb) ||
      // Stryker disable next-line EqualityOperator: theta = 2 · 2^-h is never exactly 1e-4
      theta < 1e-4 ||
      // Stryker disable next-line ConditionalExpression,EqualityOperator: the wall-clock budget; tests are bound by iterations
      now() - t0 > maxMs
    ) break;
    count.fill(0);
    for (const j of open) for (let q = lists.start[j]; q < lists.start[j + 1]; q++) count[lists.points[q]]++;
    let norm = 0;
    for (let i = 0; i < n; i++) {
      if (!coverable[i]) {
        s[i] = 0;
        continue;
      }
      s[i] = count[i] - (w[i] > mu[i] ? 1 : 0);
      norm += s[i] * s[i];
    }
    if (norm === 0) {
      // Every coverable point with w > μ covered exactly once, the others not at all: the relaxation's
      // bases cover val residents, the bound itself, so they are optimal (and above lb, or the gap
      // rule had stopped the loop): they are the incumbent.
      bestOpen = [...open].sort((a, b) => a - b);
      bestValue = evaluateOpen(problem, bestOpen);
      lb = bestValue.coveredResidents;
      break;
    }
    const step = (theta * (val - lb)) / norm;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: s_i = 0 leaves μ_i = max(0, μ_i) = μ_i; s[n] is past the end
    for (let i = 0; i < n; i++) if (s[i] !== 0) mu[i] = Math.max(0, mu[i] - step * s[i]);
  }
  const bound = Math.max(bestBound, lb);
  const inc = bestValue.coveredResidents;
  // Stryker disable next-line EqualityOperator: the tolerance is > 0, so < and ≤ differ only at exactly 1e-9·max(1, inc)
  const proven = bound - inc <= 1e-9 * Math.max(1, inc);
  return {
    bound,
    gapPct: proven ? 0 : ((bound - inc) / inc) * 100, // not proven with inc = 0: bound > 0, Infinity
    travelGapPct: null,
    incumbent: { open: bestOpen, value: bestValue },
    proven,
    method: 'lagrangian',
    iterations: it + 1,
    ms: now() - t0,
  };
}

/**
 * Lower bound of the p-center: bisection on the sorted distinct costs for the largest radius the
 * set-cover Lagrangian proves unreachable with k bases (center.ts); the bound is the next cost.
 */
export function centerBound(problem: SitingProblem, start: readonly number[], fixedMin = 0, options: BoundOptions = {}): SitingBound {
  const t0 = now();
  const incumbent = { open: [...start].sort((a, b) => a - b), value: evaluateOpen(problem, start) };
  const ub = incumbent.value.maxMin;
  // Stryker disable next-line LogicalOperator: the wall-clock budget; tests are bound by iterations
  const r = centerLowerBound(problem, ub, options.maxMs ?? 1000);
  const bound = r.bound;
  // Stryker disable next-line EqualityOperator,ArithmeticOperator: float32 costs: ub − bound is 0 or ≥ 6e-8·ub, so < for ≤ and 1e-9/max(1, ub) for 1e-9·max(1, ub) decide alike
  const proven = ub - bound <= 1e-9 * Math.max(1, ub);
  return {
    bound,
    gapPct: proven ? 0 : gapMinPct(ub, bound),
    travelGapPct: proven ? 0 : gapMinPct(ub - fixedMin, bound - fixedMin),
    incumbent,
    proven,
    method: 'lagrangian',
    iterations: r.steps,
    ms: now() - t0,
  };
}

/** The bound for the problem's objective, starting from an incumbent open set. */
export function proveIncumbent(problem: SitingProblem, open: readonly number[], fixedMin: number, options: BoundOptions = {}): SitingBound {
  if (problem.objective === 'median') return medianBound(problem, open, options, fixedMin);
  if (problem.objective === 'cover') return coverBound(problem, open, options);
  return centerBound(problem, open, fixedMin, options);
}
