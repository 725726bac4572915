// The two rules review §2.4 showed could break with every test green, each pinned by a
// hand-checkable fixture (a line of comuni 0.1° ≈ 7.9 km apart, 60 km/h everywhere):
// 1. DES dispatch sends the NEAREST free on-duty unit, not the first one in the list;
// 2. compileLayout: when two PIS claim one Ambito, the first one listed serves it ("vale il primo").
import { describe, expect, it } from 'vitest';
import { DEMAND_KINDS, runSimulation, type DesOverrides, type KindAssumption } from '../../src/core/des/index.ts';
import { compileLayout } from '../../src/core/sim/compile.ts';
import type { ServiceLayout } from '../../src/core/sim/layout.ts';
import { lineTerritory } from '../../src/core/sim/synthetic.ts';
import { createTravelContext, DEFAULT_TRAVEL_ASSUMPTIONS } from '../../src/core/travel/index.ts';

const uniform = (rate: number, kind: Partial<KindAssumption> = {}): DesOverrides => ({
  rateOverridePerUnitYear: rate,
  kinds: Object.fromEntries(DEMAND_KINDS.map((k) => [k, { component: 'residents', ...kind }])) as DesOverrides['kinds'],
});
const simpleTravel = { ...DEFAULT_TRAVEL_ASSUMPTIONS, detourFactor: 1, urbanSpeedKmh: 60, suburbanSpeedKmh: 60, ruralSpeedKmh: 60, intraComune: false };
const units = (n: number) => ({ office: n, closure: n, night: n, saturday: n, holiday: n });

describe('DES dispatch: the nearest free unit', () => {
  // Comuni 1…9 on a line, one service for both Ambiti. Under a light load a unit is almost always
  // free, so the response to a call is the travel from the unit dispatched.
  const data = lineTerritory(9, 5);
  const ctx = createTravelContext(data, simpleTravel);
  const service = (bases: ServiceLayout['services'][number]['bases']): ServiceLayout => ({
    illustrative: true,
    services: [{ id: 'p', name: 'PIS', members: ['A1', 'A2'], graveMarginalita: true, centraleOperativa24h: true, bases }],
  });
  const opts = { replications: 4, seed: 5, horizonDays: 120, des: uniform(0.02) };
  const mean = (layout: ServiceLayout) => runSimulation(ctx, compileLayout(ctx, layout), opts).services[0]!.response!.meanMin!.mean;

  it('a second base at the far end halves the mean response; the same units at one end do not', () => {
    const oneEnd = mean(service([{ id: 'a', istat: '000001', unitsByBand: units(2) }]));
    const bothEnds = mean(service([{ id: 'a', istat: '000001', unitsByBand: units(1) }, { id: 'b', istat: '000009', unitsByBand: units(1) }]));
    // From comune 1 the mean distance to comuni 1…9 is 4 steps; from the nearer end it is 20/9 ≈ 2.2.
    expect(bothEnds).toBeLessThan(oneEnd * 0.75);
  });

  it('the order of the bases does not matter', () => {
    const ab = mean(service([{ id: 'a', istat: '000001', unitsByBand: units(1) }, { id: 'b', istat: '000009', unitsByBand: units(1) }]));
    const ba = mean(service([{ id: 'b', istat: '000009', unitsByBand: units(1) }, { id: 'a', istat: '000001', unitsByBand: units(1) }]));
    expect(Math.abs(ab - ba) / ab).toBeLessThan(0.1);
  });
});

describe('compileLayout: the first PIS listed serves a disputed Ambito', () => {
  const data = lineTerritory(5);
  const ctx = createTravelContext(data, simpleTravel);
  const svc = (id: string, members: string[], istat: string) => ({ id, name: `PIS ${id}`, members, graveMarginalita: true, centraleOperativa24h: true, bases: [{ id: `b-${id}`, istat, unitsByBand: units(1) }] });

  it('keeps the first claim, serves the rest with the second, and says so', () => {
    const c = compileLayout(ctx, { illustrative: true, services: [svc('uno', ['A1'], '000001'), svc('due', ['A1', 'A2'], '000005')] });
    expect(c.serviceOfAmbito.get('A1')).toBe(0);
    expect(c.serviceOfAmbito.get('A2')).toBe(1);
    expect(Array.from(c.serviceOfComune)).toEqual([0, 0, 0, 1, 1]);
    expect(c.warnings).toEqual(['PIS "PIS due": l\'Ambito A1 è già servito dal PIS "PIS uno", vale il primo']);
  });

  it('listing them the other way round gives the Ambito to the other PIS', () => {
    const c = compileLayout(ctx, { illustrative: true, services: [svc('due', ['A1', 'A2'], '000005'), svc('uno', ['A1'], '000001')] });
    expect(c.serviceOfAmbito.get('A1')).toBe(0);
    expect(Array.from(c.serviceOfComune)).toEqual([0, 0, 0, 0, 0]);
  });
});
