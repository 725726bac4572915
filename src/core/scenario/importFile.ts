// One entry point for a scenario file import (JSON, CSV, GeoJSON), by file name: the same code
// runs in the import worker (the app) and in the caller's thread (tests, fallback). Pure core.
import type { ImportResult, Scenario } from './types.ts';
import type { Territory } from '../territory/index.ts';
import type { TerritoryData } from '../territory/types.ts';
import type { Topology } from 'topojson-specification';
import { createTerritory } from '../territory/index.ts';
import { buildPlaceIndex, withPlaces } from '../territory/places.ts';
import { importScenarioJson } from './serialize.ts';
import { importScenarioCsv } from './csv.ts';
import { importBasesGeoJson } from './geojson.ts';

export type ImportKind = 'json' | 'csv' | 'geojson';

export function importKindOf(fileName: string): ImportKind | undefined {
  const ext = fileName.toLowerCase().split('.').pop();
  return ext === 'json' || ext === 'csv' || ext === 'geojson' ? ext : undefined;
}

export function importScenarioFile(kind: ImportKind, bytes: Uint8Array, current: Scenario, territory: Territory): ImportResult {
  if (kind === 'json') return importScenarioJson(bytes, territory);
  if (kind === 'csv') return importScenarioCsv(bytes, current, territory);
  return importBasesGeoJson(bytes, current, territory);
}

/** The worker's API: the territory (with the official table applied, if any) is given once. */
export function createImportApi() {
  let territory: Territory | undefined;
  return {
    init(data: TerritoryData, topo: Topology | undefined): void {
      const t = createTerritory(data);
      territory = topo ? withPlaces(t, buildPlaceIndex(topo)) : t;
    },
    run(kind: ImportKind, bytes: Uint8Array, current: Scenario): ImportResult {
      if (!territory) throw new Error('territorio non inizializzato');
      return importScenarioFile(kind, bytes, current, territory);
    },
  };
}
