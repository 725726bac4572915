// Hand-checkable details of the travel model outside the OD reader: the heap of both shortest-path
// searches past its first allocation (against Floyd–Warshall and a brute force), the nearest-comuni
// search with comuni off the graph (ties included), the model's cache and fallbacks, the per-base
// rows of the context (base points, split comuni, OD diagonal), demand points to the resident, and
// the sphere's formulas off the axes.
import { beforeEach, describe, expect, it } from 'vitest';
import { lineTerritory } from '../../src/core/sim/synthetic.ts';
import type { TerritoryData } from '../../src/core/territory/types.ts';
import {
  buildDemandPoints, buildGraph, cachedTravelContext, comuneSpeedsKmh, createNearestSearch, createTravelContext, createTravelTimeModel, DEFAULT_TRAVEL_ASSUMPTIONS, destinationPoint,
  dijkstra, haversineKm, meanInternalDistanceKm, type OdMatrix, type TravelAssumptions, type WeightedGraph,
} from '../../src/core/travel/index.ts';

const A = DEFAULT_TRAVEL_ASSUMPTIONS;
// 60 km/h everywhere, no detour, no last mile: minutes = km.
const simple: TravelAssumptions = { ...A, detourFactor: 1, urbanSpeedKmh: 60, suburbanSpeedKmh: 60, ruralSpeedKmh: 60, intraComune: false, splitLargeComuni: false };

function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 4294967296;
  };
}

function floyd(n: number, w: (i: number, j: number) => number | undefined): number[][] {
  const d = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 0 : w(i, j) ?? Infinity)));
  for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (d[i]![k]! + d[k]![j]! < d[i]![j]!) d[i]![j] = d[i]![k]! + d[k]![j]!;
  return d;
}

/** A complete directed graph whose direct edges are long and whose detours are short: many decrease-keys (integer weights: sums are exact). */
function denseGraph(n: number, seed: number): { g: WeightedGraph; w: Map<string, number> } {
  const rnd = lcg(seed);
  const w = new Map<string, number>();
  const adjacency = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => j).filter((j) => j !== i));
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) w.set(`${i}>${j}`, i === 0 ? 1000 - 10 * j + Math.floor(rnd() * 5) : 1 + Math.floor(rnd() * 50));
  return { g: buildGraph(adjacency, (i, j) => w.get(`${i}>${j}`)!), w };
}

describe('shortest paths past the first heap allocation', () => {
  it('dijkstra on a complete graph of 20 nodes (hundreds of pushes into 20 slots) equals Floyd–Warshall', () => {
    const n = 20;
    const { g, w } = denseGraph(n, 3);
    const d = floyd(n, (i, j) => w.get(`${i}>${j}`));
    for (let s = 0; s < n; s++) expect(Array.from(dijkstra(g, s))).toEqual(d[s]);
  });

  it('buildGraph passes (from, to) to the weight, and a node without neighbours has an empty range', () => {
    const g = buildGraph([[1, 2], [], [0]], (i, j) => 10 * i + j);
    expect(Array.from(g.offsets)).toEqual([0, 2, 2, 3]);
    expect(Array.from(g.targets)).toEqual([1, 2, 0]);
    expect(Array.from(g.weights)).toEqual([1, 2, 20]);
    expect(Array.from(dijkstra(g, 1))).toEqual([Infinity, 0, Infinity]);
    expect(Array.from(dijkstra(g, 2))).toEqual([20, 21, 0]);
  });

  it('a directed graph: distances follow the edges\' direction', () => {
    const g = buildGraph([[1], [2], []], () => 1);
    expect(Array.from(dijkstra(g, 0))).toEqual([0, 1, 2]);
    expect(Array.from(dijkstra(g, 2))).toEqual([Infinity, Infinity, 0]);
  });
});

