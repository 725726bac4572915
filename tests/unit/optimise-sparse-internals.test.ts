// sparse.ts on hand-checkable fixtures: a fake travel context (comuni on a line, graph minutes =
// |x_a − x_b|) for the list building and the dispatch rule, and hand-made sparse problems (a cost
// matrix, lists = the K cheapest of each point's column) for the evaluation, the search, the
// bound and the KPIs.
import { beforeEach, describe, expect, it } from 'vitest';
import { buildSparseMedianProblem, solveSparseMedian, SPARSE_ABOVE, sparseEvaluate, sparseKpis, sparseMedianBound, wantsSparse, type SparseMedianProblem } from '../../src/core/optimise/sparse.ts';
import type { SitingRequest } from '../../src/core/optimise/siting.ts';
import type { TravelContext } from '../../src/core/travel/context.ts';
import type { TerritoryData } from '../../src/core/territory/types.ts';
import { haversineKm } from '../../src/core/travel/geo.ts';
import { mulberry32 as rng } from '../../src/core/des/rng.ts';

// ---------------------------------------------------------------------------------------------
// A fake travel context.

interface FakeComune { istat: string; ambito: string; x: number; point: [number, number] }
interface FakePoint { comune: number; lon?: number; lat?: number; residents: number; internalMin?: number }

interface Fake {
  ctx: TravelContext;
  calls: number[];
  nearestCalls: { from: number; count: number; accepted: number[] }[];
}

/** localMin of the fake: 2 minutes per km, whatever the comune. */
const LOCAL = 2;
const NIGHT = 1.5;

function fakeCtx(comuni: FakeComune[], pts: FakePoint[], ambiti: string[], opts: { nearest?: boolean; reach?: number } = {}): Fake {
  const calls: number[] = [];
  const nearestCalls: Fake['nearestCalls'] = [];
  const nc = comuni.length;
  const order = pts.map((_, i) => i).sort((a, b) => pts[a].comune - pts[b].comune || a - b);
  const P = order.map((i) => pts[i]);
  const n = P.length;
  const firstOfComune = new Int32Array(nc + 1);
  for (const p of P) firstOfComune[p.comune + 1]++;
  for (let c = 0; c < nc; c++) firstOfComune[c + 1] += firstOfComune[c];
  const lon = Float64Array.from(P, (p) => p.lon ?? comuni[p.comune].point[0]);
  const lat = Float64Array.from(P, (p) => p.lat ?? comuni[p.comune].point[1]);
  const demand = {
    count: n,
    comune: Int32Array.from(P, (p) => p.comune),
    residents: Float64Array.from(P, (p) => p.residents),
    lon,
    lat,
    part: new Int32Array(n),
    internalMin: Float32Array.from(P, (p) => p.internalMin ?? 0),
    firstOfComune,
    splitComuni: [],
  };
  const localMin = (_c: number, km: number): number => km * LOCAL;
  const toPoint = (p: number): number => {
    const cp = comuni[demand.comune[p]].point;
    return lon[p] === cp[0] && lat[p] === cp[1] ? 0 : localMin(demand.comune[p], haversineKm(cp[0], cp[1], lon[p], lat[p]));
  };
  const nearestComuni = (from: number, count: number, accept: Uint8Array) => {
    const acc: number[] = [];
    for (let j = 0; j < nc; j++) if (accept[j]) acc.push(j);
    nearestCalls.push({ from, count, accepted: acc });
    const reach = opts.reach ?? Infinity;
    const byDist = acc.filter((j) => Math.abs(comuni[j].x - comuni[from].x) <= reach).sort((a, b) => Math.abs(comuni[a].x - comuni[from].x) - Math.abs(comuni[b].x - comuni[from].x) || a - b);
    const nodes = byDist.slice(0, count);
    const next = byDist[count];
    return {
      nodes: Int32Array.from(nodes),
      dist: Float64Array.from(nodes, (j) => Math.abs(comuni[j].x - comuni[from].x)),
      beyond: next === undefined ? Infinity : Math.abs(comuni[next].x - comuni[from].x),
    };
  };
  const data = {
    comuni: comuni.map((c) => ({ istat: c.istat, ambito: c.ambito, point: c.point })),
    ambiti: ambiti.map((code) => ({ code, name: `Ambito ${code}` })),
  } as unknown as TerritoryData;
  const ctx = {
    data,
    assumptions: {},
    demand,
    model: {
      localMin,
      nearestComuni: opts.nearest === false ? undefined : nearestComuni,
    },
    travelToPoints(base: number, basePoint?: readonly [number, number], keep?: boolean): Float32Array {
      expect(basePoint).toBeUndefined();
      expect(keep).toBe(false);
      calls.push(base);
      return Float32Array.from({ length: n }, (_, p) => Math.abs(comuni[base].x - comuni[demand.comune[p]].x) + toPoint(p) + demand.internalMin[p]);
    },
    bandFactor: (band: string) => (band === 'night' ? NIGHT : 1),
  } as unknown as TravelContext;
  return { ctx, calls, nearestCalls };
}

// Five comuni on a line (x in graph minutes). A: 001, 002; B: 003, 004; C: 005.
const C5: FakeComune[] = [
  { istat: '001', ambito: 'A', x: 0, point: [9, 45] },
  { istat: '002', ambito: 'A', x: 4, point: [9.1, 45] },
  { istat: '003', ambito: 'B', x: 10, point: [9.2, 45] },
  { istat: '004', ambito: 'B', x: 11, point: [9.3, 45] },
  { istat: '005', ambito: 'C', x: 30, point: [9.4, 45] },
];
// Point 1 is off its comune's point in latitude only, point 3 in longitude only.
const P5: FakePoint[] = [
  { comune: 0, residents: 10 },
  { comune: 0, residents: 20, lat: 45.01, internalMin: 1 },
  { comune: 1, residents: 30, internalMin: 0.5 },
  { comune: 2, residents: 40, lon: 9.21 },
  { comune: 2, residents: 50, internalMin: 2 },
  { comune: 3, residents: 60 },
  { comune: 4, residents: 70 },
];
const off1 = haversineKm(9, 45, 9, 45.01) * LOCAL;
const off3 = haversineKm(9.2, 45, 9.21, 45) * LOCAL;

/** n comuni of Ambito A at x = 0, 1, 2, …, one point of 1 resident each. */
function lineCtx(count: number, opts: { nearest?: boolean } = {}): Fake {
  const comuni = Array.from({ length: count }, (_, i) => ({ istat: String(100 + i), ambito: 'A', x: i, point: [9 + i / 100, 45] as [number, number] }));
  return fakeCtx(comuni, comuni.map((_, i) => ({ comune: i, residents: 1 })), ['A'], opts);
}

const req = (r: Partial<SitingRequest>): SitingRequest => ({ members: ['A', 'B'], k: 2, objective: 'median', ...r });

function thrown(f: () => unknown): { name: string; message: string } {
  try {
    f();
  } catch (e) {
    return { name: (e as Error).name, message: (e as Error).message };
  }
  throw new Error('did not throw');
}

// ---------------------------------------------------------------------------------------------
// Hand-made sparse problems.

