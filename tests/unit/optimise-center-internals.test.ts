// p-center internals (center.ts) on hand-written instances of 1–8 points: the problem's parts
// (usable / free candidates, resident points, floor, need), the sorted distinct radii, the points
// left by the fixed bases, the set-cover Lagrangian test, the set-cover MIP text and its answers
// (a fake HiGHS records the LP and returns a chosen status; the real one on K4), the filling up
// to k, the instant lower bound and the exact bisection (steps, solves, bounds, time limits).
import { describe, it, expect, beforeEach } from 'vitest';
import loadHighs from 'highs';
import { centerLowerBound, coverLagrangianInfeasible, coverMip, fillToK, leftAt, parts, radiiBetween, solveCenterExact, type Parts } from '../../src/core/optimise/center.ts';
import { coverCsr, type Csr } from '../../src/core/optimise/search.ts';
import { restrictCandidates, type SitingProblem } from '../../src/core/optimise/siting.ts';
import type { HighsInstance } from '../../src/core/optimise/mip.ts';

/** cost[j][i]: candidate j → point i. Candidates and points are 0..m−1 and 0..n−1. */
function prob(cost: number[][], k: number, opts: { weights?: number[]; fixed?: number[]; before?: number[] } = {}): SitingProblem {
  const m = cost.length;
  const n = cost[0].length;
  const flat = new Float32Array(m * n);
  for (let j = 0; j < m; j++) for (let i = 0; i < n; i++) flat[j * n + i] = cost[j][i];
  const weights = opts.weights ?? cost[0].map(() => 1);
  return {
    members: ['A'], memberNames: ['A'], objective: 'center', k, targetMin: 1, band: 'closure',
    points: Int32Array.from(cost[0].map((_, i) => i)), weights: Float64Array.from(weights), totalResidents: weights.reduce((a, b) => a + b, 0),
    memberOfPoint: new Int32Array(n), candidates: cost.map((_, j) => j), fixed: opts.fixed ?? [], before: opts.before ?? [], cost: flat, warnings: [],
  };
}

/** Points on a line, candidates at the same places, cost |x_i − x_j|. */
function line(xs: number[], k: number, fixed: number[] = []): SitingProblem {
  return prob(xs.map((xj) => xs.map((xi) => Math.abs(xi - xj))), k, { fixed });
}

/** K4 as a set cover: the points are the 6 edges 01 02 03 12 13 23, the candidates the 4 vertices (cost 1 at an end, else 5). */
const EDGES = [[0, 1], [0, 2], [0, 3], [1, 2], [1, 3], [2, 3]];
function k4(k: number): SitingProblem {
  return prob([0, 1, 2, 3].map((v) => EDGES.map((e) => (e.includes(v) ? 1 : 5))), k);
}

/** CSR from candidate → point lists. */
function csr(lists: number[][]): Csr {
  const start = new Int32Array(lists.length + 1);
  lists.forEach((l, j) => (start[j + 1] = start[j] + l.length));
  return { start, cols: Int32Array.from(lists.flat()) };
}

interface Call { lp: string; options: unknown }
function fakeHighs(status: string, columns: Record<string, { Index: number; Primal?: number }> = {}): { highs: HighsInstance; calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    highs: {
      solve(lp, options) {
        calls.push({ lp, options });
        return { Status: status, ObjectiveValue: 0, Columns: columns };
      },
    },
  };
}

// j2 is a "before" base left out of the kept candidates: not selectable.
const P1 = [
  [4, 50, 6, 9, 3],
  [7, 50, 2, 5, 8],
  [1, 1, 1, 1, 1],
  [5, 60, 7, 4, 6],
];
function p1(k = 3): SitingProblem {
  return restrictCandidates(prob(P1, k, { weights: [2, 0, 1, 3, 1], fixed: [1], before: [2] }), [0, 1, 3]);
}

