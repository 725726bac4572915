// How the parts of the app that need the MapLibre map (PNG export, print report, presenter) get
// it: from the app context, set by MapPane once the map is created. Not a global.
import type { Map as MapLibreMap } from 'maplibre-gl';

export interface MapAccess {
  get(): MapLibreMap | undefined;
  set(map: MapLibreMap | undefined): void;
  /** Settles when the first map is drawn (or failed to be): start-up work that can wait, waits for it. */
  drawn: Promise<void>;
  markDrawn(): void;
}

export function createMapAccess(): MapAccess {
  let current: MapLibreMap | undefined;
  let markDrawn!: () => void;
  const drawn = new Promise<void>((resolve) => { markDrawn = resolve; });
  return {
    get: () => current,
    set: (map) => {
      current = map;
    },
    drawn,
    markDrawn,
  };
}
