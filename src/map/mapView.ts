// The imperative MapLibre module. It owns the map and nothing else: the UI tells it what to show
// (level colours, selection, basemap, labels) and it reports clicks and hovers back. Per-selection
// styling goes through feature-state; sources are set once.
import * as maplibregl from 'maplibre-gl';
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { hatch } from './patterns.ts';
import { COMUNI_LINE_MINZOOM, LABEL_LAYERS, LEVEL_LINE, LEVEL_SOURCE, OSM_SOURCE, associationPoints, baseStyle, labelSize, type MapLayersData } from './style.ts';
import type { Feature, FeatureCollection } from 'geojson';
import { comuneFinder } from './layersData.ts';
import type { Level } from '../core/territory/types.ts';
import type { FirstLook } from './style.ts';

// MapLibre 6 loads its worker relative to its own module URL, which bundling breaks (TOOLCHAIN §2).
maplibregl.setWorkerUrl(maplibreWorkerUrl);
// Start MapLibre's worker now, while the app fetches and prepares the territory, not when the map
// is created (its 0.5 MB script is then already evaluated).
maplibregl.prewarm();

export interface MapCallbacks {
  /** A click: the Ambito and the comune under the pointer, with the clicked point. */
  onClick(ambito: string | undefined, comune: { istat: string; point: [number, number] } | undefined): void;
  onHover(info: { code: string; x: number; y: number } | undefined): void;
  onState(state: string): void;
  /** The optional OSM background failed to load a tile (no or bad network): not fatal. */
  onBasemapError?(): void;
}

export interface AmbitoLabel {
  code: string;
  name: string;
  point: [number, number];
}

export interface MapView {
  map: maplibregl.Map;
  setColours(fillByAmbito: ReadonlyMap<string, string>, multiUnit: readonly string[], level: Level): void;
  setSelection(ambito: string | undefined, comune: string | undefined): void;
  setPending(ambiti: string[]): void;
  setProposal(points: FeatureCollection): void;
  setRule50k(points: FeatureCollection): void;
  /** Replaces the Ambiti geometry (what-if moves) and marks the moved comuni. */
  setAmbitiData(ambiti: FeatureCollection, moved: string[]): void;
  /** Colours comuni by response time; undefined hides the overlay. */
  setResponse(colourByIstat: Map<string, string> | undefined): void;
  setScenarioLayers(associations: FeatureCollection, bases: FeatureCollection, labels: AmbitoLabel[]): void;
  setCursor(mode: 'browse' | 'pick'): void;
  frame(bbox: [number, number, number, number]): void;
  setBasemap(on: boolean): void;
  setLabels(on: boolean): void;
  /** Text size factor of the place names (1 on screen, larger on a projector). */
  setLabelScale(k: number): void;
  dispose(): void;
}

const round5 = (x: number) => Math.round(x * 1e5) / 1e5;
const LOMBARDIA: [number, number, number, number] = [8.49, 44.67, 11.43, 46.64];

/**
 * The first frame is drawn only once every tile in view is loaded. Without this MapLibre draws a
 * frame each time one tile of one source arrives from its worker (20-40 frames before idle), and
 * with software WebGL each frame costs 50-150 ms of CPU: the half-drawn frames are most of the
 * time to the first idle map (issue 13, reviews/perf.md). Only the first frames are held (never
 * after, so panning still draws while tiles load), and at most HOLD_MS. The frame also waits while
 * MapLibre's label placement is stale, as it is whenever the last label tile arrived in that same
 * frame: the map would otherwise draw a second full frame before it is idle (0.2-0.8 s here).
 * MapLibre has no option for this: it wraps the painter's render (maplibre-gl is pinned); if that
 * hook is gone the map simply draws as before, and the container says so (data-first-frame-held,
 * which the benchmark reports as map_first_frame_held).
 */