describe('parts', () => {
  it('usable = selectable or fixed, free = usable minus fixed, residents only, floor = worst nearest usable cost, need = k − fixed', () => {
    const p = parts(p1());
    expect(p.usable).toEqual([0, 1, 3]);
    expect(p.free).toEqual([0, 3]);
    expect(p.points).toEqual([0, 2, 3, 4]);
    // nearest usable: p0 min(4,7,5) = 4, p2 min(6,2,7) = 2, p3 min(9,5,4) = 4, p4 min(3,8,6) = 3
    expect(p.floor).toBe(4);
    expect(p.need).toBe(2);
  });
  it('a fixed base that is not selectable is still usable, and not free', () => {
    const q = p1(4);
    q.fixed = [2];
    const p = parts(q);
    expect(p.usable).toEqual([0, 1, 2, 3]);
    expect(p.free).toEqual([0, 1, 3]);
    expect(p.floor).toBe(1);
    expect(p.need).toBe(3);
  });
  it('without selectability data every candidate is usable; no residents: floor 0', () => {
    const p = parts(prob(P1, 2, { weights: [0, 0, 0, 0, 0] }));
    expect(p.usable).toEqual([0, 1, 2, 3]);
    expect(p.free).toEqual([0, 1, 2, 3]);
    expect(p.points).toEqual([]);
    expect(p.floor).toBe(0);
    expect(p.need).toBe(2);
  });
});

describe('radiiBetween', () => {
  let q: SitingProblem;
  let p: Parts;
  beforeEach(() => {
    q = p1();
    p = parts(q);
  });
  it('distinct sorted costs of usable candidates to residents, both ends included', () => {
    // usable 0, 1, 3 × residents 0, 2, 3, 4: 4 6 9 3 | 7 2 5 8 | 5 7 4 6
    expect(Array.from(radiiBetween(q, p, 4, 7))).toEqual([4, 5, 6, 7]);
    expect(Array.from(radiiBetween(q, p, 0, Infinity))).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(Array.from(radiiBetween(q, p, 8.5, 9))).toEqual([9]);
    expect(Array.from(radiiBetween(q, p, 2, 2))).toEqual([2]);
  });
  it('an empty range gives no radius', () => {
    expect(radiiBetween(q, p, 10, 100).length).toBe(0);
    expect(radiiBetween(q, p, 7, 4).length).toBe(0);
  });
  it('a Float64Array', () => {
    expect(radiiBetween(q, p, 0, 3)).toBeInstanceOf(Float64Array);
  });
});

describe('leftAt', () => {
  it('points served within the radius by a fixed base are not left; zero-weight points never are', () => {
    const q = p1();
    const p = parts(q);
    // fixed j1 costs 7 50 2 5 8: within 5 it serves p2 and p3
    expect(leftAt(q, p, coverCsr(q, p.usable, 5).byCand)).toEqual([0, 4]);
    expect(leftAt(q, p, coverCsr(q, p.usable, 1).byCand)).toEqual([0, 2, 3, 4]);
    expect(leftAt(q, p, coverCsr(q, p.usable, 8).byCand)).toEqual([]);
  });
  it('no fixed base: every resident is left', () => {
    const q = prob(P1, 2, { weights: [1, 1, 0, 1, 1] });
    const p = parts(q);
    expect(leftAt(q, p, coverCsr(q, p.usable, 100).byCand)).toEqual([0, 1, 3, 4]);
  });
});

