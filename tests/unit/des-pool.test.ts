// Issue 13 item 7: DES replications split over a pool of workers. Each replication has its own
// random stream from (seed, replication index), so any split of the replications, summarised in
// replication order, gives the same result as one worker running them all; another seed does not.
import { describe, expect, it } from 'vitest';
import { replicationChunks, runReplicationRange, runSimulation, summariseReplications, type SimulateOptions } from '../../src/core/des/index.ts';
import { compileLayout } from '../../src/core/sim/compile.ts';
import { allBands, type ServiceLayout } from '../../src/core/sim/layout.ts';
import { lineTerritory } from '../../src/core/sim/synthetic.ts';
import { createTravelContext, DEFAULT_TRAVEL_ASSUMPTIONS } from '../../src/core/travel/index.ts';

const ctx = createTravelContext(lineTerritory(6), { ...DEFAULT_TRAVEL_ASSUMPTIONS, detourFactor: 1, intraComune: false });
const layout: ServiceLayout = {
  illustrative: true,
  services: [{
    id: 'p1', name: 'PIS 1', members: ['A1', 'A2'], graveMarginalita: true, centraleOperativa24h: true, organisation: 'b-continuativo', answerByBand: allBands(1),
    bases: [{ id: 'b1', istat: '000001', unitsByBand: allBands(1) }, { id: 'b2', istat: '000005', unitsByBand: { office: 1, closure: 1, night: 0, saturday: 1, holiday: 1 } }],
  }],
};
const compiled = compileLayout(ctx, layout);
const options: SimulateOptions = { seed: 11, replications: 7, horizonDays: 120, des: { rateOverridePerUnitYear: 0.3 } };

async function pooled(o: SimulateOptions, workers: number) {
  const parts = await Promise.all(replicationChunks(o.replications!, workers).map(([from, to]) => runReplicationRange(ctx, compiled, o, from, to)));
  return summariseReplications(ctx, compiled, o, parts.flat());
}

describe('DES replication pool', () => {
  it('splits the replications into contiguous chunks covering each index once', () => {
    expect(replicationChunks(7, 2)).toEqual([[0, 4], [4, 7]]);
    expect(replicationChunks(7, 3)).toEqual([[0, 3], [3, 5], [5, 7]]);
    expect(replicationChunks(2, 4)).toEqual([[0, 1], [1, 2]]);
    expect(replicationChunks(5, 1)).toEqual([[0, 5]]);
  });

  it('the same seed gives identical totals with 1, 2 or 3 workers', async () => {
    const one = runSimulation(ctx, compiled, options);
    expect(one.region.dispatched!.mean).toBeGreaterThan(0);
    for (const w of [1, 2, 3]) {
      const r = await pooled(options, w);
      expect(r.replicationsDone).toBe(7);
      expect(r.region, `${w} worker(s)`).toEqual(one.region);
      expect(r.services, `${w} worker(s)`).toEqual(one.services);
      expect(r.units, `${w} worker(s)`).toEqual(one.units);
    }
  });

  it('is not a rubber stamp: another seed gives other totals', async () => {
    const one = runSimulation(ctx, compiled, options);
    const other = await pooled({ ...options, seed: 12 }, 2);
    expect(other.region).not.toEqual(one.region);
  });
});
