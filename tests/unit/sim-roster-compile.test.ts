// Hand-checkable details of sim/roster.ts, sim/compile.ts and sim/api.ts that the scenario tests
// pass through without pinning: hours per band in the generic year, option (a) per member,
// hand-written layouts with missing or invalid fields, and the API's OD identity and DES entry.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR } from '../../src/core/des/index.ts';
import { createSimulationApi } from '../../src/core/sim/api.ts';
import { compileLayout } from '../../src/core/sim/compile.ts';
import { allBands, type LayoutService, type OpeningHours } from '../../src/core/sim/layout.ts';
import { planningDefaults, planningInput } from '../../src/core/sim/planning.ts';
import { ambitoCompliance, rosterCompliance, rosterView, servicesOpenAt } from '../../src/core/sim/roster.ts';
import { lineTerritory } from '../../src/core/sim/synthetic.ts';
import { createTravelContext } from '../../src/core/travel/index.ts';

// The generic year (des/calendar.ts): office 2,032 h, closure 2,032, night 2,920, Saturday 784, holiday 992.
const HOURS = { office: 2032, closure: 2032, night: 2920, saturday: 784, holiday: 992 };
const svc = (over: Partial<LayoutService> = {}): LayoutService => ({
  id: 'p', name: 'PIS p', members: ['A1'], graveMarginalita: true, centraleOperativa24h: true,
  organisation: 'b-continuativo', answerByBand: allBands(1), bases: [{ id: 'b', istat: '000001', unitsByBand: allBands(1) }], ...over,
});
const officeOff = { ...allBands(1), office: 0 };
const optionA = (over: Partial<LayoutService> = {}) => svc({ organisation: 'a-chiusura', answerByBand: officeOff, bases: [{ id: 'b', istat: '000001', unitsByBand: officeOff }], ...over });
const mornings: OpeningHours = { days: [0, 1, 2, 3, 4], startHour: 9, endHour: 13, assumed: false, source: 'test' };

describe('roster: hours of the generic year', () => {
  it('an always-on service: the PIS holds every hour of every band, nothing missing', () => {
    const c = ambitoCompliance(svc(), 'A1', DEFAULT_CALENDAR);
    expect(c.bands).toEqual((['office', 'closure', 'night', 'saturday', 'holiday'] as const).map((band) => ({ band, state: 'covered', hoursPerYear: HOURS[band], pisHours: HOURS[band], territorialHours: 0, uncoveredHours: 0, missing: [] })));
    expect(c).toMatchObject({ status: 'compliant', gapBands: [], uncoveredHoursPerYear: 0, openingHoursAssumed: false });
  });

  it('option (a): office hours to the territorial services, nothing missing there; the default hours are an assumption', () => {
    const c = ambitoCompliance(optionA(), 'A1', DEFAULT_CALENDAR);
    expect(c.bands[0]).toEqual({ band: 'office', state: 'covered', hoursPerYear: 2032, pisHours: 0, territorialHours: 2032, uncoveredHours: 0, missing: [] });
    expect(c.status).toBe('compliant');
    expect(c.openingHoursAssumed).toBe(true);
    // Sourced opening hours are not an assumption, and option (b) reads none.
    expect(ambitoCompliance(optionA(), 'A1', DEFAULT_CALENDAR, { A1: { ...mornings, endHour: 17 } }).openingHoursAssumed).toBe(false);
    expect(ambitoCompliance(svc(), 'A1', DEFAULT_CALENDAR).openingHoursAssumed).toBe(false);
  });

  it('option (a) with morning-only services: the afternoons of the office band are a gap for that member only', () => {
    // 13–17 on the 254 office days (2,032 h / 8): 1,016 h with nobody.
    const s = optionA({ members: ['A1', 'A2'] });
    const r = rosterCompliance(s, DEFAULT_CALENDAR, { A1: mornings });
    expect(r.members.map((m) => [m.ambito, m.status, m.uncoveredHoursPerYear])).toEqual([['A1', 'gap', 1016], ['A2', 'compliant', 0]]);
    expect(r.members[0]?.bands[0]).toMatchObject({ pisHours: 0, territorialHours: 1016, uncoveredHours: 1016, missing: ['risposta', 'sul-posto'] });
    expect(r).toMatchObject({ serviceId: 'p', name: 'PIS p', organisation: 'a-chiusura', status: 'gap', gapBands: ['office'], uncoveredHoursPerYear: 1016 });
  });

  it('the worst member sets the service\'s uncovered hours', () => {
    const s = optionA({ members: ['A1', 'A2'], bases: [{ id: 'b', istat: '000001', unitsByBand: { ...officeOff, saturday: 0 } }] });
    const r = rosterCompliance(s, DEFAULT_CALENDAR, { A1: mornings });
    expect(r.members.map((m) => m.uncoveredHoursPerYear)).toEqual([1016 + 784, 784]);
    expect(r.uncoveredHoursPerYear).toBe(1800);
    expect(r.gapBands).toEqual(['office', 'saturday']);
  });

  it('an undocumented roster is unknown, with nothing counted and nothing missing; no members is unknown too', () => {
    const r = rosterCompliance(svc({ rosterKnown: false, bases: [] }), DEFAULT_CALENDAR);
    expect(r.status).toBe('unknown');
    expect(r.uncoveredHoursPerYear).toBeNull();
    expect(r.members[0]?.bands[2]).toEqual({ band: 'night', state: 'unknown', hoursPerYear: 2920, pisHours: null, territorialHours: null, uncoveredHours: null, missing: [] });
    const none = rosterCompliance(svc({ members: [] }), DEFAULT_CALENDAR);
    expect([none.status, none.uncoveredHoursPerYear, none.gapBands]).toEqual(['unknown', null, []]);
  });

  it('services are closed on the calendar\'s holidays in every year of a long horizon', () => {
    const oh = { ...mornings };
    // Day 365 is 1 January of the second year (a holiday); day 366 an ordinary Wednesday.
    expect(servicesOpenAt(oh, 365 * 24 + 10, DEFAULT_CALENDAR)).toBe(false);
    expect(servicesOpenAt(oh, 366 * 24 + 10, DEFAULT_CALENDAR)).toBe(true);
    expect(servicesOpenAt(oh, 366 * 24 + 13, DEFAULT_CALENDAR)).toBe(false);
  });
});