describe('coverLagrangianInfeasible', () => {
  it('nothing left: never infeasible, even with no base to spare', () => {
    expect(coverLagrangianInfeasible(csr([[0]]), [0], [], 1, 0)).toBe(false);
    expect(coverLagrangianInfeasible(csr([[0]]), [0], [], 1, 3)).toBe(false);
  });
  it('points left and no base to spare: infeasible before any iteration', () => {
    expect(coverLagrangianInfeasible(csr([[0]]), [0], [0], 1, 0, 0)).toBe(true);
    expect(coverLagrangianInfeasible(csr([[0]]), [0], [0], 1, -1, 0)).toBe(true);
  });
  it('a point left that no free candidate reaches: infeasible before any iteration', () => {
    // candidate 1 reaches point 1 but is not free
    expect(coverLagrangianInfeasible(csr([[0], [1]]), [0], [0, 1], 2, 5, 0)).toBe(true);
  });
  it('every point reached and no iteration allowed: not proven', () => {
    expect(coverLagrangianInfeasible(csr([[0]]), [0], [0], 1, 1, 0)).toBe(false);
    expect(coverLagrangianInfeasible(csr([[0], [1]]), [0, 1], [0, 1], 2, 1, 0)).toBe(false);
  });
  it('one point, one base: feasible, never proven infeasible', () => {
    expect(coverLagrangianInfeasible(csr([[0]]), [0], [0], 1, 1)).toBe(false);
  });
  it('one point, two candidates: L = 1/2 ≤ 1, feasible', () => {
    expect(coverLagrangianInfeasible(csr([[0], [0]]), [0, 1], [0], 1, 1)).toBe(false);
    expect(coverLagrangianInfeasible(csr([[0], [0]]), [0, 1], [0], 1, 1, 1)).toBe(false);
  });
  it('two private points: L = 2 proves one base short, not two (equal is not above)', () => {
    const b = csr([[0], [1]]);
    expect(coverLagrangianInfeasible(b, [0, 1], [0, 1], 2, 1, 1)).toBe(true);
    expect(coverLagrangianInfeasible(b, [0, 1], [0, 1], 2, 2, 1)).toBe(false);
    expect(coverLagrangianInfeasible(b, [0, 1], [0, 1], 2, 2)).toBe(false);
  });
  it('triangle (each candidate two of three points): u = 1/2, L = 3/2 > 1 at the first iteration', () => {
    const b = csr([[0, 1], [1, 2], [0, 2]]);
    expect(coverLagrangianInfeasible(b, [0, 1, 2], [0, 1, 2], 3, 1, 1)).toBe(true);
    expect(coverLagrangianInfeasible(b, [0, 1, 2], [0, 1, 2], 3, 2)).toBe(false);
    // only two candidates free: point 0 reached by candidate 0 only, 2 by candidate 1 only; 2 bases do it
    expect(coverLagrangianInfeasible(b, [0, 1], [0, 1, 2], 3, 2)).toBe(false);
    expect(coverLagrangianInfeasible(b, [0, 1], [0, 1, 2], 3, 1, 1)).toBe(true);
  });
  it('A covers a b c d, C covers b c d (a reached by A only): u = (1, ½, ½, ½), L = 5/2 − 3/2 − 1/2 = 1/2; feasible with 1', () => {
    const b = csr([[0, 1, 2, 3], [1, 2, 3]]);
    expect(coverLagrangianInfeasible(b, [0, 1], [0, 1, 2, 3], 4, 1)).toBe(false);
    expect(coverLagrangianInfeasible(b, [0, 1], [0, 1, 2, 3], 4, 1, 1)).toBe(false);
  });
  it('two copies of it, one base: L = 1 at the first iteration, 2 after one subgradient step', () => {
    // copy 2: points 4..7, A' = 2, C' = 3. g = (0, −1, −1, −1) per copy, norm 6, step 2·(1 + 1 − 1)/6 = 1/3:
    // u = (1, 1/6, 1/6, 1/6), U_A = 3/2, U_C = 1/2, L = 3/2 − 1/2 = 1 per copy.
    const b = csr([[0, 1, 2, 3], [1, 2, 3], [4, 5, 6, 7], [5, 6, 7]]);
    const left = [0, 1, 2, 3, 4, 5, 6, 7];
    expect(coverLagrangianInfeasible(b, [0, 1, 2, 3], left, 8, 1, 1)).toBe(false);
    expect(coverLagrangianInfeasible(b, [0, 1, 2, 3], left, 8, 1, 2)).toBe(true);
    expect(coverLagrangianInfeasible(b, [0, 1, 2, 3], left, 8, 1)).toBe(true);
    // two bases suffice (A and A'): never proven
    expect(coverLagrangianInfeasible(b, [0, 1, 2, 3], left, 8, 2)).toBe(false);
  });
  it('points outside `left` do not count', () => {
    // point 1 is reached by candidate 0 but is not left: one base covers point 0
    const b = csr([[0, 1], [1]]);
    expect(coverLagrangianInfeasible(b, [0, 1], [0], 2, 1)).toBe(false);
    expect(coverLagrangianInfeasible(csr([[0], [1], [2]]), [0, 1, 2], [0, 2], 3, 1, 1)).toBe(true);
  });
  it('K4 edge cover by vertices with 2 bases: LP = 2 = need, the bound cannot prove it (integer optimum 3)', () => {
    const b = csr([[0, 1, 2], [0, 3, 4], [1, 3, 5], [2, 4, 5]]);
    expect(coverLagrangianInfeasible(b, [0, 1, 2, 3], [0, 1, 2, 3, 4, 5], 6, 2)).toBe(false);
    expect(coverLagrangianInfeasible(b, [0, 1, 2, 3], [0, 1, 2, 3, 4, 5], 6, 1)).toBe(true);
  });
  it('K4 with 1 base: L = 1 stalls (u 1/2 ↔ 1/6) until the 20th stall halves the step at iteration 20; then u = 1/3, L = 2', () => {
    // it 0: u = 1/2, U = 3/2, L = 3 − 2 = 1 (best), g = −1, step 2·1/6; it 1: u = 1/6, L = 1, g = +1 …
    // it 20: 20th stall, θ = 1: from u = 1/2 the step is 1/6, u = 1/3; it 21: U = 1, L = 2 > 1.
    const b = csr([[0, 1, 2], [0, 3, 4], [1, 3, 5], [2, 4, 5]]);
    const left = [0, 1, 2, 3, 4, 5];
    expect(coverLagrangianInfeasible(b, [0, 1, 2, 3], left, 6, 1, 21)).toBe(false);
    expect(coverLagrangianInfeasible(b, [0, 1, 2, 3], left, 6, 1, 22)).toBe(true);
  });
});

