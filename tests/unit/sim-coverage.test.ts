import { describe, expect, it } from 'vitest';
import { computeCoverage, DEFAULT_RESPONSE_ASSUMPTIONS } from '../../src/core/coverage/index.ts';
import { compileLayout } from '../../src/core/sim/compile.ts';
import type { LayoutBase, ServiceLayout } from '../../src/core/sim/layout.ts';
import { lineTerritory, layoutOnePerAts } from '../../src/core/sim/synthetic.ts';
import { createTravelContext, DEFAULT_TRAVEL_ASSUMPTIONS, haversineKm, type TravelAssumptions } from '../../src/core/travel/index.ts';
import { loadTerritoryData } from './helpers/realData.ts';

const KM = haversineKm(9, 45, 9.1, 45);
const simple: TravelAssumptions = { ...DEFAULT_TRAVEL_ASSUMPTIONS, detourFactor: 1, urbanSpeedKmh: 60, suburbanSpeedKmh: 60, ruralSpeedKmh: 60, intraComune: false };
const units = (n = 1) => ({ office: n, closure: n, night: n, saturday: n, holiday: n });
const base = (id: string, istat: string, u = units()): LayoutBase => ({ id, istat, unitsByBand: u });
const { triageMin, mobilisationMinByBand } = DEFAULT_RESPONSE_ASSUMPTIONS;

describe('coverage on a line of 5 comuni (A1 = 1..3, A2 = 4..5)', () => {
  const data = lineTerritory(5);
  const ctx = createTravelContext(data, simple);
  const layout: ServiceLayout = {
    illustrative: true,
    services: [{ id: 'p1', name: 'PIS 1', members: ['A1', 'A2'], graveMarginalita: true, centraleOperativa24h: true, bases: [base('b1', '000001')] }],
  };

  it('response = triage + mobilisation(band) + k × 7.86 min, by hand', () => {
    const r = computeCoverage(ctx, compileLayout(ctx, layout), { band: 'office' });
    const fixed = triageMin + mobilisationMinByBand.office;
    for (let k = 0; k < 5; k++) expect(r.points.responseMin[k]).toBeCloseTo(fixed + k * KM, 3);
    expect(r.region.residents).toBe(5000);
    expect(r.region.meanResponseMin).toBeCloseTo(fixed + 2 * KM, 3);
    // Weighted p90 of 5 equal weights = the 5th value.
    expect(r.region.p90ResponseMin).toBeCloseTo(fixed + 4 * KM, 3);
  });

  it('night: night mobilisation and travel × night factor', () => {
    const r = computeCoverage(ctx, compileLayout(ctx, layout), { band: 'night' });
    expect(r.points.responseMin[2]).toBeCloseTo(triageMin + mobilisationMinByBand.night + 2 * KM * simple.nightTravelFactor, 3);
  });

  it('counts residents within thresholds and lists comuni beyond the target', () => {
    // office: fixed 15 min, then 15, 22.9, 30.7, 38.6, 46.4
    const r = computeCoverage(ctx, compileLayout(ctx, layout), { band: 'office', thresholdsMin: [20, 31, 60], targetMin: 31 });
    expect(r.region.residentsWithin).toEqual([1000, 3000, 5000]);
    expect(r.region.shareWithin).toEqual([0.2, 0.6, 1]);
    expect(r.notReached.map((c) => c.istat)).toEqual(['000005', '000004']);
  });

  it('an Ambito without PIS: its comuni are listed, unreachable, and count as not covered', () => {
    const only1: ServiceLayout = { illustrative: true, services: [{ ...layout.services[0], members: ['A1'] }] };
    const r = computeCoverage(ctx, compileLayout(ctx, only1), { band: 'office' });
    expect(r.comuniWithoutPis).toEqual(['000004', '000005']);
    expect(r.residentsWithoutPis).toBe(2000);
    expect(r.points.service[3]).toBe(-1);
    expect(Number.isFinite(r.points.responseMin[3])).toBe(false);
    expect(r.region.residentsReached).toBe(3000);
    expect(r.region.shareWithin[r.region.shareWithin.length - 1]).toBeCloseTo(0.6, 6);
    expect(r.notReached.find((c) => c.istat === '000005')?.responseMin).toBeNull();
    expect(r.byAmbito.find((g) => g.code === 'A2')?.meanResponseMin).toBeNull();
  });

  it('serves each point from the nearest base of its own PIS only', () => {
    const two: ServiceLayout = {
      illustrative: true,
      services: [
        { id: 'p1', name: 'PIS 1', members: ['A1'], graveMarginalita: true, centraleOperativa24h: true, bases: [base('b1', '000001')] },
        { id: 'p2', name: 'PIS 2', members: ['A2'], graveMarginalita: true, centraleOperativa24h: true, bases: [base('b5', '000005')] },
      ],
    };
    const r = computeCoverage(ctx, compileLayout(ctx, two), { band: 'office' });
    // Comune 3 is closer to b5 (2 steps) but belongs to A1: served by b1 (2 steps too) — use comune 3 → A1 → b1.
    expect(r.baseIds[r.points.base[2]]).toBe('b1');
    expect(r.baseIds[r.points.base[3]]).toBe('b5');
    // A composition override moves comune 3 to A2: now served by PIS 2.
    const moved = computeCoverage(ctx, compileLayout(ctx, { ...two, compositionOverrides: { '000003': 'A2' } }), { band: 'office' });
    expect(moved.serviceIds[moved.points.service[2]]).toBe('p2');
    expect(moved.byAmbito.find((g) => g.code === 'A2')?.comuni).toBe(3);
  });

  it('ignores bases with no unit in the band', () => {
    const dayOnly: ServiceLayout = {
      illustrative: true,
      services: [{ ...layout.services[0], bases: [base('b1', '000001'), base('b5', '000005', { office: 1, closure: 0, night: 0, saturday: 0, holiday: 0 })] }],
    };
    const c = compileLayout(ctx, dayOnly);
    expect(computeCoverage(ctx, c, { band: 'office' }).baseIds[computeCoverage(ctx, c, { band: 'office' }).points.base[4]]).toBe('b5');
    const night = computeCoverage(ctx, c, { band: 'night' });
    expect(night.baseIds[night.points.base[4]]).toBe('b1');
  });

  it('warns in Italian about unknown Ambiti, bases and overrides, and keeps going', () => {
    const bad: ServiceLayout = {
      illustrative: true,
      services: [{ ...layout.services[0], members: ['A1', 'ZZ'], bases: [base('bx', '999999'), base('b1', '000001')] }],
      compositionOverrides: { '123456': 'A1' },
    };
    const c = compileLayout(ctx, bad);
    expect(c.warnings.join('\n')).toMatch(/Ambito ZZ sconosciuto/);
    expect(c.warnings.join('\n')).toMatch(/comune 999999 sconosciuto, base ignorata/);
    expect(c.warnings.join('\n')).toMatch(/comune 123456 sconosciuto/);
    expect(computeCoverage(ctx, c).region.residentsReached).toBe(3000);
  });
});

