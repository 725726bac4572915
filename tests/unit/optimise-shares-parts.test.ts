// The building blocks of the cost shares (optimise/shares.ts), on games and instances small
// enough to check by hand: the Shapley value (exact and sampled), the two dispersion measures and
// the greedy covering that says how many bases a coalition of Ambiti needs.
import { describe, expect, it } from 'vitest';
import { basesForCoalition, coefficientOfVariation, coverLists, gini, shapleyExact, shapleySampled } from '../../src/core/optimise/shares.ts';
import type { SitingProblem } from '../../src/core/optimise/siting.ts';

/** Airport game: a coalition pays the longest runway its members need. Shapley by hand: φ_i = Σ_{r ≤ i} (c_r − c_{r−1}) / (n − r + 1). */
const airport = (c: number[]) => (mask: number): number => Math.max(0, ...c.filter((_, i) => mask & (1 << i)));

describe('Shapley value on the airport game', () => {
  it('exact, 3 players (1, 2, 4): 1/3, 5/6, 17/6', () => {
    const phi = shapleyExact(3, airport([1, 2, 4]));
    expect(phi[0]).toBeCloseTo(1 / 3, 12);
    expect(phi[1]).toBeCloseTo(1 / 3 + 1 / 2, 12);
    expect(phi[2]).toBeCloseTo(1 / 3 + 1 / 2 + 2, 12);
  });

  it('exact, 4 players (1, 3, 6, 10): 1/4, 11/12, 29/12, 77/12', () => {
    const phi = shapleyExact(4, airport([1, 3, 6, 10]));
    expect(phi.map((x) => x * 12)).toEqual([3, 11, 29, 77].map((x) => expect.closeTo(x, 9)));
  });

  it('exact, one player: the whole value', () => {
    expect(shapleyExact(1, () => 7)).toEqual([7]);
  });

  it('sampled: every sample count sums to v(N) exactly; many samples come near the exact value; the seed decides', () => {
    const v = airport([1, 3, 6, 10]);
    for (const samples of [1, 2, 7]) expect(shapleySampled(4, v, samples, 3).reduce((a, b) => a + b, 0)).toBeCloseTo(10, 12);
    // One permutation: each share is a marginal contribution, c_i minus the largest before it (a value in {0, 1, 2, 3, 4, 5, 6, 7, 9, 10}).
    const one = shapleySampled(4, v, 1, 3);
    for (const x of one) expect(Number.isInteger(Math.round(x * 1e9) / 1e9)).toBe(true);
    const many = shapleySampled(4, v, 4000, 5);
    const exact = shapleyExact(4, v);
    many.forEach((x, i) => expect(Math.abs(x - exact[i]!)).toBeLessThan(0.15));
    expect(shapleySampled(4, v, 50, 1)).not.toEqual(shapleySampled(4, v, 50, 2));
    expect(shapleySampled(4, v, 50, 9)).toEqual(shapleySampled(4, v, 50, 9));
  });

  it('sampled: each coalition value is asked once (memo), v(∅) never', () => {
    const asked: number[] = [];
    const v = (mask: number): number => {
      asked.push(mask);
      return airport([1, 2, 4])(mask);
    };
    shapleySampled(3, v, 200, 1);
    expect(asked).not.toContain(0);
    expect(new Set(asked).size).toBe(asked.length);
    expect(asked.length).toBeLessThanOrEqual(7);
  });
});

describe('dispersion of the shares', () => {
  it('coefficient of variation: population standard deviation over the mean', () => {
    expect(coefficientOfVariation([])).toBeNull();
    expect(coefficientOfVariation([0, 0])).toBe(0);
    expect(coefficientOfVariation([2, 2, 2])).toBe(0);
    expect(coefficientOfVariation([1, 3])).toBeCloseTo(0.5, 12);
    // mean 2.5, variance (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25
    expect(coefficientOfVariation([1, 2, 3, 4])).toBeCloseTo(Math.sqrt(1.25) / 2.5, 12);
  });

  it('Gini: 0 for equal shares, (n − 1) / n when one pays all, order does not matter', () => {
    expect(gini([])).toBeNull();
    expect(gini([0, 0])).toBe(0);
    expect(gini([5, 5, 5, 5])).toBe(0);
    expect(gini([0, 0, 0, 1])).toBeCloseTo(0.75, 12);
    // (−3·1 − 1·2 + 1·3 + 3·4) / (4 · 10)
    expect(gini([1, 2, 3, 4])).toBeCloseTo(0.25, 12);
    expect(gini([4, 1, 3, 2])).toBeCloseTo(0.25, 12);
  });
});

