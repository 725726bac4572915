// Base points must fall inside their comune (shipped boundaries, 1 km tolerance).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Topology } from 'topojson-specification';
import { loadTerritoryData } from './helpers/realData.ts';
import { createTerritory } from '../../src/core/territory/index.ts';
import { buildPlaceIndex, PLACE_TOLERANCE_KM } from '../../src/core/territory/places.ts';

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
