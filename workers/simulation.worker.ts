// Thin Comlink adapter: the simulation core, with the territory fetched once by URL (the same file
// MapLibre's page loads, so the browser cache serves it).
import { expose } from 'comlink';
import territoryUrl from '../geodata/generated/territory.json?url';
import { createSimulationApi } from '../src/core/sim/api.ts';
import type { TerritoryData } from '../src/core/territory/types.ts';

const api = createSimulationApi({
  loadTerritory: () =>
    fetch(territoryUrl).then((r) => {
      if (!r.ok) throw new Error(`Impossibile caricare il territorio (${r.status})`);
      return r.json() as Promise<TerritoryData>;
    }),
});
expose(api);

export type SimulationApi = ReturnType<typeof createSimulationApi>;
