// The offline base style: a background and the project's own GeoJSON sources. No glyphs, no
// sprite, no tiles — nothing leaves the machine. Labels are symbol layers in the canvas (so they
// are in the PNG export and the print report too): with no `glyphs` URL in the style, MapLibre
// (≥ 5.11, maplibre-gl-js PR #4564) draws every glyph locally with TinySDF from the browser's own
// sans-serif font; `text-font` then only picks the weight ("Bold" → 700). Patterns are drawn in
// code. The optional OpenStreetMap raster is added at runtime only when the user asks for it.
import type { FeatureCollection } from 'geojson';
import type { RasterSourceSpecification, StyleSpecification } from 'maplibre-gl';
import type { Level } from '../core/territory/types.ts';
import type { AmbitoLabel } from './mapView.ts';
import { BACKGROUND, BORDER, RULE_FAIL, RULE_PASS, RULE_UNKNOWN, SELECTED } from './palette.ts';

export interface MapLayersData {
  ambiti: FeatureCollection;
  comuni: FeatureCollection;
  ats: FeatureCollection;
  asst: FeatureCollection;
  distretti: FeatureCollection;
  /** Label points: one per Ambito (name, residents) and one per comune (name, residents, capoluogo). */
  ambitoPoints: FeatureCollection;
  comunePoints: FeatureCollection;
}

/** Symbol layers of place names, in placement priority order (MapLibre places the top layer first). */
export const LABEL_LAYERS = ['comuni-label', 'ambiti-label', 'capoluoghi-dot', 'capoluoghi-label', 'associations-label', 'ambito-label-selected'] as const;

/**
 * Text sizes of the label layers as [zoom, px] stops, scaled by `k` (1 on screen; larger while
 * presenting on a projector). MapLibre needs `zoom` at the top of the expression, so the stops are
 * scaled, not the expression.
 */
const LABEL_SIZES: Record<string, [number, number][]> = {
  'comuni-label': [[9, 10.5], [13, 14]],
  'ambiti-label': [[7, 10.5], [9, 13], [11, 15]],
  'capoluoghi-label': [[6, 11], [9, 14]],
  'associations-label': [[6, 12], [12, 12]],
  'ambito-label-selected': [[6, 15], [12, 15]],
};
export function labelSize(id: string, k = 1): unknown {
  return ['interpolate', ['linear'], ['zoom'], ...LABEL_SIZES[id].flatMap(([z, px]) => [z, Math.round(px * k * 10) / 10])];
}

const FONT_REGULAR = ['Noto Sans Regular'];
const FONT_BOLD = ['Noto Sans Bold'];
const HALO = { 'text-halo-color': 'rgba(255,255,255,0.95)', 'text-halo-width': 1.6, 'text-halo-blur': 0.3 } as const;

export const OSM_SOURCE: RasterSourceSpecification = {
  type: 'raster',
  tiles: ['https://tile.openstreetmap.org/{z}/{x}/{y}.png'],
  tileSize: 256,
  maxzoom: 19,
  attribution: '© OpenStreetMap contributors',
};

/** Line layer id per level whose borders are drawn over the Ambiti. */
export const LEVEL_LINE = { ats: 'ats-line', asst: 'asst-line', distretto: 'distretti-line' } as const;
/** Source (and MapLayersData field) per level. */
export const LEVEL_SOURCE = { ats: 'ats', asst: 'asst', distretto: 'distretti' } as const;

/** What the first frame shows: Ambiti fills, the Ambiti striped as multi-unit, whose borders. */
export interface FirstLook {
  fills: ReadonlyMap<string, string>;
  multiUnit: readonly string[];
  level: Level;
  /** The scenario's layers at start: association outlines, bases, association names. */
  scenario?: { associations: FeatureCollection; bases: FeatureCollection; names: AmbitoLabel[] };
}

/** The association names as a point source. */
export function associationPoints(labels: readonly AmbitoLabel[]): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: labels.map((l) => ({ type: 'Feature', id: l.code, properties: { id: l.code, name: l.name }, geometry: { type: 'Point', coordinates: l.point } })),
  };
}

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/**
 * The style. With `first`, the first colours are a `match` in the style itself (feature-state set
 * later overrides them), and only the borders of the visible level are tiled at start: the other
 * levels' sources start empty and mapView fills them when first shown (fewer vertices tiled
 * before the first idle, issue 13).
 */
/**
 * Line layers drawn only for a few features at a time (selection, hover, Ambiti being picked,
 * moved comuni): they draw through feature-state, so a change needs no re-tiling, and the whole
 * layer is switched off (layer opacity 0, a paint property: no re-layout) while nothing is
 * highlighted, so the map does not draw every border once more with opacity 0 in every frame.
 */