describe('createNearestSearch', () => {
  // A 12 × 12 grid with random weights (no ties) and a node cut off: more than 64 heap entries.
  const side = 12;
  const n = side * side + 1;
  const rnd = lcg(11);
  const adjacency: number[][] = Array.from({ length: n }, () => []);
  const w = new Map<string, number>();
  const link = (i: number, j: number) => {
    const x = 1 + rnd() * 9;
    adjacency[i]!.push(j);
    adjacency[j]!.push(i);
    w.set(`${i}>${j}`, x);
    w.set(`${j}>${i}`, x);
  };
  for (let r = 0; r < side; r++) for (let c = 0; c < side; c++) {
    if (c + 1 < side) link(r * side + c, r * side + c + 1);
    if (r + 1 < side) link(r * side + c, (r + 1) * side + c);
  }
  const g = buildGraph(adjacency, (i, j) => w.get(`${i}>${j}`)!);
  const accept = Uint8Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0));
  const brute = (source: number, count: number) => {
    const d = dijkstra(g, source);
    const ranked = [...d.keys()].filter((i) => accept[i] && Number.isFinite(d[i]!)).sort((a, b) => d[a]! - d[b]!);
    return { nodes: ranked.slice(0, count), dist: ranked.slice(0, count).map((i) => d[i]!), beyond: ranked.length > count ? d[ranked[count]!]! : Infinity };
  };

  it('the count nearest accepted nodes, the source included, and the next one\'s distance, from every source in turn', () => {
    const search = createNearestSearch(g);
    for (const count of [1, 5, 30]) {
      for (let s = 0; s < side * side; s += 7) {
        const got = search(s, count, accept);
        const want = brute(s, count);
        expect([Array.from(got.nodes), Array.from(got.dist), got.beyond]).toEqual([want.nodes, want.dist, want.beyond]);
      }
    }
  });

  it('a source with more neighbours than the 64 first heap slots (complete graph of 80 nodes)', () => {
    const { g: dense } = denseGraph(80, 5);
    const acc = new Uint8Array(80).fill(1);
    const search = createNearestSearch(dense);
    for (const s of [0, 1, 79]) {
      const d = dijkstra(dense, s);
      const sorted = Array.from(d).sort((a, b) => a - b);
      const got = search(s, 40, acc);
      expect(Array.from(got.dist)).toEqual(sorted.slice(0, 40));
      expect(got.beyond).toBe(sorted[40]);
      for (let q = 0; q < 40; q++) expect(got.dist[q]).toBe(d[got.nodes[q]!]);
      expect(new Set(got.nodes).size).toBe(40);
    }
  });

  it('fewer accepted nodes than asked: all of them and Infinity beyond; none asked: the nearest is beyond', () => {
    const search = createNearestSearch(g);
    const all = search(0, 1000, accept);
    expect(all.nodes.length).toBe(brute(0, 1000).nodes.length);
    expect(all.beyond).toBe(Infinity);
    const none = search(1, 0, accept);
    expect(none.nodes.length).toBe(0);
    expect(none.beyond).toBe(brute(1, 0).beyond);
    // The cut-off node finds only itself.
    const alone = search(n - 1, 3, Uint8Array.from({ length: n }, () => 1));
    expect([Array.from(alone.nodes), Array.from(alone.dist), alone.beyond]).toEqual([[n - 1], [0], Infinity]);
    // And the workspace is clean for the next search from elsewhere.
    expect(Array.from(search(0, 5, accept).nodes)).toEqual(brute(0, 5).nodes);
  });
});

/**
 * Comuni on the parallel at 45° N, 0.5° apart (exact binary fractions, so equal offsets give
 * equal distances): 0..3 in a line at 9, 9.5, 10, 10.5; comune 4 at 8.5 and comune 5 at 11, both
 * without neighbours. From comune 0, comune 4 is exactly as far as comune 1.
 */
function offGraph(): TerritoryData {
  const base = lineTerritory(6);
  const lons = [9, 9.5, 10, 10.5, 8.5, 11];
  return {
    ...base,
    comuni: base.comuni.map((c, i) => ({ ...c, point: [lons[i]!, 45] as [number, number] })),
    adjacency: [[1], [0, 2], [1, 3], [2], [], []],
  };
}

