// Optimisation core on hand-checkable fixtures: siting heuristic and exact MIP against brute
// force, fixed bases, memory guard, Shapley shares, scenario comparison, the worker client.
import { describe, expect, it } from 'vitest';
import loadHighs from 'highs';
import { computeCoverage } from '../../src/core/coverage/coverage.ts';
import { compileLayout } from '../../src/core/sim/compile.ts';
import type { ServiceLayout } from '../../src/core/sim/layout.ts';
import { lineTerritory } from '../../src/core/sim/synthetic.ts';
import type { TerritoryData } from '../../src/core/territory/types.ts';
import { createTravelContext } from '../../src/core/travel/context.ts';
import {
  buildSitingProblem, comparisonCsv, compareScenarios, computeShares, evaluateOpen, ModelTooLargeError,
  shapleyExact, shapleySampled, solveExact, solveHeuristic, type HighsInstance, type SitingObjective, type SitingProblem,
} from '../../src/core/optimise/index.ts';
import { createOptimiseClient } from '../../workers/optimiseClient.ts';
import { planningInput } from '../../src/core/sim/planning.ts';
import { DEFAULT_RESPONSE_ASSUMPTIONS } from '../../src/core/coverage/assumptions.ts';
import { fakeWorker, flush } from './helpers/fakeWorker.ts';
import { DEFAULT_TRAVEL_ASSUMPTIONS } from '../../src/core/travel/assumptions.ts';
import type { OptimiseApi } from '../../workers/optimise.worker.ts';

/** A w×h grid of comuni 0.08° apart, 4-neighbour adjacency; column < split → Ambito A1, else A2. */
function gridTerritory(w: number, h: number, residents: (x: number, y: number) => number, split = Math.ceil(w / 2)): TerritoryData {
  const base = lineTerritory(2, 1);
  const comuni = [];
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const r = residents(x, y);
      comuni.push({ ...base.comuni[0], istat: String(i + 1).padStart(6, '0'), name: `Comune ${x},${y}`, residents: r, over50k: r > 50000, capoluogo: false, point: [9 + x * 0.08, 45 + y * 0.08] as [number, number], ambito: x < split ? 'A1' : 'A2' });
    }
  const adjacency = comuni.map((_, i) => {
    const x = i % w;
    const y = Math.floor(i / w);
    return [[x - 1, y], [x + 1, y], [x, y - 1], [x, y + 1]].filter(([a, b]) => a >= 0 && a < w && b >= 0 && b < h).map(([a, b]) => b * w + a).sort((p, q) => p - q);
  });
  return { ...base, comuni, adjacency };
}

function* subsets(m: number, k: number, start = 0, acc: number[] = []): Generator<number[]> {
  if (acc.length === k) {
    yield [...acc];
    return;
  }
  for (let j = start; j < m; j++) {
    acc.push(j);
    yield* subsets(m, k, j + 1, acc);
    acc.pop();
  }
}

function bruteForce(p: SitingProblem): number {
  const better = (a: number, b: number): boolean => (p.objective === 'cover' ? a > b : a < b);
  let best = p.objective === 'cover' ? -Infinity : Infinity;
  const free = p.candidates.map((_, j) => j).filter((j) => !p.fixed.includes(j));
  for (const s of subsets(free.length, p.k - p.fixed.length)) {
    const v = evaluateOpen(p, [...p.fixed, ...s.map((x) => free[x])]).objective;
    if (better(v, best)) best = v;
  }
  return best;
}

const grid = gridTerritory(5, 4, (x, y) => 1000 + ((x * 7 + y * 13) % 5) * 2500 + (x === 4 && y === 3 ? 40000 : 0));
const gridCtx = createTravelContext(grid);
const highsPromise: Promise<HighsInstance> = loadHighs();

