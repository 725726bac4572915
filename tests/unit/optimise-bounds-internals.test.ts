// Internals of the Lagrangian bounds (bounds.ts) on instances small enough to follow by hand:
// the gap formula, the k-smallest selection, the per-point sorted candidate lists (full, packed,
// comparator, truncated with the "beyond" cost), the cover lists, the relaxation's value at the
// starting multipliers, the first subgradient steps, the step halving after `patience` idle
// iterations, the stopping rules and the incumbent the relaxation finds. Every run is bounded by
// its iteration count (maxMs is set far out of reach): nothing depends on the machine's speed.
import { describe, expect, it } from 'vitest';
import { centerBound, coverBound, coverLists, gapMinPct, medianBound, proveIncumbent, smallest, sortedLists, usableCandidates, type BoundOptions } from '../../src/core/optimise/bounds.ts';
import { coverSearch } from '../../src/core/optimise/search.ts';
import { evaluateOpen, restrictCandidates, type SitingObjective, type SitingProblem } from '../../src/core/optimise/siting.ts';

const FAR = 600_000; // ms: never reached

/** rows[j][i] = response minutes from candidate j to point i. */
function mk(rows: number[][], ws: number[], k: number, objective: SitingObjective, extra: { targetMin?: number; fixed?: number[]; before?: number[]; total?: number } = {}): SitingProblem {
  const n = ws.length;
  const m = rows.length;
  const cost = new Float32Array(m * n);
  rows.forEach((row, j) => row.forEach((c, i) => (cost[j * n + i] = c)));
  return {
    members: ['A'], memberNames: ['A'], objective, k, targetMin: extra.targetMin ?? 1, band: 'closure',
    points: Int32Array.from(ws.map((_, i) => i)), weights: Float64Array.from(ws), totalResidents: extra.total ?? ws.reduce((a, b) => a + b, 0),
    memberOfPoint: new Int32Array(n), candidates: rows.map((_, j) => j), fixed: extra.fixed ?? [], before: extra.before ?? [], cost, warnings: [],
  };
}

/** Points (and candidates) on a line at xs, cost |x_i − x_j|. */
function line(xs: number[], ws: number[], k: number, objective: SitingObjective, extra: { targetMin?: number; fixed?: number[] } = {}): SitingProblem {
  return mk(xs.map((xj) => xs.map((xi) => Math.abs(xi - xj))), ws, k, objective, extra);
}

function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** n points, m candidates (the first m points), integer Euclidean costs on a 20 × 20 grid. */
function randomProblem(seed: number, n: number, m: number, k: number, objective: SitingObjective, extra: { targetMin?: number; fixed?: number[]; zeros?: number } = {}): SitingProblem {
  const r = rng(seed);
  const pts = Array.from({ length: n }, () => [Math.floor(r() * 20), Math.floor(r() * 20)]);
  const ws = Array.from({ length: n }, (_, i) => (i < (extra.zeros ?? 0) ? 0 : 1 + Math.floor(r() * 9)));
  const rows = Array.from({ length: m }, (_, j) => pts.map((p) => Math.round(Math.hypot(p[0] - pts[j][0], p[1] - pts[j][1]))));
  return mk(rows, ws, k, objective, extra);
}

function combos(pool: number[], k: number): number[][] {
  if (k === 0) return [[]];
  const out: number[][] = [];
  pool.forEach((j, a) => combos(pool.slice(a + 1), k - 1).forEach((rest) => out.push([j, ...rest])));
  return out;
}

/** The best open set by brute force (fixed included), first in enumeration order on ties. */
function bestSet(p: SitingProblem): number[] {
  const free = p.candidates.map((_, j) => j).filter((j) => !p.fixed.includes(j));
  let best: number[] = [];
  let bv = p.objective === 'cover' ? -Infinity : Infinity;
  for (const c of combos(free, p.k - p.fixed.length)) {
    const open = [...p.fixed, ...c].sort((a, b) => a - b);
    const v = evaluateOpen(p, open).objective;
    if (p.objective === 'cover' ? v > bv : v < bv) {
      bv = v;
      best = open;
    }
  }
  return best;
}

// ------------------------------------------------------------------ dense reference relaxations
// The same subgradient schemes written densely (every candidate, every point, no sorted lists):
// λ_i capped at w_i × (the (K+1)-th cheapest cost) when lists are truncated to K.

interface Ref { bound: number; open: number[]; iterations: number; thetaEnd: number }

function refMedian(p: SitingProblem, start: number[], o: BoundOptions = {}): Ref {
  const n = p.points.length;
  const m = p.candidates.length;
  const W = p.totalResidents || 1;
  const w = p.weights;
  const c = (j: number, i: number): number => p.cost[j * n + i];
  const free = p.candidates.map((_, j) => j).filter((j) => !p.fixed.includes(j));
  const need = p.k - p.fixed.length;
  const full = n * m <= (o.maxListEntries ?? 6_000_000);
  const K = full ? m : Math.min(m, o.nearest ?? 64);
  const cap = Array.from({ length: n }, (_, i) => {
    if (K >= m) return w[i] * Infinity;
    const sorted = p.candidates.map((_, j) => c(j, i)).sort((a, b) => a - b);
    return w[i] * sorted[K];
  });
  let bestOpen = [...start].sort((a, b) => a - b);
  let ub = evaluateOpen(p, bestOpen).meanMin * W;
  const lambda = Array.from({ length: n }, (_, i) => Math.min(w[i] * Math.min(...start.map((j) => c(j, i))), cap[i]));
  let bestBound = -Infinity;
  let theta = 2;
  let since = 0;
  const maxIt = o.maxIterations ?? 2000;
  const patience = o.patience ?? 80;
  let it = 0;
  for (; it < maxIt; it++) {
    const rho = new Array<number>(m).fill(0);
    let lval = 0;
    for (let i = 0; i < n; i++) {
      if (w[i] <= 0) continue;
      lval += lambda[i];
      for (let j = 0; j < m; j++) if (w[i] * c(j, i) - lambda[i] < 0) rho[j] += w[i] * c(j, i) - lambda[i];
    }
    const chosen = [...free].sort((a, b) => rho[a] - rho[b] || a - b).slice(0, Math.max(0, need));
    const open = [...p.fixed, ...chosen];
    for (const j of open) lval += rho[j];
    if (lval > bestBound + 1e-12 * Math.abs(lval)) {
      bestBound = lval;
      since = 0;
    } else if (++since >= patience) {
      theta /= 2;
      since = 0;
    }
    if (it % 10 === 0) {
      const v = evaluateOpen(p, open).meanMin * W;
      if (v < ub - 1e-9 * ub) {
        ub = v;
        bestOpen = [...open].sort((a, b) => a - b);
      }
    }
    if (ub - bestBound <= 1e-9 * ub || theta < 1e-4) break;
    const g = lambda.map((li, i) => (w[i] <= 0 ? 0 : 1 - open.filter((j) => w[i] * c(j, i) - li < 0).length));
    const norm = g.reduce((a, x) => a + x * x, 0);
    if (norm === 0) {
      const v = evaluateOpen(p, open).meanMin * W;
      if (v <= ub) {
        ub = v;
        bestOpen = [...open].sort((a, b) => a - b);
      }
      bestBound = Math.max(bestBound, Math.min(lval, ub));
      break;
    }
    const step = (theta * (ub - lval)) / norm;
    for (let i = 0; i < n; i++) if (g[i] !== 0) lambda[i] = Math.min(cap[i], lambda[i] + step * g[i]);
  }
  return { bound: Math.min(bestBound, ub) / W, open: bestOpen, iterations: it + 1, thetaEnd: theta };
}

