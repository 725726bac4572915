// The travel-time model: an estimate over the comune adjacency graph (no road network offline),
// optionally overridden pair by pair by an imported origin–destination matrix. Times here are
// daytime minutes; time-band factors are applied by the callers.
import type { TerritoryData } from '../territory/types.ts';
import type { TravelAssumptions } from './assumptions.ts';
import { comuneSpeedsKmh } from './demand.ts';
import { buildGraph, dijkstra } from './dijkstra.ts';
import { haversineKm } from './geo.ts';
import type { OdMatrix } from './odMatrix.ts';

export interface TravelPoint {
  /** Comune index (TerritoryData.comuni order) the point lies in. */
  comune: number;
  point: readonly [number, number];
}

export interface TravelTimeModel {
  /** 'stima' = graph estimate only; 'matrice-od' = an imported matrix overrides the pairs it covers. */
  readonly source: 'stima' | 'matrice-od';
  /** Minutes from comune `from`'s representative point to every comune's; cached per origin unless keep = false. */
  timesFromComune(from: number, keep?: boolean): Float32Array;
  timeMin(from: TravelPoint, to: TravelPoint): number;
  /** Minutes to drive `distanceKm` inside comune `comune` (its density speed, detour applied). */
  localMin(comune: number, distanceKm: number): number;
}

export function createTravelTimeModel(data: TerritoryData, a: TravelAssumptions, od?: OdMatrix): TravelTimeModel {
  const speeds = comuneSpeedsKmh(data, a);
  const pts = data.comuni.map((c) => c.point);
  // Half of each edge is driven at each end's speed.
  const edgeMin = (i: number, j: number): number =>
    haversineKm(pts[i][0], pts[i][1], pts[j][0], pts[j][1]) * a.detourFactor * (0.5 / speeds[i] + 0.5 / speeds[j]) * 60;
  const graph = buildGraph(data.adjacency, edgeMin);
  const cache = new Map<number, Float32Array>();

  function timesFromComune(from: number, keep = true): Float32Array {
    const hit = cache.get(from);
    if (hit) return hit;
    const dist = dijkstra(graph, from);
    const out = new Float32Array(dist.length);
    for (let j = 0; j < dist.length; j++) {
      // Comuni not connected over shared borders (Campione d'Italia, an exclave): direct estimate.
      out[j] = Number.isFinite(dist[j]) ? dist[j] : edgeMin(from, j);
    }
    const row = od?.rows.get(from);
    if (row) for (const [j, minutes] of row) out[j] = minutes;
    // One-shot callers (siting over thousands of candidates) pass keep = false: the rows they need
    // go into their own matrix, and a second cached copy per origin would double the memory.
    if (keep) cache.set(from, out);
    return out;
  }

  const localMin = (comune: number, distanceKm: number): number => ((distanceKm * a.detourFactor) / speeds[comune]) * 60;
  const accessMin = (p: TravelPoint): number => localMin(p.comune, haversineKm(p.point[0], p.point[1], pts[p.comune][0], pts[p.comune][1]));

  return {
    source: od && od.pairs > 0 ? 'matrice-od' : 'stima',
    timesFromComune,
    localMin,
    timeMin(from, to) {
      if (from.comune === to.comune && !od?.rows.get(from.comune)?.has(to.comune)) {
        return localMin(from.comune, haversineKm(from.point[0], from.point[1], to.point[0], to.point[1]));
      }
      return accessMin(from) + timesFromComune(from.comune)[to.comune] + accessMin(to);
    },
  };
}