describe('nearestComuni with comuni off the graph', () => {
  const data = offGraph();
  // Built inside each test (a getter), so that the parts of the graph are computed within it.
  let cached: ReturnType<typeof createTravelTimeModel> | undefined;
  beforeEach(() => {
    cached = undefined;
  });
  const model = () => (cached ??= createTravelTimeModel(data, simple));
  const lon = (i: number) => data.comuni[i]!.point[0];
  // Straight-line minutes between two comuni (60 km/h, no detour): the edge of the graph, or the fallback.
  const hk = (i: number, j: number) => haversineKm(lon(i), 45, lon(j), 45);
  const s = hk(0, 1);
  const all = new Uint8Array(6).fill(1);
  const expectNear = (from: number, count: number, accept: Uint8Array, nodes: number[], dist: number[], beyond: number) => {
    const r = model().nearestComuni!(from, count, accept);
    expect(Array.from(r.nodes)).toEqual(nodes);
    expect(r.dist.length).toBe(dist.length);
    dist.forEach((d, q) => expect(r.dist[q]).toBeCloseTo(d, 9));
    if (beyond === Infinity) expect(r.beyond).toBe(Infinity);
    else expect(r.beyond).toBeCloseTo(beyond, 9);
  };

  it('the fallback of timesFromComune: straight line to a comune with no road link', () => {
    const row = model().timesFromComune(0);
    expect(hk(0, 4)).toBe(s);
    expect(row[4]).toBeCloseTo(s, 4);
    expect(row[5]).toBeCloseTo(hk(0, 5), 4);
    expect(row[3]).toBeCloseTo(3 * s, 4);
    expect(hk(0, 5)).toBeGreaterThan(3 * s);
  });

  it('merges them in distance order; on a tie the lower comune index first', () => {
    expectNear(0, 6, all, [0, 1, 4, 2, 3, 5], [0, s, s, 2 * s, 3 * s, hk(0, 5)], Infinity);
    expectNear(0, 3, all, [0, 1, 4], [0, s, s], 2 * s);
    // The list is full with the graph's own: the comune off the graph only bounds what is beyond.
    expectNear(0, 2, all, [0, 1], [0, s], s);
    expectNear(0, 1, all, [0], [0], s);
  });

  it('the others left out bound what is beyond', () => {
    // From comune 3: comune 2 one step along the graph, comune 5 as far off the graph (the tie goes to 2), comune 4 far off.
    expect(hk(3, 5)).toBe(s);
    expectNear(3, 2, all, [3, 2], [0, s], s);
    const only = Uint8Array.from([0, 0, 1, 0, 1, 1]);
    expectNear(3, 3, only, [2, 5, 4], [s, s, hk(3, 4)], Infinity);
    expectNear(3, 2, only, [2, 5], [s, s], hk(3, 4));
    expectNear(3, 1, only, [2], [s], s);
  });

  it('from a comune off the graph every other comune is a straight line away', () => {
    expectNear(4, 3, all, [4, 0, 1], [0, s, hk(4, 1)], hk(4, 2));
    expectNear(4, 1, Uint8Array.from([0, 0, 1, 1, 0, 0]), [2], [hk(4, 2)], hk(4, 3));
    expectNear(4, 2, new Uint8Array(6), [], [], Infinity);
    expectNear(5, 2, all, [5, 3], [0, s], hk(5, 2));
  });

  it('no other comune accepted: the search\'s answer as it is', () => {
    const only = Uint8Array.from([1, 1, 0, 0, 0, 0]);
    expectNear(0, 1, only, [0], [0], s);
    expectNear(0, 5, only, [0, 1], [0, s], Infinity);
  });

  it('only for the estimate: an OD matrix with pairs removes it, an empty one does not', () => {
    const od: OdMatrix = { rows: new Map([[0, new Map([[2, 1.5]])]]), pairs: 1 };
    const withOd = createTravelTimeModel(data, simple, od);
    expect(withOd.nearestComuni).toBeUndefined();
    expect(withOd.source).toBe('matrice-od');
    const empty = createTravelTimeModel(data, simple, { rows: new Map(), pairs: 0 });
    expect(empty.source).toBe('stima');
    expect(empty.nearestComuni).toBeTypeOf('function');
  });
});

