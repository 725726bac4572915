// api.ts on tiny territories whose travel times come from an imported OD matrix (so the costs are
// the hand-written minutes plus per-point constants): the returned fields, the bound's incumbent
// replacing the heuristic, the MIP bound (through a stub MipRunner that echoes the warm start
// with a chosen status and dual bound), the memory guard, lazy loaders, the OD id check, compare.
import { beforeEach, describe, expect, it } from 'vitest';
import { createOptimiseApi, type SitingResult } from '../../src/core/optimise/api.ts';
import { gapMinPct, proveIncumbent } from '../../src/core/optimise/bounds.ts';
import { estimateModelSize, type ExactStatus, type HighsInstance, type MipRunner } from '../../src/core/optimise/mip.ts';
import { buildSitingProblem, evaluateOpen, SITING_OBJECTIVE_LABELS, solveHeuristic, type SitingObjective, type SitingProblem } from '../../src/core/optimise/siting.ts';
import { lineTerritory } from '../../src/core/sim/synthetic.ts';
import type { ServiceLayout } from '../../src/core/sim/layout.ts';
import type { TerritoryData } from '../../src/core/territory/types.ts';
import { DEFAULT_TRAVEL_ASSUMPTIONS } from '../../src/core/travel/assumptions.ts';
import { createTravelContext, type TravelContext } from '../../src/core/travel/context.ts';
import { parseOdMatrixCsv } from '../../src/core/travel/odMatrix.ts';
import { computeCoverage } from '../../src/core/coverage/coverage.ts';
import { compileLayout } from '../../src/core/sim/compile.ts';

const OD_ID = 'od-prova';

/** n comuni in Ambito A1 (residents w × 1000) and an OD CSV with minutes d[i][j] between every pair. */
function odFixture(d: number[][], w: number[]): { data: TerritoryData; csv: string; ctx: TravelContext } {
  const data = lineTerritory(d.length, d.length, w.map((x) => x * 1000));
  const rows = ['from_istat,to_istat,minutes'];
  d.forEach((r, i) => r.forEach((x, j) => {
    if (i !== j) rows.push(`${data.comuni[i].istat},${data.comuni[j].istat},${x}`);
  }));
  const csv = rows.join('\n');
  const od = parseOdMatrixCsv(csv, data);
  return { data, csv, ctx: createTravelContext(data, DEFAULT_TRAVEL_ASSUMPTIONS, od.matrix) };
}

interface Loads {
  territory: number;
  highs: number;
}

async function apiFor(data: TerritoryData, csv: string | null, highs: () => Promise<HighsInstance> = async () => ({}) as HighsInstance) {
  const loads: Loads = { territory: 0, highs: 0 };
  const api = createOptimiseApi({
    loadTerritory: async () => (loads.territory++, data),
    loadHighs: async () => (loads.highs++, highs()),
  });
  if (csv !== null) expect((await api.importOdMatrix(csv, OD_ID)).ok).toBe(true);
  return { api, loads };
}

/** A MIP "solver" that returns the warm start (the heuristic's siting) with the given status and dual bound. */
function echoRunner(status: ExactStatus, bound: number | null, mipGapPct: number | null = null, echo = true): MipRunner & { calls: number } {
  return {
    name: 'Eco',
    calls: 0,
    solve(_lp, o) {
      this.calls++;
      return { status, values: echo && o.start ? new Map(o.start) : new Map(), bound, mipGapPct };
    },
  };
}