/** C[j][i]: cost of candidate j for point i. Lists: the K cheapest per point (ties: lower j). */
function hand(C: number[][], w: number[], o: { k: number; K?: number; fixed?: number[]; targetMin?: number; fixedMin?: number; members?: number[] }): SparseMedianProblem & { rowCalls: number[] } {
  const m = C.length;
  const n = w.length;
  const K = o.K ?? m;
  const cand = new Int32Array(n * K).fill(-1);
  const cost = new Float32Array(n * K).fill(Infinity);
  const beyond = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const js = Array.from({ length: m }, (_, j) => j).filter((j) => Number.isFinite(C[j][i])).sort((a, b) => C[a][i] - C[b][i] || a - b);
    for (let r = 0; r < Math.min(K, js.length); r++) {
      cand[i * K + r] = js[r];
      cost[i * K + r] = C[js[r]][i];
    }
    beyond[i] = js.length > K ? C[js[K]][i] : Infinity;
  }
  const rowCalls: number[] = [];
  const memberOfPoint = Int32Array.from(o.members ?? w.map(() => 0));
  const nMembers = Math.max(...memberOfPoint) + 1;
  return {
    members: Array.from({ length: nMembers }, (_, i) => `M${i}`),
    memberNames: Array.from({ length: nMembers }, (_, i) => `Membro ${i}`),
    k: o.k,
    targetMin: o.targetMin ?? 45,
    band: 'closure',
    fixedMin: o.fixedMin ?? 0,
    points: Int32Array.from(w, (_, i) => i),
    weights: Float64Array.from(w),
    totalResidents: w.reduce((a, b) => a + b, 0),
    memberOfPoint,
    candidates: C.map((_, j) => j),
    fixed: o.fixed ?? [],
    K,
    cand,
    cost,
    beyond,
    row: (j: number) => {
      rowCalls.push(j);
      return Float32Array.from(C[j]);
    },
    warnings: [],
    rowCalls,
  };
}

/** Candidates and points at the same positions on a line: C[j][i] = |x_j − x_i|. */
const lineMatrix = (xs: number[]): number[][] => xs.map((a) => xs.map((b) => Math.abs(a - b)));

function meanOf(C: number[][], w: number[], open: number[]): number {
  let s = 0;
  let W = 0;
  for (let i = 0; i < w.length; i++) {
    s += w[i] * Math.min(...open.map((j) => C[j][i]));
    W += w[i];
  }
  return s / W;
}

function subsets(m: number, k: number): number[][] {
  if (k === 0) return [[]];
  const out: number[][] = [];
  for (let j = k - 1; j < m; j++) for (const s of subsets(j, k - 1)) out.push([...s, j]);
  return out;
}


/** A random instance: points and candidates in the unit square ×100, integer costs. */
function randomInstance(seed: number, m: number, n: number): { C: number[][]; w: number[] } {
  const r = rng(seed);
  const cx = Array.from({ length: m }, () => [r() * 100, r() * 100]);
  const px = Array.from({ length: n }, () => [r() * 100, r() * 100]);
  const C = cx.map(([a, b]) => px.map(([c, d]) => Math.round(Math.hypot(a - c, b - d))));
  const w = px.map(() => 1 + Math.floor(r() * 9));
  return { C, w };
}

// ---------------------------------------------------------------------------------------------

describe('wantsSparse', () => {
  // Point counts only (the rule reads firstOfComune): 1 M, 1 M, 2 M points in comuni 0, 1, 2.
  let ctx: TravelContext;
  beforeEach(() => {
    ctx = {
      data: { comuni: [{ istat: 'a', ambito: 'A' }, { istat: 'b', ambito: 'A' }, { istat: 'c', ambito: 'B' }] },
      demand: { firstOfComune: Int32Array.from([0, 1_000_000, 2_000_000, 4_000_000]) },
      model: { nearestComuni: () => ({ nodes: new Int32Array(0), dist: new Float64Array(0), beyond: Infinity }) },
    } as unknown as TravelContext;
  });
  it('points × candidates strictly above 8,000,000', () => {
    expect(SPARSE_ABOVE).toBe(8_000_000);
    // A: 2 comuni, 2 M points → 4 M.
    expect(wantsSparse(ctx, { members: ['A'], k: 1, objective: 'median' })).toBe(false);
    // A + B: 3 comuni, 4 M points → 12 M.
    expect(wantsSparse(ctx, { members: ['A', 'B'], k: 1, objective: 'median' })).toBe(true);
    // B alone: 1 comune, 2 M points → 2 M.
    expect(wantsSparse(ctx, { members: ['B'], k: 1, objective: 'median' })).toBe(false);
  });
  it('the candidates given count instead of the member comuni; exactly 8 M is not above', () => {
    expect(wantsSparse(ctx, { members: ['A', 'B'], k: 1, objective: 'median', candidates: ['a', 'b'] })).toBe(false);
    expect(wantsSparse(ctx, { members: ['A'], k: 1, objective: 'median', candidates: ['a', 'b', 'c', 'x'] })).toBe(false);
    expect(wantsSparse(ctx, { members: ['A'], k: 1, objective: 'median', candidates: ['a', 'b', 'c', 'x', 'y'] })).toBe(true);
  });
  it('a composition override moves a comune (and its points) into a member', () => {
    // c (2 M points) into A: 3 comuni, 4 M points → 12 M.
    expect(wantsSparse(ctx, { members: ['A'], k: 1, objective: 'median', compositionOverrides: { c: 'A' } })).toBe(true);
  });
  it('only the median objective, only with nearestComuni (no OD matrix)', () => {
    expect(wantsSparse(ctx, { members: ['A', 'B'], k: 1, objective: 'center' })).toBe(false);
    expect(wantsSparse(ctx, { members: ['A', 'B'], k: 1, objective: 'cover' })).toBe(false);
    const noNearest = { ...ctx, model: {} } as unknown as TravelContext;
    expect(wantsSparse(noNearest, { members: ['A', 'B'], k: 1, objective: 'median' })).toBe(false);
  });
});

describe('buildSparseMedianProblem: errors', () => {
  let f: Fake;
  beforeEach(() => {
    f = fakeCtx(C5, P5, ['A', 'B', 'C']);
  });
  it('no nearestComuni: the symmetric estimate is required', () => {
    const g = fakeCtx(C5, P5, ['A', 'B', 'C'], { nearest: false });
    expect(thrown(() => buildSparseMedianProblem(g.ctx, req({})))).toEqual({ name: 'SitingError', message: 'Localizzazione: il problema sparso richiede tempi stimati simmetrici (senza matrice OD)' });
  });
  it('an unknown Ambito', () => {
    expect(thrown(() => buildSparseMedianProblem(f.ctx, req({ members: ['A', 'Z'] })))).toEqual({ name: 'SitingError', message: 'Localizzazione: Ambito Z sconosciuto' });
  });
  it('an unknown comune among the candidates or the fixed bases', () => {
    expect(thrown(() => buildSparseMedianProblem(f.ctx, req({ candidates: ['001', '999'] })))).toEqual({ name: 'SitingError', message: "Localizzazione: comune 999 non è nell'elenco" });
    expect(thrown(() => buildSparseMedianProblem(f.ctx, req({ fixed: ['998'] })))).toEqual({ name: 'SitingError', message: "Localizzazione: comune 998 non è nell'elenco" });
  });
  it('k must be an integer from 1 to the number of candidates', () => {
    // A + B: 4 candidates.
    expect(thrown(() => buildSparseMedianProblem(f.ctx, req({ k: 0 })))).toEqual({ name: 'SitingError', message: 'Localizzazione: numero di basi non valido (0; candidati 4)' });
    expect(thrown(() => buildSparseMedianProblem(f.ctx, req({ k: 5 })))).toEqual({ name: 'SitingError', message: 'Localizzazione: numero di basi non valido (5; candidati 4)' });
    expect(thrown(() => buildSparseMedianProblem(f.ctx, req({ k: 1.5 })))).toEqual({ name: 'SitingError', message: 'Localizzazione: numero di basi non valido (1.5; candidati 4)' });
    expect(thrown(() => buildSparseMedianProblem(f.ctx, req({ k: 3, candidates: ['001', '002'] })))).toEqual({ name: 'SitingError', message: 'Localizzazione: numero di basi non valido (3; candidati 2)' });
    expect(buildSparseMedianProblem(f.ctx, req({ k: 4 })).k).toBe(4);
    expect(buildSparseMedianProblem(f.ctx, req({ k: 1 })).k).toBe(1);
  });
});

