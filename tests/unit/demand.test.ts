// Demand where it arises: kinds from the Rho project, calibration per closure hour, the
// grave-marginalità indicator, and the out-of-sample check on Lomellina. Hand-checkable figures:
// every expected number below is recomputed from the seed's counts and the territory's residents.
import { existsSync, readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR } from '../../src/core/des/calendar.ts';
import { defaultDesAssumptions, desAssumptionInfo, mergeDesAssumptions } from '../../src/core/des/assumptions.ts';
import {
  calibrateDemand, comuneIndicator, DEMAND_KINDS, defaultKinds, deriveIndicator, expectedDemand, expectedInHours, lomellinaCheck,
  type DemandCalibrationInput,
} from '../../src/core/des/demand.ts';
import { HOMELESS_REGISTRATIONS_2021, LOMELLINA_ACTIVITY, MSNA_BY_PROVINCE_2023, RHO_ACTIVITY } from '../../src/core/des/demandData.ts';
import { easterSunday, isItalianHoliday, periodHours } from '../../src/core/des/periods.ts';
import { loadTerritoryData } from './helpers/realData.ts';

const data = loadTerritoryData();
const byIstat = (istat: string) => data.comuni.find((c) => c.istat === istat)!;
const input = (over: Partial<DemandCalibrationInput> = {}): DemandCalibrationInput => {
  const a = defaultDesAssumptions(data);
  return { kinds: a.kinds, indicator: a.indicator, demandScale: 1, officeRateFactor: 1, calendar: DEFAULT_CALENDAR, ...over };
};
const rhoComuni = data.comuni.filter((c) => c.ambito === '50095');

describe('the Rho breakdown (seed "Dati dell\'attività")', () => {
  it('86 reports = 50 emergencies (8 calamities, 7 adults/homeless, 21 MSNA, 14 unclassified) + 17 urgencies + 19 not pertinent', () => {
    const k = defaultKinds();
    expect(DEMAND_KINDS.reduce((s, x) => s + k[x].rhoReports, 0)).toBe(86);
    expect(k.calamity.rhoReports + k.adultsHomeless.rhoReports + k.msna.rhoReports + k.emergencyOther.rhoReports).toBe(50);
    expect([k.calamity.rhoReports, k.adultsHomeless.rhoReports, k.msna.rhoReports, k.emergencyOther.rhoReports]).toEqual([8, 7, 21, 14]);
    expect([k.urgency.rhoReports, k.notPertinent.rhoReports]).toEqual([17, 19]);
    // Emergencies before urgencies; not pertinent reports send no one.
    expect(DEMAND_KINDS.filter((x) => k[x].priority === 0)).toEqual(['calamity', 'adultsHomeless', 'msna', 'emergencyOther']);
    expect(k.urgency.priority).toBe(1);
    expect(DEMAND_KINDS.filter((x) => !k[x].dispatch)).toEqual(['notPertinent']);
    expect(k.adultsHomeless.component).toBe('graveMarginalita');
    expect(k.msna.component).toBe('msna');
  });

  it('the seed says what the module copies', () => {
    const file = new URL('../../../shared/seeds/progetto-pis-ambito-rhodense-2026-27.txt', import.meta.url);
    if (!existsSync(file)) return; // a user's clone: demandData.ts is the copy
    const seed = readFileSync(file, 'utf8');
    for (const [label, n] of [['Numero segnalazioni', 86], ['Non pertinenti per casistica o richiesta', 19], ['Valutate come urgenze', 17], ['Valutate come emergenza', 50], ['calamità o altri eventi emergenziali', 8], ['adulti in difficoltà e/o senza dimora', 7], ['minori stranieri non accompagnati', 21]] as const) {
      expect(seed).toMatch(new RegExp(`${label}</b>\\t${n}\\b`));
    }
    expect(RHO_ACTIVITY.periodStart).toBe('2023-07-01');
    expect(seed).toMatch(/Da luglio 2023 al 30\/09\/2025/);
  });
});

