import { describe, expect, it } from 'vitest';
import { DEFAULT_RESPONSE_ASSUMPTIONS } from '../../src/core/coverage/assumptions.ts';
import {
  bandOfHour, bandTimeShares, buildHorizon, calibrateDemand, DEFAULT_CALENDAR, defaultDesAssumptions, DEMAND_KINDS, estimate, expectedDemand,
  mulberry32, percentileSorted, replicationSeed, runSimulation, sample, type DesOverrides, type KindAssumption,
} from '../../src/core/des/index.ts';
import { compileLayout } from '../../src/core/sim/compile.ts';
import { computeCoverage } from '../../src/core/coverage/coverage.ts';
import { coverageCaveats, unreachableThresholds } from '../../src/core/des/caveats.ts';
import type { ServiceLayout } from '../../src/core/sim/layout.ts';
import { layoutOnePerAts, lineTerritory } from '../../src/core/sim/synthetic.ts';
import { createTravelContext, DEFAULT_TRAVEL_ASSUMPTIONS, haversineKm } from '../../src/core/travel/index.ts';
import { loadTerritoryData } from './helpers/realData.ts';
import { itHeavy } from './helpers/heavy.ts';

/** Uniform demand per resident (no Rho in a fixture): `rate` reports a year per resident in closure hours, every kind per resident. */
const uniform = (rate: number, kind: Partial<KindAssumption> = {}): DesOverrides => ({
  rateOverridePerUnitYear: rate,
  kinds: Object.fromEntries(DEMAND_KINDS.map((k) => [k, { component: 'residents', ...kind }])) as DesOverrides['kinds'],
});
const simpleTravel = { ...DEFAULT_TRAVEL_ASSUMPTIONS, detourFactor: 1, urbanSpeedKmh: 60, suburbanSpeedKmh: 60, ruralSpeedKmh: 60, intraComune: false };
const units = (n: number) => ({ office: n, closure: n, night: n, saturday: n, holiday: n });

function lineSetup(unitsPerBand = units(1)) {
  const data = lineTerritory(5);
  const ctx = createTravelContext(data, simpleTravel);
  const layout: ServiceLayout = {
    illustrative: true,
    services: [{ id: 'p1', name: 'PIS 1', members: ['A1', 'A2'], graveMarginalita: true, centraleOperativa24h: true, bases: [{ id: 'b1', istat: '000001', unitsByBand: unitsPerBand }] }],
  };
  return { data, ctx, compiled: compileLayout(ctx, layout) };
}

