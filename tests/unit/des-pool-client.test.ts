// Issue 13 item 7, the app's side: the simulation client splits a DES run over a pool of workers
// (desWorkers ≥ 2) and gives what one worker gives; cancel and a new session reach the pool too.
// The fake workers answer through the real core API on the Lombardy data.
import { describe, expect, it } from 'vitest';
import { createSimulationApi } from '../../src/core/sim/api.ts';
import { planningDefaults, planningInput } from '../../src/core/sim/planning.ts';
import { layoutOnePerAts } from '../../src/core/sim/synthetic.ts';
import { loadTerritoryData } from './helpers/realData.ts';
import { createSimulationClient } from '../../workers/client.ts';
import type { SimulationApi } from '../../workers/simulation.worker.ts';
import { fakeWorker, flush } from './helpers/fakeWorker.ts';

const data = loadTerritoryData();
const core = createSimulationApi({ loadTerritory: async () => data });
const d = planningDefaults(data);
const input = planningInput({
  layout: layoutOnePerAts(data), band: d.band, targetMin: d.targetMin, thresholdsMin: d.thresholdsMin,
  travel: d.travel, response: d.response, demand: d.des, odMatrixId: null,
});
const run = { seed: 3, replications: 5, horizonDays: 60 };
const viaCore = {
  simulatePlan: (...a: unknown[]) => (core.simulatePlan as (...x: unknown[]) => unknown)(...a),
  simulateRange: (...a: unknown[]) => (core.simulateRange as (...x: unknown[]) => unknown)(...a),
  summarisePlan: (...a: unknown[]) => (core.summarisePlan as (...x: unknown[]) => unknown)(...a),
};

describe('simulation client: a DES run split over a pool of workers', () => {
  it('gives the same result as one worker, each worker running a contiguous range, the main one summarising', async () => {
    const one = fakeWorker<SimulationApi>(viaCore);
    const single = await createSimulationClient(one.factory).simulate(input, run);
    const three = fakeWorker<SimulationApi>(viaCore);
    const seen: number[] = [];
    const split = await createSimulationClient(three.factory, { desWorkers: 3 }).simulate(input, run, (p) => seen.push(p.done));
    expect(single.status).toBe('ok');
    if (single.status !== 'ok') return;
    // (not vacuous: the run has calls, and a response time)
    expect(single.value.region.dispatched!.mean).toBeGreaterThan(10);
    expect(single.value.region.response).not.toBeNull();
    expect(split).toEqual(single);
    expect(one.log.map((c) => c.method)).toEqual(['simulatePlan']);
    const ranges = three.log.filter((c) => c.method === 'simulateRange').map((c) => [c.worker, c.args[2], c.args[3]]);
    expect(ranges).toEqual([[0, 0, 2], [1, 2, 4], [2, 4, 5]]);
    expect(three.log.filter((c) => c.method === 'summarisePlan').map((c) => c.worker)).toEqual([0]);
    // progress counts the replications done over all the parts
    expect(Math.max(...seen)).toBe(5);
    expect(three.counts().created).toBe(3);
  });

  it('runs on one worker when there are fewer replications than workers would need', async () => {
    const w = fakeWorker<SimulationApi>(viaCore);
    const r = await createSimulationClient(w.factory, { desWorkers: 4 }).simulate(input, { ...run, replications: 1 });
    expect(r.status).toBe('ok');
    expect(w.log.map((c) => c.method)).toEqual(['simulatePlan']);
    expect(w.counts().created).toBe(1);
  });

  it('cancel stops every part (the pool is restarted too) and the run settles as cancelled', async () => {
    const w = fakeWorker<SimulationApi>();
    const client = createSimulationClient(w.factory, { desWorkers: 2 });
    const r = client.simulate(input, run);
    await flush();
    expect(w.of('simulateRange').map((c) => c.worker)).toEqual([0, 1]);
    client.cancel(['simulate']);
    expect(await r).toEqual({ status: 'cancelled' });
    expect(w.counts()).toEqual({ created: 4, terminated: 2 });
  });

  it('a part that fails fails the run', async () => {
    const w = fakeWorker<SimulationApi>();
    const client = createSimulationClient(w.factory, { desWorkers: 2 });
    const r = client.simulate(input, run);
    await flush();
    w.of('simulateRange')[0]!.resolve([]);
    w.of('simulateRange')[1]!.reject(new Error('Ipotesi non valide'));
    expect(await r).toEqual({ status: 'error', message: 'Ipotesi non valide' });
    expect(w.of('summarisePlan')).toHaveLength(0);
  });

  it('a new session (an OD matrix) restarts the pool workers, which receive it before any request', async () => {
    const w = fakeWorker<SimulationApi>({ importOdMatrix: () => ({ ok: true }) });
    const client = createSimulationClient(w.factory, { desWorkers: 2 });
    void client.simulate(input, run);
    await flush();
    expect(w.counts().created).toBe(2);
    client.setSession((api) => api.importOdMatrix('csv', 'od-1'));
    await flush();
    // the pool worker (1) is replaced by worker 2, which gets the matrix; the main one keeps its own
    expect(w.counts()).toEqual({ created: 3, terminated: 1 });
    expect(w.log.filter((c) => c.method === 'importOdMatrix').map((c) => [c.worker, c.args[1]])).toEqual([[2, 'od-1']]);
    // a pool started after the session was set gets it on its very first worker
    const late = fakeWorker<SimulationApi>({ importOdMatrix: () => ({ ok: true }) });
    const c2 = createSimulationClient(late.factory, { desWorkers: 2 });
    c2.setSession((api) => api.importOdMatrix('csv', 'od-2'));
    void c2.simulate(input, run);
    await flush();
    expect(late.log.filter((c) => c.method === 'importOdMatrix').map((c) => [c.worker, c.args[1]])).toEqual([[1, 'od-2']]);
    const first = late.log.findIndex((c) => c.worker === 1);
    expect(late.log[first]!.method).toBe('importOdMatrix');
  });
});