/** Cover relaxation with the Lagrangian heuristic (the swap search seeded with the relaxation's bases every searchEvery iterations). */
function refCover(p: SitingProblem, start: number[], o: BoundOptions = {}): Ref {
  const n = p.points.length;
  const w = p.weights;
  const T = p.targetMin + 1e-9;
  const N = p.candidates.map((_, j) => Array.from({ length: n }, (_, i) => i).filter((i) => w[i] > 0 && p.cost[j * n + i] <= T));
  const coverable = Array.from({ length: n }, (_, i) => N.some((l) => l.includes(i)));
  const free = p.candidates.map((_, j) => j).filter((j) => !p.fixed.includes(j));
  const need = p.k - p.fixed.length;
  let bestOpen = [...start].sort((a, b) => a - b);
  let lb = evaluateOpen(p, bestOpen).coveredResidents;
  const starts = [0];
  for (const l of N) starts.push(starts[starts.length - 1] + l.length);
  const csr = { start: Int32Array.from(starts), cols: Int32Array.from(N.flat()) };
  const mu = Array.from({ length: n }, (_, i) => (coverable[i] ? w[i] / 2 : 0));
  let bestBound = Infinity;
  let theta = 2;
  let since = 0;
  const maxIt = o.maxIterations ?? 5000;
  const patience = o.patience ?? 150;
  let it = 0;
  for (; it < maxIt; it++) {
    let val = 0;
    for (let i = 0; i < n; i++) if (coverable[i] && w[i] > mu[i]) val += w[i] - mu[i];
    const score = N.map((l) => l.reduce((a, i) => a + mu[i], 0));
    const chosen = [...free].sort((a, b) => score[b] - score[a] || a - b).slice(0, Math.max(0, need));
    const open = [...p.fixed, ...chosen];
    for (const j of open) val += score[j];
    if (val < bestBound - 1e-12 * Math.abs(val)) {
      bestBound = val;
      since = 0;
    } else if (++since >= patience) {
      theta /= 2;
      since = 0;
    }
    if (it % (o.searchEvery ?? 25) === 0) {
      const ls = coverSearch(csr, csr, w, p.candidates.length, p.fixed, free, need, { start: chosen, tabu: o.seedTabu ?? 0 });
      if (ls.covered > lb + 1e-9 * Math.max(1, lb)) {
        lb = evaluateOpen(p, ls.open).coveredResidents;
        bestOpen = ls.open;
      }
    }
    if (bestBound - lb <= 1e-9 * Math.max(1, lb) || theta < 1e-4) break;
    const s = mu.map((x, i) => (coverable[i] ? open.filter((j) => N[j].includes(i)).length - (w[i] > x ? 1 : 0) : 0));
    const norm = s.reduce((a, x) => a + x * x, 0);
    if (norm === 0) {
      bestOpen = [...open].sort((a, b) => a - b);
      lb = evaluateOpen(p, bestOpen).coveredResidents;
      break;
    }
    const step = (theta * (val - lb)) / norm;
    for (let i = 0; i < n; i++) if (s[i] !== 0) mu[i] = Math.max(0, mu[i] - step * s[i]);
  }
  return { bound: Math.max(bestBound, lb), open: bestOpen, iterations: it + 1, thetaEnd: theta };
}

// ------------------------------------------------------------------ gap formula

describe('gapMinPct', () => {
  it('is the excess over the bound in % of the bound, never negative', () => {
    expect(gapMinPct(110, 100)).toBeCloseTo(10, 12);
    expect(gapMinPct(7 / 3, 2 / 3)).toBeCloseTo(250, 10);
    expect(gapMinPct(90, 100)).toBe(0);
    expect(gapMinPct(100, 100)).toBe(0);
  });
  it('a bound ≤ 0: 0 when the incumbent does not exceed it, else Infinity', () => {
    expect(gapMinPct(0, 0)).toBe(0);
    expect(gapMinPct(1, 0)).toBe(Infinity);
    expect(gapMinPct(-1, -0.5)).toBe(0);
    expect(gapMinPct(-0.5, -0.5)).toBe(0);
    expect(gapMinPct(-0.25, -0.5)).toBe(Infinity);
    expect(gapMinPct(-1, -2)).toBe(Infinity);
    expect(gapMinPct(5, -Infinity)).toBe(Infinity);
    expect(gapMinPct(1, NaN)).toBe(Infinity);
  });
});

// ------------------------------------------------------------------ k smallest

describe('smallest', () => {
  const run = (v: number[], pool: number[], count: number, out: number[] = []): number[] => {
    smallest(Float64Array.from(v), pool, count, out);
    return out;
  };
  it('the count smallest in ascending value, appended after what out holds', () => {
    expect(run([5, 3, 4, 1, 2], [0, 1, 2, 3, 4], 2)).toEqual([3, 4]);
    expect(run([5, 3, 4, 1, 2], [0, 1, 2, 3, 4], 3, [9])).toEqual([9, 3, 4, 1]);
    expect(run([5, 4, 1], [0, 1, 2], 2)).toEqual([2, 1]);
    expect(run([1, 2, 3, 4, 5], [0, 1, 2, 3, 4], 2)).toEqual([0, 1]);
    expect(run([5, 4, 3, 2, 1], [0, 1, 2, 3, 4], 3)).toEqual([4, 3, 2]);
    expect(run([3, 1, 4, 1, 5, 9, 2, 6], [0, 1, 2, 3, 4, 5, 6, 7], 4)).toEqual([1, 3, 6, 0]);
  });
  it('only among the pool, in the pool order on ties', () => {
    expect(run([0, 7, 0, 2, 9], [1, 3, 4], 2)).toEqual([3, 1]);
    expect(run([1, 1, 1], [0, 1, 2], 2)).toEqual([0, 1]);
    expect(run([1, 1, 1], [0, 1, 2], 1)).toEqual([0]);
    expect(run([2, 1, 1, 1], [0, 1, 2, 3], 2)).toEqual([1, 2]);
    expect(run([1, 1, 1], [2, 0, 1], 2)).toEqual([2, 0]);
  });
  it('count ≥ pool size: the whole pool sorted; count ≤ 0: nothing', () => {
    expect(run([5, 3, 4, 1, 2], [0, 1, 2, 3, 4], 5)).toEqual([3, 4, 1, 2, 0]);
    expect(run([5, 3, 4], [0, 1, 2], 9)).toEqual([1, 2, 0]);
    expect(run([5, 3, 4], [0, 1, 2], 0, [7])).toEqual([7]);
    expect(run([5, 3, 4], [0, 1, 2], -1)).toEqual([]);
  });
});