describe('real-calendar hours', () => {
  it('Easter and holidays', () => {
    expect(easterSunday(2023)).toEqual([4, 9]);
    expect(easterSunday(2024)).toEqual([3, 31]);
    expect(easterSunday(2025)).toEqual([4, 20]);
    expect(isItalianHoliday(new Date('2024-04-01T00:00:00Z'))).toBe(true); // Easter Monday
    expect(isItalianHoliday(new Date('2024-04-02T00:00:00Z'))).toBe(false);
    expect(isItalianHoliday(new Date('2025-12-08T00:00:00Z'))).toBe(true);
  });

  it('one working week: 5 × 8 office hours, 128 closure hours', () => {
    expect(periodHours('2023-07-03', '2023-07-10', { openFromHour: 9, openToHour: 17 })).toMatchObject({ days: 7, officeHours: 40, closureHours: 128 });
  });

  it('Rho, 1/7/2023 – 30/9/2025: 823 days, 587 weekdays of which 20 holidays, 4,536 office and 15,216 closure hours', () => {
    // 117 weeks (585 weekdays) + Sat, Sun, Mon, Tue; holidays on weekdays: 2023 five, 2024 eight, 2025 seven.
    expect(periodHours('2023-07-01', '2025-10-01', { openFromHour: 9, openToHour: 17 })).toEqual({ days: 823, totalHours: 19752, officeHours: (587 - 20) * 8, closureHours: 19752 - 4536, holidaysOnWeekdays: 20 });
  });

  it('Lomellina, 1/2 – 30/11/2023, closed Mon–Fri 08–17: 303 days, 211 working days × 9 h, 5,373 service hours', () => {
    expect(periodHours(LOMELLINA_ACTIVITY.periodStart, LOMELLINA_ACTIVITY.periodEnd, { openFromHour: 8, openToHour: 17 })).toEqual({ days: 303, totalHours: 7272, officeHours: 211 * 9, closureHours: 7272 - 1899, holidaysOnWeekdays: 6 });
  });
});

describe('grave-marginalità indicator', () => {
  // In beforeEach, not while collecting: Stryker activates a mutant after collection.
  let d!: ReturnType<typeof deriveIndicator>;
  beforeEach(() => {
    d = deriveIndicator(data);
  });
  it('uses the sourced ISTAT 2021 registrations where they exist', () => {
    expect(comuneIndicator(byIstat('015146'), d.indicator)).toMatchObject({ value: 8541, tier: 'sourced' });
    expect(comuneIndicator(byIstat('015209'), d.indicator)).toMatchObject({ value: 225, tier: 'sourced' });
    expect(comuneIndicator(byIstat('013075'), d.indicator)).toMatchObject({ value: 508, tier: 'sourced' });
    expect(HOMELESS_REGISTRATIONS_2021.every((r) => data.comuni.some((c) => c.istat === r.istat && c.name === r.name))).toBe(true);
  });

  it('derives the tiers from the sourced rows by hand: medians and the CM Milano residual', () => {
    const per1000 = (istat: string, v: number) => (v / byIstat(istat).residents) * 1000;
    // capoluoghi: Milano, Como, Brescia → the median is Milano's.
    expect(d.indicator.capoluogoPer1000).toBeCloseTo(per1000('015146', 8541), 12);
    // > 50,000 not capoluogo: Sesto, Legnano, Cinisello → the median is Legnano's.
    expect(d.indicator.over50kPer1000).toBeCloseTo(per1000('015118', 74), 12);
    // CM Milano: 10,117 − (8,541 + 225 + 155 + 150 + 80 + 74 + 71 + 68 + 67 + 66 = 9,497) = 620.
    expect(d.cmMilano).toMatchObject({ total: 10117, listed: 9497, residual: 620 });
    const listed = new Set(HOMELESS_REGISTRATIONS_2021.map((r) => r.istat));
    const rest = data.comuni.filter((c) => c.istat.startsWith('015') && !listed.has(c.istat)).reduce((s, c) => s + c.residents, 0);
    expect(d.indicator.baselinePer1000).toBeCloseTo((620 / rest) * 1000, 12);
    // Rho (51,299 > 50,000, no sourced figure) gets the > 50,000 tier; Sondrio (capoluogo) the capoluogo tier.
    expect(comuneIndicator(byIstat('015182'), d.indicator).tier).toBe('over50k');
    expect(comuneIndicator(byIstat('014061'), d.indicator).tier).toBe('capoluogo');
  });

  it('matches ../shared/data/pis/demand.csv where that file is present', () => {
    const file = new URL('../../../shared/data/pis/demand.csv', import.meta.url);
    if (!existsSync(file)) return; // a user's clone: the copy in demandData.ts is the data
    const csv = readFileSync(file, 'utf8');
    for (const r of HOMELESS_REGISTRATIONS_2021) expect(csv).toContain(`,${r.istat},`);
    for (const r of HOMELESS_REGISTRATIONS_2021) expect(csv).toMatch(new RegExp(`${r.istat},[^\\n]*\\(ISTAT[^\\n]*,${r.value},2021-12-31`));
    expect(csv).toMatch(/Città metropolitana di Milano,015,.*,10117,/);
    for (const r of MSNA_BY_PROVINCE_2023.filter((x) => !x.derived)) expect(csv).toMatch(new RegExp(`${r.name},${r.provinceCode},MSNA presenti,${r.value},2023-09-30`));
    expect(csv).toMatch(/Lombardia,03,MSNA presenti \(Ministero del Lavoro\),2837,2023-09-30/);
    expect(csv).toMatch(/Ambito Lomellina \(51 comuni\),,.*,27,2023-02\/2023-11/);
  });
});

