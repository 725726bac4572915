// p-center by radius. k bases can serve every resident within r iff the fewest candidates
// reaching every demand point within r is ≤ k; feasibility is monotone in r, so the optimum is the
// smallest feasible value among the sorted distinct costs: a bisection between a proven lower
// bound and the heuristic's radius. Most radii are settled without a solver: the cover search
// (search.ts, with reweighting) finding a full cover proves "feasible"; the Lagrangian bound of
// the minimum set cover above k proves "infeasible". Only the radii in between need a small
// set-cover MIP (HiGHS). This is what makes the exact p-center take seconds, where the p-center
// MIP left a 15 % gap after 23 CPU-s on 164 points.
import type { HighsInstance } from './mip.ts';
import { coverCsr, coverSearch, type Csr } from './search.ts';
import { evaluateOpen, isSelectable, type SitingProblem, type SitingValue } from './siting.ts';

/** exported for tests */
export interface Parts {
  usable: number[];
  free: number[];
  need: number;
  /** Points with residents. */
  points: number[];
  /** Worst nearest-candidate cost: no siting does better. */
  floor: number;
}

/** exported for tests */
export function parts(problem: SitingProblem): Parts {
  const n = problem.points.length;
  const sel = isSelectable(problem);
  const fixed = new Set(problem.fixed);
  const usable = problem.candidates.map((_, j) => j).filter((j) => sel[j] || fixed.has(j));
  const free = usable.filter((j) => !fixed.has(j));
  const points: number[] = [];
  // Stryker disable next-line EqualityOperator: weights[n] is undefined, and undefined > 0 is false: i = n adds no point
  for (let i = 0; i < n; i++) if (problem.weights[i] > 0) points.push(i);
  let floor = 0;
  for (const i of points) {
    let c = Infinity;
    for (const j of usable) c = Math.min(c, problem.cost[j * n + i]);
    floor = Math.max(floor, c);
  }
  return { usable, free, need: problem.k - problem.fixed.length, points, floor };
}

/** Sorted distinct costs in [lo, hi] over usable candidates and resident points (exported for tests). */
export function radiiBetween(problem: SitingProblem, p: Parts, lo: number, hi: number): Float64Array {
  const n = problem.points.length;
  const out: number[] = [];
  for (const j of p.usable) {
    const off = j * n;
    for (const i of p.points) {
      const c = problem.cost[off + i];
      if (c >= lo && c <= hi) out.push(c);
    }
  }
  const a = Float64Array.from(out).sort();
  let d = 0;
  // Stryker disable next-line ConditionalExpression: at q = 0, a[q − 1] is undefined, so a[0] !== a[−1] holds anyway
  for (let q = 0; q < a.length; q++) if (q === 0 || a[q] !== a[q - 1]) a[d++] = a[q];
  return a.slice(0, d);
}

/** Points not served within the radius by a fixed base (exported for tests). */
export function leftAt(problem: SitingProblem, p: Parts, byCand: Csr): number[] {
  const served = new Uint8Array(problem.points.length);
  for (const j of problem.fixed) for (let q = byCand.start[j]; q < byCand.start[j + 1]; q++) served[byCand.cols[q]] = 1;
  return p.points.filter((i) => !served[i]);
}

/**
 * Proves "need free bases cannot serve all `left` points" by the Lagrangian of the minimum set
 * cover (cover rows relaxed, u ≥ 0): L(u) = Σ u_i + Σ_j min(0, 1 − Σ_{i ∈ cov(j)} u_i) is a lower
 * bound on the fewest bases, so L(u) > need proves the radius unreachable.
 */
export function coverLagrangianInfeasible(byCand: Csr, free: readonly number[], left: readonly number[], n: number, need: number, maxIterations = 300): boolean {
  if (left.length === 0) return false;
  if (need <= 0) return true;
  const u = new Float64Array(n);
  const inLeft = new Uint8Array(n);
  for (const i of left) inLeft[i] = 1;
  const deg = new Int32Array(n);
  for (const j of free) for (let q = byCand.start[j]; q < byCand.start[j + 1]; q++) deg[byCand.cols[q]]++;
  for (const i of left) {
    if (deg[i] === 0) return true;
    u[i] = 1 / deg[i];
  }
  const g = new Float64Array(n);
  let theta = 2;
  let best = -Infinity;
  let since = 0;
  for (let it = 0; it < maxIterations; it++) {
    let L = 0;
    for (const i of left) {
      L += u[i];
      g[i] = 1;
    }
    for (const j of free) {
      let U = 0;
      // Stryker disable next-line ConditionalExpression: u is 0 outside `left` (only left entries are ever set), so adding them changes nothing
      for (let q = byCand.start[j]; q < byCand.start[j + 1]; q++) if (inLeft[byCand.cols[q]]) U += u[byCand.cols[q]];
      if (U > 1) {
        L += 1 - U;
        for (let q = byCand.start[j]; q < byCand.start[j + 1]; q++) g[byCand.cols[q]] -= 1;
      }
    }
    // Stryker disable next-line EqualityOperator: > and ≥ differ only when L equals need + 1e-7 to the last bit
    if (L > need + 1e-7) return true;
    // Stryker disable next-line EqualityOperator: > and ≥ differ only when L equals best + 1e-9 to the last bit
    if (L > best + 1e-9) {
      best = L;
      since = 0;
    } else if (++since >= 20) {
      theta /= 2;
      since = 0;
      // Stryker disable next-line EqualityOperator: theta = 2·2^−h never equals 1e-3
      if (theta < 1e-3) return false;
    }
    let norm = 0;
    for (const i of left) norm += g[i] * g[i];
    if (norm === 0) return false;
    const step = (theta * (need + 1 - L)) / norm;
    for (const i of left) u[i] = Math.max(0, u[i] + step * g[i]);
  }
  return false;
}