describe('buildSparseMedianProblem: the lists', () => {
  let f: Fake;
  beforeEach(() => {
    f = fakeCtx(C5, P5, ['A', 'B', 'C']);
  });
  it('defaults: band closure (5 + 15 fixed minutes), T 45, the members once, their comuni as candidates', () => {
    const p = buildSparseMedianProblem(f.ctx, req({ members: ['A', 'B', 'A'] }));
    expect(p.members).toEqual(['A', 'B']);
    expect(p.memberNames).toEqual(['Ambito A', 'Ambito B']);
    expect(p.band).toBe('closure');
    expect(p.targetMin).toBe(45);
    expect(p.fixedMin).toBe(20);
    expect(p.k).toBe(2);
    expect(p.candidates).toEqual([0, 1, 2, 3]);
    expect(p.fixed).toEqual([]);
    // The member comuni's points, in comune order.
    expect([...p.points]).toEqual([0, 1, 2, 3, 4, 5]);
    expect([...p.weights]).toEqual([10, 20, 30, 40, 50, 60]);
    expect(p.totalResidents).toBe(210);
    expect([...p.memberOfPoint]).toEqual([0, 0, 0, 1, 1, 1]);
    // 4 candidates < 64: the lists hold every candidate, nothing is beyond.
    expect(p.K).toBe(4);
    expect([...p.beyond]).toEqual([Infinity, Infinity, Infinity, Infinity, Infinity, Infinity]);
    expect(p.warnings).toEqual(['Problema nazionale: per ogni punto i 4 comuni candidati più vicini (elenchi sparsi), tempi esatti per le basi aperte; il limite inferiore vale su tutti i candidati.']);
  });
  it('each point: its comune\'s nearest candidates in order, cost = fixed + graph minutes + to the point + last mile', () => {
    const p = buildSparseMedianProblem(f.ctx, req({}));
    const K = p.K;
    const list = (i: number) => [...p.cand.subarray(i * K, i * K + K)];
    const costs = (i: number) => [...p.cost.subarray(i * K, i * K + K)];
    // Comune 0 (x 0): 0, 1 (4), 2 (10), 3 (11).
    expect(list(0)).toEqual([0, 1, 2, 3]);
    expect(costs(0)).toEqual([20, 24, 30, 31]);
    expect(list(1)).toEqual([0, 1, 2, 3]);
    const t1 = 1 + off1;
    costs(1).forEach((c, r) => expect(c).toBeCloseTo(20 + [0, 4, 10, 11][r] + t1, 5));
    // Comune 1 (x 4): 1 (0), 0 (4), 2 (6), 3 (7); last mile 0.5.
    expect(list(2)).toEqual([1, 0, 2, 3]);
    expect(costs(2)).toEqual([20.5, 24.5, 26.5, 27.5]);
    // Comune 2 (x 10): 2 (0), 3 (1), 1 (6), 0 (10).
    expect(list(3)).toEqual([2, 3, 1, 0]);
    costs(3).forEach((c, r) => expect(c).toBeCloseTo(20 + [0, 1, 6, 10][r] + off3, 5));
    expect(list(4)).toEqual([2, 3, 1, 0]);
    expect(costs(4)).toEqual([22, 23, 28, 32]);
    // Comune 3 (x 11): 3 (0), 2 (1), 1 (7), 0 (11).
    expect(list(5)).toEqual([3, 2, 1, 0]);
    expect(costs(5)).toEqual([20, 21, 27, 31]);
    // One Dijkstra per member comune, over the accepted candidates.
    expect(f.nearestCalls).toEqual([0, 1, 2, 3].map((from) => ({ from, count: 4, accepted: [0, 1, 2, 3] })));
  });
  it('K shorter than the candidates: the cost of the first one left out is the beyond cost', () => {
    const p = buildSparseMedianProblem(f.ctx, req({}), 2);
    expect(p.K).toBe(2);
    expect([...p.cand]).toEqual([0, 1, 0, 1, 1, 0, 2, 3, 2, 3, 3, 2]);
    expect(p.beyond[0]).toBe(30);
    expect(p.beyond[1]).toBeCloseTo(30 + 1 + off1, 5);
    expect(p.beyond[2]).toBe(26.5);
    expect(p.beyond[3]).toBeCloseTo(26 + off3, 5);
    expect(p.beyond[4]).toBe(28);
    expect(p.beyond[5]).toBe(27);
    expect(p.warnings[0]).toMatch(/^Problema nazionale: per ogni punto i 2 comuni/);
    // K above the candidates: clipped to them.
    expect(buildSparseMedianProblem(f.ctx, req({}), 9).K).toBe(4);
  });
  it('the night band: its mobilisation (5 + 20) and travel factor 1.5 on graph + point + last mile', () => {
    const p = buildSparseMedianProblem(f.ctx, req({ band: 'night' }), 2);
    expect(p.band).toBe('night');
    expect(p.fixedMin).toBe(25);
    expect(p.cost[0]).toBe(25);
    expect(p.cost[1]).toBe(25 + 4 * 1.5);
    expect(p.beyond[0]).toBe(25 + 10 * 1.5);
    expect(p.cost[4]).toBe(25 + 0.5 * 1.5);
    expect(p.cost[5]).toBe(25 + 4.5 * 1.5);
    expect(p.cost[8]).toBe(25 + 2 * 1.5);
    expect(p.beyond[4]).toBe(25 + 8 * 1.5);
    // Exact rows: the same formula.
    expect(p.row(0)[0]).toBe(25);
    expect(p.row(0)[4]).toBe(25 + 12 * 1.5);
  });
  it('a custom response and T', () => {
    const p = buildSparseMedianProblem(f.ctx, req({ targetMin: 30, response: { triageMin: 2, mobilisationMinByBand: { office: 3, closure: 7, night: 9, saturday: 4, holiday: 4 } } }), 2);
    expect(p.targetMin).toBe(30);
    expect(p.fixedMin).toBe(9);
    expect(p.cost[0]).toBe(9);
    expect(p.cost[1]).toBe(13);
  });
  it('candidates given, plus fixed bases outside them: sorted, once, the fixed as positions', () => {
    const p = buildSparseMedianProblem(f.ctx, req({ candidates: ['004', '001', '004'], fixed: ['005', '002'], k: 3 }));
    expect(p.candidates).toEqual([0, 1, 3, 4]);
    expect(p.fixed).toEqual([1, 3]);
    expect(p.K).toBe(4);
    // Comune 3 (x 11): 3 (0), 1 → pos 1 (7), 0 (11), 4 → pos 3 (19).
    expect([...p.cand.subarray(5 * 4, 6 * 4)]).toEqual([2, 1, 0, 3]);
    expect([...p.cost.subarray(5 * 4, 6 * 4)]).toEqual([20, 27, 31, 39]);
    // Point 0 (comune 0): 0 (0), 1 (4), 3 (11), 4 (30).
    expect([...p.cand.subarray(0, 4)]).toEqual([0, 1, 2, 3]);
    expect(f.nearestCalls[0].accepted).toEqual([0, 1, 3, 4]);
  });
  it('a composition override moves a comune and its points to another member', () => {
    const p = buildSparseMedianProblem(f.ctx, req({ members: ['A'], k: 1, compositionOverrides: { '003': 'A', '999': 'A' } }));
    expect(p.candidates).toEqual([0, 1, 2]);
    expect([...p.points]).toEqual([0, 1, 2, 3, 4]);
    expect([...p.memberOfPoint]).toEqual([0, 0, 0, 0, 0]);
    expect(p.totalResidents).toBe(150);
  });
  it('a short list (the search reached fewer candidates): −1 and Infinity after its end, nothing beyond', () => {
    const g = fakeCtx(C5, P5, ['A', 'B', 'C'], { reach: 5 });
    const p = buildSparseMedianProblem(g.ctx, req({}));
    // Comune 0 reaches 0 and 1 only (within 5 minutes).
    expect([...p.cand.subarray(0, 4)]).toEqual([0, 1, -1, -1]);
    expect([...p.cost.subarray(0, 4)]).toEqual([20, 24, Infinity, Infinity]);
    expect(p.beyond[0]).toBe(Infinity);
    // Comune 2 reaches 2, 3.
    expect([...p.cand.subarray(16, 20)]).toEqual([2, 3, -1, -1]);
  });
  it('exact rows: fixed + travelToPoints of the candidate, cached, points of the members only', () => {
    const p = buildSparseMedianProblem(f.ctx, req({}));
    const r = p.row(2);
    expect(r).toHaveLength(6);
    expect(r[0]).toBe(30);
    expect(r[1]).toBeCloseTo(31 + off1, 5);
    expect(r[2]).toBe(26.5);
    expect(r[3]).toBeCloseTo(20 + off3, 5);
    expect(r[4]).toBe(22);
    expect(r[5]).toBe(21);
    expect(f.calls).toEqual([2]);
    expect(p.row(2)).toBe(r);
    expect(f.calls).toEqual([2]);
    p.row(0);
    expect(f.calls).toEqual([2, 0]);
  });
});

