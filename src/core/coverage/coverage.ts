// Coverage of a layout: for each demand point, the PIS of its Ambito, the nearest base of that PIS
// with units in the band, and response = triage + mobilisation(band) + travel × band factor.
// Pure and allocation-light: with travel precomputed (TravelContext caches per base), the whole
// region is one pass over ~1,500 points plus one sort.
import type { TimeBand } from '../sim/layout.ts';
import type { CompiledLayout } from '../sim/compile.ts';
import type { TravelContext } from '../travel/context.ts';
import { DEFAULT_RESPONSE_ASSUMPTIONS, DEFAULT_THRESHOLDS_MIN, type ResponseAssumptions } from './assumptions.ts';
import { groupStats, orderByResponse, type GroupStats } from './stats.ts';
import { coverageCaveats, unreachableThresholds, type Caveat } from '../des/caveats.ts';

export interface CoverageOptions {
  /** Time band of the response (mobilisation and travel factor). Default 'closure'. */
  band?: TimeBand;
  /** Ascending thresholds in minutes; default 15/30/45/60. */
  thresholdsMin?: number[];
  /** Planning target for the "not reached" list; default 45 min (assumption). */
  targetMin?: number;
  response?: ResponseAssumptions;
}

export const DEFAULT_COVERAGE_BAND: TimeBand = 'closure';
export const DEFAULT_TARGET_MIN = 45;

export interface ComuneShortfall {
  istat: string;
  name: string;
  ambito: string;
  /** Serving PIS id, null when the comune has none. */
  pis: string | null;
  residents: number;
  /** null when not reachable at all (no PIS or no base active in the band). */
  responseMin: number | null;
}

export interface CoverageResult {
  illustrative: boolean;
  band: TimeBand;
  thresholdsMin: number[];
  targetMin: number;
  travelSource: 'stima' | 'matrice-od';
  /** Per demand point (TravelContext.demand order); Infinity = not reachable. */
  points: {
    comune: Int32Array;
    residents: Float64Array;
    responseMin: Float32Array;
    travelMin: Float32Array;
    /** Index into serviceIds, -1 = no PIS. */
    service: Int32Array;
    /** Index into baseIds, -1 = none. */
    base: Int32Array;
  };
  /** Per comune (TerritoryData.comuni order): population-weighted over its points; Infinity if any point is unreachable. */
  comuni: { responseMin: Float32Array; service: Int32Array };
  serviceIds: string[];
  baseIds: string[];
  region: GroupStats;
  byAmbito: GroupStats[];
  byPis: GroupStats[];
  byAts: GroupStats[];
  /** Comuni whose response exceeds targetMin (or is unreachable), slowest first. */
  notReached: ComuneShortfall[];
  /** ISTAT codes of comuni whose Ambito is KNOWN to have no PIS (three-valued: unknown apart). */
  comuniWithoutPis: string[];
  residentsWithoutPis: number;
  /** Comuni served by no PIS of the layout whose Ambito's PIS status is unknown, or present but not described. */
  comuniPisUnknown: string[];
  residentsPisUnknown: number;
  warnings: string[];
  /** Why the figures are what they are (e.g. a class empty by construction): shown by the UI and the CLI. */
  caveats: Caveat[];
  /** Thresholds no response can meet: triage + mobilisation in the band already reach them. */
  unreachableThresholdsMin: number[];
}

// The caveats depend only on the thresholds, the response assumptions and the band: built once
// per combination (formatting their Italian text was ~7 % of a coverage run), copied out.
// Keyed by the values coverageCaveats reads (band, thresholds, triage, mobilisation in the band).
let caveatMemo: { key: string; caveats: Caveat[] } | undefined;
function caveatsFor(thresholdsMin: number[], response: ResponseAssumptions, band: TimeBand): Caveat[] {
  const key = `${band}|${thresholdsMin.join(',')}|${response.triageMin}|${response.mobilisationMinByBand[band]}`;
  if (!caveatMemo || caveatMemo.key !== key) caveatMemo = { key, caveats: coverageCaveats({ thresholdsMin, response, band }) };
  return caveatMemo.caveats.map((c) => ({ ...c }));
}