describe('siting on a 5×4 grid against brute force', () => {
  const objectives: SitingObjective[] = ['median', 'center', 'cover'];
  for (const objective of objectives) {
    for (const k of [2, 3]) {
      it(`${objective}, k=${k}: exact = brute force, heuristic never better and within 5%`, async () => {
        const p = buildSitingProblem(gridCtx, { members: ['A1', 'A2'], k, objective, targetMin: 30 });
        const opt = bruteForce(p);
        const h = solveHeuristic(p);
        const e = solveExact(await highsPromise, p, { timeLimitSec: 20 }, h);
        expect(e.status).toBe('ottimo');
        expect(e.value!.objective).toBeCloseTo(opt, 6);
        expect(e.open).toHaveLength(k);
        if (objective === 'cover') expect(h.value.objective).toBeLessThanOrEqual(opt + 1e-9);
        else expect(h.value.objective).toBeGreaterThanOrEqual(opt - 1e-9);
        expect(Math.abs(h.value.objective - opt) / Math.abs(opt)).toBeLessThanOrEqual(0.05);
        expect(e.mipGapPct).not.toBeNull();
      });
    }
  }

  it('the heuristic is deterministic and exact for p-median on this grid', () => {
    const p = buildSitingProblem(gridCtx, { members: ['A1', 'A2'], k: 3, objective: 'median' });
    expect(solveHeuristic(p).open).toEqual(solveHeuristic(p).open);
    expect(solveHeuristic(p).value.objective).toBeCloseTo(bruteForce(p), 9);
  });

  it('keeps fixed bases, in both solvers', async () => {
    const fixed = [grid.comuni[0].istat]; // a corner: never optimal by itself
    const p = buildSitingProblem(gridCtx, { members: ['A1', 'A2'], k: 2, objective: 'median', fixed });
    const h = solveHeuristic(p);
    const e = solveExact(await highsPromise, p, {}, h);
    expect(h.open).toContain(p.fixed[0]);
    expect(e.open).toContain(p.fixed[0]);
    expect(e.value!.objective).toBeCloseTo(bruteForce(p), 6);
    const only = buildSitingProblem(gridCtx, { members: ['A1', 'A2'], k: 1, objective: 'median', fixed });
    expect(solveHeuristic(only).open).toEqual(only.fixed);
  });

  it('restricts candidates or refuses above the memory threshold, with an Italian message', async () => {
    const p = buildSitingProblem(gridCtx, { members: ['A1', 'A2'], k: 2, objective: 'median' });
    const r = solveExact(await highsPromise, p, { maxNonzeros: 600 });
    expect(r.candidatesDropped).toBeGreaterThan(0);
    expect(r.warnings.join(' ')).toMatch(/considerati solo \d+ comuni candidati/);
    expect(r.value!.objective).toBeLessThanOrEqual(solveHeuristic(p).value.objective + 1e-9);
    expect(() => solveExact({} as HighsInstance, p, { maxNonzeros: 600, onTooLarge: 'refuse' })).toThrow(ModelTooLargeError);
    expect(() => solveExact({} as HighsInstance, p, { maxNonzeros: 600, onTooLarge: 'refuse' })).toThrow(/troppo grande/);
  });

  it('rejects impossible requests in Italian', () => {
    expect(() => buildSitingProblem(gridCtx, { members: ['ZZ'], k: 1, objective: 'median' })).toThrow(/Ambito ZZ sconosciuto/);
    expect(() => buildSitingProblem(gridCtx, { members: ['A1'], k: 0, objective: 'median' })).toThrow(/intero ≥ 1/);
    expect(() => buildSitingProblem(gridCtx, { members: ['A1'], k: 1, objective: 'median', fixed: [grid.comuni[0].istat, grid.comuni[1].istat] })).toThrow(/basi fisse/);
  });
});

describe('Shapley value', () => {
  it('exact: sums to v(N), symmetric players get the same, a null player gets 0', () => {
    // Players 0 and 1 identical, player 2 null: v = 10 per distinct member of {0,1} present, capped at 15.
    const v = (mask: number): number => Math.min(15, 10 * (((mask & 1) ? 1 : 0) + ((mask & 2) ? 1 : 0)));
    const phi = shapleyExact(3, v);
    expect(phi[0] + phi[1] + phi[2]).toBeCloseTo(15, 9);
    expect(phi[0]).toBeCloseTo(phi[1], 9);
    expect(phi[2]).toBeCloseTo(0, 9);
    const sampled = shapleySampled(3, v, 500, 7);
    expect(sampled.reduce((a, b) => a + b, 0)).toBeCloseTo(15, 9);
    expect(sampled).toEqual(shapleySampled(3, v, 500, 7));
  });

  it('cost shares on a mirror-symmetric fixture: Shapley sums to the budget, mirror members pay the same', () => {
    // 6 comuni on a line: A1 = 1-2, A2 = 3-4, A3 = 5-6; equal residents, so A1 and A3 are mirror images.
    const d = lineTerritory(6, 2, [5000, 5000, 5000, 5000, 5000, 5000]);
    d.comuni.forEach((c, i) => (c.ambito = i < 2 ? 'A1' : i < 4 ? 'A2' : 'A3'));
    d.ambiti.push({ ...d.ambiti[1], code: 'A3', name: 'Ambito A3' });
    d.links.push({ ...d.links[1], ambito: 'A3' });
    const ctx = createTravelContext(d);
    const r = computeShares(ctx, { members: ['A1', 'A2', 'A3'], annualBudgetEur: 90000, targetMin: 30 });
    expect(r.shapleyMethod).toBe('esatto');
    const total = r.members.reduce((s, m) => s + m.shapley.eur, 0);
    expect(total).toBeCloseTo(90000, 6);
    expect(r.members[0].shapley.eur).toBeCloseTo(r.members[2].shapley.eur, 6);
    expect(r.members.reduce((s, m) => s + m.byResidents.eur, 0)).toBeCloseTo(90000, 6);
    expect(r.members[0].byResidents.share).toBeCloseTo(1 / 3, 9);
    expect(r.fairness.worstP90Min).not.toBeNull();
    const sim = computeShares(ctx, { members: ['A1', 'A2', 'A3'], annualBudgetEur: 90000, simulatedCalls: { A1: 1, A2: 2, A3: 1 } });
    expect(sim.members[1].bySimulatedUse!.eur).toBeCloseTo(45000, 6);
  });
});

