// What every component needs, loaded once: the territory, the app state, and the manifest figures.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Topology } from 'topojson-specification';
import type { Territory } from '../core/territory/index.ts';
import type { AppState } from '../state/appState.ts';
import type { SimulationState } from '../state/simulation.ts';
import type { OptimiseState } from '../state/optimise.ts';
import type { StoredOfficial } from '../state/official.ts';
import type { MapLayersData } from '../map/style.ts';
import type { AmbitoLabel } from '../map/mapView.ts';
import type { MapAccess } from './mapAccess.ts';

export interface Manifest {
  composition: { sourced: { comuni: number; residents: number }; estimated: { comuni: number; residents: number } };
  estimator: { leaveOneOut: { accuracyPct: number; hiddenComuni: number; placedRight: number; ambiti: number } };
}

export interface AppContext {
  /** The territory in use (with the official table applied, if imported). */
  territory: Territory;
  /** The territory as shipped in geodata/generated (for diffs against an import). */
  shipped: Territory;
  official?: StoredOfficial;
  state: AppState;
  sim: SimulationState;
  opt: OptimiseState;
  manifest: Manifest;
  layers: MapLayersData;
  topo: Topology;
  labels: AmbitoLabel[];
  compositionCsvUrl: string;
  /** The MapLibre map, once MapPane has created it (export, print, presenter). */
  mapAccess: MapAccess;
}

export const Ctx = createContext<AppContext | null>(null);
export function useApp(): AppContext {
  const c = useContext(Ctx);
  if (!c) throw new Error('AppContext mancante');
  return c;
}
