// Proven bounds for the siting heuristic (bounds.ts): on hand-checkable line instances, on seeded
// random instances against brute force (bound ≤ optimum ≤ heuristic for every objective), and on
// the real data (ATS di Brescia proven; ATS Milano + Brianza within 1 %). Plus the honesty rule:
// an exact solve over restricted candidates never claims optimality or a gap.
import { describe, expect, it } from 'vitest';
import loadHighs from 'highs';
import { centerBound, coverBound, medianBound, proveIncumbent } from '../../src/core/optimise/bounds.ts';
import { solveCenterExact } from '../../src/core/optimise/center.ts';
import { createOptimiseApi, evaluateOpen, solveExact, solveHeuristic, buildSitingProblem, responseFixedMin, type HighsInstance, type SitingObjective, type SitingProblem } from '../../src/core/optimise/index.ts';
import { createTravelContext } from '../../src/core/travel/context.ts';
import { itHeavy } from './helpers/heavy.ts';
import { loadTerritoryData } from './helpers/realData.ts';

/** Points on a line at xs (weights ws), candidates at the same places, cost = fixed + |x_i − x_j|. */
function lineProblem(xs: number[], ws: number[], k: number, objective: SitingObjective, targetMin = 1, fixedMin = 0, fixed: number[] = []): SitingProblem {
  const n = xs.length;
  const cost = new Float32Array(n * n);
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) cost[j * n + i] = fixedMin + Math.abs(xs[i] - xs[j]);
  return {
    members: ['A'], memberNames: ['A'], objective, k, targetMin, band: 'closure',
    points: Int32Array.from(xs.map((_, i) => i)), weights: Float64Array.from(ws), totalResidents: ws.reduce((a, b) => a + b, 0),
    memberOfPoint: new Int32Array(n), candidates: xs.map((_, i) => i), fixed, before: [], cost, warnings: [],
  };
}

function bruteForce(p: SitingProblem): number {
  const m = p.candidates.length;
  let best = p.objective === 'cover' ? -Infinity : Infinity;
  const rec = (start: number, acc: number[]): void => {
    if (acc.length === p.k) {
      if (!p.fixed.every((f) => acc.includes(f))) return;
      const v = evaluateOpen(p, acc).objective;
      if (p.objective === 'cover' ? v > best : v < best) best = v;
      return;
    }
    for (let j = start; j < m; j++) rec(j + 1, [...acc, j]);
  };
  rec(0, []);
  return best;
}


// Bounds end on their iteration count, not on a wall-clock budget: what they prove must not
// depend on the machine's load (the app's one-second budget is measured in npm run bench).
const UNTIMED = { maxMs: 600_000 };

