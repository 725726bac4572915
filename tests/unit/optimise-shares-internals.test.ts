// shares.ts internals on small fixtures: the greedy covering's exact 90 % threshold, coalition
// candidates and double counting; the seeded permutations of the sampled Shapley value; and
// computeShares on synthetic lines of comuni (lineTerritory: neighbours 15.3 min apart, own comune
// at 22.3 min response with the default closure band), where every count can be read off the line:
// defaults, the cap on bases and its warning, exact vs sampled Shapley and the sample counts,
// given bases, the fairness summary, zero residents, simulated use.
import { beforeEach, describe, expect, it } from 'vitest';
import { basesForCoalition, coefficientOfVariation, coverLists, computeShares, gini, shapleySampled, MAX_SHAPLEY_MEMBERS, type SharesRequest } from '../../src/core/optimise/shares.ts';
import type { SitingProblem } from '../../src/core/optimise/siting.ts';
import { mulberry32 } from '../../src/core/des/rng.ts';
import { calibrateDemand, expectedDemand } from '../../src/core/des/demand.ts';
import { defaultDesAssumptions, mergeDesAssumptions } from '../../src/core/des/assumptions.ts';
import { lineTerritory } from '../../src/core/sim/synthetic.ts';
import { createTravelContext, type TravelContext } from '../../src/core/travel/context.ts';
import type { TerritoryData } from '../../src/core/territory/types.ts';

// ---------------------------------------------------------------------------------------------
// basesForCoalition on hand problems (cost rows per candidate; target 10).

function problem(rows: number[][], weights: number[], memberOfPoint: number[], members = ['A', 'B']): SitingProblem {
  return {
    members, memberNames: members.map((m) => `Ambito ${m}`), objective: 'cover', k: 1, targetMin: 10, band: 'closure',
    points: Int32Array.from(weights, (_, i) => i), weights: Float64Array.from(weights), totalResidents: weights.reduce((a, b) => a + b, 0),
    memberOfPoint: Int32Array.from(memberOfPoint), candidates: rows.map((_, j) => j), fixed: [], before: [],
    cost: Float32Array.from(rows.flat()), warnings: [],
  } as SitingProblem;
}
const F = 99;

describe('basesForCoalition', () => {
  it('cover lists: a Float32 cost equal to T + 10⁻⁹ is within', () => {
    const c = Math.fround(10.3);
    const p = { ...problem([[c, c + 1e-3]], [1, 1], [0, 0], ['A']), targetMin: c - 1e-9 };
    expect(p.targetMin + 1e-9).toBe(c);
    expect(coverLists(p).map((l) => [...l])).toEqual([[0]]);
  });
  it('residents within T exactly at 90 % (less 10⁻⁶) satisfy the member', () => {
    // A: 8.999999 + 1.000001 residents; need 0.9 × 10 − 10⁻⁶ = 8.999999, what c0 alone brings.
    const x = 0.9 * 10 - 1e-6;
    const p = problem([[5, F], [F, 5]], [x, 10 - x], [0, 0], ['A']);
    expect(0.9 * (x + (10 - x)) - 1e-6).toBe(x);
    expect(basesForCoalition(p, Int32Array.from([0, 0]), 1, 5)).toEqual({ open: [0], met: true });
  });
  it('only the coalition\'s own comuni are candidates, even when another member\'s would do more', () => {
    // B's points 1, 2 (5 each): c0 (of A) reaches both, c1 and c2 (of B) one each.
    const p = problem([[5, 5, 5], [F, 5, F], [F, F, 5]], [1, 5, 5], [0, 1, 1]);
    const cm = Int32Array.from([0, 1, 1]);
    expect(basesForCoalition(p, cm, 2, 5)).toEqual({ open: [1, 2], met: true });
    expect(basesForCoalition(p, cm, 3, 5)).toEqual({ open: [0], met: true });
  });
  it('a point already covered is not counted twice', () => {
    // A: 4, 3, 1, 1, 1 residents, need 9. c0 reaches points 0, 1 (7); c1 points 0, 2; c2 point 3;
    // c3 point 4. After c0 and c1 (a gain of 1): 8 < 9, so c2 as well.
    const p = problem([[5, 5, F, F, F], [5, F, 5, F, F], [F, F, F, 5, F], [F, F, F, F, 5]], [4, 3, 1, 1, 1], [0, 0, 0, 0, 0], ['A']);
    expect(basesForCoalition(p, Int32Array.from([0, 0, 0, 0]), 1, 5)).toEqual({ open: [0, 1, 2], met: true });
  });
  it('a member outside the coalition does not count toward the need', () => {
    // B (points 2, 3) is not in the coalition {A}: A's 90 % is reached by c0 alone.
    const p = problem([[5, 5, F, F], [F, F, 5, 5]], [5, 5, 100, 100], [0, 0, 1, 1]);
    expect(basesForCoalition(p, Int32Array.from([0, 1]), 1, 5)).toEqual({ open: [0], met: true });
    expect(basesForCoalition(p, Int32Array.from([0, 0]), 1, 5)).toEqual({ open: [0], met: true });
  });
});

