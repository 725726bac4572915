// siting.ts on hand-built fixtures: the problem builder (validation and its Italian messages,
// candidate / fixed / "before" lists, costs, the travel-row cache flag), candidate restriction,
// evaluation, the lexicographic score, the dense greedy and the three heuristics, member KPIs.
import { beforeEach, describe, expect, it } from 'vitest';
import { lineTerritory } from '../../src/core/sim/synthetic.ts';
import type { TerritoryData } from '../../src/core/territory/types.ts';
import { createTravelContext, type TravelContext } from '../../src/core/travel/context.ts';
import {
  ambitoOfComuni, better, buildSitingProblem, evaluateOpen, fillOpen, greedyDense, isSelectable, KEEP_ROWS_UP_TO, memberKpis,
  responseFixedMin, responseOf, restrictCandidates, scoreInto, SitingError, solveHeuristic, valueOfResponse,
  type SitingObjective, type SitingProblem, type SitingRequest,
} from '../../src/core/optimise/siting.ts';

/** A problem from a hand-written matrix: cost[j][i] = minutes from candidate j to point i. */
function hand(cost: number[][], weights: number[], opts: Partial<SitingProblem> = {}): SitingProblem {
  const n = weights.length;
  return {
    members: ['A1'],
    memberNames: ['Ambito A1'],
    objective: 'median',
    k: 1,
    targetMin: 30,
    band: 'closure',
    points: Int32Array.from(weights.map((_, i) => i)),
    weights: Float64Array.from(weights),
    totalResidents: weights.reduce((a, b) => a + b, 0),
    memberOfPoint: new Int32Array(n),
    candidates: cost.map((_, j) => j),
    fixed: [],
    before: [],
    cost: Float32Array.from(cost.flat()),
    warnings: [],
    ...opts,
  };
}

function errorOf(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('no error thrown');
}

// 4 candidates × 4 unit-weight points.
const M4 = [
  [0, 1, 9, 9],
  [4, 4, 4, 4],
  [9, 9, 0, 5],
  [1, 0, 9, 9],
];

describe('SitingError, ambitoOfComuni, responseFixedMin', () => {
  it('SitingError is an Error named SitingError', () => {
    const e = new SitingError('messaggio');
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('SitingError');
    expect(e.message).toBe('messaggio');
  });

  it('applies the what-if overrides, ignores unknown comuni, leaves the data alone', () => {
    const ctx = createTravelContext(lineTerritory(5, 3));
    expect(ambitoOfComuni(ctx)).toEqual(['A1', 'A1', 'A1', 'A2', 'A2']);
    const out = ambitoOfComuni(ctx, { '000004': 'A1', '000001': 'A9', '999999': 'A2' });
    expect(out).toEqual(['A9', 'A1', 'A1', 'A1', 'A2']);
    expect(Object.keys(out)).toEqual(['0', '1', '2', '3', '4']);
    expect(ctx.data.comuni.map((c) => c.ambito)).toEqual(['A1', 'A1', 'A1', 'A2', 'A2']);
  });

  it('triage plus the band mobilisation', () => {
    expect(responseFixedMin('closure')).toBe(20);
    expect(responseFixedMin('night')).toBe(25);
    expect(responseFixedMin('office', { triageMin: 2, mobilisationMinByBand: { office: 7, closure: 1, night: 1, saturday: 1, holiday: 1 } })).toBe(9);
  });
});