// 4 comuni; p-median k 2: optimum {1, 3} (tied with {3, 4} before rounding); the Lagrangian bound stays below it.
const GAP_D = [[0, 18, 6, 18], [18, 0, 7, 19], [6, 7, 0, 9], [18, 19, 9, 0]];
const GAP_W = [3, 2, 2, 2];
// 5 comuni; p-median k 3: the heuristic stops at {2, 3, 4}, the bound's search finds {1, 3, 5}.
const INC_D = [[0, 2, 13, 19, 11], [2, 0, 20, 8, 2], [13, 20, 0, 14, 17], [19, 8, 14, 0, 7], [11, 2, 17, 7, 0]];
const INC_W = [3, 2, 1, 1, 3];
// 8 comuni; max cover k 2 within 28 + 2.32 + ε min (8 minutes of travel): the heuristic stops at
// {5, 8} (15,000 residents), the bound's search finds {3, 6} (16,000).
const COV_D = [[0, 19, 15, 14, 1, 4, 17, 12], [19, 0, 18, 9, 5, 7, 13, 4], [15, 18, 0, 4, 13, 12, 9, 6], [14, 9, 4, 0, 18, 16, 8, 9], [1, 5, 13, 18, 0, 20, 3, 14], [4, 7, 12, 16, 20, 0, 8, 3], [17, 13, 9, 8, 3, 8, 0, 5], [12, 4, 6, 9, 14, 3, 5, 0]];
const COV_W = [2, 3, 3, 2, 1, 3, 2, 1];

const istats = (r: SitingResult['heuristic']['bases']): string[] => r.map((b) => b.istat);

describe('siteHeuristic: fields, the bound, the better incumbent', () => {
  let fx: ReturnType<typeof odFixture>;
  let p: SitingProblem;
  beforeEach(() => {
    fx = odFixture(INC_D, INC_W);
    p = buildSitingProblem(fx.ctx, { members: ['A1'], k: 3, objective: 'median' });
  });

  it('the fixture: the heuristic alone stops above the siting the bound finds and proves', () => {
    expect(solveHeuristic(p).open).toEqual([1, 2, 3]);
    const b = proveIncumbent(p, [1, 2, 3], 20);
    expect(b.incumbent.open).toEqual([0, 2, 4]);
    expect(b.proven).toBe(true);
  });

  it('returns the better siting, proven optimal, with every field', async () => {
    const { api, loads } = await apiFor(fx.data, fx.csv);
    const t0 = performance.now();
    const r = await api.siteHeuristic({ members: ['A1'], k: 3, objective: 'median', odMatrixId: OD_ID });
    const elapsed = performance.now() - t0;
    expect(loads).toEqual({ territory: 1, highs: 0 });
    expect(r.members).toEqual(['A1']);
    expect(r.memberNames).toEqual(['Ambito A1']);
    expect(r.objective).toBe('median');
    expect(r.objectiveLabel).toBe('tempo medio di risposta pesato sui residenti (p-mediana)');
    expect(r.k).toBe(3);
    expect(r.targetMin).toBe(45);
    expect(r.band).toBe('closure');
    expect(r.demandPoints).toBe(5);
    expect(r.candidates).toBe(5);
    expect(r.heuristic.bases).toEqual([
      { istat: '000001', name: 'Comune 1', ambito: 'A1', fixed: false },
      { istat: '000003', name: 'Comune 3', ambito: 'A1', fixed: false },
      { istat: '000005', name: 'Comune 5', ambito: 'A1', fixed: false },
    ]);
    const best = evaluateOpen(p, [0, 2, 4]);
    expect(r.heuristic.value).toEqual(best);
    expect(r.heuristic.ms).toBeGreaterThanOrEqual(0);
    expect(r.heuristic.ms).toBeLessThanOrEqual(elapsed);
    expect(r.exact).toBeNull();
    expect(r.heuristicGapPct).toBeNull();
    expect(r.bound!.method).toBe('lagrangian');
    expect(r.bound!.proven).toBe(true);
    expect(r.bound!.gapPct).toBe(0);
    expect(r.bound!.value).toBeCloseTo(best.objective, 6);
    expect(r.bound!.ms).toBeLessThanOrEqual(elapsed);
    expect(r.before).toBeNull();
    expect(r.afterHeuristic).toHaveLength(2);
    expect(r.afterHeuristic[1]).toMatchObject({ ambito: 'totale', residents: 10000 });
    expect(r.afterHeuristic[1].meanMin).toBeCloseTo(best.meanMin, 5);
    expect(r.afterExact).toBeNull();
    expect(r.warnings).toEqual([]);
  });

  it('fixed and "before" bases: flags, KPIs before, warnings of the problem', async () => {
    const { api } = await apiFor(fx.data, fx.csv);
    const r = await api.siteHeuristic({ members: ['A1'], k: 3, objective: 'median', candidates: ['000001', '000003'], fixed: ['000005'], before: ['000002'], odMatrixId: OD_ID });
    expect(r.warnings).toEqual(['La base fissa a Comune 5 non era tra i candidati: aggiunta']);
    expect(r.candidates).toBe(4);
    expect(r.heuristic.bases.map((b) => [b.istat, b.fixed])).toEqual([['000001', false], ['000003', false], ['000005', true]]);
    const q = buildSitingProblem(fx.ctx, { members: ['A1'], k: 3, objective: 'median', candidates: ['000001', '000003'], fixed: ['000005'], before: ['000002'] });
    expect(r.before![1].meanMin).toBeCloseTo(evaluateOpen(q, q.before).meanMin, 5);
    expect(r.before![1].ambito).toBe('totale');
  });
});

