// Base points must fall inside their comune (shipped boundaries, 1 km tolerance).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Topology } from 'topojson-specification';
import { loadTerritoryData } from './helpers/realData.ts';
import { createTerritory } from '../../src/core/territory/index.ts';
import { buildPlaceIndex, PLACE_TOLERANCE_KM, withPlaces } from '../../src/core/territory/places.ts';
import { exportBasesGeoJson, exportScenarioJson, illustrativeScenario, importBasesGeoJson, importScenarioJson } from '../../src/core/scenario/index.ts';

const data = loadTerritoryData();
const topo = JSON.parse(readFileSync(new URL('../../geodata/generated/territory.topo.json', import.meta.url), 'utf8')) as Topology;
const places = buildPlaceIndex(topo);
const territory = createTerritory(data);

describe('point in comune', () => {
  it('every comune representative point is inside its own comune (7 sit on the drawn border, < 1 m)', () => {
    const far = data.comuni.filter((c) => (places.distanceKm(c.istat, c.point) ?? Infinity) > 0.001);
    expect(far.map((c) => c.istat)).toEqual([]);
  });
  it('Rho: its own point passes; Rome, [0, 0], Piacenza, Novara, Lugano and Milano do not', () => {
    const rho = territory.comune('015182')!;
    expect(places.distanceKm('015182', rho.point)).toBe(0);
    for (const p of [[12.4964, 41.9028], [0, 0], [9.6929, 45.0526], [8.6218, 45.4469], [8.9511, 46.0037], [9.19, 45.4642]] as [number, number][]) {
      expect(places.distanceKm('015182', p)!, `${p}`).toBeGreaterThan(PLACE_TOLERANCE_KM);
    }
    expect(places.distanceKm('999999', rho.point)).toBeUndefined();
  });
});

describe('every path checks the place of a base', () => {
  const t = withPlaces(territory, places);
  const ill = () => illustrativeScenario(t);
  const bases = () => ill().services.flatMap((s, si) => s.bases.map((b, bi) => ({ si, bi, b }))).filter((x) => x.b.istat !== undefined);
  it('JSON: a point in Piacenza, in [0, 0] or in another Lombard comune is refused at its path', () => {
    const { si, bi } = bases()[0];
    for (const p of [[9.6929, 45.0526], [0, 0], [9.8719, 46.1699]]) {
      const o = JSON.parse(exportScenarioJson(ill()));
      o.services[si].bases[bi].point = p;
      const r = importScenarioJson(JSON.stringify(o), t);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors[0]).toMatch(new RegExp(`^services\\[${si}\\]\\.bases\\[${bi}\\]\\.point: `));
    }
    const o = JSON.parse(exportScenarioJson(ill()));
    o.services[si].bases[bi].point = territory.comune(o.services[si].bases[bi].istat)!.point;
    expect(importScenarioJson(JSON.stringify(o), t).ok).toBe(true);
  });
  it('GeoJSON: a point in Sondrio for a base in another comune names the feature coordinates; an empty collection is refused', () => {
    const fc = JSON.parse(exportBasesGeoJson(ill(), t));
    fc.features[1].geometry.coordinates = [9.8719, 46.1699];
    fc.features[1].properties.istat = fc.features[1].properties.istat === '014061' ? '015146' : fc.features[1].properties.istat;
    const r = importBasesGeoJson(JSON.stringify(fc), ill(), t);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatch(/^features\[1\]\.geometry\.coordinates: .*deve cadere nel comune/);
    const empty = importBasesGeoJson(JSON.stringify({ type: 'FeatureCollection', features: [] }), ill(), t);
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.errors[0]).toMatch(/^features: nessuna base/);
  });
});