const HOLD_MS = 4000;
export function holdFirstFrame(map: maplibregl.Map): boolean {
  const painter = (map as unknown as { painter?: { render?: (...args: unknown[]) => unknown } }).painter;
  if (!painter || typeof painter.render !== 'function') return false;
  const render = painter.render.bind(painter);
  const until = performance.now() + HOLD_MS;
  painter.render = (...args: unknown[]) => {
    const placementStale = (map as unknown as { _placementDirty?: boolean })._placementDirty === true;
    if (performance.now() < until && !(map.isStyleLoaded() && map.areTilesLoaded() && !placementStale)) return undefined;
    painter.render = render;
    return render(...args);
  };
  return true;
}

/**
 * Resolves once the style and sources are loaded (feature-state needs them); throws without WebGL2.
 * `first` is what the first frame shows (colours, multi-unit stripes, level borders): it goes into
 * the style itself, so the map is drawn coloured once instead of grey and then again (issue 13).
 */
export async function createMapView(container: HTMLElement, layers: MapLayersData, labels: AmbitoLabel[], cb: MapCallbacks, first?: FirstLook): Promise<MapView> {
  cb.onState('loading');
  const style = baseStyle(layers, first);
  const map = new maplibregl.Map({
    container,
    style,
    // No symbol fade-in: each faded label costs frames of software GL before the map is idle.
    fadeDuration: 0,
    bounds: LOMBARDIA,
    fitBoundsOptions: { padding: 16 },
    // Compact (an ⓘ button) only on a narrow map; the exports always carry the full sources.
    attributionControl: { customAttribution: 'Confini © ISTAT via openpolis (CC-BY 4.0) · Residenti ANPR 10/01/2024 (CC-BY 4.0) · Ambiti DGR XII/2167 All. C' },
    // The PNG export reads the canvas back (and the e2e tests check its pixels). WebGL fixes
    // context attributes when the context is created and MapLibre exposes no way to change them
    // on a live map, so this cannot be switched on only while exporting: that would mean
    // re-creating the map (and its GPU resources) for every export. The alternative that would
    // drop it — copying the canvas inside a 'render' event, before the browser clears it — is not
    // done yet. The cost is one buffer copy per frame.
    canvasContextAttributes: { preserveDrawingBuffer: true },
    maxBounds: [6.5, 43.8, 13.5, 47.5],
    dragRotate: false,
    pitchWithRotate: false,
  });
  performance.mark('pis:map-new');
  container.dataset.firstFrameHeld = holdFirstFrame(map) ? '1' : '0';
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
  map.touchZoomRotate.disableRotation();

  // Patterns are generated, not loaded from a sprite: add them when the style first asks.
  const patterns: Record<string, () => ImageData> = {
    hatch: () => hatch(10, [40, 40, 40, 200], 1.1),
    stripes: () => hatch(12, [11, 61, 145, 170], 2, true),
  };
  map.setMissingStyleImageResolver((id) => {
    if (patterns[id] && !map.hasImage(id)) map.addImage(id, patterns[id]());
  });
  // The first colours also as feature-state (what setColours keeps and the tests read), set as
  // soon as the style exists: before the first frame is drawn, so it costs no extra frame.
  if (first) map.once('style.load', () => { for (const [code, fill] of first.fills) map.setFeatureState({ source: 'ambiti', id: code }, { fill }); });
  map.on('idle', () => cb.onState('idle'));
  map.on('error', (e) => {
    // Missing OSM tiles (no internet) are not fatal: the Ambiti still draw on the plain background.
    const sourceId = (e as unknown as { sourceId?: string }).sourceId;
    if (sourceId === 'osm') {
      cb.onBasemapError?.();
      return;
    }
    cb.onState(`error ${e.error?.message ?? 'sconosciuto'}`);
  });
  await new Promise<void>((resolve) => map.once('load', () => resolve()));
  performance.mark('pis:map-load');
  // A compact attribution (narrow map) starts folded to its ⓘ button: it must not cover the map.
  container.querySelector('.maplibregl-ctrl-attrib.maplibregl-compact-show')?.classList.remove('maplibregl-compact-show');

  let hovered: string | undefined;
  let selected: { ambito?: string; comune?: string } = {};
  let basemapOn = false;
  let labelsOn = true;
  // What the map shows now, so that a call repeating it changes nothing: a filter or layout change
  // makes MapLibre re-lay out the whole source in its worker, and a setData re-tiles it.
  const fills = new Map<string, string>(first?.fills ?? []);
  let multi = JSON.stringify([...(first?.multiUnit ?? [])].sort());
  let lineLevel: Level = first?.level ?? 'ats';
  let labelsState = JSON.stringify([true, '']);
  let labelScale = 1;
  let responseOn = false;
  // Distretti and ASST borders are tiled only when first shown (style.ts starts them empty).
  const loadedLevels = new Set<Level>(first ? [lineLevel] : ['ats', 'asst', 'distretto']);
  const ensureLevel = (l: Level) => {
    if (loadedLevels.has(l) || !(l in LEVEL_SOURCE)) return;
    loadedLevels.add(l);
    const id = LEVEL_SOURCE[l as keyof typeof LEVEL_SOURCE];
    (map.getSource(id) as maplibregl.GeoJSONSource).setData(layers[id]);
  };
  // The comuni (style.ts: empty with a first look) once their borders are about to show, or the
  // response overlay: half a zoom level early, so their tiles are ready when the borders appear.
  let comuniLoaded = !first;
  const ensureComuni = () => {
    if (comuniLoaded) return;
    comuniLoaded = true;
    (map.getSource('comuni') as maplibregl.GeoJSONSource).setData(layers.comuni);
  };
  const comuniByZoom = () => {
    if (map.getZoom() < COMUNI_LINE_MINZOOM - 0.5) return;
    ensureComuni();
    map.off('zoom', comuniByZoom);
  };
  map.on('zoom', comuniByZoom);
  comuniByZoom();
  const emptySources = new Set(['proposal', 'rule50k', 'comuni-marked']);
  const sc = first?.scenario;
  if (!sc?.associations.features.length) emptySources.add('associations');
  if (!sc?.bases.features.length) emptySources.add('bases');
  if (!sc?.names.length) emptySources.add('association-points');
  /** A layer of an on-demand source (style.ts ON_DEMAND_SOURCES) is drawn while it has data. */
  const layerVisible = (id: string): 'visible' | 'none' => {
    const source = (map.getLayer(id) as { source?: string } | undefined)?.source ?? '';
    const shown = !emptySources.has(source) && (labelsOn || !(LABEL_LAYERS as readonly string[]).includes(id));
    return shown ? 'visible' : 'none';
  };
  /** setData, skipped when an empty source stays empty; its layers shown while it has data. */
  const setSource = (id: string, data: FeatureCollection) => {
    const wasEmpty = emptySources.has(id);
    if (data.features.length === 0 && wasEmpty) return;
    if (data.features.length === 0) emptySources.add(id);
    else emptySources.delete(id);
    (map.getSource(id) as maplibregl.GeoJSONSource).setData(data);
    if (wasEmpty !== (data.features.length === 0)) {
      for (const l of style.layers) if ('source' in l && l.source === id) map.setLayoutProperty(l.id, 'visibility', layerVisible(l.id));
    }
  };
  let ambitiData: FeatureCollection = layers.ambiti;
  let ruleIds: string[] = [];
  let ruleShown = new Set<string>();
  // Highlight layers (style.ts HIGHLIGHT_LAYERS) drawn only while they highlight something.
  const layerOn = new Map<string, boolean>();
  const highlight = (ids: readonly string[], on: boolean) => {
    for (const id of ids) {
      if ((layerOn.get(id) ?? false) === on) continue;
      layerOn.set(id, on);
      map.setPaintProperty(id, 'line-layer-opacity', on ? 1 : 0);
    }
  };
  // The selected comune and the moved ones, outlined from their own small source (style.ts).
  const comuneShape = new Map(layers.comuni.features.map((f) => [String(f.properties?.istat), f.geometry]));
  let markedKey = '';
  const markComuni = () => {
    const marks: [string, string][] = [...moved.map((c): [string, string] => [c, 'moved']), ...(selected.comune ? [[selected.comune, 'selected'] as [string, string]] : [])];
    const key = JSON.stringify(marks);
    if (key === markedKey) return;
    markedKey = key;
    const features: Feature[] = marks.flatMap(([istat, kind]) => {
      const geometry = comuneShape.get(istat);
      return geometry ? [{ type: 'Feature' as const, properties: { key: `${kind}:${istat}`, istat, kind }, geometry }] : [];
    });
    setSource('comuni-marked', { type: 'FeatureCollection', features });
  };
  // Labels are symbol layers (style.ts): the toggle switches them, the selected Ambito's name stays.
  const updateLabels = () => {
    const now = JSON.stringify([labelsOn, selected.ambito ?? '']);
    if (now === labelsState) return;
    labelsState = now;
    for (const id of LABEL_LAYERS) if (id !== 'ambito-label-selected') map.setLayoutProperty(id, 'visibility', layerVisible(id));
    map.setFilter('ambito-label-selected', ['==', ['get', 'code'], selected.ambito ?? '']);
    // The unselected label of the selected Ambito would otherwise be drawn twice.
    map.setFilter('ambiti-label', ['!=', ['get', 'code'], selected.ambito ?? '']);
  };
  void labels;

  const setHover = (code: string | undefined) => {
    if (hovered === code) return;
    if (hovered) map.setFeatureState({ source: 'ambiti', id: hovered }, { hover: false });
    hovered = code;
    if (code) map.setFeatureState({ source: 'ambiti', id: code }, { hover: true });
    highlight(['ambiti-hover'], !!code);
  };
  map.on('mousemove', 'ambiti-fill', (e) => {
    const code = e.features?.[0]?.properties?.code as string | undefined;
    setHover(code);
    map.getCanvas().style.cursor = pickCursor ? 'crosshair' : code ? 'pointer' : '';
    cb.onHover(code ? { code, x: e.point.x, y: e.point.y } : undefined);
  });
  map.on('mouseleave', 'ambiti-fill', () => {
    setHover(undefined);
    map.getCanvas().style.cursor = '';
    cb.onHover(undefined);
  });
  const comuneAt = comuneFinder(layers.comuni);
  map.on('click', (e) => {
    const a = map.queryRenderedFeatures(e.point, { layers: ['ambiti-fill'] })[0];
    const istat = comuneAt([e.lngLat.lng, e.lngLat.lat]);
    cb.onClick(a?.properties?.code as string | undefined, istat ? { istat, point: [round5(e.lngLat.lng), round5(e.lngLat.lat)] } : undefined);
  });
  let pending: string[] = [];
  let moved: string[] = [];
  let pickCursor = false;


  return {
    map,
    setColours(fillByAmbito, multiUnit, newLevel) {
      for (const [code, fill] of fillByAmbito) {
        if (fills.get(code) === fill) continue;
        fills.set(code, fill);
        map.setFeatureState({ source: 'ambiti', id: code }, { fill });
      }
      const m = JSON.stringify([...multiUnit].sort());
      if (m !== multi) {
        multi = m;
        map.setFilter('ambiti-multi', ['in', ['get', 'code'], ['literal', [...multiUnit]]]);
      }
      if (newLevel !== lineLevel) {
        lineLevel = newLevel;
        ensureLevel(newLevel);
        for (const [l, id] of Object.entries(LEVEL_LINE)) map.setLayoutProperty(id, 'visibility', l === lineLevel ? 'visible' : 'none');
      }
    },
    setSelection(ambito, comune) {
      if (selected.ambito) map.setFeatureState({ source: 'ambiti', id: selected.ambito }, { selected: false });
      selected = { ambito, comune };
      if (ambito) map.setFeatureState({ source: 'ambiti', id: ambito }, { selected: true });
      highlight(['ambiti-selected'], !!ambito);
      markComuni();
      updateLabels();
    },
    setResponse(colours) {
      // Every setLayoutProperty costs a frame, even one that changes nothing: hiding the hidden
      // overlay right after the map loaded made the first idle wait for a second frame.
      if (!colours) {
        if (responseOn) map.setLayoutProperty('comuni-response', 'visibility', 'none');
        responseOn = false;
        return;
      }
      ensureComuni();
      for (const [istat, resp] of colours) map.setFeatureState({ source: 'comuni', id: istat }, { resp });
      if (!responseOn) map.setLayoutProperty('comuni-response', 'visibility', 'visible');
      responseOn = true;
    },
    setAmbitiData(ambiti, movedNow) {
      if (ambiti !== ambitiData) {
        ambitiData = ambiti;
        (map.getSource('ambiti') as maplibregl.GeoJSONSource).setData(ambiti);
      }
      moved = movedNow;
      markComuni();
    },
    setRule50k(points) {
      const ids = points.features.map((f) => String(f.properties?.istat));
      // New points only when the set of comuni changes (not on a coverage refresh).
      if (ids.length && ids.join() !== ruleIds.join()) {
        for (const id of ruleIds) map.removeFeatureState({ source: 'rule50k', id });
        setSource('rule50k', points);
        ruleIds = ids;
        ruleShown.clear();
      }
      const now = new Set<string>();
      for (const f of points.features) {
        const id = String(f.properties?.istat);
        now.add(id);
        map.setFeatureState({ source: 'rule50k', id }, { legal: f.properties?.legal, target: f.properties?.target, show: true });
      }
      for (const id of ruleShown) if (!now.has(id)) map.setFeatureState({ source: 'rule50k', id }, { show: false });
      ruleShown = now;
    },
    setProposal(points) {
      setSource('proposal', points);
    },
    setPending(ambiti) {
      for (const a of pending) map.setFeatureState({ source: 'ambiti', id: a }, { pending: false });
      pending = ambiti;
      for (const a of pending) map.setFeatureState({ source: 'ambiti', id: a }, { pending: true });
      highlight(['ambiti-pending-halo', 'ambiti-pending'], pending.length > 0);
    },
    setScenarioLayers(associations, bases, labels) {
      setSource('associations', associations);
      setSource('bases', bases);
      setSource('association-points', associationPoints(labels));
    },
    setCursor(mode) {
      pickCursor = mode === 'pick';
      map.getCanvas().style.cursor = pickCursor ? 'crosshair' : '';
    },
    frame(bbox) {
      map.fitBounds(bbox, { padding: 60, maxZoom: 11, duration: 600 });
    },
    setBasemap(on) {
      if (on === basemapOn) return;
      basemapOn = on;
      if (on) {
        map.addSource('osm', OSM_SOURCE);
        map.addLayer({ id: 'osm', type: 'raster', source: 'osm' }, 'ambiti-fill');
        map.setPaintProperty('ambiti-fill', 'fill-opacity', 0.55);
      } else {
        map.removeLayer('osm');
        map.removeSource('osm');
        map.setPaintProperty('ambiti-fill', 'fill-opacity', ['case', ['boolean', ['feature-state', 'hover'], false], 0.95, 0.8]);
      }
    },
    setLabelScale(k) {
      if (k === labelScale) return;
      labelScale = k;
      for (const id of LABEL_LAYERS) if (id !== 'capoluoghi-dot') map.setLayoutProperty(id, 'text-size', labelSize(id, k) as never);
      // Ambito names from a lower zoom when presenting (the region fills a small projector).
      map.setLayerZoomRange('ambiti-label', k > 1 ? 6.3 : 6.8, 24);
    },
    setLabels(on) {
      labelsOn = on;
      updateLabels();
    },
    dispose() {
      map.remove();
    },
  };
}