describe('siteHeuristic, cover: the better incumbent has more residents within T', () => {
  it('replaces a cover heuristic stuck at 15,000 residents by the 16,000 the bound proves', async () => {
    const fx = odFixture(COV_D, COV_W);
    const req = { members: ['A1'], k: 2, objective: 'cover' as const, targetMin: 30.5 };
    const p = buildSitingProblem(fx.ctx, req);
    // Per-point last-mile minutes (1.69 or 2.32) keep the same "within 8 minutes of travel" sets.
    const n = COV_W.length;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(p.cost[j * n + i] <= 30.5).toBe(COV_D[j][i] <= 8);
    const h = solveHeuristic(p);
    expect(h.open).toEqual([4, 7]);
    expect(h.value.coveredResidents).toBe(15000);
    const { api } = await apiFor(fx.data, fx.csv);
    const r = await api.siteHeuristic({ ...req, odMatrixId: OD_ID });
    expect(istats(r.heuristic.bases)).toEqual(['000003', '000006']);
    expect(r.heuristic.value.coveredResidents).toBe(16000);
    expect(r.heuristic.value.objective).toBe(16000);
    expect(r.objectiveLabel).toBe('residenti raggiunti entro T (copertura massima)');
    expect(r.targetMin).toBe(30.5);
    expect(r.bound!.proven).toBe(true);
    expect(r.bound!.travelGapPct).toBeNull();
    expect(r.afterHeuristic[1].shareWithinT).toBeCloseTo(16 / 17, 9);
  });
});

