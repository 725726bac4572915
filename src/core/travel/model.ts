// The travel-time model: an estimate over the comune adjacency graph (no road network offline),
// optionally overridden pair by pair by an imported origin–destination matrix. Times here are
// daytime minutes; time-band factors are applied by the callers.
import type { TerritoryData } from '../territory/types.ts';
import type { TravelAssumptions } from './assumptions.ts';
import { comuneSpeedsKmh } from './demand.ts';
import { buildGraph, createNearestSearch, dijkstra } from './dijkstra.ts';
import { at } from '../check/at.ts';
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
  /**
   * The `count` nearest comuni with accept[j] = 1 by graph minutes, and the minutes of the next
   * (every other accepted comune is at least that far). Only for the estimate without an OD
   * matrix: its graph is symmetric, so "nearest from i" is "nearest to i" (sparse siting).
   */
  nearestComuni?(from: number, count: number, accept: Uint8Array): { nodes: Int32Array; dist: Float64Array; beyond: number };
}

export function createTravelTimeModel(data: TerritoryData, a: TravelAssumptions, od?: OdMatrix): TravelTimeModel {
  const speeds = comuneSpeedsKmh(data, a);
  const pts = data.comuni.map((c) => c.point);
  // Half of each edge is driven at each end's speed.
  const edgeMin = (i: number, j: number): number => {
    const [pi, pj] = [at(pts, i), at(pts, j)];
    return haversineKm(pi[0], pi[1], pj[0], pj[1]) * a.detourFactor * (0.5 / at(speeds, i) + 0.5 / at(speeds, j)) * 60;
  };
  const graph = buildGraph(data.adjacency, edgeMin);
  const cache = new Map<number, Float32Array>();

  function timesFromComune(from: number, keep = true): Float32Array {
    const hit = cache.get(from);
    if (hit) return hit;
    const dist = dijkstra(graph, from);
    const out = new Float32Array(dist.length);
    dist.forEach((d, j) => {
      // Comuni not connected over shared borders (Campione d'Italia, an exclave): direct estimate.
      out[j] = Number.isFinite(d) ? d : edgeMin(from, j);
    });
    const row = od?.rows.get(from);
    if (row) for (const [j, minutes] of row) out[j] = minutes;
    // One-shot callers (siting over thousands of candidates) pass keep = false: the rows they need
    // go into their own matrix, and a second cached copy per origin would double the memory.
    if (keep) cache.set(from, out);
    return out;
  }

  const localMin = (comune: number, distanceKm: number): number => ((distanceKm * a.detourFactor) / at(speeds, comune)) * 60;
  const accessMin = (p: TravelPoint): number => {
    const home = at(pts, p.comune);
    return localMin(p.comune, haversineKm(p.point[0], p.point[1], home[0], home[1]));
  };

  const search = createNearestSearch(graph);
  // Connected parts of the graph (Lombardy: one, plus a comune without neighbours): a candidate in
  // another part is at the straight-line fallback (edgeMin), as timesFromComune gives it.
  const part = new Int32Array(pts.length).fill(-1);
  const partNodes: number[][] = [];
  for (let s0 = 0; s0 < pts.length; s0++) {
    if (part[s0] >= 0) continue;
    const id = partNodes.length;
    const nodes = [s0];
    part[s0] = id;
    for (let q = 0; q < nodes.length; q++) {
      const u = nodes[q];
      for (let e = graph.offsets[u]; e < graph.offsets[u + 1]; e++) {
        const v = graph.targets[e];
        if (part[v] < 0) {
          part[v] = id;
          nodes.push(v);
        }
      }
    }
    partNodes.push(nodes);
  }
  const nearest = od && od.pairs > 0 ? undefined : (from: number, count: number, accept: Uint8Array) => {
    const r = search(from, count, accept);
    // Only the other parts' candidates that would enter the list (or shorten `beyond`) matter.
    const others: [number, number][] = [];
    let beyond = r.beyond;
    const full = r.nodes.length === count;
    for (let id = 0; id < partNodes.length; id++) {
      if (id === part[from]) continue;
      for (const v of partNodes[id]) {
        if (!accept[v]) continue;
        const t = edgeMin(from, v);
        if (!full || t < (r.dist[count - 1] ?? Infinity)) others.push([v, t]);
        else if (t < beyond) beyond = t;
      }
    }
    if (!others.length) return beyond === r.beyond ? r : { nodes: r.nodes, dist: r.dist, beyond };
    // Merge the two ascending lists (the others are few: the comuni without a road link).
    others.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
    const total = r.nodes.length + others.length;
    const len = Math.min(count, total);
    const nodes = new Int32Array(len);
    const dist = new Float64Array(len);
    let x = 0;
    let y = 0;
    for (let q = 0; q < len; q++) {
      const takeOther = y < others.length && (x >= r.nodes.length || others[y][1] < r.dist[x] || (others[y][1] === r.dist[x] && others[y][0] < r.nodes[x]));
      if (takeOther) {
        nodes[q] = others[y][0];
        dist[q] = others[y++][1];
      } else {
        nodes[q] = r.nodes[x];
        dist[q] = r.dist[x++];
      }
    }
    // The first left out, if any, is the next of either list (the search's own `beyond` covers the rest).
    if (x < r.nodes.length) beyond = Math.min(beyond, r.dist[x]);
    if (y < others.length) beyond = Math.min(beyond, others[y][1]);
    return { nodes, dist, beyond };
  };
  return {
    source: od && od.pairs > 0 ? 'matrice-od' : 'stima',
    timesFromComune,
    localMin,
    nearestComuni: nearest,
    timeMin(from, to) {
      if (from.comune === to.comune && !od?.rows.get(from.comune)?.has(to.comune)) {
        return localMin(from.comune, haversineKm(from.point[0], from.point[1], to.point[0], to.point[1]));
      }
      return accessMin(from) + at(timesFromComune(from.comune), to.comune) + accessMin(to);
    },
  };
}