describe('buildSitingProblem: validation', () => {
  let ctx: TravelContext;
  let data: TerritoryData;
  beforeEach(() => {
    data = lineTerritory(5, 3);
    data.ambiti.push({ ...data.ambiti[0], code: 'A3', name: 'Ambito A3' }, { ...data.ambiti[0], code: 'A4', name: 'Ambito A4' });
    ctx = createTravelContext(data);
  });
  const req = (r: Partial<SitingRequest>): SitingRequest => ({ members: ['A1', 'A2'], k: 1, objective: 'median', ...r });

  it('rejects impossible requests with exact Italian messages', () => {
    const cases: [Partial<SitingRequest>, string][] = [
      [{ members: [] }, 'Localizzazione: indicare almeno un Ambito del PIS'],
      [{ members: ['A1', 'ZZ'] }, 'Localizzazione: Ambito ZZ sconosciuto'],
      [{ objective: 'best' as SitingObjective }, 'Localizzazione: obiettivo "best" non valido (median, center o cover)'],
      [{ targetMin: 0 }, 'Localizzazione: soglia T non valida (0 min)'],
      [{ targetMin: -5 }, 'Localizzazione: soglia T non valida (-5 min)'],
      [{ targetMin: NaN }, 'Localizzazione: soglia T non valida (NaN min)'],
      [{ members: ['A3', 'A4'] }, 'Localizzazione: gli Ambiti A3, A4 non hanno comuni'],
      [{ candidates: ['000001', '999999'] }, "Localizzazione: comune candidato 999999 non è un comune lombardo dell'elenco"],
      [{ fixed: ['999998'] }, "Localizzazione: base fissa 999998 non è un comune lombardo dell'elenco"],
      [{ before: ['999997'] }, "Localizzazione: base attuale 999997 non è un comune lombardo dell'elenco"],
      [{ k: 1.5 }, 'Localizzazione: il numero di basi deve essere un intero ≥ 1 (valore: 1.5)'],
      [{ k: 0 }, 'Localizzazione: il numero di basi deve essere un intero ≥ 1 (valore: 0)'],
      [{ k: 1, fixed: ['000001', '000002'] }, 'Localizzazione: 1 basi in totale sono meno delle 2 basi fisse'],
      [{ members: ['A1'], k: 4 }, 'Localizzazione: 4 basi richieste ma solo 3 comuni candidati'],
      [{ candidates: ['000001'], fixed: ['000002'], before: ['000003', '000004'], k: 3 }, 'Localizzazione: 3 basi richieste ma solo 2 comuni candidati'],
    ];
    for (const [r, message] of cases) {
      const e = errorOf(() => buildSitingProblem(ctx, req(r)));
      expect(e).toBeInstanceOf(SitingError);
      expect(e.message).toBe(message);
    }
  });

  it('a member with comuni but no residents has no demand', () => {
    const empty = createTravelContext(lineTerritory(5, 3, [0, 0, 0, 0, 0]));
    expect(errorOf(() => buildSitingProblem(empty, req({}))).message).toBe('Localizzazione: nessun residente negli Ambiti A1, A2');
    const half = createTravelContext(lineTerritory(5, 3, [1000, 1000, 1000, 0, 0]));
    expect(errorOf(() => buildSitingProblem(half, req({ members: ['A2'] }))).message).toBe('Localizzazione: nessun residente negli Ambiti A2');
    expect(buildSitingProblem(half, req({ members: ['A1'] })).points).toHaveLength(3);
  });

  it('accepts T > 0 and k equal to the selectable comuni', () => {
    const p = buildSitingProblem(ctx, req({ members: ['A1'], k: 3, targetMin: 0.5 }));
    expect(p.targetMin).toBe(0.5);
    expect(p.k).toBe(3);
  });
});

