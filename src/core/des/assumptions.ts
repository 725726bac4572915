// Demand and service assumptions of the DES. The only real calibration point for demand in
// Lombardy is the PIS of the Ambito Rhodense (86 reports, July 2023 – 30/09/2025): the base rate
// is derived from it and the territory's residents of that Ambito; every other value is a labelled
// assumption the user can edit.
import type { TerritoryData } from '../territory/types.ts';
import type { TimeBand } from '../sim/layout.ts';
import type { AssumptionInfo } from '../travel/assumptions.ts';
import { bandTimeShares, DEFAULT_CALENDAR, type CalendarAssumptions } from './calendar.ts';
import type { Distribution } from './distributions.ts';

export type ReportCategory = 'emergency' | 'urgency' | 'notPertinent';
export const REPORT_CATEGORIES: readonly ReportCategory[] = ['emergency', 'urgency', 'notPertinent'];

export interface DesAssumptions {
  /** Reports per resident per year (all categories). */
  baseRatePerResidentYear: number;
  /** Relative frequency of each category (counts or shares). */
  categoryWeights: Record<ReportCategory, number>;
  /** Whether a category sends a unit on site. */
  dispatchByCategory: Record<ReportCategory, boolean>;
  /** Share of reports falling in each band (normalised); default = share of time (uniform rate). */
  bandShares: Record<TimeBand, number>;
  /** Extra demand in comuni > 50,000 residents or capoluogo (0 = off; 0.5 = +50 %). */
  graveMarginalitaUplift: number;
  onScene: Distribution;
  /** Lognormal spread of travel around the model's time (0 = deterministic). */
  travelNoiseSigma: number;
  calendar: CalendarAssumptions;
  /** A service counts as saturated when its units' mean utilisation reaches this. */
  saturationUtilisation: number;
}

/** The Rho calibration point, from ../seeds/progetto-pis-ambito-rhodense-2026-27.txt. */
export const RHO_CALIBRATION = Object.freeze({
  ambito: '50095',
  reports: 86,
  months: 27,
  period: 'luglio 2023 – 30/09/2025',
  emergency: 50,
  urgency: 17,
  notPertinent: 19,
  source: 'Progetto PIS Ambito Rhodense 2026-2027, "Dati dell\'attività" (Sercop)',
});

export function rhoResidents(data: TerritoryData): number {
  return data.comuni.reduce((s, c) => (c.ambito === RHO_CALIBRATION.ambito ? s + c.residents : s), 0);
}

/** 86 reports ÷ 27 months ÷ residents of the Ambito Rhodense, per year. */
export function calibratedBaseRate(data: TerritoryData): number {
  const residents = rhoResidents(data);
  return residents > 0 ? RHO_CALIBRATION.reports / (RHO_CALIBRATION.months / 12) / residents : 0;
}

export function defaultDesAssumptions(data: TerritoryData): DesAssumptions {
  return {
    baseRatePerResidentYear: calibratedBaseRate(data),
    categoryWeights: { emergency: RHO_CALIBRATION.emergency, urgency: RHO_CALIBRATION.urgency, notPertinent: RHO_CALIBRATION.notPertinent },
    dispatchByCategory: { emergency: true, urgency: true, notPertinent: false },
    bandShares: bandTimeShares(DEFAULT_CALENDAR),
    graveMarginalitaUplift: 0,
    onScene: { kind: 'triangular', minMin: 20, modeMin: 45, maxMin: 120 },
    travelNoiseSigma: 0,
    calendar: { ...DEFAULT_CALENDAR, holidayDays: [...DEFAULT_CALENDAR.holidayDays] },
    saturationUtilisation: 0.98,
  };
}

export function desAssumptionInfo(data: TerritoryData): Readonly<Record<keyof DesAssumptions, AssumptionInfo>> {
  const r = rhoResidents(data);
  return {
    baseRatePerResidentYear: {
      label: 'Segnalazioni per residente all’anno',
      unit: 'segnalazioni/residente/anno',
      source: `${RHO_CALIBRATION.source}: ${RHO_CALIBRATION.reports} segnalazioni in ${RHO_CALIBRATION.months} mesi (${RHO_CALIBRATION.period}) su ${r} residenti dell'Ambito Rhodense (ANPR ${data.populationDate}). Unico dato reale disponibile per la Lombardia`,
    },
    categoryWeights: { label: 'Ripartizione emergenze / urgenze / non pertinenti', unit: 'conteggi', source: `${RHO_CALIBRATION.source}: 50 emergenze, 17 urgenze, 19 non pertinenti` },
    dispatchByCategory: { label: 'Categorie che richiedono un intervento sul posto', unit: 'sì/no', source: 'assunzione: emergenze e urgenze sì, non pertinenti no' },
    bandShares: { label: 'Ripartizione delle segnalazioni per fascia oraria', unit: 'quote', source: 'assunzione: proporzionale alla durata delle fasce (tasso costante nel tempo); nessun dato per fascia' },
    graveMarginalitaUplift: { label: 'Maggiorazione della domanda per grave marginalità nei comuni > 50.000 ab. e capoluoghi', unit: '+ quota', source: 'assunzione, disattivata in origine (0)' },
    onScene: { label: 'Durata dell’intervento sul posto', unit: 'min', source: 'assunzione' },
    travelNoiseSigma: { label: 'Variabilità dei tempi di viaggio (sigma lognormale)', unit: '', source: 'assunzione (0 = tempi deterministici)' },
    calendar: { label: 'Fasce orarie: ufficio 9–17 lun–ven, notte 22–8, festivi domeniche e festività fisse', unit: 'ore', source: 'assunzione' },
    saturationUtilisation: { label: 'Utilizzo oltre il quale il servizio è saturo', unit: 'quota', source: 'assunzione' },
  };
}