describe('nearestComuni: ties between the parts of the graph', () => {
  // Part A: comuni 0 (10°) – 1 (10.5°); part B: 2 (12°) – 4 (11°) – 3 (9°), so its nodes come as 2, 4, 3.
  const base = lineTerritory(5);
  const lons = [10, 10.5, 12, 9, 11];
  const data: TerritoryData = { ...base, comuni: base.comuni.map((c, i) => ({ ...c, point: [lons[i]!, 45] as [number, number] })), adjacency: [[1], [0], [4], [4], [2, 3]] };
  const hk = (i: number, j: number) => haversineKm(lons[i]!, 45, lons[j]!, 45);
  const all = new Uint8Array(5).fill(1);

  it('comuni of another part at the same distance: the lower index first, whatever order the part lists them in', () => {
    expect(hk(0, 3)).toBe(hk(0, 4));
    const r = createTravelTimeModel(data, simple).nearestComuni!(0, 4, all);
    expect(Array.from(r.nodes)).toEqual([0, 1, 3, 4]);
    expect(r.beyond).toBeCloseTo(hk(0, 2), 9);
  });

  it('a full list from the graph keeps its last on a tie with a comune of another part, which then only bounds what is beyond', () => {
    // Comune 0 (9°) alone; comuni 1 (10°) – 2 (11°) linked. From 1: comune 2 by the graph and comune 0 by the straight line, both 1° away.
    const small = lineTerritory(3);
    const three: TerritoryData = { ...small, comuni: small.comuni.map((c, i) => ({ ...c, point: [9 + i, 45] as [number, number] })), adjacency: [[], [2], [1]] };
    const r = createTravelTimeModel(three, simple).nearestComuni!(1, 2, new Uint8Array(3).fill(1));
    expect(Array.from(r.nodes)).toEqual([1, 2]);
    expect(r.beyond).toBeCloseTo(haversineKm(10, 45, 9, 45), 9);
  });

  it('a comune of another part tied with one of the graph: the lower index first, from either side', () => {
    // From comune 4: comune 1 (part A, half a degree), then comune 0 (part A) and comune 2 (graph) both 1° away.
    expect(hk(4, 0)).toBe(hk(4, 2));
    const r = createTravelTimeModel(data, simple).nearestComuni!(4, 4, all);
    expect(Array.from(r.nodes)).toEqual([4, 1, 0, 2]);
    Array.from(r.dist).forEach((d, q) => expect(d).toBeCloseTo([0, hk(4, 1), hk(4, 0), hk(4, 2)][q]!, 9));
    expect(r.beyond).toBeCloseTo(hk(4, 3), 9);
  });
});

