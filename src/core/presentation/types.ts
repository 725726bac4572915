// The presentation model: an ordered list of saved views (slides) that a presenter steps through
// on a projector. Plain, JSON-safe data, like the scenario: a slide names its scenario by id and
// the file that carries a presentation also carries those scenarios, so it opens on another
// machine with no network and no shared workspace.

/** What the Ambiti are coloured by (mirrors ColourBy of the app state, kept here so the core does not import UI state). */
export type SlideLevel = 'ats' | 'asst' | 'distretto' | 'ambito' | 'pis' | 'h24' | 'tempo' | 'confronto';
export const SLIDE_LEVELS: readonly SlideLevel[] = ['ats', 'asst', 'distretto', 'ambito', 'pis', 'h24', 'tempo', 'confronto'];

/** Side panel open in the slide (mirrors Panel of the app state). */
export type SlidePanel = 'info' | 'scenario' | 'sim' | 'quality' | 'optimise';
export const SLIDE_PANELS: readonly SlidePanel[] = ['info', 'scenario', 'sim', 'quality', 'optimise'];

export interface SlideCamera {
  /** [lon, lat] of the map centre. */
  center: [number, number];
  zoom: number;
}

export interface Slide {
  id: string;
  title: string;
  /** Speaker's note or subtitle, shown under the title. */
  note: string;
  /** Absent = frame the selection, or the whole region when nothing is selected. */
  camera?: SlideCamera;
  level: SlideLevel;
  /** Absent = the scenario open when the slide is shown. */
  scenarioId?: string;
  panel: SlidePanel;
  /** Show the side panel next to the map during the presentation. */
  showPanel: boolean;
  selection: { ambito?: string; comune?: string };
  basemap: boolean;
  labels: boolean;
}

export const PRESENTATION_SCHEMA_VERSION = 1;

export interface Presentation {
  schemaVersion: 1;
  title: string;
  slides: Slide[];
}

/** Allowed map window: the app's maxBounds (the map refuses to go further anyway). */
export const CAMERA_BOUNDS = { minLon: 6.5, minLat: 43.8, maxLon: 13.5, maxLat: 47.5, minZoom: 0, maxZoom: 22 } as const;

/** The file format: `format` tells it apart from a scenario file at a glance. */
export const PRESENTATION_FORMAT = 'pis-lombardia/presentazione';

export const MAX_SLIDES = 200;