describe('coverMip: the LP text and the answers', () => {
  // 5 points. j0 (not free) 0 1; j1: 0 2; j2: 0 3; j3: 0 1 3. Point 2 is not left, point 4 no one reaches.
  const B = (): Csr => csr([[0, 1], [0, 2], [0, 3], [0, 1, 3]]);
  const Q = (): SitingProblem => prob([[1, 1, 1, 1, 1]], 2);
  const P = (need = 2): Parts => ({ usable: [0, 1, 2, 3], free: [3, 1, 2], need, points: [0, 1, 2, 3, 4], floor: 0 });
  const LP = [
    'Minimize',
    ' obj: y1 + y2 + y3',
    'Subject To',
    ' c1: y3 >= 1',
    ' c0: y3 + y1 + y2 >= 1',
    ' c3: y3 + y2 >= 1',
    ' k: y1 + y2 + y3 <= 2',
    'Binary',
    ' y1 y2 y3',
    'End',
  ].join('\n');
  it('rows in the order of `left`, coverers in the order of `free`, variables sorted; options; chosen = primal > 1/2', () => {
    const { highs, calls } = fakeHighs('Optimal', { y1: { Index: 0, Primal: 0.5 }, y3: { Index: 2, Primal: 1 } });
    const size = { variables: 0, constraints: 0, nonzeros: 0 };
    expect(coverMip(highs, Q(), P(), B(), [1, 0, 3], 7, size)).toEqual([3]);
    expect(calls).toHaveLength(1);
    expect(calls[0].lp).toBe(LP);
    expect(calls[0].options).toEqual({ output_flag: false, time_limit: 7, mip_rel_gap: 0 });
    expect(size).toEqual({ variables: 3, constraints: 4, nonzeros: 9 });
  });
  it('a primal just above 1/2 counts; the time limit is at least 0.1 s', () => {
    const { highs, calls } = fakeHighs('Optimal', { y1: { Index: 0, Primal: 0.51 }, y2: { Index: 1, Primal: 0.49 }, y3: { Index: 2, Primal: 0 } });
    expect(coverMip(highs, Q(), P(3), B(), [1, 0, 3], 0.01, { variables: 0, constraints: 0, nonzeros: 0 })).toEqual([1]);
    expect(calls[0].options).toEqual({ output_flag: false, time_limit: 0.1, mip_rel_gap: 0 });
    expect(calls[0].lp).toContain('\n k: y1 + y2 + y3 <= 3\n');
  });
  it('the size only grows with more variables', () => {
    const { highs } = fakeHighs('Optimal');
    const big = { variables: 5, constraints: 1, nonzeros: 1 };
    coverMip(highs, Q(), P(), B(), [1, 0, 3], 7, big);
    expect(big).toEqual({ variables: 5, constraints: 1, nonzeros: 1 });
    const same = { variables: 3, constraints: 0, nonzeros: 0 };
    coverMip(highs, Q(), P(), B(), [1, 0, 3], 7, same);
    expect(same).toEqual({ variables: 3, constraints: 0, nonzeros: 0 });
    const small = { variables: 1, constraints: 0, nonzeros: 0 };
    coverMip(highs, Q(), P(), B(), [0], 7, small);
    // c0: y3 + y1 + y2
    expect(small).toEqual({ variables: 3, constraints: 2, nonzeros: 6 });
  });
  it('statuses: Infeasible and "Primal infeasible or unbounded" are none; anything else unknown', () => {
    for (const [status, out] of [['Infeasible', 'none'], ['Primal infeasible or unbounded', 'none'], ['Time limit reached', 'unknown'], ['Unbounded', 'unknown']] as const) {
      const { highs, calls } = fakeHighs(status);
      expect(coverMip(highs, Q(), P(), B(), [1, 0, 3], 7, { variables: 0, constraints: 0, nonzeros: 0 })).toBe(out);
      expect(calls).toHaveLength(1);
    }
  });
  it('nothing left: no bases, no solve; a point left no free candidate reaches: none, no solve', () => {
    const { highs, calls } = fakeHighs('Optimal', { y3: { Index: 2, Primal: 1 } });
    const size = { variables: 0, constraints: 0, nonzeros: 0 };
    expect(coverMip(highs, Q(), P(), B(), [], 7, size)).toEqual([]);
    expect(coverMip(highs, Q(), P(), B(), [0, 4], 7, size)).toBe('none');
    // point 1 is reached only by j0 and j3; without j3 free, none
    expect(coverMip(highs, Q(), { ...P(), free: [1, 2] }, B(), [1], 7, size)).toBe('none');
    expect(calls).toHaveLength(0);
    expect(size).toEqual({ variables: 0, constraints: 0, nonzeros: 0 });
  });
  it('a point outside `left` reached by a free candidate adds no row and no variable', () => {
    const { highs, calls } = fakeHighs('Optimal', { y1: { Index: 0, Primal: 1 } });
    // left = 2 only: its one coverer is j1
    expect(coverMip(highs, Q(), P(1), B(), [2], 7, { variables: 0, constraints: 0, nonzeros: 0 })).toEqual([1]);
    expect(calls[0].lp).toBe(['Minimize', ' obj: y1', 'Subject To', ' c2: y1 >= 1', ' k: y1 <= 1', 'Binary', ' y1', 'End'].join('\n'));
  });
  it('binaries 20 to a line, variables in numeric order', () => {
    // 25 candidates, each reaching the one point; free listed from 24 down to 0
    const b = csr(Array.from({ length: 25 }, () => [0]));
    const free = Array.from({ length: 25 }, (_, j) => 24 - j);
    const { highs, calls } = fakeHighs('Optimal', { y12: { Index: 12, Primal: 1 } });
    const size = { variables: 0, constraints: 0, nonzeros: 0 };
    expect(coverMip(highs, prob([[1]], 1), { usable: free, free, need: 1, points: [0], floor: 0 }, b, [0], 7, size)).toEqual([12]);
    const ys = (from: number, to: number): string => Array.from({ length: to - from }, (_, q) => `y${from + q}`).join(' ');
    const lines = calls[0].lp.split('\n');
    expect(lines[1]).toBe(' obj: ' + ys(0, 25).split(' ').join(' + '));
    expect(lines[3]).toBe(' c0: ' + free.map((j) => `y${j}`).join(' + ') + ' >= 1');
    expect(lines.slice(4)).toEqual([' k: ' + ys(0, 25).split(' ').join(' + ') + ' <= 1', 'Binary', ' ' + ys(0, 20), ' ' + ys(20, 25), 'End']);
    expect(size).toEqual({ variables: 25, constraints: 2, nonzeros: 50 });
  });
  it('real HiGHS on K4 at radius 1: 2 vertices cannot cover the 6 edges, 3 can', async () => {
    const highs = await loadHighs();
    const q = k4(2);
    const p = parts(q);
    const { byCand } = coverCsr(q, p.usable, 1);
    const size = { variables: 0, constraints: 0, nonzeros: 0 };
    expect(coverMip(highs, q, p, byCand, [0, 1, 2, 3, 4, 5], 10, size)).toBe('none');
    expect(size).toEqual({ variables: 4, constraints: 7, nonzeros: 16 });
    const three = coverMip(highs, q, { ...p, need: 3 }, byCand, [0, 1, 2, 3, 4, 5], 10, size);
    expect(Array.isArray(three) && three.length).toBe(3);
    // with one edge already served (say 23), vertex 0 and 1 — or any two — suffice; one never does
    const two = coverMip(highs, q, { ...p, need: 2 }, byCand, [0, 1, 2, 3, 4], 10, size);
    expect(Array.isArray(two) && two.length).toBe(2);
    expect(coverMip(highs, q, { ...p, need: 1 }, byCand, [0, 1, 2, 3, 4], 10, size)).toBe('none');
  });
});

