// Issue 10 item 7: what a run reports from its replications (simulate.ts summarise) and what the
// model prepares for them (model.ts), on hand-made replications and a line of comuni, so every
// mean, share, flag and reason is checked by hand.
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_RESPONSE_ASSUMPTIONS } from '../../src/core/coverage/assumptions.ts';
import {
  buildDesModel, defaultDesAssumptions, DEMAND_KINDS, mergeDesAssumptions, replicationChunks, runReplicationRange, runSimulation, runSimulationAsync, summariseReplications,
  type DesAssumptions, type DesOverrides, type ReplicationResult, type SimulationResult, type ServiceReplication, type SimulateOptions,
} from '../../src/core/des/index.ts';
import { compileLayout } from '../../src/core/sim/compile.ts';
import { allBands, TIME_BANDS, type ServiceLayout, type TimeBand } from '../../src/core/sim/layout.ts';
import { lineTerritory } from '../../src/core/sim/synthetic.ts';
import { createTravelContext, DEFAULT_TRAVEL_ASSUMPTIONS } from '../../src/core/travel/index.ts';

const uniform = (rate: number): DesOverrides => ({
  rateOverridePerUnitYear: rate,
  kinds: Object.fromEntries(DEMAND_KINDS.map((k) => [k, { component: 'residents' }])) as DesOverrides['kinds'],
});
const simpleTravel = { ...DEFAULT_TRAVEL_ASSUMPTIONS, detourFactor: 1, urbanSpeedKmh: 60, suburbanSpeedKmh: 60, ruralSpeedKmh: 60, intraComune: false };
const data = lineTerritory(5);
const ctx = createTravelContext(data, simpleTravel);
const officeOnly: Record<TimeBand, number> = { office: 1, closure: 0, night: 0, saturday: 0, holiday: 0 };
// p1 serves A1 from comune 1 with one unit always; p2 serves A2 from comune 5 with one unit in office hours.
const layout: ServiceLayout = {
  illustrative: true,
  services: [
    { id: 'p1', name: 'PIS 1', members: ['A1'], graveMarginalita: true, centraleOperativa24h: true, bases: [{ id: 'b1', istat: '000001', unitsByBand: allBands(1) }] },
    { id: 'p2', name: 'PIS 2', members: ['A2'], graveMarginalita: true, centraleOperativa24h: true, bases: [{ id: 'b2', istat: '000005', unitsByBand: officeOnly }] },
  ],
};
const compiled = compileLayout(ctx, layout);
// Two days: day 0 (1 January, a holiday) has no office hours, day 1 has 8. p1's unit is on duty
// 2,880 min, p2's 480 min.
const opts: SimulateOptions = { horizonDays: 2, replications: 2, targetMin: 30, des: uniform(0.05) };

const svc = (o: Partial<ServiceReplication> = {}): ServiceReplication => ({
  responses: new Float64Array(), calls: 0, queued: 0, allBusyMin: 0, staffedMin: 0, queueAtMid: 0, queueAtEnd: 0, uncovered: 0,
  uncoveredByBand: new Int32Array(5), territorial: 0, callsByKind: new Int32Array(6), rosterUnknown: 0, ...o,
});
const rep = (services: ServiceReplication[], unitBusyMin: number[], o: Partial<ReplicationResult> = {}): ReplicationResult => ({
  reports: 0, dispatched: services.reduce((n, s) => n + s.calls, 0), unserved: 0, uncovered: services.reduce((n, s) => n + s.uncovered, 0),
  territorial: services.reduce((n, s) => n + s.territorial, 0), rosterUnknown: services.reduce((n, s) => n + s.rosterUnknown, 0),
  services, unitBusyMin: Float64Array.from(unitBusyMin), ...o,
});
const f64 = (...xs: number[]) => Float64Array.from(xs);

const reps: ReplicationResult[] = [
  rep([
    svc({ responses: f64(10, 20, 30, 40), calls: 4, queued: 1, allBusyMin: 100, staffedMin: 1000, uncovered: 2, uncoveredByBand: Int32Array.from([0, 2, 0, 0, 0]), territorial: 1, callsByKind: Int32Array.from([1, 0, 0, 2, 1, 0]), queueAtMid: 4, queueAtEnd: 4 }),
    svc({ responses: f64(25), calls: 1, staffedMin: 480, allBusyMin: 48, rosterUnknown: 3 }),
  ], [288, 48], { reports: 12, unserved: 1 }),
  rep([
    svc({ responses: f64(20, 50), calls: 2, staffedMin: 1440, uncoveredByBand: new Int32Array(5), callsByKind: Int32Array.from([0, 0, 0, 1, 1, 0]), queueAtMid: 0, queueAtEnd: 4 }),
    svc({ responses: f64(5), calls: 1, staffedMin: 480 }),
  ], [576, 96], { reports: 6, unserved: 0 }),
];