describe('DES building blocks', () => {
  it('mulberry32 is reproducible, uniform in [0,1), and replication seeds differ', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 10000 }, () => a());
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(0.5, 1);
    expect(new Set(Array.from({ length: 100 }, (_, r) => replicationSeed(1, r))).size).toBe(100);
  });

  it('triangular and lognormal samples have the expected means', () => {
    const rng = mulberry32(7);
    const tri = Array.from({ length: 20000 }, () => sample({ kind: 'triangular', minMin: 20, modeMin: 45, maxMin: 120 }, rng));
    expect(tri.reduce((s, x) => s + x, 0) / tri.length).toBeCloseTo((20 + 45 + 120) / 3, 0);
    expect(Math.min(...tri)).toBeGreaterThanOrEqual(20);
    const ln = Array.from({ length: 20000 }, () => sample({ kind: 'lognormal', medianMin: 30, sigma: 0.5 }, rng)).sort((x, y) => x - y);
    expect(ln[10000]).toBeGreaterThan(28);
    expect(ln[10000]).toBeLessThan(32);
  });

  it('calendar: Tuesday 2 Jan 10:00 office, 18:00 closure, 23:00 night; 1 Jan, Sundays and 1 May holidays', () => {
    expect(bandOfHour(24 + 10, DEFAULT_CALENDAR)).toBe('office');
    expect(bandOfHour(24 + 18, DEFAULT_CALENDAR)).toBe('closure');
    expect(bandOfHour(24 + 23, DEFAULT_CALENDAR)).toBe('night');
    expect(bandOfHour(10, DEFAULT_CALENDAR)).toBe('holiday'); // Monday 1 January
    expect(bandOfHour(6 * 24 + 12, DEFAULT_CALENDAR)).toBe('holiday');
    expect(bandOfHour(120 * 24 + 12, DEFAULT_CALENDAR)).toBe('holiday');
    expect(bandOfHour(12 * 24 + 12, DEFAULT_CALENDAR)).toBe('saturday'); // Saturday 13 January
    expect(bandOfHour(24 + 7, DEFAULT_CALENDAR)).toBe('closure'); // Tuesday 07:00
    expect(bandOfHour(24 + 5, DEFAULT_CALENDAR)).toBe('night'); // Tuesday 05:00 (night ends at 06)
    expect(bandOfHour(5 * 24 + 12, DEFAULT_CALENDAR)).toBe('holiday'); // 6 January
    const shares = bandTimeShares(DEFAULT_CALENDAR);
    expect(Object.values(shares).reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
    expect(shares.night).toBeCloseTo(8 / 24, 12);
    const h = buildHorizon(365, DEFAULT_CALENDAR);
    // Hand count: 254 weekdays × 8 h office and × 8 h closure; 365 nights × 8 h; 49 Saturdays
    // (52 less 6/1, 2/6, 8/12) × 16 h; 62 Sundays and weekday/Saturday holidays × 16 h.
    expect(h.hoursByBand).toEqual([2032, 2032, 2920, 784, 992]);
    expect(h.hoursByBand.reduce((s, x) => s + x, 0)).toBe(8760);
    expect(h.segments[0]).toEqual({ startMin: 0, endMin: 6 * 60, band: 2 });
  });

  it('percentiles and 95 % intervals', () => {
    expect(percentileSorted([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(percentileSorted([], 0.5)).toBeNull();
    const e = estimate([10, 12, 14])!;
    expect(e.mean).toBe(12);
    expect(e.ciHigh - e.mean).toBeCloseTo((4.303 * 2) / Math.sqrt(3), 6);
    expect(estimate([null, null])).toBeNull();
  });
});

describe('DES demand calibrated on the Rho PIS (86 reports in 27 months, closure hours)', () => {
  const data = loadTerritoryData();
  itHeavy('simulated reports per year match the analytic expectation over Lombardy (4 σ of the 10-replication mean)', () => {
    const ctx = createTravelContext(data);
    const r = runSimulation(ctx, compileLayout(ctx, layoutOnePerAts(data)), { replications: 10, seed: 3 });
    const a = defaultDesAssumptions(data);
    const e = expectedDemand(data.comuni, calibrateDemand(data, a), a);
    expect(Math.abs(r.region.reports!.mean - e.total)).toBeLessThan(4 * Math.sqrt(e.total / 10));
    expect(Math.abs(r.region.dispatched!.mean + r.region.unserved!.mean - e.dispatched)).toBeLessThan(4 * Math.sqrt(e.dispatched / 10));
    expect(r.region.saturated).toBe(false);
    expect(r.region.response!.p50Min!.mean).toBeLessThanOrEqual(r.region.response!.p90Min!.mean);
    expect(r.region.response!.p90Min!.mean).toBeLessThanOrEqual(r.region.response!.p95Min!.mean);
  });
});

describe('DES on a line of 5 comuni', () => {
  it('same seed ⇒ identical output; another seed ⇒ different', () => {
    const { ctx, compiled } = lineSetup();
    const opts = { replications: 5, seed: 11, des: uniform(0.05) };
    const a = runSimulation(ctx, compiled, opts);
    const b = runSimulation(ctx, compiled, opts);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const c = runSimulation(ctx, compiled, { ...opts, seed: 12 });
    expect(JSON.stringify(c)).not.toBe(JSON.stringify(a));
  });

  it('with light load and fixed times, responses are triage + mobilisation + travel by hand', () => {
    const { ctx, compiled } = lineSetup();
    // About 5 calls a year, on scene 1 min: queueing is practically impossible.
    const r = runSimulation(ctx, compiled, {
      replications: 20, seed: 1, targetMin: 1000,
      des: uniform(0.001, { onScene: { kind: 'fixed', valueMin: 1 }, dispatch: true }),
    });
    const { triageMin, mobilisationMinByBand } = DEFAULT_RESPONSE_ASSUMPTIONS;
    const km = haversineKm(9, 45, 9.1, 45);
    const lo = triageMin + Math.min(...Object.values(mobilisationMinByBand));
    const hi = triageMin + Math.max(...Object.values(mobilisationMinByBand)) + 4 * km;
    const p50 = r.region.response!.p50Min!;
    expect(p50.mean).toBeGreaterThanOrEqual(lo);
    expect(p50.mean).toBeLessThanOrEqual(hi);
    expect(r.region.response!.shareWithinTarget!.mean).toBe(1);
    expect(r.services[0].utilisation!.mean).toBeLessThan(0.01);
    expect(r.region.saturated).toBe(false);
    expect(r.units).toHaveLength(1);
  });

  it('detects saturation on an overloaded fixture and reports no means', () => {
    const { ctx, compiled } = lineSetup();
    // 5,000 residents × 2 reports/resident/year ≈ 27 calls a day, each ≥ 1 h of work, 1 unit.
    const r = runSimulation(ctx, compiled, { replications: 3, seed: 2, horizonDays: 60, des: uniform(2) });
    const s = r.services[0];
    expect(s.offeredLoad).toBeGreaterThan(1);
    expect(s.saturated).toBe(true);
    expect(s.saturationReasons.join(' ')).toMatch(/carico offerto/);
    expect(s.saturationReasons.join(' ')).toMatch(/utilizzo medio|coda in crescita/);
    expect(s.response).toBeNull();
    expect(r.region.saturated).toBe(true);
    expect(r.region.saturatedServices).toEqual(['p1']);
    expect(r.region.response).toBeNull();
    expect(s.pAllBusy!.mean).toBeGreaterThan(0.95);
  });

  it('more units relieve the queue: share of queued calls falls', () => {
    const one = lineSetup(units(1));
    const three = lineSetup(units(3));
    const opts = { replications: 5, seed: 4, horizonDays: 60, des: uniform(0.3) };
    const q1 = runSimulation(one.ctx, one.compiled, opts).services[0].shareQueued!.mean;
    const q3 = runSimulation(three.ctx, three.compiled, opts).services[0].shareQueued!.mean;
    expect(q3).toBeLessThan(q1);
  });

  it('reports progress per replication and stops between replications when cancelled', () => {
    const { ctx, compiled } = lineSetup();
    const seen: number[] = [];
    const r = runSimulation(ctx, compiled, { replications: 6, des: uniform(0.01) }, {
      onProgress: (p) => seen.push(p.done),
      shouldCancel: () => seen.length >= 2,
    });
    expect(seen).toEqual([1, 2]);
    expect(r.replicationsDone).toBe(2);
    expect(r.cancelled).toBe(true);
  });

  it('calls from comuni without PIS are counted as unserved', () => {
    const data = lineTerritory(5);
    const ctx = createTravelContext(data, simpleTravel);
    const layout: ServiceLayout = {
      illustrative: true,
      services: [{ id: 'p1', name: 'PIS 1', members: ['A1'], graveMarginalita: true, centraleOperativa24h: true, bases: [{ id: 'b1', istat: '000001', unitsByBand: units(1) }] }],
    };
    const r = runSimulation(ctx, compileLayout(ctx, layout), { replications: 3, des: uniform(0.05) });
    const unserved = r.region.unserved!.mean;
    const dispatched = r.region.dispatched!.mean;
    expect(unserved).toBeGreaterThan(0);
    // 2 of 5 comuni (equal residents) have no PIS.
    expect(unserved / (unserved + dispatched)).toBeCloseTo(0.4, 1);
  });
});

describe('output artefacts (issue 9 item 7)', () => {
  it('a service without bases is "nessuna base", not saturated, and the caveats say so', () => {
    const data = lineTerritory(5);
    const ctx = createTravelContext(data, simpleTravel);
    const layout: ServiceLayout = {
      illustrative: true,
      services: [
        { id: 'p1', name: 'PIS 1', members: ['A1'], graveMarginalita: true, centraleOperativa24h: true, bases: [{ id: 'b1', istat: '000001', unitsByBand: units(1) }] },
        { id: 'p2', name: 'PIS 2', members: ['A2'], graveMarginalita: true, centraleOperativa24h: true, bases: [] },
      ],
    };
    const r = runSimulation(ctx, compileLayout(ctx, layout), { replications: 3, des: uniform(0.05) });
    const s2 = r.services[1];
    expect(s2.noUnits).toBe(true);
    expect(s2.noUnitsLabel).toBe('nessuna base');
    expect(s2.saturated).toBe(false);
    expect(s2.saturationReasons).toEqual([]);
    expect(r.region.saturated).toBe(false);
    expect(r.services[0].noUnits).toBe(false);
    expect(r.caveats.find((c) => c.id === 'des.noUnits')?.text).toMatch(/PIS 2: nessuna base/);
  });

  it('the caveats carry the Rho calibration and the Lomellina check on the real data', () => {
    const data = loadTerritoryData();
    const ctx = createTravelContext(data);
    const r = runSimulation(ctx, compileLayout(ctx, layoutOnePerAts(data)), { replications: 2, seed: 1 });
    const ids = r.caveats.map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining(['des.demandCalibration', 'des.lomellinaCheck', 'des.intervals']));
    expect(r.caveats.find((c) => c.id === 'des.lomellinaCheck')!.text).toMatch(/prevede 30,4 segnalazioni, di cui 23,7 emergenze e urgenze; il gestore riferisce 27 attivazioni/);
    expect(r.demand.comuni50k).toHaveLength(19);
    expect(Math.round(r.demand.comuni50k.find((c) => c.istat === '015146')!.expectedReportsYear)).toBe(668);
  });

  it('the 15-min class is flagged as empty by construction while triage + activation ≥ 15, and not when shorter', () => {
    expect(unreachableThresholds([15, 30, 45, 60], DEFAULT_RESPONSE_ASSUMPTIONS, 'closure')).toEqual([15]);
    expect(coverageCaveats({ thresholdsMin: [15, 30], response: DEFAULT_RESPONSE_ASSUMPTIONS, band: 'night' })[0].text).toMatch(/entro 15 min" vuota per costruzione.*triage 5 min \+ attivazione 20 min = 25 min/);
    const fast = { triageMin: 2, mobilisationMinByBand: { ...DEFAULT_RESPONSE_ASSUMPTIONS.mobilisationMinByBand, closure: 5 } };
    expect(unreachableThresholds([15, 30], fast, 'closure')).toEqual([]);
    // On the real data the class is empty indeed.
    const data = loadTerritoryData();
    const ctx = createTravelContext(data);
    const cov = computeCoverage(ctx, compileLayout(ctx, layoutOnePerAts(data)));
    expect(cov.region.shareWithin[0]).toBe(0);
    expect(cov.caveats[0].id).toBe('coverage.emptyByConstruction');
    expect(cov.unreachableThresholdsMin).toEqual([15]);
  });
});
