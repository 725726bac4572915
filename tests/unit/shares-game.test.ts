// computeShares on the real data, read against its own definition: a coalition costs the fixed
// part plus its bases × the cost per base; the Shapley split is rescaled to the budget; the
// refusals name the field. Rho + Garbagnate Milanese + Alto Milanese (three neighbouring Ambiti).
import { beforeEach, describe, expect, it } from 'vitest';
import { computeShares, MAX_SHAPLEY_MEMBERS } from '../../src/core/optimise/shares.ts';
import { createTravelContext } from '../../src/core/travel/context.ts';
import { loadTerritoryData } from './helpers/realData.ts';

const data = loadTerritoryData();
const ctx = createTravelContext(data);
const members = ['50095', '50094', '50096'];

describe('cost shares: refusals', () => {
  it('too many Ambiti, a budget that is not a number ≥ 0, a fixed share outside 0–1', () => {
    const many = data.ambiti.slice(0, MAX_SHAPLEY_MEMBERS + 1).map((a) => a.code);
    expect(() => computeShares(ctx, { members: many })).toThrow(`Ripartizione dei costi: al massimo ${MAX_SHAPLEY_MEMBERS} Ambiti (richiesti ${MAX_SHAPLEY_MEMBERS + 1})`);
    for (const b of [-1, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => computeShares(ctx, { members, annualBudgetEur: b })).toThrow(`Ripartizione dei costi: budget annuo non valido (${b})`);
    for (const f of [-0.01, 1.01, Number.NaN]) expect(() => computeShares(ctx, { members, fixedShare: f })).toThrow(`Ripartizione dei costi: la quota fissa deve essere tra 0 e 1 (valore: ${f})`);
  });
});

describe('cost shares: the game by hand', () => {
  // In beforeEach, not while collecting: Stryker activates a mutant after collection.
  let r!: ReturnType<typeof computeShares>;
  beforeEach(() => {
    r = computeShares(ctx, { members, annualBudgetEur: 90_000, fixedShare: 0.25 });
  });

  it('fixed part, cost per base, the exact Shapley value of 3 Ambiti summing to the budget', () => {
    expect(r.fixedCostEur).toBeCloseTo(22_500, 9);
    expect(r.associationBases).toBeGreaterThan(0);
    expect(r.costPerBaseEur).toBeCloseTo(67_500 / r.associationBases, 9);
    expect(r.shapleyMethod).toBe('esatto');
    expect(r.shapleySamples).toBeNull();
    expect(r.coalitionsEvaluated).toBe(7);
    expect(r.members.reduce((s, m) => s + m.shapley.eur, 0)).toBeCloseTo(90_000, 6);
    for (const m of r.members) expect(m.shapley.share).toBeCloseTo(m.shapley.eur / 90_000, 12);
  });

  it('standalone cost = fixed part + own bases × cost per base; by residents in proportion', () => {
    const residents = r.members.reduce((s, m) => s + m.residents, 0);
    for (const m of r.members) {
      expect(m.standaloneCostEur).toBeCloseTo(22_500 + m.standaloneBases * r.costPerBaseEur, 6);
      expect(m.byResidents.eur).toBeCloseTo((90_000 * m.residents) / residents, 6);
      expect(m.expectedCallsYear).toBeGreaterThan(0);
      expect(m.simulatedCalls).toBeNull();
      expect(m.bySimulatedUse).toBeNull();
    }
  });

  it('fairness: the worst p90 is the largest of the members', () => {
    const p90s = r.members.map((m) => m.kpi.p90Min ?? Infinity);
    const worst = r.members[p90s.indexOf(Math.max(...p90s))]!;
    expect(r.fairness.worstMember).toBe(worst.ambito);
    expect(r.fairness.worstP90Min).toBe(worst.kpi.p90Min);
  });

  it('a zero budget and the fixed share at its bounds are accepted', () => {
    const zero = computeShares(ctx, { members, annualBudgetEur: 0 });
    expect(zero.members.map((m) => m.shapley.eur)).toEqual([0, 0, 0]);
    expect(zero.members.map((m) => m.shapley.share)).toEqual([0, 0, 0]);
    expect(computeShares(ctx, { members, annualBudgetEur: 1000, fixedShare: 0 }).fixedCostEur).toBe(0);
    const allFixed = computeShares(ctx, { members, annualBudgetEur: 1000, fixedShare: 1 });
    expect(allFixed.costPerBaseEur).toBe(0);
    // every coalition costs the same: symmetric players, a third each
    for (const m of allFixed.members) expect(m.shapley.eur).toBeCloseTo(1000 / 3, 6);
  });

  it('simulated calls split the budget by use; a missing or negative figure counts 0, with a warning naming the Ambito', () => {
    const by = (res: ReturnType<typeof computeShares>, a: string) => res.members.find((m) => m.ambito === a)!;
    const s = computeShares(ctx, { members, annualBudgetEur: 1000, simulatedCalls: { '50095': 3, '50094': 1, '50096': 0 } });
    expect([by(s, '50095').bySimulatedUse?.eur, by(s, '50094').bySimulatedUse?.eur, by(s, '50096').bySimulatedUse?.eur]).toEqual([750, 250, 0].map((x) => expect.closeTo(x, 9)));
    expect(s.warnings.filter((w) => w.startsWith('Uso simulato'))).toEqual([]);
    const bad = computeShares(ctx, { members, annualBudgetEur: 1000, simulatedCalls: { '50095': -1, '50094': 1 } });
    const warned = bad.warnings.filter((w) => w.startsWith('Uso simulato'));
    expect(warned).toHaveLength(2);
    expect(warned).toEqual(expect.arrayContaining([
      "Uso simulato: manca il numero di chiamate dell'Ambito 50095, considerato 0",
      "Uso simulato: manca il numero di chiamate dell'Ambito 50096, considerato 0",
    ]));
    expect(by(bad, '50094').bySimulatedUse?.eur).toBeCloseTo(1000, 9);
    expect(by(bad, '50095').simulatedCalls).toBe(0);
  });
});
