// Demand and service assumptions of the DES. The only real calibration point for demand in
// Lombardy is the PIS of the Ambito Rhodense (86 reports, July 2023 – 30/09/2025), a service that
// answers in the closure hours of the territorial social services: the rates are calibrated per
// closure hour on it (demand.ts), by kind, and the grave-marginalità kind is placed by its own
// indicator. Every other value is a labelled assumption the user can edit.
import type { TerritoryData } from '../territory/types.ts';
import type { AssumptionInfo } from '../travel/assumptions.ts';
import { DEFAULT_CALENDAR, type CalendarAssumptions } from './calendar.ts';
import {
  calibrateDemand, componentRatesPerYear, defaultKinds, deriveIndicator, DEMAND_KINDS, KIND_LABELS, KIND_ON_SCENE_SOURCE, KIND_SHORT_LABELS,
  type DemandKind, type GraveMarginalitaIndicator, type KindAssumption,
} from './demand.ts';
import { CM_MILANO_HOMELESS_2021, HOMELESS_REGISTRATIONS_2021, MSNA_BY_PROVINCE_2023, MSNA_LOMBARDIA_2023, RHO_ACTIVITY } from './demandData.ts';
import { formatIt } from '../format/numbers.ts';

export interface DesAssumptions {
  /** Kinds of report: Rho's count, component, dispatch, queue priority, on-scene time. */
  kinds: Record<DemandKind, KindAssumption>;
  /** Where grave-marginalità reports arise. */
  indicator: GraveMarginalitaIndicator;
  /** Multiplier of the calibrated rates (1 = Rho's 27-month average). */
  demandScale: number;
  /** Rate per office hour ÷ rate per closure hour (Rho gives no office-hour figure). */
  officeRateFactor: number;
  /** null = calibrate on Rho; a number replaces it (reports a year in closure hours per unit of weight). */
  rateOverridePerUnitYear: number | null;
  /** Lognormal spread of travel around the model's time (0 = deterministic). */
  travelNoiseSigma: number;
  /** Each call at a random point of its comune's (sub-)area, not at the mean last-mile distance. */
  randomPositionInComune: boolean;
  calendar: CalendarAssumptions;
  /** A service counts as saturated when its units' mean utilisation reaches this. */
  saturationUtilisation: number;
}

/** Kept for callers of the previous model: the Rho counts. */
export const RHO_CALIBRATION = Object.freeze({
  ambito: RHO_ACTIVITY.ambito,
  reports: RHO_ACTIVITY.reports,
  months: RHO_ACTIVITY.months,
  period: 'luglio 2023 – 30/09/2025',
  emergency: RHO_ACTIVITY.emergency,
  urgency: RHO_ACTIVITY.urgency,
  notPertinent: RHO_ACTIVITY.notPertinent,
  source: RHO_ACTIVITY.source,
});

export function rhoResidents(data: TerritoryData): number {
  return data.comuni.reduce((s, c) => (c.ambito === RHO_CALIBRATION.ambito ? s + c.residents : s), 0);
}

/** The derived figures rounded to 3 decimals (‰): what the panel shows is what the model uses. */
function roundedIndicator(g: GraveMarginalitaIndicator): GraveMarginalitaIndicator {
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return { capoluogoPer1000: r(g.capoluogoPer1000), over50kPer1000: r(g.over50kPer1000), baselinePer1000: r(g.baselinePer1000) };
}

export function defaultDesAssumptions(data: TerritoryData): DesAssumptions {
  return {
    kinds: defaultKinds(),
    indicator: roundedIndicator(deriveIndicator(data).indicator),
    demandScale: 1,
    officeRateFactor: 1,
    rateOverridePerUnitYear: null,
    travelNoiseSigma: 0,
    randomPositionInComune: true,
    calendar: { ...DEFAULT_CALENDAR, holidayDays: [...DEFAULT_CALENDAR.holidayDays] },
    saturationUtilisation: 0.98,
  };
}

/** What a caller may override: any field, and kinds / indicator field by field. */
export type DesOverrides = Partial<Omit<DesAssumptions, 'kinds' | 'indicator'>> & {
  kinds?: Partial<Record<DemandKind, Partial<KindAssumption>>>;
  indicator?: Partial<GraveMarginalitaIndicator>;
};

/** Merges a partial override (the UI sends only what it edits) over the defaults, deeply for kinds and indicator. */
export function mergeDesAssumptions(base: DesAssumptions, o: DesOverrides | undefined): DesAssumptions {
  if (!o) return base;
  const kinds = { ...base.kinds };
  for (const k of DEMAND_KINDS) if (o.kinds?.[k]) kinds[k] = { ...base.kinds[k], ...o.kinds[k] };
  return { ...base, ...o, kinds, indicator: { ...base.indicator, ...o.indicator } };
}

const fmt = (x: number, d = 2): string => formatIt(x, { maximumFractionDigits: d, minimumFractionDigits: d });

export type DesInfoKey = 'msna' | 'demandScale' | 'officeRateFactor' | 'capoluogoPer1000' | 'over50kPer1000' | 'baselinePer1000' | 'kinds' | 'calibration'
  | 'travelNoiseSigma' | 'randomPositionInComune' | 'calendar' | 'saturationUtilisation' | `onScene_${DemandKind}`;