describe('rosterView of hand-written layouts', () => {
  it('no organisation = option (b); a base without units puts nobody on site; no answerByBand = the on-site staff answer', () => {
    const { organisation: _o, answerByBand: _a, ...bare } = svc();
    const r = rosterView({ ...bare, bases: [{ id: 'x', istat: '000001' } as never, { id: 'y', istat: '000002', unitsByBand: { ...allBands(2), night: -1 } }] });
    expect(r).toEqual({ organisation: 'b-continuativo', answerByBand: { ...allBands(2), night: 0 }, onSiteByBand: { ...allBands(2), night: 0 }, rosterKnown: true });
  });
});

describe('compileLayout of hand-written layouts', () => {
  const data = lineTerritory(5);
  const ctx = createTravelContext(data);

  it('ignores moves to unknown comuni or Ambiti, naming them', () => {
    const c = compileLayout(ctx, { illustrative: true, services: [], compositionOverrides: { '999999': 'A1', '000001': 'ZZ', '000003': 'A2' } });
    expect(c.warnings).toEqual(['Spostamento di composizione ignorato: comune 999999 sconosciuto', 'Spostamento di composizione ignorato: Ambito ZZ sconosciuto (comune Comune 1)']);
    expect(c.ambitoOfComune).toEqual(['A1', 'A1', 'A2', 'A2', 'A2']);
  });

  it('units that are not whole non-negative numbers count as 0, with a warning per band', () => {
    const units = { office: -1, closure: 1.5, night: '2', saturday: 0, holiday: 3 } as unknown as Record<'office', number>;
    const c = compileLayout(ctx, { illustrative: true, services: [svc({ bases: [{ id: 'b', istat: '000001', unitsByBand: units as never }, { id: 'n', istat: '000002' } as never] })] });
    expect(c.bases.map((b) => b.unitsByBand)).toEqual([{ office: 0, closure: 0, night: 0, saturday: 0, holiday: 3 }, allBands(0)]);
    expect(c.warnings).toEqual([
      'PIS "PIS p", base b: unità nella fascia office non valide (-1), considerate 0',
      'PIS "PIS p", base b: unità nella fascia closure non valide (1.5), considerate 0',
      'PIS "PIS p", base b: unità nella fascia night non valide (2), considerate 0',
      ...['office', 'closure', 'night', 'saturday', 'holiday'].map((band) => `PIS "PIS p", base n: unità nella fascia ${band} non valide (undefined), considerate 0`),
    ]);
  });

  it('keeps the opening hours it was given (a copy), and none when none', () => {
    const hours = { A1: mornings };
    const c = compileLayout(ctx, { illustrative: true, services: [], openingHours: hours });
    expect(c.openingHours).toEqual(hours);
    expect(c.openingHours).not.toBe(hours);
    expect(compileLayout(ctx, { illustrative: true, services: [] }).openingHours).toEqual({});
  });
});

describe('simulation API: OD identity and the DES of a planning input', () => {
  const data = lineTerritory(5);
  const d = planningDefaults(data);
  const layout = { illustrative: true, services: [svc({ members: ['A1', 'A2'] })] };
  const input = (odMatrixId: string | null) => planningInput({ layout, band: 'closure', targetMin: 45, thresholdsMin: [15, 30, 45, 60], travel: d.travel, response: d.response, demand: d.des, odMatrixId });

  it('a refused OD file leaves the identity as it was; an accepted one takes the new id', async () => {
    const api = createSimulationApi({ loadTerritory: async () => data });
    const bad = await api.importOdMatrix('from_istat,to_istat,minutes\n000001,000005,abc\n', 'bad');
    expect(bad.ok).toBe(false);
    await expect(api.evaluate(input(null))).resolves.toMatchObject({ key: input(null).key });
    await expect(api.evaluate(input('bad'))).rejects.toThrow('OD_MATRIX_MISMATCH');
    const good = await api.importOdMatrix('from_istat,to_istat,minutes\n000001,000005,99\n', 'od1');
    expect(good.ok).toBe(true);
    await expect(api.evaluate(input(null))).rejects.toThrow('OD_MATRIX_MISMATCH: richiesta nessuna, caricata od1');
    await expect(api.evaluate(input('od1'))).resolves.toMatchObject({ key: input('od1').key });
  });

  it('simulatePlan runs the DES with the input\'s target, response and demand, with progress, after a cancel', async () => {
    const api = createSimulationApi({ loadTerritory: async () => data });
    await api.cancelSimulation();
    const progress: number[] = [];
    const r = await api.simulatePlan({ ...input(null), targetMin: 33 }, { seed: 7, replications: 2, horizonDays: 30 }, (p) => progress.push(p.done));
    expect(r.cancelled).toBe(false);
    expect([r.replicationsDone, r.seed, r.horizonDays, r.targetMin]).toEqual([2, 7, 30, 33]);
    expect(progress).toEqual([1, 2]);
    expect(r.assumptions.demandScale).toBe(d.des.demandScale);
  });
});
