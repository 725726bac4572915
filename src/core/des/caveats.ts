// Why the figures are what they are: the caveats the UI and the CLI print next to coverage and
// simulation results, built once here from the results themselves so both say the same thing.
// Messages are Italian data of the core (like the rule's fixes); `id` is stable for translation.
import type { ResponseAssumptions } from '../coverage/assumptions.ts';
import { TIME_BAND_LABELS } from '../coverage/assumptions.ts';
import type { TimeBand } from '../sim/layout.ts';
import type { SimulationResult } from './simulate.ts';
import { formatIt } from '../format/numbers.ts';

export interface Caveat {
  id: string;
  text: string;
}

const n1 = (x: number): string => formatIt(x, { maximumFractionDigits: 1 });
// Factors and rates the user sets (1,25 must not read 1,3).
const n2 = (x: number): string => formatIt(x, { maximumFractionDigits: 2 });

/**
 * A coverage class below the fixed part of every response (triage + mobilisation in the band) is
 * empty by construction: no travel time, however short, can put a resident in it.
 */
export function unreachableThresholds(thresholdsMin: readonly number[], response: ResponseAssumptions, band: TimeBand): number[] {
  const fixed = response.triageMin + response.mobilisationMinByBand[band];
  return thresholdsMin.filter((t) => t <= fixed);
}

export function coverageCaveats(o: { thresholdsMin: readonly number[]; response: ResponseAssumptions; band: TimeBand }): Caveat[] {
  const out: Caveat[] = [];
  const fixed = o.response.triageMin + o.response.mobilisationMinByBand[o.band];
  const empty = unreachableThresholds(o.thresholdsMin, o.response, o.band);
  if (empty.length) {
    out.push({
      id: 'coverage.emptyByConstruction',
      text: `Classe "entro ${empty.join(', ')} min" vuota per costruzione: in fascia ${TIME_BAND_LABELS[o.band]} ogni risposta comincia con triage ${n1(o.response.triageMin)} min + attivazione ${n1(o.response.mobilisationMinByBand[o.band])} min = ${n1(fixed)} min prima del viaggio (assunzioni modificabili).`,
    });
  }
  out.push({
    id: 'coverage.estimatedTravel',
    text: 'Tempi di viaggio stimati su un grafo di adiacenza tra comuni con velocità per densità (nessuna rete stradale offline): sostituibili con una matrice origine–destinazione.',
  });
  return out;
}

/** Interval of an estimate: zero width means no spread between replications, not certainty. */
interface EstimateLike { mean: number; ciLow: number; ciHigh: number; n: number }

export function simulationCaveats(r: Omit<SimulationResult, 'caveats'>): Caveat[] {
  const out: Caveat[] = [];
  const d = r.demand;
  const cal = d.calibration;
  // A rate set by the user replaces Rho's calibration: the caveat must not claim Rho then.
  const override = r.assumptions.rateOverridePerUnitYear;
  const rateSet = override !== null && override !== undefined;
  const source = rateSet
    ? `Domanda da un tasso impostato (non la calibrazione sul PIS di Rho): ${n2(override)} segnalazioni all'anno nelle ore di chiusura per unità di peso, nelle proporzioni tra i tipi delle 86 segnalazioni di Rho`
    : `Domanda calibrata sul solo PIS di Rho: 86 segnalazioni (luglio 2023 – settembre 2025) ripartite sulle ${formatIt(cal.closureHours)} ore di chiusura dei servizi sociali del periodo, non sulle 24 ore`;
  out.push({
    id: 'des.demandCalibration',
    text: `${source}; per tipo (emergenze: calamità, adulti/senza dimora, MSNA, non classificate; urgenze; non pertinenti), con le emergenze servite prima delle urgenze. Gli adulti in difficoltà e/o senza dimora seguono l'indicatore di grave marginalità (iscritti senza dimora ISTAT 2021 dove c'è il dato); i minori stranieri non accompagnati la presenza di MSNA della provincia (Ministero del Lavoro, 30/09/2023). In orario d'ufficio il tasso è ${n2(r.assumptions.officeRateFactor)} × quello delle ore di chiusura (assunzione).`,
  });
  const L = d.lomellina;
  out.push({
    id: 'des.lomellinaCheck',
    text: `Verifica fuori campione (non usata per calibrare): per la Lomellina (${L.comuni} comuni, ${formatIt(L.residents)} residenti, febbraio – novembre 2023, ${formatIt(L.serviceHours)} ore di servizio) il modello prevede ${n1(L.predictedReports)} segnalazioni, di cui ${n1(L.predictedPertinent)} emergenze e urgenze; il gestore riferisce ${L.observedActivations} attivazioni.`,
  });
  out.push({
    id: 'des.intervals',
    text: `Gli intervalli al 95% misurano il rumore della simulazione tra ${r.replicationsDone} repliche, non l'incertezza delle ipotesi (tempi di viaggio stimati, ${rateSet ? 'tasso di domanda impostato' : 'domanda calibrata su un solo servizio'}).`,
  });
  const resp = r.region.response;
  const zero = (['p50Min', 'p90Min', 'p95Min'] as const).filter((k) => {
    const e = resp?.[k] as EstimateLike | null | undefined;
    return e && e.n > 1 && e.ciHigh - e.ciLow < 1e-9;
  });
  if (zero.length) {
    out.push({
      id: 'des.zeroWidth',
      text: `Intervallo di ampiezza zero per ${zero.map((k) => k.replace('Min', '')).join(', ')}: i tempi di viaggio sono deterministici e molte chiamate vengono dallo stesso punto di domanda, quindi il percentile cade ogni volta sullo stesso valore. Non è una misura esatta: attivare la suddivisione dei comuni grandi e la posizione casuale nel comune.`,
    });
  }
  const noUnits = r.services.filter((s) => s.noUnits);
  if (noUnits.length) {
    out.push({
      id: 'des.noUnits',
      text: `${noUnits.length === 1 ? 'Un PIS non ha' : `${noUnits.length} PIS non hanno`} unità in nessuna fascia (${noUnits.map((s) => `${s.name}: ${s.noUnitsLabel}`).join('; ')}): le loro chiamate non hanno tempi di risposta; non è una saturazione.`,
    });
  }
  if (r.region.saturated) {
    out.push({ id: 'des.saturated', text: `Saturazione (coda in crescita) in ${r.region.saturatedServices.length} PIS: le unità non bastano per le chiamate attese; percentili e medie non hanno senso e non sono mostrati.` });
  }
  return out;
}
