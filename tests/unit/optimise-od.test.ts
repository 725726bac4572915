// The optimiser uses the same imported origin–destination matrix as the simulation, so a siting
// and a coverage computed after an import agree.
import loadHighs from 'highs';
import { describe, expect, it } from 'vitest';
import { createOptimiseApi } from '../../src/core/optimise/api.ts';
import type { HighsInstance } from '../../src/core/optimise/mip.ts';
import { loadTerritoryData } from './helpers/realData.ts';

const data = loadTerritoryData();
const rho = data.comuni.filter((c) => c.ambito === '50095').map((c) => c.istat);

describe('optimiser and an imported OD matrix', () => {
  it('sites the base where the matrix makes travel fastest, and forgets it when cleared', async () => {
    const api = createOptimiseApi({ loadTerritory: async () => data, loadHighs: async () => (await loadHighs()) as unknown as HighsInstance });
    const req = { members: ['50095'], k: 1, objective: 'median' as const };
    const estimate = (await api.siteHeuristic(req)).heuristic.bases.map((b) => b.istat);
    expect(estimate).not.toEqual(['015229']);
    // Vanzago (015229) one minute from every comune of the Ambito, both ways.
    const rows = rho.flatMap((c) => [`015229,${c},1`, `${c},015229,1`]);
    const report = await api.importOdMatrix(['from_istat,to_istat,minutes', ...rows].join('\n'));
    expect(report.ok).toBe(true);
    expect((await api.siteHeuristic(req)).heuristic.bases.map((b) => b.istat)).toEqual(['015229']);
    await api.clearOdMatrix();
    expect((await api.siteHeuristic(req)).heuristic.bases.map((b) => b.istat)).toEqual(estimate);
  });
});
