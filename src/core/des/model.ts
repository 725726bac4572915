// Everything a replication needs, prepared once per run from the compiled layout: demand weights,
// units, band rates. Kept separate from the event loop so replications only allocate their state.
import type { ResponseAssumptions } from '../coverage/assumptions.ts';
import type { CompiledLayout } from '../sim/compile.ts';
import { TIME_BANDS } from '../sim/layout.ts';
import type { TravelContext } from '../travel/context.ts';
import { REPORT_CATEGORIES, type DesAssumptions } from './assumptions.ts';
import { buildHorizon, bandTimeShares, type HorizonCalendar } from './calendar.ts';
import { mean } from './distributions.ts';

export interface DesModel {
  horizon: HorizonCalendar;
  /** Reports per minute over the whole territory, before the band multiplier. */
  ratePerMin: number;
  /** Rate multiplier per band index: share of reports ÷ share of time. */
  bandMultiplier: Float64Array;
  /** Cumulative probability of each report category (REPORT_CATEGORIES order) and its dispatch flag. */
  categoryCum: Float64Array;
  categoryDispatch: boolean[];
  /** Cumulative demand weight per point, for sampling the report's location. */
  pointCum: Float64Array;
  serviceOfPoint: Int32Array;
  /** Units: base, slot, service; units of a service in layout order. */
  unitBase: Int32Array;
  unitSlot: Int32Array;
  unitService: Int32Array;
  serviceUnits: number[][];
  /** unitsByBand of each base, flattened [base * 4 + band]. */
  baseUnits: Int32Array;
  travelMin: Float32Array[];
  bandTravelFactor: Float64Array;
  mobilisationMin: Float64Array;
  triageMin: number;
  /** Dispatched calls per minute to each service (expected), and the analytic offered load. */
  serviceRatePerMin: Float64Array;
  offeredLoad: Float64Array;
}

export function buildDesModel(travel: TravelContext, layout: CompiledLayout, a: DesAssumptions, response: ResponseAssumptions, horizonDays: number): DesModel {
  const { demand, data } = travel;
  const horizon = buildHorizon(horizonDays, a.calendar);
  const timeShare = bandTimeShares(a.calendar);
  const shareTotal = TIME_BANDS.reduce((s, b) => s + Math.max(0, a.bandShares[b] ?? 0), 0) || 1;
  const bandMultiplier = Float64Array.from(TIME_BANDS, (b) => (timeShare[b] > 0 ? Math.max(0, a.bandShares[b] ?? 0) / shareTotal / timeShare[b] : 0));

  const catTotal = REPORT_CATEGORIES.reduce((s, c) => s + Math.max(0, a.categoryWeights[c]), 0) || 1;
  const categoryCum = new Float64Array(REPORT_CATEGORIES.length);
  let acc = 0;
  REPORT_CATEGORIES.forEach((c, i) => {
    acc += Math.max(0, a.categoryWeights[c]) / catTotal;
    categoryCum[i] = acc;
  });
  const dispatchShare = REPORT_CATEGORIES.reduce((s, c) => s + (a.dispatchByCategory[c] ? Math.max(0, a.categoryWeights[c]) / catTotal : 0), 0);

  const pointCum = new Float64Array(demand.count);
  let w = 0;
  for (let p = 0; p < demand.count; p++) {
    const c = data.comuni[demand.comune[p]];
    w += demand.residents[p] * (c.over50k || c.capoluogo ? 1 + Math.max(0, a.graveMarginalitaUplift) : 1);
    pointCum[p] = w;
  }
  const ratePerMin = (w * a.baseRatePerResidentYear) / (365 * 1440);
  const serviceOfPoint = Int32Array.from(demand.comune, (ci) => layout.serviceOfComune[ci]);

  const unitBase: number[] = [];
  const unitSlot: number[] = [];
  const unitService: number[] = [];
  const serviceUnits: number[][] = layout.services.map(() => []);
  const baseUnits = new Int32Array(layout.bases.length * 4);
  layout.bases.forEach((b, bi) => TIME_BANDS.forEach((band, k) => (baseUnits[bi * 4 + k] = b.unitsByBand[band])));
  layout.services.forEach((s, si) => {
    for (const bi of s.baseIndices) {
      const maxUnits = Math.max(...TIME_BANDS.map((band) => layout.bases[bi].unitsByBand[band]));
      for (let k = 0; k < maxUnits; k++) {
        serviceUnits[si].push(unitBase.length);
        unitBase.push(bi);
        unitSlot.push(k);
        unitService.push(si);
      }
    }
  });

  // Analytic offered load: expected busy minutes per minute ÷ time-averaged units on duty.
  const bandFactor = Float64Array.from(TIME_BANDS, (b) => travel.bandFactor(b));
  const mobilisationMin = Float64Array.from(TIME_BANDS, (b) => response.mobilisationMinByBand[b]);
  const meanOnScene = mean(a.onScene);
  const nS = layout.services.length;
  const serviceRatePerMin = new Float64Array(nS);
  const busyPerMin = new Float64Array(nS);
  const totalTime = TIME_BANDS.reduce((s, b) => s + timeShare[b], 0);
  for (let p = 0; p < demand.count; p++) {
    const s = serviceOfPoint[p];
    if (s < 0) continue;
    const pw = (pointCum[p] - (p > 0 ? pointCum[p - 1] : 0)) / (w || 1);
    TIME_BANDS.forEach((band, k) => {
      const lambda = ratePerMin * dispatchShare * pw * bandMultiplier[k] * timeShare[band] / totalTime;
      let best = Infinity;
      for (const bi of layout.services[s].baseIndices) if (baseUnits[bi * 4 + k] > 0) best = Math.min(best, layout.bases[bi].travelMin[p]);
      if (!Number.isFinite(best)) for (const bi of layout.services[s].baseIndices) best = Math.min(best, layout.bases[bi].travelMin[p]);
      serviceRatePerMin[s] += lambda;
      if (Number.isFinite(best)) busyPerMin[s] += lambda * (mobilisationMin[k] + 2 * best * bandFactor[k] + meanOnScene);
    });
  }
  const offeredLoad = new Float64Array(nS);
  layout.services.forEach((s, si) => {
    let units = 0;
    for (const bi of s.baseIndices) TIME_BANDS.forEach((band, k) => (units += baseUnits[bi * 4 + k] * timeShare[band]));
    offeredLoad[si] = units > 0 ? busyPerMin[si] / units : serviceRatePerMin[si] > 0 ? Infinity : 0;
  });

  return {
    horizon,
    ratePerMin,
    bandMultiplier,
    categoryCum,
    categoryDispatch: REPORT_CATEGORIES.map((c) => a.dispatchByCategory[c]),
    pointCum,
    serviceOfPoint,
    unitBase: Int32Array.from(unitBase),
    unitSlot: Int32Array.from(unitSlot),
    unitService: Int32Array.from(unitService),
    serviceUnits,
    baseUnits,
    travelMin: layout.bases.map((b) => b.travelMin),
    bandTravelFactor: bandFactor,
    mobilisationMin,
    triageMin: response.triageMin,
    serviceRatePerMin,
    offeredLoad,
  };
}