// ------------------------------------------------------------------ candidates and lists

describe('usableCandidates', () => {
  it('selectable or fixed positions only: a "before" base kept for the KPIs is not usable', () => {
    const p = mk([[0, 1], [1, 0], [2, 2], [0, 0]], [1, 1], 1, 'median', { before: [3], fixed: [2] });
    expect(usableCandidates(p)).toEqual([0, 1, 2, 3]);
    const r = restrictCandidates(p, [0, 1]);
    expect(usableCandidates(r)).toEqual([0, 1, 2]);
    // Candidate 3 would serve both points at 0, but it may not be opened: the bound is over 0, 1, 2.
    const b = medianBound(restrictCandidates({ ...p, fixed: [] }, [0, 1, 2]), [0], { maxMs: FAR });
    expect(b.bound).toBeCloseTo(0.5, 12);
    expect(b.incumbent.open).toEqual([0]);
  });
});

describe('sortedLists', () => {
  // Two points, five candidates: point 0 costs 5 4 3 2 1, point 1 costs 2 0 2 1 0 (ties by position).
  const two = (): SitingProblem => mk([[5, 2], [4, 0], [3, 2], [2, 1], [1, 0]], [1, 1], 1, 'median');
  const all = [0, 1, 2, 3, 4];
  it('full lists (n·m ≤ maxListEntries): every usable candidate, by cost then position, nothing beyond', () => {
    for (const o of [{}, { maxListEntries: 10 }, { maxListEntries: 10, nearest: 2 }]) {
      const L = sortedLists(two(), all, o);
      expect(L.len).toBe(5);
      expect([...L.cand]).toEqual([4, 3, 2, 1, 0, 1, 4, 3, 0, 2]);
      expect([...L.cost]).toEqual([1, 2, 3, 4, 5, 0, 0, 1, 2, 2]);
      expect([...L.beyond]).toEqual([Infinity, Infinity]);
    }
  });
  it('lists hold candidate positions of the usable subset, not subset indices', () => {
    const L = sortedLists(two(), [1, 3, 4], {});
    expect(L.len).toBe(3);
    expect([...L.cand]).toEqual([4, 3, 1, 1, 4, 3]);
    expect([...L.cost]).toEqual([1, 2, 4, 0, 0, 1]);
  });
  it('truncated lists (n·m > maxListEntries): the `nearest` cheapest, and the cost of the next one', () => {
    const L = sortedLists(two(), all, { maxListEntries: 9, nearest: 2 });
    expect(L.len).toBe(2);
    expect([...L.cand]).toEqual([4, 3, 1, 4]);
    expect([...L.cost]).toEqual([1, 2, 0, 0]);
    expect([...L.beyond]).toEqual([3, 1]);
    const L3 = sortedLists(two(), all, { maxListEntries: 9, nearest: 3 });
    expect([...L3.cand]).toEqual([4, 3, 2, 1, 4, 3]);
    expect([...L3.beyond]).toEqual([4, 2]);
  });
  it('truncation to nearest ≥ m keeps the whole sorted list and nothing beyond', () => {
    for (const nearest of [5, 9]) {
      const L = sortedLists(two(), all, { maxListEntries: 1, nearest });
      expect(L.len).toBe(5);
      expect([...L.cand]).toEqual([4, 3, 2, 1, 0, 1, 4, 3, 0, 2]);
      expect([...L.beyond]).toEqual([Infinity, Infinity]);
    }
  });
  it('partial selection on ascending, descending, shuffled and tied costs', () => {
    const one = (costs: number[]): SitingProblem => mk(costs.map((c) => [c]), [1], 1, 'median');
    const pick = (costs: number[], nearest: number): [number[], number[], number] => {
      const L = sortedLists(one(costs), costs.map((_, j) => j), { maxListEntries: 0, nearest });
      return [[...L.cand], [...L.cost], L.beyond[0]];
    };
    expect(pick([1, 2, 3, 4, 5], 2)).toEqual([[0, 1], [1, 2], 3]);
    expect(pick([5, 4, 3, 2, 1], 2)).toEqual([[4, 3], [1, 2], 3]);
    expect(pick([3, 1, 4, 1, 5, 9, 2, 6], 2)).toEqual([[1, 3], [1, 1], 2]);
    expect(pick([3, 1, 4, 1, 5, 9, 2, 6], 3)).toEqual([[1, 3, 6], [1, 1, 2], 3]);
    expect(pick([3, 1, 4, 1, 5, 9, 2, 6], 4)).toEqual([[1, 3, 6, 0], [1, 1, 2, 3], 4]);
    expect(pick([2, 7, 1, 8, 2, 8, 1, 8], 3)).toEqual([[2, 6, 0], [1, 1, 2], 2]);
    expect(pick([4, 4, 4, 4], 2)).toEqual([[0, 1], [4, 4], 4]);
    expect(pick([9, 8, 7, 1, 2, 3], 2)).toEqual([[3, 4], [1, 2], 3]);
    expect(pick([6, 5, 1, 9, 0, 2, 8], 1)).toEqual([[4], [0], 1]);
  });
  it('default nearest is 64', () => {
    const costs = Array.from({ length: 70 }, (_, j) => 70 - j);
    const L = sortedLists(mk(costs.map((c) => [c]), [1], 1, 'median'), costs.map((_, j) => j), { maxListEntries: 1 });
    expect(L.len).toBe(64);
    expect(L.cand[0]).toBe(69);
    expect(L.cand[63]).toBe(6);
    expect(L.beyond[0]).toBe(65);
  });
  it('negative costs (comparator path) and −0 (packed path) sort by value', () => {
    const p = mk([[-1, -1, 1, -1], [2, -3, -0, 2], [-3, -2, 0.5, -1], [0, -4, 2, -1]], [1, 1, 1, 1], 1, 'median');
    const L = sortedLists(p, [0, 1, 2, 3], {});
    // The fourth point ties −1 three times: by position.
    expect([...L.cand]).toEqual([2, 0, 3, 1, 3, 1, 2, 0, 1, 2, 0, 3, 0, 2, 3, 1]);
    expect([...L.cost]).toEqual([-3, -1, 0, 2, -4, -3, -2, -1, -0, 0.5, 1, 2, -1, -1, -1, 2]);
  });
});

describe('coverLists', () => {
  // Candidates × points: T = 1.
  const p = (): SitingProblem => mk([[0, 1, 4, 0.5], [1, 0, 3, 2], [4, 3, 0, 1]], [1, 2, 4, 0], 1, 'cover');
  it('default: every candidate, the positive-weight points within T, CSR by candidate', () => {
    const L = coverLists(p());
    expect([...L.start]).toEqual([0, 2, 4, 5]);
    expect([...L.points]).toEqual([0, 1, 0, 1, 2]);
  });
  it('a subset of candidates: the others get empty rows', () => {
    const L = coverLists(p(), [0, 2]);
    expect([...L.start]).toEqual([0, 2, 2, 3]);
    expect([...L.points]).toEqual([0, 1, 2]);
    const E = coverLists(p(), []);
    expect([...E.start]).toEqual([0, 0, 0, 0]);
    expect(E.points.length).toBe(0);
  });
  it('a cost equal to T (within 1e-9) is covered', () => {
    const q = mk([[1, 1.5], [2, 1]], [1, 1], 1, 'cover', { targetMin: 1 - 1e-9 });
    const L = coverLists(q);
    expect([...L.start]).toEqual([0, 1, 2]);
    expect([...L.points]).toEqual([0, 1]);
  });
});