/** Full cover of `left` within the radius with ≤ need free bases, by the reweighting cover search; null if none found. */
function searchCover(problem: SitingProblem, p: Parts, byCand: Csr, left: readonly number[], start?: readonly number[]): number[] | null {
  const unit = new Float64Array(problem.points.length);
  for (const i of left) unit[i] = 1;
  // coverSearch counts as uncovered only the points of positive weight, but as covered every point
  // a base reaches: the lists keep only the points left, or a fixed base's served points would
  // count as covered ones and a partial cover pass for a full one.
  const m = problem.candidates.length;
  const lists: Csr = { start: new Int32Array(m + 1), cols: new Int32Array(byCand.cols.length) };
  let nz = 0;
  // Stryker disable next-line EqualityOperator: j = m reads past start's last entry (no column) and writes past lists.start (ignored)
  for (let j = 0; j < m; j++) {
    for (let q = byCand.start[j]; q < byCand.start[j + 1]; q++) if (unit[byCand.cols[q]]) lists.cols[nz++] = byCand.cols[q];
    lists.start[j + 1] = nz;
  }
  const r = coverSearch(lists, lists, unit, m, problem.fixed, p.free, p.need, { reweight: 30, start });
  return r.uncovered === 0 ? r.open : null;
}

export interface CenterBoundResult {
  /** Proven lower bound on the worst response (min). */
  bound: number;
  steps: number;
}

/** Instant lower bound: the largest radius the set-cover Lagrangian proves unreachable, by bisection; the bound is the next cost. */
export function centerLowerBound(problem: SitingProblem, upper: number, maxMs = Infinity): CenterBoundResult {
  const t0 = performance.now();
  const p = parts(problem);
  const radii = radiiBetween(problem, p, p.floor, upper);
  let lo = -1; // radii[lo] proven unreachable (−1: none yet)
  let hi = radii.length - 1; // not proven unreachable
  let steps = 0;
  // Over the time budget the bisection stops: whatever is proven so far still holds.
  // Stryker disable next-line EqualityOperator: < and ≤ differ only when the elapsed time equals maxMs to the last bit
  while (hi - lo > 1 && performance.now() - t0 < maxMs) {
    const mid = (lo + hi) >> 1;
    steps++;
    const { byCand } = coverCsr(problem, p.usable, radii[mid]);
    if (coverLagrangianInfeasible(byCand, p.free, leftAt(problem, p, byCand), problem.points.length, p.need)) lo = mid;
    else hi = mid;
  }
  return { bound: Math.min(upper, lo >= 0 ? radii[lo + 1] : p.floor), steps };
}

export interface CenterExactResult {
  proven: boolean;
  open: number[];
  value: SitingValue;
  /** Proven lower bound on the worst response (min). */
  lowerBound: number;
  /** Set-cover MIPs solved (radii the search and the Lagrangian could not settle). */
  solves: number;
  /** Radii examined. */
  steps: number;
  /** Largest set-cover model solved. */
  size: { variables: number; constraints: number; nonzeros: number };
  timedOut: boolean;
}

