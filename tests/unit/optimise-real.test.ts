// Optimisation on the real Lombardy data: exact vs heuristic on a small real association, the
// constraints of the suggested associations, and the proposal turned into a scenario.
import { describe, expect, it } from 'vitest';
import loadHighs from 'highs';
import { createOptimiseApi, proposalToScenario, type HighsInstance } from '../../src/core/optimise/index.ts';
import { checkScenario, defaultScenario, errorsOf } from '../../src/core/scenario/index.ts';
import { createTerritory } from '../../src/core/territory/index.ts';
import { loadTerritoryData } from './helpers/realData.ts';

const data = loadTerritoryData();
const territory = createTerritory(data);
const api = createOptimiseApi({ loadTerritory: async () => data, loadHighs: async (): Promise<HighsInstance> => loadHighs() });

// Varese and the first two Ambiti of the same ATS that border it: a small real association.
const members = ['50013', ...territory.neighbourAmbiti('50013').filter((a) => territory.ambito(a)!.ats === territory.ambito('50013')!.ats).slice(0, 2)];

describe('siting on a real association', () => {
  it(`exact (HiGHS) matches or beats the heuristic: ${members.join(', ')}, k = 2, p-median`, async () => {
    expect(members).toHaveLength(3);
    const current = [territory.comune('012133')!.istat]; // Varese, as the current base
    const r = await api.siteExact({ members, k: 2, objective: 'median', before: current }, { timeLimitSec: 30 });
    expect(r.exact!.status).toBe('ottimo');
    expect(r.exact!.value!.objective).toBeLessThanOrEqual(r.heuristic.value.objective + 1e-9);
    expect(r.heuristicGapPct!).toBeGreaterThanOrEqual(-1e-9);
    expect(r.exact!.bases).toHaveLength(2);
    for (const b of r.exact!.bases) expect(members).toContain(b.ambito);
    // Before/after per member plus the whole association; two bases never serve worse than one.
    expect(r.before).toHaveLength(members.length + 1);
    expect(r.afterExact![members.length].meanMin!).toBeLessThanOrEqual(r.before![members.length].meanMin! + 1e-9);
  });
});

describe('suggested associations on the real data', () => {
  const scenario = defaultScenario(territory);
  const served = new Set(scenario.services.flatMap((s) => s.members));

  for (const sameLevel of ['ats', 'distretto'] as const) {
    it(`partition of the Ambiti without PIS into contiguous groups of the same ${sameLevel}`, async () => {
      const p = await api.suggestAssociations(scenario, { sameLevel, minResidents: 100000, maxP90Min: 60 });
      const all = p.groups.flatMap((g) => g.members).sort();
      expect(all).toEqual(data.ambiti.map((a) => a.code).filter((c) => !served.has(c)).sort());
      for (const g of p.groups) {
        // Contiguity: every member reachable from the first through bordering members.
        const seen = new Set([g.members[0]]);
        const stack = [g.members[0]];
        while (stack.length) for (const n of territory.neighbourAmbiti(stack.pop()!)) if (g.members.includes(n) && !seen.has(n)) seen.add(n), stack.push(n);
        expect(seen.size, g.explanation).toBe(g.members.length);
        const shared = g.members.map((m) => territory.unitsOfAmbito(sameLevel, m)).reduce((a, b) => a.filter((u) => b.includes(u)));
        expect(shared.length, g.explanation).toBeGreaterThan(0);
        const residents = g.members.reduce((s, m) => s + territory.rollupOf('ambito', m).residents, 0);
        expect(g.residents).toBe(residents);
        expect(g.meetsMinResidents).toBe(residents >= 100000);
        if (g.members.length > 1) expect(g.worstP90Min!).toBeLessThanOrEqual(60);
        expect(g.explanation).toMatch(/residenti/);
        if (!g.meetsMinResidents) expect(g.explanation).toMatch(/NON raggiunto/);
      }
      expect(p.groups.some((g) => g.members.length > 1)).toBe(true);
    });
  }

  it('the proposal becomes a valid scenario with one PIS per group', async () => {
    const p = await api.suggestAssociations(scenario, {});
    const s = proposalToScenario(scenario, p);
    expect(s.services).toHaveLength(scenario.services.length + p.groups.length);
    expect(errorsOf(checkScenario(s, territory))).toEqual([]);
    const g = p.groups.find((x) => x.members.length > 1)!;
    const svc = s.services.find((x) => x.members.join() === g.members.join())!;
    expect(svc.bases.find((b) => b.kind !== 'centrale')?.istat).toBe(g.base.istat);
    expect(scenario.services).toHaveLength(8); // the base scenario (8 documented services) is untouched
  });
});