// ------------------------------------------------------------------ p-median by hand

describe('medianBound by hand: points at 0, 2, 5 (weight 1), k = 1', () => {
  // Costs (rows = candidates): j0 [0 2 5], j1 [2 0 3], j2 [5 3 0]; sums 7, 5, 8: optimum j1, mean 5/3.
  const A = (extra: { fixed?: number[] } = {}, k = 1): SitingProblem => line([0, 2, 5], [1, 1, 1], k, 'median', extra);
  it('iteration 0 from {j0}: λ = (0, 2, 5), ρ = (0, −4, −5), j2 opened: L = 7 − 5 = 2', () => {
    const t = performance.now();
    const b = medianBound(A(), [0], { maxIterations: 1, maxMs: FAR }, 0.5);
    const dt = performance.now() - t;
    expect(b.bound).toBeCloseTo(2 / 3, 14);
    expect(b.incumbent.open).toEqual([0]);
    expect(b.incumbent.value.meanMin).toBeCloseTo(7 / 3, 14);
    expect(b.proven).toBe(false);
    expect(b.gapPct).toBeCloseTo(250, 10);
    // Travel part: (7/3 − 0.5) over (2/3 − 0.5).
    expect(b.travelGapPct!).toBeCloseTo(1000, 8);
    expect(b.method).toBe('lagrangian');
    expect(b.iterations).toBe(2); // the loop ran out: it = maxIterations, reported as it + 1
    expect(b.ms).toBeGreaterThanOrEqual(0);
    expect(b.ms).toBeLessThanOrEqual(dt);
    expect(refMedian(A(), [0], { maxIterations: 1 }).bound).toBeCloseTo(2 / 3, 14);
  });
  it('iteration 1: g = (1, 1, 0), step 2·(7 − 2)/2 = 5, λ = (5, 7, 5), ρ = (−10, −12, −9): L = 17 − 12 = 5, proven', () => {
    for (const o of [{ maxIterations: 2, maxMs: FAR }, { maxMs: FAR }, {}]) {
      const b = medianBound(A(), [0], o, 0.5);
      expect(b.bound).toBeCloseTo(5 / 3, 14);
      expect(b.incumbent.open).toEqual([1]);
      expect(b.incumbent.value.meanMin).toBeCloseTo(5 / 3, 14);
      expect(b.proven).toBe(true);
      expect(b.gapPct).toBe(0);
      expect(b.travelGapPct).toBe(0);
      // g = 0 at iteration 1: the relaxation's solution {j1} is feasible: stop there.
      expect(b.iterations).toBe(2);
    }
  });
  it('from {j2} the relaxation opens j0 (ρ tie −6, −6: lower position) and that becomes the incumbent at iteration 0', () => {
    const b = medianBound(A(), [2], { maxIterations: 1, maxMs: FAR });
    expect(b.bound).toBeCloseTo(2 / 3, 14);
    expect(b.incumbent.open).toEqual([0]);
    expect(b.incumbent.value.meanMin).toBeCloseTo(7 / 3, 14);
    // Then g = (0, 0, 1), step 10, λ = (5, 3, 10), ρ = (−11, −13, −10): L = 18 − 13 = 5 and g = 0.
    const b2 = medianBound(A(), [2], { maxIterations: 5, maxMs: FAR });
    expect(b2.bound).toBeCloseTo(5 / 3, 14);
    expect(b2.incumbent.open).toEqual([1]);
    expect(b2.iterations).toBe(2);
  });
  it('a relaxation set that only ties the incumbent does not replace it', () => {
    // Points at 0 and 1, k = 1, start {j1} (sum 1): λ = (1, 0), ρ0 = −1 opens j0 (sum 1 too): kept {j1}.
    // Step 2·(1 − 0)/1 = 2 on point 1: λ = (1, 2), ρ = (−2, −2), L = 3 − 2 = 1 = ub: proven at iteration 1.
    const b = medianBound(line([0, 1], [1, 1], 1, 'median'), [1], { maxMs: FAR });
    expect(b.incumbent.open).toEqual([1]);
    expect(b.bound).toBeCloseTo(0.5, 14);
    expect(b.proven).toBe(true);
    expect(b.iterations).toBe(2);
    expect(medianBound(line([0, 1], [1, 1], 1, 'median'), [1], { maxIterations: 1, maxMs: FAR }).bound).toBe(0);
  });
  it('an incumbent with zero response everywhere: L = 0 = ub at iteration 0, proven at once', () => {
    const b = medianBound(line([0, 1], [1, 1], 2, 'median'), [1, 0], { maxMs: FAR });
    expect(b.iterations).toBe(1);
    expect(b.bound).toBe(0);
    expect(b.incumbent.open).toEqual([0, 1]);
    expect(b.proven).toBe(true);
    expect(b.gapPct).toBe(0);
  });
  it('no iteration: no bound at all', () => {
    const b = medianBound(A(), [0], { maxIterations: 0, maxMs: FAR });
    expect(b.bound).toBe(-Infinity);
    expect(b.proven).toBe(false);
    expect(b.gapPct).toBe(Infinity);
    expect(b.iterations).toBe(1);
  });
  it('a zero-weight point (cap 0 · ∞) changes nothing', () => {
    const p = mk([[0, 2, 5, 1], [2, 0, 3, 1], [5, 3, 0, 1]], [1, 1, 1, 0], 1, 'median');
    const b1 = medianBound(p, [0], { maxIterations: 1, maxMs: FAR });
    expect(b1.bound).toBeCloseTo(2 / 3, 14);
    const b = medianBound(p, [0], { maxMs: FAR });
    expect(b.bound).toBeCloseTo(5 / 3, 14);
    expect(b.incumbent.open).toEqual([1]);
    expect(b.proven).toBe(true);
    expect(b.iterations).toBe(2);
  });
  it('k = 2 with j2 fixed, unsorted start {2, 0}: λ = (0, 2, 0), ρ1 = −2, L = 0; the incumbent is sorted', () => {
    const b = medianBound(A({ fixed: [2] }, 2), [2, 0], { maxIterations: 1, maxMs: FAR });
    expect(b.bound).toBe(0);
    expect(b.incumbent.open).toEqual([0, 2]);
    expect(b.incumbent.value.meanMin).toBeCloseTo(2 / 3, 14);
    expect(b.gapPct).toBe(Infinity);
    expect(b.proven).toBe(false);
  });
  it('proveIncumbent dispatches on the objective', () => {
    const b = proveIncumbent(A(), [0], 0.5, { maxIterations: 1, maxMs: FAR });
    expect(b.bound).toBeCloseTo(2 / 3, 14);
    expect(b.travelGapPct!).toBeCloseTo(1000, 8);
  });
});

