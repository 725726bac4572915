// How the parts of the app that need the MapLibre map (PNG export, print report, presenter) get
// it: from the app context, set by MapPane once the map is created. Not a global.
import type { Map as MapLibreMap } from 'maplibre-gl';

export interface MapAccess {
  get(): MapLibreMap | undefined;
  set(map: MapLibreMap | undefined): void;
}

export function createMapAccess(): MapAccess {
  let current: MapLibreMap | undefined;
  return {
    get: () => current,
    set: (map) => {
      current = map;
    },
  };
}