describe('buildSparseMedianProblem: list length and the row cache', () => {
  it('default length max(64, ⌈3 n / k⌉), at most the candidates', () => {
    // 99 points and candidates, k 4: ⌈297 / 4⌉ = 75.
    const f = lineCtx(99);
    expect(buildSparseMedianProblem(f.ctx, { members: ['A'], k: 4, objective: 'median' }).K).toBe(75);
    expect(f.nearestCalls[0].count).toBe(75);
    // k 8: ⌈297 / 8⌉ = 38 → 64.
    expect(buildSparseMedianProblem(f.ctx, { members: ['A'], k: 8, objective: 'median' }).K).toBe(64);
    // k 1: 297 → the 99 candidates.
    expect(buildSparseMedianProblem(f.ctx, { members: ['A'], k: 1, objective: 'median' }).K).toBe(99);
    // An explicit K wins over the rule.
    expect(buildSparseMedianProblem(f.ctx, { members: ['A'], k: 1, objective: 'median' }, 10).K).toBe(10);
  });
  it('candidates and fixed positions sorted as numbers (10 after 9)', () => {
    const f = lineCtx(12);
    const p = buildSparseMedianProblem(f.ctx, { members: ['A'], k: 3, objective: 'median', candidates: ['111', '102', '110', '109'], fixed: ['111', '102'] });
    expect(p.candidates).toEqual([2, 9, 10, 11]);
    expect(p.fixed).toEqual([0, 3]);
    const q = buildSparseMedianProblem(f.ctx, { members: ['A'], k: 3, objective: 'median', fixed: ['111', '102', '110'] });
    expect(q.fixed).toEqual([2, 10, 11]);
  });
  it('keeps the rows of 2 k + 16 candidates, dropping the oldest', () => {
    const f = lineCtx(30);
    const p = buildSparseMedianProblem(f.ctx, { members: ['A'], k: 1, objective: 'median' });
    for (let j = 0; j < 18; j++) p.row(j);
    expect(f.calls).toHaveLength(18);
    // 18 rows kept: row 0 still cached.
    p.row(0);
    expect(f.calls).toHaveLength(18);
    // The 19th drops the oldest (row 0).
    p.row(18);
    p.row(1);
    expect(f.calls).toHaveLength(19);
    p.row(0);
    expect(f.calls).toEqual([...Array.from({ length: 19 }, (_, j) => j), 0]);
    expect(p.row(5)[7]).toBe(20 + 2);
  });
  it('k 2: 20 rows kept', () => {
    const f = lineCtx(30);
    const p = buildSparseMedianProblem(f.ctx, { members: ['A'], k: 2, objective: 'median' });
    for (let j = 0; j < 20; j++) p.row(j);
    p.row(0);
    expect(f.calls).toHaveLength(20);
    p.row(20);
    p.row(0);
    expect(f.calls).toHaveLength(22);
  });
});

describe('sparseEvaluate', () => {
  it('mean over the residents, max over points with residents, covered within T (inclusive)', () => {
    // 3 candidates × 4 points.
    const C = [
      [10, 50, 45, 90],
      [30, 20, 60, 99],
      [40, 40, 46, 100],
    ];
    const p = hand(C, [1, 2, 3, 0], { k: 2, targetMin: 45 });
    const r = sparseEvaluate(p, [0, 1]);
    expect([...r.d]).toEqual([10, 20, 45, 90]);
    // (10 + 40 + 135 + 0) / 6
    expect(r.value.meanMin).toBeCloseTo(185 / 6, 12);
    expect(r.value.objective).toBe(r.value.meanMin);
    // The 90 of a point without residents does not count.
    expect(r.value.maxMin).toBe(45);
    expect(r.value.coveredResidents).toBe(6);
    const s = sparseEvaluate(p, [2]);
    expect([...s.d]).toEqual([40, 40, 46, 100]);
    expect(s.value.maxMin).toBe(46);
    expect(s.value.coveredResidents).toBe(3);
    // No base: every point at Infinity.
    const e = sparseEvaluate(p, []);
    expect(e.value.coveredResidents).toBe(0);
    expect(e.value.maxMin).toBe(Infinity);
  });
  it('covered: a Float32 response equal to T + 10⁻⁹ is within', () => {
    const c = Math.fround(10.3);
    const p = hand([[c, c + 1e-3]], [1, 2], { k: 1, targetMin: c - 1e-9 });
    expect(p.targetMin + 1e-9).toBe(c);
    expect(sparseEvaluate(p, [0]).value.coveredResidents).toBe(1);
  });
  it('no residents: mean 0', () => {
    const p = hand([[5, 7]], [0, 0], { k: 1 });
    const r = sparseEvaluate(p, [0]);
    expect(r.value.meanMin).toBe(0);
    expect(r.value.maxMin).toBe(0);
  });
});