/**
 * Two members, four demand points: A has points 0 (9 residents) and 1 (1), B points 2 and 3 (5 each).
 * Candidates (cost row per candidate, target 10 min): c0 (of A) reaches point 0; c1 (of A) point 1;
 * c2 (of B) points 2 and 3; c3 (of B) points 0 and 1; c4 (no member) every point; c5 (of A) point 0 like c0.
 */
function twoMembers(): { problem: SitingProblem; candidateMember: Int32Array } {
  const F = 99;
  const rows = [
    [5, F, F, F],
    [F, 10, F, F],
    [F, F, 3, 4],
    [1, 1, F, F],
    [1, 1, 1, 1],
    [5, F, F, F],
  ];
  const problem: SitingProblem = {
    members: ['A', 'B'], memberNames: ['Ambito A', 'Ambito B'], objective: 'median', k: 2, targetMin: 10, band: 'closure',
    points: Int32Array.from([0, 1, 2, 3]), weights: Float64Array.from([9, 1, 5, 5]), totalResidents: 20,
    memberOfPoint: Int32Array.from([0, 0, 1, 1]), candidates: [10, 11, 12, 13, 14, 15], fixed: [], before: [],
    cost: Float32Array.from(rows.flat()), warnings: [],
  };
  return { problem, candidateMember: Int32Array.from([0, 0, 1, 1, -1, 0]) };
}

describe('bases a coalition needs (90 % of each member within the target)', () => {
  const { problem, candidateMember } = twoMembers();
  const A = 1;
  const B = 2;

  it('cover lists: the points within the target, the target itself included', () => {
    expect(coverLists(problem).map((l) => [...l])).toEqual([[0], [1], [2, 3], [0, 1], [0, 1, 2, 3], [0]]);
  });

  it('A alone: point 0 holds 90 % of its residents, one base of its own (c0, the first of the tie with c5)', () => {
    expect(basesForCoalition(problem, candidateMember, A, 5)).toEqual({ open: [0], met: true });
  });

  it('A alone with 8.5 + 1.5 residents: 85 % is not enough, both of its bases', () => {
    const lopsided = { ...problem, weights: Float64Array.from([8.5, 1.5, 5, 5]) };
    expect(basesForCoalition(lopsided, candidateMember, A, 5)).toEqual({ open: [0, 1], met: true });
    expect(basesForCoalition(lopsided, candidateMember, A, 1)).toEqual({ open: [0], met: false });
  });

  it('B alone: its own c2, never A\'s bases nor the comune of no member', () => {
    expect(basesForCoalition(problem, candidateMember, B, 5)).toEqual({ open: [2], met: true });
  });

  it('A and B: the largest gain first (c2: 10 residents, then c0), c3 only counts for B\'s coalition', () => {
    // c3 (of B) reaches A's 10 residents: in the coalition A+B it is allowed and brings 10, as c2.
    expect(basesForCoalition(problem, candidateMember, A | B, 5)).toEqual({ open: [2, 3], met: true });
    expect(basesForCoalition(problem, candidateMember, A | B, 1)).toEqual({ open: [2], met: false });
  });

  it('a member already satisfied adds no gain: after c0, A\'s last point does not pull c1 in', () => {
    const noC3 = Int32Array.from([0, 0, 1, -1, -1, 0]);
    expect(basesForCoalition(problem, noC3, A | B, 5)).toEqual({ open: [2, 0], met: true });
  });

  it('unreachable: no base of the coalition reaches its residents, the target is not met', () => {
    const far = { ...problem, targetMin: 0.5 };
    expect(basesForCoalition(far, candidateMember, A, 5)).toEqual({ open: [], met: false });
  });
});