describe('the model\'s rows, local minutes and OD pairs', () => {
  const data = lineTerritory(5);
  const step = haversineKm(9, 45, 9.1, 45);

  it('rows are cached per origin unless keep is false', () => {
    const m = createTravelTimeModel(data, simple);
    const once = m.timesFromComune(2, false);
    const twice = m.timesFromComune(2, false);
    expect(twice).not.toBe(once);
    expect(Array.from(twice)).toEqual(Array.from(once));
    const kept = m.timesFromComune(2);
    expect(kept).not.toBe(once);
    expect(m.timesFromComune(2)).toBe(kept);
    expect(m.timesFromComune(2, false)).toBe(kept);
    expect(m.timesFromComune(3)).not.toBe(kept);
  });

  it('localMin: distance × detour ÷ the comune\'s density speed', () => {
    // 1,000 residents on 10 km²: rural, 55 km/h; 10 km × 1.3 / 55 × 60.
    const m = createTravelTimeModel(data, A);
    expect(m.localMin(0, 10)).toBeCloseTo((10 * 1.3 * 60) / 55, 12);
    const dense = createTravelTimeModel(lineTerritory(5, 3, [1000, 100000]), A);
    expect(dense.localMin(1, 10)).toBeCloseTo((10 * 1.3 * 60) / 25, 12);
  });

  it('an OD pair replaces the estimate, the diagonal included; timeMin goes through it', () => {
    const od: OdMatrix = { rows: new Map([[0, new Map([[0, 2], [3, 7]])]]), pairs: 2 };
    const m = createTravelTimeModel(data, simple, od);
    expect(m.timesFromComune(0)[0]).toBe(2);
    expect(m.timesFromComune(0)[3]).toBe(7);
    expect(m.timesFromComune(0)[1]).toBeCloseTo(step, 4);
    expect(m.timesFromComune(1)[0]).toBeCloseTo(step, 4);
    // Inside comune 0: access to its point, the OD minutes, access from its point.
    const off = haversineKm(9, 45.1, 9, 45);
    expect(m.timeMin({ comune: 0, point: [9, 45.1] }, { comune: 0, point: [9, 44.9] })).toBeCloseTo(off + 2 + haversineKm(9, 44.9, 9, 45), 4);
    // Comune 1 has no OD row: straight line inside it.
    expect(m.timeMin({ comune: 1, point: [9.1, 45] }, { comune: 1, point: [9.1, 45.1] })).toBeCloseTo(off, 4);
    expect(m.timeMin({ comune: 0, point: [9, 45] }, { comune: 3, point: [9.3, 45.1] })).toBeCloseTo(7 + off, 4);
  });

  it('timeMin inside one comune: the straight line between the two points, not via the comune\'s point', () => {
    const m = createTravelTimeModel(data, simple);
    expect(m.timeMin({ comune: 1, point: [9.1, 45.1] }, { comune: 1, point: [9.1, 45.2] })).toBeCloseTo(haversineKm(9.1, 45.1, 9.1, 45.2), 6);
  });

  it('edges: half of each at either end\'s speed, the detour on the whole', () => {
    // Comune 1 urban (25 km/h), comune 2 rural (55 km/h).
    const m = createTravelTimeModel(lineTerritory(5, 3, [1000, 100000, 1000]), { ...A, detourFactor: 2 });
    expect(m.timesFromComune(1)[2]).toBeCloseTo(step * 2 * (0.5 / 25 + 0.5 / 55) * 60, 4);
    expect(m.timesFromComune(2)[1]).toBeCloseTo(step * 2 * (0.5 / 25 + 0.5 / 55) * 60, 4);
  });
});

