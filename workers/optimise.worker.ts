// Thin Comlink adapter: the optimisation core, with the territory fetched once by URL (the same
// file the map loads) and HiGHS loaded on first exact solve, its wasm served by Vite from the
// package (the only browser-specific part, hence here and not in the core).
import { expose } from 'comlink';
import wasmUrl from 'highs/runtime?url';
import territoryUrl from '../geodata/generated/territory.json?url';
import { createOptimiseApi } from '../src/core/optimise/api.ts';
import type { HighsInstance } from '../src/core/optimise/mip.ts';
import type { TerritoryData } from '../src/core/territory/types.ts';

const api = createOptimiseApi({
  loadTerritory: () =>
    fetch(territoryUrl).then((r) => {
      if (!r.ok) throw new Error(`Impossibile caricare il territorio (${r.status})`);
      return r.json() as Promise<TerritoryData>;
    }),
  loadHighs: async (): Promise<HighsInstance> => {
    const { default: loadHighs } = await import('highs');
    return loadHighs({ locateFile: () => wasmUrl });
  },
});
expose(api);

export type OptimiseApi = ReturnType<typeof createOptimiseApi>;
