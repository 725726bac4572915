// Is a point inside its comune? Point-in-polygon on the shipped comune boundaries (the same
// TopoJSON the map draws), with a tolerance for their simplification. Why: a bounding box lets
// through a base "in Rho" placed in Piacenza, Novara or Lugano; a comune's own polygon does not.
// Polygons are decoded lazily, one comune at a time, and cached.
import { feature } from 'topojson-client';
import type { GeometryObject, Topology } from 'topojson-specification';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { booleanPointInPolygon, pointToPolygonDistance } from '@turf/turf';
import type { Territory } from './index.ts';

/**
 * Boundaries are simplified for the map (a vertex every few hundred metres): a real base a few
 * metres inside the true border may fall just outside the drawn one. 1 km covers that and still
 * refuses a point in another comune's centre (Lombard comuni: median area 10.6 km², i.e. ≈ 3 km
 * across; only the smallest, 0.85 km², is narrower than the tolerance).
 */
export const PLACE_TOLERANCE_KM = 1;

export interface PlaceIndex {
  /** Distance beyond which a point is not in the comune (PLACE_TOLERANCE_KM). */
  toleranceKm: number;
  /** 0 inside the comune's polygon, else the distance in km to it; undefined for an unknown comune. */
  distanceKm(istat: string, point: readonly [number, number]): number | undefined;
}

export function buildPlaceIndex(topo: Topology): PlaceIndex {
  const object = topo.objects.comuni as { type: 'GeometryCollection'; geometries: GeometryObject[] } | undefined;
  const byId = new Map<string, GeometryObject>();
  for (const g of object?.geometries ?? []) if (g.id !== undefined) byId.set(String(g.id), g);
  const cache = new Map<string, Feature<Polygon | MultiPolygon>>();
  return {
    toleranceKm: PLACE_TOLERANCE_KM,
    distanceKm(istat, point) {
      const g = byId.get(istat);
      if (!g) return undefined;
      let f = cache.get(istat);
      if (!f) {
        f = feature(topo, g) as unknown as Feature<Polygon | MultiPolygon>;
        cache.set(istat, f);
      }
      const p: [number, number] = [point[0], point[1]];
      if (booleanPointInPolygon(p, f)) return 0;
      return Math.abs(pointToPolygonDistance(p, f, { units: 'kilometers' }));
    },
  };
}

/** The territory with its boundaries attached: the invariants then check base points. */
export function withPlaces(territory: Territory, places: PlaceIndex): Territory {
  return { ...territory, places };
}