describe('per-base rows of the travel context', () => {
  const step = haversineKm(9, 45, 9.1, 45);

  it('one row per exact base point: another latitude or another longitude is another row', () => {
    const ctx = createTravelContext(lineTerritory(5), simple);
    const a = ctx.travelToPoints(0, [9, 45.1]);
    const b = ctx.travelToPoints(0, [9, 45.2]);
    const c = ctx.travelToPoints(0, [9.05, 45.1]);
    expect(b).not.toBe(a);
    expect(c).not.toBe(a);
    expect(b[1]).toBeCloseTo(haversineKm(9, 45.2, 9, 45) + step, 3);
    expect(c[0]).toBeCloseTo(haversineKm(9.05, 45.1, 9, 45), 4);
    expect(c[1]).toBeCloseTo(haversineKm(9.05, 45.1, 9, 45) + step, 3);
    expect(ctx.travelToPoints(0, [9, 45.2])).toBe(b);
    expect(ctx.travelToPoints(0, [9.05, 45.1])).toBe(c);
    expect(ctx.travelToPoints(0, [9, 45.1])).toBe(a);
  });

  it('a split comune: each sub-point is the comune\'s point plus the local drive to it, plus its last mile', () => {
    const data = lineTerritory(3, 3, [1000, 100000, 1000], 40);
    const a: TravelAssumptions = { ...simple, splitLargeComuni: true, splitPoints: 4, intraComune: true };
    const ctx = createTravelContext(data, a);
    const d = ctx.demand;
    expect(d.count).toBe(6);
    const row = ctx.travelToPoints(0);
    const ring = meanInternalDistanceKm(40);
    const lastMile = meanInternalDistanceKm(10);
    for (let p = d.firstOfComune[1]!; p < d.firstOfComune[2]!; p++) {
      expect(d.internalMin[p]).toBeCloseTo(meanInternalDistanceKm(10), 5); // 40 km² ÷ 4 points
      expect(row[p]).toBeCloseTo(step + haversineKm(9.1, 45, d.lon[p]!, d.lat[p]!) + lastMile, 3);
      expect(haversineKm(9.1, 45, d.lon[p]!, d.lat[p]!)).toBeCloseTo(ring, 2);
    }
    // From inside the split comune: straight from the base point to each sub-point.
    const own = ctx.travelToPoints(1);
    expect(own[1]).toBeCloseTo(haversineKm(9.1, 45, d.lon[1]!, d.lat[1]!) + lastMile, 4);
    // A base off the point of the split comune: straight from it to each of its own sub-points.
    const offBase = ctx.travelToPoints(1, [9.1, 45.05]);
    for (let p = d.firstOfComune[1]!; p < d.firstOfComune[2]!; p++) expect(offBase[p]).toBeCloseTo(haversineKm(9.1, 45.05, d.lon[p]!, d.lat[p]!) + lastMile, 4);
    // A whole comune's single point is its own point: no local drive.
    expect(row[5]).toBeCloseTo(2 * step + meanInternalDistanceKm(40), 3);
  });

  it('an OD diagonal: the base\'s own comune goes through its minutes too', () => {
    const data = lineTerritory(3);
    const od: OdMatrix = { rows: new Map([[1, new Map([[1, 4]])]]), pairs: 1 };
    const ctx = createTravelContext(data, simple, od);
    const access = haversineKm(9.1, 45.1, 9.1, 45);
    expect(ctx.travelToPoints(1, [9.1, 45.1])[1]).toBeCloseTo(access + 4, 4);
    expect(ctx.travelToPoints(0, [9, 45.1])[0]).toBeCloseTo(access, 4);
    expect(createTravelContext(data, simple).travelToPoints(1, [9.1, 45.1])[1]).toBeCloseTo(access, 4);
  });

  it('the cached context names every invalid assumption, separated by semicolons', async () => {
    const c = cachedTravelContext(async () => lineTerritory(3));
    await expect(c.context({ urbanSpeedKmh: -1, detourFactor: 0.5 })).rejects.toThrow(
      'Ipotesi di viaggio non valide: Velocità media in contesto urbano: deve essere un numero positivo (valore: -1); Fattore di tortuosità (strada ÷ linea d’aria): non può essere minore di 1 (valore: 0.5)',
    );
  });

  it('exposes its inputs and the night factor', () => {
    const data = lineTerritory(3);
    const ctx = createTravelContext(data, { ...simple, nightTravelFactor: 0.7 });
    expect(ctx.data).toBe(data);
    expect(ctx.assumptions.nightTravelFactor).toBe(0.7);
    expect(ctx.bandFactor('night')).toBe(0.7);
    for (const b of ['office', 'closure', 'saturday', 'holiday'] as const) expect(ctx.bandFactor(b)).toBe(1);
    expect(createTravelContext(data).assumptions).toEqual(A);
  });
});