describe('buildSitingProblem: lists and costs', () => {
  let ctx: TravelContext;
  beforeEach(() => {
    ctx = createTravelContext(lineTerritory(5, 3, [1000, 2000, 3000, 4000, 5000]));
  });

  it('defaults: every member comune a candidate, no fixed or before bases, no warnings, T 45, closure', () => {
    const p = buildSitingProblem(ctx, { members: ['A2', 'A1', 'A2'], k: 2, objective: 'cover' });
    expect(p.members).toEqual(['A2', 'A1']);
    expect(p.memberNames).toEqual(['Ambito A2', 'Ambito A1']);
    expect(p.objective).toBe('cover');
    expect(p.k).toBe(2);
    expect(p.targetMin).toBe(45);
    expect(p.band).toBe('closure');
    expect(p.candidates).toEqual([0, 1, 2, 3, 4]);
    expect(p.fixed).toEqual([]);
    expect(p.before).toEqual([]);
    expect(p.warnings).toEqual([]);
    expect(isSelectable(p)).toEqual([true, true, true, true, true]);
    const { demand } = ctx;
    expect(Array.from(p.points)).toEqual(Array.from({ length: demand.count }, (_, i) => i));
    expect(Array.from(p.weights)).toEqual(Array.from(demand.residents));
    expect(p.totalResidents).toBe(15000);
    // Comuni 1-3 are A1 (member 1), 4-5 are A2 (member 0).
    expect(Array.from(p.memberOfPoint)).toEqual(Array.from(demand.comune).map((c) => (c < 3 ? 1 : 0)));
  });

  it('costs: fixed response minutes plus the band-scaled travel time, row per candidate', () => {
    const response = { triageMin: 2, mobilisationMinByBand: { office: 1, closure: 1, night: 3, saturday: 1, holiday: 1 } };
    const p = buildSitingProblem(ctx, { members: ['A2'], k: 1, objective: 'median', band: 'night', response, candidates: ['000005', '000002'] });
    const { demand } = ctx;
    const pts: number[] = [];
    for (let q = demand.firstOfComune[3]; q < demand.firstOfComune[5]; q++) pts.push(q);
    expect(Array.from(p.points)).toEqual(pts);
    expect(p.candidates).toEqual([1, 4]);
    const n = pts.length;
    expect(p.cost).toHaveLength(2 * n);
    p.candidates.forEach((c, j) => {
      const t = ctx.travelToPoints(c);
      pts.forEach((q, i) => expect(p.cost[j * n + i]).toBe(Math.fround(5 + t[q] * 0.8)));
    });
    expect(p.cost[0]).toBeGreaterThan(5);
  });

  it('a what-if move changes the member comuni', () => {
    const p = buildSitingProblem(ctx, { members: ['A1'], k: 1, objective: 'median', compositionOverrides: { '000004': 'A1', '000001': 'A2' } });
    expect(p.candidates).toEqual([1, 2, 3]);
    expect(p.totalResidents).toBe(2000 + 3000 + 4000);
  });

  it('sorts candidates, fixed and before positions; fixed outside the candidates are added with a warning', () => {
    const p = buildSitingProblem(ctx, { members: ['A1', 'A2'], k: 3, objective: 'median', candidates: ['000003', '000001', '000002'], fixed: ['000005', '000001', '000005'], before: ['000004', '000002'] });
    expect(p.candidates).toEqual([0, 1, 2, 3, 4]);
    expect(p.fixed).toEqual([0, 4]);
    expect(p.before).toEqual([1, 3]);
    expect(p.warnings).toEqual(['La base fissa a Comune 5 non era tra i candidati: aggiunta']);
    // The "before" base 4 is only there for the KPIs.
    expect(isSelectable(p)).toEqual([true, true, true, false, true]);
  });

  it('before defaults to the fixed bases; a fixed base among the candidates warns nothing', () => {
    const p = buildSitingProblem(ctx, { members: ['A1', 'A2'], k: 2, objective: 'median', candidates: ['000004', '000001'], fixed: ['000004'] });
    expect(p.candidates).toEqual([0, 3]);
    expect(p.fixed).toEqual([1]);
    expect(p.before).toEqual([1]);
    expect(p.warnings).toEqual([]);
  });

  it('keeps the travel rows cached for small problems', () => {
    const keeps: (boolean | undefined)[] = [];
    const spy: TravelContext = { ...ctx, travelToPoints: (c, bp, keep) => (keeps.push(keep), ctx.travelToPoints(c, bp, keep)) };
    buildSitingProblem(spy, { members: ['A1', 'A2'], k: 1, objective: 'median' });
    expect(keeps).toEqual([true, true, true, true, true]);
  });

  it('does not keep travel rows above KEEP_ROWS_UP_TO candidates', () => {
    // A stub context: one demand point (comune 0), m comuni; only the keep flag matters here.
    const stub = (m: number): { ctx: TravelContext; keeps: (boolean | undefined)[] } => {
      const base = lineTerritory(2, 2);
      const comuni = Array.from({ length: m }, (_, i) => ({ ...base.comuni[0], istat: String(i + 1).padStart(6, '0'), ambito: 'A1' }));
      const firstOfComune = new Int32Array(m + 1).fill(1);
      firstOfComune[0] = 0;
      const keeps: (boolean | undefined)[] = [];
      const c = {
        data: { ...base, comuni },
        demand: { count: 1, comune: Int32Array.of(0), residents: Float64Array.of(10), firstOfComune },
        bandFactor: () => 1,
        travelToPoints: (_c: number, _p: unknown, keep?: boolean) => (keeps.push(keep), Float32Array.of(3)),
      } as unknown as TravelContext;
      return { ctx: c, keeps };
    };
    const at = stub(KEEP_ROWS_UP_TO);
    const p = buildSitingProblem(at.ctx, { members: ['A1'], k: 1, objective: 'median', candidates: at.ctx.data.comuni.map((c) => c.istat) });
    expect(p.candidates).toHaveLength(2000);
    expect(p.cost[1999]).toBe(23);
    expect(new Set(at.keeps)).toEqual(new Set([true]));
    const above = stub(KEEP_ROWS_UP_TO + 1);
    buildSitingProblem(above.ctx, { members: ['A1'], k: 1, objective: 'median', candidates: above.ctx.data.comuni.map((c) => c.istat) });
    expect(above.keeps).toHaveLength(2001);
    expect(new Set(above.keeps)).toEqual(new Set([false]));
  });
});