describe('bounds on hand-checkable line instances', () => {
  // Two clusters {0,1,2} and {10,11}: with 2 bases the optimum opens 1 and 10 (or 11): 1+0+1+0+1 = 3, mean 0.6.
  const xs = [0, 1, 2, 10, 11];
  const ws = [1, 1, 1, 1, 1];
  it('p-median k = 2: the Lagrangian bound proves the mean 0.6 from a poor start', () => {
    const p = lineProblem(xs, ws, 2, 'median');
    const b = medianBound(p, [0, 1]); // both bases in the first cluster: mean (0+0+1+9+10)/5 = 4
    expect(evaluateOpen(p, [0, 1]).meanMin).toBeCloseTo(4, 12);
    expect(b.bound).toBeLessThanOrEqual(0.6 + 1e-9);
    expect(b.bound).toBeGreaterThan(0.6 - 1e-6);
    expect(b.incumbent.value.meanMin).toBeCloseTo(0.6, 12);
    expect(b.proven).toBe(true);
    expect(b.gapPct).toBe(0);
  });
  it('p-median with 20 fixed minutes: the travel gap is larger than the response gap', () => {
    const p = lineProblem(xs, ws, 1, 'median', 1, 20);
    // From a deliberately bad incumbent and a single iteration the bound is not tight: both gaps > 0.
    const b = medianBound(p, [4], { maxIterations: 1 }, 20);
    expect(b.bound).toBeLessThanOrEqual(bruteForce(p) + 1e-9);
    expect(b.gapPct).toBeGreaterThan(0);
    expect(b.travelGapPct!).toBeGreaterThan(b.gapPct);
  });
  it('cover k = 1, T = 1: the bound is 3 residents (base at 1 reaches 0, 1, 2)', () => {
    const p = lineProblem(xs, ws, 1, 'cover', 1);
    const b = coverBound(p, [4]);
    expect(bruteForce(p)).toBe(3);
    expect(b.bound).toBeGreaterThanOrEqual(3 - 1e-9);
    expect(b.bound).toBeLessThan(3 + 1e-3);
    expect(b.incumbent.value.coveredResidents).toBe(3);
  });
  it('center k = 1: packing proves nothing better than the nearest radius; k = 2 needs > 1 for 0 and 2 and 10', () => {
    const p = lineProblem(xs, ws, 1, 'center');
    // One base: the optimum is 6 (at 5? no candidate there: at 2 → 9, at 10 → 10): best is 9 at x = 2.
    expect(bruteForce(p)).toBe(9);
    const b = centerBound(p, [2]);
    expect(b.bound).toBeLessThanOrEqual(9);
    // With 2 bases: points 0 and 2 need a base within 1 (only x = 1 reaches both), 10 and 11 another: optimum 1.
    const p2 = lineProblem(xs, ws, 2, 'center');
    expect(bruteForce(p2)).toBe(1);
    const b2 = centerBound(p2, [1, 3]);
    // Radius 0 cannot serve 5 points with 2 bases: the packing of 3 proves > 0, so the bound is the next cost, 1.
    expect(b2.bound).toBe(1);
    expect(b2.proven).toBe(true);
  });
  it('fixed bases are respected by every bound', () => {
    const p = lineProblem(xs, ws, 2, 'median', 1, 0, [4]);
    const opt = bruteForce(p); // 11 fixed, best other at 1: 1+0+1+1+0 = 3 → 0.6
    expect(opt).toBeCloseTo(0.6, 12);
    const b = medianBound(p, [0, 4]);
    expect(b.bound).toBeLessThanOrEqual(opt + 1e-9);
    expect(b.incumbent.open).toContain(4);
  });
});

describe('bound ≤ optimum ≤ heuristic on seeded random instances', () => {
  let seed = 12345;
  const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let t = 0; t < 12; t++) {
    const n = 9;
    const xs = Array.from({ length: n }, () => Math.round(rnd() * 600) / 10);
    const ws = Array.from({ length: n }, () => 1 + Math.round(rnd() * 50));
    const k = 1 + (t % 3);
    for (const objective of ['median', 'center', 'cover'] as SitingObjective[]) {
      it(`instance ${t}, ${objective}, k = ${k}`, () => {
        const p = lineProblem(xs, ws, k, objective, 12, 10);
        const opt = bruteForce(p);
        const h = solveHeuristic(p);
        const b = proveIncumbent(p, h.open, 10);
        if (objective === 'cover') {
          expect(b.bound).toBeGreaterThanOrEqual(opt - 1e-9);
          expect(h.value.objective).toBeLessThanOrEqual(opt + 1e-9);
          expect(b.incumbent.value.objective).toBeLessThanOrEqual(opt + 1e-9);
        } else {
          expect(b.bound).toBeLessThanOrEqual(opt + 1e-9);
          expect(h.value.objective).toBeGreaterThanOrEqual(opt - 1e-9);
          expect(b.incumbent.value.objective).toBeGreaterThanOrEqual(opt - 1e-9);
        }
        // The incumbent is never worse than the start, and its value is what it claims.
        expect(evaluateOpen(p, b.incumbent.open).objective).toBeCloseTo(b.incumbent.value.objective, 9);
      });
    }
  }
});