export const HIGHLIGHT_LAYERS = ['ambiti-pending-halo', 'ambiti-pending', 'ambiti-hover', 'ambiti-selected'] as const;

/**
 * Sources that start empty in most sessions (the scenario's associations and bases, the
 * optimiser's proposal, the 50,000 rule, the marked comuni). Their layers start hidden while
 * their source is empty, so MapLibre does not make (empty) tiles of them before the first frame;
 * mapView shows them when data arrives.
 */
export const ON_DEMAND_SOURCES = ['associations', 'proposal', 'rule50k', 'bases', 'association-points', 'comuni-marked'] as const;

/** The comuni placed by the estimator ("confine stimato"), for the hatched layer. */
export function estimatedComuni(comuni: FeatureCollection): FeatureCollection {
  return { type: 'FeatureCollection', features: comuni.features.filter((f) => f.properties?.status === 'estimated') };
}

/** The comuni are drawn from this zoom (their borders); mapView fills their source a little before. */
export const COMUNI_LINE_MINZOOM = 8.5;

export function baseStyle(d: MapLayersData, first?: FirstLook): StyleSpecification {
  const geo = (data: FeatureCollection, promoteId: string) => ({ type: 'geojson' as const, data, promoteId });
  const level = first?.level ?? 'ats';
  const lazy = (l: keyof typeof LEVEL_SOURCE) => (!first || l === level ? d[LEVEL_SOURCE[l]] : EMPTY);
  const visible = (l: Level) => ({ visibility: l === level ? 'visible' as const : 'none' as const });
  const fills = first ? [...first.fills].flat() : [];
  const initialFill = fills.length ? ['match', ['get', 'code'], ...fills, '#cccccc'] : '#cccccc';
  const multi = [...(first?.multiUnit ?? [])];
  const style: StyleSpecification = {
    version: 8,
    // No 300 ms paint transitions: each would be frames of software GL for nothing (issue 13).
    transition: { duration: 0, delay: 0 },
    sources: {
      ambiti: geo(d.ambiti, 'code'),
      // The 1,500 comuni are drawn only from zoom 8.5 (borders) or with the response overlay:
      // tiling them before the first frame cost ~0.3 s of MapLibre's worker (issue 13), so with a
      // first look they start empty and mapView fills them on demand. The hatched estimated comuni,
      // drawn at every zoom, have their own small source.
      comuni: geo(first ? EMPTY : d.comuni, 'istat'),
      'comuni-estimated': geo(estimatedComuni(d.comuni), 'istat'),
      // The selected comune and the moved ones, apart from the 1,500 comuni: line layers on the
      // comuni themselves made MapLibre build every comune border again for them (issue 13).
      'comuni-marked': geo(EMPTY, 'key'),
      ats: geo(lazy('ats'), 'code'),
      asst: geo(lazy('asst'), 'code'),
      distretti: geo(lazy('distretto'), 'code'),
      associations: geo(first?.scenario?.associations ?? EMPTY, 'id'),
      proposal: geo(EMPTY, 'istat'),
      rule50k: geo(EMPTY, 'istat'),
      bases: geo(first?.scenario?.bases ?? EMPTY, 'id'),
      'ambito-points': geo(d.ambitoPoints, 'code'),
      'comune-points': geo(d.comunePoints, 'istat'),
      'association-points': geo(first?.scenario ? associationPoints(first.scenario.names) : EMPTY, 'id'),
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': BACKGROUND } },
      {
        id: 'ambiti-fill', type: 'fill', source: 'ambiti',
        paint: { 'fill-color': ['coalesce', ['feature-state', 'fill'], initialFill] as never, 'fill-opacity': ['case', ['boolean', ['feature-state', 'hover'], false], 0.95, 0.8], 'fill-antialias': false },
      },
      // Comuni coloured by response time (simulation overlay), hidden unless asked for.
      {
        id: 'comuni-response', type: 'fill', source: 'comuni', layout: { visibility: 'none' },
        paint: { 'fill-color': ['coalesce', ['feature-state', 'resp'], '#bdbdbd'], 'fill-opacity': 0.9, 'fill-antialias': false },
      },
      // Ambiti spanning several units of the chosen level: striped, not coloured as one unit.
      { id: 'ambiti-multi', type: 'fill', source: 'ambiti', filter: ['in', ['get', 'code'], ['literal', multi]], paint: { 'fill-pattern': 'stripes', 'fill-antialias': false } },
      // Comuni placed by the estimator: hatched ("confine stimato").
      { id: 'comuni-estimated', type: 'fill', source: 'comuni-estimated', paint: { 'fill-pattern': 'hatch', 'fill-antialias': false } },
      { id: 'comuni-line', type: 'line', source: 'comuni', minzoom: COMUNI_LINE_MINZOOM, paint: { 'line-color': BORDER, 'line-opacity': 0.35, 'line-width': 0.5 } },
      { id: 'ambiti-line', type: 'line', source: 'ambiti', paint: { 'line-color': BORDER, 'line-width': ['interpolate', ['linear'], ['zoom'], 7, 0.6, 11, 1.5] } },
      { id: 'distretti-line', type: 'line', source: 'distretti', layout: visible('distretto'), paint: { 'line-color': BORDER, 'line-width': 2 } },
      { id: 'asst-line', type: 'line', source: 'asst', layout: visible('asst'), paint: { 'line-color': BORDER, 'line-width': 2.2 } },
      { id: 'ats-line', type: 'line', source: 'ats', layout: visible('ats'), paint: { 'line-color': BORDER, 'line-width': 2.6 } },
      // Ambiti picked while building an association: a black-and-white dashed outline (no fill, so
      // it can never be mistaken for a legend colour: a blue fill used to look like ATS Bergamo).
      {
        id: 'ambiti-pending-halo', type: 'line', source: 'ambiti',
        paint: { 'line-layer-opacity': 0, 'line-color': '#ffffff', 'line-width': 6, 'line-opacity': ['case', ['boolean', ['feature-state', 'pending'], false], 1, 0] },
      },
      {
        id: 'ambiti-pending', type: 'line', source: 'ambiti',
        paint: { 'line-layer-opacity': 0, 'line-color': '#000000', 'line-width': 3, 'line-dasharray': [1.5, 1], 'line-opacity': ['case', ['boolean', ['feature-state', 'pending'], false], 1, 0] },
      },
      { id: 'associations-halo', type: 'line', source: 'associations', paint: { 'line-color': '#ffffff', 'line-width': 7, 'line-opacity': 0.9 } },
      { id: 'associations-line', type: 'line', source: 'associations', paint: { 'line-color': '#6a1b9a', 'line-width': 3.5, 'line-dasharray': [2, 1] } },
      {
        id: 'ambiti-hover', type: 'line', source: 'ambiti',
        paint: { 'line-layer-opacity': 0, 'line-color': SELECTED, 'line-width': 2, 'line-opacity': ['case', ['boolean', ['feature-state', 'hover'], false], 0.8, 0] },
      },
      {
        id: 'ambiti-selected', type: 'line', source: 'ambiti',
        paint: { 'line-layer-opacity': 0, 'line-color': SELECTED, 'line-width': 4, 'line-opacity': ['case', ['boolean', ['feature-state', 'selected'], false], 1, 0] },
      },
      {
        id: 'bases', type: 'circle', source: 'bases',
        paint: {
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 7, 5, 12, 9],
          'circle-color': ['match', ['get', 'kind'], 'centrale', '#0b3d91', 'reperibilita', '#ffffff', '#c1121f'],
          'circle-stroke-color': ['match', ['get', 'kind'], 'reperibilita', '#c1121f', '#ffffff'],
          'circle-stroke-width': 2.5,
        },
      },
      // Comuni moved to another Ambito by the scenario (what-if).
      { id: 'comuni-moved', type: 'line', source: 'comuni-marked', filter: ['==', ['get', 'kind'], 'moved'], paint: { 'line-color': '#e65100', 'line-width': 2.5, 'line-dasharray': [1, 1] } },
      // LEPS 3.7.1: comuni > 50,000 residents or capoluogo. Two answers, never merged: the ring is
      // the legal test (met / not met / non determinabile), the centre the planning target. The
      // points are set once; each coverage result only changes their feature-state (legal,
      // target, show), so a refresh re-tiles nothing (issue 13).
      {
        id: 'rule50k', type: 'circle', source: 'rule50k',
        paint: {
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 7, 9, 12, 16],
          'circle-color': ['match', ['to-string', ['feature-state', 'target']], 'met', 'rgba(44,123,182,0.6)', 'not-met', 'rgba(215,25,28,0.6)', 'rgba(255,255,255,0.35)'],
          'circle-stroke-width': 4, 'circle-stroke-color': ['match', ['to-string', ['feature-state', 'legal']], 'pass', RULE_PASS, 'fail', RULE_FAIL, RULE_UNKNOWN],
          'circle-opacity': ['case', ['boolean', ['feature-state', 'show'], false], 1, 0],
          'circle-stroke-opacity': ['case', ['boolean', ['feature-state', 'show'], false], 1, 0],
        },
      },
      // Bases proposed by the optimiser (not yet adopted): hollow black rings.
      {
        id: 'proposal', type: 'circle', source: 'proposal',
        paint: { 'circle-radius': ['interpolate', ['linear'], ['zoom'], 7, 7, 12, 12], 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#000000', 'circle-stroke-width': 3 },
      },
      { id: 'comune-selected', type: 'line', source: 'comuni-marked', filter: ['==', ['get', 'kind'], 'selected'], paint: { 'line-color': '#c1121f', 'line-width': 3 } },
      // ---- place names (collision on, bigger places first through symbol-sort-key)
      // Comuni: from zoom 9 the larger ones, all of them further in.
      {
        id: 'comuni-label', type: 'symbol', source: 'comune-points', minzoom: 9,
        filter: ['any', ['>=', ['zoom'], 10.5], ['>=', ['get', 'residents'], 8000]],
        layout: {
          'text-field': ['get', 'name'], 'text-font': FONT_REGULAR, 'symbol-sort-key': ['-', 0, ['get', 'residents']],
          'text-size': labelSize('comuni-label') as never, 'text-max-width': 8, 'text-padding': 3,
        },
        paint: { 'text-color': '#333333', ...HALO },
      },
      // Ambiti: from zoom ~7, the most populous first when they collide.
      {
        id: 'ambiti-label', type: 'symbol', source: 'ambito-points', minzoom: 6.8, filter: ['!=', ['get', 'code'], ''],
        layout: {
          'text-field': ['get', 'name'], 'text-font': FONT_BOLD, 'symbol-sort-key': ['-', 0, ['get', 'residents']],
          'text-size': labelSize('ambiti-label') as never, 'text-max-width': 7, 'text-padding': 2,
          'text-letter-spacing': 0.02,
        },
        paint: { 'text-color': '#14213d', ...HALO, 'text-halo-width': 1.8 },
      },
      // Capoluoghi di provincia: a marked dot and their name at regional zoom (top priority).
      {
        id: 'capoluoghi-dot', type: 'circle', source: 'comune-points', filter: ['==', ['get', 'capoluogo'], true], maxzoom: 10,
        paint: { 'circle-radius': 3.2, 'circle-color': '#14213d', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5 },
      },
      {
        id: 'capoluoghi-label', type: 'symbol', source: 'comune-points', filter: ['==', ['get', 'capoluogo'], true], maxzoom: 10,
        layout: {
          'text-field': ['get', 'name'], 'text-font': FONT_BOLD, 'symbol-sort-key': ['-', 0, ['get', 'residents']],
          'text-size': labelSize('capoluoghi-label') as never, 'text-variable-anchor': ['left', 'right', 'top', 'bottom'],
          'text-radial-offset': 0.55, 'text-justify': 'auto', 'text-padding': 2,
        },
        paint: { 'text-color': '#000000', ...HALO, 'text-halo-width': 2 },
      },
      // Names of the associated (sovra-Ambito) PIS of the scenario.
      {
        id: 'associations-label', type: 'symbol', source: 'association-points',
        layout: { 'text-field': ['get', 'name'], 'text-font': FONT_BOLD, 'text-size': labelSize('associations-label') as never, 'text-max-width': 10, 'text-offset': [0, -1.6], 'text-padding': 2 },
        paint: { 'text-color': '#6a1b9a', ...HALO, 'text-halo-width': 2 },
      },
      // The selected Ambito's name, always shown (no collision), whatever the zoom.
      {
        id: 'ambito-label-selected', type: 'symbol', source: 'ambito-points', filter: ['==', ['get', 'code'], ''],
        layout: { 'text-field': ['get', 'name'], 'text-font': FONT_BOLD, 'text-size': labelSize('ambito-label-selected') as never, 'text-max-width': 8, 'text-allow-overlap': true, 'text-ignore-placement': true },
        paint: { 'text-color': '#0b3d91', ...HALO, 'text-halo-width': 2.4 },
      },
    ],
  };
  for (const l of style.layers) {
    const data = 'source' in l && (ON_DEMAND_SOURCES as readonly string[]).includes(l.source as string) ? (style.sources[l.source as string] as { data: FeatureCollection }).data : undefined;
    if (data && data.features.length === 0) l.layout = { ...l.layout, visibility: 'none' } as never;
  }
  return style;
}