describe('solveSparseMedian', () => {
  // Points and candidates at 0, 5, 10 with 10, 3, 10 residents. Greedy: 5 first (cost 100 vs
  // 115), then 0 (50, tie with 10, lower index); the swap 5 → 10 gives {0, 10} at 15.
  const C3 = lineMatrix([0, 5, 10]);
  const W3 = [10, 3, 10];
  it('greedy then one swap to the optimum', () => {
    const p = hand(C3, W3, { k: 2 });
    const r = solveSparseMedian(p);
    expect(r.open).toEqual([0, 2]);
    expect(r.swaps).toBe(1);
    expect(r.value.meanMin).toBeCloseTo(15 / 23, 12);
    expect(r.value.maxMin).toBe(5);
  });
  it('no passes: the greedy answer', () => {
    const r = solveSparseMedian(hand(C3, W3, { k: 2 }), 0);
    expect(r.open).toEqual([0, 1]);
    expect(r.swaps).toBe(0);
    expect(r.value.meanMin).toBeCloseTo(50 / 23, 12);
  });
  it('k 1: the 1-median, no interchange', () => {
    const r = solveSparseMedian(hand(C3, W3, { k: 1 }));
    expect(r.open).toEqual([1]);
    expect(r.swaps).toBe(0);
    expect(r.value.meanMin).toBeCloseTo(100 / 23, 12);
  });
  it('a fixed base stays; the others are chosen around it', () => {
    // Fixed 1 (at 5): the best second base is 0 or 2 (both 50): 0.
    const p = hand(C3, W3, { k: 2, fixed: [1] });
    const r = solveSparseMedian(p);
    expect(r.open).toEqual([0, 1]);
    expect(r.swaps).toBe(0);
    expect(r.value.meanMin).toBeCloseTo(50 / 23, 12);
    // k 3 with the fixed one: everything open, 0.
    expect(solveSparseMedian(hand(C3, W3, { k: 3, fixed: [1] })).value.meanMin).toBe(0);
  });
  it('fixed bases only (k = fixed): nothing to choose or swap', () => {
    const r = solveSparseMedian(hand(C3, W3, { k: 2, fixed: [2, 1] }));
    expect(r.open).toEqual([1, 2]);
    expect(r.swaps).toBe(0);
    expect(r.value.meanMin).toBeCloseTo(50 / 23, 12);
  });
  it('lists of 1: the first base goes where the most residents have it first, costs beyond from the lists', () => {
    // Lists of 1: each point holds itself, beyond = the next nearest. Savings (dd = beyond):
    // 0: 10 × 5 = 50; 1: 3 × 5 = 15; 2: 50. Greedy: 0; then rows make dd exact: 1 saves 15,
    // 2 saves 10 × 10 − 3 × 0 … (point 1 stays at 5): 100 → 2. Then {0, 2}: optimal, no swap.
    const p = hand(C3, W3, { k: 2, K: 1 });
    expect([...p.beyond]).toEqual([5, 5, 5]);
    const r = solveSparseMedian(p);
    expect(r.open).toEqual([0, 2]);
    expect(r.swaps).toBe(0);
    expect(r.value.meanMin).toBeCloseTo(15 / 23, 12);
  });
  it('the first open row replaces the beyond estimates; savings are then re-read only for the top of the heap', () => {
    // 2 residents at 0…4, 1 at 100, 101, 102; lists of 2. Estimates (beyond): the best first
    // savings are 4 (0, 1, 3, 4; 101: 3): 0 opens. Its row puts the far points at 100…102, and
    // the candidates re-read from the top of the heap: 1 still saves 4 (point 1: 2 × 1, point 2:
    // 2 × 1) and is opened before 101 (whose stale 3 is never re-read, though it would now save
    // 301). Had the far points kept their beyond costs, 1 would save 2 and 3 (saving 4) would open.
    const C = lineMatrix([0, 1, 2, 3, 4, 100, 101, 102]);
    const p = hand(C, [2, 2, 2, 2, 2, 1, 1, 1], { k: 2, K: 2 });
    expect([...p.beyond]).toEqual([2, 1, 1, 1, 2, 2, 1, 2]);
    const r = solveSparseMedian(p, 0);
    expect(r.open).toEqual([0, 1]);
    expect(r.value.meanMin).toBeCloseTo(312 / 13, 12);
    // The interchange then moves a base to the far cluster: the optimum {2, 101} at 14 / 13.
    const s = solveSparseMedian(hand(C, [2, 2, 2, 2, 2, 1, 1, 1], { k: 2, K: 2 }));
    expect(s.open).toEqual([2, 6]);
    // 0 → 2 first (base −4, loss of 0: 2, so −2), then on to the far cluster: three swaps.
    expect(s.swaps).toBe(3);
    expect(s.value.meanMin).toBeCloseTo(14 / 13, 12);
  });
  it('an infinite beyond (lists hold every candidate) uses the last cost in the list as the estimate', () => {
    const p = hand(C3, W3, { k: 1, K: 3 });
    expect([...p.beyond]).toEqual([Infinity, Infinity, Infinity]);
    // dd = the last list cost [10, 5, 10]: savings 0: 10·10 = 100; 1: 10·5 + 3·5 + 10·5 = 115;
    // 2: 100. (Infinite estimates would tie every saving and open 0.)
    const r = solveSparseMedian(p);
    expect(r.open).toEqual([1]);
  });
  it('full lists, random instances: 1-swap optimal, exact value, never worse than the greedy', () => {
    for (const [seed, m, n, k] of [[1, 8, 10, 3], [2, 9, 12, 2], [3, 10, 12, 4], [4, 7, 9, 3], [5, 10, 10, 5]]) {
      const { C, w } = randomInstance(seed, m, n);
      const p = hand(C, w, { k });
      const r = solveSparseMedian(p);
      const g = solveSparseMedian(hand(C, w, { k }), 0);
      expect(r.open).toHaveLength(k);
      expect(new Set(r.open).size).toBe(k);
      expect(r.open).toEqual([...r.open].sort((a, b) => a - b));
      expect(r.value.meanMin).toBeCloseTo(meanOf(C, w, r.open), 9);
      expect(g.value.meanMin).toBeCloseTo(meanOf(C, w, g.open), 9);
      expect(r.value.meanMin).toBeLessThanOrEqual(g.value.meanMin + 1e-12);
      if (r.swaps === 0) expect(r.open).toEqual(g.open);
      else expect(r.value.meanMin).toBeLessThan(g.value.meanMin);
      // No single swap improves.
      for (const out of r.open) for (let a = 0; a < m; a++) {
        if (r.open.includes(a)) continue;
        const alt = r.open.map((j) => (j === out ? a : j));
        expect(meanOf(C, w, alt)).toBeGreaterThanOrEqual(r.value.meanMin - 1e-9);
      }
    }
  });
  it('after a swap, a point whose second-nearest left is recomputed too (small integer costs, many ties)', () => {
    // Seed 338 of a tie-heavy family: with only the points whose nearest left recomputed, a stale
    // second-nearest makes a losing swap look good after the first (the result is worse than the greedy).
    const r = rng(338);
    const m = 6 + Math.floor(r() * 7);
    const n = 6 + Math.floor(r() * 7);
    const k = 2 + Math.floor(r() * 3);
    const C = Array.from({ length: m }, () => Array.from({ length: n }, () => Math.floor(r() * 30)));
    const w = Array.from({ length: n }, () => 1 + Math.floor(r() * 3));
    const res = solveSparseMedian(hand(C, w, { k }), 50);
    const g = solveSparseMedian(hand(C, w, { k }), 0);
    expect(res.swaps).toBe(1);
    expect(res.value.meanMin).toBeLessThan(g.value.meanMin);
    expect(res.value.meanMin).toBeCloseTo(meanOf(C, w, res.open), 9);
    for (const out of res.open) for (let a = 0; a < m; a++) {
      if (res.open.includes(a)) continue;
      expect(meanOf(C, w, res.open.map((j) => (j === out ? a : j)))).toBeGreaterThanOrEqual(res.value.meanMin - 1e-9);
    }
  });
  it('two passes when the first leaves an improving swap (seed 20 of the tie-heavy family); the open set sorted as numbers', () => {
    const r = rng(20);
    const m = 6 + Math.floor(r() * 7);
    const n = 6 + Math.floor(r() * 7);
    const k = 2 + Math.floor(r() * 3);
    const C = Array.from({ length: m }, () => Array.from({ length: n }, () => Math.floor(r() * 30)));
    const w = Array.from({ length: n }, () => 1 + Math.floor(r() * 3));
    const one = solveSparseMedian(hand(C, w, { k }), 1);
    const all = solveSparseMedian(hand(C, w, { k }));
    expect(one.swaps).toBe(1);
    expect(all.swaps).toBe(2);
    expect(all.value.meanMin).toBeLessThan(one.value.meanMin);
    expect(all.value.meanMin).toBeCloseTo(meanOf(C, w, all.open), 9);
    // Positions on both sides of 10: a sort as strings would put 10 first.
    expect(all.open.some((j) => j >= 10) && all.open.some((j) => j < 10)).toBe(true);
    expect(all.open).toEqual([...all.open].sort((a, b) => a - b));
  });
  it('with a fixed base the greedy starts from the exact distances to it, not from the list estimates', () => {
    // Points at 0 (1 resident), 9 and 10 (5 each); 10 fixed. Exact: dd = (10, 1, 0): 0 saves 10,
    // 9 saves 5 + 1: 0 opens. (The list estimates, 10, 9, 10, would make 9 save 91.)
    const C = lineMatrix([0, 9, 10]);
    const r = solveSparseMedian(hand(C, [1, 5, 5], { k: 2, fixed: [2] }), 0);
    expect(r.open).toEqual([0, 2]);
    expect(r.value.meanMin).toBeCloseTo(5 / 11, 12);
  });
  it('greedy on full lists: the plain greedy (largest saving each time, ties to the lower index)', () => {
    for (const [seed, m, n, k] of [[11, 8, 10, 3], [12, 9, 12, 4]]) {
      const { C, w } = randomInstance(seed, m, n);
      const g = solveSparseMedian(hand(C, w, { k }), 0);
      const open: number[] = [];
      for (let s = 0; s < k; s++) {
        let best = -1;
        let bv = Infinity;
        for (let j = 0; j < m; j++) {
          if (open.includes(j)) continue;
          const v = meanOf(C, w, [...open, j]);
          if (v < bv - 1e-12) {
            bv = v;
            best = j;
          }
        }
        open.push(best);
      }
      expect(g.open).toEqual([...open].sort((a, b) => a - b));
    }
  });
  it('truncated lists, random instances: exact value, never worse than the greedy, fixed bases kept', () => {
    for (const [seed, m, n, k, K] of [[21, 10, 14, 3, 3], [22, 12, 14, 4, 2], [23, 10, 12, 3, 4]]) {
      const { C, w } = randomInstance(seed, m, n);
      const r = solveSparseMedian(hand(C, w, { k, K }));
      const g = solveSparseMedian(hand(C, w, { k, K }), 0);
      expect(r.value.meanMin).toBeCloseTo(meanOf(C, w, r.open), 9);
      expect(r.value.meanMin).toBeLessThanOrEqual(g.value.meanMin + 1e-12);
      const fx = solveSparseMedian(hand(C, w, { k, K, fixed: [m - 1] }));
      expect(fx.open).toContain(m - 1);
      expect(fx.open).toHaveLength(k);
      expect(fx.value.meanMin).toBeCloseTo(meanOf(C, w, fx.open), 9);
    }
  });
  it('swaps stop after maxPasses passes', () => {
    // Count the passes through the rows read: each applied swap reads the new base's row.
    let total = 0;
    for (const [seed, m, n, k] of [[1, 8, 10, 3], [2, 9, 12, 2], [3, 10, 12, 4], [4, 7, 9, 3], [5, 10, 10, 5], [6, 12, 12, 4]]) {
      const { C, w } = randomInstance(seed, m, n);
      const one = solveSparseMedian(hand(C, w, { k }), 1);
      const all = solveSparseMedian(hand(C, w, { k }));
      expect(one.swaps).toBeLessThanOrEqual(all.swaps);
      expect(all.value.meanMin).toBeLessThanOrEqual(one.value.meanMin + 1e-12);
      total += all.swaps;
    }
    expect(total).toBeGreaterThan(0);
  });
});