describe('restrictCandidates', () => {
  let p: SitingProblem;
  beforeEach(() => {
    const ctx = createTravelContext(lineTerritory(5, 3));
    // candidates 0 1 2 (+ fixed 3, warned) + before 4; before also includes candidate 0.
    p = buildSitingProblem(ctx, { members: ['A1', 'A2'], k: 2, objective: 'median', candidates: ['000001', '000002', '000003'], fixed: ['000004'], before: ['000005', '000001'] });
  });

  it('keeps the given positions, the fixed and the before ones, in order, with their rows', () => {
    expect(p.candidates).toEqual([0, 1, 2, 3, 4]);
    expect(p.fixed).toEqual([3]);
    expect(p.before).toEqual([0, 4]);
    expect(isSelectable(p)).toEqual([true, true, true, true, false]);
    const r = restrictCandidates(p, [2, 1]);
    expect(r.candidates).toEqual([0, 1, 2, 3, 4]);
    const s = restrictCandidates(p, [2]);
    expect(s.candidates).toEqual([0, 2, 3, 4]);
    expect(s.fixed).toEqual([2]);
    expect(s.before).toEqual([0, 3]);
    const n = p.points.length;
    expect(Array.from(s.cost)).toEqual([0, 2, 3, 4].flatMap((j) => Array.from(p.cost.subarray(j * n, (j + 1) * n))));
    // 0 is kept only as a before base: not choosable; 2 kept, 3 fixed; 4 was never choosable.
    expect(isSelectable(s)).toEqual([false, true, true, false]);
    expect(s.warnings).toEqual(['La base fissa a Comune 4 non era tra i candidati: aggiunta']);
    expect(s.warnings).not.toBe(p.warnings);
    expect(s.points).toBe(p.points);
    expect(s.k).toBe(2);
  });

  it('a non-selectable position asked for stays non-selectable', () => {
    const s = restrictCandidates(p, [4, 1]);
    expect(s.candidates).toEqual([0, 1, 3, 4]);
    expect(isSelectable(s)).toEqual([false, true, true, false]);
  });

  it('positions are renumbered when earlier ones are dropped', () => {
    const q = hand(M4, [1, 1, 1, 1], { fixed: [3], before: [2] });
    const s = restrictCandidates(q, [1]);
    expect(s.candidates).toEqual([1, 2, 3]);
    expect(s.fixed).toEqual([2]);
    expect(s.before).toEqual([1]);
    expect(isSelectable(s)).toEqual([true, false, true]);
    expect(isSelectable(q)).toEqual([true, true, true, true]);
  });
});

describe('evaluation', () => {
  // Point 2 has no residents: it never counts in the mean, the worst response or the coverage.
  const cost = [
    [10, 20, 40],
    [30, 12, 25],
    [50, 50, 5],
  ];

  it('responseOf: the nearest open candidate per point, Infinity without bases', () => {
    const p = hand(cost, [3, 1, 0]);
    expect(Array.from(responseOf(p, [0, 1]))).toEqual([10, 12, 25]);
    expect(Array.from(responseOf(p, [2]))).toEqual([50, 50, 5]);
    expect(Array.from(responseOf(p, []))).toEqual([Infinity, Infinity, Infinity]);
  });

  it('mean, worst and covered residents; the objective follows the problem', () => {
    const p = hand(cost, [3, 1, 0], { targetMin: 12 });
    expect(evaluateOpen(p, [0, 1])).toEqual({ meanMin: 10.5, maxMin: 12, coveredResidents: 4, objective: 10.5 });
    expect(evaluateOpen({ ...p, objective: 'center' }, [0, 1]).objective).toBe(12);
    expect(evaluateOpen({ ...p, objective: 'cover' }, [0, 1]).objective).toBe(4);
    expect(evaluateOpen({ ...p, targetMin: 11.9 }, [0, 1]).coveredResidents).toBe(3);
    expect(evaluateOpen(p, [2]).maxMin).toBe(50);
  });

  it('no residents: mean 0, worst 0', () => {
    const p = hand(cost, [0, 0, 0]);
    expect(valueOfResponse(p, Float64Array.of(10, 12, 25))).toEqual({ meanMin: 0, maxMin: 0, coveredResidents: 0, objective: 0 });
  });
});

