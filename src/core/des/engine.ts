// One replication of the discrete-event simulation: Poisson reports (piecewise-constant rate by
// band), dispatch to the nearest free on-duty unit of the serving PIS, FIFO queue per PIS when all
// are busy, unit busy for mobilisation + travel + on scene + return. Three event streams merged in
// time order: unit releases (heap), band changes (shift start/end), calls (pre-generated, sorted).
// The roster decides who handles each call (sim/roster.ts): calls arriving when the territorial
// services handle them (option (a), opening hours) or when nobody is rostered (a gap) are counted
// apart and never queued: a roster gap is a compliance failure, not a response time.
import type { Distribution } from './distributions.ts';
import { sample } from './distributions.ts';
import { createEventHeap } from './heap.ts';
import type { DesModel } from './model.ts';
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

export function runReplication(m: DesModel, rng: Rng, onScene: Distribution, travelNoiseSigma: number): ReplicationResult {
  const H = m.horizon.horizonMin;
  const nS = m.serviceUnits.length;
  const nU = m.unitBase.length;
  const totalWeight = m.pointCum.length ? m.pointCum[m.pointCum.length - 1] : 0;

  // 1. Reports: exponential gaps inside each band segment (memoryless, so restart per segment).
  const callReady: number[] = [];
  const callPoint: number[] = [];
  let reports = 0;
  let unserved = 0;
  const NB = TIME_BANDS.length;
  const uncoveredS = new Int32Array(nS);
  const uncoveredBand = new Int32Array(nS * NB);
  const territorialS = new Int32Array(nS);
  const lastHour = m.horizon.hourBand.length - 1;
  if (totalWeight > 0 && m.ratePerMin > 0) {
    for (const seg of m.horizon.segments) {
      const rate = m.ratePerMin * m.bandMultiplier[seg.band];
      if (rate <= 0) continue;
      let t = seg.startMin;
      for (;;) {
        t += exponential(rng, rate);
        if (t >= seg.endMin) break;
        reports++;
        const u = rng();
        let cat = 0;
        while (cat < m.categoryCum.length - 1 && u >= m.categoryCum[cat]) cat++;
        const p = lowerBound(m.pointCum, rng() * totalWeight);
        if (!m.categoryDispatch[cat]) continue;
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
        if (duty === 2 || m.serviceUnits[s].length === 0) {
          uncoveredS[s]++;
          uncoveredBand[s * NB + m.horizon.hourBand[hour]]++;
          continue;
        }
        callReady.push(t + m.triageMin);
        callPoint.push(p);
      }
    }
  }

  // 2. Event loop.
  const busy = new Uint8Array(nU);
  const unitBusyMin = new Float64Array(nU);
  const heap = createEventHeap();
  const queues: number[][] = Array.from({ length: nS }, () => []);
  const queueHead = new Int32Array(nS);
  const responses: number[][] = Array.from({ length: nS }, () => []);
  const calls = new Int32Array(nS);
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
    const noise = travelNoiseSigma > 0 ? Math.exp(travelNoiseSigma * standardNormal(rng)) : 1;
    const travel = m.travelMin[m.unitBase[u]][p] * m.bandTravelFactor[band] * noise;
    const mob = m.mobilisationMin[band];
    responses[s].push(m.triageMin + (t - callReady[c]) + mob + travel);
    const end = t + mob + 2 * travel + Math.max(0, sample(onScene, rng));
    busy[u] = 1;
    unitBusyMin[u] += Math.min(end, H) - t;
    heap.push(end, u);
  };
  const drainQueue = (s: number, t: number): void => {
    const q = queues[s];
    while (queueHead[s] < q.length) {
      const c = q[queueHead[s]];
      const u = nearestFree(s, callPoint[c]);
      if (u < 0) break;
      queueHead[s]++;
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
      for (let s = 0; s < nS; s++) queueAtMid[s] = queues[s].length - queueHead[s];
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
      const u = nearestFree(s, p);
      if (u >= 0) assign(u, c, t);
      else {
        queues[s].push(c);
        queued[s]++;
      }
      refresh(s);
    }
  }
  if (!midRecorded) for (let s = 0; s < nS; s++) queueAtMid[s] = queues[s].length - queueHead[s];
  for (let s = 0; s < nS; s++) touch(s, H);

  const services: ServiceReplication[] = [];
  let dispatched = 0;
  let uncovered = 0;
  let territorial = 0;
  for (let s = 0; s < nS; s++) {
    dispatched += calls[s];
    uncovered += uncoveredS[s];
    territorial += territorialS[s];
    services.push({
      responses: Float64Array.from(responses[s]).sort(),
      calls: calls[s],
      queued: queued[s],
      allBusyMin: allBusyMin[s],
      staffedMin: staffedMin[s],
      queueAtMid: queueAtMid[s],
      queueAtEnd: queues[s].length - queueHead[s],
      uncovered: uncoveredS[s],
      uncoveredByBand: uncoveredBand.slice(s * NB, (s + 1) * NB),
      territorial: territorialS[s],
    });
  }
  return { reports, dispatched, unserved, uncovered, territorial, services, unitBusyMin };
}