describe('a run summarised from its replications', () => {
  // Computed in beforeEach, not in the describe body: Stryker activates a mutant after the files
  // are collected, so a result computed while collecting would never see the mutant.
  let r!: SimulationResult;
  let s1: SimulationResult['services'][number] | undefined;
  let s2: SimulationResult['services'][number] | undefined;
  beforeEach(() => {
    r = summariseReplications(ctx, compiled, opts, reps);
    [s1, s2] = r.services;
  });

  it('run metadata: seed 1 by default, replications done and requested, target, horizon', () => {
    expect(r.seed).toBe(1);
    expect(r.replicationsRequested).toBe(2);
    expect(r.replicationsDone).toBe(2);
    expect(r.cancelled).toBe(false);
    expect(r.horizonDays).toBe(2);
    expect(r.targetMin).toBe(30);
    expect(r.illustrative).toBe(true);
    expect(summariseReplications(ctx, compiled, { ...opts, replications: 3 }, reps).cancelled).toBe(true);
  });

  it('per service: calls, gaps and their share, by band, territorial, roster unknown, by kind', () => {
    expect(s1!.id).toBe('p1');
    expect(s1!.name).toBe('PIS 1');
    expect(s1!.units).toBe(1);
    expect(s1!.calls!.mean).toBe(3);
    expect(s1!.uncoveredByRoster!.mean).toBe(1);
    // 2 of 4 + 1 + 2 in the first replication, 0 of 2 in the second.
    expect(s1!.shareUncoveredByRoster!.mean).toBeCloseTo(1 / 7, 12);
    expect(s1!.uncoveredByBand.closure!.mean).toBe(1);
    expect(s1!.uncoveredByBand.office!.mean).toBe(0);
    expect(s1!.handledByTerritorial!.mean).toBe(0.5);
    expect(s2!.rosterUnknown!.mean).toBe(1.5);
    expect(s1!.callsByKind.emergencyOther!.mean).toBe(1.5);
    expect(s1!.callsByKind.calamity!.mean).toBe(0.5);
    expect(s1!.callsByKind.urgency!.mean).toBe(1);
    expect(s1!.shareQueued!.mean).toBeCloseTo(0.125, 12);
    expect(s1!.pAllBusy!.mean).toBeCloseTo(0.05, 12);
    expect(s2!.pAllBusy!.mean).toBeCloseTo(0.05, 12);
  });

  it('utilisation = busy ÷ on-duty minutes of each unit (2,880 and 480 here), per unit and per service', () => {
    expect(r.units.map((u) => [u.serviceId, u.baseId, u.slot])).toEqual([['p1', 'b1', 0], ['p2', 'b2', 0]]);
    expect(r.units[0]!.utilisation!.mean).toBeCloseTo(0.15, 12);
    expect(r.units[1]!.utilisation!.mean).toBeCloseTo(0.15, 12);
    expect(s1!.utilisation!.mean).toBeCloseTo(0.15, 12);
    expect(s2!.utilisation!.ciLow).toBeCloseTo(0.15 - 12.706 * Math.sqrt(0.005) / Math.SQRT2, 12);
  });

  it('responses: nearest-rank percentiles per replication, then their mean; share within the target (≤)', () => {
    const resp = s1!.response!;
    expect(resp.p50Min!.mean).toBe(20);
    expect(resp.p90Min!.mean).toBe(45);
    expect(resp.p95Min!.mean).toBe(45);
    expect(resp.meanMin!.mean).toBe(30);
    // 10, 20, 30 of 10…40 (30 counts: ≤ target) and 20 of 20, 50.
    expect(resp.shareWithinTarget!.mean).toBe(0.625);
    expect(s2!.response!.p50Min!.mean).toBe(15);
  });

  it('the region merges every service’s responses before the percentiles', () => {
    const resp = r.region.response!;
    // Replication 0: 10, 20, 25, 30, 40 → p50 25; replication 1: 5, 20, 50 → p50 20.
    expect(resp.p50Min!.mean).toBe(22.5);
    expect(resp.p90Min!.mean).toBe(45);
    expect(resp.meanMin!.mean).toBeCloseTo((125 / 5 + 75 / 3) / 2, 12);
    expect(resp.shareWithinTarget!.mean).toBeCloseTo((4 / 5 + 2 / 3) / 2, 12);
    expect(r.region.reports!.mean).toBe(9);
    expect(r.region.dispatched!.mean).toBe(4);
    expect(r.region.unserved!.mean).toBe(0.5);
    expect(r.region.uncoveredByRoster!.mean).toBe(1);
    expect(r.region.shareUncoveredByRoster!.mean).toBeCloseTo((2 / 8 + 0) / 2, 12);
    expect(r.region.uncoveredByBand.closure!.mean).toBe(1);
    expect(r.region.handledByTerritorial!.mean).toBe(0.5);
    expect(r.region.rosterUnknown!.mean).toBe(1.5);
    expect(r.region.shareQueued!.mean).toBeCloseTo((1 / 5 + 0) / 2, 12);
  });

  it('a queue counts as growing at ≥ 5 calls and above its mid-horizon length, in at least half the replications', () => {
    const grow = (mid: number, end: number) => summariseReplications(ctx, compiled, opts, reps.map((x, i) => ({ ...x, services: [i === 0 ? { ...x.services[0]!, queueAtMid: mid, queueAtEnd: end } : x.services[0]!, x.services[1]!] })));
    expect(s1!.saturated).toBe(false);
    expect(r.region.saturated).toBe(false);
    expect(r.caveats.map((c) => c.id)).not.toContain('des.saturated');
    // Replication 0: 5 > 4 → growing; replication 1: 4 → not. 1 × 2 ≥ 2: saturated.
    const g = grow(4, 5);
    const gs = g.services[0]!;
    expect(gs.saturated).toBe(true);
    expect(gs.saturationReasons).toEqual(['coda in crescita in 1 repliche su 2']);
    expect(gs.response).toBeNull();
    expect(g.services[1]!.saturated).toBe(false);
    expect(g.services[1]!.response).not.toBeNull();
    expect(g.region.saturated).toBe(true);
    expect(g.region.saturatedServices).toEqual(['p1']);
    expect(g.region.response).toBeNull();
    expect(g.caveats.find((c) => c.id === 'des.saturated')!.text).toBe('Saturazione (coda in crescita) in 1 PIS: le unità non bastano per le chiamate attese; percentili e medie non hanno senso e non sono mostrati.');
    const q = (mid: number, end: number) => grow(mid, end).services[0]!.saturated;
    expect(q(5, 5)).toBe(false);
    expect(q(3, 4)).toBe(false);
    expect(q(0, 6)).toBe(true);
    // One of three replications growing is not enough.
    const three = [...reps, reps[1]!];
    expect(summariseReplications(ctx, compiled, { ...opts, replications: 3 }, three).services[0]!.saturated).toBe(false);
  });

  it('utilisation at the threshold is a saturation, with the figures in the reason', () => {
    const at15 = summariseReplications(ctx, compiled, { ...opts, des: { ...uniform(0.05), saturationUtilisation: 0.15 } }, reps);
    expect(at15.services[1]!.saturationReasons).toEqual(['utilizzo medio delle unità 15% ≥ 15%']);
    const above = summariseReplications(ctx, compiled, { ...opts, des: { ...uniform(0.05), saturationUtilisation: 0.151 } }, reps);
    expect(above.services[1]!.saturated).toBe(false);
  });

  it('an offered load ≥ 1 is a saturation, with the load in the reason', () => {
    const heavy = summariseReplications(ctx, compiled, { ...opts, des: uniform(500) }, reps);
    const s = heavy.services[0]!;
    expect(s.offeredLoad).toBeGreaterThan(1);
    expect(s.saturationReasons[0]).toBe(`carico offerto stimato ${s.offeredLoad.toFixed(2)} ≥ 1: le unità non bastano per le chiamate attese`);
  });

  it('with no replication there is nothing to estimate and nothing saturated by queue', () => {
    const none = summariseReplications(ctx, compiled, opts, []);
    expect(none.replicationsDone).toBe(0);
    expect(none.cancelled).toBe(true);
    expect(none.services[0]!.calls).toBeNull();
    expect(none.services[0]!.saturated).toBe(false);
    expect(none.services[0]!.response).toBeNull();
    expect(none.region.response).toBeNull();
    expect(none.units[0]!.utilisation).toBeNull();
  });

  it('a service without calls has no response; a region without any response has none either', () => {
    const quiet = reps.map((x) => ({ ...x, services: x.services.map((s) => ({ ...s, calls: 0, responses: new Float64Array(), queueAtEnd: 0 })) }));
    const q = summariseReplications(ctx, compiled, opts, quiet);
    expect(q.services[0]!.response).toBeNull();
    expect(q.services[0]!.shareQueued).toBeNull();
    expect(q.region.response).toBeNull();
    expect(q.region.shareQueued).toBeNull();
  });
});

