// Coverage of a layout: for each demand point, the PIS of its Ambito, the nearest base of that PIS
// with units in the band, and response = triage + mobilisation(band) + travel × band factor.
// Pure and allocation-light: with travel precomputed (TravelContext caches per base), the whole
// region is one pass over ~1,500 points plus one sort.
import type { TimeBand } from '../sim/layout.ts';
import type { CompiledLayout } from '../sim/compile.ts';
import type { TravelContext } from '../travel/context.ts';
import { DEFAULT_RESPONSE_ASSUMPTIONS, DEFAULT_THRESHOLDS_MIN, type ResponseAssumptions } from './assumptions.ts';
import { levelStats, orderByResponse, type GroupStats } from './stats.ts';
import type { TerritoryData } from '../territory/types.ts';
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

// Ambito code → position and Ambito position → ATS position: fixed for a territory, built once.
// Shipped Ambito of each comune → position, and each comune's rank in ISTAT order (the tie-break
// of the "not reached" list).
interface TerritoryIndex {
  ambitoPos: Map<string, number>;
  atsOfAmbito: Int32Array;
  shippedAmbito: Int32Array;
  istatRank: Int32Array;
  /** Comune indices in ISTAT order (the inverse of istatRank). */
  byIstat: Int32Array;
}
const territoryIndexCache = new WeakMap<TerritoryData, TerritoryIndex>();
function territoryIndex(data: TerritoryData): TerritoryIndex {
  let x = territoryIndexCache.get(data);
  // Stryker disable next-line ConditionalExpression: a cache; rebuilding the index gives the same arrays
  if (!x) {
    const atsPos = new Map(data.ats.map((a, i) => [a.code, i]));
    const ambitoPos = new Map(data.ambiti.map((a, i) => [a.code, i]));
    const byIstat = data.comuni.map((_, i) => i).sort((a, b) => (data.comuni[a].istat < data.comuni[b].istat ? -1 : data.comuni[a].istat > data.comuni[b].istat ? 1 : 0));
    const istatRank = new Int32Array(data.comuni.length);
    byIstat.forEach((i, r) => (istatRank[i] = r));
    x = {
      ambitoPos,
      atsOfAmbito: Int32Array.from(data.ambiti, (a) => atsPos.get(a.ats) ?? -1),
      shippedAmbito: Int32Array.from(data.comuni, (c) => ambitoPos.get(c.ambito) ?? -1),
      istatRank,
      byIstat: Int32Array.from(byIstat),
    };
    territoryIndexCache.set(data, x);
  }
  return x;
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const INF_BITS = 0x7f800000;

/**
 * Comune indices ordered slowest first (non-finite = unreachable first of all), then more
 * residents, then ISTAT code. A typed sort of exact float64 keys ((Infinity's bits − the float32
 * bits of the response) · 2^21 + ISTAT rank: 31 + 21 bits), then the residents tie-break inside
 * the runs of equal response only (rare, except the unreachable); a comparator sort when the
 * keys would not be exact.
 */
function slowestFirst(late: number[], response: Float32Array, data: TerritoryData, istatRank: Int32Array, byIstat: Int32Array): Int32Array {
  const n = late.length;
  const resp = (i: number): number => (Number.isFinite(response[i]) ? response[i] : Infinity);
  const cmp = (a: number, b: number): number => resp(b) - resp(a) || data.comuni[b].residents - data.comuni[a].residents || istatRank[a] - istatRank[b];
  const RANK = 2 ** 21;
  if (data.comuni.length > RANK || late.some((i) => response[i] < 0)) return Int32Array.from(late).sort(cmp);
  const keys = new Float64Array(n);
  for (let q = 0; q < n; q++) {
    const i = late[q];
    // Stryker disable next-line ArithmeticOperator: a comune's response is never −0 (a sum of residents × minutes over residents), so + 0 and − 0 agree
    f32[0] = resp(i) + 0;
    keys[q] = (INF_BITS - u32[0]) * RANK + istatRank[i];
  }
  keys.sort();
  const out = new Int32Array(n);
  for (let q = 0; q < n; q++) out[q] = byIstat[keys[q] % RANK];
  for (let a = 0; a < n; ) {
    const head = Math.floor(keys[a] / RANK);
    let b = a + 1;
    while (b < n && Math.floor(keys[b] / RANK) === head) b++;
    if (b - a > 1) out.subarray(a, b).sort(cmp);
    a = b;
  }
  return out;
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
  // Groupings: region, Ambito (overrides applied), PIS, ATS of the Ambito, in one pass.
  const { ambitoPos, atsOfAmbito, shippedAmbito, istatRank, byIstat } = territoryIndex(data);
  const ambitoOfComuneIdx = new Int32Array(nComuni);
  const atsOfComuneIdx = new Int32Array(nComuni);
  for (let i = 0; i < nComuni; i++) {
    // Most comuni keep their shipped Ambito (same string): no map look-up for them.
    const code = layout.ambitoOfComune[i];
    const ai = code === data.comuni[i].ambito ? shippedAmbito[i] : ambitoPos.get(code) ?? -1;
    ambitoOfComuneIdx[i] = ai;
    atsOfComuneIdx[i] = ai >= 0 ? atsOfAmbito[ai] : -1;
  }
  const [[region], byAmbito, byPis, byAts] = levelStats(
    [
      { groupOfComune: new Int32Array(nComuni), groups: [{ code: 'lombardia', name: 'Lombardia' }] },
      { groupOfComune: ambitoOfComuneIdx, groups: data.ambiti },
      { groupOfComune: serviceOfComune, groups: services.map((s) => ({ code: s.id, name: s.name })) },
      { groupOfComune: atsOfComuneIdx, groups: data.ats },
    ],
    demand.comune, demand.residents, responseMin, order, thresholdsMin,
  );

  const comuniWithoutPis: string[] = [];
  let residentsWithoutPis = 0;
  const comuniPisUnknown: string[] = [];
  let residentsPisUnknown = 0;
  // Not reached: slowest first (unreachable first of all), then more residents, then ISTAT code;
  // sorted as comune indices on typed keys, the records built after.
  const late: number[] = [];
  for (let i = 0; i < nComuni; i++) {
    const s = serviceOfComune[i];
    if (s < 0) {
      const c = data.comuni[i];
      if ((layout.ambitoPis.get(layout.ambitoOfComune[i]) ?? 'absent') === 'absent') {
        comuniWithoutPis.push(c.istat);
        residentsWithoutPis += c.residents;
      } else {
        comuniPisUnknown.push(c.istat);
        residentsPisUnknown += c.residents;
      }
    }
    if (!(comuneResponse[i] <= targetMin)) late.push(i);
  }
  const lateOrder = slowestFirst(late, comuneResponse, data, istatRank, byIstat);
  const notReached: ComuneShortfall[] = new Array(lateOrder.length);
  for (let q = 0; q < lateOrder.length; q++) {
    const i = lateOrder[q];
    const c = data.comuni[i];
    const s = serviceOfComune[i];
    const r = comuneResponse[i];
    notReached[q] = { istat: c.istat, name: c.name, ambito: layout.ambitoOfComune[i], pis: s >= 0 ? services[s].id : null, residents: c.residents, responseMin: Number.isFinite(r) ? r : null };
  }

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