describe('lexicographic score', () => {
  it('scoreInto: objective first (sum, worst over all points, minus covered), then the weighted sum', () => {
    const p = hand([[0, 0, 0]], [3, 1, 0], { targetMin: 12 });
    const out = new Float64Array(2);
    const r = Float64Array.of(10, 12, 25);
    scoreInto(p, r, out);
    expect(Array.from(out)).toEqual([42, 42]);
    scoreInto({ ...p, objective: 'center' }, r, out);
    expect(Array.from(out)).toEqual([25, 42]);
    scoreInto({ ...p, objective: 'cover' }, r, out);
    expect(Array.from(out)).toEqual([-4, 42]);
    scoreInto({ ...p, objective: 'cover', targetMin: 11.9 }, r, out);
    expect(Array.from(out)).toEqual([-3, 42]);
    scoreInto({ ...p, objective: 'center' }, Float64Array.of(1, 2), out);
    expect(Array.from(out)).toEqual([2, 5]);
    scoreInto({ ...p, objective: 'center' }, Float64Array.of(25, 10, 12), out);
    expect(Array.from(out)).toEqual([25, 3 * 25 + 10]);
    // A response of exactly T + 1e-9 still counts as within T.
    const edge = p.targetMin + 1e-9;
    scoreInto({ ...p, objective: 'cover' }, Float64Array.of(edge, 30, 30), out);
    expect(out[0]).toBe(-3);
    expect(valueOfResponse(p, Float64Array.of(edge, 30, 30)).coveredResidents).toBe(3);
  });

  it('better: strictly lower first term, then strictly lower second term, with relative tolerances', () => {
    const b = (x: number[], y: number[]): boolean => better(Float64Array.from(x), Float64Array.from(y));
    expect(b([1, 5], [2, 0])).toBe(true);
    expect(b([2, 0], [1, 5])).toBe(false);
    expect(b([1, 1], [1, 2])).toBe(true);
    expect(b([1, 2], [1, 1])).toBe(false);
    expect(b([1, 1], [1, 1])).toBe(false);
    // Within 1e-9 × |b| the first terms tie and the second decides.
    expect(b([1e6 - 1e-4, 10], [1e6, 5])).toBe(false);
    expect(b([1e6 + 1e-4, 1], [1e6, 5])).toBe(true);
    expect(b([-1e-9, 3], [0, 3])).toBe(false);
    expect(b([1e-9, 1], [0, 3])).toBe(true);
    expect(b([1, 1e6 - 1e-4], [1, 1e6])).toBe(false);
    expect(b([1, -1e-9], [1, 0])).toBe(false);
    expect(b([1, -2e-9], [1, 0])).toBe(true);
    expect(b([1, 5 - 1e-8], [1, 5])).toBe(true);
  });
});

