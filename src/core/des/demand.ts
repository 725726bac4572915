// Where the calls arise, by kind: the demand model of the DES, its calibration on the Rho PIS and
// the grave-marginalità indicator. Pure functions of the territory and the assumptions, shared by
// the DES (model.ts), the cost shares and the CLI so they all read demand the same way.
//
// Three components, each calibrated on Rho on its own:
//   residents          — calamities, unclassified emergencies, urgencies, not pertinent: per resident;
//   graveMarginalita   — Rho's "adulti in difficoltà e/o senza dimora" emergencies, placed by
//                        the indicator below (ISTAT 2021 homeless registrations where sourced);
//   msna               — unaccompanied minors: per resident within a province, scaled by the
//                        province's MSNA presence (Ministero del Lavoro, 30/09/2023).
// rate(kind) = Rho's reports of that kind ÷ Rho's closure hours in the period ÷ Rho's weight of
// the kind's component. Because Rho's weight is computed with the same indicator (uplift
// included), the model reproduces Rho's 86 reports whatever the indicator's figures are.
import type { TerritoryData, ComuneRecord } from '../territory/types.ts';
import { bandTimeShares, type CalendarAssumptions } from './calendar.ts';
import { CM_MILANO_HOMELESS_2021, HOMELESS_REGISTRATIONS_2021, LOMELLINA_ACTIVITY, MSNA_BY_PROVINCE_2023, MSNA_LOMBARDIA_2023, RHO_ACTIVITY, type HomelessRegistration } from './demandData.ts';
import type { Distribution } from './distributions.ts';
import { periodHours } from './periods.ts';
import { at } from '../check/at.ts';

export type DemandKind = 'calamity' | 'adultsHomeless' | 'msna' | 'emergencyOther' | 'urgency' | 'notPertinent';
export const DEMAND_KINDS: readonly DemandKind[] = ['calamity', 'adultsHomeless', 'msna', 'emergencyOther', 'urgency', 'notPertinent'];
export type DemandComponent = 'residents' | 'graveMarginalita' | 'msna';
export const DEMAND_COMPONENTS: readonly DemandComponent[] = ['residents', 'graveMarginalita', 'msna'];

/** Queue priority: emergencies (0) are served before urgencies (1), FIFO within a priority. */
export type Priority = 0 | 1;

export interface KindAssumption {
  /** Reports of this kind at Rho in the calibration period (the seed's count). */
  rhoReports: number;
  component: DemandComponent;
  /** A unit goes on site. */
  dispatch: boolean;
  priority: Priority;
  onScene: Distribution;
}

export const KIND_LABELS: Readonly<Record<DemandKind, string>> = Object.freeze({
  calamity: 'Emergenza: calamità o altri eventi emergenziali',
  adultsHomeless: 'Emergenza: adulti in difficoltà e/o senza dimora',
  msna: 'Emergenza: minori stranieri non accompagnati',
  emergencyOther: 'Emergenza non classificata nel progetto',
  urgency: 'Urgenza',
  notPertinent: 'Non pertinente',
});

/** Short names for narrow places (the assumptions panel). */
export const KIND_SHORT_LABELS: Readonly<Record<DemandKind, string>> = Object.freeze({
  calamity: 'calamità',
  adultsHomeless: 'adulti / senza dimora',
  msna: 'MSNA',
  emergencyOther: 'emergenza non classificata',
  urgency: 'urgenza',
  notPertinent: 'non pertinente',
});

const tri = (minMin: number, modeMin: number, maxMin: number): Distribution => ({ kind: 'triangular', minMin, modeMin, maxMin });

export function defaultKinds(): Record<DemandKind, KindAssumption> {
  const r = RHO_ACTIVITY;
  return {
    calamity: { rhoReports: r.emergencyCalamity, component: 'residents', dispatch: true, priority: 0, onScene: tri(60, 120, 240) },
    adultsHomeless: { rhoReports: r.emergencyAdultsHomeless, component: 'graveMarginalita', dispatch: true, priority: 0, onScene: tri(30, 60, 150) },
    msna: { rhoReports: r.emergencyMsna, component: 'msna', dispatch: true, priority: 0, onScene: tri(60, 120, 240) },
    emergencyOther: { rhoReports: r.emergencyUnclassified, component: 'residents', dispatch: true, priority: 0, onScene: tri(20, 45, 120) },
    urgency: { rhoReports: r.urgency, component: 'residents', dispatch: true, priority: 1, onScene: tri(20, 45, 90) },
    notPertinent: { rhoReports: r.notPertinent, component: 'residents', dispatch: false, priority: 1, onScene: { kind: 'fixed', valueMin: 0 } },
  };
}

