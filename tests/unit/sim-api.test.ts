import { describe, expect, it } from 'vitest';
import { createSimulationApi } from '../../src/core/sim/api.ts';
import { layoutOnePerAts, lineTerritory } from '../../src/core/sim/synthetic.ts';
import { createSimulationClient, type LifecycleEvent } from '../../workers/client.ts';
import { MAX_CONSECUTIVE_DEATHS, WORKER_DIED } from '../../workers/requests.ts';
import { coverageOptionsOf, planningDefaults, planningInput } from '../../src/core/sim/planning.ts';
import { DEFAULT_TRAVEL_ASSUMPTIONS } from '../../src/core/travel/assumptions.ts';
import { DEFAULT_RESPONSE_ASSUMPTIONS } from '../../src/core/coverage/assumptions.ts';
import { fakeWorker, flush } from './helpers/fakeWorker.ts';
import type { SimulationApi } from '../../workers/simulation.worker.ts';
import { loadTerritoryData } from './helpers/realData.ts';

describe('simulation API in Node (what the worker exposes)', () => {
  const data = loadTerritoryData();
  let loads = 0;
  const api = createSimulationApi({ loadTerritory: async () => { loads++; return data; } });
  const layout = layoutOnePerAts(data);

  it('coverage returns typed arrays in an explicit id order and loads the territory once', async () => {
    const r = await api.coverage(layout, { band: 'night' });
    expect(r.band).toBe('night');
    expect(r.points.responseMin).toBeInstanceOf(Float32Array);
    expect(r.comuni.responseMin).toHaveLength(data.comuni.length);
    expect(r.serviceIds).toEqual(layout.services.map((s) => s.id));
    expect(r.illustrative).toBe(true);
    await api.coverage(layout);
    expect(loads).toBe(1);
    // Plain data: survives structured cloning.
    expect(structuredClone(r).region).toEqual(r.region);
  });

  it('rule50k lists the 19 comuni with istat_code and pass', async () => {
    const r = await api.rule50k(layout);
    expect(r.comuni).toHaveLength(19);
    for (const e of r.comuni) {
      expect(e.istat_code).toMatch(/^\d{6}$/);
      expect(typeof e.pass).toBe('boolean');
    }
  });

  it('simulate reports progress and is reproducible', async () => {
    const progress: number[] = [];
    const a = await api.simulate(layout, { replications: 3, seed: 9 }, (p) => progress.push(p.done));
    expect(progress).toEqual([1, 2, 3]);
    const b = await api.simulate(layout, { replications: 3, seed: 9 });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('cancelSimulation stops a running simulation between replications', async () => {
    let done = 0;
    const running = api.simulate(layout, { replications: 50 }, () => {
      done++;
      if (done === 2) void api.cancelSimulation();
    });
    const r = await running;
    expect(r.cancelled).toBe(true);
    expect(r.replicationsDone).toBeLessThan(50);
  });

  it('an imported OD matrix replaces the estimate; clearing it restores the estimate', async () => {
    const line = lineTerritory(5);
    const small = createSimulationApi({ loadTerritory: async () => line });
    const lay = { illustrative: true, services: [{ id: 'p', name: 'P', members: ['A1', 'A2'], graveMarginalita: true, centraleOperativa24h: true, bases: [{ id: 'b', istat: '000001', unitsByBand: { office: 1, closure: 1, night: 1, saturday: 1, holiday: 1 } }] }] };
    const before = await small.coverage(lay, { band: 'office', travel: { intraComune: false } });
    const report = await small.importOdMatrix('from_istat,to_istat,minutes\n000001,000005,99\n');
    expect(report.ok).toBe(true);
    expect(report.counts.accepted).toBe(1);
    const after = await small.coverage(lay, { band: 'office', travel: { intraComune: false } });
    expect(after.travelSource).toBe('matrice-od');
    expect(after.points.travelMin[4]).toBeCloseTo(99, 4);
    expect(after.points.travelMin[3]).toBeCloseTo(before.points.travelMin[3], 4);
    await small.clearOdMatrix();
    expect((await small.coverage(lay, { band: 'office', travel: { intraComune: false } })).travelSource).toBe('stima');
  });

  it('evaluate: coverage and the 50,000 rule of a planning input from one call; an OD mismatch is an error', async () => {
    const d = planningDefaults(data);
    const input = planningInput({ layout, band: 'night', targetMin: 30, thresholdsMin: [15, 30], travel: d.travel, response: d.response, demand: d.des, odMatrixId: null });
    const r = await api.evaluate(input);
    expect(r.key).toBe(input.key);
    const direct = await api.coverage(layout, coverageOptionsOf(input));
    expect(r.coverage.region).toEqual(direct.region);
    expect(r.coverage.band).toBe('night');
    expect(r.rule50k).toEqual(await api.rule50k(layout, coverageOptionsOf(input)));
    await expect(api.evaluate({ ...input, odMatrixId: 'sha256:abc' })).rejects.toThrow(/^OD_MATRIX_MISMATCH/);
    // Equal content, equal key, whatever the key order; any change, another key.
    expect(planningInput({ ...input, travel: { ...input.travel } }).key).toBe(input.key);
    expect(planningInput({ ...input, targetMin: 31 }).key).not.toBe(input.key);
  });

  it('rejects invalid travel assumptions with an Italian message', async () => {
    await expect(api.coverage(layout, { travel: { ruralSpeedKmh: -1 } })).rejects.toThrow(/Ipotesi di viaggio non valide: Velocità media in contesto rurale/);
  });

  it('defaults expose the assumptions with labels and sources', async () => {
    const d = await api.defaults();
    expect(d.travelInfo.detourFactor.label).toMatch(/tortuosità/);
    expect(d.desInfo.calibration.source).toMatch(/Rhodense/);
    expect(d.thresholdsMin).toEqual([15, 30, 45, 60]);
  });
});

describe('simulation client: newest request wins', () => {
  const input = planningInput({
    layout: { illustrative: true, services: [] }, band: 'closure', targetMin: 45, thresholdsMin: [15, 30, 45, 60],
    travel: { ...DEFAULT_TRAVEL_ASSUMPTIONS }, response: { ...DEFAULT_RESPONSE_ASSUMPTIONS }, demand: { demandScale: 1, officeRateFactor: 1, indicator: { capoluogoPer1000: 6, over50kPer1000: 1.2, baselinePer1000: 0.4 } }, odMatrixId: null,
  });
  const run = { seed: 1, replications: 1, horizonDays: 7 };

  it('drops a stale answer that arrives after a newer one', async () => {
    const w = fakeWorker<SimulationApi>();
    const client = createSimulationClient(w.factory);
    const first = client.evaluate(input);
    const second = client.evaluate(input);
    await flush();
    w.calls[1]!.resolve('new');
    w.calls[0]!.resolve('old');
    expect(await second).toEqual({ status: 'ok', value: 'new' });
    expect(await first).toEqual({ status: 'stale' });
  });

  it('keeps channels independent: a coverage request does not make a simulation stale', async () => {
    const w = fakeWorker<SimulationApi>();
    const client = createSimulationClient(w.factory);
    const sim = client.simulate(input, run);
    const cov = client.evaluate(input);
    await flush();
    w.of('evaluate')[0]!.resolve('c');
    w.of('simulatePlan')[0]!.resolve('s');
    expect(await sim).toEqual({ status: 'ok', value: 's' });
    expect(await cov).toEqual({ status: 'ok', value: 'c' });
  });

  it('defaults, OD import and OD clear cannot make one another stale', async () => {
    const w = fakeWorker<SimulationApi>();
    const client = createSimulationClient(w.factory);
    const d = client.defaults();
    const imp = client.importOdMatrix('csv', 'id1');
    const clr = client.clearOdMatrix();
    await flush();
    expect(w.calls).toHaveLength(3);
    for (const c of w.calls) c.resolve(c.method);
    expect(await d).toEqual({ status: 'ok', value: 'defaults' });
    expect(await imp).toEqual({ status: 'ok', value: 'importOdMatrix' });
    expect(await clr).toEqual({ status: 'ok', value: 'clearOdMatrix' });
  });

  it('drops progress of a superseded simulation and reports errors of the current one', async () => {
    const w = fakeWorker<SimulationApi>();
    const client = createSimulationClient(w.factory);
    const seenOld: number[] = [];
    const seenNew: number[] = [];
    const old = client.simulate(input, run, (p) => seenOld.push(p.done));
    const cur = client.simulate(input, run, (p) => seenNew.push(p.done));
    await flush();
    const progressOld = w.calls[0]!.args[2] as (p: { done: number; total: number }) => void;
    const progressNew = w.calls[1]!.args[2] as (p: { done: number; total: number }) => void;
    progressOld({ done: 1, total: 2 });
    progressNew({ done: 1, total: 2 });
    expect(seenOld).toEqual([]);
    expect(seenNew).toEqual([1]);
    w.calls[0]!.reject(new Error('boom'));
    w.calls[1]!.reject(new Error('Ipotesi non valide'));
    expect(await old).toEqual({ status: 'stale' });
    expect(await cur).toEqual({ status: 'error', message: 'Ipotesi non valide' });
  });

  it('cancel() terminates and restarts the worker; pending requests resolve as cancelled', async () => {
    const w = fakeWorker<SimulationApi>();
    const client = createSimulationClient(w.factory);
    const pending = client.simulate(input, run);
    await flush();
    client.cancel();
    expect(await pending).toEqual({ status: 'cancelled' });
    expect(w.counts()).toEqual({ created: 2, terminated: 1 });
    // A late answer from the old worker changes nothing; the new worker serves new requests.
    await flush();
    w.calls[0]!.resolve('late');
    const next = client.evaluate(input);
    await flush();
    expect(w.calls[1]!.worker).toBe(1);
    w.calls[1]!.resolve('fresh');
    expect(await next).toEqual({ status: 'ok', value: 'fresh' });
  });

  it('cancelling the simulation sends an in-flight coverage run again instead of failing it', async () => {
    const w = fakeWorker<SimulationApi>();
    const client = createSimulationClient(w.factory);
    const sim = client.simulate(input, run);
    const cov = client.evaluate(input);
    await flush();
    client.cancel(['simulate']);
    expect(await sim).toEqual({ status: 'cancelled' });
    await flush();
    const again = w.of('evaluate');
    expect(again.map((c) => c.worker)).toEqual([0, 1]);
    again[1]!.resolve('cov');
    expect(await cov).toEqual({ status: 'ok', value: 'cov' });
  });

  it('a dead worker is replaced, the OD matrix replayed first, the request retried once and listeners told', async () => {
    const w = fakeWorker<SimulationApi>();
    const client = createSimulationClient(w.factory);
    const events: LifecycleEvent[] = [];
    client.onLifecycle((e) => events.push(e));
    client.setSession((api) => api.importOdMatrix('od-text', 'od-1'));
    const cov = client.evaluate(input);
    await flush();
    w.kill(0, 'out of memory');
    await flush();
    expect(events).toEqual([{ kind: 'restarted', reason: 'out of memory', retrying: 1 }]);
    expect(w.counts()).toEqual({ created: 2, terminated: 1 });
    // The fresh worker gets the OD matrix before the retried request.
    expect(w.calls.filter((c) => c.worker === 1).map((c) => c.method)).toEqual(['importOdMatrix']);
    expect(w.calls[1]!.args).toEqual(['od-text', 'od-1']);
    w.calls[1]!.resolve({ ok: true });
    await flush();
    expect(w.calls.filter((c) => c.worker === 1).map((c) => c.method)).toEqual(['importOdMatrix', 'evaluate']);
    // It dies again: the request is not sent a third time, it fails with a code the state translates.
    w.kill(1, 'again');
    const r = await cov;
    expect(r.status).toBe('error');
    expect(r.status === 'error' && r.message.startsWith(WORKER_DIED)).toBe(true);
    expect(w.calls.filter((c) => c.method === 'evaluate')).toHaveLength(2);
  });

  it('stops restarting a worker that dies without ever answering, until cancel()', async () => {
    const w = fakeWorker<SimulationApi>();
    const client = createSimulationClient(w.factory);
    const events: LifecycleEvent[] = [];
    client.onLifecycle((e) => events.push(e));
    for (let i = 0; i < MAX_CONSECUTIVE_DEATHS; i++) w.kill(i);
    expect(events.map((e) => e.kind)).toEqual(['restarted', 'restarted', 'gave-up']);
    const r = await client.evaluate(input);
    expect(r.status).toBe('error');
    client.cancel();
    const ok = client.evaluate(input);
    await flush();
    w.calls.at(-1)!.resolve('back');
    expect(await ok).toEqual({ status: 'ok', value: 'back' });
  });
});