export function computeCoverage(travel: TravelContext, layout: CompiledLayout, options: CoverageOptions = {}): CoverageResult {
  const band = options.band ?? DEFAULT_COVERAGE_BAND;
  const thresholdsMin = [...(options.thresholdsMin ?? DEFAULT_THRESHOLDS_MIN)].sort((a, b) => a - b);
  const targetMin = options.targetMin ?? DEFAULT_TARGET_MIN;
  const response = options.response ?? DEFAULT_RESPONSE_ASSUMPTIONS;
  const fixedMin = response.triageMin + response.mobilisationMinByBand[band];
  const factor = travel.bandFactor(band);
  const { data, demand } = travel;
  const n = demand.count;

  const responseMin = new Float32Array(n);
  const travelMin = new Float32Array(n);
  const service = new Int32Array(n);
  const base = new Int32Array(n);
  const { bases, services, serviceOfComune } = layout;
  // Only bases with units on duty in the band can respond in it.
  const activeBases = services.map((s) => s.baseIndices.filter((bi) => bases[bi].unitsByBand[band] > 0));
  for (let p = 0; p < n; p++) {
    const s = serviceOfComune[demand.comune[p]];
    service[p] = s;
    let best = Infinity;
    let bestBase = -1;
    if (s >= 0) {
      for (const bi of activeBases[s]) {
        const t = bases[bi].travelMin[p];
        if (t < best) {
          best = t;
          bestBase = bi;
        }
      }
    }
    base[p] = bestBase;
    travelMin[p] = best * factor;
    responseMin[p] = fixedMin + best * factor;
  }

  const nComuni = data.comuni.length;
  const comuneResponse = new Float32Array(nComuni);
  for (let i = 0; i < nComuni; i++) {
    let w = 0;
    let s = 0;
    for (let p = demand.firstOfComune[i]; p < demand.firstOfComune[i + 1]; p++) {
      w += demand.residents[p];
      s += demand.residents[p] * responseMin[p];
    }
    comuneResponse[i] = w > 0 ? s / w : Infinity;
  }

  const order = orderByResponse(responseMin);
  // Groupings: region, Ambito (overrides applied), PIS, ATS of the Ambito.
  const count = (keyOfComune: (i: number) => number, size: number): number[] => {
    const c = new Array<number>(size).fill(0);
    for (let i = 0; i < nComuni; i++) {
      const k = keyOfComune(i);
      if (k >= 0) c[k]++;
    }
    return c;
  };
  const pointGroups = (keyOfComune: Int32Array): Int32Array => {
    const g = new Int32Array(n);
    for (let p = 0; p < n; p++) g[p] = keyOfComune[demand.comune[p]];
    return g;
  };
  const ambitoPos = new Map(data.ambiti.map((a, i) => [a.code, i]));
  const atsPos = new Map(data.ats.map((a, i) => [a.code, i]));
  const ambitoOfComuneIdx = Int32Array.from(layout.ambitoOfComune, (a) => ambitoPos.get(a) ?? -1);
  const atsOfComuneIdx = Int32Array.from(ambitoOfComuneIdx, (ai) => (ai >= 0 ? atsPos.get(data.ambiti[ai].ats) ?? -1 : -1));
  const stats = (keyOfComune: Int32Array, defs: { code: string; name: string }[]): GroupStats[] => {
    const c = count((i) => keyOfComune[i], defs.length);
    return groupStats(pointGroups(keyOfComune), defs.map((d, i) => ({ ...d, comuni: c[i] })), demand.residents, responseMin, order, thresholdsMin);
  };
  const region = stats(new Int32Array(nComuni), [{ code: 'lombardia', name: 'Lombardia' }])[0];
  const byAmbito = stats(ambitoOfComuneIdx, data.ambiti.map((a) => ({ code: a.code, name: a.name })));
  const byPis = stats(serviceOfComune, services.map((s) => ({ code: s.id, name: s.name })));
  const byAts = stats(atsOfComuneIdx, data.ats.map((a) => ({ code: a.code, name: a.name })));

  const notReached: ComuneShortfall[] = [];
  const comuniWithoutPis: string[] = [];
  let residentsWithoutPis = 0;
  const comuniPisUnknown: string[] = [];
  let residentsPisUnknown = 0;
  for (let i = 0; i < nComuni; i++) {
    const c = data.comuni[i];
    const s = serviceOfComune[i];
    if (s < 0) {
      if ((layout.ambitoPis.get(layout.ambitoOfComune[i]) ?? 'absent') === 'absent') {
        comuniWithoutPis.push(c.istat);
        residentsWithoutPis += c.residents;
      } else {
        comuniPisUnknown.push(c.istat);
        residentsPisUnknown += c.residents;
      }
    }
    const r = comuneResponse[i];
    if (!(r <= targetMin)) {
      notReached.push({ istat: c.istat, name: c.name, ambito: layout.ambitoOfComune[i], pis: s >= 0 ? services[s].id : null, residents: c.residents, responseMin: Number.isFinite(r) ? r : null });
    }
  }
  notReached.sort((a, b) => (b.responseMin ?? Infinity) - (a.responseMin ?? Infinity) || b.residents - a.residents || (a.istat < b.istat ? -1 : a.istat > b.istat ? 1 : 0));

  return {
    illustrative: layout.illustrative,
    band,
    thresholdsMin,
    targetMin,
    travelSource: travel.model.source,
    points: { comune: demand.comune.slice(), residents: demand.residents.slice(), responseMin, travelMin, service, base },
    comuni: { responseMin: comuneResponse, service: Int32Array.from(serviceOfComune) },
    serviceIds: services.map((s) => s.id),
    baseIds: bases.map((b) => b.id),
    region,
    byAmbito,
    byPis,
    byAts,
    notReached,
    comuniWithoutPis,
    residentsWithoutPis,
    comuniPisUnknown,
    residentsPisUnknown,
    warnings: layout.warnings,
    caveats: caveatsFor(thresholdsMin, response, band),
    unreachableThresholdsMin: unreachableThresholds(thresholdsMin, response, band),
  };
}