/** Why each kind's on-scene time is what it is: no source gives times, so all are assumptions. */
export const KIND_ON_SCENE_SOURCE: Readonly<Record<DemandKind, string>> = Object.freeze({
  calamity: 'assunzione: sistemazione di un nucleo (alloggio temporaneo, beni di prima necessità), 1–4 h',
  adultsHomeless: 'assunzione: aggancio, ascolto, accompagnamento in accoglienza notturna, 30 min – 2,5 h',
  msna: 'assunzione: identificazione con le FF.OO. e collocamento in pronta accoglienza, 1–4 h',
  emergencyOther: 'assunzione (valore unico del modello precedente): triangolare 20/45/120 min',
  urgency: 'assunzione: valutazione sul posto e piano di aiuto urgente, 20–90 min',
  notPertinent: 'nessun intervento sul posto (gestita al telefono o inviata ad altri servizi)',
});

/** The grave-marginalità indicator: sourced registrations, else a per-1,000-residents figure by tier. */
export interface GraveMarginalitaIndicator {
  /** Registrations per 1,000 residents for capoluoghi without a sourced figure. */
  capoluogoPer1000: number;
  /** …for comuni over 50,000 residents (not capoluogo) without a sourced figure. */
  over50kPer1000: number;
  /** …for every other comune. */
  baselinePer1000: number;
}

export type IndicatorTier = 'sourced' | 'capoluogo' | 'over50k' | 'baseline';

export interface ComuneIndicator {
  value: number;
  tier: IndicatorTier;
  source?: HomelessRegistration;
}

const SOURCED = new Map(HOMELESS_REGISTRATIONS_2021.map((r) => [r.istat, r]));

export function comuneIndicator(c: ComuneRecord, g: GraveMarginalitaIndicator): ComuneIndicator {
  const s = SOURCED.get(c.istat);
  if (s) return { value: s.value, tier: 'sourced', source: s };
  if (c.capoluogo) return { value: (c.residents * Math.max(0, g.capoluogoPer1000)) / 1000, tier: 'capoluogo' };
  if (c.over50k) return { value: (c.residents * Math.max(0, g.over50kPer1000)) / 1000, tier: 'over50k' };
  return { value: (c.residents * Math.max(0, g.baselinePer1000)) / 1000, tier: 'baseline' };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return 0;
  const m = s.length >> 1;
  return s.length % 2 ? at(s, m) : (at(s, m - 1) + at(s, m)) / 2;
}

export interface IndicatorDerivation {
  indicator: GraveMarginalitaIndicator;
  /** Sourced comuni per tier, with their rate per 1,000 residents (ANPR residents of the territory). */
  capoluoghi: { istat: string; name: string; per1000: number }[];
  over50k: { istat: string; name: string; per1000: number }[];
  /** CM Milano: total, listed, residual registrations and the residents they are spread over. */
  cmMilano: { total: number; listed: number; residual: number; residualResidents: number };
}

/**
 * Default indicator figures, derived from the sourced rows only (never from Lomellina):
 * capoluoghi = median rate of the sourced capoluoghi (Milano, Como, Brescia); comuni over 50,000
 * = median of the sourced non-capoluoghi over 50,000 (Sesto, Cinisello, Legnano); baseline = the
 * CM Milano total minus its listed comuni, over the residents of its unlisted comuni.
 */
export function deriveIndicator(data: TerritoryData): IndicatorDerivation {
  const byIstat = new Map(data.comuni.map((c) => [c.istat, c]));
  const rows = HOMELESS_REGISTRATIONS_2021.flatMap((r) => {
    const c = byIstat.get(r.istat);
    return c && c.residents > 0 ? [{ r, c, per1000: (r.value / c.residents) * 1000 }] : [];
  });
  const capoluoghi = rows.filter((x) => x.c.capoluogo).map((x) => ({ istat: x.r.istat, name: x.r.name, per1000: x.per1000 }));
  const over50k = rows.filter((x) => !x.c.capoluogo && x.c.over50k).map((x) => ({ istat: x.r.istat, name: x.r.name, per1000: x.per1000 }));
  const pc = CM_MILANO_HOMELESS_2021.provinceCode;
  const cm = data.comuni.filter((c) => c.istat.startsWith(pc));
  const listed = HOMELESS_REGISTRATIONS_2021.filter((r) => r.istat.startsWith(pc));
  const listedSet = new Set(listed.map((r) => r.istat));
  const listedSum = listed.reduce((s, r) => s + r.value, 0);
  const residual = Math.max(0, CM_MILANO_HOMELESS_2021.value - listedSum);
  const residualResidents = cm.filter((c) => !listedSet.has(c.istat)).reduce((s, c) => s + c.residents, 0);
  return {
    indicator: {
      capoluogoPer1000: median(capoluoghi.map((x) => x.per1000)),
      over50kPer1000: median(over50k.map((x) => x.per1000)),
      baselinePer1000: residualResidents > 0 ? (residual / residualResidents) * 1000 : 0,
    },
    capoluoghi,
    over50k,
    cmMilano: { total: CM_MILANO_HOMELESS_2021.value, listed: listedSum, residual, residualResidents },
  };
}