describe('medianBound against the dense reference (bound, incumbent, iteration count)', () => {
  const cases: { name: string; p: () => SitingProblem; start: number[]; o: BoundOptions }[] = [];
  for (let s = 0; s < 4; s++) {
    cases.push({ name: `random ${s}, k 2`, p: () => randomProblem(100 + s, 8, 6, 2, 'median'), start: [0, 1], o: {} });
    cases.push({ name: `random ${s}, k 3, patience 3`, p: () => randomProblem(200 + s, 8, 7, 3, 'median', { zeros: 1 }), start: [4, 5, 6], o: { patience: 3 } });
    cases.push({ name: `random ${s}, truncated to 3, patience 5`, p: () => randomProblem(300 + s, 9, 7, 2, 'median'), start: [5, 6], o: { maxListEntries: 10, nearest: 3, patience: 5 } });
    cases.push({ name: `random ${s}, fixed 0, k 3`, p: () => randomProblem(400 + s, 8, 6, 3, 'median', { fixed: [0] }), start: [0, 4, 5], o: { patience: 4 } });
  }
  for (const c of cases) {
    it(c.name, () => {
      const p = c.p();
      for (const maxIterations of [1, 2, 3, 4, 7, 11, 12, 25, 3000]) {
        const o = { ...c.o, maxIterations, maxMs: FAR };
        const b = medianBound(p, c.start, o);
        const r = refMedian(p, c.start, o);
        expect(b.bound).toBeCloseTo(r.bound, 10);
        expect(b.incumbent.open).toEqual(r.open);
        expect(b.iterations).toBe(r.iterations);
      }
    });
  }
});

// ------------------------------------------------------------------ cover by hand

describe('coverBound by hand: T = 1, j0 and j1 reach points 0 (w 1) and 1 (w 2), j2 reaches 2 (w 4); point 3 (w 8) is out of reach', () => {
  const D = (k = 1): SitingProblem => mk([[0, 1, 4, 9], [1, 0, 3, 9], [4, 3, 0, 9]], [1, 2, 4, 8], k, 'cover');
  it('iteration 0: μ = w/2 = (½, 1, 2), L = 3.5 + score(j2) 2 = 5.5; the seeded search finds {j2} (4 residents)', () => {
    const t = performance.now();
    const b = coverBound(D(), [0], { maxIterations: 1, maxMs: FAR });
    const dt = performance.now() - t;
    expect(b.bound).toBeCloseTo(5.5, 14);
    expect(b.incumbent.open).toEqual([2]);
    expect(b.incumbent.value.coveredResidents).toBe(4);
    expect(b.gapPct).toBeCloseTo(37.5, 12);
    expect(b.travelGapPct).toBeNull();
    expect(b.proven).toBe(false);
    expect(b.method).toBe('lagrangian');
    expect(b.iterations).toBe(2);
    expect(b.ms).toBeGreaterThanOrEqual(0);
    expect(b.ms).toBeLessThanOrEqual(dt);
  });
  it('iterations 1–3: s = (−1, −1, 0), step 1.5, μ = (2, 2.5, 2), L = 6.5; then 35/6; then 31/6 improves', () => {
    expect(coverBound(D(), [0], { maxIterations: 2, maxMs: FAR }).bound).toBeCloseTo(5.5, 14);
    expect(coverBound(D(), [0], { maxIterations: 3, maxMs: FAR }).bound).toBeCloseTo(5.5, 14);
    const b = coverBound(D(), [0], { maxIterations: 4, maxMs: FAR });
    expect(b.bound).toBeCloseTo(31 / 6, 12);
    expect(b.iterations).toBe(5);
    expect(b.gapPct).toBeCloseTo(((31 / 6 - 4) / 4) * 100, 10);
  });
  it('patience 1 halves the step after iteration 1: μ = (7/6, 5/3, 17/6), L = 13/3 at iteration 2', () => {
    expect(coverBound(D(), [0], { maxIterations: 2, patience: 1, maxMs: FAR }).bound).toBeCloseTo(5.5, 14);
    expect(coverBound(D(), [0], { maxIterations: 3, patience: 1, maxMs: FAR }).bound).toBeCloseTo(13 / 3, 12);
    expect(coverBound(D(), [0], { maxIterations: 3, patience: 2, maxMs: FAR }).bound).toBeCloseTo(5.5, 14);
  });
  it('in units of 1e-12 residents the gap 5.5 − 3 is below the absolute 1e-9 tolerance: stop and proven at iteration 0', () => {
    const p = mk([[0, 1, 4, 9], [1, 0, 3, 9], [4, 3, 0, 9]], [1e-12, 2e-12, 4e-12, 8e-12], 1, 'cover');
    const b = coverBound(p, [0], { maxMs: FAR });
    expect(b.iterations).toBe(1);
    expect(b.bound).toBeCloseTo(5.5e-12, 25);
    // The search's {j2} (4e-12) is no improvement beyond the tolerance either: the start {j0} stays.
    expect(b.incumbent.open).toEqual([0]);
    expect(b.incumbent.value.coveredResidents).toBeCloseTo(3e-12, 25);
    expect(b.proven).toBe(true);
    expect(b.gapPct).toBe(0);
  });
  it('k = 0: nothing can be opened, L = Σ w/2 = 3.5 over 0 residents (gap ∞); one step later L = 0, proven', () => {
    const b = coverBound(D(0), [], { maxIterations: 1, maxMs: FAR });
    expect(b.bound).toBeCloseTo(3.5, 14);
    expect(b.incumbent.value.coveredResidents).toBe(0);
    expect(b.gapPct).toBe(Infinity);
    expect(b.proven).toBe(false);
    const b2 = coverBound(D(0), [], { maxIterations: 5, maxMs: FAR });
    expect(b2.bound).toBe(0);
    expect(b2.proven).toBe(true);
    expect(b2.gapPct).toBe(0);
    expect(b2.iterations).toBe(2);
  });
  it('an optimal unsorted start: L = 3.5 + 2 + 1.5 = 7 = all coverable residents at once', () => {
    const b = coverBound(D(2), [2, 0], { maxMs: FAR });
    expect(b.bound).toBeCloseTo(7, 14);
    expect(b.incumbent.open).toEqual([0, 2]);
    expect(b.proven).toBe(true);
    expect(b.gapPct).toBe(0);
    expect(b.iterations).toBe(1);
    expect(proveIncumbent(D(2), [2, 0], 0, { maxMs: FAR }).bound).toBeCloseTo(7, 14);
  });
  it('lists passed in replace the default ones (only j0 and j1 usable: nothing reaches point 2)', () => {
    const p = D();
    const b = coverBound(p, [0], { maxIterations: 1, maxMs: FAR }, coverLists(p, [0, 1]));
    // μ = (½, 1, 0, 0): L = 1.5 + score(j0) 1.5 = 3; the search stays with {j0} (3 residents).
    expect(b.bound).toBeCloseTo(3, 14);
    expect(b.proven).toBe(true);
  });
  it('a fixed base counts in the relaxation and stays open', () => {
    // j2 fixed, k = 2: L = 3.5 + 2 + 1.5 = 7, the incumbent {j0, j2} from the start {j2, j1}.
    const p = mk([[0, 1, 4, 9], [1, 0, 3, 9], [4, 3, 0, 9]], [1, 2, 4, 8], 2, 'cover', { fixed: [2] });
    const b = coverBound(p, [2, 1], { maxMs: FAR });
    expect(b.bound).toBeCloseTo(7, 14);
    // The fixed j2 (score 2, the highest) is not picked a second time among the free candidates.
    expect(coverBound(p, [2, 1], { maxIterations: 1, maxMs: FAR }).bound).toBeCloseTo(7, 14);
    expect(b.incumbent.open).toContain(2);
    expect(b.incumbent.value.coveredResidents).toBe(7);
  });
});