// ---------------------------------------------------------------------------------------------

describe('shapleySampled: the seeded permutations', () => {
  it('Fisher–Yates from the last position down to 1, j = ⌊u (i + 1)⌋, one draw per position', () => {
    // A game where every order gives different marginals: v(S) = (Σ_{i∈S} 2^i)².
    const v = (mask: number): number => mask * mask;
    for (const [n, samples, seed] of [[4, 1, 3], [4, 3, 7], [5, 2, 11], [3, 4, 1]]) {
      const rng = mulberry32(seed);
      const perm = Array.from({ length: n }, (_, i) => i);
      const phi = new Array<number>(n).fill(0);
      for (let s = 0; s < samples; s++) {
        for (let i = n - 1; i >= 1; i--) {
          const j = Math.floor(rng() * (i + 1));
          [perm[i], perm[j]] = [perm[j], perm[i]];
        }
        let mask = 0;
        for (const i of perm) {
          phi[i] += v(mask | (1 << i)) - v(mask);
          mask |= 1 << i;
        }
      }
      const got = shapleySampled(n, v, samples, seed);
      got.forEach((x, i) => expect(x).toBeCloseTo(phi[i] / samples, 9));
    }
  });
  it('the default seed is 1', () => {
    const v = (mask: number): number => mask * mask;
    expect(shapleySampled(4, v, 3)).toEqual(shapleySampled(4, v, 3, 1));
    expect(shapleySampled(4, v, 3)).not.toEqual(shapleySampled(4, v, 3, 2));
  });
});

// ---------------------------------------------------------------------------------------------
// computeShares on lines of comuni.

/** Comuni on a line (0.1° apart), comune i in Ambito ambiti[i]. */
function line(ambiti: string[], residents?: number[]): TerritoryData {
  const d = lineTerritory(ambiti.length, 0, residents ?? ambiti.map(() => 5000));
  const a0 = d.ambiti[0];
  const l0 = d.links[0];
  d.comuni.forEach((c, i) => (c.ambito = ambiti[i]));
  const codes = [...new Set(ambiti)];
  d.ambiti = codes.map((code) => ({ ...a0, code, name: `Ambito ${code}` }));
  d.links = codes.map((code) => ({ ...l0, ambito: code }));
  return d;
}

/** 2 comuni per member: A1 = 1–2, A2 = 3–4, A3 = 5–6 (mirror images A1 / A3). */
const MIRROR = ['A1', 'A1', 'A2', 'A2', 'A3', 'A3'];
const M3 = ['A1', 'A2', 'A3'];

const codes = (n: number): string[] => Array.from({ length: n }, (_, i) => `B${String(i + 1).padStart(2, '0')}`);