describe('sparseMedianBound', () => {
  const UNTIMED = { maxMs: 600_000 };
  // Six candidates, each at its own point (cost 0), 10 to every other point; incumbent {0, 1}.
  const OWN = Array.from({ length: 6 }, (_, j) => Array.from({ length: 6 }, (_, i) => (i === j ? 0 : 10)));
  const WOWN = [1, 1, 3, 5, 2, 4];
  it('proves the 0/5/10 optimum in two iterations', () => {
    // λ⁰ = w d = (0, 15, 0): ρ = (0, −15, 0), L = 15 − 15 = 0. Subgradient (1, 0, 1), step
    // 2 × 15 / 2 = 15: λ = (15, 15, 15), ρ = (−15, −15, −15), L = 45 − 30 = 15 = the incumbent.
    const p = hand(lineMatrix([0, 5, 10]), [10, 3, 10], { k: 2 });
    const t0 = performance.now();
    const b = sparseMedianBound(p, [2, 0], UNTIMED);
    const elapsed = performance.now() - t0;
    expect(b.ms).toBeLessThanOrEqual(elapsed + 1e-6);
    expect(b.bound).toBeCloseTo(15 / 23, 12);
    expect(b.proven).toBe(true);
    expect(b.gapPct).toBe(0);
    expect(b.travelGapPct).toBe(0);
    expect(b.iterations).toBe(2);
    expect(b.method).toBe('lagrangian');
    expect(b.incumbent.open).toEqual([0, 2]);
    expect(b.incumbent.value.meanMin).toBeCloseTo(15 / 23, 12);
    expect(b.ms).toBeGreaterThanOrEqual(0);
  });
  it('one iteration: Σ λ⁰ plus the need most negative ρ; gaps on the whole and on travel', () => {
    // λ⁰ = w d = (0, 0, 30, 50, 20, 40), ρ = −λ⁰ on each own candidate: the two most negative
    // are −50 and −40: L = 140 − 90 = 50, the bound 50 / 16 against the incumbent's 140 / 16.
    const p = hand(OWN, WOWN, { k: 2, fixedMin: 1 });
    const b = sparseMedianBound(p, [1, 0], { ...UNTIMED, maxIterations: 1 });
    expect(b.bound).toBe(50 / 16);
    expect(b.proven).toBe(false);
    expect(b.gapPct).toBeCloseTo(((8.75 - 3.125) / 3.125) * 100, 9);
    expect(b.travelGapPct).toBeCloseTo(((7.75 - 2.125) / 2.125) * 100, 9);
    // The loop ran once and was not stopped: it counts as it would after the last step.
    expect(b.iterations).toBe(2);
    // Three of them: −50 − 40 − 30, L = 20.
    expect(sparseMedianBound(hand(OWN, WOWN, { k: 3 }), [0, 1], { ...UNTIMED, maxIterations: 1 }).bound).toBe(20 / 16);
    // Out of time after the first: one iteration.
    const t = sparseMedianBound(hand(OWN, WOWN, { k: 2 }), [0, 1], { maxMs: -1, maxIterations: 5 });
    expect(t.iterations).toBe(1);
    expect(t.bound).toBe(50 / 16);
  });
  it('the best iteration is kept, not the last', () => {
    // Second iteration: subgradient (1, 1, 1, 0, 1, 0), step 2 × 90 / 4 = 45: λ = (45, 45, 75,
    // 50, 65, 40), Σ 320; ρ = (−170, −170, −190, −210, −180, −200): L = 320 − 410 = −90 < 50.
    const b = sparseMedianBound(hand(OWN, WOWN, { k: 2 }), [0, 1], { ...UNTIMED, maxIterations: 2 });
    expect(b.bound).toBe(50 / 16);
    expect(b.iterations).toBe(3);
  });
  it('a fixed base is always in the relaxation; the need is k minus the fixed', () => {
    // Fixed 5 (ρ −40) plus the one most negative free (−50): L = 140 − 90 = 50.
    const p = hand(OWN, WOWN, { k: 2, fixed: [5] });
    expect(sparseMedianBound(p, [0, 1], { ...UNTIMED, maxIterations: 1 }).bound).toBe(50 / 16);
    // Fixed 4 (ρ −20) plus 3 (−50): L = 140 − 70 = 70.
    const q = hand(OWN, WOWN, { k: 2, fixed: [4] });
    expect(sparseMedianBound(q, [0, 1], { ...UNTIMED, maxIterations: 1 }).bound).toBe(70 / 16);
    // Every base fixed: only their ρ (−50, −40).
    const r = hand(OWN, WOWN, { k: 2, fixed: [3, 5] });
    expect(sparseMedianBound(r, [0, 1], { ...UNTIMED, maxIterations: 1 }).bound).toBe(50 / 16);
    const s = hand(OWN, WOWN, { k: 2, fixed: [2, 4] });
    expect(sparseMedianBound(s, [0, 1], { ...UNTIMED, maxIterations: 1 }).bound).toBe(90 / 16);
    // Fixed 3, the most negative of all: counted once, plus 5 (−40) among the free.
    const t = hand(OWN, WOWN, { k: 2, fixed: [3] });
    expect(sparseMedianBound(t, [0, 1], { ...UNTIMED, maxIterations: 1 }).bound).toBe(50 / 16);
  });
  it('λ is capped a hair under w × the cost beyond the list', () => {
    // Lists of 1: beyond 10, so λ_i ≤ 10 w_i (1 − 10⁻⁶): L = (140 − 90)(1 − 10⁻⁶).
    const p = hand(OWN, WOWN, { k: 2, K: 1 });
    const b = sparseMedianBound(p, [0, 1], { ...UNTIMED, maxIterations: 1 });
    expect(b.bound).toBeCloseTo((50 * (1 - 1e-6)) / 16, 12);
    expect(b.bound).toBeLessThan(50 / 16 - 1e-6);
  });
  it('one iteration on random instances: Σ λ⁰ + the need smallest ρ⁰ (+ the fixed)', () => {
    for (const [seed, m, n, k, K, nf] of [[31, 9, 12, 3, 9, 0], [32, 10, 12, 4, 3, 1], [33, 12, 10, 5, 4, 2], [34, 8, 12, 2, 2, 0], [35, 11, 9, 6, 11, 0]]) {
      const { C, w } = randomInstance(seed, m, n);
      const fixed = Array.from({ length: nf }, (_, t) => m - 1 - 2 * t);
      const p = hand(C, w, { k, K, fixed });
      const inc = solveSparseMedian(hand(C, w, { k, K, fixed }), 0).open;
      const d = w.map((_, i) => Math.min(...inc.map((j) => C[j][i])));
      const lam = w.map((wi, i) => Math.min(wi * d[i], Number.isFinite(p.beyond[i]) ? wi * p.beyond[i] * (1 - 1e-6) : Infinity));
      // ρ_j: over the points holding j in their list (the cap keeps the others at 0).
      const inList = (i: number, j: number): boolean => [...p.cand.subarray(i * K, i * K + K)].includes(j);
      const rho = C.map((row, j) => row.reduce((s, c, i) => s + (inList(i, j) ? Math.min(0, w[i] * c - lam[i]) : 0), 0));
      const free = rho.map((r, j) => [r, j]).filter(([, j]) => !fixed.includes(j)).sort((a, b) => a[0] - b[0]);
      const L = lam.reduce((a, b) => a + b, 0) + fixed.reduce((s, j) => s + rho[j], 0) + free.slice(0, k - nf).reduce((s, [r]) => s + r, 0);
      const W = w.reduce((a, b) => a + b, 0);
      const b = sparseMedianBound(p, inc, { ...UNTIMED, maxIterations: 1 });
      expect(b.bound).toBeCloseTo(Math.min(L, meanOf(C, w, inc) * W) / W, 9);
    }
  });
  it('random instances: a valid bound (below the optimum), close to it with full lists', () => {
    for (const [seed, m, n, k, K] of [[41, 8, 10, 3, 8], [42, 9, 10, 2, 2], [43, 8, 12, 3, 3], [44, 10, 10, 4, 10], [45, 9, 9, 3, 1]]) {
      const { C, w } = randomInstance(seed, m, n);
      const opt = Math.min(...subsets(m, k).map((s) => meanOf(C, w, s)));
      const inc = solveSparseMedian(hand(C, w, { k, K })).open;
      const b = sparseMedianBound(hand(C, w, { k, K }), inc, { ...UNTIMED, maxIterations: 200 });
      expect(b.bound).toBeLessThanOrEqual(opt + 1e-9);
      if (K === m) expect(b.bound).toBeGreaterThan(0.95 * opt);
      expect(b.proven).toBe(b.bound >= meanOf(C, w, inc) - 1e-9 * Math.max(1, meanOf(C, w, inc)));
      if (!b.proven) expect(b.gapPct).toBeCloseTo(((meanOf(C, w, inc) - b.bound) / b.bound) * 100, 6);
    }
  });
  it('the step: θ (ub − L) / ‖g‖², λ clipped to [0, cap]; θ halves after 60 iterations without progress', () => {
    // A plain re-statement of the subgradient on random instances with Float32 costs (no ties):
    // the bound and the iteration count must match it step for step.
    for (const [seed, m, n, k, K] of [[61, 8, 10, 3, 8], [62, 9, 10, 2, 3], [64, 8, 9, 3, 2]]) {
      const r = rng(seed);
      const C = Array.from({ length: m }, () => Array.from({ length: n }, () => Math.fround(20 + r() * 80)));
      const w = Array.from({ length: n }, () => 1 + Math.floor(r() * 9));
      const p = hand(C, w, { k, K });
      const inc = [0, 1, 2].slice(0, k);
      const d = w.map((_, i) => Math.min(...inc.map((j) => C[j][i])));
      const W = w.reduce((a, b) => a + b, 0);
      const ub = w.reduce((s, wi, i) => s + wi * d[i], 0);
      const cap = w.map((wi, i) => (Number.isFinite(p.beyond[i]) ? wi * p.beyond[i] * (1 - 1e-6) : Infinity));
      let lam = w.map((wi, i) => Math.min(wi * d[i], cap[i]));
      const lists = w.map((_, i) => new Set(p.cand.subarray(i * K, i * K + K)));
      const inList = (i: number, j: number): boolean => lists[i].has(j);
      let best = -Infinity;
      let theta = 2;
      let since = 0;
      let it = 0;
      for (; it < 150; it++) {
        const rho = C.map((row, j) => row.reduce((s, c, i) => s + (inList(i, j) ? Math.min(0, w[i] * c - lam[i]) : 0), 0));
        const chosen = rho.map((x, j) => [x, j]).sort((a, b) => a[0] - b[0]).slice(0, k).map(([, j]) => j);
        const L = lam.reduce((a, b) => a + b, 0) + chosen.reduce((s, j) => s + rho[j], 0);
        if (L > best + 1e-12 * Math.abs(L)) {
          best = L;
          since = 0;
        } else if (++since >= 60) {
          theta /= 2;
          since = 0;
        }
        if (ub - best <= 1e-9 * ub || theta < 1e-4) break;
        const g = w.map((wi, i) => 1 - chosen.filter((j) => inList(i, j) && wi * C[j][i] - lam[i] < 0).length);
        const norm = g.reduce((s, x) => s + x * x, 0);
        if (norm === 0) break;
        const step = (theta * (ub - L)) / norm;
        lam = lam.map((l, i) => (g[i] !== 0 ? Math.min(cap[i], Math.max(0, l + step * g[i])) : l));
      }
      const b = sparseMedianBound(p, inc, { ...UNTIMED, maxIterations: 150 });
      expect(b.bound).toBeCloseTo(Math.min(best, ub) / W, 7);
      expect(b.iterations).toBe(it + 1);
    }
  });
  it('λ stuck at the caps: no progress after the second iteration, θ halves every 60 until under 10⁻⁴', () => {
    // Lists of 1 on the own-candidate game: after one step every λ is at its cap (10 w (1 − 10⁻⁶));
    // L = Σ λ − 50 − 40 (in cap units) = 70 from then on. θ = 2 / 2¹⁵ < 10⁻⁴ after 15 × 60 more.
    // Default budget (1.5 s): a few milliseconds here, the iterations decide.
    const b = sparseMedianBound(hand(OWN, WOWN, { k: 2, K: 1 }), [0, 1]);
    expect(b.bound).toBeCloseTo((70 * (1 - 1e-6)) / 16, 12);
    expect(b.iterations).toBe(902);
    expect(b.proven).toBe(false);
  });
  it('λ held at 0 by a zero cap: L = 0 every iteration, never an improvement, 901 iterations', () => {
    // Two candidates at cost 0 for both points, lists of 1: the cost beyond is 0, so λ ≤ 0.
    const p = hand([[0, 0], [0, 0], [5, 5]], [1, 2], { k: 1, K: 1 });
    expect([...p.beyond]).toEqual([0, 0]);
    const b = sparseMedianBound(p, [2], UNTIMED);
    expect(b.bound).toBe(0);
    expect(b.iterations).toBe(901);
    expect(b.proven).toBe(false);
    expect(b.gapPct).toBe(Infinity);
  });
  it('every point taken by exactly one chosen candidate: the subgradient is 0, stop after one iteration', () => {
    // Lists of 2; incumbent {4}: d = (1, 3, 4), ub = 15. λ⁰ = (2, 9⁻, 2⁻) (the last two at their
    // caps 3 × 3 and 1 × 2, less 10⁻⁶). ρ₂ = −2 − 9⁻ − 1⁺ is the most negative: L = 13⁻ − 12⁻ = 1,
    // and each point has exactly one chosen candidate under its λ: g = 0, nothing left to move.
    const C = [[2, 5, 2], [4, 4, 0], [0, 0, 1], [2, 0, 3], [1, 3, 4]];
    const p = hand(C, [2, 3, 1], { k: 1, K: 2 });
    expect([...p.beyond]).toEqual([2, 3, 2]);
    const b = sparseMedianBound(p, [4], UNTIMED);
    expect(b.iterations).toBe(1);
    expect(b.bound).toBeCloseTo(1 / 6, 9);
    expect(b.proven).toBe(false);
    expect(b.gapPct).toBeCloseTo(((2.5 - 1 / 6) / (1 / 6)) * 100, 6);
    // The relaxation's candidate {2} is optimal (1 / 6), but the incumbent reported stays the one given.
    expect(b.incumbent.open).toEqual([4]);
    expect(b.incumbent.value.meanMin).toBe(2.5);
  });
  it('an incumbent at 0: proven at once', () => {
    const b = sparseMedianBound(hand(lineMatrix([0, 5, 10]), [10, 3, 10], { k: 3 }), [0, 1, 2], UNTIMED);
    expect(b.bound).toBe(0);
    expect(b.proven).toBe(true);
    expect(b.iterations).toBe(1);
  });
  it('points without residents change nothing', () => {
    const { C, w } = randomInstance(51, 8, 10);
    const C2 = C.map((row, j) => [...row, 3 + j, 50 - j]);
    const inc = solveSparseMedian(hand(C, w, { k: 3 })).open;
    for (const K of [8, 3]) {
      const a = sparseMedianBound(hand(C, w, { k: 3, K }), inc, { ...UNTIMED, maxIterations: 150 });
      const b = sparseMedianBound(hand(C2, [...w, 0, 0], { k: 3, K }), inc, { ...UNTIMED, maxIterations: 150 });
      expect(b.bound).toBeCloseTo(a.bound, 12);
      expect(b.iterations).toBe(a.iterations);
    }
  });
  it('no residents: bound 0, proven', () => {
    const b = sparseMedianBound(hand(lineMatrix([0, 5, 10]), [0, 0, 0], { k: 1 }), [1], UNTIMED);
    expect(b.bound).toBe(0);
    expect(b.proven).toBe(true);
    expect(b.gapPct).toBe(0);
    expect(b.iterations).toBe(1);
  });
});

