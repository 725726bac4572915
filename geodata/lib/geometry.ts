// Geometry steps of the pipeline, all on the topology so that borders stay shared:
// fix the two known defects of the 2023 boundaries, simplify, dissolve, measure.
import { feature, mergeArcs, neighbors, quantize } from 'topojson-client';
import { presimplify, quantile, simplify } from 'topojson-simplify';
import { area, booleanPointInPolygon, centroid, featureCollection, pointOnFeature, polygon as turfPolygon } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { GeometryObject, MultiPolygon as TopoMultiPolygon, Polygon as TopoPolygon, Topology } from 'topojson-specification';

export type AreaGeometry = TopoPolygon | TopoMultiPolygon;
export interface ComuniTopology extends Topology {
  objects: { comuni: { type: 'GeometryCollection'; geometries: AreaGeometry[] } };
}

/** Shared by the pipeline and its tests: the three 2022 comuni merged into 012144 in 2023. */
export const BARDELLO_PIECES = ['012009', '012018', '012095'];
export const BARDELLO = '012144';
/** 018002 Albaredo Arnaboldi was merged into 018026 Campospinoso Albaredo in 2023. */
export const ALBAREDO_OLD = '018002';
export const ALBAREDO_NEW = '018026';

/** Simplification keeps about three points in four of the (already ~20% simplified) source. */
const SIMPLIFY_QUANTILE = 0.5;
/** Quantization of the output: ~3 m over Lombardy's extent. */
const QUANTIZATION = 1e5;

function istatOf(g: GeometryObject): string {
  return String((g.properties as { com_istat_code?: string } | undefined)?.com_istat_code ?? g.id);
}

function ringsOf(g: AreaGeometry): number[][][] {
  return g.type === 'Polygon' ? [g.arcs] : g.arcs;
}

/** Reversing a ring given as arc indices: reverse the order and flip each arc (~i). */
function reverseRing(ring: number[]): number[] {
  return ring.slice().reverse().map((i) => ~i);
}

/**
 * Returns the comuni topology of 2024: 018002 merged into 018026, and 012144 built from the hole
 * it leaves in the 2023 topology (so its polygon shares arcs with its neighbours exactly). The
 * 2022 pieces choose the hole and check it: their union must have the same area within 5%.
 */
export function fixComuni(topo: Topology, pieces2022: Feature<Polygon | MultiPolygon>[]): { topology: ComuniTopology; bardelloAreaKm2: number; piecesAreaKm2: number } {
  const source = topo.objects.comuni as { geometries: AreaGeometry[] };
  const geoms = source.geometries.map((g) => ({ ...g, id: istatOf(g), properties: undefined }) as AreaGeometry);
  const byId = new Map(geoms.map((g) => [String(g.id), g]));
  if (byId.has(BARDELLO)) throw new Error(`${BARDELLO} already has a polygon: the fix is no longer needed, review the pipeline`);
  const oldAlbaredo = byId.get(ALBAREDO_OLD);
  const newAlbaredo = byId.get(ALBAREDO_NEW);
  if (!oldAlbaredo || !newAlbaredo) throw new Error(`${ALBAREDO_OLD} or ${ALBAREDO_NEW} missing from the boundaries`);

  const merged = mergeArcs(topo, [oldAlbaredo, newAlbaredo] as never) as unknown as AreaGeometry;
  const albaredo: AreaGeometry = { ...merged, id: ALBAREDO_NEW };

  const piecesCentroid = centroid(featureCollection(pieces2022)).geometry.coordinates as [number, number];
  const piecesAreaKm2 = pieces2022.reduce((s, f) => s + area(f), 0) / 1e6;
  const all = mergeArcs(topo, geoms as never) as unknown as TopoMultiPolygon;
  let bardello: AreaGeometry | undefined;
  for (const poly of all.arcs) {
    for (const hole of poly.slice(1)) {
      const candidate: TopoPolygon = { type: 'Polygon', arcs: [reverseRing(hole)], id: BARDELLO };
      const f = feature(topo, candidate) as Feature<Polygon>;
      if (area(f) > 0 && booleanPointInPolygon(piecesCentroid, turfPolygon(f.geometry.coordinates))) bardello = candidate;
    }
  }
  if (!bardello) throw new Error(`${BARDELLO}: no hole of the 2023 topology contains the centroid of ${BARDELLO_PIECES.join(', ')}`);
  const bardelloAreaKm2 = area(feature(topo, bardello) as Feature<Polygon>) / 1e6;
  if (Math.abs(bardelloAreaKm2 - piecesAreaKm2) / piecesAreaKm2 > 0.05) {
    throw new Error(`${BARDELLO}: hole area ${bardelloAreaKm2.toFixed(3)} km² differs by more than 5% from the 2022 pieces (${piecesAreaKm2.toFixed(3)} km²)`);
  }

  const fixed = geoms
    .filter((g) => g.id !== ALBAREDO_OLD && g.id !== ALBAREDO_NEW)
    .concat([albaredo, bardello])
    .sort((a, b) => String(a.id).localeCompare(String(b.id)));
  const topology = { type: 'Topology', bbox: topo.bbox, transform: topo.transform, arcs: topo.arcs, objects: { comuni: { type: 'GeometryCollection', geometries: fixed } } } as ComuniTopology;
  return { topology, bardelloAreaKm2, piecesAreaKm2 };
}

