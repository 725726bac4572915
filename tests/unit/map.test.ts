// The map module on the real data: dissolving the comuni with the shipped composition gives back
// the shipped Ambiti (same codes, same area, same outline), a what-if move changes exactly the two
// Ambiti involved, and the style the map is built with is valid MapLibre style-spec.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { area } from '@turf/turf';
import { feature } from 'topojson-client';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { Topology } from 'topojson-specification';
import { createTerritory } from '../../src/core/territory/index.ts';
import { bboxOf, buildLayers, comuneFinder, dissolveFromComuni, labelPoint } from '../../src/map/layersData.ts';
import { baseStyle, HIGHLIGHT_LAYERS, OSM_SOURCE } from '../../src/map/style.ts';
import { loadTerritoryData } from './helpers/realData.ts';

const topo = JSON.parse(readFileSync(new URL('../../geodata/generated/territory.topo.json', import.meta.url), 'utf8')) as Topology;
const territory = createTerritory(loadTerritoryData());
type Area = Feature<Polygon | MultiPolygon>;
const shippedAmbiti = (feature(topo, topo.objects.ambiti as never) as unknown as FeatureCollection<Polygon | MultiPolygon>).features;
const km2 = (f: Area) => area(f) / 1e6;

describe('map layers', () => {
  it('dissolving the comuni with the shipped composition reproduces topo.objects.ambiti', () => {
    const dissolved = dissolveFromComuni(topo, territory, 'ambito').features;
    expect(dissolved.map((f) => String(f.id)).sort()).toEqual(shippedAmbiti.map((f) => String(f.id)).sort());
    expect(dissolved).toHaveLength(91);
    const byCode = new Map(dissolved.map((f) => [String(f.id), f as Area]));
    for (const s of shippedAmbiti) {
      const d = byCode.get(String(s.id))!;
      // Same area to 0.1 % and the same bounding box to ~100 m: the same outline, not just similar.
      expect(Math.abs(km2(d) - km2(s)) / km2(s), String(s.id)).toBeLessThan(1e-3);
      const [a, b] = [bboxOf([d]), bboxOf([s])];
      for (let k = 0; k < 4; k++) expect(Math.abs(a[k]! - b[k]!), `${s.id} bbox[${k}]`).toBeLessThan(1e-3);
    }
  });

  it('a what-if move changes the two Ambiti involved, by the moved comune, and nothing else', () => {
    const moved = createTerritory(territory.data, new Map([['015105', '50029']])); // Garbagnate Milanese → Saronno
    const before = new Map(dissolveFromComuni(topo, territory, 'ambito').features.map((f) => [String(f.id), km2(f as Area)]));
    const after = new Map(dissolveFromComuni(topo, moved, 'ambito').features.map((f) => [String(f.id), km2(f as Area)]));
    const comune = territory.comune('015105')!;
    const changed = [...before].filter(([c, a]) => Math.abs(after.get(c)! - a) > 1e-6).map(([c]) => c).sort();
    expect(changed).toEqual(['50029', '50094']);
    expect(after.get('50029')! - before.get('50029')!).toBeCloseTo(comune.areaKm2, 0);
    expect(before.get('50094')! - after.get('50094')!).toBeCloseTo(comune.areaKm2, 0);
  });

  it('a click finds the comune under it on the drawn boundaries', () => {
    const { layers } = buildLayers(topo, territory);
    const at = comuneFinder(layers.comuni);
    // Each comune's own label point (inside it by construction of the territory) finds it back.
    const sample = territory.data.comuni.filter((_, i) => i % 50 === 0);
    const found = sample.filter((c) => at(c.point) === c.istat).length;
    expect(found / sample.length).toBeGreaterThan(0.95);
    expect(at(territory.comune('015182')!.point)).toBe('015182'); // Rho
    expect(at([7.5, 45.0])).toBeUndefined(); // Piemonte
  });

  it('every Ambito label falls inside its Ambito', () => {
    const { labels } = buildLayers(topo, territory);
    expect(labels).toHaveLength(91);
    const byCode = new Map(shippedAmbiti.map((f) => [String(f.id), f]));
    for (const l of labels) {
      const f = byCode.get(l.code)!;
      const [w, s, e, n] = bboxOf([f]);
      expect(l.point[0] >= w && l.point[0] <= e && l.point[1] >= s && l.point[1] <= n, l.code).toBe(true);
      expect(labelPoint(f)).toEqual(l.point);
    }
  });
});

