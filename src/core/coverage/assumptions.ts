// Time from a report to a unit on site, before travel: triage at the centrale operativa and
// mobilisation of the unit, by time band. No source gives these for Lombardy: labelled assumptions,
// editable in the assumptions panel.
import type { TimeBand } from '../sim/layout.ts';
import type { AssumptionInfo } from '../travel/assumptions.ts';

export interface ResponseAssumptions {
  triageMin: number;
  mobilisationMinByBand: Record<TimeBand, number>;
}

export const DEFAULT_RESPONSE_ASSUMPTIONS: Readonly<ResponseAssumptions> = Object.freeze({
  triageMin: 5,
  mobilisationMinByBand: Object.freeze({ office: 10, closure: 15, night: 20, saturday: 15, holiday: 15 }),
});

export const RESPONSE_ASSUMPTION_INFO: Readonly<Record<'triageMin' | `mobilisation_${TimeBand}`, AssumptionInfo>> = Object.freeze({
  triageMin: { label: 'Triage della centrale operativa', unit: 'min', source: 'assunzione' },
  mobilisation_office: { label: 'Attivazione dell’unità – orario d’ufficio', unit: 'min', source: 'assunzione' },
  mobilisation_closure: { label: 'Attivazione dell’unità – orario di chiusura dei servizi', unit: 'min', source: 'assunzione' },
  mobilisation_night: { label: 'Attivazione dell’unità – notte', unit: 'min', source: 'assunzione' },
  mobilisation_saturday: { label: 'Attivazione dell’unità – sabato', unit: 'min', source: 'assunzione' },
  mobilisation_holiday: { label: 'Attivazione dell’unità – domenica e festivi', unit: 'min', source: 'assunzione' },
});

export const TIME_BAND_LABELS: Readonly<Record<TimeBand, string>> = Object.freeze({
  office: 'Orario d’ufficio (feriali 9–17)',
  closure: 'Chiusura dei servizi (feriali 6–9 e 17–22)',
  night: 'Notte (22–6)',
  saturday: 'Sabato (6–22)',
  holiday: 'Domenica e festivi (6–22)',
});

/** Default response-time thresholds (minutes) for the coverage classes. */
export const DEFAULT_THRESHOLDS_MIN: readonly number[] = Object.freeze([15, 30, 45, 60]);