describe('services without units', () => {
  it('bases with no unit in any band: "nessuna unità nelle basi", no load, not saturated, a warning', () => {
    const l: ServiceLayout = { illustrative: false, services: [{ id: 'z', name: 'PIS Z', members: ['A1', 'A2'], graveMarginalita: true, centraleOperativa24h: true, bases: [{ id: 'b', istat: '000003', unitsByBand: allBands(0) }] }] };
    const r = runSimulation(ctx, compileLayout(ctx, l), { horizonDays: 7, replications: 2, des: uniform(5) });
    const s = r.services[0]!;
    expect(s.noUnits).toBe(true);
    expect(s.noUnitsLabel).toBe('nessuna unità nelle basi');
    expect(s.offeredLoad).toBe(0);
    expect(s.saturated).toBe(false);
    expect(s.units).toBe(0);
    expect(s.utilisation).toBeNull();
    expect(s.uncoveredByRoster!.mean).toBeGreaterThan(0);
    expect(r.illustrative).toBe(false);
    expect(r.units).toEqual([]);
    expect(r.warnings).toContain('Nessuna unità nelle basi dello scenario: nessun intervento simulato');
    expect(r.caveats.find((c) => c.id === 'des.noUnits')!.text).toBe('Un PIS non ha unità in nessuna fascia (PIS Z: nessuna unità nelle basi): le loro chiamate non hanno tempi di risposta; non è una saturazione.');
  });

  it('two such services are named together', () => {
    const l: ServiceLayout = {
      illustrative: true,
      services: [
        { id: 'x', name: 'PIS X', members: ['A1'], graveMarginalita: true, centraleOperativa24h: true, bases: [] },
        { id: 'y', name: 'PIS Y', members: ['A2'], graveMarginalita: true, centraleOperativa24h: true, bases: [] },
      ],
    };
    const r = runSimulation(ctx, compileLayout(ctx, l), { horizonDays: 2, replications: 1, des: uniform(0.05) });
    expect(r.caveats.find((c) => c.id === 'des.noUnits')!.text).toMatch(/^2 PIS non hanno unità in nessuna fascia \(PIS X: nessuna base; PIS Y: nessuna base\)/);
  });
});

