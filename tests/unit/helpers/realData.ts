// Loads the committed generated territory for tests (the same files the app ships).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TerritoryData } from '../../../src/core/territory/types.ts';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

let cached: TerritoryData | undefined;
export function loadTerritoryData(): TerritoryData {
  cached ??= JSON.parse(readFileSync(new URL('../../../geodata/generated/territory.json', import.meta.url), 'utf8')) as TerritoryData;
  return cached;
}
