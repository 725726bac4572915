// Everything travel-related that coverage and the DES need, computed once per territory and
// assumptions: demand points, the model, and per-base travel times to every demand point (cached,
// so re-running coverage after an edit only pays for new bases).
import type { TerritoryData } from '../territory/types.ts';
import type { TimeBand } from '../sim/layout.ts';
import { DEFAULT_TRAVEL_ASSUMPTIONS, validateTravelAssumptions, type TravelAssumptions } from './assumptions.ts';
import { buildDemandPoints, type DemandPoints } from './demand.ts';
import { at } from '../check/at.ts';
import { haversineKm } from './geo.ts';
import { createTravelTimeModel, type TravelTimeModel } from './model.ts';
import { parseOdMatrixCsv, type OdImport, type OdMatrix } from './odMatrix.ts';

export interface TravelContext {
  data: TerritoryData;
  assumptions: TravelAssumptions;
  demand: DemandPoints;
  model: TravelTimeModel;
  /** Daytime minutes from a base (comune index, optional exact point) to every demand point, last mile included. */
  travelToPoints(baseComune: number, basePoint?: readonly [number, number], keep?: boolean): Float32Array;
  /** Multiplier of travel times in a band. */
  bandFactor(band: TimeBand): number;
}

export function createTravelContext(data: TerritoryData, assumptions: TravelAssumptions = DEFAULT_TRAVEL_ASSUMPTIONS, od?: OdMatrix): TravelContext {
  const demand = buildDemandPoints(data, assumptions);
  const model = createTravelTimeModel(data, assumptions, od);
  // Per base comune, the rows already computed for each base point (usually one: the comune's own
  // point). Keyed by number, not by a "comune|lon|lat" string built on every look-up.
  const cache = new Map<number, { lon: number; lat: number; row: Float32Array }[]>();

  function travelToPoints(baseComune: number, basePoint?: readonly [number, number], keep = true): Float32Array {
    const home = at(data.comuni, baseComune).point;
    const bp = basePoint ?? home;
    const hits = cache.get(baseComune);
    if (hits) for (const h of hits) if (h.lon === bp[0] && h.lat === bp[1]) return h.row;
    const row = model.timesFromComune(baseComune, keep);
    const accessMin = model.localMin(baseComune, haversineKm(bp[0], bp[1], home[0], home[1]));
    const sameComuneOd = od?.rows.get(baseComune)?.has(baseComune) ?? false;
    const { count, comune, lon, lat, internalMin } = demand;
    const out = new Float32Array(count);
    // The hot loop of coverage and siting: no checked reads here. p < count, the length of every
    // demand array; j = comune[p] is a comune index (buildDemandPoints), in range of data.comuni
    // and of row (one entry per comune).
    for (let p = 0; p < count; p++) {
      const j = comune[p]!;
      const x = lon[p]!;
      const y = lat[p]!;
      let t: number;
      if (j === baseComune && !sameComuneOd) {
        t = model.localMin(j, haversineKm(bp[0], bp[1], x, y));
      } else {
        const cp = data.comuni[j]!.point;
        const toPoint = x === cp[0] && y === cp[1] ? 0 : model.localMin(j, haversineKm(cp[0], cp[1], x, y));
        t = accessMin + row[j]! + toPoint;
      }
      out[p] = t + internalMin[p]!;
    }
    if (keep) {
      if (hits) hits.push({ lon: bp[0], lat: bp[1], row: out });
      else cache.set(baseComune, [{ lon: bp[0], lat: bp[1], row: out }]);
    }
    return out;
  }

  return {
    data,
    assumptions,
    demand,
    model,
    travelToPoints,
    bandFactor: (band) => (band === 'night' ? assumptions.nightTravelFactor : 1),
  };
}

/**
 * The travel context for the given assumptions (validated), built once and reused until the
 * assumptions or the OD matrix change; holds the imported OD matrix. Shared by the simulation and
 * optimisation APIs, so both validate and cache the same way.
 */
export function cachedTravelContext(data: () => Promise<TerritoryData>) {
  let cached: { key: string; ctx: TravelContext } | undefined;
  let od: OdMatrix | undefined;
  let odVersion = 0;
  return {
    async context(travel?: Partial<TravelAssumptions>): Promise<TravelContext> {
      const d = await data();
      const a: TravelAssumptions = { ...DEFAULT_TRAVEL_ASSUMPTIONS, ...travel };
      const errors = validateTravelAssumptions(a);
      if (errors.length) throw new Error(`Ipotesi di viaggio non valide: ${errors.join('; ')}`);
      const key = `${JSON.stringify(a)}#${odVersion}`;
      if (cached?.key !== key) cached = { key, ctx: createTravelContext(d, a, od) };
      return cached.ctx;
    },
    /** Validates and, when at least one row is usable, applies an OD matrix (CSV from_istat,to_istat,minutes). */
    async importOd(csvText: string): Promise<Omit<OdImport, 'matrix'>> {
      const { matrix, ...report } = parseOdMatrixCsv(csvText, await data());
      if (report.ok) {
        od = matrix;
        odVersion++;
      }
      return report;
    },
    clearOd(): void {
      od = undefined;
      odVersion++;
    },
  };
}
