// One replication of the discrete-event simulation: Poisson reports by kind (piecewise-constant
// rate by band), each placed where its kind arises (residents, or the grave-marginalità
// indicator); dispatch to the nearest free on-duty unit of the serving PIS; when all are busy, a
// queue per PIS that serves emergencies before urgencies (FIFO within each); unit busy for
// mobilisation + travel + on scene (by kind) + return. The call's position inside its comune is
// random (same mean last mile), so percentiles are not pinned to one travel time. Two phases:
// generateCalls (the Poisson draws and who handles each call), then runEventLoop over the calls
// the PIS handles, three event streams merged in time order: unit releases (heap), band changes
// (shift start/end), calls (sorted).
// The roster decides who handles each call (sim/roster.ts): calls arriving when the territorial
// services handle them (option (a), opening hours) or when nobody is rostered (a gap) are counted
// apart and never queued: a roster gap is a compliance failure, not a response time.
import { sample } from './distributions.ts';
import { createEventHeap } from './heap.ts';
import type { DesModel } from './model.ts';
import { PriorityFifo, sampledLastMileMin } from './queue.ts';
import { exponential, type Rng, standardNormal } from './rng.ts';
import { TIME_BANDS } from '../sim/layout.ts';

export interface ServiceReplication {
  /** Response minutes of the calls assigned within the horizon, ascending. */
  responses: Float64Array;
  calls: number;
  queued: number;
  allBusyMin: number;
  staffedMin: number;
  queueAtMid: number;
  queueAtEnd: number;
  /** Calls needing a unit that arrived in a roster gap (nobody answering or nobody on site): not queued. */
  uncovered: number;
  /** The same, per band (TIME_BANDS order). */
  uncoveredByBand: Int32Array;
  /** Calls needing a unit handled by the territorial services in their opening hours (option (a)). */
  territorial: number;
  /** Calls the PIS handled, by kind (DEMAND_KINDS order). */
  callsByKind: Int32Array;
  /** Calls needing a unit to a PIS whose roster is not documented: not simulated (unknown is not a gap). */
  rosterUnknown: number;
}

export interface ReplicationResult {
  reports: number;
  dispatched: number;
  /** Reports needing a unit from comuni without a PIS. */
  unserved: number;
  /** Reports needing a unit that fell in a roster gap of their PIS (sum over services). */
  uncovered: number;
  /** Reports needing a unit handled by the territorial services (sum over services). */
  territorial: number;
  /** Reports needing a unit to PIS whose roster is not documented (sum over services). */
  rosterUnknown: number;
  services: ServiceReplication[];
  unitBusyMin: Float64Array;
}

