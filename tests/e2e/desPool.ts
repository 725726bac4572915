// End-to-end check of issue 13 item 7: with more cores a DES run is split over a pool of
// simulation workers (hardwareConcurrency − 1, here forced to 3 cores → 2 workers), and the split
// run gives what one worker gives: the same run computed in Node by the core's simulatePlan.
import { readFileSync } from 'node:fs';
import type { TerritoryData } from '../../src/core/territory/types.ts';
import { createSimulationApi } from '../../src/core/sim/api.ts';
import { planningDefaults, planningInput } from '../../src/core/sim/planning.ts';
import { layoutOnePerAts } from '../../src/core/sim/synthetic.ts';
import { ORIGIN, waitMapIdle, type Guarded, expect } from './harness.ts';

const data = JSON.parse(readFileSync('geodata/generated/territory.json', 'utf8')) as TerritoryData;

/** Totals of a result, numbers to 9 significant digits (Node's and Chromium's V8 may differ in the last bits). */
const totals = (json: string): string => JSON.stringify(JSON.parse(json), (_k, v: unknown) => (typeof v === 'number' ? Number(v.toPrecision(9)) : v));

export const desPoolScenarios: Record<string, (g: Guarded) => Promise<void>> = {
  async 'des-pool'({ page }) {
    // (a string: tsx would wrap a named getter in a helper the page does not have)
    await page.addInitScript("Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get() { return 3; } });");
    await page.goto(ORIGIN + '/');
    expect((await waitMapIdle(page)).state === 'idle', 'mappa non idle');
    const d = planningDefaults(data);
    const input = planningInput({ layout: layoutOnePerAts(data), band: d.band, targetMin: d.targetMin, thresholdsMin: d.thresholdsMin, travel: d.travel, response: d.response, demand: d.des, odMatrixId: null });
    const run = { seed: 7, replications: 5, horizonDays: 60 };
    const split = await page.evaluate(async ({ inp, run }) => {
      const app = (window as unknown as { __app: { simClient: { simulate(i: unknown, r: unknown, p: (x: { done: number; total: number }) => void): Promise<{ status: string; value?: { region: unknown; services: unknown; replicationsDone: number } }> } } }).__app;
      const progress: number[] = [];
      const r = await app.simClient.simulate(inp, run, (p) => progress.push(p.done));
      return r.status === 'ok' ? { json: JSON.stringify({ region: r.value!.region, services: r.value!.services }), done: r.value!.replicationsDone, progress } : { error: JSON.stringify(r) };
    }, { inp: input, run });
    expect(!('error' in split), `simulazione divisa: ${'error' in split ? split.error : ''}`);
    if ('error' in split) return;
    const workers = page.workers().filter((w) => /simulation\.worker/.test(w.url())).length;
    expect(workers === 2, `worker di simulazione: ${workers} (attesi 2 con 3 core)`);
    expect(split.done === 5, `repliche: ${split.done}`);
    expect(Math.max(...split.progress) === 5, `avanzamento: ${split.progress.join(',')}`);
    const one = await createSimulationApi({ loadTerritory: async () => data }).simulatePlan(input, run);
    expect(totals(split.json) === totals(JSON.stringify({ region: one.region, services: one.services })), 'la simulazione divisa su 2 worker dà totali diversi da un solo worker');
    console.log(`    2 worker = 1 worker: ${one.replicationsDone} repliche, totali identici`);
  },
};