describe('siteExact: the MIP bound', () => {
  let fx: ReturnType<typeof odFixture>;
  let p: SitingProblem;
  let lagrangian: number;
  let opt: number;
  let hOpen: number[];
  beforeEach(() => {
    fx = odFixture(GAP_D, GAP_W);
    p = buildSitingProblem(fx.ctx, { members: ['A1'], k: 2, objective: 'median' });
    const h = solveHeuristic(p);
    hOpen = h.open;
    lagrangian = proveIncumbent(p, h.open, 20).bound;
    opt = h.value.objective;
  });
  const req = { members: ['A1'], k: 2, objective: 'median' as const, odMatrixId: OD_ID };

  it('the fixture: the heuristic is optimal, the Lagrangian bound 0.11 min below', () => {
    expect(hOpen).toEqual([0, 2]);
    for (let a = 0; a < 4; a++) for (let b = a + 1; b < 4; b++) expect(evaluateOpen(p, [a, b]).objective).toBeGreaterThanOrEqual(opt - 1e-6);
    expect(opt - lagrangian).toBeGreaterThan(0.1);
  });

  it('a proven optimum becomes the bound: method mip, proven, no gap; the exact fields', async () => {
    const { api, loads } = await apiFor(fx.data, fx.csv);
    const runner = echoRunner('ottimo', opt - 1e-3, 0);
    const r = await api.siteExact(req, { runner });
    expect(runner.calls).toBe(1);
    expect(loads.highs).toBe(1);
    expect(istats(r.heuristic.bases)).toEqual(['000001', '000003']);
    expect(r.exact).toMatchObject({ status: 'ottimo', statusLabel: 'ottimo dimostrato', mipGapPct: 0, bound: opt - 1e-3, candidatesDropped: 0, solver: 'Eco' });
    expect(istats(r.exact!.bases)).toEqual(['000001', '000003']);
    expect(r.exact!.value!.objective).toBe(opt);
    expect(r.exact!.size).toEqual(estimateModelSize('median', 4, 4, 0));
    expect(r.heuristicGapPct).toBe(0);
    // The optimum itself, not the solver's dual bound, is the bound of an "ottimo".
    expect(r.bound).toMatchObject({ value: opt, method: 'mip', proven: true, gapPct: 0, travelGapPct: 0, ms: r.exact!.ms });
    expect(r.afterExact).toEqual(r.afterHeuristic);
    expect(r.warnings).toEqual([]);
  });

  it('a time-limited MIP: its dual bound, when above the Lagrangian one, gives the gap', async () => {
    const { api } = await apiFor(fx.data, fx.csv);
    const db = opt - 0.05;
    const r = await api.siteExact(req, { runner: echoRunner('limite-di-tempo', db, 0.2) });
    const h = r.heuristic.value.objective;
    expect(h).toBe(opt);
    expect(r.exact!.status).toBe('limite-di-tempo');
    expect(r.exact!.mipGapPct).toBe(0.2);
    expect(r.heuristicGapPct).toBe(0);
    expect(r.bound!.method).toBe('mip');
    expect(r.bound!.value).toBe(db);
    expect(r.bound!.proven).toBe(false);
    expect(r.bound!.gapPct).toBeCloseTo(((h - db) / db) * 100, 9);
    expect(r.bound!.gapPct).toBe(gapMinPct(h, db));
    expect(r.bound!.travelGapPct).toBe(gapMinPct(h - 20, db - 20));
    expect(r.bound!.travelGapPct!).toBeGreaterThan(r.bound!.gapPct);
  });

  it('a dual bound within 1e-9 × the heuristic value (≈ 2.5e-8 min) proves it', async () => {
    const { api } = await apiFor(fx.data, fx.csv);
    expect(opt).toBeGreaterThan(25);
    const r = await api.siteExact(req, { runner: echoRunner('limite-di-tempo', opt - 1e-8) });
    expect(r.bound).toMatchObject({ method: 'mip', proven: true, gapPct: 0, travelGapPct: 0 });
  });

  it('a dual bound below the Lagrangian one, or none, keeps the Lagrangian bound', async () => {
    const { api } = await apiFor(fx.data, fx.csv);
    for (const db of [lagrangian - 0.01, lagrangian, null]) {
      const r = await api.siteExact(req, { runner: echoRunner('limite-di-tempo', db) });
      expect(r.bound!.method).toBe('lagrangian');
      expect(r.bound!.value).toBe(lagrangian);
      expect(r.bound!.proven).toBe(false);
      expect(r.bound!.gapPct).toBeCloseTo(gapMinPct(opt, lagrangian), 9);
    }
  });

  it('"non-ammissibile": no exact value measures the heuristic, the bound stays', async () => {
    const { api } = await apiFor(fx.data, fx.csv);
    const r = await api.siteExact(req, { runner: echoRunner('non-ammissibile', opt) });
    expect(r.exact!.status).toBe('non-ammissibile');
    expect(r.exact!.statusLabel).toBe('nessuna soluzione ammissibile');
    expect(r.exact!.value!.objective).toBe(opt);
    expect(r.heuristicGapPct).toBeNull();
    expect(r.bound!.method).toBe('mip');
    const none = await api.siteExact(req, { runner: echoRunner('non-ammissibile', null, null, false) });
    expect(none.exact!.value).toBeNull();
    expect(none.exact!.bases).toEqual([]);
    expect(none.afterExact).toBeNull();
    expect(none.heuristicGapPct).toBeNull();
    expect(none.bound!.method).toBe('lagrangian');
    expect(none.warnings).toEqual([]);
  });

  it('no solution within the time limit: the solver warning is passed on', async () => {
    const { api } = await apiFor(fx.data, fx.csv);
    const r = await api.siteExact(req, { runner: echoRunner('limite-di-tempo', null, null, false) });
    expect(r.exact!.value).toBeNull();
    expect(r.afterExact).toBeNull();
    expect(r.heuristicGapPct).toBeNull();
    expect(r.warnings).toEqual(['Il risolutore non ha restituito una soluzione entro il limite di tempo']);
  });

  it('the memory guard: a restricted optimum proves nothing; the bound over all candidates stays', async () => {
    const { api } = await apiFor(fx.data, fx.csv);
    const maxNonzeros = estimateModelSize('median', 4, 3, 0).nonzeros;
    const r = await api.siteExact(req, { runner: echoRunner('ottimo', opt, 0), maxNonzeros });
    expect(r.exact!.candidatesDropped).toBe(1);
    expect(r.exact!.status).toBe('ottimo-ristretto');
    expect(r.exact!.bound).toBeNull();
    expect(r.heuristicGapPct).toBeNull();
    expect(r.bound!.method).toBe('lagrangian');
    expect(r.bound!.value).toBe(lagrangian);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/^Il modello esatto avrebbe .* considerati solo 3 comuni candidati/);
  });

  it('cover: the MIP bound is an upper bound and never replaces the Lagrangian one', async () => {
    const { api } = await apiFor(fx.data, fx.csv);
    const creq = { ...req, objective: 'cover' as SitingObjective, targetMin: 30 };
    const r = await api.siteExact(creq, { runner: echoRunner('ottimo', 1e9, 0) });
    expect(r.objectiveLabel).toBe(SITING_OBJECTIVE_LABELS.cover);
    expect(r.exact!.status).toBe('ottimo');
    expect(r.bound!.method).toBe('lagrangian');
    expect(r.bound!.value).toBeLessThan(1e9);
    expect(r.heuristicGapPct).toBe(0);
    const t = await api.siteExact(creq, { runner: echoRunner('limite-di-tempo', 1e9, 0) });
    expect(t.bound!.method).toBe('lagrangian');
  });

  it('without a runner, the loaded HiGHS solves (loaded once, lazily, only for the exact solve)', async () => {
    // A HiGHS stand-in with the text interface only: "Optimal", bases at positions 0 and 2.
    let solves = 0;
    const fake = { solve: () => (solves++, { Status: 'Optimal', ObjectiveValue: 0, Columns: { y0: { Index: 0, Primal: 1 }, y2: { Index: 1, Primal: 1 } } }) } as HighsInstance;
    const { api, loads } = await apiFor(fx.data, fx.csv, async () => fake);
    await api.siteHeuristic(req);
    expect(loads.highs).toBe(0);
    const r = await api.siteExact(req);
    const again = await api.siteExact(req, { timeLimitSec: 10 });
    expect(solves).toBe(2);
    expect(loads).toEqual({ territory: 1, highs: 1 });
    expect(r.exact!.solver).toBe('HiGHS');
    expect(r.exact!.status).toBe('ottimo');
    expect(r.exact!.mipGapPct).toBe(0);
    expect(istats(r.exact!.bases)).toEqual(['000001', '000003']);
    expect(r.exact!.value!.objective).toBe(opt);
    expect(r.bound!.method).toBe('mip');
    expect(r.bound!.value).toBe(opt);
    expect(again.exact!.status).toBe('ottimo');
  });
});