describe('calibration per closure hour on Rho (86 reports in 27 months)', () => {
  it('spreads the 86 reports over the 15,216 closure hours of the period, not over 24/7', () => {
    const a = input();
    const cal = calibrateDemand(data, a);
    expect(cal.closureHours).toBe(15216);
    const e = expectedInHours(rhoComuni, cal, a, cal.closureHours);
    expect(e.total).toBeCloseTo(86, 9);
    expect(e.dispatched).toBeCloseTo(86 - 19, 9);
    // Resident kinds: 58 reports / 15,216 h / 175,229 residents; MSNA: 21 / 15,216 h / Rho's MSNA weight
    // (175,229 residents × 1,261 MSNA / 3,301,647 residents of the Città metropolitana).
    const residents = rhoComuni.reduce((s, c) => s + c.residents, 0);
    expect(residents).toBe(175229);
    expect(cal.ratePerHourByKind.urgency).toBeCloseTo(17 / 15216 / residents, 20);
    expect(cal.rhoWeight.msna).toBeCloseTo((175229 * 1261) / 3301647, 9);
    expect(cal.ratePerHourByKind.msna).toBeCloseTo(21 / 15216 / ((175229 * 1261) / 3301647), 18);
    // A year of the DES calendar has 6,728 closure hours: Rho's Ambito expects 86 × 6,728 / 15,216 = 38.0 closure reports.
    expect(cal.yearClosureHours).toBe(6728);
    expect(expectedDemand(rhoComuni, cal, a).closure).toBeCloseTo((86 * 6728) / 15216, 9);
  });

  it('stays consistent when an uplift applies to Rho itself (fidelity §4 #25)', () => {
    for (const over50kPer1000 of [0, 1.2, 5, 20]) {
      const a = input({ indicator: { ...deriveIndicator(data).indicator, over50kPer1000 } });
      const cal = calibrateDemand(data, a);
      expect(expectedInHours(rhoComuni, cal, a, cal.closureHours).total).toBeCloseTo(86, 9);
    }
    // A larger weight for Rho means fewer homeless reports per registration in Milano.
    const low = input({ indicator: { ...deriveIndicator(data).indicator, over50kPer1000: 1 } });
    const high = input({ indicator: { ...deriveIndicator(data).indicator, over50kPer1000: 5 } });
    const milano = [byIstat('015146')];
    expect(expectedDemand(milano, calibrateDemand(data, high), high).graveMarginalita).toBeLessThan(expectedDemand(milano, calibrateDemand(data, low), low).graveMarginalita);
  });

  it('Milano gets its own grave-marginalità demand, not 235 calls a year by construction', () => {
    const a = input();
    const cal = calibrateDemand(data, a);
    const g = a.indicator;
    const rhoW = (51299 * g.over50kPer1000) / 1000 + ((175229 - 51299) * g.baselinePer1000) / 1000;
    expect(cal.rhoWeight.graveMarginalita).toBeCloseTo(rhoW, 9);
    const milano = expectedDemand([byIstat('015146')], cal, a);
    const hoursYear = 6728 + 2032; // closure + office (officeRateFactor 1)
    expect(milano.graveMarginalita).toBeCloseTo(((7 * 8541) / rhoW / 15216) * hoursYear, 6);
    expect(milano.total).toBeCloseTo(((79 * 1412107) / 175229 / 15216 + (7 * 8541) / rhoW / 15216) * hoursYear, 6);
    expect(Math.round(milano.total)).toBe(668);
    expect(Math.round(milano.dispatched)).toBe(580);
  });

  it('MSNA emergencies follow the province\'s MSNA presence: Sondrio per resident gets about a quarter of Rho\'s', () => {
    const a = input();
    const cal = calibrateDemand(data, a);
    // Provincia di Sondrio 17 MSNA over 179,691 residents; Città metropolitana di Milano 1,261 over 3,301,647.
    expect(cal.msnaPerResident['014']).toBeCloseTo(17 / 179691, 15);
    expect(cal.msnaPerResident['015']).toBeCloseTo(1261 / 3301647, 15);
    // Como has no row: 2,837 − 2,664 = 173, marked derived.
    expect(MSNA_BY_PROVINCE_2023.find((r) => r.provinceCode === '013')).toMatchObject({ value: 173, derived: true });
    const sondrio = byIstat('014061');
    const e = expectedDemand([sondrio], cal, a);
    const hoursYear = 6728 + 2032;
    expect(e.byKind.msna).toBeCloseTo(((21 * sondrio.residents * (17 / 179691)) / ((175229 * 1261) / 3301647) / 15216) * hoursYear, 9);
    expect(e.byKind.msna / sondrio.residents / (expectedDemand(rhoComuni, cal, a).byKind.msna / 175229)).toBeCloseTo((17 / 179691) / (1261 / 3301647), 9);
  });

  it('the office-hour rate is its own labelled assumption', () => {
    const a0 = input({ officeRateFactor: 0 });
    expect(expectedDemand(rhoComuni, calibrateDemand(data, a0), a0).office).toBe(0);
    const a2 = input({ officeRateFactor: 2 });
    const e2 = expectedDemand(rhoComuni, calibrateDemand(data, a2), a2);
    expect(e2.office / e2.closure).toBeCloseTo((2 * 2032) / 6728, 12);
    expect(desAssumptionInfo(data).officeRateFactor.source).toMatch(/assunzione/);
    expect(desAssumptionInfo(data).calibration.source).toMatch(/15\.216 ore fuori dall'orario d'ufficio/);
  });

  it('mergeDesAssumptions keeps the kinds and the indicator the override does not touch', () => {
    const base = defaultDesAssumptions(data);
    const m = mergeDesAssumptions(base, { indicator: { capoluogoPer1000: 1 }, kinds: { urgency: { priority: 0 } } });
    expect(m.indicator).toEqual({ ...base.indicator, capoluogoPer1000: 1 });
    expect(m.kinds.urgency).toEqual({ ...base.kinds.urgency, priority: 0 });
    expect(m.kinds.msna).toEqual(base.kinds.msna);
  });
});

