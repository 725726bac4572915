// Hand-checkable fixtures for the roster (sim/roster.ts) and its use in the DES: who handles a
// call, 24h/365 compliance, and calls in a roster gap counted apart instead of queued.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR, runSimulation } from '../../src/core/des/index.ts';
import { compileLayout } from '../../src/core/sim/compile.ts';
import { allBands, type LayoutService, type ServiceLayout } from '../../src/core/sim/layout.ts';
import { dutyAt, rosterCompliance } from '../../src/core/sim/roster.ts';
import { lineTerritory } from '../../src/core/sim/synthetic.ts';
import { createTravelContext, DEFAULT_TRAVEL_ASSUMPTIONS } from '../../src/core/travel/index.ts';

const noNight = { office: 1, closure: 1, night: 0, saturday: 1, holiday: 1 };
const service = (over: Partial<LayoutService> = {}): LayoutService => ({
  id: 'p1', name: 'PIS 1', members: ['A1', 'A2'], graveMarginalita: true, centraleOperativa24h: true,
  organisation: 'b-continuativo', answerByBand: allBands(1),
  bases: [{ id: 'b1', istat: '000001', unitsByBand: allBands(1) }],
  ...over,
});
// Hours from Monday 1 January 00:00 (a holiday); Tuesday 2 January is an ordinary weekday.
const TUE = 24;

describe('dutyAt', () => {
  it('option (b): the PIS handles a call when someone answers and someone can go; otherwise nobody', () => {
    const s = service({ bases: [{ id: 'b1', istat: '000001', unitsByBand: noNight }] });
    expect(dutyAt(s, 'A1', TUE + 10, DEFAULT_CALENDAR)).toBe('pis');
    expect(dutyAt(s, 'A1', TUE + 23, DEFAULT_CALENDAR)).toBe('scoperto'); // night, nobody on site
    expect(dutyAt(service({ answerByBand: noNight }), 'A1', TUE + 3, DEFAULT_CALENDAR)).toBe('scoperto'); // night, nobody answers
  });

  it('option (a): office hours are handled by the territorial services, the PIS covers the rest', () => {
    const onlyClosure = { office: 0, closure: 1, night: 1, saturday: 1, holiday: 1 };
    const a = service({ organisation: 'a-chiusura', answerByBand: onlyClosure, bases: [{ id: 'b1', istat: '000001', unitsByBand: onlyClosure }] });
    expect(dutyAt(a, 'A1', TUE + 10, DEFAULT_CALENDAR)).toBe('territoriali');
    expect(dutyAt(a, 'A1', TUE + 18, DEFAULT_CALENDAR)).toBe('pis');
    expect(dutyAt(a, 'A1', 10, DEFAULT_CALENDAR)).toBe('pis'); // 1 January: services closed
    // The same roster as option (b) leaves office hours uncovered.
    expect(dutyAt({ ...a, organisation: 'b-continuativo' }, 'A1', TUE + 10, DEFAULT_CALENDAR)).toBe('scoperto');
    // Opening hours per Ambito: A2 open 8–18 → 17:30 is the territorial services'.
    const oh = { A2: { days: [0, 1, 2, 3, 4], startHour: 8, endHour: 18, assumed: false } };
    expect(dutyAt(a, 'A2', TUE + 17, DEFAULT_CALENDAR, oh)).toBe('territoriali');
    expect(dutyAt(a, 'A1', TUE + 17, DEFAULT_CALENDAR, oh)).toBe('pis');
  });
});