describe('greedyDense and fillOpen', () => {
  const all = [true, true, true, true];

  it('adds the candidate that lowers the score most, from the given start', () => {
    const p = hand(M4, [1, 1, 1, 1], { k: 2 });
    const open = [0];
    // From [0,1,9,9]: c1 → 9, c2 → 2, c3 → 18.
    expect(greedyDense(p, open, all)).toBe(3);
    expect(open).toEqual([0, 2]);
  });

  it('skips non-selectable candidates; stops when none is left', () => {
    const p = hand(M4, [1, 1, 1, 1], { k: 2 });
    const open = [0];
    expect(greedyDense(p, open, [true, true, false, true])).toBe(2);
    expect(open).toEqual([0, 1]);
    const q = hand(M4, [1, 1, 1, 1], { k: 4 });
    const o2 = [0];
    expect(greedyDense(q, o2, [true, false, true, false])).toBe(1);
    expect(o2).toEqual([0, 2]);
    const o3 = [0, 1];
    expect(greedyDense({ ...q, k: 2 }, o3, all)).toBe(0);
    expect(o3).toEqual([0, 1]);
  });

  it('ties keep the first; the first candidate can win', () => {
    const p = hand([[1, 1], [5, 5], [3, 3], [1, 1]], [1, 1], { k: 1 });
    const open: number[] = [];
    expect(greedyDense(p, open, all)).toBe(4);
    expect(open).toEqual([0]);
  });

  it('scores on the problem objective (center, cover) when asked', () => {
    // From [3] = [1,0,9,9], T 4: c1 → [1,0,4,4] (worst 4, all covered, sum 9), c2 → [1,0,0,5] (worst 5, 3 covered, sum 6).
    const p = hand(M4, [1, 1, 1, 1], { k: 2, targetMin: 4 });
    for (const [objective, want] of [['median', 2], ['center', 1], ['cover', 1]] as const) {
      const open = [3];
      greedyDense({ ...p, objective }, open, all);
      expect(open).toEqual([3, want]);
    }
  });

  it('fillOpen: complete with the mean response whatever the objective, only free and selectable, sorted', () => {
    const p = hand(M4, [1, 1, 1, 1], { k: 2, targetMin: 4, objective: 'center' });
    expect(fillOpen(p, [3], [0, 1, 2])).toEqual([2, 3]);
    expect(fillOpen({ ...p, objective: 'cover' }, [3], [0, 1, 2])).toEqual([2, 3]);
    expect(fillOpen(p, [3], [0, 1])).toEqual([1, 3]);
    expect(fillOpen(p, [3], [])).toEqual([3]);
    expect(fillOpen(p, [2, 0], [1, 3])).toEqual([0, 2]);
    // Not selectable (a "before" base kept by restriction): never added.
    const r = restrictCandidates({ ...p, before: [2] }, [0, 1, 3]);
    expect(isSelectable(r)).toEqual([true, true, false, true]);
    expect(fillOpen(r, [3], [0, 1, 2])).toEqual([1, 3]);
  });
});