/** Fewest-bases cover at the radius with ≤ need free bases: the bases, 'none' (proven infeasible) or 'unknown' (time limit). Exported for tests. */
export function coverMip(highs: HighsInstance, problem: SitingProblem, p: Parts, byCand: Csr, left: readonly number[], timeLimitSec: number, size: CenterExactResult['size']): number[] | 'none' | 'unknown' {
  if (left.length === 0) return [];
  const covers = new Map<number, number[]>();
  const inLeft = new Uint8Array(problem.points.length);
  for (const i of left) inLeft[i] = 1;
  for (const j of p.free) for (let q = byCand.start[j]; q < byCand.start[j + 1]; q++) {
    const i = byCand.cols[q];
    // Stryker disable next-line ConditionalExpression: lists of points outside `left` are built but never read (the rows go over `left`)
    if (!inLeft[i]) continue;
    let l = covers.get(i);
    if (!l) covers.set(i, (l = []));
    l.push(j);
  }
  const rows: string[] = [];
  const used = new Set<number>();
  let nz = 0;
  for (const i of left) {
    const l = covers.get(i);
    if (!l) return 'none';
    l.forEach((j) => used.add(j));
    nz += l.length;
    rows.push(` c${i}: ` + l.map((j) => `y${j}`).join(' + ') + ' >= 1');
  }
  const vars = [...used].sort((a, b) => a - b);
  const lp = [
    'Minimize',
    ' obj: ' + vars.map((j) => `y${j}`).join(' + '),
    'Subject To',
    ...rows,
    ' k: ' + vars.map((j) => `y${j}`).join(' + ') + ` <= ${p.need}`,
    'Binary',
    ...Array.from({ length: Math.ceil(vars.length / 20) }, (_, s) => ' ' + vars.slice(s * 20, s * 20 + 20).map((j) => `y${j}`).join(' ')),
    'End',
  ].join('\n');
  if (vars.length > size.variables) Object.assign(size, { variables: vars.length, constraints: rows.length + 1, nonzeros: nz + vars.length });
  const res = highs.solve(lp, { output_flag: false, time_limit: Math.max(0.1, timeLimitSec), mip_rel_gap: 0 });
  if (res.Status === 'Optimal') return vars.filter((j) => (res.Columns[`y${j}`]?.Primal ?? 0) > 0.5);
  if (res.Status === 'Infeasible' || res.Status === 'Primal infeasible or unbounded') return 'none';
  return 'unknown';
}

/** Adds bases up to k (each lowering the weighted mean response most); the worst response can only improve. Exported for tests. */
export function fillToK(problem: SitingProblem, open: readonly number[], free: readonly number[]): number[] {
  const n = problem.points.length;
  const out = [...new Set([...problem.fixed, ...open])];
  const d = new Float64Array(n).fill(Infinity);
  // Stryker disable next-line EqualityOperator: i = n writes past the Float64Array d (ignored)
  for (const j of out) for (let i = 0; i < n; i++) d[i] = Math.min(d[i], problem.cost[j * n + i]);
  const isOpen = new Set(out);
  while (out.length < problem.k) {
    let best = -1;
    let bestS = Infinity;
    for (const j of free) {
      if (isOpen.has(j)) continue;
      let s = 0;
      for (let i = 0; i < n; i++) {
        const c = problem.cost[j * n + i];
        // Stryker disable next-line EqualityOperator: at c = d[i] both branches give the same value
        s += problem.weights[i] * (c < d[i] ? c : d[i]);
      }
      if (s < bestS) {
        bestS = s;
        best = j;
      }
    }
    if (best < 0) break;
    out.push(best);
    isOpen.add(best);
    // Stryker disable next-line EqualityOperator: i = n writes past the Float64Array d (ignored)
    for (let i = 0; i < n; i++) d[i] = Math.min(d[i], problem.cost[best * n + i]);
  }
  return out.sort((a, b) => a - b);
}

/** Exact p-center by bisection on the sorted distinct costs, from a heuristic siting (upper bound). */
export function solveCenterExact(highs: HighsInstance, problem: SitingProblem, start: readonly number[], timeLimitSec = 30): CenterExactResult {
  const t0 = performance.now();
  const p = parts(problem);
  let open = [...start].sort((a, b) => a - b);
  let value = evaluateOpen(problem, open);
  const radii = radiiBetween(problem, p, p.floor, value.maxMin);
  // radii[hi] is reached by `open`; radii[lo] is proven unreachable (lo = −1: below the floor).
  let hi = radii.length - 1;
  let lo = -1;
  let solves = 0;
  let steps = 0;
  let timedOut = false;
  const size = { variables: 0, constraints: 0, nonzeros: 0 };
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    steps++;
    const { byCand } = coverCsr(problem, p.usable, radii[mid]);
    const left = leftAt(problem, p, byCand);
    let cover: number[] | 'none' | 'unknown' | null = searchCover(problem, p, byCand, left);
    if (!cover && coverLagrangianInfeasible(byCand, p.free, left, problem.points.length, p.need)) cover = 'none';
    if (!cover) {
      const remaining = timeLimitSec - (performance.now() - t0) / 1000;
      // Stryker disable next-line EqualityOperator: the time left equals 0 to the last bit only by chance
      if (remaining <= 0) {
        timedOut = true;
        break;
      }
      solves++;
      cover = coverMip(highs, problem, p, byCand, left, remaining, size);
    }
    if (cover === 'unknown') {
      timedOut = true;
      break;
    }
    if (cover === 'none') lo = mid;
    else {
      hi = mid;
      const cand = fillToK(problem, cover, p.free);
      const v = evaluateOpen(problem, cand);
      if (v.maxMin < value.maxMin || (v.maxMin === value.maxMin && v.meanMin < value.meanMin)) {
        open = cand;
        value = v;
      }
    }
  }
  const lowerBound = Math.min(value.maxMin, lo >= 0 ? radii[lo + 1] : p.floor);
  // Stryker disable next-line ConditionalExpression: a bisection that ends without a timeout leaves value.maxMin ≤ radii[hi], i.e. ≤ the bound
  return { proven: !timedOut && value.maxMin <= lowerBound, open, value, lowerBound, solves, steps, size, timedOut };
}