describe('computeShares: defaults and the cap on bases', () => {
  let ctx: TravelContext;
  beforeEach(() => {
    // Two members of 7 comuni each; T 30 reaches only a base's own comune (22.3 min), so each
    // member needs 7 bases (6 × 5,000 < 90 % of 35,000) and the association 14.
    ctx = createTravelContext(line([...Array(7).fill('A1'), ...Array(7).fill('A2')]));
  });
  it('default T 45 and a cap of 12 bases: the association is capped, with the warning', () => {
    // T 45 also reaches the neighbours (37.7 min): 3 per base but the ends: A1 needs 3 (the
    // 7th comune is 5,000 of 35,000, 14.3 %… so 6 comuni = 85.7 % are not enough).
    const r = computeShares(ctx, { members: ['A1', 'A2'], annualBudgetEur: 1000 });
    expect(r.targetMin).toBe(45);
    expect(r.warnings).toEqual([]);
    expect(r.coalitionsCapped).toBe(0);
    const t = computeShares(ctx, { members: ['A1', 'A2'], annualBudgetEur: 1000, targetMin: 30 });
    expect(t.targetMin).toBe(30);
    expect(t.associationBases).toBe(12);
    expect(t.warnings).toEqual(['Anche con 12 basi non tutti gli Ambiti raggiungono il 90% dei residenti entro 30 min: costo delle coalizioni limitato a 12 basi']);
    // Coalitions {A1}, {A2}: 7 bases each; {A1, A2}: capped.
    expect(t.coalitionsEvaluated).toBe(3);
    expect(t.coalitionsCapped).toBe(1);
    expect(t.members.map((m) => m.standaloneBases)).toEqual([7, 7]);
    expect(t.basesUsed).toHaveLength(12);
    // Fixed 500, per base 500 / 12.
    expect(t.costPerBaseEur).toBeCloseTo(500 / 12, 12);
    expect(t.members[0].standaloneCostEur).toBeCloseTo(500 + (7 * 500) / 12, 9);
  });
  it('a higher cap: 14 bases, no warning', () => {
    const r = computeShares(ctx, { members: ['A1', 'A2'], annualBudgetEur: 1400, fixedShare: 0, targetMin: 30, maxBases: 20 });
    expect(r.associationBases).toBe(14);
    expect(r.warnings).toEqual([]);
    expect(r.coalitionsCapped).toBe(0);
    expect(r.costPerBaseEur).toBeCloseTo(100, 12);
    expect(r.basesUsed.map((b) => b.istat)).toEqual(Array.from({ length: 14 }, (_, i) => String(i + 1).padStart(6, '0')).sort());
    expect(r.basesUsed[0]).toEqual({ istat: '000001', name: 'Comune 1' });
    expect(r.members.map((m) => m.shapley.eur)).toEqual([700, 700].map((x) => expect.closeTo(x, 9)));
  });
  it('a cap the members alone reach: only the association is capped', () => {
    const r = computeShares(ctx, { members: ['A1', 'A2'], annualBudgetEur: 1000, targetMin: 30, maxBases: 7 });
    expect(r.associationBases).toBe(7);
    expect(r.coalitionsCapped).toBe(1);
    expect(r.members.map((m) => m.standaloneBases)).toEqual([7, 7]);
    expect(r.warnings[0]).toMatch(/^Anche con 7 basi .* entro 30 min: costo delle coalizioni limitato a 7 basi$/);
  });
});

describe('computeShares: exact or sampled Shapley', () => {
  // One comune per member; T 30: each member needs its own base, v(S) = F + |S| × c.
  const req = (n: number, r: Partial<SharesRequest> = {}): SharesRequest => ({ members: codes(n), annualBudgetEur: 1000, targetMin: 30, ...r });
  it('10 members: exact (1,023 coalitions), a tenth each', () => {
    const r = computeShares(createTravelContext(line(codes(10))), req(10));
    expect(r.shapleyMethod).toBe('esatto');
    expect(r.shapleySamples).toBeNull();
    expect(r.coalitionsEvaluated).toBe(1023);
    for (const m of r.members) expect(m.shapley.eur).toBeCloseTo(100, 9);
  });
  it('11 and 15 members: sampled, 1,000 permutations by default; 16: 200', () => {
    const r11 = computeShares(createTravelContext(line(codes(11))), req(11));
    expect(r11.shapleyMethod).toBe('campionato');
    expect(r11.shapleySamples).toBe(1000);
    expect(r11.members.reduce((s, m) => s + m.shapley.eur, 0)).toBeCloseTo(1000, 9);
    expect(computeShares(createTravelContext(line(codes(15))), req(15, { maxBases: 15 })).shapleySamples).toBe(1000);
    expect(computeShares(createTravelContext(line(codes(16))), req(16, { maxBases: 16 })).shapleySamples).toBe(200);
  });
  it('samples and seed as asked (the first member of each order pays the fixed part: the seed shows)', () => {
    const ctx = createTravelContext(line(codes(11)));
    const a = computeShares(ctx, req(11, { shapleySamples: 3 }));
    expect(a.shapleySamples).toBe(3);
    const one = computeShares(ctx, req(11, { shapleySamples: 3, seed: 1 }));
    const five = computeShares(ctx, req(11, { shapleySamples: 3, seed: 5 }));
    expect(a.members.map((m) => m.shapley.eur)).toEqual(one.members.map((m) => m.shapley.eur));
    expect(five.members.map((m) => m.shapley.eur)).not.toEqual(one.members.map((m) => m.shapley.eur));
    // 3 permutations: three members (or fewer) got the fixed 500 once: 500 / 3 + 500 / 11 …
    for (const m of a.members) expect([500 / 11, 500 / 11 + 500 / 3, 500 / 11 + 1000 / 3, 500 / 11 + 500]).toContainEqual(expect.closeTo(m.shapley.eur, 6));
  });
  it(`${MAX_SHAPLEY_MEMBERS} members are accepted`, () => {
    const r = computeShares(createTravelContext(line(codes(MAX_SHAPLEY_MEMBERS))), req(MAX_SHAPLEY_MEMBERS, { shapleySamples: 1, maxBases: 30 }));
    expect(r.members).toHaveLength(MAX_SHAPLEY_MEMBERS);
    expect(r.shapleySamples).toBe(1);
  });
});

