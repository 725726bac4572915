// Issue 10 item 7: the demand model on a hand-made territory (three comuni of 1,000, 2,000 and
// 3,000 residents, no Rho in it), so every weight, rate and table entry is recomputed by hand:
// the indicator tiers and their floor at 0, the MSNA rate of a province without a figure, the
// rate override and its guards, and the tables the DES samples from.
import { beforeEach, describe, expect, it } from 'vitest';
import { defaultDesAssumptions, mergeDesAssumptions, type DesAssumptions } from '../../src/core/des/assumptions.ts';
import { DEFAULT_CALENDAR } from '../../src/core/des/calendar.ts';
import {
  calibrateDemand, comuneIndicator, comuneWeights, componentRatesPerYear, DEMAND_KINDS, deriveIndicator, expectedDemand, expectedInHours, msnaPerResident,
  type DemandCalibrationInput, type DemandKind,
} from '../../src/core/des/demand.ts';
import { CM_MILANO_HOMELESS_2021, HOMELESS_REGISTRATIONS_2021, MSNA_LOMBARDIA_2023 } from '../../src/core/des/demandData.ts';
import { buildDemandTables } from '../../src/core/des/demandModel.ts';
import { lineTerritory } from '../../src/core/sim/synthetic.ts';
import { createTravelContext, DEFAULT_TRAVEL_ASSUMPTIONS } from '../../src/core/travel/index.ts';

const data = lineTerritory(3, 3, [1000, 2000, 3000]);
const [c0, c1, c2] = data.comuni as [typeof data.comuni[number], typeof data.comuni[number], typeof data.comuni[number]];
const g = { capoluogoPer1000: 5, over50kPer1000: 3, baselinePer1000: 2 };
const msnaStar = MSNA_LOMBARDIA_2023.value / 6000;
const kindsWith = (component: (k: DemandKind) => 'residents' | 'graveMarginalita' | 'msna') => {
  const base = defaultDesAssumptions(data).kinds;
  return Object.fromEntries(DEMAND_KINDS.map((k) => [k, { ...base[k], component: component(k) }])) as DesAssumptions['kinds'];
};
const input = (over: Partial<DemandCalibrationInput> = {}): DemandCalibrationInput => ({
  kinds: defaultDesAssumptions(data).kinds, indicator: g, demandScale: 1, officeRateFactor: 1, calendar: DEFAULT_CALENDAR, rateOverridePerUnitYear: 1, ...over,
});