describe('sparseKpis', () => {
  it('per member and for the whole association', () => {
    // 0/5/10 with bases at 0 and 10: responses 0, 5, 0; members {0, 1} and {2}; T 3.
    const p = hand(lineMatrix([0, 5, 10]), [10, 3, 10], { k: 2, targetMin: 3, members: [0, 0, 1] });
    const k = sparseKpis(p, [0, 2]);
    expect(k).toHaveLength(3);
    expect(k[0]).toEqual({ ambito: 'M0', name: 'Membro 0', residents: 13, meanMin: 15 / 13, p90Min: 5, maxMin: 5, shareWithinT: 10 / 13 });
    expect(k[1]).toEqual({ ambito: 'M1', name: 'Membro 1', residents: 10, meanMin: 0, p90Min: 0, maxMin: 0, shareWithinT: 1 });
    expect(k[2]).toEqual({ ambito: 'totale', name: 'Intera associazione', residents: 23, meanMin: 15 / 23, p90Min: 5, maxMin: 5, shareWithinT: 20 / 23 });
    // One base at 0: 0, 5, 10.
    const one = sparseKpis(p, [0]);
    expect(one[1]).toEqual({ ambito: 'M1', name: 'Membro 1', residents: 10, meanMin: 10, p90Min: 10, maxMin: 10, shareWithinT: 0 });
    expect(one[2].p90Min).toBe(10);
  });
});
