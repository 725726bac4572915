// Demand points: where residents are, for travel and coverage. One point per comune at its
// representative point; optionally large comuni are split into k sub-points (labelled assumption,
// see TRAVEL_ASSUMPTION_INFO.splitLargeComuni). Points are ordered by comune index, so the points
// of comune i are [firstOfComune[i], firstOfComune[i + 1]).
import { at } from '../check/at.ts';
import type { TerritoryData } from '../territory/types.ts';
import { type TravelAssumptions, speedKmhForDensity } from './assumptions.ts';
import { destinationPoint } from './geo.ts';

export interface DemandPoints {
  count: number;
  /** Comune index (TerritoryData.comuni order) of each point. */
  comune: Int32Array;
  /** Residents assigned to each point. */
  residents: Float64Array;
  lon: Float64Array;
  lat: Float64Array;
  /** Sub-point number inside its comune (0 for a single point). */
  part: Int32Array;
  /** Last-mile minutes inside the comune around the point (0 when intraComune is off). */
  internalMin: Float32Array;
  /** CSR offsets: length comuni + 1. */
  firstOfComune: Int32Array;
  /** ISTAT codes of the comuni split into sub-points. */
  splitComuni: string[];
}

/** Mean distance from the centre of a disc of this area to a uniform point in it: 2/3 of the radius. */
export function meanInternalDistanceKm(areaKm2: number): number {
  return (2 / 3) * Math.sqrt(Math.max(0, areaKm2) / Math.PI);
}

export function comuneSpeedsKmh(data: TerritoryData, a: TravelAssumptions): Float64Array {
  const out = new Float64Array(data.comuni.length);
  data.comuni.forEach((c, i) => {
    out[i] = speedKmhForDensity(c.areaKm2 > 0 ? c.residents / c.areaKm2 : 0, a);
  });
  return out;
}

export function shouldSplit(residents: number, areaKm2: number, a: TravelAssumptions): boolean {
  return a.splitLargeComuni && a.splitPoints > 1 && (residents > a.splitOverResidents || areaKm2 > a.splitOverAreaKm2);
}

export function buildDemandPoints(data: TerritoryData, a: TravelAssumptions): DemandPoints {
  const speeds = comuneSpeedsKmh(data, a);
  const n = data.comuni.length;
  const firstOfComune = new Int32Array(n + 1);
  let count = 0;
  const splitComuni: string[] = [];
  data.comuni.forEach((c, i) => {
    firstOfComune[i] = count;
    if (c.residents <= 0) return; // no residents, no demand
    const k = shouldSplit(c.residents, c.areaKm2, a) ? a.splitPoints : 1;
    if (k > 1) splitComuni.push(c.istat);
    count += k;
  });
  firstOfComune[n] = count;

  const comune = new Int32Array(count);
  const residents = new Float64Array(count);
  const lon = new Float64Array(count);
  const lat = new Float64Array(count);
  const part = new Int32Array(count);
  const internalMin = new Float32Array(count);
  data.comuni.forEach((c, i) => {
    const first = at(firstOfComune, i);
    const k = at(firstOfComune, i + 1) - first;
    if (k === 0) return;
    // Sub-points sit on a ring at the mean internal distance; each one then stands for a
    // 1/k share of the area, hence its own (smaller) last mile.
    const ringKm = meanInternalDistanceKm(c.areaKm2);
    const lastMileKm = a.intraComune ? meanInternalDistanceKm(c.areaKm2 / k) : 0;
    const lastMileMin = ((lastMileKm * a.detourFactor) / at(speeds, i)) * 60;
    const base = Math.floor(c.residents / k);
    for (let m = 0; m < k; m++) {
      const p = first + m;
      comune[p] = i;
      // Residents split evenly; the remainder goes to the first points so the sum is exact.
      residents[p] = base + (m < c.residents - base * k ? 1 : 0);
      part[p] = m;
      internalMin[p] = lastMileMin;
      if (k === 1) {
        lon[p] = c.point[0];
        lat[p] = c.point[1];
      } else {
        const [x, y] = destinationPoint(c.point[0], c.point[1], ringKm, (360 * m) / k);
        lon[p] = x;
        lat[p] = y;
      }
    }
  });
  return { count, comune, residents, lon, lat, part, internalMin, firstOfComune, splitComuni };
}
