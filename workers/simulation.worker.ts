// Thin Comlink adapter: the simulation core, with the territory fetched once by URL (the same file
// MapLibre's page loads, so the browser cache serves it). The per-point and per-comune typed
// arrays of an evaluation are transferred, not copied.
import { expose, transfer } from 'comlink';
import territoryUrl from '../geodata/generated/territory.json?url';
import { createSimulationApi } from '../src/core/sim/api.ts';
import type { PlanningInput } from '../src/core/sim/planning.ts';
import type { TerritoryData } from '../src/core/territory/types.ts';
import type { CoverageResult } from '../src/core/coverage/coverage.ts';

const core = createSimulationApi({
  loadTerritory: () =>
    fetch(territoryUrl).then((r) => {
      if (!r.ok) throw new Error(`Impossibile caricare il territorio (${r.status})`);
      return r.json() as Promise<TerritoryData>;
    }),
});

/** The distinct buffers of a coverage result (a buffer listed twice would fail the transfer). */
function buffersOf(c: CoverageResult): ArrayBuffer[] {
  const arrays = [...Object.values(c.points), ...Object.values(c.comuni)];
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}

const api = {
  ...core,
  async evaluate(input: PlanningInput) {
    const r = await core.evaluate(input);
    return transfer(r, buffersOf(r.coverage));
  },
};
expose(api);

export type SimulationApi = typeof api;
