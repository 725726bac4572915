// Domain-core figures on the real data (Node): geodata build, territory index, look-ups.
import { readFileSync, existsSync } from 'node:fs';
import { createTerritory } from '../../src/core/territory/index.ts';
import type { TerritoryData } from '../../src/core/territory/types.ts';
import { buildTerritory } from '../../geodata/lib/territory.ts';

function time(run: () => void, repeat = 1): number {
  const started = performance.now();
  for (let i = 0; i < repeat; i++) run();
  return (performance.now() - started) / repeat;
}

export async function benchCore(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  if (existsSync('../shared/data/comuni_ambiti.csv')) out.geodata_build_ms = time(() => buildTerritory('../shared/data'));
  const text = readFileSync('geodata/generated/territory.json', 'utf8');
  let data!: TerritoryData;
  out.territory_parse_ms = time(() => { data = JSON.parse(text) as TerritoryData; }, 5);
  let t = createTerritory(data);
  out.territory_index_ms = time(() => { t = createTerritory(data); }, 5);
  out.rollup_all_ats_ms = time(() => { for (const a of t.units('ats')) t.rollupOf('ats', a); }, 20);
  out.search_ms = time(() => { t.search('san'); t.search('sesto san giovanni'); t.search('015146'); }, 50) / 3;
  return out;
}