describe('map style', () => {
  it('the style built from the real layers validates against the MapLibre style spec', () => {
    const { layers } = buildLayers(topo, territory);
    const style = baseStyle(layers);
    expect(validateStyleMin(style)).toEqual([]);
    // Offline by design: no glyphs, sprite or remote source in the base style.
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    expect(Object.values(style.sources).every((s) => s.type === 'geojson')).toBe(true);
  });

  it('the validator is not a rubber stamp: a broken style is refused', () => {
    const { layers } = buildLayers(topo, territory);
    const style = baseStyle(layers);
    const broken = { ...style, layers: [...style.layers, { id: 'x', type: 'fill', source: 'nowhere' }] } as typeof style;
    expect(validateStyleMin(broken).map((e) => e.message).join()).toMatch(/nowhere/);
    expect(validateStyleMin({ ...style, sources: { ...style.sources, osm: OSM_SOURCE } })).toEqual([]);
  });

  it('the first look is in the style: its colours, only its level tiled, highlights off', () => {
    const { layers } = buildLayers(topo, territory);
    const fills = new Map([['50095', '#123456'], ['50007', '#abcdef']]);
    const style = baseStyle(layers, { fills, multiUnit: ['50007'], level: 'distretto' });
    expect(validateStyleMin(style)).toEqual([]);
    const layer = (id: string) => style.layers.find((l) => l.id === id) as { paint?: Record<string, unknown>; layout?: Record<string, unknown>; filter?: unknown };
    // feature-state first (what setColours sets later), then the first colours by code.
    expect(layer('ambiti-fill').paint!['fill-color']).toEqual(['coalesce', ['feature-state', 'fill'], ['match', ['get', 'code'], '50095', '#123456', '50007', '#abcdef', '#cccccc']]);
    expect(layer('ambiti-multi').filter).toEqual(['in', ['get', 'code'], ['literal', ['50007']]]);
    expect(layer('distretti-line').layout!.visibility).toBe('visible');
    expect(layer('ats-line').layout!.visibility).toBe('none');
    // Only the visible level's borders are tiled at start; the others are filled on demand.
    const features = (id: string) => (style.sources[id] as { data: FeatureCollection }).data.features.length;
    expect(features('distretti')).toBe(layers.distretti.features.length);
    expect(features('distretti')).toBeGreaterThan(0);
    expect(features('ats')).toBe(0);
    expect(features('asst')).toBe(0);
    // The 1,500 comuni are not tiled at start (drawn only from zoom 8.5 or with the response
    // overlay); the hatched estimated ones come from their own small source.
    expect(features('comuni')).toBe(0);
    const estimated = layers.comuni.features.filter((f) => f.properties?.status === 'estimated');
    expect(estimated.length).toBeGreaterThan(0);
    expect(estimated.length).toBeLessThan(layers.comuni.features.length);
    expect((style.sources['comuni-estimated'] as { data: FeatureCollection }).data.features).toEqual(estimated);
    expect(layer('comuni-estimated').filter).toBeUndefined();
    for (const id of HIGHLIGHT_LAYERS) expect(layer(id).paint!['line-layer-opacity'], id).toBe(0);
    // Nothing but what is drawn is built from the 1,500 comuni: no hit layer, and the selected and
    // moved comuni are outlined from their own source, empty at start.
    expect(style.layers.filter((l) => 'source' in l && l.source === 'comuni').map((l) => l.id).sort()).toEqual(['comuni-line', 'comuni-response']);
    expect(features('comuni-marked')).toBe(0);
    // Layers of sources that start empty start hidden: no empty tiles before the first frame.
    for (const id of ['comuni-moved', 'comune-selected', 'proposal', 'rule50k', 'bases', 'associations-line', 'associations-label']) expect(layer(id).layout?.visibility, id).toBe('none');
    // The scenario's layers are in the style too (no setData right after the first frame).
    const bases = { type: 'FeatureCollection' as const, features: [{ type: 'Feature' as const, id: 'b1', properties: { id: 'b1', kind: 'uds' }, geometry: { type: 'Point' as const, coordinates: [9.1, 45.5] } }] };
    const withScenario = baseStyle(layers, { fills, multiUnit: [], level: 'ats', scenario: { associations: { type: 'FeatureCollection', features: [] }, bases, names: [{ code: 'x', name: 'PIS X', point: [9, 45] }] } });
    expect(validateStyleMin(withScenario)).toEqual([]);
    expect((withScenario.sources.bases as { data: FeatureCollection }).data).toBe(bases);
    const scenarioLayer = (id: string) => withScenario.layers.find((l) => l.id === id) as { layout?: Record<string, unknown> };
    expect(scenarioLayer('bases').layout?.visibility).toBeUndefined();
    expect(scenarioLayer('associations-label').layout?.visibility).toBeUndefined();
    expect(scenarioLayer('associations-line').layout?.visibility).toBe('none');
    expect((withScenario.sources['association-points'] as { data: FeatureCollection }).data.features.map((f) => f.properties?.name)).toEqual(['PIS X']);
    // Without a first look every level is tiled at once, as before.
    const plain = baseStyle(layers);
    expect((plain.sources.ats as { data: FeatureCollection }).data.features.length).toBe(layers.ats.features.length);
    expect((plain.sources.asst as { data: FeatureCollection }).data.features.length).toBe(layers.asst.features.length);
    expect((plain.sources.comuni as { data: FeatureCollection }).data.features.length).toBe(layers.comuni.features.length);
  });
});
