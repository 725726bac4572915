// Turns the shipped topology into the map's GeoJSON sources and the Ambiti label points. Runs once
// at start-up in the main thread (about 100 ms on the real data: see `npm run bench`).
import { feature, merge } from 'topojson-client';
import { booleanPointInPolygon, centroid, pointOnFeature } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Level } from '../core/territory/types.ts';
import type { Territory } from '../core/territory/index.ts';
import type { AmbitoLabel } from './mapView.ts';
import type { MapLayersData } from './style.ts';

type Area = Feature<Polygon | MultiPolygon>;

function fc(topo: Topology, name: string): FeatureCollection<Polygon | MultiPolygon> {
  return feature(topo, topo.objects[name] as never) as unknown as FeatureCollection<Polygon | MultiPolygon>;
}

/** A point for the label: the centroid of the largest part when it falls inside, else a point on it. */
export function labelPoint(f: Area): [number, number] {
  const parts = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  const ringSize = (p: number[][][]) => p[0].length;
  const largest: Feature<Polygon> = { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [...parts].sort((a, b) => ringSize(b) - ringSize(a))[0] } };
  const c = centroid(largest);
  const p = booleanPointInPolygon(c, largest) ? c : pointOnFeature(largest);
  return p.geometry.coordinates as [number, number];
}

/**
 * Ambiti (and the units above them) dissolved again from the comuni, for a composition that
 * differs from the shipped one (an imported official table, or a scenario's what-if moves).
 * topojson merge keeps shared borders shared, as in the geodata pipeline.
 */
export function dissolveFromComuni(topo: Topology, territory: Territory, level: Level | 'ambito'): FeatureCollection<MultiPolygon> {
  const comuni = (topo.objects.comuni as GeometryCollection).geometries;
  const byIstat = new Map(comuni.map((g) => [String(g.id), g]));
  const features = territory.units(level).map((code) => {
    const members = territory.ambitiOf(level, code).flatMap((a) => territory.comuniOfAmbito(a).map((i) => byIstat.get(territory.data.comuni[i].istat)!));
    return { type: 'Feature' as const, id: code, properties: { code }, geometry: merge(topo, members as never) };
  });
  return { type: 'FeatureCollection', features };
}

export function buildLayers(topo: Topology, territory: Territory, opts: { redissolve?: boolean } = {}): { layers: MapLayersData; labels: AmbitoLabel[] } {
  const ambiti = opts.redissolve ? dissolveFromComuni(topo, territory, 'ambito') as FeatureCollection<Polygon | MultiPolygon> : fc(topo, 'ambiti');
  for (const f of ambiti.features) {
    const code = String(f.id);
    const members = territory.comuniOfAmbito(code);
    f.properties = {
      code,
      name: territory.ambito(code)?.name ?? code,
      estimated: members.filter((i) => territory.data.comuni[i].status === 'estimated').length,
    };
  }
  const comuni = fc(topo, 'comuni');
  for (const f of comuni.features) {
    const c = territory.comune(String(f.id))!;
    f.properties = { istat: c.istat, name: c.name, ambito: c.ambito, status: c.status };
  }
  const withCode = (name: string) => {
    const level = ({ ats: 'ats', asst: 'asst', distretti: 'distretto' } as const)[name as 'ats'];
    const out = opts.redissolve ? dissolveFromComuni(topo, territory, level) as FeatureCollection<Polygon | MultiPolygon> : fc(topo, name);
    for (const f of out.features) f.properties = { code: String(f.id) };
    return out;
  };
  const labels = ambiti.features.map((f) => ({ code: f.properties!.code as string, name: f.properties!.name as string, point: labelPoint(f) }));
  const residentsOf = (code: string) => territory.comuniOfAmbito(code).reduce((s, i) => s + territory.data.comuni[i].residents, 0);
  const ambitoPoints: FeatureCollection = {
    type: 'FeatureCollection',
    features: labels.map((l) => ({ type: 'Feature', properties: { code: l.code, name: l.name, residents: residentsOf(l.code) }, geometry: { type: 'Point', coordinates: l.point } })),
  };
  const comunePoints: FeatureCollection = {
    type: 'FeatureCollection',
    features: territory.data.comuni.map((c) => ({ type: 'Feature', properties: { istat: c.istat, name: c.name, residents: c.residents, capoluogo: c.capoluogo }, geometry: { type: 'Point', coordinates: c.point } })),
  };
  return { layers: { ambiti, comuni, ats: withCode('ats'), asst: withCode('asst'), distretti: withCode('distretti'), ambitoPoints, comunePoints }, labels };
}

/** [west, south, east, north] of a set of features. */
export function bboxOf(features: Area[]): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (c: unknown): void => {
    if (typeof (c as number[])[0] === 'number') {
      const [x, y] = c as number[];
      if (x < b[0]) b[0] = x;
      if (y < b[1]) b[1] = y;
      if (x > b[2]) b[2] = x;
      if (y > b[3]) b[3] = y;
    } else for (const x of c as unknown[]) visit(x);
  };
  for (const f of features) visit(f.geometry.coordinates);
  return b;
}

/**
 * Which comune a point falls in, on the map's own boundaries (for clicks). The map used to ask
 * MapLibre through an invisible fill layer of every comune, which it had to triangulate in every
 * tile before the first frame (issue 13). Bounding boxes are computed on the first call.
 */
export function comuneFinder(comuni: FeatureCollection): (point: [number, number]) => string | undefined {
  let boxes: { istat: string; box: [number, number, number, number]; f: Area }[] | undefined;
  return (point) => {
    boxes ??= comuni.features.map((f) => ({ istat: String(f.properties?.istat), box: bboxOf([f as Area]), f: f as Area }));
    const [x, y] = point;
    return boxes.find(({ box, f }) => x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3] && booleanPointInPolygon(point, f))?.istat;
  };
}