export function desAssumptionInfo(data: TerritoryData): Readonly<Record<DesInfoKey, AssumptionInfo>> {
  const a = defaultDesAssumptions(data);
  const d = deriveIndicator(data);
  const cal = calibrateDemand(data, a);
  const rates = componentRatesPerYear(cal, a.kinds);
  const r = rhoResidents(data);
  const sourcedList = HOMELESS_REGISTRATIONS_2021.map((x) => `${x.name} ${formatIt(x.value)}`).join(', ');
  const per1000 = (xs: { name: string; per1000: number }[]) => xs.map((x) => `${x.name} ${fmt(x.per1000)}`).join(', ');
  const onScene = Object.fromEntries(DEMAND_KINDS.map((k) => [`onScene_${k}`, { label: `Sul posto: ${KIND_SHORT_LABELS[k]}`, unit: 'min', source: `${KIND_LABELS[k]}. ${KIND_ON_SCENE_SOURCE[k]}` }]));
  return {
    calibration: {
      label: 'Calibrazione della domanda sul PIS di Rho, nelle ore di chiusura dei servizi',
      unit: 'segnalazioni/ora di chiusura',
      source: `${RHO_CALIBRATION.source}: ${RHO_CALIBRATION.reports} segnalazioni in ${RHO_CALIBRATION.months} mesi (${RHO_CALIBRATION.period}) da un servizio che risponde quando i servizi sociali sono chiusi (${RHO_ACTIVITY.hoursSource}): ripartite sulle ${formatIt(cal.closureHours)} ore fuori dall'orario d'ufficio (lun–ven ${a.calendar.officeStartHour}–${a.calendar.officeEndHour}, feriali) del periodo, non su tutte le 24 ore; ${formatIt(r)} residenti dell'Ambito Rhodense (ANPR ${data.populationDate}). Residenti: ${fmt(rates.residents * 1e5, 1)} segnalazioni all'anno ogni 100.000 residenti nelle ore di chiusura (calamità, emergenze non classificate, urgenze, non pertinenti: 58 di 86); MSNA: 21 di 86, ${fmt(rates.msna, 3)} all'anno per minore presente (Rho: ${fmt(cal.rhoWeight.msna, 1)}); grave marginalità: 7 di 86, ${fmt(rates.graveMarginalita, 3)} all'anno per iscritto (indicatore di Rho: ${fmt(cal.rhoWeight.graveMarginalita, 1)}). Unico dato reale disponibile per la Lombardia`,
    },
    kinds: {
      label: 'Tipi di segnalazione (conteggi di Rho), priorità in coda: emergenze prima delle urgenze',
      unit: 'conteggi',
      source: `${RHO_CALIBRATION.source}: 50 emergenze (8 calamità, 7 adulti in difficoltà e/o senza dimora, 21 MSNA, 14 non classificate), 17 urgenze, 19 non pertinenti; emergenze e urgenze con intervento sul posto, non pertinenti no (assunzione)`,
    },
    msna: {
      label: 'Emergenze MSNA: dove sono i minori stranieri non accompagnati',
      unit: 'MSNA/residente',
      source: `per provincia, MSNA presenti al 30/09/2023 (Ministero del Lavoro, ${MSNA_LOMBARDIA_2023.sourceTitle}) sui residenti della provincia: ${MSNA_BY_PROVINCE_2023.map((m) => `${m.name.replace('Provincia di ', '')} ${formatIt(m.value)}${m.derived ? ' (differenza dal totale regionale)' : ''}`).join(', ')}`,
    },
    demandScale: { label: 'Moltiplicatore della domanda di Rho', unit: '×', source: 'assunzione: 1 = media di Rho sui 27 mesi, fase sperimentale 2023 compresa; più di 1 per il "trend di crescita delle segnalazioni" che il progetto riferisce' },
    officeRateFactor: { label: 'Domanda in orario d’ufficio ÷ ore di chiusura', unit: '×', source: 'assunzione: nessun dato (Rho risponde solo nelle ore di chiusura); 1 = stessa intensità oraria' },
    capoluogoPer1000: {
      label: 'Grave marginalità: capoluoghi senza dato ISTAT',
      unit: '‰ residenti',
      source: `iscritti senza dimora ogni 1.000 residenti: mediana dei capoluoghi con dato ISTAT 2021 (${per1000(d.capoluoghi)}, su residenti ANPR ${data.populationDate}); modificabile`,
    },
    over50kPer1000: {
      label: 'Grave marginalità: comuni > 50.000 senza dato ISTAT',
      unit: '‰ residenti',
      source: `iscritti ogni 1.000 residenti: mediana dei comuni > 50.000 con dato ISTAT 2021 (${per1000(d.over50k)}); modificabile`,
    },
    baselinePer1000: {
      label: 'Grave marginalità: altri comuni',
      unit: '‰ residenti',
      source: `iscritti ogni 1.000 residenti: Città metropolitana di Milano, ISTAT 2021: ${formatIt(CM_MILANO_HOMELESS_2021.value)} iscritti, di cui ${formatIt(d.cmMilano.listed)} nei comuni elencati; i restanti ${d.cmMilano.residual} su ${formatIt(d.cmMilano.residualResidents)} residenti degli altri comuni (${CM_MILANO_HOMELESS_2021.sourceTitle}). Dove c'è il dato ISTAT 2021 si usa quello: ${sourcedList}`,
    },
    travelNoiseSigma: { label: 'Variabilità dei tempi di viaggio (sigma lognormale)', unit: '', source: 'assunzione (0 = tempi deterministici)' },
    randomPositionInComune: { label: 'Ogni chiamata in un punto a caso dell’area del comune (non alla distanza media)', unit: 'sì/no', source: 'assunzione: residenti uniformi su un cerchio di area pari al comune; stessa media del tratto interno' },
    calendar: { label: 'Fasce orarie e festività del calendario simulato', unit: 'ore', source: 'assunzione' },
    saturationUtilisation: { label: 'Utilizzo oltre il quale il servizio è saturo (coda in crescita)', unit: 'quota', source: 'assunzione' },
    ...onScene,
  } as Record<DesInfoKey, AssumptionInfo>;
}