/** Simplifies with topology kept, drops unused arcs, and quantizes for a compact file. */
export function simplifyComuni(topo: ComuniTopology): ComuniTopology {
  const pre = presimplify(topo as never);
  const simplified = simplify(pre, quantile(pre, SIMPLIFY_QUANTILE)) as unknown as ComuniTopology;
  return quantize(pruneArcs(simplified) as never, QUANTIZATION) as unknown as ComuniTopology;
}

/** Removes arcs no geometry uses (the old 012144 pieces never existed; 018002's inner border) and renumbers. */
function pruneArcs(topo: ComuniTopology): ComuniTopology {
  const used = new Set<number>();
  const geoms = topo.objects.comuni.geometries;
  for (const g of geoms) for (const ring of ringsOf(g).flat()) for (const i of ring) used.add(i < 0 ? ~i : i);
  const order = [...used].sort((a, b) => a - b);
  const remap = new Map(order.map((old, i) => [old, i]));
  const map = (i: number) => (i < 0 ? ~remap.get(~i)! : remap.get(i)!);
  const mapGeom = (g: AreaGeometry): AreaGeometry =>
    g.type === 'Polygon' ? { ...g, arcs: g.arcs.map((r) => r.map(map)) } : { ...g, arcs: g.arcs.map((p) => p.map((r) => r.map(map))) };
  return { ...topo, arcs: order.map((i) => topo.arcs[i]), objects: { comuni: { type: 'GeometryCollection', geometries: geoms.map(mapGeom) } } };
}

export function comuniFeatures(topo: ComuniTopology): FeatureCollection<Polygon | MultiPolygon> {
  return feature(topo as never, topo.objects.comuni as never) as unknown as FeatureCollection<Polygon | MultiPolygon>;
}

const round5 = (x: number) => Math.round(x * 1e5) / 1e5;

/** Area (km², 3 decimals) and a point inside the polygon (its largest part's centroid when inside). */
export function measure(f: Feature<Polygon | MultiPolygon>): { areaKm2: number; point: [number, number] } {
  const areaKm2 = Math.round(area(f) / 1e3) / 1e3;
  const parts = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  let largest = parts[0];
  let largestArea = -1;
  for (const p of parts) {
    const a = area(turfPolygon(p));
    if (a > largestArea) [largest, largestArea] = [p, a];
  }
  const part = turfPolygon(largest);
  let pt = centroid(part).geometry.coordinates;
  let rounded: [number, number] = [round5(pt[0]), round5(pt[1])];
  if (!booleanPointInPolygon(rounded, part)) {
    pt = pointOnFeature(part).geometry.coordinates;
    rounded = [round5(pt[0]), round5(pt[1])];
  }
  return { areaKm2, point: rounded };
}

export function comuniAdjacency(topo: ComuniTopology): number[][] {
  return neighbors(topo.objects.comuni.geometries as never).map((list) => [...list].sort((a, b) => a - b));
}

/** Dissolves groups of comuni (by index) into one geometry each, on the shared arcs. */
export function dissolve(topo: ComuniTopology, groups: { id: string; comuni: number[] }[]): AreaGeometry[] {
  const geoms = topo.objects.comuni.geometries;
  return groups.map(({ id, comuni }) => {
    const m = mergeArcs(topo as never, comuni.map((i) => geoms[i]) as never) as unknown as AreaGeometry;
    return { type: m.type, arcs: m.arcs, id } as AreaGeometry;
  });
}
