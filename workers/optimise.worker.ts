// Thin Comlink adapter: the optimisation core, with the territory the page sends once it has
// parsed it (territoryMessage.ts) and HiGHS loaded on first exact solve, its wasm served by Vite from the
// package (the only browser-specific part, hence here and not in the core).
import { expose } from 'comlink';
import wasmUrl from 'highs/runtime?url';
import { createOptimiseApi } from '../src/core/optimise/api.ts';
import type { HighsInstance } from '../src/core/optimise/mip.ts';
import { receiveTerritory } from './territoryMessage.ts';

const territory = receiveTerritory(self);
const api = createOptimiseApi({
  loadTerritory: () => territory,
  loadHighs: async (): Promise<HighsInstance> => {
    const { default: loadHighs } = await import('highs');
    return loadHighs({ locateFile: () => wasmUrl });
  },
});
expose(api);

export type OptimiseApi = ReturnType<typeof createOptimiseApi>;
