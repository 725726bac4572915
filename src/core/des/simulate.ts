// Replications of the DES with 95 % intervals, saturation detection, progress and cancellation.
// Saturated services (and the region, if any is saturated) report a flag and its reasons instead
// of response means: in an unstable queue the mean only measures the length of the run.
import { DEFAULT_RESPONSE_ASSUMPTIONS, type ResponseAssumptions } from '../coverage/assumptions.ts';
import type { CompiledLayout } from '../sim/compile.ts';
import type { TravelContext } from '../travel/context.ts';
import { defaultDesAssumptions, mergeDesAssumptions, type DesAssumptions, type DesOverrides } from './assumptions.ts';
import { runReplication, type ReplicationResult } from './engine.ts';
import { buildDesModel, type DesModel } from './model.ts';
import { mulberry32, replicationSeed } from './rng.ts';
import { estimate, percentileSorted, type Estimate } from './stats.ts';
import { TIME_BANDS, type TimeBand } from '../sim/layout.ts';
import { simulationCaveats, type Caveat } from './caveats.ts';
import { comuneIndicator, DEMAND_KINDS, expectedDemand, type DemandKind, lomellinaCheck, type DemandCalibration, type ExpectedDemand, type IndicatorTier, type LomellinaCheck } from './demand.ts';
import type { TerritoryData } from '../territory/types.ts';
import { at } from '../check/at.ts';

export interface SimulateOptions {
  seed?: number;
  replications?: number;
  horizonDays?: number;
  /** Target for "share within target" (minutes); default 45. */
  targetMin?: number;
  des?: DesOverrides;
  response?: ResponseAssumptions;
}

export interface SimulationProgress {
  done: number;
  total: number;
}

export interface SimulationHooks {
  onProgress?: (p: SimulationProgress) => void;
  /** Checked before each replication; true stops the run (the result says `cancelled`). */
  shouldCancel?: () => boolean;
}

export interface ResponseSummary {
  p50Min: Estimate | null;
  p90Min: Estimate | null;
  p95Min: Estimate | null;
  meanMin: Estimate | null;
  shareWithinTarget: Estimate | null;
}

export interface ServiceSimResult {
  id: string;
  name: string;
  units: number;
  /** Calls the PIS itself handled (sent a unit) per replication (= per horizon). */
  calls: Estimate | null;
  /** Roster (sim/roster.ts): calls needing a unit that arrived in a gap (nobody rostered): counted, never queued, not in `response`. */
  uncoveredByRoster: Estimate | null;
  /** Share of the calls needing a unit (PIS + territorial + gap) that fell in a gap. */
  shareUncoveredByRoster: Estimate | null;
  uncoveredByBand: Record<TimeBand, Estimate | null>;
  /** Calls needing a unit handled by the territorial services in their opening hours (option (a)). */
  handledByTerritorial: Estimate | null;
  /** Calls needing a unit to this PIS when its roster is not documented: not simulated, not a gap. */
  rosterUnknown: Estimate | null;
  /** null when saturated. */
  response: ResponseSummary | null;
  /** Mean utilisation of the service's units (busy ÷ on duty). */
  utilisation: Estimate | null;
  /** Share of staffed time with every on-duty unit busy. */
  pAllBusy: Estimate | null;
  /** Share of calls that had to wait for a unit. */
  shareQueued: Estimate | null;
  /** Analytic offered load (expected busy time ÷ units on duty); ≥ 1 means the queue cannot be stable. */
  offeredLoad: number;
  /** The service has no unit in any band: "nessuna base" (or no units at its bases), not a saturation. */
  noUnits: boolean;
  /** 'nessuna base' | 'nessuna unità nelle basi' when noUnits, else null. */
  noUnitsLabel: string | null;
  /** Queue growth: the units cannot keep up (offered load ≥ 1, utilisation at the threshold, or a growing queue). */
  saturated: boolean;
  saturationReasons: string[];
  /** Calls the PIS handled per replication, by kind. */
  callsByKind: Record<DemandKind, Estimate | null>;
  /** Expected reports a year from the comuni it serves (analytic, from the calibrated demand). */
  expectedReportsYear: number;
  expectedDispatchedYear: number;
}

/** Expected demand of one of the 19 comuni of the 50,000 rule, with its grave-marginalità indicator. */
export interface ComuneDemand {
  istat: string;
  name: string;
  residents: number;
  capoluogo: boolean;
  indicator: number;
  indicatorTier: IndicatorTier;
  indicatorSource: string;
  expectedReportsYear: number;
  expectedDispatchedYear: number;
  expectedGraveMarginalitaYear: number;
}