describe('OD matrix id', () => {
  it('a request must name the matrix held; a failed import changes nothing; clearing forgets it', async () => {
    const fx = odFixture(GAP_D, GAP_W);
    const { api } = await apiFor(fx.data, null);
    const req = { members: ['A1'], k: 1, objective: 'median' as const };
    expect((await api.siteHeuristic(req)).k).toBe(1);
    const bad = await api.importOdMatrix('from_istat,to_istat,minutes\n999999,888888,5\n', 'od-rotta');
    expect(bad.ok).toBe(false);
    expect((await api.siteHeuristic({ ...req, odMatrixId: null })).k).toBe(1);
    await expect(api.siteHeuristic({ ...req, odMatrixId: 'od-rotta' })).rejects.toThrow('OD_MATRIX_MISMATCH: richiesta od-rotta, caricata nessuna');
    expect((await api.importOdMatrix(fx.csv, OD_ID)).ok).toBe(true);
    await expect(api.siteHeuristic(req)).rejects.toThrow(`OD_MATRIX_MISMATCH: richiesta nessuna, caricata ${OD_ID}`);
    expect(istats((await api.siteHeuristic({ ...req, odMatrixId: OD_ID })).heuristic.bases)).toEqual(['000003']);
    await api.clearOdMatrix();
    await expect(api.siteHeuristic({ ...req, odMatrixId: OD_ID })).rejects.toThrow(`OD_MATRIX_MISMATCH: richiesta ${OD_ID}, caricata nessuna`);
    expect((await api.siteHeuristic(req)).k).toBe(1);
    expect((await api.importOdMatrix(fx.csv)).ok).toBe(true);
    expect((await api.siteHeuristic(req)).k).toBe(1);
  });
});