describe('options and the split of a run', () => {
  it('defaults: seed 1, 30 replications, 365 days, target 45; seeds as uint32; at least one replication', () => {
    const seen: number[] = [];
    const r = runSimulation(ctx, compiled, { des: uniform(0.001) }, { shouldCancel: () => seen.push(1) > 1 });
    expect(r.seed).toBe(1);
    expect(r.replicationsRequested).toBe(30);
    expect(r.horizonDays).toBe(365);
    expect(r.targetMin).toBe(45);
    expect(r.replicationsDone).toBe(1);
    expect(runSimulation(ctx, compiled, { ...opts, seed: -1, replications: 0 }).seed).toBe(4294967295);
    expect(runSimulation(ctx, compiled, { ...opts, replications: 0 }).replicationsRequested).toBe(1);
    expect(runSimulation(ctx, compiled, { ...opts, replications: 2.9 }).replicationsRequested).toBe(2);
  });

  it('chunks: at least one part, never more parts than replications, fractional parts rounded down', () => {
    expect(replicationChunks(5, 0)).toEqual([[0, 5]]);
    expect(replicationChunks(5, 2.9)).toEqual([[0, 3], [3, 5]]);
    expect(replicationChunks(3, 3)).toEqual([[0, 1], [1, 2], [2, 3]]);
    expect(replicationChunks(6, 4)).toEqual([[0, 2], [2, 4], [4, 5], [5, 6]]);
  });

  it('a range is clamped to the run and reports progress within the range', async () => {
    const o = { ...opts, replications: 3, seed: 4 };
    const seen: [number, number][] = [];
    const all = await runReplicationRange(ctx, compiled, o, -2, 99, { onProgress: (p) => seen.push([p.done, p.total]) });
    expect(all).toHaveLength(3);
    expect(seen).toEqual([[1, 3], [2, 3], [3, 3]]);
    const tail = await runReplicationRange(ctx, compiled, o, 1, 3);
    expect(tail).toEqual(all.slice(1));
    expect(summariseReplications(ctx, compiled, o, all)).toEqual(runSimulation(ctx, compiled, o));
  });

  it('the async run gives the run’s result and stops when cancelled', async () => {
    const o = { ...opts, replications: 3, seed: 9 };
    expect(await runSimulationAsync(ctx, compiled, o)).toEqual(runSimulation(ctx, compiled, o));
    const seen: number[] = [];
    const c = await runSimulationAsync(ctx, compiled, o, { onProgress: (p) => seen.push(p.done), shouldCancel: () => seen.length >= 1 });
    expect(c.replicationsDone).toBe(1);
    expect(c.cancelled).toBe(true);
    expect(seen).toEqual([1]);
  });
});