describe('fillToK', () => {
  // weights 1 2 1; j3 duplicates j1
  const F = (k: number, fixed: number[] = []): SitingProblem => prob([[0, 4, 8], [4, 0, 4], [8, 4, 0], [4, 0, 4]], k, { weights: [1, 2, 1], fixed });
  const free = [0, 2, 1, 3];
  it('adds the base lowering the weighted sum most; ties to the first in `free`', () => {
    // from j0 (d = 0 4 8): j2 → 0 + 8 + 0 = 8, j1 → 0 + 0 + 4 = 4, j3 → 4 (tie, later)
    expect(fillToK(F(2), [0], free)).toEqual([0, 1]);
    // then d = 0 0 4: j2 → 0, j3 → 4
    expect(fillToK(F(3), [0], free)).toEqual([0, 1, 2]);
  });
  it('from the middle: j0 and j2 tie at 4 (j3 is 8): the first in free wins, even at position 0', () => {
    expect(fillToK(F(2), [1], free)).toEqual([0, 1]);
    expect(fillToK(F(2), [1], [2, 0, 3])).toEqual([1, 2]);
  });
  it('already k: nothing added; the result is sorted', () => {
    expect(fillToK(F(2), [2, 0], free)).toEqual([0, 2]);
    // from j2 (d = 8 4 0): j0 → 8, j1 → 4 (before j3): [2, 1] sorted
    expect(fillToK(F(2), [2], free)).toEqual([1, 2]);
  });
  it('fixed bases are kept and counted once', () => {
    expect(fillToK(F(2, [1]), [1, 2], free)).toEqual([1, 2]);
    // fixed j2, open j0: k reached
    expect(fillToK(F(2, [2]), [0], free)).toEqual([0, 2]);
    // fixed j2 alone, k = 2: from d = 8 4 0 add j1
    expect(fillToK(F(2, [2]), [], free)).toEqual([1, 2]);
  });
  it('k above the candidates: stops when every free one is open', () => {
    expect(fillToK(F(6), [0], free)).toEqual([0, 1, 2, 3]);
    expect(fillToK(F(3), [0], [0])).toEqual([0]);
  });
  it('an open candidate listed first in free is never added again, even when the others add nothing', () => {
    // open j1; j3 (same costs) adds nothing: still the one added
    expect(fillToK(F(2), [1], [1, 3])).toEqual([1, 3]);
  });
  it('zero weights do not pull', () => {
    const q = prob([[0, 9, 9], [9, 0, 9], [9, 9, 0]], 2, { weights: [1, 0, 1] });
    // from j0: j1 → 0 + 0 + 9 = 9, j2 → 0 + 0 + 0 = 0
    expect(fillToK(q, [0], [0, 1, 2])).toEqual([0, 2]);
  });
});