describe('bounds on the real data', () => {
  const data = loadTerritoryData();
  const ctx = createTravelContext(data);
  const ambitiOf = (ats: string[]): string[] => data.ambiti.filter((a) => ats.includes(a.ats)).map((a) => a.code);
  it('ATS di Brescia (12 Ambiti), p-median k = 3: proven optimal by the Lagrangian bound', () => {
    const members = ambitiOf(['326']);
    expect(members).toHaveLength(12);
    const p = buildSitingProblem(ctx, { members, k: 3, objective: 'median' });
    const h = solveHeuristic(p);
    const b = medianBound(p, h.open, UNTIMED, responseFixedMin(p.band));
    expect(b.proven).toBe(true);
    // The review measured 45.148 on the earlier territory; the bound meets the heuristic exactly either way.
    expect(b.bound).toBeCloseTo(b.incumbent.value.meanMin, 6);
    expect(b.bound).toBeGreaterThan(40);
    expect(b.bound).toBeLessThan(50);
  }, 60_000);
  itHeavy('ATS Milano + Brianza (25 Ambiti), p-median k = 6: gap ≤ 1 % on the response, bound below the heuristic', () => {
    const members = ambitiOf(['321', '324']);
    expect(members).toHaveLength(25);
    const p = buildSitingProblem(ctx, { members, k: 6, objective: 'median' });
    const h = solveHeuristic(p);
    const b = medianBound(p, h.open, UNTIMED, responseFixedMin(p.band));
    expect(b.bound).toBeLessThanOrEqual(b.incumbent.value.meanMin);
    expect(b.bound).toBeGreaterThan(41.9);
    expect(b.gapPct).toBeLessThanOrEqual(1);
    expect(b.travelGapPct!).toBeGreaterThan(b.gapPct);
  }, 60_000);
});

describe('an exact answer over restricted candidates proves nothing', () => {
  const data = loadTerritoryData();
  const api = createOptimiseApi({ loadTerritory: async () => data, loadHighs: async (): Promise<HighsInstance> => loadHighs() });
  const ctx = createTravelContext(data);
  itHeavy('the memory guard keeps a few candidates: status is not "ottimo", no MIP gap, the gap comes from the bound', async () => {
    const members = data.ambiti.filter((a) => a.ats === '326').map((a) => a.code).slice(0, 3);
    const p = buildSitingProblem(ctx, { members, k: 2, objective: 'median' });
    const e = solveExact(await loadHighs(), p, { maxNonzeros: 3 * p.points.length * 12, timeLimitSec: 20 });
    expect(e.candidatesDropped).toBeGreaterThan(0);
    expect(e.status).not.toBe('ottimo');
    expect(e.mipGapPct).toBeNull();
    expect(e.bound).toBeNull();
    const r = await api.siteExact({ members, k: 2, objective: 'median' }, { maxNonzeros: 3 * p.points.length * 12, timeLimitSec: 20 });
    expect(r.exact!.candidatesDropped).toBeGreaterThan(0);
    expect(r.heuristicGapPct).toBeNull();
    expect(r.bound!.method).not.toBe('mip');
    expect(r.bound!.value).toBeLessThanOrEqual(r.heuristic.value.objective + 1e-9);
  });
  it('without restriction the MIP optimum certifies the heuristic', async () => {
    const members = data.ambiti.filter((a) => a.ats === '326').map((a) => a.code).slice(0, 3);
    const r = await api.siteExact({ members, k: 2, objective: 'center' }, { timeLimitSec: 30 });
    expect(r.exact!.candidatesDropped).toBe(0);
    expect(r.bound!.value).toBeLessThanOrEqual(r.heuristic.value.objective + 1e-9);
    if (r.exact!.status === 'ottimo') expect(r.bound!.value).toBeCloseTo(r.exact!.value!.objective, 9);
  });
});

