// Every parameter of the travel-time estimate, in one plain object the UI can edit and send to
// the worker. Values carry no source of their own: there is no road network offline, so each
// one is a labelled assumption (see TRAVEL_ASSUMPTION_INFO), to be replaced by an imported
// origin–destination matrix where one exists.

export interface TravelAssumptions {
  /** Road distance ÷ straight-line distance. */
  detourFactor: number;
  /** Residents per km² at or above which a comune counts as urban. */
  urbanDensityPerKm2: number;
  /** Residents per km² at or above which a comune counts as suburban (below: rural). */
  suburbanDensityPerKm2: number;
  urbanSpeedKmh: number;
  suburbanSpeedKmh: number;
  ruralSpeedKmh: number;
  /** Multiplier of every travel time in the night band (less traffic). */
  nightTravelFactor: number;
  /** Add the "last mile" inside the destination comune (residents spread over a disc of equal area). */
  intraComune: boolean;
  /** Split large comuni into several demand points. */
  splitLargeComuni: boolean;
  /** Split a comune with strictly more residents than this… */
  splitOverResidents: number;
  /** …or with a larger area than this (km²). */
  splitOverAreaKm2: number;
  /** Number of sub-points of a split comune. */
  splitPoints: number;
}

export const DEFAULT_TRAVEL_ASSUMPTIONS: Readonly<TravelAssumptions> = Object.freeze({
  detourFactor: 1.3,
  urbanDensityPerKm2: 1500,
  suburbanDensityPerKm2: 300,
  urbanSpeedKmh: 25,
  suburbanSpeedKmh: 40,
  ruralSpeedKmh: 55,
  nightTravelFactor: 0.8,
  intraComune: true,
  splitLargeComuni: true,
  splitOverResidents: 50000,
  splitOverAreaKm2: 100,
  splitPoints: 4,
});

export interface AssumptionInfo {
  /** Italian label for the assumptions panel. */
  label: string;
  unit: string;
  /** Where the value comes from; 'assunzione' when it is a planning assumption. */
  source: string;
}

const STIMA = 'assunzione: nessuna rete stradale disponibile offline; sostituibile con una matrice origine–destinazione';

export const TRAVEL_ASSUMPTION_INFO: Readonly<Record<keyof TravelAssumptions, AssumptionInfo>> = Object.freeze({
  detourFactor: { label: 'Fattore di tortuosità (strada ÷ linea d’aria)', unit: '×', source: STIMA },
  urbanDensityPerKm2: { label: 'Soglia di densità per comune urbano', unit: 'ab./km²', source: STIMA },
  suburbanDensityPerKm2: { label: 'Soglia di densità per comune suburbano', unit: 'ab./km²', source: STIMA },
  urbanSpeedKmh: { label: 'Velocità media in contesto urbano', unit: 'km/h', source: STIMA },
  suburbanSpeedKmh: { label: 'Velocità media in contesto suburbano', unit: 'km/h', source: STIMA },
  ruralSpeedKmh: { label: 'Velocità media in contesto rurale', unit: 'km/h', source: STIMA },
  nightTravelFactor: { label: 'Fattore sui tempi di viaggio di notte', unit: '×', source: STIMA },
  intraComune: {
    label: 'Aggiungi il tratto interno al comune di arrivo',
    unit: 'sì/no',
    source: 'assunzione: residenti distribuiti uniformemente su un cerchio di area pari al comune (distanza media 2/3 del raggio)',
  },
  splitLargeComuni: {
    label: 'Suddividi i comuni grandi in più punti di domanda',
    unit: 'sì/no',
    source: 'assunzione: k punti su un anello attorno al punto rappresentativo, residenti divisi in parti uguali; i punti possono cadere fuori dal confine nei comuni di forma irregolare',
  },
  splitOverResidents: { label: 'Suddividi i comuni con più residenti di', unit: 'residenti', source: 'assunzione (soglia della scheda LEPS 3.7.1)' },
  splitOverAreaKm2: { label: 'Suddividi i comuni con superficie maggiore di', unit: 'km²', source: 'assunzione' },
  splitPoints: { label: 'Numero di punti per comune suddiviso', unit: 'punti', source: 'assunzione' },
});

/** Average speed (km/h) of a comune by its settlement density. */
export function speedKmhForDensity(densityPerKm2: number, a: TravelAssumptions): number {
  if (densityPerKm2 >= a.urbanDensityPerKm2) return a.urbanSpeedKmh;
  if (densityPerKm2 >= a.suburbanDensityPerKm2) return a.suburbanSpeedKmh;
  return a.ruralSpeedKmh;
}

/** Italian messages for values that would make the model meaningless; empty when valid. */
export function validateTravelAssumptions(a: TravelAssumptions): string[] {
  const errors: string[] = [];
  const positive: (keyof TravelAssumptions)[] = ['detourFactor', 'urbanSpeedKmh', 'suburbanSpeedKmh', 'ruralSpeedKmh', 'nightTravelFactor'];
  for (const k of positive) {
    const v = a[k];
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) errors.push(`${TRAVEL_ASSUMPTION_INFO[k].label}: deve essere un numero positivo (valore: ${String(v)})`);
  }
  if (a.detourFactor < 1) errors.push(`${TRAVEL_ASSUMPTION_INFO.detourFactor.label}: non può essere minore di 1 (valore: ${a.detourFactor})`);
  if (a.suburbanDensityPerKm2 > a.urbanDensityPerKm2) errors.push('La soglia suburbana non può superare la soglia urbana');
  if (!Number.isInteger(a.splitPoints) || a.splitPoints < 1 || a.splitPoints > 32) errors.push(`${TRAVEL_ASSUMPTION_INFO.splitPoints.label}: intero tra 1 e 32 (valore: ${a.splitPoints})`);
  return errors;
}