describe('centerLowerBound', () => {
  it('0 1 2 10 11, k = 2, upper 9: radii 0 1 2 8 9; radius 1 not refuted, radius 0 refuted (L = 5 > 2): bound 1 in 2 steps', () => {
    const r = centerLowerBound(line([0, 1, 2, 10, 11], 2), 9);
    expect(r).toEqual({ bound: 1, steps: 2 });
  });
  it('k = 1, upper 11: radii 0 1 2 8 9 10 11; 2 and 8 refuted, 9 not: bound 9', () => {
    // mid 2 (radius 2) refuted → lo 2; mid 4 (9) not → hi 4; mid 3 (8) refuted → lo 3
    expect(centerLowerBound(line([0, 1, 2, 10, 11], 1), 11)).toEqual({ bound: 9, steps: 3 });
  });
  it('K4 with 2 bases: nothing refuted, the bound is the floor 1', () => {
    expect(centerLowerBound(k4(2), 5)).toEqual({ bound: 1, steps: 1 });
  });
  it('an upper value below the floor: no radius, the bound is the upper value', () => {
    expect(centerLowerBound(k4(2), 0.5)).toEqual({ bound: 0.5, steps: 0 });
  });
  it('no time: no step, the bound is the floor', () => {
    expect(centerLowerBound(line([0, 1, 2, 10, 11], 2), 9, 0)).toEqual({ bound: 0, steps: 0 });
    expect(centerLowerBound(k4(2), 5, 0)).toEqual({ bound: 1, steps: 0 });
  });
  it('fixed bases: 11 fixed, k = 2, upper 2: radius 0 refuted (4 points left, 1 base), bound 1', () => {
    expect(centerLowerBound(line([0, 1, 2, 10, 11], 2, [4]), 2)).toEqual({ bound: 1, steps: 2 });
  });
});

