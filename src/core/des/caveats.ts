// Why the figures are what they are: the caveats the UI and the CLI print next to coverage and
// simulation results, built once here from the results themselves so both say the same thing.
// Messages are Italian data of the core (like the rule's fixes); `id` is stable for translation.
import type { ResponseAssumptions } from '../coverage/assumptions.ts';
import { TIME_BAND_LABELS } from '../coverage/assumptions.ts';
import type { TimeBand } from '../sim/layout.ts';

export interface Caveat {
  id: string;
  text: string;
}

const n1 = (x: number): string => x.toLocaleString('it-IT', { maximumFractionDigits: 1 });

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