/** What the calibration needs besides the kinds: where, when, and which hours count as closure. */
export interface DemandCalibrationInput {
  kinds: Record<DemandKind, KindAssumption>;
  indicator: GraveMarginalitaIndicator;
  /** Multiplier of every calibrated rate (1 = Rho's 27-month average; e.g. for the growth trend). */
  demandScale: number;
  /** Rate in office hours ÷ rate in closure hours. */
  officeRateFactor: number;
  calendar: CalendarAssumptions;
  /**
   * Replaces the Rho calibration: reports a year (closure hours of the generic year) per unit of
   * weight, all kinds together, split by the kinds' Rho counts. null = calibrate on Rho. For
   * territories without Rho (test fixtures) or a user with their own figure.
   */
  rateOverridePerUnitYear?: number | null;
}

/**
 * MSNA present per resident in each province (ISTAT code prefix): the province's count over its
 * residents in the territory; a province without a figure gets the regional rate.
 */
export function msnaPerResident(data: TerritoryData): Record<string, number> {
  const residents = new Map<string, number>();
  for (const c of data.comuni) residents.set(c.istat.slice(0, 3), (residents.get(c.istat.slice(0, 3)) ?? 0) + c.residents);
  const total = [...residents.values()].reduce((x, y) => x + y, 0);
  const out: Record<string, number> = { '*': total > 0 ? MSNA_LOMBARDIA_2023.value / total : 0 };
  for (const r of MSNA_BY_PROVINCE_2023) {
    const n = residents.get(r.provinceCode);
    if (n) out[r.provinceCode] = r.value / n;
  }
  return out;
}

/** Weight of each component for one comune (msnaRates from msnaPerResident). */
export function comuneWeights(c: ComuneRecord, g: GraveMarginalitaIndicator, msnaRates: Record<string, number>): Record<DemandComponent, number> {
  const rate = msnaRates[c.istat.slice(0, 3)] ?? msnaRates['*'] ?? 0;
  return { residents: c.residents, graveMarginalita: comuneIndicator(c, g).value, msna: c.residents * rate };
}

export interface DemandCalibration {
  ambito: string;
  period: string;
  /** Hours of the Rho period outside office hours (Mon–Fri, working days, calendar office hours). */
  closureHours: number;
  officeHours: number;
  /** Rho's weight per component: residents, indicator units, MSNA present. */
  rhoWeight: Record<DemandComponent, number>;
  /** MSNA present per resident by province code ('*' = Lombardy). */
  msnaPerResident: Record<string, number>;
  /** Reports per closure hour per unit of the kind's component weight (scale applied). */
  ratePerHourByKind: Record<DemandKind, number>;
  /** The same, as reports a year per 100,000 units of weight, counting closure hours of the generic year only. */
  ratePer100kYearClosureByKind: Record<DemandKind, number>;
  /** Closure and office hours of the DES's generic year. */
  yearClosureHours: number;
  yearOfficeHours: number;
}

export function calibrateDemand(data: TerritoryData, a: DemandCalibrationInput): DemandCalibration {
  const rho = data.comuni.filter((c) => c.ambito === RHO_ACTIVITY.ambito);
  const msna = msnaPerResident(data);
  const rhoWeight: Record<DemandComponent, number> = { residents: 0, graveMarginalita: 0, msna: 0 };
  for (const c of rho) {
    const w = comuneWeights(c, a.indicator, msna);
    for (const k of DEMAND_COMPONENTS) rhoWeight[k] += w[k];
  }
  const hours = periodHours(RHO_ACTIVITY.periodStart, RHO_ACTIVITY.periodEnd, { openFromHour: a.calendar.officeStartHour, openToHour: a.calendar.officeEndHour });
  const shares = bandTimeShares(a.calendar) as Record<string, number>;
  const yearOfficeHours = 8760 * (shares.office ?? 0);
  const yearClosureHours = 8760 - yearOfficeHours;
  const scale = Math.max(0, a.demandScale);
  const ratePerHourByKind = {} as Record<DemandKind, number>;
  const ratePer100kYearClosureByKind = {} as Record<DemandKind, number>;
  const override = a.rateOverridePerUnitYear;
  const countTotal = DEMAND_KINDS.reduce((s, k) => s + Math.max(0, a.kinds[k].rhoReports), 0);
  for (const k of DEMAND_KINDS) {
    const w = rhoWeight[a.kinds[k].component];
    const count = Math.max(0, a.kinds[k].rhoReports);
    const r = override !== undefined && override !== null
      ? (countTotal > 0 && yearClosureHours > 0 ? (scale * Math.max(0, override) * count) / countTotal / yearClosureHours : 0)
      : w > 0 && hours.closureHours > 0 ? (scale * count) / hours.closureHours / w : 0;
    ratePerHourByKind[k] = r;
    ratePer100kYearClosureByKind[k] = r * yearClosureHours * 1e5;
  }
  return {
    ambito: RHO_ACTIVITY.ambito,
    period: `${RHO_ACTIVITY.periodStart} – 2025-09-30`,
    closureHours: hours.closureHours,
    officeHours: hours.officeHours,
    rhoWeight,
    msnaPerResident: msna,
    ratePerHourByKind,
    ratePer100kYearClosureByKind,
    yearClosureHours,
    yearOfficeHours,
  };
}