describe('the model a run prepares', () => {
  let a!: DesAssumptions;
  beforeEach(() => {
    a = mergeDesAssumptions(defaultDesAssumptions(data), uniform(0.05));
  });
  const NB = TIME_BANDS.length;

  it('one unit per slot up to the largest band of each base, in layout order', () => {
    const l: ServiceLayout = {
      illustrative: true,
      services: [
        { id: 's0', name: 'S0', members: ['A1'], graveMarginalita: true, centraleOperativa24h: true, bases: [{ id: 'a', istat: '000001', unitsByBand: { office: 2, closure: 1, night: 0, saturday: 3, holiday: 1 } }] },
        { id: 's1', name: 'S1', members: ['A2'], graveMarginalita: true, centraleOperativa24h: true, bases: [{ id: 'b', istat: '000004', unitsByBand: allBands(1) }, { id: 'c', istat: '000005', unitsByBand: officeOnly }] },
      ],
    };
    const m = buildDesModel(ctx, compileLayout(ctx, l), a, DEFAULT_RESPONSE_ASSUMPTIONS, 2);
    expect(Array.from(m.unitBase)).toEqual([0, 0, 0, 1, 2]);
    expect(Array.from(m.unitSlot)).toEqual([0, 1, 2, 0, 0]);
    expect(Array.from(m.unitService)).toEqual([0, 0, 0, 1, 1]);
    expect(m.serviceUnits).toEqual([[0, 1, 2], [3, 4]]);
    expect(Array.from(m.baseUnits)).toEqual([2, 1, 0, 3, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0]);
    expect(Array.from(m.serviceOfPoint)).toEqual([0, 0, 0, 1, 1]);
    expect(Array.from(m.mobilisationMin)).toEqual(TIME_BANDS.map((b) => DEFAULT_RESPONSE_ASSUMPTIONS.mobilisationMinByBand[b]));
    expect(Array.from(m.bandTravelFactor)).toEqual(TIME_BANDS.map((b) => ctx.bandFactor(b)));
    expect(m.triageMin).toBe(5);
    expect(m.horizon.horizonMin).toBe(2880);
    expect(m.travelMin).toHaveLength(3);
    expect(m.baseUnits).toHaveLength(3 * NB);
  });

  it('duty tables: one per (service, member Ambito); an undocumented roster is code 3 everywhere; no PIS is −1', () => {
    const l: ServiceLayout = {
      illustrative: true,
      services: [{ id: 's', name: 'S', members: ['A1'], graveMarginalita: true, centraleOperativa24h: true, rosterKnown: false, bases: [{ id: 'a', istat: '000001', unitsByBand: allBands(1) }] }],
    };
    const c = compileLayout(ctx, l);
    const m = buildDesModel(ctx, c, a, DEFAULT_RESPONSE_ASSUMPTIONS, 1);
    expect(Array.from(m.dutyOfPoint)).toEqual([0, 0, 0, -1, -1]);
    expect(m.dutyTables).toHaveLength(1);
    expect(Array.from(m.dutyTables[0]!)).toEqual(Array(24).fill(3));
    const both = buildDesModel(ctx, compileLayout(ctx, { illustrative: true, services: [{ id: 's', name: 'S', members: ['A1', 'A2'], graveMarginalita: true, centraleOperativa24h: true, bases: [{ id: 'a', istat: '000001', unitsByBand: allBands(1) }] }] }), a, DEFAULT_RESPONSE_ASSUMPTIONS, 1);
    expect(Array.from(both.dutyOfPoint)).toEqual([0, 0, 0, 1, 1]);
    expect(both.dutyTables).toHaveLength(2);
    expect(Array.from(both.dutyTables[0]!)).toEqual(Array(24).fill(0));
  });

  it('offered load by hand on one comune: rate × (Σ band share × (mobilisation + 2 × travel × factor) + mean on scene) ÷ units', () => {
    const one = lineTerritory(1);
    const c1 = createTravelContext(one, simpleTravel);
    const oneA = mergeDesAssumptions(defaultDesAssumptions(one), { ...uniform(1), kinds: Object.fromEntries(DEMAND_KINDS.map((k) => [k, { component: 'residents', onScene: { kind: 'fixed', valueMin: 40 } }])) as DesOverrides['kinds'] });
    const lay = (units: number): ServiceLayout => ({ illustrative: true, services: [{ id: 's', name: 'S', members: ['A1'], graveMarginalita: true, centraleOperativa24h: true, bases: [{ id: 'a', istat: '000001', unitsByBand: allBands(units) }] }] });
    // 14 days: every band occurs (in 7 days the only Saturday is 6 January, a holiday).
    const m = buildDesModel(c1, compileLayout(c1, lay(1)), oneA, DEFAULT_RESPONSE_ASSUMPTIONS, 14);
    const share = { office: 2032 / 8760, closure: 2032 / 8760, night: 2920 / 8760, saturday: 784 / 8760, holiday: 992 / 8760 };
    const t = m.travelMin[0]![0]!;
    const rate = m.demand.pointDispatchRatePerMin[0]!;
    expect(rate).toBeGreaterThan(0);
    // Not-pertinent reports send nobody: the dispatched rate is the dispatched kinds' share of 1,000 reports a year.
    const dispatchedShare = 67 / 86;
    expect(rate * 60 * 8760).toBeCloseTo(1000 * dispatchedShare * (8760 / (8760 - 2032)) * ((8760 - 2032) / 8760 + 2032 / 8760), 6);
    const perCall = TIME_BANDS.reduce((s, b) => s + share[b] * (DEFAULT_RESPONSE_ASSUMPTIONS.mobilisationMinByBand[b] + 2 * t * c1.bandFactor(b)), 0) + 40;
    expect(m.serviceRatePerMin[0]).toBeCloseTo(rate, 12);
    expect(m.offeredLoad[0]).toBeCloseTo(rate * perCall, 12);
    const m2 = buildDesModel(c1, compileLayout(c1, lay(2)), oneA, DEFAULT_RESPONSE_ASSUMPTIONS, 14);
    expect(m2.offeredLoad[0]).toBeCloseTo((rate * perCall) / 2, 12);
    // Office at twice the closure rate: office calls weigh twice.
    const m3 = buildDesModel(c1, compileLayout(c1, lay(1)), { ...oneA, officeRateFactor: 2 }, DEFAULT_RESPONSE_ASSUMPTIONS, 14);
    expect(m3.serviceRatePerMin[0]).toBeCloseTo(rate * (1 + share.office), 12);
    // No unit at all: the roster has nobody to send, so the PIS carries no call and no load.
    const m0 = buildDesModel(c1, compileLayout(c1, lay(0)), oneA, DEFAULT_RESPONSE_ASSUMPTIONS, 14);
    expect(m0.serviceRatePerMin[0]).toBe(0);
    expect(m0.offeredLoad[0]).toBe(0);
  });

  it('option (a): the PIS carries only the hours the territorial services do not; its load falls by the office share', () => {
    const one = lineTerritory(1);
    const c1 = createTravelContext(one, simpleTravel);
    const oneA = mergeDesAssumptions(defaultDesAssumptions(one), uniform(1));
    const svc = (org: 'a-chiusura' | 'b-continuativo'): ServiceLayout => ({ illustrative: true, services: [{ id: 's', name: 'S', members: ['A1'], graveMarginalita: true, centraleOperativa24h: false, organisation: org, answerByBand: allBands(1), bases: [{ id: 'a', istat: '000001', unitsByBand: allBands(1) }] }] });
    const b = buildDesModel(c1, compileLayout(c1, svc('b-continuativo')), oneA, DEFAULT_RESPONSE_ASSUMPTIONS, 365);
    const aa = buildDesModel(c1, compileLayout(c1, svc('a-chiusura')), oneA, DEFAULT_RESPONSE_ASSUMPTIONS, 365);
    expect(aa.serviceRatePerMin[0]).toBeCloseTo(b.serviceRatePerMin[0]! * (1 - 2032 / 8760), 12);
    expect(aa.offeredLoad[0]).toBeLessThan(b.offeredLoad[0]!);
  });
});
