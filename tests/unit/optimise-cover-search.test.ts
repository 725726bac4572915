// The cover heuristic's tabu phase (search.ts coverSearch) and the exact solver's memory guard
// for maximal covering: tabu never ends below the swaps alone and reaches the brute-force optimum
// on seeded instances where the swaps stop short; the guard counts a cover model's real nonzeros
// (one per point-candidate pair within T), so a sparse model is not restricted for a dense size.
import { describe, expect, it } from 'vitest';
import { coverCsr, coverSearch } from '../../src/core/optimise/search.ts';
import { estimateModelSize, guardProblem } from '../../src/core/optimise/mip.ts';
import { evaluateOpen, solveHeuristic, type SitingProblem } from '../../src/core/optimise/siting.ts';

/** Seeded random cover instance: n points in a 100 × 100 square, candidates = points, cost = distance. */
function randomCover(seed: number, n: number, k: number, T: number): SitingProblem {
  let s = seed;
  const rnd = (): number => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 4294967296;
  };
  const x = Array.from({ length: n }, () => rnd() * 100);
  const y = Array.from({ length: n }, () => rnd() * 100);
  const weights = Float64Array.from({ length: n }, () => 1 + Math.floor(rnd() * 1000));
  const cost = new Float32Array(n * n);
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) cost[j * n + i] = Math.hypot(x[i] - x[j], y[i] - y[j]);
  return {
    members: ['A'], memberNames: ['A'], objective: 'cover', k, targetMin: T, band: 'closure',
    points: Int32Array.from({ length: n }, (_, i) => i), weights, totalResidents: weights.reduce((a, b) => a + b, 0),
    memberOfPoint: new Int32Array(n), candidates: Array.from({ length: n }, (_, i) => i), fixed: [], before: [], cost, warnings: [],
  };
}

function bruteForceCover(p: SitingProblem): number {
  const m = p.candidates.length;
  let best = -Infinity;
  const rec = (start: number, acc: number[]): void => {
    if (acc.length === p.k) {
      best = Math.max(best, evaluateOpen(p, acc).coveredResidents);
      return;
    }
    for (let j = start; j < m; j++) rec(j + 1, [...acc, j]);
  };
  rec(0, []);
  return best;
}

describe('coverSearch: tabu after the swaps', () => {
  it('60 seeded instances (18 points, k 3): never below the swaps alone, always the brute-force optimum, strictly better than the swaps on some', () => {
    let better = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const p = randomCover(seed, 18, 3, 22);
      const all = p.candidates.map((_, j) => j);
      const { byCand, byPoint } = coverCsr(p, all, p.targetMin);
      const plain = coverSearch(byCand, byPoint, p.weights, all.length, [], all, p.k);
      const tabu = coverSearch(byCand, byPoint, p.weights, all.length, [], all, p.k, { tabu: 60 });
      expect(tabu.open).toHaveLength(p.k);
      expect(tabu.covered).toBeCloseTo(evaluateOpen(p, tabu.open).coveredResidents, 6);
      expect(tabu.covered).toBeGreaterThanOrEqual(plain.covered);
      expect(tabu.covered).toBe(bruteForceCover(p));
      if (tabu.covered > plain.covered) better++;
    }
    expect(better).toBeGreaterThan(0);
  });
  it('is deterministic and keeps fixed bases open', () => {
    const p = randomCover(7, 40, 5, 18);
    const all = p.candidates.map((_, j) => j);
    const { byCand, byPoint } = coverCsr(p, all, p.targetMin);
    const free = all.filter((j) => j !== 3);
    const a = coverSearch(byCand, byPoint, p.weights, all.length, [3], free, 4, { tabu: 60 });
    const b = coverSearch(byCand, byPoint, p.weights, all.length, [3], free, 4, { tabu: 60 });
    expect(a).toEqual(b);
    expect(a.open).toContain(3);
    expect(a.open).toHaveLength(5);
  });
});

describe('memory guard for maximal covering', () => {
  it('counts one nonzero per point-candidate pair within T, not n × m', () => {
    const p = randomCover(3, 60, 4, 15);
    const dense = estimateModelSize('cover', 60, 60, 0).nonzeros;
    const h = solveHeuristic(p);
    // Above the real size, below the dense one: solved as is.
    const all = p.candidates.map((_, j) => j);
    const pairs = coverCsr(p, all, p.targetMin).byCand.cols.length;
    const real = estimateModelSize('cover', 60, 60, 0, pairs).nonzeros;
    expect(real).toBeLessThan(dense / 3);
    expect(guardProblem(p, h, { maxNonzeros: real + 10 }).dropped).toBe(0);
    // Below the real size: restricted, and the kept model fits the limit.
    const g = guardProblem(p, h, { maxNonzeros: Math.floor(real * 0.6) });
    expect(g.dropped).toBeGreaterThan(0);
    const kept = g.problem.candidates.map((_, j) => j);
    const keptPairs = coverCsr(g.problem, kept, p.targetMin).byCand.cols.length;
    expect(estimateModelSize('cover', 60, kept.length, 0, keptPairs).nonzeros).toBeLessThanOrEqual(Math.floor(real * 0.6));
  });
});