function lowerBound(cum: Float64Array, x: number): number {
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The calls a PIS handles in one replication, in time order: ready = arrival + triage. */
export interface CallList {
  ready: number[];
  point: number[];
  /** Index in DEMAND_KINDS. */
  kind: number[];
}

export interface GeneratedCalls {
  calls: CallList;
  reports: number;
  unserved: number;
  uncoveredS: Int32Array;
  uncoveredBand: Int32Array;
  territorialS: Int32Array;
  rosterUnknownS: Int32Array;
}

/** Phase 1: Poisson reports by kind and place; the roster decides who handles each one. */
export function generateCalls(m: DesModel, rng: Rng): GeneratedCalls {
  const nS = m.serviceUnits.length;
  const d = m.demand;
  const compTotal = d.pointCumByComponent.map((cum) => (cum.length ? cum[cum.length - 1] : 0));
  // Exponential gaps inside each band segment (memoryless, so restart per segment).
  const calls: CallList = { ready: [], point: [], kind: [] };
  let reports = 0;
  let unserved = 0;
  const NB = TIME_BANDS.length;
  const uncoveredS = new Int32Array(nS);
  const uncoveredBand = new Int32Array(nS * NB);
  const territorialS = new Int32Array(nS);
  const rosterUnknownS = new Int32Array(nS);
  const lastHour = m.horizon.hourBand.length - 1;
  if (m.ratePerMin > 0) {
    for (const seg of m.horizon.segments) {
      const rate = m.ratePerMin * m.bandMultiplier[seg.band];
      if (rate <= 0) continue;
      let t = seg.startMin;
      for (;;) {
        t += exponential(rng, rate);
        if (t >= seg.endMin) break;
        reports++;
        const u = rng();
        let kind = 0;
        while (kind < d.kindCum.length - 1 && u >= d.kindCum[kind]) kind++;
        const comp = d.kindComponent[kind];
        const p = lowerBound(d.pointCumByComponent[comp], rng() * compTotal[comp]);
        if (!d.kindDispatch[kind]) continue;
        const s = m.serviceOfPoint[p];
        if (s < 0) {
          unserved++;
          continue;
        }
        const hour = Math.min(lastHour, Math.floor(t / 60));
        const duty = m.dutyTables[m.dutyOfPoint[p]][hour];
        if (duty === 1) {
          territorialS[s]++;
          continue;
        }
        if (duty === 3) {
          rosterUnknownS[s]++;
          continue;
        }
        if (duty === 2 || m.serviceUnits[s].length === 0) {
          uncoveredS[s]++;
          uncoveredBand[s * NB + m.horizon.hourBand[hour]]++;
          continue;
        }
        calls.ready.push(t + m.triageMin);
        calls.point.push(p);
        calls.kind.push(kind);
      }
    }
  }
  return { calls, reports, unserved, uncoveredS, uncoveredBand, territorialS, rosterUnknownS };
}

export interface LoopResult {
  responses: number[][];
  calls: Int32Array;
  callsByKind: Int32Array[];
  queued: Int32Array;
  allBusyMin: Float64Array;
  staffedMin: Float64Array;
  queueAtMid: Int32Array;
  queueAtEnd: Int32Array;
  unitBusyMin: Float64Array;
  /** Index of each served call in the order units were assigned (for tests of the queue discipline). */
  served: number[];
}

export interface LoopOptions {
  travelNoiseSigma: number;
  /** Sample the call's position inside its comune (random last mile, same mean). */
  randomPosition: boolean;
}

/** Phase 2: the calls the PIS handles, through units, shifts and the priority queue. */
export function runEventLoop(m: DesModel, callList: CallList, rng: Rng, o: LoopOptions): LoopResult {
  const H = m.horizon.horizonMin;
  const nS = m.serviceUnits.length;
  const nU = m.unitBase.length;
  const NB = TIME_BANDS.length;
  const nK = m.demand.kindCum.length;
  const { ready: callReady, point: callPoint, kind: callKind } = callList;
  const served: number[] = [];

  // 2. Event loop.
  const busy = new Uint8Array(nU);
  const unitBusyMin = new Float64Array(nU);
  const heap = createEventHeap();
  const queues = Array.from({ length: nS }, () => new PriorityFifo());
  const responses: number[][] = Array.from({ length: nS }, () => []);
  const calls = new Int32Array(nS);
  const callsByKind = Array.from({ length: nS }, () => new Int32Array(nK));
  const queued = new Int32Array(nS);
  const lastT = new Float64Array(nS);
  const staffed = new Uint8Array(nS);
  const allBusy = new Uint8Array(nS);
  const staffedMin = new Float64Array(nS);
  const allBusyMin = new Float64Array(nS);
  const queueAtMid = new Int32Array(nS);
  let midRecorded = false;
  let band = m.horizon.segments.length ? m.horizon.segments[0].band : 0;

  const onDuty = (u: number): boolean => m.unitSlot[u] < m.baseUnits[m.unitBase[u] * NB + band];
  const touch = (s: number, t: number): void => {
    const dt = t - lastT[s];
    if (staffed[s]) staffedMin[s] += dt;
    if (allBusy[s]) allBusyMin[s] += dt;
    lastT[s] = t;
  };
  const refresh = (s: number): void => {
    let duty = 0;
    let free = 0;
    for (const u of m.serviceUnits[s]) {
      if (!onDuty(u)) continue;
      duty++;
      if (!busy[u]) free++;
    }
    staffed[s] = duty > 0 ? 1 : 0;
    allBusy[s] = duty > 0 && free === 0 ? 1 : 0;
  };
  const nearestFree = (s: number, p: number): number => {
    let best = -1;
    let bestT = Infinity;
    for (const u of m.serviceUnits[s]) {
      if (busy[u] || !onDuty(u)) continue;
      const t = m.travelMin[m.unitBase[u]][p];
      if (t < bestT) {
        bestT = t;
        best = u;
      }
    }
    return best;
  };
  const assign = (u: number, c: number, t: number): void => {
    const p = callPoint[c];
    const s = m.unitService[u];
    const noise = o.travelNoiseSigma > 0 ? Math.exp(o.travelNoiseSigma * standardNormal(rng)) : 1;
    const lastMile = m.internalMin[p];
    const base = o.randomPosition ? m.travelMin[m.unitBase[u]][p] - lastMile + sampledLastMileMin(lastMile, rng()) : m.travelMin[m.unitBase[u]][p];
    const travel = base * m.bandTravelFactor[band] * noise;
    const mob = m.mobilisationMin[band];
    responses[s].push(m.triageMin + (t - callReady[c]) + mob + travel);
    served.push(c);
    const end = t + mob + 2 * travel + Math.max(0, sample(m.demand.kindOnScene[callKind[c]], rng));
    busy[u] = 1;
    unitBusyMin[u] += Math.min(end, H) - t;
    heap.push(end, u);
  };
  const drainQueue = (s: number, t: number): void => {
    const q = queues[s];
    while (q.length > 0) {
      const c = q.peek();
      const u = nearestFree(s, callPoint[c]);
      if (u < 0) break;
      q.shift();
      assign(u, c, t);
    }
  };

  for (let s = 0; s < nS; s++) refresh(s);
  let ci = 0;
  let segIdx = 1;
  for (;;) {
    const tFree = heap.peekTime();
    const tBand = segIdx < m.horizon.segments.length ? m.horizon.segments[segIdx].startMin : Infinity;
    const tCall = ci < callReady.length ? callReady[ci] : Infinity;
    const t = Math.min(tFree, tBand, tCall);
    if (!(t < H)) break;
    if (!midRecorded && t >= H / 2) {
      midRecorded = true;
      for (let s = 0; s < nS; s++) queueAtMid[s] = queues[s].length;
    }
    if (tFree === t) {
      const u = heap.pop();
      const s = m.unitService[u];
      touch(s, t);
      busy[u] = 0;
      if (onDuty(u)) drainQueue(s, t);
      refresh(s);
    } else if (tBand === t) {
      for (let s = 0; s < nS; s++) touch(s, t);
      band = m.horizon.segments[segIdx++].band;
      for (let s = 0; s < nS; s++) {
        drainQueue(s, t);
        refresh(s);
      }
    } else {
      const c = ci++;
      const p = callPoint[c];
      const s = m.serviceOfPoint[p];
      touch(s, t);
      calls[s]++;
      callsByKind[s][callKind[c]]++;
      const u = nearestFree(s, p);
      if (u >= 0) assign(u, c, t);
      else {
        queues[s].push(c, m.demand.kindPriority[callKind[c]]);
        queued[s]++;
      }
      refresh(s);
    }
  }
  if (!midRecorded) for (let s = 0; s < nS; s++) queueAtMid[s] = queues[s].length;
  for (let s = 0; s < nS; s++) touch(s, H);
  return { responses, calls, callsByKind, queued, allBusyMin, staffedMin, queueAtMid, queueAtEnd: Int32Array.from(queues, (q) => q.length), unitBusyMin, served };
}

export function runReplication(m: DesModel, rng: Rng, o: LoopOptions): ReplicationResult {
  const g = generateCalls(m, rng);
  const l = runEventLoop(m, g.calls, rng, o);
  const nS = m.serviceUnits.length;
  const NB = TIME_BANDS.length;
  const services: ServiceReplication[] = [];
  let dispatched = 0;
  let uncovered = 0;
  let territorial = 0;
  let rosterUnknown = 0;
  for (let s = 0; s < nS; s++) {
    rosterUnknown += g.rosterUnknownS[s];
    dispatched += l.calls[s];
    uncovered += g.uncoveredS[s];
    territorial += g.territorialS[s];
    services.push({
      responses: Float64Array.from(l.responses[s]).sort(),
      calls: l.calls[s],
      queued: l.queued[s],
      allBusyMin: l.allBusyMin[s],
      staffedMin: l.staffedMin[s],
      queueAtMid: l.queueAtMid[s],
      queueAtEnd: l.queueAtEnd[s],
      uncovered: g.uncoveredS[s],
      uncoveredByBand: g.uncoveredBand.slice(s * NB, (s + 1) * NB),
      territorial: g.territorialS[s],
      callsByKind: l.callsByKind[s],
      rosterUnknown: g.rosterUnknownS[s],
    });
  }
  return { reports: g.reports, dispatched, unserved: g.unserved, uncovered, territorial, rosterUnknown, services, unitBusyMin: l.unitBusyMin };
}