describe('solveCenterExact', () => {
  let highs: HighsInstance;
  beforeEach(async () => {
    highs = await loadHighs();
  });
  it('0 1 2 10 11, k = 2 from 0 1 (radius 10): radii 0 1 2 8 9 10, 2 then 0 then 1, settled by search and Lagrangian', () => {
    const r = solveCenterExact(highs, line([0, 1, 2, 10, 11], 2), [1, 0]);
    // radius 2: greedy 0 (first of three), then 3: 0 1 2 0 1; radius 0: L = 5 > 2; radius 1: 1 then 3
    expect(r.open).toEqual([1, 3]);
    expect(r.value.maxMin).toBe(1);
    expect(r.value.meanMin).toBeCloseTo(0.6, 12);
    expect(r.lowerBound).toBe(1);
    expect(r.proven).toBe(true);
    expect(r.timedOut).toBe(false);
    expect(r.steps).toBe(3);
    expect(r.solves).toBe(0);
    expect(r.size).toEqual({ variables: 0, constraints: 0, nonzeros: 0 });
  });
  it('k = 1 from 0 (radius 11): radius 9 at x = 2', () => {
    const r = solveCenterExact(highs, line([0, 1, 2, 10, 11], 1), [0]);
    expect(r.open).toEqual([2]);
    expect(r.value.maxMin).toBe(9);
    expect(r.lowerBound).toBe(9);
    expect(r.proven).toBe(true);
    expect(r.steps).toBe(3);
    expect(r.solves).toBe(0);
  });
  it('a fixed base: 11 fixed, k = 2 from 0 11 (radius 2): radius 0 refuted, radius 1 by 1 + 11', () => {
    const r = solveCenterExact(highs, line([0, 1, 2, 10, 11], 2, [4]), [4, 0]);
    expect(r.open).toEqual([1, 4]);
    expect(r.value.maxMin).toBe(1);
    expect(r.value.meanMin).toBeCloseTo(0.6, 12);
    expect(r.lowerBound).toBe(1);
    expect(r.proven).toBe(true);
    expect(r.steps).toBe(2);
    expect(r.solves).toBe(0);
  });
  it('a fixed base serving two points does not make a one-point cover pass for a full one (bug fixed)', () => {
    // 0 5 10 20 21, 21 fixed, k = 2 from 10 21 (radius 10): radii 0 1 5 10. Radius 1: 21 serves 20
    // and 21, the three others are 5 apart (one base reaches one): refuted, not "covered". Radius 5: 5.
    const r = solveCenterExact(highs, line([0, 5, 10, 20, 21], 2, [4]), [2, 4]);
    expect(r.open).toEqual([1, 4]);
    expect(r.value.maxMin).toBe(5);
    expect(r.value.meanMin).toBeCloseTo(2.2, 12);
    expect(r.lowerBound).toBe(5);
    expect(r.proven).toBe(true);
    expect(r.timedOut).toBe(false);
    expect(r.steps).toBe(2);
    expect(r.solves).toBe(0);
  });
  it('0 5 20 21 with 21 fixed, k = 2 from 20 21: radii 0 1 5 15 16 20; 0 and 1 refuted, 5 reached by 0 + 21', () => {
    // radius 1: 21 serves 20 and 21; 0 and 5 each reach only themselves: one base cannot do both
    const r = solveCenterExact(highs, line([0, 5, 20, 21], 2, [3]), [2, 3]);
    expect(r.open).toEqual([0, 3]);
    expect(r.value.maxMin).toBe(5);
    expect(r.value.meanMin).toBe(1.5);
    expect(r.lowerBound).toBe(5);
    expect(r.proven).toBe(true);
    expect(r.steps).toBe(3);
    expect(r.solves).toBe(0);
  });
  it('ties on the worst response: the later cover replaces the earlier only with a lower mean', () => {
    // Y = 0 reaches C D within 2; P = 1 reaches A B within 2, all within 3; Q = 2 reaches A B C within 2, all
    // within 3; S = 3 the start. Radii 2 3 4 5. Radius 3: greedy P (4, before Q), then Y (first of the
    // zeros): worst 2. Radius 2: greedy Q (3), then Y for D: worst 2 again; the mean decides.
    const run = (P: number[], Q: number[]): ReturnType<typeof solveCenterExact> =>
      solveCenterExact(highs, prob([[5, 5, 2, 2], P, Q, [4, 5, 5, 5]], 2), [3, 0]);
    const same = run([2, 2, 3, 3], [2, 2, 2, 3]);
    expect(same.open).toEqual([0, 1]);
    expect(same.value.maxMin).toBe(2);
    expect(same.value.meanMin).toBe(2);
    expect(same.steps).toBe(2);
    expect(same.lowerBound).toBe(2);
    expect(same.proven).toBe(true);
    const better = run([2, 2, 3, 3], [1, 2, 2, 3]);
    expect(better.open).toEqual([0, 2]);
    expect(better.value.meanMin).toBe(1.75);
    const worse = run([1, 2, 3, 3], [2, 2, 2, 3]);
    expect(worse.open).toEqual([0, 1]);
    expect(worse.value.meanMin).toBe(1.75);
  });
  it('K4, k = 2 from 0 1 (radius 5): radius 1 needs the set-cover MIP (infeasible): proven 5 in one solve', () => {
    const r = solveCenterExact(highs, k4(2), [1, 0]);
    expect(r.open).toEqual([0, 1]);
    expect(r.value.maxMin).toBe(5);
    expect(r.lowerBound).toBe(5);
    expect(r.proven).toBe(true);
    expect(r.timedOut).toBe(false);
    expect(r.steps).toBe(1);
    expect(r.solves).toBe(1);
    expect(r.size).toEqual({ variables: 4, constraints: 7, nonzeros: 16 });
  });
  it('K4, k = 2 with no time left: stops before the solve, bound = floor', () => {
    const r = solveCenterExact(highs, k4(2), [0, 1], 0);
    expect(r.timedOut).toBe(true);
    expect(r.proven).toBe(false);
    expect(r.lowerBound).toBe(1);
    expect(r.steps).toBe(1);
    expect(r.solves).toBe(0);
    expect(r.open).toEqual([0, 1]);
    expect(r.size).toEqual({ variables: 0, constraints: 0, nonzeros: 0 });
  });
  it('K4, k = 2, the solver hits its time limit: not proven, bound = floor; the limit passed is what remains', () => {
    const { highs: fake, calls } = fakeHighs('Time limit reached');
    const r = solveCenterExact(fake, k4(2), [0, 1], 30);
    expect(r.timedOut).toBe(true);
    expect(r.proven).toBe(false);
    expect(r.lowerBound).toBe(1);
    expect(r.solves).toBe(1);
    expect(r.steps).toBe(1);
    expect(r.size).toEqual({ variables: 4, constraints: 7, nonzeros: 16 });
    expect(calls).toHaveLength(1);
    const limit = (calls[0].options as { time_limit: number }).time_limit;
    expect(limit).toBeGreaterThan(25);
    expect(limit).toBeLessThanOrEqual(30);
  });
  it('K4, k = 3 from 0 (radius 5): the search covers radius 1 with 0 1 2, no solve', () => {
    const { highs: fake, calls } = fakeHighs('Infeasible');
    const r = solveCenterExact(fake, k4(3), [0]);
    expect(r.open).toEqual([0, 1, 2]);
    expect(r.value.maxMin).toBe(1);
    expect(r.lowerBound).toBe(1);
    expect(r.proven).toBe(true);
    expect(r.steps).toBe(1);
    expect(r.solves).toBe(0);
    expect(calls).toHaveLength(0);
  });
  it('k = n from a shuffled start: already optimal, no step; the start comes back sorted', () => {
    const r = solveCenterExact(highs, k4(4), [3, 1, 0, 2]);
    expect(r.open).toEqual([0, 1, 2, 3]);
    expect(r.value.maxMin).toBe(1);
    expect(r.lowerBound).toBe(1);
    expect(r.proven).toBe(true);
    expect(r.steps).toBe(0);
    const s = solveCenterExact(highs, line([0, 1, 2, 10, 11, 20, 30, 40, 50, 60, 70, 80], 12), [11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    expect(s.open).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(s.value.maxMin).toBe(0);
    expect(s.steps).toBe(0);
    expect(s.proven).toBe(true);
  });
  it('a start outside the usable candidates below the floor: no radius, the bound is its own value', () => {
    // j2 (cost 1 everywhere) is a "before" base, not selectable; usable floor 4
    const q = restrictCandidates(prob(P1, 2, { before: [2] }), [0, 1, 3]);
    const r = solveCenterExact(highs, q, [2]);
    expect(r.value.maxMin).toBe(1);
    expect(r.lowerBound).toBe(1);
    expect(r.steps).toBe(0);
    expect(r.proven).toBe(true);
  });
});