export interface DemandSummary {
  calibration: DemandCalibration;
  /** Reports a year the model expects in the whole territory. */
  expected: ExpectedDemand;
  comuni50k: ComuneDemand[];
  lomellina: LomellinaCheck;
}

export interface UnitSimResult {
  serviceId: string;
  baseId: string;
  slot: number;
  utilisation: Estimate | null;
}

export interface SimulationResult {
  illustrative: boolean;
  seed: number;
  replicationsRequested: number;
  replicationsDone: number;
  cancelled: boolean;
  horizonDays: number;
  targetMin: number;
  assumptions: DesAssumptions;
  region: {
    reports: Estimate | null;
    dispatched: Estimate | null;
    unserved: Estimate | null;
    /** Calls in roster gaps of their PIS (never queued), their share of the calls to PIS-served comuni, by band. */
    uncoveredByRoster: Estimate | null;
    shareUncoveredByRoster: Estimate | null;
    uncoveredByBand: Record<TimeBand, Estimate | null>;
    handledByTerritorial: Estimate | null;
    rosterUnknown: Estimate | null;
    /** null when any service is saturated. */
    response: ResponseSummary | null;
    shareQueued: Estimate | null;
    saturated: boolean;
    saturatedServices: string[];
  };
  services: ServiceSimResult[];
  units: UnitSimResult[];
  /** Where the calls come from: calibration, expected calls, the Lomellina check. */
  demand: DemandSummary;
  warnings: string[];
  /** Why the figures are what they are: the same list the UI and the CLI show. */
  caveats: Caveat[];
}

interface Prepared {
  model: DesModel;
  a: DesAssumptions;
  seed: number;
  total: number;
  horizonDays: number;
  targetMin: number;
}

function prepare(travel: TravelContext, layout: CompiledLayout, o: SimulateOptions): Prepared {
  const a: DesAssumptions = mergeDesAssumptions(defaultDesAssumptions(travel.data), o.des);
  const horizonDays = o.horizonDays ?? 365;
  return {
    a,
    model: buildDesModel(travel, layout, a, o.response ?? DEFAULT_RESPONSE_ASSUMPTIONS, horizonDays),
    seed: (o.seed ?? 1) >>> 0,
    total: Math.max(1, Math.floor(o.replications ?? 30)),
    horizonDays,
    targetMin: o.targetMin ?? 45,
  };
}

function* replications(p: Prepared, hooks: SimulationHooks, from = 0, to = p.total): Generator<ReplicationResult, void, void> {
  for (let r = from; r < to; r++) {
    if (hooks.shouldCancel?.()) return;
    // Replication r has its own stream from (seed, r): any split of the replications over workers
    // gives the same replications, hence the same totals.
    yield runReplication(p.model, mulberry32(replicationSeed(p.seed, r)), { travelNoiseSigma: p.a.travelNoiseSigma, randomPosition: p.a.randomPositionInComune });
    hooks.onProgress?.({ done: r + 1 - from, total: to - from });
  }
}

/** Contiguous chunks of the replications [0, total) for `parts` workers, the first ones one longer. */
export function replicationChunks(total: number, parts: number): [number, number][] {
  const n = Math.max(1, Math.min(Math.floor(parts), total));
  const out: [number, number][] = [];
  let from = 0;
  for (let k = 0; k < n; k++) {
    const len = Math.floor(total / n) + (k < total % n ? 1 : 0);
    out.push([from, from + len]);
    from += len;
  }
  return out;
}