describe('compare through the API', () => {
  const unit = { office: 1, closure: 1, night: 1, saturday: 1, holiday: 1 };
  const one: ServiceLayout = { illustrative: true, services: [{ id: 'p', name: 'P', members: ['A1', 'A2'], graveMarginalita: true, centraleOperativa24h: true, bases: [{ id: 'b1', istat: '000001', unitsByBand: unit }] }] };
  const two: ServiceLayout = { ...one, services: [{ ...one.services[0], bases: [...one.services[0].bases, { id: 'b2', istat: '000005', unitsByBand: unit }] }] };

  it('layouts are simulated; rows follow side A composition; the CSV comes with them', async () => {
    const { api } = await apiFor(lineTerritory(5, 3), null);
    const r = await api.compare({ name: 'Una base', layout: one, costShareEur: { A1: 10 } }, { name: 'Due basi', layout: two }, {});
    expect(r.rows.map((x) => x.ambito).sort()).toEqual(['A1', 'A2']);
    expect(r.rows.find((x) => x.ambito === 'A2')!.outcome).toBe('migliora');
    expect(r.rows.find((x) => x.ambito === 'A1')!.outcome).toBe('invariato');
    expect(r.csv).toContain('codice_ambito');
    expect(r.csv).toContain('Una base');
    // Side A moves comune 5 to A1: the rows count its residents in A1.
    const moved = await api.compare({ layout: { ...one, compositionOverrides: { '000005': 'A1' } } }, { layout: two });
    expect(moved.rows.find((x) => x.ambito === 'A1')!.residents).toBe(4000);
    expect(moved.rows.find((x) => x.ambito === 'A2')!.residents).toBe(1000);
    // A computed side passes through as it is (its name and cost shares too).
    const d = lineTerritory(5, 3);
    const ctx = createTravelContext(d);
    const coverage = computeCoverage(ctx, compileLayout(ctx, one));
    const given = await api.compare({ name: 'Calcolato', coverage, costShareEur: { A1: 10, A2: 20 } }, { layout: two, costShareEur: { A1: 10, A2: 25 } });
    expect(given.nameA).toBe('Calcolato');
    expect(given.rows.find((x) => x.ambito === 'A2')!.outcome).toBe('migliora');
    expect(given.rows.find((x) => x.ambito === 'A2')!.deltaCost).toBe(5);
    expect(given.rows.find((x) => x.ambito === 'A1')!.residents).toBe(3000);
    expect(given.rows.map((x) => [x.ambito, x.pisA, x.pisB])).toEqual([['A1', 'p', 'p'], ['A2', 'p', 'p']]);
  });

  it("the PIS of each row follows side A's effective composition", async () => {
    const { api } = await apiFor(lineTerritory(5, 3), null);
    // One PIS for A1 only; side A moves comune 4 from A2 to A1: A2 keeps comune 5, which no PIS serves.
    const onlyA1: ServiceLayout = { illustrative: true, services: [{ ...one.services[0], members: ['A1'] }] };
    const r = await api.compare({ layout: { ...onlyA1, compositionOverrides: { '000004': 'A1' } } }, { layout: onlyA1 });
    expect(r.rows.map((x) => [x.ambito, x.pisA])).toEqual([['A1', 'p'], ['A2', null]]);
  });
});