describe('solveHeuristic', () => {
  it('median: CELF greedy then one improving swap, with its counts', () => {
    // Greedy: c1 (sum 16), then c0 (saving 7, tie with c3 → lower index); 4 + 3 evaluations.
    // Interchange: c2 in, c1 out (9 → 6); then nothing improves: 4 evaluations in 2 passes.
    const p = hand(M4, [1, 1, 1, 1], { k: 2 });
    const h = solveHeuristic(p);
    expect(h.open).toEqual([0, 2]);
    expect(h.value).toEqual({ meanMin: 1.5, maxMin: 5, coveredResidents: 4, objective: 1.5 });
    expect(h.swaps).toBe(1);
    expect(h.evaluations).toBe(11);
  });

  it('median never opens a "before" base that is not a candidate', () => {
    const p = restrictCandidates(hand(M4, [1, 1, 1, 1], { k: 1, before: [1] }), [0, 2, 3]);
    const h = solveHeuristic(p);
    expect(h.open).toEqual([0]);
    expect(h.value.objective).toBe(19 / 4);
  });

  it('cover: every point within T with two bases; interchange counts only', () => {
    const p = hand(M4, [1, 1, 1, 1], { k: 2, targetMin: 4, objective: 'cover' });
    const h = solveHeuristic(p);
    expect(h.open).toEqual([0, 1]);
    expect(h.value.coveredResidents).toBe(4);
    expect(h.value.objective).toBe(4);
    expect(h.swaps).toBe(0);
    expect(h.evaluations).toBe(2);
  });

  it('cover with a fixed base opens k in total', () => {
    const p = hand(M4, [1, 1, 1, 1], { k: 2, targetMin: 4, objective: 'cover', fixed: [2] });
    const h = solveHeuristic(p);
    expect(h.open).toEqual([1, 2]);
    expect(h.value.coveredResidents).toBe(4);
    expect(h.evaluations).toBe(2);
  });

  // Two points: P0 (100 residents) and P1 (1); c0 next to P0, c2 next to P1, c1 halfway.
  const C3 = [
    [1, 11],
    [5, 5],
    [11, 1],
  ];

  it('center: bisection from the p-median siting down to the halfway base', () => {
    // Median start c0 (worst 11); lower radius 1 (nearest candidate of each point). The first
    // radius 6 is covered by c1 (worst 5); then 13 failing halvings until 5 − 1 < 1e-4 × 5 × 2.
    // Evaluations: greedy 3 + 2, bisection 14, polish 2.
    const p = hand(C3, [100, 1], { objective: 'center' });
    const h = solveHeuristic(p);
    expect(h.open).toEqual([1]);
    expect(h.value).toEqual({ meanMin: 5, maxMin: 5, coveredResidents: 101, objective: 5 });
    expect(h.swaps).toBe(0);
    expect(h.evaluations).toBe(21);
  });

  it('center: a point without residents changes nothing', () => {
    const p = hand(C3.map((row, j) => [...row, [30, 25, 20][j]]), [100, 1, 0], { objective: 'center' });
    const h = solveHeuristic(p);
    expect(h.open).toEqual([1]);
    expect(h.value.maxMin).toBe(5);
    expect(h.evaluations).toBe(21);
  });

  it('center: the lower radius uses only the usable candidates', () => {
    // c3 (a "before" base, not selectable) is at 0 from both points: it must not lower the radius.
    const p = restrictCandidates(hand([...C3, [0, 0]], [100, 1], { objective: 'center', before: [3] }), [0, 1, 2]);
    const h = solveHeuristic(p);
    expect(h.open).toEqual([1]);
    expect(h.evaluations).toBe(21);
  });

  it('center with a fixed base: k bases in total, the fixed one kept', () => {
    const p = hand([...C3, [20, 20]], [100, 1], { objective: 'center', k: 2, fixed: [3] });
    const h = solveHeuristic(p);
    expect(h.open).toEqual([1, 3]);
    expect(h.value.maxMin).toBe(5);
  });

  // Random 0–20 minute matrices, checked against every siting (brute force) inside the test.
  const bestOf = (p: SitingProblem): number => {
    const m = p.candidates.length;
    let best = p.objective === 'cover' ? -Infinity : Infinity;
    for (let a = 0; a < m; a++) for (let b = a + 1; b < m; b++) {
      const v = evaluateOpen(p, [a, b]).objective;
      best = p.objective === 'cover' ? Math.max(best, v) : Math.min(best, v);
    }
    return best;
  };

  it('cover: the tabu moves after the swaps reach the optimum (14 residents within 8 min)', () => {
    const cost = [
      [0, 2, 7, 20, 19, 20, 13, 13],
      [17, 0, 12, 3, 4, 3, 9, 5],
      [18, 3, 0, 4, 15, 10, 4, 5],
      [3, 19, 14, 0, 3, 3, 17, 20],
      [3, 14, 10, 15, 0, 20, 8, 1],
      [14, 1, 2, 12, 11, 0, 5, 16],
      [16, 5, 12, 15, 17, 12, 0, 9],
      [16, 4, 17, 3, 2, 2, 15, 0],
    ];
    const p = hand(cost, [2, 2, 2, 1, 2, 3, 1, 1], { k: 2, targetMin: 8, objective: 'cover' });
    expect(bestOf(p)).toBe(14);
    const h = solveHeuristic(p);
    expect(h.open).toEqual([2, 3]);
    expect(h.value.coveredResidents).toBe(14);
  });

  it('center: the reweighted cover search finds the optimal radius (12 min) on a 15-point matrix', () => {
    const cost = [
      [0, 10, 15, 14, 18, 1, 8, 5, 9, 8, 5, 20, 20, 1, 16],
      [8, 0, 14, 3, 14, 17, 3, 11, 10, 3, 15, 8, 17, 4, 1],
      [7, 18, 0, 9, 8, 9, 3, 14, 9, 12, 17, 2, 16, 18, 15],
      [12, 3, 7, 0, 1, 20, 8, 19, 4, 17, 19, 16, 15, 3, 17],
      [14, 17, 1, 18, 0, 20, 3, 3, 20, 17, 2, 5, 19, 13, 15],
      [19, 6, 8, 20, 13, 0, 6, 14, 5, 2, 5, 4, 15, 10, 11],
      [7, 18, 10, 1, 20, 20, 0, 16, 9, 2, 20, 9, 12, 10, 11],
      [12, 8, 17, 14, 8, 8, 6, 0, 19, 18, 10, 19, 14, 15, 17],
      [19, 16, 19, 8, 16, 11, 10, 14, 0, 11, 9, 14, 20, 4, 12],
      [19, 11, 2, 18, 4, 8, 9, 15, 3, 0, 17, 10, 14, 16, 19],
      [17, 16, 12, 15, 20, 8, 10, 15, 11, 14, 0, 12, 6, 4, 15],
      [19, 1, 18, 18, 13, 17, 2, 7, 17, 2, 7, 0, 5, 14, 12],
      [3, 12, 13, 17, 7, 15, 12, 3, 1, 7, 15, 3, 0, 10, 14],
      [2, 18, 20, 9, 8, 1, 20, 18, 2, 11, 18, 16, 10, 0, 4],
      [20, 2, 15, 18, 14, 20, 7, 9, 11, 14, 7, 4, 14, 1, 0],
    ];
    const p = hand(cost, [2, 3, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 3], { k: 2, objective: 'center' });
    expect(bestOf(p)).toBe(12);
    const h = solveHeuristic(p);
    expect(h.value.maxMin).toBe(12);
    expect(h.open).toEqual([6, 7]);
  });

  /** n unit-weight points = candidates, seeded 1–20 minute costs (0 on the diagonal). */
  const seeded = (seed: number, n: number, k: number): SitingProblem => {
    let x = seed;
    const rnd = (): number => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 4294967296;
    const cost: number[][] = [];
    for (let j = 0; j < n; j++) {
      const row: number[] = [];
      for (let i = 0; i < n; i++) row.push(j === i ? 0 : 1 + Math.floor(rnd() * 20));
      cost.push(row);
    }
    return hand(cost, new Array<number>(n).fill(1), { k, objective: 'center' });
  };
  const bestOf3 = (p: SitingProblem): number => {
    const m = p.candidates.length;
    let best = Infinity;
    for (let a = 0; a < m; a++) for (let b = a + 1; b < m; b++) for (let c = b + 1; c < m; c++) best = Math.min(best, evaluateOpen(p, [a, b, c]).maxMin);
    return best;
  };

  it('center, 20 seeded points, k 3: the second cover search from the best siting reaches the optimum (6 min)', () => {
    const p = seeded(2470, 20, 3);
    expect(bestOf3(p)).toBe(6);
    const h = solveHeuristic(p);
    expect(h.value.maxMin).toBe(6);
    expect(h.open).toEqual([6, 16, 18]);
  });

  it('center, 16 seeded points, k 3: a radius covered at the first try is kept (optimum 6 min)', () => {
    const p = seeded(269, 16, 3);
    expect(bestOf3(p)).toBe(6);
    const h = solveHeuristic(p);
    expect(h.value.maxMin).toBe(6);
    expect(h.open).toEqual([8, 11, 14]);
  });

  it('center: the bisection stops after 40 steps; the polish then finds the best base', () => {
    // Rungs 1..40 cover both points at 1 + (H − 1)·0.49^s: each radius (lo + hi)/2 is covered by the
    // next rung only, so 40 steps end on rung 40 (gap still 4e-3 > 1e-4); the polish at that radius
    // swaps to c41 (both points at 1): one swap. Without the cap the bisection itself reaches c41.
    const H = 1e10;
    const cost: number[][] = [[0, H]];
    for (let s = 1; s <= 40; s++) {
      const x = 1 + (H - 1) * 0.49 ** s;
      cost.push([x, x]);
    }
    cost.push([1, 1]);
    const p = hand(cost, [1e11, 1], { objective: 'center' });
    const h = solveHeuristic(p);
    expect(h.open).toEqual([41]);
    expect(h.value.maxMin).toBe(1);
    expect(h.swaps).toBe(1);
    // Greedy 42 + 41, bisection 40, polish 2 passes × 41.
    expect(h.evaluations).toBe(83 + 40 + 82);
  });
});