describe('coverBound against the dense reference from the optimal start', () => {
  const cases: { name: string; p: () => SitingProblem; o: BoundOptions }[] = [];
  for (let s = 0; s < 4; s++) {
    cases.push({ name: `random ${s}, k 2, T 5`, p: () => randomProblem(500 + s, 9, 7, 2, 'cover', { targetMin: 5 }), o: { patience: 4 } });
    cases.push({ name: `random ${s}, k 1, T 6, zeros`, p: () => randomProblem(600 + s, 9, 6, 1, 'cover', { targetMin: 6, zeros: 2 }), o: { patience: 2 } });
    cases.push({ name: `random ${s}, k 2, fixed 0, T 4`, p: () => randomProblem(700 + s, 10, 7, 2, 'cover', { targetMin: 4, fixed: [0] }), o: {} });
  }
  for (const c of cases) {
    it(c.name, () => {
      const p = c.p();
      const start = bestSet(p);
      for (const maxIterations of [1, 2, 3, 5, 8, 26, 6000]) {
        const o = { ...c.o, maxIterations, maxMs: FAR };
        const b = coverBound(p, [...start].reverse(), o);
        const r = refCover(p, start, o);
        expect(b.bound).toBeCloseTo(r.bound, 10);
        expect(b.incumbent.open).toEqual(r.open);
        expect(b.iterations).toBe(r.iterations);
      }
    });
  }
});

describe('instances with a duality gap: the step halves after `patience` idle iterations until θ < 1e-4', () => {
  const P = (): SitingProblem => randomProblem(239, 5, 5, 2, 'median');
  const OPT = [0, 4];
  it('p-median (5 points, k 2): the optimum is {0, 4}', () => {
    expect(bestSet(P())).toEqual(OPT);
  });
  for (const [name, start, o] of [
    ['from the optimum, default patience 80', OPT, {}],
    ['from {3, 4}', [3, 4], {}],
    ['from {0, 1}, patience 30', [0, 1], { patience: 30 }],
    ['from {3, 4}, no halving, 700 iterations', [3, 4], { patience: 1e9, maxIterations: 700 }],
  ] as [string, number[], BoundOptions][]) {
    it(`p-median ${name}: as the reference, ended by θ or the iteration limit`, () => {
      const p = P();
      const b = medianBound(p, start, { ...o, maxMs: FAR });
      const r = refMedian(p, start, o);
      expect(b.bound).toBeCloseTo(r.bound, 10);
      expect(b.incumbent.open).toEqual(OPT);
      expect(b.iterations).toBe(r.iterations);
      expect(b.proven).toBe(false);
      expect(b.gapPct).toBeGreaterThan(0);
      if (o.maxIterations) expect(b.iterations).toBe(o.maxIterations + 1);
      else expect(r.thetaEnd).toBeLessThan(1e-4);
    });
  }
  it('p-median from the optimum, default patience: 1219 iterations', () => {
    expect(medianBound(P(), OPT, { maxMs: FAR }).iterations).toBe(1219);
  });
  it('p-median without halving runs out the default 2000 iterations', () => {
    const p = P();
    const b = medianBound(p, OPT, { patience: 1e9, maxMs: FAR });
    expect(b.iterations).toBe(2001);
    // θ = 2 throughout oscillates far below the optimum 5.40625 (the dense reference gives the same).
    expect(b.bound).toBeCloseTo(refMedian(p, OPT, { patience: 1e9 }).bound, 10);
    expect(b.bound).toBeLessThan(evaluateOpen(p, OPT).meanMin);
  });
  it('p-median (6 points, k 2), truncated lists', () => {
    const p = randomProblem(20, 6, 5, 2, 'median');
    for (const o of [{}, { maxListEntries: 5, nearest: 2 }, { maxListEntries: 5, nearest: 3, patience: 10 }] as BoundOptions[]) {
      const b = medianBound(p, [0, 1], { ...o, maxMs: FAR });
      const r = refMedian(p, [0, 1], o);
      expect(b.bound).toBeCloseTo(r.bound, 10);
      expect(b.incumbent.open).toEqual(r.open);
      expect(b.iterations).toBe(r.iterations);
    }
  });
  const C = (seed: number, n: number, m: number, k: number, T: number) => (): SitingProblem => randomProblem(seed, n, m, k, 'cover', { targetMin: T });
  for (const [name, p, o] of [
    ['10 points, k 2, default patience 150', C(2365, 10, 8, 2, 4), {}],
    ['9 points, k 3, patience 20', C(690, 9, 8, 3, 3), { patience: 20 }],
  ] as [string, () => SitingProblem, BoundOptions][]) {
    it(`cover ${name}: as the reference, ended by θ`, () => {
      const q = p();
      const opt = bestSet(q);
      const b = coverBound(q, opt, { ...o, maxMs: FAR });
      const r = refCover(q, opt, o);
      expect(b.bound).toBeCloseTo(r.bound, 10);
      expect(b.incumbent.open).toEqual(opt);
      expect(b.iterations).toBe(r.iterations);
      expect(b.proven).toBe(false);
      expect(r.thetaEnd).toBeLessThan(1e-4);
    });
  }
  it('cover without halving runs out the default 5000 iterations', () => {
    const q = C(2365, 10, 8, 2, 4)();
    const opt = bestSet(q);
    const b = coverBound(q, opt, { patience: 1e9, maxMs: FAR });
    expect(b.iterations).toBe(5001);
    expect(b.bound).toBeGreaterThan(evaluateOpen(q, opt).coveredResidents);
    expect(b.incumbent.open).toEqual(opt);
  });
});

