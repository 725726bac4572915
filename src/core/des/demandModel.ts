// The demand tables one DES run samples from, built once per run from the demand points and the
// calibrated rates (demand.ts): the total rate in closure hours, the office-hour multiplier, the
// mix of kinds, and per component the cumulative weight of every point (where a call of that
// kind arises). Points of a comune share its indicator in proportion to their residents.
import { TIME_BANDS } from '../sim/layout.ts';
import type { DemandPoints } from '../travel/demand.ts';
import type { TerritoryData } from '../territory/types.ts';
import type { DesAssumptions } from './assumptions.ts';
import { calibrateDemand, comuneIndicator, DEMAND_COMPONENTS, DEMAND_KINDS, type DemandCalibration } from './demand.ts';
import { mean, type Distribution } from './distributions.ts';
import { at } from '../check/at.ts';

export interface DemandTables {
  calibration: DemandCalibration;
  /** Reports per minute over the whole territory in a closure band (bandMultiplier 1). */
  ratePerMin: number;
  /** Rate multiplier per band (TIME_BANDS order): officeRateFactor in 'office', 1 elsewhere. */
  bandMultiplier: Float64Array;
  /** Cumulative share of each kind (DEMAND_KINDS order) in the total rate. */
  kindCum: Float64Array;
  kindDispatch: boolean[];
  /** 0 = emergency, 1 = urgency. */
  kindPriority: Uint8Array;
  kindOnScene: Distribution[];
  /** Component index (DEMAND_COMPONENTS order) of each kind. */
  kindComponent: Int32Array;
  /** Per component, cumulative weight over the demand points. */
  pointCumByComponent: Float64Array[];
  /** Dispatched reports per minute from each point in a closure band, and their mean on-scene minutes. */
  pointDispatchRatePerMin: Float64Array;
  meanOnSceneDispatched: number;
}

export function buildDemandTables(data: TerritoryData, demand: DemandPoints, a: DesAssumptions): DemandTables {
  const calibration = calibrateDemand(data, a);
  const nC = DEMAND_COMPONENTS.length;
  const pointCumByComponent = DEMAND_COMPONENTS.map(() => new Float64Array(demand.count));
  const totals = new Float64Array(nC);
  const indicatorOf = new Map<number, number>();
  for (let p = 0; p < demand.count; p++) {
    const ci = at(demand.comune, p);
    const c = at(data.comuni, ci);
    let ind = indicatorOf.get(ci);
    if (ind === undefined) indicatorOf.set(ci, (ind = comuneIndicator(c, a.indicator).value));
    // A point carries its share of the comune's weight in every component (points split residents evenly).
    const residents = at(demand.residents, p);
    const share = c.residents > 0 ? residents / c.residents : 0;
    const msnaRate = calibration.msnaPerResident[c.istat.slice(0, 3)] ?? calibration.msnaPerResident['*'] ?? 0;
    const w = [residents, ind * share, residents * msnaRate];
    for (let k = 0; k < nC; k++) {
      const total = at(totals, k) + at(w, k);
      totals[k] = total;
      at(pointCumByComponent, k)[p] = total;
    }
  }
  const kindComponent = Int32Array.from(DEMAND_KINDS, (k) => DEMAND_COMPONENTS.indexOf(a.kinds[k].component));
  // Reports per minute of each kind over the territory, closure band.
  const kindRate = DEMAND_KINDS.map((k, i) => (calibration.ratePerHourByKind[k] * at(totals, at(kindComponent, i))) / 60);
  const ratePerMin = kindRate.reduce((s, x) => s + x, 0);
  const kindCum = new Float64Array(DEMAND_KINDS.length);
  let acc = 0;
  kindRate.forEach((r, i) => {
    acc += ratePerMin > 0 ? r / ratePerMin : 0;
    kindCum[i] = acc;
  });
  const kindDispatch = DEMAND_KINDS.map((k) => a.kinds[k].dispatch);
  const pointDispatchRatePerMin = new Float64Array(demand.count);
  let onSceneSum = 0;
  let dispatchedRate = 0;
  DEMAND_KINDS.forEach((k, i) => {
    if (!kindDispatch[i]) return;
    const cum = at(pointCumByComponent, at(kindComponent, i));
    const perUnit = calibration.ratePerHourByKind[k] / 60;
    let before = 0;
    cum.forEach((upTo, p) => {
      pointDispatchRatePerMin[p] = at(pointDispatchRatePerMin, p) + perUnit * (upTo - before);
      before = upTo;
    });
    const rate = at(kindRate, i);
    onSceneSum += rate * mean(a.kinds[k].onScene);
    dispatchedRate += rate;
  });
  const f = Math.max(0, a.officeRateFactor);
  return {
    calibration,
    ratePerMin,
    bandMultiplier: Float64Array.from(TIME_BANDS, (b) => (b === 'office' ? f : 1)),
    kindCum,
    kindDispatch,
    kindPriority: Uint8Array.from(DEMAND_KINDS, (k) => a.kinds[k].priority),
    kindOnScene: DEMAND_KINDS.map((k) => a.kinds[k].onScene),
    kindComponent,
    pointCumByComponent,
    pointDispatchRatePerMin,
    meanOnSceneDispatched: dispatchedRate > 0 ? onSceneSum / dispatchedRate : 0,
  };
}