/** Reports a year (closure hours of the generic year) per unit of each component: resident, indicator unit, MSNA present. */
export function componentRatesPerYear(cal: DemandCalibration, kinds: Record<DemandKind, KindAssumption>): Record<DemandComponent, number> {
  const out: Record<DemandComponent, number> = { residents: 0, graveMarginalita: 0, msna: 0 };
  for (const k of DEMAND_KINDS) out[kinds[k].component] += cal.ratePerHourByKind[k] * cal.yearClosureHours;
  return out;
}

export interface ExpectedDemand {
  /** Reports a year by kind (closure + office hours of the generic year). */
  byKind: Record<DemandKind, number>;
  total: number;
  closure: number;
  office: number;
  /** Reports that send a unit on site. */
  dispatched: number;
  graveMarginalita: number;
}

/** Expected reports a year from a set of comuni (analytic: no simulation noise). */
export function expectedDemand(comuni: readonly ComuneRecord[], cal: DemandCalibration, a: DemandCalibrationInput): ExpectedDemand {
  const byKind = Object.fromEntries(DEMAND_KINDS.map((k) => [k, 0])) as Record<DemandKind, number>;
  let closure = 0;
  let office = 0;
  let dispatched = 0;
  let graveMarginalita = 0;
  const f = Math.max(0, a.officeRateFactor);
  for (const c of comuni) {
    const w = comuneWeights(c, a.indicator, cal.msnaPerResident);
    for (const k of DEMAND_KINDS) {
      const perHour = cal.ratePerHourByKind[k] * w[a.kinds[k].component];
      const cl = perHour * cal.yearClosureHours;
      const of = perHour * f * cal.yearOfficeHours;
      byKind[k] += cl + of;
      closure += cl;
      office += of;
      if (a.kinds[k].dispatch) dispatched += cl + of;
      if (a.kinds[k].component === 'graveMarginalita') graveMarginalita += cl + of;
    }
  }
  return { byKind, total: closure + office, closure, office, dispatched, graveMarginalita };
}

/** Reports the model expects in the closure hours of a real period (hours given). */
export function expectedInHours(comuni: readonly ComuneRecord[], cal: DemandCalibration, a: DemandCalibrationInput, closureHours: number): { total: number; dispatched: number } {
  let total = 0;
  let dispatched = 0;
  for (const c of comuni) {
    const w = comuneWeights(c, a.indicator, cal.msnaPerResident);
    for (const k of DEMAND_KINDS) {
      const n = cal.ratePerHourByKind[k] * w[a.kinds[k].component] * closureHours;
      total += n;
      if (a.kinds[k].dispatch) dispatched += n;
    }
  }
  return { total, dispatched };
}

export interface LomellinaCheck {
  comuni: number;
  residents: number;
  /** Hours the Lomellina service answered, February–November 2023 (its own schedule). */
  serviceHours: number;
  predictedReports: number;
  /** Of which emergencies and urgencies (Rho's pertinent share). */
  predictedPertinent: number;
  observedActivations: number;
  source: string;
}

/**
 * Out-of-sample check: the model calibrated on Rho ALONE predicts the Lomellina service's reports
 * in its hours (Mon–Fri 17–08, weekends, holidays) from February to November 2023. Lomellina's
 * 27 activations are never used to calibrate anything.
 */
export function lomellinaCheck(data: TerritoryData, a: DemandCalibrationInput): LomellinaCheck {
  const cal = calibrateDemand(data, a);
  const L = LOMELLINA_ACTIVITY;
  const comuni = data.comuni.filter((c) => c.ambito === L.ambito);
  const h = periodHours(L.periodStart, L.periodEnd, { openFromHour: L.closedFromHour, openToHour: L.closedToHour });
  const e = expectedInHours(comuni, cal, a, h.closureHours);
  return {
    comuni: comuni.length,
    residents: comuni.reduce((s, c) => s + c.residents, 0),
    serviceHours: h.closureHours,
    predictedReports: e.total,
    predictedPertinent: e.dispatched,
    observedActivations: L.activations,
    source: `${L.sourceTitle} (${L.sourceUrl})`,
  };
}