describe('multipliers stuck at their caps (lists truncated to the nearest candidate)', () => {
  // P0 and P1 are 1 apart, P2 is 5 from both; each point's list holds only itself (cost 0), so
  // λ_i ≤ w_i × second cost = (1, 1, 5). Optimum 6 (j0 or j1); the truncated relaxation tops out at
  // Σ cap − max cap = 2. From {j0}: λ = (0, 1, 5), L = 6 − 5 = 1; step 2·(6 − 1)/2 = 5 takes λ to
  // (1, 1, 5), L = 2 at iteration 1; then g = (1, 1, 0) cannot move λ: no progress, θ halves every
  // `patience` iterations and the 15th halving (2/2^15 < 1e-4) ends the run at iteration 1 + 15·patience.
  const S = (): SitingProblem => mk([[0, 1, 5], [1, 0, 5], [5, 5, 0]], [1, 1, 1], 1, 'median');
  const o = { maxListEntries: 1, nearest: 1, maxMs: FAR };
  it('iteration 0 and 1 by hand', () => {
    expect(medianBound(S(), [0], { ...o, maxIterations: 1 }).bound).toBeCloseTo(1 / 3, 14);
    const b = medianBound(S(), [0], { ...o, maxIterations: 2 });
    expect(b.bound).toBeCloseTo(2 / 3, 14);
    expect(b.incumbent.open).toEqual([0]);
  });
  for (const [patience, iterations] of [[1, 17], [2, 32], [7, 107], [undefined, 1202]] as [number | undefined, number][]) {
    it(`patience ${patience ?? 'default (80)'}: ${iterations} iterations, bound 2/3, gap 200 %`, () => {
      const b = medianBound(S(), [0], patience === undefined ? o : { ...o, patience });
      expect(b.iterations).toBe(iterations);
      expect(b.bound).toBeCloseTo(2 / 3, 14);
      expect(b.incumbent.open).toEqual([0]);
      expect(b.gapPct).toBeCloseTo(200, 10);
      expect(b.proven).toBe(false);
      expect(refMedian(S(), [0], { ...o, patience }).iterations).toBe(iterations);
    });
  }
  it('the same instance in units of 1e-10 min: a gap below the absolute 1e-9 tolerance counts as proven', () => {
    const t = mk([[0, 1, 5], [1, 0, 5], [5, 5, 0]].map((r) => r.map((c) => c * 1e-10)), [1, 1, 1], 1, 'median');
    const b = medianBound(t, [0], { ...o, patience: 1 });
    expect(b.iterations).toBe(17);
    expect(b.bound / 1e-10).toBeCloseTo(2 / 3, 6);
    expect(b.incumbent.value.meanMin / 1e-10).toBeCloseTo(2, 6);
    expect(b.proven).toBe(true);
    expect(b.gapPct).toBe(0);
    expect(b.travelGapPct).toBe(0);
  });
  it('a run cut short by maxIterations while stuck', () => {
    const b = medianBound(S(), [0], { ...o, patience: 1, maxIterations: 10 });
    expect(b.iterations).toBe(11);
    expect(b.bound).toBeCloseTo(2 / 3, 14);
  });
});

describe('coverBound: the Lagrangian heuristic replaces the incumbent only when strictly better', () => {
  // j0, j1 reach points 0 (w 1) and 1 (w 2); j2 reaches point 2 (w 3): a tie at 3 residents.
  const E = (): SitingProblem => mk([[0, 1, 4], [1, 0, 3], [4, 3, 0]], [1, 2, 3], 1, 'cover');
  it('from {j2}: μ = (½, 1, 1.5), scores tie at 1.5, the relaxation opens j0; the search keeps {j0} (3 = 3): {j2} stays', () => {
    const b = coverBound(E(), [2], { maxIterations: 1, maxMs: FAR });
    expect(b.incumbent.open).toEqual([2]);
    expect(b.incumbent.value.coveredResidents).toBe(3);
    expect(b.bound).toBeCloseTo(4.5, 14);
    expect(b.gapPct).toBeCloseTo(50, 12);
  });
});

describe('coverBound: searchEvery', () => {
  // Seeded instance (10 points, 9 candidates, k 3, T 3) where the swap search seeded at iteration 0
  // stops at a local optimum and a later relaxation's bases lead to the optimum.
  const P = (): SitingProblem => randomProblem(65, 10, 9, 3, 'cover', { targetMin: 3 });
  it('iteration 0 seeds the search with the k best Σ w/2 scores (a tie with the start); searchEvery 1 searches again and reaches the optimum', () => {
    const p = P();
    const L = coverLists(p);
    const score = p.candidates.map((_, j) => {
      let s = 0;
      for (let q = L.start[j]; q < L.start[j + 1]; q++) s += p.weights[L.points[q]] / 2;
      return s;
    });
    const seed = p.candidates.map((_, j) => j).sort((a, b) => score[b] - score[a] || a - b).slice(0, 3);
    const csr = { start: L.start, cols: L.points };
    const first = coverSearch(csr, csr, p.weights, 9, [], p.candidates.map((_, j) => j), 3, { start: seed, tabu: 0 });
    const optimum = evaluateOpen(p, bestSet(p)).coveredResidents;
    // The search seeded at iteration 0 only ties the start (31 residents): the start stays.
    const startCovered = evaluateOpen(p, [0, 1, 2]).coveredResidents;
    expect(first.covered).toBe(startCovered);
    expect(first.covered).toBeLessThan(optimum);
    for (const o of [{}, { searchEvery: 1000 }, { searchEvery: 4 }]) {
      const b = coverBound(p, [0, 1, 2], { ...o, maxIterations: 4, maxMs: FAR });
      expect(b.incumbent.value.coveredResidents).toBe(startCovered);
      expect(b.incumbent.open).toEqual([0, 1, 2]);
    }
    const b1 = coverBound(p, [0, 1, 2], { searchEvery: 1, maxIterations: 4, maxMs: FAR });
    expect(b1.incumbent.value.coveredResidents).toBe(optimum);
  });
  it('seedTabu: tabu moves after the seeded search escape its local optimum at iteration 0', () => {
    const p = P();
    const L = coverLists(p);
    const csr = { start: L.start, cols: L.points };
    const all = p.candidates.map((_, j) => j);
    // The same seed as above: the 3 best Σ w/2 scores.
    const score = all.map((j) => {
      let s = 0;
      for (let q = L.start[j]; q < L.start[j + 1]; q++) s += p.weights[L.points[q]] / 2;
      return s;
    });
    const seed = [...all].sort((a, b) => score[b] - score[a] || a - b).slice(0, 3);
    const tabu = coverSearch(csr, csr, p.weights, 9, [], all, 3, { start: seed, tabu: 20 });
    expect(tabu.covered).toBe(evaluateOpen(p, bestSet(p)).coveredResidents);
    const b = coverBound(p, [0, 1, 2], { seedTabu: 20, maxIterations: 1, maxMs: FAR });
    expect(b.incumbent.open).toEqual(tabu.open);
    expect(b.incumbent.value.coveredResidents).toBe(tabu.covered);
    expect(coverBound(p, [0, 1, 2], { seedTabu: 0, maxIterations: 1, maxMs: FAR }).incumbent.open).toEqual([0, 1, 2]);
  });
});