describe('indicator and weights of a comune', () => {
  it('tiers: capoluogo, > 50,000, the rest; a negative figure counts as 0', () => {
    expect(comuneIndicator(c0, g)).toEqual({ value: 5, tier: 'capoluogo' });
    expect(comuneIndicator({ ...c1, over50k: true }, g)).toEqual({ value: 6, tier: 'over50k' });
    expect(comuneIndicator(c2, g)).toEqual({ value: 6, tier: 'baseline' });
    const neg = { capoluogoPer1000: -1, over50kPer1000: -1, baselinePer1000: -1 };
    expect(comuneIndicator(c0, neg).value).toBe(0);
    expect(comuneIndicator({ ...c1, over50k: true }, neg).value).toBe(0);
    expect(comuneIndicator(c2, neg).value).toBe(0);
    // A sourced comune keeps its registrations whatever the tiers say.
    const milano = HOMELESS_REGISTRATIONS_2021.find((r) => r.istat === '015146')!;
    expect(comuneIndicator({ ...c2, istat: '015146' }, neg)).toMatchObject({ value: milano.value, tier: 'sourced' });
  });

  it('MSNA per resident: the regional figure over the territory when no province matches', () => {
    const rates = msnaPerResident(data);
    expect(rates).toEqual({ '*': msnaStar });
    expect(comuneWeights(c1, g, rates)).toEqual({ residents: 2000, graveMarginalita: 4, msna: 2000 * msnaStar });
    expect(comuneWeights(c1, g, { '000': 0.5, '*': 9 }).msna).toBe(1000);
    expect(comuneWeights(c1, g, {}).msna).toBe(0);
    expect(msnaPerResident({ ...data, comuni: data.comuni.map((c) => ({ ...c, residents: 0 })) })).toEqual({ '*': 0 });
  });

  it('a province with a figure gets its own rate over its residents in the territory', () => {
    const withSondrio = { ...data, comuni: [...data.comuni, { ...c0, istat: '014061', residents: 500, capoluogo: false }] };
    const rates = msnaPerResident(withSondrio);
    expect(rates['014']).toBe(17 / 500);
    expect(rates['*']).toBe(MSNA_LOMBARDIA_2023.value / 6500);
    expect(rates['015']).toBeUndefined();
  });

  it('indicator derivation: no sourced comune, no CM Milano comune → all tiers 0; two capoluoghi → the mean of the two', () => {
    const d = deriveIndicator(data);
    expect(d.indicator).toEqual({ capoluogoPer1000: 0, over50kPer1000: 0, baselinePer1000: 0 });
    expect(d.capoluoghi).toEqual([]);
    expect(d.cmMilano.residualResidents).toBe(0);
    expect(d.cmMilano.total).toBe(CM_MILANO_HOMELESS_2021.value);
    const listed = HOMELESS_REGISTRATIONS_2021.filter((r) => r.istat.startsWith('015')).reduce((s, r) => s + r.value, 0);
    expect(d.cmMilano.listed).toBe(listed);
    expect(d.cmMilano.residual).toBe(Math.max(0, CM_MILANO_HOMELESS_2021.value - listed));
    // Milano (8,541) and Como (508) as capoluoghi of 100,000 and 10,000; one unlisted CM comune of 62,000.
    const two = {
      ...data,
      comuni: [
        { ...c0, istat: '015146', name: 'Milano', residents: 100000, capoluogo: true },
        { ...c1, istat: '013075', name: 'Como', residents: 10000, capoluogo: true },
        { ...c2, istat: '015999', name: 'X', residents: 62000, capoluogo: false },
        { ...c2, istat: '015118', name: 'Legnano', residents: 74000, capoluogo: false, over50k: true },
        { ...c2, istat: '015209', name: 'Sesto San Giovanni', residents: 90000, capoluogo: false, over50k: true },
        { ...c2, istat: '015077', name: 'Zero', residents: 0, capoluogo: false },
      ],
    };
    const d2 = deriveIndicator(two);
    expect(d2.capoluoghi.map((x) => x.istat)).toEqual(['015146', '013075']);
    expect(d2.indicator.capoluogoPer1000).toBeCloseTo((85.41 + 50.8) / 2, 12);
    expect(d2.indicator.over50kPer1000).toBeCloseTo(((74 / 74000) * 1000 + (225 / 90000) * 1000) / 2, 12);
    // The listed CM comuni sit in the territory or not: the residual is spread over the unlisted ones.
    expect(d2.cmMilano.residualResidents).toBe(62000);
    expect(d2.indicator.baselinePer1000).toBeCloseTo((d2.cmMilano.residual / 62000) * 1000, 12);
  });
});