describe('memberKpis', () => {
  it('per member and for the whole association, with T from the problem', () => {
    const p = hand(M4, [1, 1, 1, 1], { members: ['A1', 'A2'], memberNames: ['Ambito A1', 'Ambito A2'], memberOfPoint: Int32Array.of(0, 0, 1, 1), targetMin: 4 });
    expect(memberKpis(p, [0])).toEqual([
      { ambito: 'A1', name: 'Ambito A1', residents: 2, meanMin: 0.5, p90Min: 1, maxMin: 1, shareWithinT: 1 },
      { ambito: 'A2', name: 'Ambito A2', residents: 2, meanMin: 9, p90Min: 9, maxMin: 9, shareWithinT: 0 },
      { ambito: 'totale', name: 'Intera associazione', residents: 4, meanMin: 4.75, p90Min: 9, maxMin: 9, shareWithinT: 0.5 },
    ]);
    expect(memberKpis(p, [0, 2])[2]).toEqual({ ambito: 'totale', name: 'Intera associazione', residents: 4, meanMin: 1.5, p90Min: 5, maxMin: 5, shareWithinT: 0.75 });
    expect(memberKpis(p, [])[0]).toEqual({ ambito: 'A1', name: 'Ambito A1', residents: 2, meanMin: null, p90Min: null, maxMin: null, shareWithinT: 0 });
  });
});