describe('computeShares: fairness with given bases', () => {
  let ctx: TravelContext;
  beforeEach(() => {
    ctx = createTravelContext(line(MIRROR));
  });
  it('bases at comune 1: A3 is the worst served; the dispersion of the three p90', () => {
    const r = computeShares(ctx, { members: M3, annualBudgetEur: 900, bases: ['000001'] });
    expect(r.basesUsed).toEqual([{ istat: '000001', name: 'Comune 1' }]);
    const p90 = r.members.map((m) => m.kpi.p90Min!);
    expect(p90[0]).toBeLessThan(p90[1]);
    expect(p90[1]).toBeLessThan(p90[2]);
    expect(r.fairness.worstMember).toBe('A3');
    expect(r.fairness.worstP90Min).toBe(p90[2]);
    expect(r.fairness.p90CoefficientOfVariation).toBeCloseTo(coefficientOfVariation(p90)!, 12);
    expect(r.fairness.p90Gini).toBeCloseTo(gini(p90)!, 12);
    expect(r.fairness.p90CoefficientOfVariation).toBeGreaterThan(0);
    expect(r.total.ambito).toBe('totale');
    expect(r.members.map((m) => m.kpi.ambito)).toEqual(M3);
    // The shares do not depend on the bases given (the cost game is the same).
    const d = computeShares(ctx, { members: M3, annualBudgetEur: 900 });
    expect(r.members.map((m) => m.shapley.eur)).toEqual(d.members.map((m) => m.shapley.eur));
  });
  it('a tie on the worst p90 goes to the first member', () => {
    // Bases at comuni 3 and 4: A1 and A3 are mirror images.
    const r = computeShares(ctx, { members: M3, annualBudgetEur: 900, bases: ['000003', '000004'] });
    expect(r.basesUsed.map((b) => b.istat)).toEqual(['000003', '000004']);
    expect(r.members[0].kpi.p90Min).toBe(r.members[2].kpi.p90Min);
    expect(r.members[1].kpi.p90Min!).toBeLessThan(r.members[0].kpi.p90Min!);
    expect(r.fairness.worstMember).toBe('A1');
  });
  it('no bases given (an empty list): the cost game\'s bases for the association', () => {
    // T 45: a base reaches its neighbours; the association takes comune 2 (1–3) and 5 (4–6).
    const r = computeShares(ctx, { members: M3, annualBudgetEur: 900, bases: [] });
    expect(r.associationBases).toBe(2);
    expect(r.basesUsed.map((b) => b.istat)).toEqual(['000002', '000005']);
    expect(r.members.map((m) => m.standaloneBases)).toEqual([1, 1, 1]);
  });
});