describe('calibration with a rate override (no Rho in the territory)', () => {
  it('reports a year in closure hours per unit of weight, split by the kinds’ Rho counts', () => {
    const cal = calibrateDemand(data, input({ rateOverridePerUnitYear: 2 }));
    expect(cal.yearClosureHours).toBe(6728);
    expect(cal.yearOfficeHours).toBe(2032);
    expect(cal.ratePerHourByKind.msna).toBeCloseTo((2 * 21) / 86 / 6728, 18);
    expect(cal.ratePerHourByKind.urgency).toBeCloseTo((2 * 17) / 86 / 6728, 18);
    expect(cal.ratePer100kYearClosureByKind.urgency).toBeCloseTo(((2 * 17) / 86) * 1e5, 6);
    expect(cal.rhoWeight).toEqual({ residents: 0, graveMarginalita: 0, msna: 0 });
    expect(cal.ambito).toBe('50095');
    expect(cal.period).toBe('2023-07-01 – 2025-09-30');
    expect(cal.closureHours).toBe(15216);
    expect(cal.officeHours).toBe(4536);
  });

  it('guards: negative override, scale or counts count as 0; all counts 0 gives 0; no override and no Rho gives 0', () => {
    const zero = (a: DemandCalibrationInput) => Object.values(calibrateDemand(data, a).ratePerHourByKind);
    expect(zero(input({ rateOverridePerUnitYear: -1 })).every((x) => x === 0)).toBe(true);
    expect(zero(input({ demandScale: -2 })).every((x) => x === 0)).toBe(true);
    expect(zero(input({ rateOverridePerUnitYear: null })).every((x) => x === 0)).toBe(true);
    expect(zero(input({ rateOverridePerUnitYear: undefined })).every((x) => x === 0)).toBe(true);
    const none = Object.fromEntries(DEMAND_KINDS.map((k) => [k, { ...input().kinds[k], rhoReports: 0 }])) as DesAssumptions['kinds'];
    expect(zero(input({ kinds: none })).every((x) => x === 0)).toBe(true);
    // One negative count: 0 for that kind, and it does not lower the total of the others.
    const neg = { ...input().kinds, calamity: { ...input().kinds.calamity, rhoReports: -8 } };
    const cal = calibrateDemand(data, input({ kinds: neg }));
    expect(cal.ratePerHourByKind.calamity).toBe(0);
    expect(cal.ratePerHourByKind.urgency).toBeCloseTo(17 / 78 / 6728, 18);
    // The scale multiplies.
    expect(calibrateDemand(data, input({ demandScale: 3 })).ratePerHourByKind.urgency).toBeCloseTo((3 * 17) / 86 / 6728, 18);
  });

  it('component rates a year and the expected demand of a set of comuni, closure and office', () => {
    const a = input({ kinds: kindsWith((k) => (k === 'adultsHomeless' ? 'graveMarginalita' : k === 'msna' ? 'msna' : 'residents')), officeRateFactor: 0.5 });
    const cal = calibrateDemand(data, a);
    const rates = componentRatesPerYear(cal, a.kinds);
    expect(rates.residents).toBeCloseTo(58 / 86, 12);
    expect(rates.graveMarginalita).toBeCloseTo(7 / 86, 12);
    expect(rates.msna).toBeCloseTo(21 / 86, 12);
    const e = expectedDemand([c1], cal, a);
    // c1: 2,000 residents, indicator 4, MSNA 2,000 × msnaStar; office hours at half the rate.
    const closure = 2000 * (58 / 86) + 4 * (7 / 86) + 2000 * msnaStar * (21 / 86);
    expect(e.closure).toBeCloseTo(closure, 9);
    expect(e.office).toBeCloseTo((closure * 0.5 * 2032) / 6728, 9);
    expect(e.total).toBeCloseTo(e.closure + e.office, 9);
    expect(e.graveMarginalita).toBeCloseTo(4 * (7 / 86) * (1 + (0.5 * 2032) / 6728), 9);
    expect(e.dispatched).toBeCloseTo(e.total - e.byKind.notPertinent, 9);
    expect(e.byKind.urgency).toBeCloseTo(2000 * (17 / 86) * (1 + (0.5 * 2032) / 6728), 9);
    expect(expectedDemand([c1], cal, { ...a, officeRateFactor: -1 }).office).toBe(0);
    const h = expectedInHours([c1, c2], cal, a, 100);
    const inH = (c: typeof c1, ind: number) => (c.residents * (58 / 86) + ind * (7 / 86) + c.residents * msnaStar * (21 / 86)) * (100 / 6728);
    expect(h.total).toBeCloseTo(inH(c1, 4) + inH(c2, 6), 9);
    expect(h.dispatched).toBeCloseTo(h.total - (5000 * (19 / 86) * 100) / 6728, 9);
  });
});