/** Replications [from, to) of a run: one part of a run split over a pool of workers (replicationChunks). */
export async function runReplicationRange(travel: TravelContext, layout: CompiledLayout, options: SimulateOptions, from: number, to: number, hooks: SimulationHooks = {}): Promise<ReplicationResult[]> {
  const p = prepare(travel, layout, options);
  const reps: ReplicationResult[] = [];
  for (const r of replications(p, hooks, Math.max(0, from), Math.min(p.total, to))) {
    reps.push(r);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return reps;
}

/** The result of a run from its replications, in replication order (the parts of replicationChunks, concatenated). */
export function summariseReplications(travel: TravelContext, layout: CompiledLayout, options: SimulateOptions, reps: ReplicationResult[]): SimulationResult {
  return summarise(travel.data, layout, prepare(travel, layout, options), reps);
}

export function runSimulation(travel: TravelContext, layout: CompiledLayout, options: SimulateOptions = {}, hooks: SimulationHooks = {}): SimulationResult {
  const p = prepare(travel, layout, options);
  return summarise(travel.data, layout, p, [...replications(p, hooks)]);
}

/** As runSimulation, yielding to the event loop between replications so a cancel message can land. */
export async function runSimulationAsync(travel: TravelContext, layout: CompiledLayout, options: SimulateOptions = {}, hooks: SimulationHooks = {}): Promise<SimulationResult> {
  const p = prepare(travel, layout, options);
  const reps: ReplicationResult[] = [];
  for (const r of replications(p, hooks)) {
    reps.push(r);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return summarise(travel.data, layout, p, reps);
}

function responseSummary(sortedPerRep: Float64Array[], targetMin: number): ResponseSummary {
  const pick = (f: (s: Float64Array) => number | null): Estimate | null => estimate(sortedPerRep.map(f));
  return {
    p50Min: pick((s) => percentileSorted(s, 0.5)),
    p90Min: pick((s) => percentileSorted(s, 0.9)),
    p95Min: pick((s) => percentileSorted(s, 0.95)),
    meanMin: pick((s) => (s.length ? s.reduce((x, y) => x + y, 0) / s.length : null)),
    shareWithinTarget: pick((s) => (s.length ? s.filter((x) => x <= targetMin).length / s.length : null)),
  };
}

const shareOf = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);
const byBand = (values: (k: number) => number[]): Record<TimeBand, Estimate | null> =>
  Object.fromEntries(TIME_BANDS.map((b, k) => [b, estimate(values(k))])) as Record<TimeBand, Estimate | null>;

const TIER_SOURCE: Record<IndicatorTier, string> = {
  sourced: 'ISTAT 2021',
  capoluogo: 'stima: capoluogo senza dato ISTAT (‰ modificabile)',
  over50k: 'stima: comune > 50.000 senza dato ISTAT (‰ modificabile)',
  baseline: 'stima: altri comuni (‰ modificabile)',
};

/** Analytic expected demand: region, per service (its comuni, overrides applied), the 19 comuni, Lomellina. */
function demandSummary(data: TerritoryData, layout: CompiledLayout, p: Prepared): { summary: DemandSummary; byService: ExpectedDemand[] } {
  const cal = p.model.demand.calibration;
  const a = p.a;
  const byService = layout.services.map((_, s) => expectedDemand(data.comuni.filter((_c, i) => layout.serviceOfComune[i] === s), cal, a));
  const comuni50k = data.comuni.filter((c) => c.over50k || c.capoluogo).map((c): ComuneDemand => {
    const ind = comuneIndicator(c, a.indicator);
    const e = expectedDemand([c], cal, a);
    return {
      istat: c.istat, name: c.name, residents: c.residents, capoluogo: c.capoluogo,
      indicator: ind.value, indicatorTier: ind.tier,
      indicatorSource: ind.source ? `${ind.source.sourceTitle} (${ind.source.referenceDate})` : TIER_SOURCE[ind.tier],
      expectedReportsYear: e.total, expectedDispatchedYear: e.dispatched, expectedGraveMarginalitaYear: e.graveMarginalita,
    };
  });
  return { summary: { calibration: cal, expected: expectedDemand(data.comuni, cal, a), comuni50k, lomellina: lomellinaCheck(data, a) }, byService };
}

function summarise(data: TerritoryData, layout: CompiledLayout, p: Prepared, reps: ReplicationResult[]): SimulationResult {
  const { model: m, a, targetMin } = p;
  const { summary: demand, byService } = demandSummary(data, layout, p);
  const hoursByBand = m.horizon.hoursByBand;
  const onDutyMin = (u: number): number => hoursByBand.reduce((s, h, k) => s + (at(m.unitSlot, u) < at(m.baseUnits, at(m.unitBase, u) * TIME_BANDS.length + k) ? h * 60 : 0), 0);
  const unitUtil = (u: number): Estimate | null => {
    const duty = onDutyMin(u);
    return duty > 0 ? estimate(reps.map((r) => at(r.unitBusyMin, u) / duty)) : null;
  };
  const units: UnitSimResult[] = [];
  for (let u = 0; u < m.unitBase.length; u++) {
    units.push({ serviceId: at(layout.services, at(m.unitService, u)).id, baseId: at(layout.bases, at(m.unitBase, u)).id, slot: at(m.unitSlot, u), utilisation: unitUtil(u) });
  }

  const services: ServiceSimResult[] = layout.services.map((svc, s) => {
    const us = at(m.serviceUnits, s);
    const own = reps.map((r) => at(r.services, s));
    const utilisation = estimate(reps.map((r) => {
      const vals = us.map((u) => ({ busy: at(r.unitBusyMin, u), duty: onDutyMin(u) })).filter((x) => x.duty > 0);
      return vals.length ? vals.reduce((acc, x) => acc + x.busy / x.duty, 0) / vals.length : null;
    }));
    const reasons: string[] = [];
    const load = at(m.offeredLoad, s);
    const noUnits = us.length === 0;
    // Without units there is no queue to grow: that is "nessuna base", reported as such, not a saturation.
    if (!noUnits && load >= 1) reasons.push(`carico offerto stimato ${Number.isFinite(load) ? load.toFixed(2) : '∞'} ≥ 1: le unità non bastano per le chiamate attese`);
    if (utilisation && utilisation.mean >= a.saturationUtilisation) reasons.push(`utilizzo medio delle unità ${(utilisation.mean * 100).toFixed(0)}% ≥ ${(a.saturationUtilisation * 100).toFixed(0)}%`);
    const growing = own.filter((x) => x.queueAtEnd >= 5 && x.queueAtEnd > x.queueAtMid).length;
    if (!noUnits && reps.length > 0 && growing * 2 >= reps.length) reasons.push(`coda in crescita in ${growing} repliche su ${reps.length}`);
    const saturated = reasons.length > 0;
    const hasCalls = own.some((x) => x.calls > 0);
    return {
      id: svc.id,
      name: svc.name,
      units: us.length,
      calls: estimate(own.map((x) => x.calls)),
      uncoveredByRoster: estimate(own.map((x) => x.uncovered)),
      shareUncoveredByRoster: estimate(own.map((x) => shareOf(x.uncovered, x.calls + x.territorial + x.uncovered))),
      uncoveredByBand: byBand((k) => own.map((x) => at(x.uncoveredByBand, k))),
      handledByTerritorial: estimate(own.map((x) => x.territorial)),
      rosterUnknown: estimate(own.map((x) => x.rosterUnknown)),
      response: saturated || !hasCalls ? null : responseSummary(own.map((x) => x.responses), targetMin),
      utilisation,
      pAllBusy: estimate(own.map((x) => (x.staffedMin > 0 ? x.allBusyMin / x.staffedMin : null))),
      shareQueued: estimate(own.map((x) => (x.calls > 0 ? x.queued / x.calls : null))),
      offeredLoad: noUnits ? 0 : load,
      noUnits,
      noUnitsLabel: noUnits ? (svc.baseIndices.length === 0 ? 'nessuna base' : 'nessuna unità nelle basi') : null,
      saturated,
      saturationReasons: reasons,
      callsByKind: Object.fromEntries(DEMAND_KINDS.map((k, i) => [k, estimate(own.map((x) => at(x.callsByKind, i)))])) as Record<DemandKind, Estimate | null>,
      expectedReportsYear: at(byService, s).total,
      expectedDispatchedYear: at(byService, s).dispatched,
    };
  });

  const saturatedServices = services.filter((s) => s.saturated).map((s) => s.id);
  const regionSorted = reps.map((r) => {
    const all = new Float64Array(r.services.reduce((n, s) => n + s.responses.length, 0));
    let o = 0;
    for (const s of r.services) {
      all.set(s.responses, o);
      o += s.responses.length;
    }
    return all.sort();
  });
  const warnings = [...layout.warnings];
  if (m.unitBase.length === 0) warnings.push('Nessuna unità nelle basi dello scenario: nessun intervento simulato');
  const result: Omit<SimulationResult, 'caveats'> = {
    illustrative: layout.illustrative,
    seed: p.seed,
    replicationsRequested: p.total,
    replicationsDone: reps.length,
    cancelled: reps.length < p.total,
    horizonDays: p.horizonDays,
    targetMin,
    assumptions: a,
    region: {
      reports: estimate(reps.map((r) => r.reports)),
      dispatched: estimate(reps.map((r) => r.dispatched)),
      unserved: estimate(reps.map((r) => r.unserved)),
      uncoveredByRoster: estimate(reps.map((r) => r.uncovered)),
      // Share among the calls whose roster is known (unknown rosters are not in the denominator).
      shareUncoveredByRoster: estimate(reps.map((r) => shareOf(r.uncovered, r.dispatched + r.territorial + r.uncovered))),
      uncoveredByBand: byBand((k) => reps.map((r) => r.services.reduce((n, x) => n + at(x.uncoveredByBand, k), 0))),
      handledByTerritorial: estimate(reps.map((r) => r.territorial)),
      rosterUnknown: estimate(reps.map((r) => r.rosterUnknown)),
      response: saturatedServices.length > 0 || regionSorted.every((s) => s.length === 0) ? null : responseSummary(regionSorted, targetMin),
      shareQueued: estimate(reps.map((r) => {
        const calls = r.services.reduce((n, s) => n + s.calls, 0);
        return calls > 0 ? r.services.reduce((n, s) => n + s.queued, 0) / calls : null;
      })),
      saturated: saturatedServices.length > 0,
      saturatedServices,
    },
    services,
    units,
    demand,
    warnings,
  };
  return { ...result, caveats: simulationCaveats(result) };
}