describe('the sparse (national-scale) path', () => {
  // The API switches to the sparse p-median when points × requested candidates exceed 8 million:
  // 200 points (one per comune on a line) and a candidate list of 40,002 entries (comune 2
  // repeated; the set has 3) do. The bases: comuni 50 and 150, the medians of each half.
  const many = (extra: string[]): string[] => [...extra, ...new Array<string>(40_000).fill('000002')];
  let data: TerritoryData;
  beforeEach(() => {
    data = lineTerritory(200, 100);
  });
  const base = { members: ['A1', 'A2'], k: 2, objective: 'median' as const };

  it('heuristic and bound over all candidates, no exact model, the before KPIs', async () => {
    const { api, loads } = await apiFor(data, null);
    const t0 = performance.now();
    const r = await api.siteExact({ ...base, candidates: many(['000050', '000150']), before: ['000150', '000050'] });
    const elapsed = performance.now() - t0;
    expect(loads).toEqual({ territory: 1, highs: 0 });
    expect(r.objective).toBe('median');
    expect(r.objectiveLabel).toBe('tempo medio di risposta pesato sui residenti (p-mediana)');
    expect(r.members).toEqual(['A1', 'A2']);
    expect(r.memberNames).toEqual(['Ambito A1', 'Ambito A2']);
    expect(r.k).toBe(2);
    expect(r.targetMin).toBe(45);
    expect(r.band).toBe('closure');
    expect(r.demandPoints).toBe(200);
    expect(r.candidates).toBe(3);
    expect(r.exact).toBeNull();
    expect(r.afterExact).toBeNull();
    expect(r.heuristicGapPct).toBeNull();
    expect(r.heuristic.bases).toEqual([
      { istat: '000050', name: 'Comune 50', ambito: 'A1', fixed: false },
      { istat: '000150', name: 'Comune 150', ambito: 'A2', fixed: false },
    ]);
    expect(r.heuristic.ms).toBeGreaterThanOrEqual(0);
    expect(r.heuristic.ms).toBeLessThanOrEqual(elapsed);
    expect(r.bound!.value).toBeLessThanOrEqual(r.heuristic.value.meanMin + 1e-9);
    expect(r.bound!.method).toBe('lagrangian');
    // The "before" bases are the same two comuni: the same KPIs as after.
    expect(r.before).toEqual(r.afterHeuristic);
    expect(r.afterHeuristic.map((x) => x.ambito)).toEqual(['A1', 'A2', 'totale']);
    expect(r.warnings).toEqual([
      'Problema nazionale: per ogni punto i 3 comuni candidati più vicini (elenchi sparsi), tempi esatti per le basi aperte; il limite inferiore vale su tutti i candidati.',
      'Soluzione esatta non calcolata: 200 punti × 3 candidati è oltre la memoria di un modello esatto; vale lo scarto dimostrato dal limite inferiore',
    ]);
  });

  it('before defaults to the fixed bases; a before base outside the candidates gives no KPIs; no exact asked, no note', async () => {
    const { api } = await apiFor(data, null);
    const fixed = await api.siteHeuristic({ ...base, candidates: many(['000050', '000150']), fixed: ['000150'] });
    expect(fixed.warnings).toHaveLength(1);
    expect(fixed.heuristic.bases.map((b) => [b.istat, b.fixed])).toEqual([['000050', false], ['000150', true]]);
    expect(fixed.before).toHaveLength(3);
    expect(fixed.before![2].meanMin).toBeGreaterThan(fixed.afterHeuristic[2].meanMin!);
    for (const before of [['000150', '000151'], ['000150', '999999']]) {
      const r = await api.siteHeuristic({ ...base, candidates: many(['000050', '000150']), before });
      expect(r.before).toBeNull();
    }
    const none = await api.siteHeuristic({ ...base, candidates: many(['000050', '000150']) });
    expect(none.before).toBeNull();
  });
});