describe('the tables one DES run samples from', () => {
  // Comune 3 split into 4 points of 750 residents: it carries its indicator by residents' share.
  const ctx = createTravelContext(data, { ...DEFAULT_TRAVEL_ASSUMPTIONS, intraComune: false, splitLargeComuni: true, splitPoints: 4, splitOverResidents: 2500, splitOverAreaKm2: 1e9 });
  // In beforeEach, not while collecting: Stryker activates a mutant after collection.
  let a!: DesAssumptions;
  let t!: ReturnType<typeof buildDemandTables>;
  beforeEach(() => {
    a = mergeDesAssumptions(defaultDesAssumptions(data), {
      rateOverridePerUnitYear: 1, indicator: g, officeRateFactor: 0.25,
      kinds: Object.fromEntries(DEMAND_KINDS.map((k) => [k, { component: k === 'calamity' ? 'graveMarginalita' : k === 'msna' ? 'msna' : 'residents', onScene: { kind: 'fixed', valueMin: k === 'urgency' ? 60 : 30 } }])) as never,
    });
    t = buildDemandTables(data, ctx.demand, a);
  });

  it('cumulative weights per component over the points, a split comune shared by residents', () => {
    expect(ctx.demand.count).toBe(6);
    expect(Array.from(t.pointCumByComponent[0]!)).toEqual([1000, 3000, 3750, 4500, 5250, 6000]);
    expect(Array.from(t.pointCumByComponent[1]!)).toEqual([5, 9, 10.5, 12, 13.5, 15]);
    const m = Array.from(t.pointCumByComponent[2]!);
    [1000, 3000, 3750, 4500, 5250, 6000].forEach((r, i) => expect(m[i]).toBeCloseTo(r * msnaStar, 9));
    expect(Array.from(t.kindComponent)).toEqual([1, 0, 2, 0, 0, 0]);
  });

  it('rates: per minute over the territory, the kind mix, the office multiplier, dispatch, priority', () => {
    const perMin = (count: number, weight: number) => (count / 86 / 6728) * weight / 60;
    const kindRate = [perMin(8, 15), perMin(7, 6000), perMin(21, 6000 * msnaStar), perMin(14, 6000), perMin(17, 6000), perMin(19, 6000)];
    const total = kindRate.reduce((s, x) => s + x, 0);
    expect(t.ratePerMin).toBeCloseTo(total, 15);
    let acc = 0;
    Array.from(t.kindCum).forEach((c, i) => expect(c).toBeCloseTo((acc += kindRate[i]! / total), 12));
    expect(t.kindCum[5]).toBeCloseTo(1, 12);
    expect(Array.from(t.bandMultiplier)).toEqual([0.25, 1, 1, 1, 1]);
    expect(t.kindDispatch).toEqual([true, true, true, true, true, false]);
    expect(Array.from(t.kindPriority)).toEqual([0, 0, 0, 0, 1, 1]);
    expect(t.kindOnScene[4]).toEqual({ kind: 'fixed', valueMin: 60 });
    // Mean on-scene time of the dispatched calls, weighted by their rates: urgencies 60, the rest 30.
    const disp = kindRate.slice(0, 5);
    expect(t.meanOnSceneDispatched).toBeCloseTo((30 * (disp[0]! + disp[1]! + disp[2]! + disp[3]!) + 60 * disp[4]!) / disp.reduce((s, x) => s + x, 0), 12);
    // Dispatched rate from point 1 (comune 2: 2,000 residents, indicator 4).
    expect(t.pointDispatchRatePerMin[1]).toBeCloseTo(perMin(8, 4) + perMin(7, 2000) + perMin(21, 2000 * msnaStar) + perMin(14, 2000) + perMin(17, 2000), 15);
    expect(t.pointDispatchRatePerMin[3]).toBeCloseTo(perMin(8, 1.5) + perMin(7, 750) + perMin(21, 750 * msnaStar) + perMin(14, 750) + perMin(17, 750), 15);
    expect(t.calibration.yearClosureHours).toBe(6728);
  });

  it('no rate: an empty mix and no mean on scene; a negative office factor counts as 0', () => {
    const z = buildDemandTables(data, ctx.demand, { ...a, demandScale: 0, officeRateFactor: -3 });
    expect(z.ratePerMin).toBe(0);
    expect(Array.from(z.kindCum)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(z.meanOnSceneDispatched).toBe(0);
    expect(Array.from(z.bandMultiplier)).toEqual([0, 1, 1, 1, 1]);
  });

  it('a comune with no residents has no demand point and weighs nothing', () => {
    const empty = lineTerritory(2, 2, [0, 1000]);
    const e = buildDemandTables(empty, createTravelContext(empty, { ...DEFAULT_TRAVEL_ASSUMPTIONS, intraComune: false }).demand, mergeDesAssumptions(defaultDesAssumptions(empty), { rateOverridePerUnitYear: 1, indicator: g }));
    expect(Array.from(e.pointCumByComponent[1]!)).toEqual([2]);
    expect(Array.from(e.pointCumByComponent[0]!)).toEqual([1000]);
  });
});