describe('computeShares: use and calls', () => {
  it('simulated calls that are not numbers count 0, with the warning; all zero: shares 0', () => {
    const ctx = createTravelContext(line(MIRROR));
    const r = computeShares(ctx, { members: M3, annualBudgetEur: 900, simulatedCalls: { A1: '3' as unknown as number, A2: 1, A3: 3 } });
    expect(r.warnings).toEqual(["Uso simulato: manca il numero di chiamate dell'Ambito A1, considerato 0"]);
    expect(r.members.map((m) => m.simulatedCalls)).toEqual([0, 1, 3]);
    expect(r.members.map((m) => m.bySimulatedUse!.eur)).toEqual([0, 225, 675].map((x) => expect.closeTo(x, 9)));
    const z = computeShares(ctx, { members: M3, annualBudgetEur: 900, simulatedCalls: { A1: 0, A2: 0, A3: 0 } });
    expect(z.warnings).toEqual([]);
    expect(z.members.map((m) => m.bySimulatedUse)).toEqual([{ share: 0, eur: 0 }, { share: 0, eur: 0 }, { share: 0, eur: 0 }]);
  });
  it('expected calls: the demand model on each member\'s comuni (Rho\'s Ambito calibrates it)', () => {
    const d = line(['50095', '50095', 'A2', 'A2', 'A2'], [8000, 2000, 1000, 3000, 6000]);
    const ctx = createTravelContext(d);
    const r = computeShares(ctx, { members: ['50095', 'A2'], annualBudgetEur: 1000 });
    const des = mergeDesAssumptions(defaultDesAssumptions(d), undefined);
    const cal = calibrateDemand(d, des);
    const want = [expectedDemand(d.comuni.slice(0, 2), cal, des).total, expectedDemand(d.comuni.slice(2), cal, des).total];
    expect(want[0]).toBeGreaterThan(0);
    expect(r.members[0].expectedCallsYear).toBeCloseTo(want[0], 9);
    expect(r.members[1].expectedCallsYear).toBeCloseTo(want[1], 9);
    expect(r.members[1].byExpectedCalls.share).toBeCloseTo(want[1] / (want[0] + want[1]), 12);
    expect(r.members.map((m) => m.residents)).toEqual([10000, 10000]);
  });
});

describe('computeShares: edge cases', () => {
  it('a cap of 0 bases: k 1 for the cost per base, every coalition at the fixed part, rescaled to the budget', () => {
    const ctx = createTravelContext(line(MIRROR));
    const r = computeShares(ctx, { members: M3, annualBudgetEur: 900, fixedShare: 0.5, maxBases: 0 });
    expect(r.associationBases).toBe(1);
    expect(r.costPerBaseEur).toBe(450);
    expect(r.basesUsed).toEqual([]);
    expect(r.coalitionsCapped).toBe(7);
    expect(r.warnings).toEqual(['Anche con 0 basi non tutti gli Ambiti raggiungono il 90% dei residenti entro 45 min: costo delle coalizioni limitato a 0 basi']);
    // v(N) = 450 (no base counted): a third each of 450, rescaled to 900.
    for (const m of r.members) {
      expect(m.standaloneBases).toBe(0);
      expect(m.standaloneCostEur).toBe(450);
      expect(m.shapley.eur).toBeCloseTo(300, 9);
      expect(m.shapley.share).toBeCloseTo(1 / 3, 12);
      expect(m.kpi.p90Min).toBeNull();
    }
    expect(r.fairness).toEqual({ worstMember: 'A1', worstP90Min: null, p90CoefficientOfVariation: null, p90Gini: null });
    // Nothing fixed either: every coalition is free, no rescaling, shares 0.
    const z = computeShares(ctx, { members: M3, annualBudgetEur: 900, fixedShare: 0, maxBases: 0 });
    expect(z.members.map((m) => m.shapley.eur)).toEqual([0, 0, 0]);
  });
  it('a member without residents: no base of its own, no p90 (counted as the worst), left out of the dispersion', () => {
    const ctx = createTravelContext(line(MIRROR, [5000, 5000, 5000, 1000, 0, 0]));
    const r = computeShares(ctx, { members: M3, annualBudgetEur: 900, bases: ['000001'] });
    expect(r.members.map((m) => m.residents)).toEqual([10000, 6000, 0]);
    expect(r.members[2].standaloneBases).toBe(0);
    expect(r.members[2].expectedCallsYear).toBe(0);
    expect(r.members[2].byResidents).toEqual({ share: 0, eur: 0 });
    expect(r.members[2].kpi.p90Min).toBeNull();
    const p90 = [r.members[0].kpi.p90Min!, r.members[1].kpi.p90Min!];
    expect(p90[0]).toBeLessThan(p90[1]);
    expect(r.fairness.worstMember).toBe('A3');
    expect(r.fairness.worstP90Min).toBeNull();
    expect(r.fairness.p90CoefficientOfVariation).toBeCloseTo(coefficientOfVariation(p90)!, 12);
    expect(r.fairness.p90Gini).toBeCloseTo(gini(p90)!, 12);
  });
});