describe('out-of-sample: Lomellina, February – November 2023 (never used to calibrate)', () => {
  it('predicts 30.4 reports (23.7 emergencies and urgencies) against 27 activations observed', () => {
    const a = input();
    const r = lomellinaCheck(data, a);
    expect(r.comuni).toBe(51);
    expect(r.residents).toBe(175539);
    expect(r.serviceHours).toBe(5373);
    const g = a.indicator;
    const rhoW = (51299 * g.over50kPer1000) / 1000 + ((175229 - 51299) * g.baselinePer1000) / 1000;
    const lomW = (62995 * g.over50kPer1000) / 1000 + ((175539 - 62995) * g.baselinePer1000) / 1000; // Vigevano > 50,000
    // MSNA: Pavia province 201 MSNA over 544,649 residents, Rho's Città metropolitana 1,261 over 3,301,647.
    const msnaL = (175539 * 201) / 544649;
    const msnaR = (175229 * 1261) / 3301647;
    const predicted = ((58 * 175539) / 175229 + (21 * msnaL) / msnaR + (7 * lomW) / rhoW) * (5373 / 15216);
    expect(r.predictedReports).toBeCloseTo(predicted, 9);
    expect(r.predictedReports.toFixed(1)).toBe('30.4');
    expect(r.predictedPertinent.toFixed(1)).toBe('23.7');
    expect(r.observedActivations).toBe(27);
  });
});
