// Everything a replication needs, prepared once per run from the compiled layout: demand weights,
// units, band rates. Kept separate from the event loop so replications only allocate their state.
import type { ResponseAssumptions } from '../coverage/assumptions.ts';
import type { CompiledLayout } from '../sim/compile.ts';
import { TIME_BANDS } from '../sim/layout.ts';
import type { TravelContext } from '../travel/context.ts';
import type { DesAssumptions } from './assumptions.ts';
import { buildHorizon, bandTimeShares, type HorizonCalendar } from './calendar.ts';
import { buildDemandTables, type DemandTables } from './demandModel.ts';
import { DUTIES, dutyTable } from '../sim/roster.ts';
import { at } from '../check/at.ts';

export interface DesModel {
  horizon: HorizonCalendar;
  /** Where and when calls arise, by kind (demandModel.ts). */
  demand: DemandTables;
  /** Reports per minute over the whole territory in a closure band. */
  ratePerMin: number;
  /** Rate multiplier per band index (office-hour factor). */
  bandMultiplier: Float64Array;
  /** Mean last-mile minutes inside the comune of each demand point (already in travelMin). */
  internalMin: Float32Array;
  serviceOfPoint: Int32Array;
  /** Units: base, slot, service; units of a service in layout order. */
  unitBase: Int32Array;
  unitSlot: Int32Array;
  unitService: Int32Array;
  serviceUnits: number[][];
  /** unitsByBand of each base, flattened [base * TIME_BANDS.length + band]. */
  baseUnits: Int32Array;
  /**
   * Who handles a call (DUTIES order: 0 pis, 1 territoriali, 2 scoperto; 3 = roster not documented) per hour of the horizon,
   * one table per (service, member Ambito) pair; dutyOfPoint indexes it (-1 = no PIS).
   */
  dutyTables: Uint8Array[];
  dutyOfPoint: Int32Array;
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
  const tables = buildDemandTables(data, demand, a);
  const { ratePerMin, bandMultiplier } = tables;
  const serviceOfPoint = Int32Array.from(demand.comune, (ci) => at(layout.serviceOfComune, ci));

  const unitBase: number[] = [];
  const unitSlot: number[] = [];
  const unitService: number[] = [];
  const serviceUnits: number[][] = layout.services.map(() => []);
  const NB = TIME_BANDS.length;
  const baseUnits = new Int32Array(layout.bases.length * NB);
  layout.bases.forEach((b, bi) => TIME_BANDS.forEach((band, k) => (baseUnits[bi * NB + k] = b.unitsByBand[band])));

  // The roster decides who handles a call (roster.ts); calls in a gap are never queued.
  const dutyTables: Uint8Array[] = [];
  const pisShareByBand: Float64Array[] = [];
  const tableKey = new Map<string, number>();
  const dutyOfPoint = new Int32Array(demand.count).fill(-1);
  const horizonHours = horizon.hourBand.length;
  for (let p = 0; p < demand.count; p++) {
    const s = at(serviceOfPoint, p);
    if (s < 0) continue;
    const ambito = at(layout.ambitoOfComune, at(demand.comune, p));
    const key = `${s}|${ambito}`;
    let ti = tableKey.get(key);
    if (ti === undefined) {
      ti = dutyTables.length;
      // An undocumented roster is not a gap: its calls are counted apart (code 3), not simulated.
      const service = at(layout.services, s);
      const table = service.rosterKnown ? dutyTable(service, ambito, horizonHours, a.calendar, layout.openingHours) : new Uint8Array(horizonHours).fill(3);
      const pis = new Float64Array(NB);
      const pisCode = DUTIES.indexOf('pis');
      table.forEach((duty, h) => {
        if (duty === pisCode) {
          const b = at(horizon.hourBand, h);
          pis[b] = at(pis, b) + 1;
        }
      });
      horizon.hoursByBand.forEach((hours, k) => (pis[k] = hours > 0 ? at(pis, k) / hours : 0));
      dutyTables.push(table);
      pisShareByBand.push(pis);
      tableKey.set(key, ti);
    }
    dutyOfPoint[p] = ti;
  }
  layout.services.forEach((s, si) => {
    for (const bi of s.baseIndices) {
      const units = at(layout.bases, bi).unitsByBand;
      const maxUnits = Math.max(...TIME_BANDS.map((band) => units[band]));
      for (let k = 0; k < maxUnits; k++) {
        at(serviceUnits, si).push(unitBase.length);
        unitBase.push(bi);
        unitSlot.push(k);
        unitService.push(si);
      }
    }
  });

  // Analytic offered load: expected busy minutes per minute ÷ time-averaged units on duty.
  const bandFactor = Float64Array.from(TIME_BANDS, (b) => travel.bandFactor(b));
  const mobilisationMin = Float64Array.from(TIME_BANDS, (b) => response.mobilisationMinByBand[b]);
  const meanOnScene = tables.meanOnSceneDispatched;
  const nS = layout.services.length;
  const serviceRatePerMin = new Float64Array(nS);
  const busyPerMin = new Float64Array(nS);
  const totalTime = TIME_BANDS.reduce((s, b) => s + timeShare[b], 0);
  for (let p = 0; p < demand.count; p++) {
    const s = at(serviceOfPoint, p);
    if (s < 0) continue;
    const pointRate = at(tables.pointDispatchRatePerMin, p);
    const pisShare = at(pisShareByBand, at(dutyOfPoint, p));
    const bases = at(layout.services, s).baseIndices.map((bi) => at(layout.bases, bi));
    TIME_BANDS.forEach((band, k) => {
      // Only the calls the PIS itself handles load its units (not the territorial services' or the roster gaps').
      const lambda = ((pointRate * at(bandMultiplier, k) * timeShare[band]) / totalTime) * at(pisShare, k);
      let best = Infinity;
      for (const b of bases) if (b.unitsByBand[band] > 0) best = Math.min(best, at(b.travelMin, p));
      if (!Number.isFinite(best)) for (const b of bases) best = Math.min(best, at(b.travelMin, p));
      serviceRatePerMin[s] = at(serviceRatePerMin, s) + lambda;
      if (Number.isFinite(best)) busyPerMin[s] = at(busyPerMin, s) + lambda * (at(mobilisationMin, k) + 2 * best * at(bandFactor, k) + meanOnScene);
    });
  }
  const offeredLoad = new Float64Array(nS);
  layout.services.forEach((s, si) => {
    let units = 0;
    for (const bi of s.baseIndices) TIME_BANDS.forEach((band, k) => (units += at(baseUnits, bi * NB + k) * timeShare[band]));
    offeredLoad[si] = units > 0 ? at(busyPerMin, si) / units : at(serviceRatePerMin, si) > 0 ? Infinity : 0;
  });

  return {
    horizon,
    demand: tables,
    ratePerMin,
    bandMultiplier,
    internalMin: demand.internalMin,
    serviceOfPoint,
    unitBase: Int32Array.from(unitBase),
    unitSlot: Int32Array.from(unitSlot),
    unitService: Int32Array.from(unitService),
    serviceUnits,
    baseUnits,
    dutyTables,
    dutyOfPoint,
    travelMin: layout.bases.map((b) => b.travelMin),
    bandTravelFactor: bandFactor,
    mobilisationMin,
    triageMin: response.triageMin,
    serviceRatePerMin,
    offeredLoad,
  };
}