describe('scenario comparison', () => {
  const d = lineTerritory(5, 3);
  const ctx = createTravelContext(d);
  const unit = { office: 1, closure: 1, night: 1, saturday: 1, holiday: 1 };
  const A: ServiceLayout = { illustrative: true, services: [{ id: 'p', name: 'P', members: ['A1', 'A2'], graveMarginalita: true, centraleOperativa24h: true, bases: [{ id: 'b1', istat: '000001', unitsByBand: unit }] }] };
  const B: ServiceLayout = { ...A, services: [{ ...A.services[0], bases: [...A.services[0].bases, { id: 'b2', istat: '000005', unitsByBand: unit }] }] };
  const cov = (l: ServiceLayout) => computeCoverage(ctx, compileLayout(ctx, l));

  it('rows: A2 gains with a base at comune 5, A1 unchanged; CSV in Italian with semicolons', () => {
    const r = compareScenarios({ name: 'Una base', coverage: cov(A), costShareEur: { A1: 10, A2: 20 } }, { name: 'Due basi', coverage: cov(B), costShareEur: { A1: 12, A2: 25 } }, d.comuni.map((c) => c.ambito));
    const a1 = r.rows.find((x) => x.ambito === 'A1')!;
    const a2 = r.rows.find((x) => x.ambito === 'A2')!;
    expect(a1.outcome).toBe('invariato');
    expect(a2.outcome).toBe('migliora');
    expect(a2.deltaP90!).toBeLessThan(-5);
    expect(a2.deltaCost).toBe(5);
    expect(a2.pisA).toBe('p');
    expect(r.summary.gainers).toBe(1);
    expect(r.summary.losers).toBe(0);
    const csv = comparisonCsv(r);
    const lines = csv.replace(/^\uFEFF/, '').replace(/"/g, '').split('\r\n');
    expect(lines[0]).toMatch(/^# Esempio illustrativo/);
    expect(lines[2].split(';').slice(0, 3)).toEqual(['codice_ambito', 'ambito', 'residenti']);
    expect(lines[2]).toContain('p90_A_min;p90_B_min');
    const rowA2 = lines.find((l) => l.startsWith('A2;'))!.split(';');
    expect(rowA2).toContain('migliora');
    // Reversing A and B turns the gainer into a loser.
    expect(compareScenarios({ coverage: cov(B) }, { coverage: cov(A) }, d.comuni.map((c) => c.ambito)).rows.find((x) => x.ambito === 'A2')!.outcome).toBe('peggiora');
  });
});

describe('optimise client: newest request wins, cancel restarts', () => {
  const input = planningInput({
    layout: { illustrative: true, services: [], compositionOverrides: { '015146': '50046' } }, band: 'night', targetMin: 30, thresholdsMin: [15, 30],
    travel: { ...DEFAULT_TRAVEL_ASSUMPTIONS, ruralSpeedKmh: 33 }, response: { ...DEFAULT_RESPONSE_ASSUMPTIONS, triageMin: 7 },
    demand: { demandScale: 1, officeRateFactor: 1, indicator: { capoluogoPer1000: 6, over50kPer1000: 1.25, baselinePer1000: 0.4 } }, odMatrixId: 'od-9',
  });
  const req = { members: ['A1'], k: 1, objective: 'median' as const };

  it('drops a stale exact answer and cancels pending ones', async () => {
    const w = fakeWorker<OptimiseApi>();
    const client = createOptimiseClient(w.factory);
    const first = client.siteExact(input, req);
    const second = client.siteExact(input, req);
    const heur = client.siteHeuristic(input, req);
    await flush();
    w.calls[1]!.resolve('new');
    w.calls[0]!.resolve('old');
    expect(await second).toEqual({ status: 'ok', value: 'new' });
    expect(await first).toEqual({ status: 'stale' });
    client.cancel();
    expect(await heur).toEqual({ status: 'cancelled' });
    expect(w.counts()).toEqual({ created: 2, terminated: 1 });
  });

  it('every request carries the planning input: composition, assumptions, band, target, OD matrix', async () => {
    const w = fakeWorker<OptimiseApi>();
    const client = createOptimiseClient(w.factory);
    void client.siteHeuristic(input, req);
    void client.shares(input, { members: ['A1'] });
    void client.suggestAssociations(input, null);
    await flush();
    const expected = { travel: input.travel, response: input.response, band: 'night', targetMin: 30, compositionOverrides: { '015146': '50046' }, odMatrixId: 'od-9' };
    expect(w.of('siteHeuristic')[0]!.args[0]).toMatchObject({ ...expected, members: ['A1'], k: 1 });
    expect(w.of('shares')[0]!.args[0]).toMatchObject({ ...expected, des: { demandScale: 1, officeRateFactor: 1, indicator: { capoluogoPer1000: 6, over50kPer1000: 1.25, baselinePer1000: 0.4 } } });
    const { compositionOverrides: _c, ...assoc } = expected;
    expect(w.of('suggestAssociations')[0]!.args[1]).toMatchObject(assoc);
  });
});