describe('centerBound', () => {
  // Points at 0, 1, 2, 10, 11, k = 2: radius 0 needs 5 bases, so the bound is the next cost, 1.
  const Q = (): SitingProblem => line([0, 1, 2, 10, 11], [1, 1, 1, 1, 1], 2, 'center');
  it('from {j3, j0} (worst response 2): bound 1, gap 100 %, travel gap over 0.5 fixed minutes 200 %', () => {
    const t = performance.now();
    const b = centerBound(Q(), [3, 0], 0.5, { maxMs: FAR });
    const dt = performance.now() - t;
    expect(b.incumbent.open).toEqual([0, 3]);
    expect(b.incumbent.value.maxMin).toBe(2);
    expect(b.bound).toBe(1);
    expect(b.proven).toBe(false);
    expect(b.gapPct).toBeCloseTo(100, 12);
    expect(b.travelGapPct!).toBeCloseTo(200, 12);
    expect(b.method).toBe('lagrangian');
    expect(b.iterations).toBeGreaterThan(0);
    expect(b.ms).toBeGreaterThanOrEqual(0);
    expect(b.ms).toBeLessThanOrEqual(dt);
    expect(proveIncumbent(Q(), [3, 0], 0.5, { maxMs: FAR }).travelGapPct!).toBeCloseTo(200, 12);
  });
  it('a bound one float32 step below a tiny incumbent is within the absolute 1e-9 tolerance: proven', () => {
    const a = Math.fround(0.001);
    const u = new Uint32Array(new Float32Array([a]).buffer);
    u[0] -= 1;
    const a2 = new Float32Array(u.buffer)[0]; // the float32 just below a (≈ 1.2e-10 less)
    const p = mk([[0, a], [a2, 0]], [1, 1], 1, 'center');
    const b = centerBound(p, [0], 0, { maxMs: FAR });
    expect(b.incumbent.value.maxMin).toBe(a);
    expect(b.bound).toBe(a2);
    expect(b.proven).toBe(true);
    expect(b.gapPct).toBe(0);
  });
  it('from {j1, j3} (worst response 1): proven, both gaps 0', () => {
    const b = centerBound(Q(), [3, 1], 0.5);
    expect(b.bound).toBe(1);
    expect(b.proven).toBe(true);
    expect(b.gapPct).toBe(0);
    expect(b.travelGapPct).toBe(0);
    expect(b.incumbent.open).toEqual([1, 3]);
  });
});

describe('coverBound: a relaxation solution with zero subgradient is optimal and becomes the incumbent', () => {
  // Seeded instance (8 points, 6 candidates, k 3, T 4), start {3, 4, 5} (14 residents), no search after
  // iteration 0 (which reaches 20): at iteration 39 every coverable point with w > μ is covered exactly
  // once by the relaxation's bases and the others not at all, so those bases cover L(μ) residents.
  it('the run stops there with the optimum (22 residents) as incumbent, proven', () => {
    const p = randomProblem(167, 8, 6, 3, 'cover', { targetMin: 4 });
    const opt = bestSet(p);
    expect(evaluateOpen(p, opt).coveredResidents).toBe(22);
    const b = coverBound(p, [5, 4, 3], { searchEvery: 1e6, maxIterations: 300, maxMs: FAR });
    expect(b.iterations).toBe(40);
    expect(b.incumbent.open).toEqual(opt);
    expect(b.incumbent.value.coveredResidents).toBe(22);
    expect(b.bound).toBeCloseTo(22, 12);
    expect(b.proven).toBe(true);
    expect(b.gapPct).toBe(0);
  });
});

describe('coverBound against the dense reference from poor starts (the seeded search improving the incumbent)', () => {
  const cases: [string, () => SitingProblem, number[], BoundOptions][] = [
    ['8 points, k 3, patience 5', () => randomProblem(1, 8, 6, 3, 'cover', { targetMin: 4 }), [5, 4, 3], { patience: 5 }],
    ['7 points, k 2, patience 5, no search after 0', () => randomProblem(2, 7, 6, 2, 'cover', { targetMin: 3 }), [5, 4], { patience: 5, searchEvery: 1e6 }],
    ['6 points, k 2, patience 5, no search after 0', () => randomProblem(2, 6, 5, 2, 'cover', { targetMin: 3 }), [4, 3], { patience: 5, searchEvery: 1e6 }],
    ['8 points, k 3, search every 3, patience 3', () => randomProblem(37, 8, 6, 3, 'cover', { targetMin: 4 }), [5, 4, 3], { patience: 3, searchEvery: 3 }],
    ['8 points, k 3, no search after 0', () => randomProblem(167, 8, 6, 3, 'cover', { targetMin: 4 }), [5, 4, 3], { searchEvery: 1e6 }],
    ['10 points, k 3, seedTabu 20', () => randomProblem(65, 10, 9, 3, 'cover', { targetMin: 3 }), [0, 1, 2], { seedTabu: 20, patience: 4 }],
  ];
  for (const [name, P, start, o] of cases) {
    it(name, () => {
      const p = P();
      for (const maxIterations of [1, 2, 3, 4, 6, 10, 30, 400]) {
        const b = coverBound(p, start, { ...o, maxIterations, maxMs: FAR });
        const r = refCover(p, start, { ...o, maxIterations });
        expect(b.bound).toBeCloseTo(r.bound, 10);
        expect(b.incumbent.open).toEqual(r.open);
        expect(b.iterations).toBe(r.iterations);
      }
    });
  }
});

describe('tolerances scale with the value (relative above 1, absolute below)', () => {
  it('median: a relaxation set better by 1e-10 on a sum of 1000 is no improvement, and that gap is proven', () => {
    // P0 (w 1) is 1000 from both candidates; P1 (w 1e-10) is at j1 and 1 from j0. From {j0}:
    // λ = (1000, 1e-10), ρ1 = −1e-10 opens j1, whose sum 1000 beats ub = 1000 + 1e-10 by less than 1e-9·ub.
    const p = mk([[1000, 1], [1000, 0]], [1, 1e-10], 1, 'median');
    const b = medianBound(p, [0], { maxMs: FAR });
    expect(b.incumbent.open).toEqual([0]);
    expect(b.iterations).toBe(1);
    expect(b.incumbent.value.meanMin - b.bound).toBeGreaterThan(5e-11);
    expect(b.proven).toBe(true);
    expect(b.gapPct).toBe(0);
  });
  it('cover: a search result better by 1e-10 on 1000 residents is no improvement, and that gap is proven', () => {
    // j1 reaches P0 (w 1000) and P1 (w 1e-10), j0 only P0: L = 500 + 5e-11 + score(j1) = 1000 + 1e-10.
    const p = mk([[0, 9], [0, 0]], [1000, 1e-10], 1, 'cover');
    const b = coverBound(p, [0], { maxMs: FAR });
    expect(b.incumbent.open).toEqual([0]);
    expect(b.iterations).toBe(1);
    expect(b.bound - b.incumbent.value.coveredResidents).toBeGreaterThan(5e-11);
    expect(b.proven).toBe(true);
    expect(b.gapPct).toBe(0);
  });
  it('cover: below 1 resident the tolerance is 1e-9 absolute', () => {
    const p = mk([[0, 9], [0, 0]], [1e-3, 1e-10], 1, 'cover');
    const b = coverBound(p, [0], { maxMs: FAR });
    expect(b.incumbent.open).toEqual([0]);
    expect(b.proven).toBe(true);
  });
});
