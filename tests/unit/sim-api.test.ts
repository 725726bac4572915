import { describe, expect, it } from 'vitest';
import { createSimulationApi } from '../../src/core/sim/api.ts';
import { layoutOnePerAts, lineTerritory } from '../../src/core/sim/synthetic.ts';
import { createSimulationClient, type AsyncApi, type WorkerHandle } from '../../workers/client.ts';
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
    const lay = { illustrative: true, services: [{ id: 'p', name: 'P', members: ['A1', 'A2'], graveMarginalita: true, centraleOperativa24h: true, bases: [{ id: 'b', istat: '000001', unitsByBand: { office: 1, closure: 1, night: 1, holiday: 1 } }] }] };
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

  it('rejects invalid travel assumptions with an Italian message', async () => {
    await expect(api.coverage(layout, { travel: { ruralSpeedKmh: -1 } })).rejects.toThrow(/Ipotesi di viaggio non valide: Velocità media in contesto rurale/);
  });

  it('defaults expose the assumptions with labels and sources', async () => {
    const d = await api.defaults();
    expect(d.travelInfo.detourFactor.label).toMatch(/tortuosità/);
    expect(d.desInfo.baseRatePerResidentYear.source).toMatch(/Rhodense/);
    expect(d.thresholdsMin).toEqual([15, 30, 45, 60]);
  });
});

// A fake worker: each call returns a promise the test settles by hand.
function fakeWorker() {
  const calls: { method: string; args: unknown[]; resolve: (v: unknown) => void; reject: (e: unknown) => void }[] = [];
  let terminated = 0;
  let created = 0;
  const factory = (): WorkerHandle => {
    created++;
    const api = new Proxy({}, {
      get: (_t, method: string) => (...args: unknown[]) => new Promise((resolve, reject) => calls.push({ method, args, resolve, reject })),
    }) as AsyncApi<SimulationApi>;
    return { api, terminate: () => { terminated++; } };
  };
  return { factory, calls, counts: () => ({ created, terminated }) };
}

describe('simulation client: newest request wins', () => {
  const layout = { illustrative: true, services: [] };

  it('drops a stale answer that arrives after a newer one', async () => {
    const w = fakeWorker();
    const client = createSimulationClient(w.factory);
    const first = client.coverage(layout, { targetMin: 1 });
    const second = client.coverage(layout, { targetMin: 2 });
    w.calls[1].resolve('new');
    w.calls[0].resolve('old');
    expect(await second).toEqual({ status: 'ok', value: 'new' });
    expect(await first).toEqual({ status: 'stale' });
  });

  it('keeps channels independent: a coverage request does not make a simulation stale', async () => {
    const w = fakeWorker();
    const client = createSimulationClient(w.factory);
    const sim = client.simulate(layout, {});
    const cov = client.coverage(layout);
    w.calls[1].resolve('c');
    w.calls[0].resolve('s');
    expect(await sim).toEqual({ status: 'ok', value: 's' });
    expect(await cov).toEqual({ status: 'ok', value: 'c' });
  });

  it('drops progress of a superseded simulation and reports errors of the current one', async () => {
    const w = fakeWorker();
    const client = createSimulationClient(w.factory);
    const seenOld: number[] = [];
    const seenNew: number[] = [];
    const old = client.simulate(layout, {}, (p) => seenOld.push(p.done));
    const cur = client.simulate(layout, {}, (p) => seenNew.push(p.done));
    const progressOld = w.calls[0].args[2] as (p: { done: number; total: number }) => void;
    const progressNew = w.calls[1].args[2] as (p: { done: number; total: number }) => void;
    progressOld({ done: 1, total: 2 });
    progressNew({ done: 1, total: 2 });
    expect(seenOld).toEqual([]);
    expect(seenNew).toEqual([1]);
    w.calls[0].reject(new Error('boom'));
    w.calls[1].reject(new Error('Ipotesi non valide'));
    expect(await old).toEqual({ status: 'stale' });
    expect(await cur).toEqual({ status: 'error', message: 'Ipotesi non valide' });
  });

  it('cancel() terminates and restarts the worker; pending requests resolve as cancelled', async () => {
    const w = fakeWorker();
    const client = createSimulationClient(w.factory);
    const pending = client.simulate(layout, {});
    client.cancel();
    expect(await pending).toEqual({ status: 'cancelled' });
    expect(w.counts()).toEqual({ created: 2, terminated: 1 });
    // A late answer from the old worker changes nothing; the new worker serves new requests.
    w.calls[0].resolve('late');
    const next = client.coverage(layout);
    w.calls[1].resolve('fresh');
    expect(await next).toEqual({ status: 'ok', value: 'fresh' });
  });
});