describe('rosterCompliance (24h/365)', () => {
  it('a roster with a night gap is "gap: night, 2,920 h/yr"', () => {
    const c = rosterCompliance(service({ bases: [{ id: 'b1', istat: '000001', unitsByBand: noNight }] }), DEFAULT_CALENDAR);
    expect(c.status).toBe('gap');
    expect(c.gapBands).toEqual(['night']);
    expect(c.uncoveredHoursPerYear).toBe(2920);
    const night = c.members[0].bands.find((b) => b.band === 'night')!;
    expect(night).toMatchObject({ state: 'gap', hoursPerYear: 2920, uncoveredHours: 2920, missing: ['sul-posto'] });
  });

  it('a full roster is compliant; option (a) with nobody in office hours is compliant too', () => {
    expect(rosterCompliance(service(), DEFAULT_CALENDAR)).toMatchObject({ status: 'compliant', gapBands: [], uncoveredHoursPerYear: 0 });
    const onlyClosure = { office: 0, closure: 1, night: 1, saturday: 1, holiday: 1 };
    const a = rosterCompliance(service({ organisation: 'a-chiusura', answerByBand: onlyClosure, bases: [{ id: 'b1', istat: '000001', unitsByBand: onlyClosure }] }), DEFAULT_CALENDAR);
    expect(a.status).toBe('compliant');
    const office = a.members[0].bands.find((b) => b.band === 'office')!;
    expect(office).toMatchObject({ state: 'covered', hoursPerYear: 2032, territorialHours: 2032, pisHours: 0 });
    expect(a.members[0].openingHoursAssumed).toBe(true);
  });

  it('a member Ambito whose services close earlier has its own gap', () => {
    const onlyClosure = { office: 0, closure: 1, night: 1, saturday: 1, holiday: 1 };
    const s = service({ organisation: 'a-chiusura', answerByBand: onlyClosure, bases: [{ id: 'b1', istat: '000001', unitsByBand: onlyClosure }] });
    // A2's services close at 13: 13–17 on 254 weekdays = 1,016 h with nobody.
    const c = rosterCompliance(s, DEFAULT_CALENDAR, { A2: { days: [0, 1, 2, 3, 4], startHour: 9, endHour: 13, assumed: false } });
    expect(c.members.map((m) => [m.ambito, m.status, m.uncoveredHoursPerYear])).toEqual([['A1', 'compliant', 0], ['A2', 'gap', 1016]]);
    expect(c.status).toBe('gap');
  });

  it('an undocumented roster is unknown, not a gap', () => {
    const c = rosterCompliance(service({ rosterKnown: false, bases: [] }), DEFAULT_CALENDAR);
    expect(c).toMatchObject({ status: 'unknown', gapBands: [], uncoveredHoursPerYear: null });
    expect(c.members[0].bands.every((b) => b.state === 'unknown')).toBe(true);
  });
});

describe('DES with roster gaps', () => {
  const simpleTravel = { ...DEFAULT_TRAVEL_ASSUMPTIONS, detourFactor: 1, urbanSpeedKmh: 60, suburbanSpeedKmh: 60, ruralSpeedKmh: 60, intraComune: false };
  const data = lineTerritory(5);
  const ctx = createTravelContext(data, simpleTravel);
  const run = (s: LayoutService) => {
    const layout: ServiceLayout = { illustrative: true, services: [s] };
    return runSimulation(ctx, compileLayout(ctx, layout), { seed: 3, replications: 4, horizonDays: 365, des: { rateOverridePerUnitYear: 0.1 } });
  };

  it('calls in a night gap are counted as uncovered, never queued: no response waits for the morning', () => {
    const r = run(service({ bases: [{ id: 'b1', istat: '000001', unitsByBand: noNight }] }));
    const s = r.services[0];
    expect(s.uncoveredByRoster!.mean).toBeGreaterThan(0);
    // Uniform rate: the night is 8/24 of the time, so about a third of the calls fall in the gap.
    expect(s.shareUncoveredByRoster!.mean).toBeGreaterThan(0.25);
    expect(s.shareUncoveredByRoster!.mean).toBeLessThan(0.42);
    expect(s.uncoveredByBand.night!.mean).toBe(s.uncoveredByRoster!.mean);
    expect(s.uncoveredByBand.office!.mean).toBe(0);
    // 5 comuni 7.86 km apart at 60 km/h: the farthest is ~31 min away; a wait across the night would be hours
    // (8 h gap). Below 4 h: some queueing behind 1–4 h MSNA and calamity interventions (demand by kind), no overnight wait.
    expect(s.response!.p95Min!.mean).toBeLessThan(240);
    expect(r.region.uncoveredByRoster!.mean).toBe(s.uncoveredByRoster!.mean);
  });

  it('option (a): office-hour calls go to the territorial services, not into the response times', () => {
    const onlyClosure = { office: 0, closure: 1, night: 1, saturday: 1, holiday: 1 };
    const r = run(service({ organisation: 'a-chiusura', answerByBand: onlyClosure, bases: [{ id: 'b1', istat: '000001', unitsByBand: onlyClosure }] }));
    const s = r.services[0];
    expect(s.uncoveredByRoster!.mean).toBe(0);
    expect(s.handledByTerritorial!.mean).toBeGreaterThan(0);
    // Office hours are 2,032 of 8,760 h: about 23 % of the calls needing a unit.
    const share = s.handledByTerritorial!.mean / (s.handledByTerritorial!.mean + s.calls!.mean);
    expect(share).toBeGreaterThan(0.17);
    expect(share).toBeLessThan(0.29);
  });
});