describe('demand points to the resident', () => {
  it('comuni without residents have no point; the remainder goes to the first sub-points', () => {
    const data = lineTerritory(4, 3, [1000, 70003, 0, 5], 40);
    const a: TravelAssumptions = { ...A, splitPoints: 4 };
    const d = buildDemandPoints(data, a);
    expect(d.count).toBe(6);
    expect(Array.from(d.firstOfComune)).toEqual([0, 1, 5, 5, 6]);
    expect(Array.from(d.comune)).toEqual([0, 1, 1, 1, 1, 3]);
    expect(Array.from(d.part)).toEqual([0, 0, 1, 2, 3, 0]);
    expect(Array.from(d.residents)).toEqual([1000, 17501, 17501, 17501, 17500, 5]);
    expect(d.splitComuni).toEqual(['000002']);
    // 40 km² > 100? no; 70,003 > 50,000 residents: split. The whole comuni keep their own point.
    expect([d.lon[0], d.lat[0], d.lon[5], d.lat[5]]).toEqual([...data.comuni[0]!.point, ...data.comuni[3]!.point]);
    // Sub-points on the ring at bearings 0°, 90°, 180°, 270°.
    const ring = meanInternalDistanceKm(40);
    for (let m = 0; m < 4; m++) expect([d.lon[1 + m], d.lat[1 + m]]).toEqual(destinationPoint(9.1, 45, ring, 90 * m));
    expect(d.lat[1]!).toBeGreaterThan(45);
    expect(d.lon[2]!).toBeGreaterThan(9.1);
    expect(d.lat[3]!).toBeLessThan(45);
    expect(d.lon[4]!).toBeLessThan(9.1);
  });

  it('the last mile: the disc of the comune\'s (or the sub-point\'s) share of the area at its speed, 0 when off', () => {
    const data = lineTerritory(2, 2, [1000, 80000], 40);
    const d = buildDemandPoints(data, { ...A, splitPoints: 2 });
    // Comune 0: 25 residents/km², rural 55 km/h; comune 1: 2,000/km², urban 25 km/h, 2 points of 20 km².
    expect(d.internalMin[0]).toBeCloseTo(((meanInternalDistanceKm(40) * 1.3) / 55) * 60, 5);
    expect(d.internalMin[1]).toBeCloseTo(((meanInternalDistanceKm(20) * 1.3) / 25) * 60, 5);
    expect(d.internalMin[2]).toBeCloseTo(((meanInternalDistanceKm(20) * 1.3) / 25) * 60, 5);
    const off = buildDemandPoints(data, { ...A, splitPoints: 2, intraComune: false });
    expect(Array.from(off.internalMin)).toEqual([0, 0, 0]);
  });

  it('density speeds: an area of 0 counts as rural', () => {
    const data = lineTerritory(3, 3, [1000, 1000, 1000]);
    data.comuni[0]!.areaKm2 = 0;
    data.comuni[1]!.areaKm2 = 0.5; // 2,000 per km²: urban
    data.comuni[2]!.areaKm2 = 2; // 500 per km²: suburban
    expect(Array.from(comuneSpeedsKmh(data, A))).toEqual([55, 25, 40]);
  });
});

describe('the sphere off the axes', () => {
  it('destinationPoint then haversineKm gives the distance back, on any bearing, at 45° N', () => {
    for (const bearing of [30, 135, 200, 315]) {
      const [lon, lat] = destinationPoint(9, 45, 25, bearing);
      expect(haversineKm(9, 45, lon, lat)).toBeCloseTo(25, 2);
      // The initial bearing back from the formulas of the sphere.
      const r = Math.PI / 180;
      const y = Math.sin((lon - 9) * r) * Math.cos(lat * r);
      const x = Math.cos(45 * r) * Math.sin(lat * r) - Math.sin(45 * r) * Math.cos(lat * r) * Math.cos((lon - 9) * r);
      expect(((Math.atan2(y, x) / r + 360) % 360)).toBeCloseTo(bearing, 1);
    }
  });

  it('destinationPoint rounds to 1e-5° (about a metre), from a point that is not itself rounded', () => {
    expect(destinationPoint(9.123456789, 45.987654321, 0, 0)).toEqual([9.12346, 45.98765]);
    expect(destinationPoint(-9.123456789, -45.987654321, 0, 77)).toEqual([-9.12346, -45.98765]);
  });

  it('off the axes: close to the flat-earth figure at this scale (Milano – Bergamo), either way round', () => {
    const R = (6371.0088 * Math.PI) / 180;
    const flat = Math.hypot((9.67 - 9.19) * Math.cos(((45.4642 + 45.6983) / 2) * (Math.PI / 180)) * R, (45.6983 - 45.4642) * R);
    expect(haversineKm(9.19, 45.4642, 9.67, 45.6983)).toBeCloseTo(flat, 1);
    expect(haversineKm(9.67, 45.6983, 9.19, 45.4642)).toBe(haversineKm(9.19, 45.4642, 9.67, 45.6983));
  });

  it('antipodes: half the circumference', () => {
    const half = Math.PI * 6371.0088;
    expect(haversineKm(10, 45, -170, -45)).toBeCloseTo(half, 6);
    expect(haversineKm(0, 90, 0, -90)).toBeCloseTo(half, 6);
  });
});
