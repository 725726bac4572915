// What every component needs, loaded once: the territory, the app state, and the manifest figures.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Topology } from 'topojson-specification';
import type { Territory } from '../core/territory/index.ts';
import type { AppState } from '../state/appState.ts';
import type { SimulationState } from '../state/simulation.ts';
import type { MapLayersData } from '../map/style.ts';
import type { AmbitoLabel } from '../map/mapView.ts';

export interface Manifest {
  composition: { sourced: { comuni: number; residents: number }; estimated: { comuni: number; residents: number } };
  estimator: { leaveOneOut: { accuracyPct: number; hiddenComuni: number; placedRight: number; ambiti: number } };
}

export interface AppContext {
  territory: Territory;
  state: AppState;
  sim: SimulationState;
  manifest: Manifest;
  layers: MapLayersData;
  topo: Topology;
  labels: AmbitoLabel[];
  compositionCsvUrl: string;
}

export const Ctx = createContext<AppContext | null>(null);
export function useApp(): AppContext {
  const c = useContext(Ctx);
  if (!c) throw new Error('AppContext mancante');
  return c;
}
