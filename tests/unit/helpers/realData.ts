// Loads the committed generated territory for tests (the same files the app ships).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TerritoryData } from '../../../src/core/territory/types.ts';
import type { Topology } from 'topojson-specification';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

let cached: TerritoryData | undefined;
export function loadTerritoryData(): TerritoryData {
  cached ??= JSON.parse(readFileSync(new URL('../../../geodata/generated/territory.json', import.meta.url), 'utf8')) as TerritoryData;
  return cached;
}

let topo: Topology | undefined;
/** The shipped comune boundaries (what the app attaches to its territory at start). */
export function loadTopology(): Topology {
  topo ??= JSON.parse(readFileSync(new URL('../../../geodata/generated/territory.topo.json', import.meta.url), 'utf8')) as Topology;
  return topo;
}