describe('coverage properties on the real Lombardy data', () => {
  const data = loadTerritoryData();
  const ctx = createTravelContext(data);
  const layout = layoutOnePerAts(data);

  it('coverage grows with the threshold (nested catchments), for every group', () => {
    const thresholds = [5, 10, 15, 20, 30, 45, 60, 90, 120, 240];
    const r = computeCoverage(ctx, compileLayout(ctx, layout), { thresholdsMin: thresholds });
    for (const g of [r.region, ...r.byAmbito, ...r.byAts, ...r.byPis]) {
      for (let i = 1; i < thresholds.length; i++) expect(g.residentsWithin[i]).toBeGreaterThanOrEqual(g.residentsWithin[i - 1]);
    }
    expect(r.region.residentsWithin[0]).toBeLessThan(r.region.residentsWithin[thresholds.length - 1]);
  });

  it('adding a base never worsens any response time', () => {
    const before = computeCoverage(ctx, compileLayout(ctx, layout)).points.responseMin;
    // Deterministic picks: every 97th comune gets a base of the PIS that serves it.
    const extra = structuredClone(layout);
    data.comuni.forEach((c, i) => {
      if (i % 97 !== 0) return;
      const s = extra.services.find((sv) => sv.members.includes(c.ambito))!;
      s.bases.push(base(`extra-${c.istat}`, c.istat));
    });
    const after = computeCoverage(ctx, compileLayout(ctx, extra)).points.responseMin;
    let improved = 0;
    for (let p = 0; p < before.length; p++) {
      expect(after[p]).toBeLessThanOrEqual(before[p]);
      if (after[p] < before[p]) improved++;
    }
    expect(improved).toBeGreaterThan(0);
  });

  it('roll-ups are consistent: ATS and Ambiti sum to the region; every comune served', () => {
    const r = computeCoverage(ctx, compileLayout(ctx, layout));
    const total = data.comuni.reduce((s, c) => s + c.residents, 0);
    expect(r.region.residents).toBe(total);
    expect(r.byAts.reduce((s, g) => s + g.residents, 0)).toBe(total);
    expect(r.byAmbito.reduce((s, g) => s + g.residents, 0)).toBe(total);
    expect(r.byAmbito.reduce((s, g) => s + g.comuni, 0)).toBe(data.comuni.length);
    expect(r.comuniWithoutPis).toEqual([]);
    expect(r.region.meanResponseMin!).toBeLessThanOrEqual(r.region.p90ResponseMin!);
    expect(r.comuni.responseMin).toHaveLength(data.comuni.length);
  });
});