describe('p-center exact by radius bisection', () => {
  const highs = loadHighs();
  let seed = 777;
  const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let t = 0; t < 6; t++) {
    const xs = Array.from({ length: 8 }, () => Math.round(rnd() * 500) / 10);
    const ws = Array.from({ length: 8 }, () => 1 + Math.round(rnd() * 20));
    const k = 1 + (t % 3);
    it(`instance ${t}, k = ${k}: bisection = p-center MIP = brute force; the instant bound is below`, async () => {
      const p = lineProblem(xs, ws, k, 'center', 12, 10);
      const opt = bruteForce(p);
      const h = solveHeuristic(p);
      const bis = solveCenterExact(await highs, p, h.open, 30);
      expect(bis.proven).toBe(true);
      expect(bis.value.maxMin).toBeCloseTo(opt, 9);
      expect(bis.lowerBound).toBeCloseTo(opt, 9);
      const mip = solveExact(await highs, p, { centerMethod: 'mip', timeLimitSec: 20 }, h);
      expect(mip.status).toBe('ottimo');
      expect(mip.value!.maxMin).toBeCloseTo(opt, 6);
      const viaApi = solveExact(await highs, p, {}, h);
      expect(viaApi.status).toBe('ottimo');
      expect(viaApi.value!.maxMin).toBeCloseTo(opt, 9);
      expect(centerBound(p, h.open, 10).bound).toBeLessThanOrEqual(opt + 1e-9);
    });
  }
  it('hand-checked: 0, 1, 2, 10, 11 with 2 bases: radius 1 (bases at 1 and 10 or 11)', async () => {
    const p = lineProblem([0, 1, 2, 10, 11], [1, 1, 1, 1, 1], 2, 'center');
    const r = solveCenterExact(await highs, p, [0, 1]);
    expect(r.value.maxMin).toBe(1);
    expect(r.proven).toBe(true);
    expect(r.open).toContain(1);
  });
  itHeavy('real data: ATS di Brescia k = 5 and ATS Milano + Brianza k = 6: the heuristic is within 1 % of the proven optimum', async () => {
    const data = loadTerritoryData();
    const ctx = createTravelContext(data);
    const ambitiOf = (ats: string[]): string[] => data.ambiti.filter((a) => ats.includes(a.ats)).map((a) => a.code);
    for (const [members, k] of [[ambitiOf(['326']), 5], [ambitiOf(['321', '324']), 6]] as const) {
      const p = buildSitingProblem(ctx, { members: [...members], k, objective: 'center' });
      const h = solveHeuristic(p);
      const e = solveCenterExact(await highs, p, h.open, 60);
      expect(e.proven).toBe(true);
      expect(e.value.maxMin).toBeLessThanOrEqual(h.value.maxMin + 1e-9);
      expect((h.value.maxMin - e.value.maxMin) / e.value.maxMin).toBeLessThanOrEqual(0.01);
    }
  }, 120_000);
});

describe('maximal covering on all of Lombardy (1,5k points × 1,5k candidates)', () => {
  // Proven gap (bound − incumbent): the true gap is smaller; the LP bound itself is ~0.5 % loose here.
  // A fixed number of iterations, not a time budget: the figure must not depend on the machine's load
  // (4 s of wall clock gave 1.73 % at load 11 on two cores; 2,000 iterations give 1.06 % anywhere).
  itHeavy('k = 20: the heuristic with the Lagrangian search is proven within 1.1 % of the optimum in 2,000 iterations', () => {
    const data = loadTerritoryData();
    const ctx = createTravelContext(data);
    const p = buildSitingProblem(ctx, { members: data.ambiti.map((a) => a.code), k: 20, objective: 'cover' });
    const h = solveHeuristic(p);
    const b = coverBound(p, h.open, { maxMs: 600_000, maxIterations: 2000 });
    expect(b.incumbent.value.coveredResidents).toBeGreaterThanOrEqual(h.value.coveredResidents);
    expect(b.bound).toBeGreaterThanOrEqual(b.incumbent.value.coveredResidents);
    // the optimum (CBC) is 7,244,961: a valid upper bound cannot be below it
    expect(b.bound).toBeGreaterThanOrEqual(7_244_961);
    expect(b.gapPct).toBeLessThanOrEqual(1.1);
  }, 60_000);
});
