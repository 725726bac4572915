// Thin Comlink adapter: the simulation core, with the territory the page sends once it has parsed
// it (territoryMessage.ts). The per-point and per-comune typed arrays of an evaluation are
// transferred, not copied.
import { expose, transfer } from 'comlink';
import { createSimulationApi } from '../src/core/sim/api.ts';
import type { PlanningInput } from '../src/core/sim/planning.ts';
import { receiveTerritory } from './territoryMessage.ts';
import type { CoverageResult } from '../src/core/coverage/coverage.ts';

const territory = receiveTerritory(self);
const core = createSimulationApi({ loadTerritory: () => territory });

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
