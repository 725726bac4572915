// Issue 10 item 7: the DES event loop and call generation on hand-built models (a few points, a
// few hours, fixed times), so every response, wait, busy minute and counter is checked by hand.
// Bands: TIME_BANDS order (0 office, 1 closure, 2 night, 3 saturday, 4 holiday).
import { describe, expect, it } from 'vitest';
import type { Distribution } from '../../src/core/des/distributions.ts';
import { generateCalls, runEventLoop, runReplication, type CallList } from '../../src/core/des/engine.ts';
import type { DesModel } from '../../src/core/des/model.ts';
import { mulberry32, type Rng } from '../../src/core/des/rng.ts';

const scripted = (...xs: number[]): Rng & { used: () => number } => {
  let i = 0;
  const f = (() => {
    if (i >= xs.length) throw new Error(`scripted rng exhausted after ${xs.length} draws`);
    return xs[i++]!;
  }) as Rng & { used: () => number };
  f.used = () => i;
  return f;
};
const fixed = (valueMin: number): Distribution => ({ kind: 'fixed', valueMin });

interface Tiny {
  /** Band of each hour of the horizon. */
  bands: number[];
  /** Per base: its service, units by band (5 values), minutes to every point. */
  bases: { service: number; units: number[]; travel: number[] }[];
  nServices: number;
  serviceOfPoint: number[];
  internalMin?: number[];
  /** Per kind (DEMAND_KINDS positions are irrelevant here). */
  kinds?: { cum: number; dispatch: boolean; priority: number; onScene: Distribution }[];
  triageMin?: number;
  mobilisationMin?: number[];
  bandTravelFactor?: number[];
  ratePerMin?: number;
  bandMultiplier?: number[];
  pointWeights?: number[];
  dutyTables?: number[][];
  dutyOfPoint?: number[];
}

function tiny(o: Tiny): DesModel {
  const segments: { startMin: number; endMin: number; band: number }[] = [];
  o.bands.forEach((b, h) => {
    const last = segments[segments.length - 1];
    if (last && last.band === b) last.endMin = (h + 1) * 60;
    else segments.push({ startMin: h * 60, endMin: (h + 1) * 60, band: b });
  });
  const hoursByBand = [0, 0, 0, 0, 0];
  for (const b of o.bands) hoursByBand[b]!++;
  const unitBase: number[] = [];
  const unitSlot: number[] = [];
  const unitService: number[] = [];
  const serviceUnits: number[][] = Array.from({ length: o.nServices }, () => []);
  for (let s = 0; s < o.nServices; s++) {
    o.bases.forEach((b, bi) => {
      if (b.service !== s) return;
      for (let k = 0; k < Math.max(...b.units); k++) {
        serviceUnits[s]!.push(unitBase.length);
        unitBase.push(bi);
        unitSlot.push(k);
        unitService.push(s);
      }
    });
  }
  const kinds = o.kinds ?? [{ cum: 1, dispatch: true, priority: 0, onScene: fixed(30) }];
  const nP = o.serviceOfPoint.length;
  let acc = 0;
  const cum = Float64Array.from(o.pointWeights ?? o.serviceOfPoint.map(() => 1), (w) => (acc += w));
  const hours = o.bands.length;
  return {
    horizon: { horizonMin: hours * 60, hourBand: Uint8Array.from(o.bands), segments, hoursByBand },
    demand: {
      calibration: undefined as never,
      ratePerMin: o.ratePerMin ?? 0,
      bandMultiplier: Float64Array.from(o.bandMultiplier ?? [1, 1, 1, 1, 1]),
      kindCum: Float64Array.from(kinds, (k) => k.cum),
      kindDispatch: kinds.map((k) => k.dispatch),
      kindPriority: Uint8Array.from(kinds, (k) => k.priority),
      kindOnScene: kinds.map((k) => k.onScene),
      kindComponent: new Int32Array(kinds.length),
      pointCumByComponent: [cum, new Float64Array(nP), new Float64Array(nP)],
      pointDispatchRatePerMin: new Float64Array(nP),
      meanOnSceneDispatched: 0,
    },
    ratePerMin: o.ratePerMin ?? 0,
    bandMultiplier: Float64Array.from(o.bandMultiplier ?? [1, 1, 1, 1, 1]),
    internalMin: Float32Array.from(o.internalMin ?? o.serviceOfPoint.map(() => 0)),
    serviceOfPoint: Int32Array.from(o.serviceOfPoint),
    unitBase: Int32Array.from(unitBase),
    unitSlot: Int32Array.from(unitSlot),
    unitService: Int32Array.from(unitService),
    serviceUnits,
    baseUnits: Int32Array.from(o.bases.flatMap((b) => b.units)),
    dutyTables: (o.dutyTables ?? [o.bands.map(() => 0)]).map((t) => Uint8Array.from(t)),
    dutyOfPoint: Int32Array.from(o.dutyOfPoint ?? o.serviceOfPoint.map((s) => (s < 0 ? -1 : 0))),
    travelMin: o.bases.map((b) => Float32Array.from(b.travel)),
    bandTravelFactor: Float64Array.from(o.bandTravelFactor ?? [1, 2, 3, 1, 1]),
    mobilisationMin: Float64Array.from(o.mobilisationMin ?? [1, 2, 4, 8, 16]),
    triageMin: o.triageMin ?? 5,
    serviceRatePerMin: new Float64Array(o.nServices),
    offeredLoad: new Float64Array(o.nServices),
  };
}

const calls = (ready: number[], point: number[], kind = ready.map(() => 0)): CallList => ({ ready, point, kind });
const plain = { travelNoiseSigma: 0, randomPosition: false };

// Closure band (mobilisation 2, travel × 2) for 4 hours; base 0 is 10 / 30 min from points 0 / 1,
// base 1 is 25 / 5; one unit each, both in service 0.
const twoBases = (extra: Partial<Tiny> = {}): DesModel => tiny({
  bands: [1, 1, 1, 1],
  nServices: 1,
  serviceOfPoint: [0, 0],
  bases: [{ service: 0, units: [1, 1, 1, 1, 1], travel: [10, 30] }, { service: 0, units: [1, 1, 1, 1, 1], travel: [25, 5] }],
  ...extra,
});

describe('event loop: one call, by hand', () => {
  it('response = triage + wait + mobilisation + travel × band factor; the nearest unit goes; busy = mob + 2 × travel + on scene', () => {
    const m = twoBases();
    const l = runEventLoop(m, calls([0], [0]), scripted(), plain);
    expect(l.responses).toEqual([[5 + 0 + 2 + 20]]);
    expect(l.served).toEqual([0]);
    expect(Array.from(l.unitBusyMin)).toEqual([2 + 40 + 30, 0]);
    expect(Array.from(l.calls)).toEqual([1]);
    expect(Array.from(l.queued)).toEqual([0]);
    expect(Array.from(l.callsByKind[0]!)).toEqual([1]);
    // From point 1 the other base is nearer.
    const l1 = runEventLoop(m, calls([0], [1]), scripted(), plain);
    expect(l1.responses).toEqual([[5 + 2 + 10]]);
    expect(Array.from(l1.unitBusyMin)).toEqual([0, 2 + 20 + 30]);
  });

  it('a tie in travel goes to the first unit listed', () => {
    const m = twoBases({ bases: [{ service: 0, units: [1, 1, 1, 1, 1], travel: [10, 0] }, { service: 0, units: [1, 1, 1, 1, 1], travel: [10, 0] }] });
    const l = runEventLoop(m, calls([0], [0]), scripted(), plain);
    expect(Array.from(l.unitBusyMin)).toEqual([72, 0]);
  });

  it('the time already waited since ready counts: a call ready at t = 7 and served at once waits 0', () => {
    const m = twoBases();
    const l = runEventLoop(m, calls([7], [0]), scripted(), plain);
    expect(l.responses[0]).toEqual([27]);
    expect(Array.from(l.unitBusyMin)).toEqual([72, 0]);
  });

  it('a negative on-scene draw counts as 0', () => {
    const m = twoBases({ kinds: [{ cum: 1, dispatch: true, priority: 0, onScene: fixed(-50) }] });
    const l = runEventLoop(m, calls([0, 42], [0, 0]), scripted(), plain);
    // Free again at 2 + 40 = 42: the second call finds it free (release before call at the same time).
    expect(Array.from(l.unitBusyMin)).toEqual([84, 0]);
    expect(Array.from(l.queued)).toEqual([0]);
  });
});

describe('event loop: busy units, the queue and releases', () => {
  it('three calls: the nearest, then the other, then the third waits for the first release', () => {
    const m = twoBases();
    const l = runEventLoop(m, calls([0, 1, 2], [0, 0, 0]), scripted(), plain);
    // Call 0 → unit 0 (busy until 72); call 1 → unit 1 (travel 50, busy until 1 + 2 + 100 + 30 = 133);
    // call 2 queued at t = 2, served by unit 0 at 72: waited 70.
    expect(l.responses).toEqual([[27, 57, 5 + 70 + 2 + 20]]);
    expect(l.served).toEqual([0, 1, 2]);
    expect(Array.from(l.queued)).toEqual([1]);
    expect(Array.from(l.unitBusyMin)).toEqual([144, 132]);
    // Every on-duty unit busy from t = 1 to t = 133 (unit 0 taken again at 72 at once).
    expect(Array.from(l.allBusyMin)).toEqual([132]);
    expect(Array.from(l.staffedMin)).toEqual([240]);
    expect(Array.from(l.queueAtEnd)).toEqual([0]);
  });

  it('a release and a call at the same minute: the release first, so the call does not queue', () => {
    const m = twoBases({ bases: [{ service: 0, units: [1, 1, 1, 1, 1], travel: [10, 30] }] });
    const l = runEventLoop(m, calls([0, 72], [0, 0]), scripted(), plain);
    expect(Array.from(l.queued)).toEqual([0]);
    expect(l.responses[0]).toEqual([27, 27]);
    const late = runEventLoop(m, calls([0, 71], [0, 0]), scripted(), plain);
    expect(Array.from(late.queued)).toEqual([1]);
    expect(late.responses[0]).toEqual([27, 28]);
  });

  it('busy minutes are cut at the horizon; calls ready at or after it are not handled', () => {
    const m = twoBases({ bases: [{ service: 0, units: [1, 1, 1, 1, 1], travel: [10, 30] }], kinds: [{ cum: 1, dispatch: true, priority: 0, onScene: fixed(1000) }] });
    const l = runEventLoop(m, calls([30, 239.5, 240], [0, 0, 0]), scripted(), plain);
    expect(Array.from(l.unitBusyMin)).toEqual([210]);
    expect(Array.from(l.calls)).toEqual([2]);
    expect(Array.from(l.queued)).toEqual([1]);
    expect(Array.from(l.queueAtEnd)).toEqual([1]);
    // Every unit busy from 30 to the end; staffed the whole horizon.
    expect(Array.from(l.allBusyMin)).toEqual([210]);
    expect(Array.from(l.staffedMin)).toEqual([240]);
  });

  it('emergencies before earlier urgencies, FIFO within a priority, by the kind of each call', () => {
    const m = twoBases({
      bands: Array(8).fill(1),
      bases: [{ service: 0, units: [1, 1, 1, 1, 1], travel: [10, 30] }],
      kinds: [{ cum: 0.5, dispatch: true, priority: 0, onScene: fixed(30) }, { cum: 1, dispatch: true, priority: 1, onScene: fixed(30) }],
    });
    const l = runEventLoop(m, calls([0, 1, 2, 3, 4], [0, 0, 0, 0, 0], [0, 1, 0, 1, 0]), scripted(), plain);
    expect(l.served).toEqual([0, 2, 4, 1, 3]);
    expect(Array.from(l.callsByKind[0]!)).toEqual([3, 2]);
    expect(Array.from(l.queued)).toEqual([4]);
  });

  it('the queue at mid-horizon is read at the first event at or after H/2, before it is handled', () => {
    const m = twoBases({ bases: [{ service: 0, units: [1, 1, 1, 1, 1], travel: [10, 30] }], kinds: [{ cum: 1, dispatch: true, priority: 0, onScene: fixed(1000) }] });
    const l = runEventLoop(m, calls([0, 10, 20, 120, 130], [0, 0, 0, 0, 0]), scripted(), plain);
    expect(Array.from(l.queueAtMid)).toEqual([2]);
    expect(Array.from(l.queueAtEnd)).toEqual([4]);
    // No event after H/2: the queue at the end stands for the middle.
    const early = runEventLoop(m, calls([0, 10, 20], [0, 0, 0]), scripted(), plain);
    expect(Array.from(early.queueAtMid)).toEqual([2]);
    const none = runEventLoop(m, calls([], []), scripted(), plain);
    expect(Array.from(none.queueAtMid)).toEqual([0]);
    expect(Array.from(none.staffedMin)).toEqual([240]);
    expect(Array.from(none.allBusyMin)).toEqual([0]);
  });
});

describe('event loop: shifts (band changes)', () => {
  // Hour 0 closure with no unit, hours 1–3 night with one.
  const shift = (units: number[], kinds?: Tiny['kinds']) => tiny({
    bands: [1, 2, 2, 2],
    nServices: 1,
    serviceOfPoint: [0],
    bases: [{ service: 0, units, travel: [10] }],
    ...(kinds ? { kinds } : {}),
  });

  it('a call before the shift starts waits; the shift start serves it with the new band’s mobilisation and travel', () => {
    const l = runEventLoop(shift([1, 0, 1, 0, 0]), calls([10], [0]), scripted(), plain);
    // Night: mobilisation 4, travel × 3.
    expect(l.responses[0]).toEqual([5 + 50 + 4 + 30]);
    expect(Array.from(l.queued)).toEqual([1]);
    expect(Array.from(l.staffedMin)).toEqual([180]);
    // Busy from 60 to 60 + 4 + 60 + 30 = 154.
    expect(Array.from(l.allBusyMin)).toEqual([94]);
    expect(Array.from(l.unitBusyMin)).toEqual([94]);
  });

  it('a band change at the same minute as a call comes first: the call gets the new band', () => {
    const l = runEventLoop(shift([1, 1, 1, 0, 0]), calls([60], [0]), scripted(), plain);
    expect(Array.from(l.queued)).toEqual([0]);
    expect(l.responses[0]).toEqual([5 + 4 + 30]);
  });

  it('a unit that ends its shift while busy does not take the queue when it comes back free', () => {
    // Closure: 2 units; night: 1. Unit 0 takes a long call, unit 1 a short one; the third call waits.
    const m = tiny({
      bands: [1, 2, 2, 2, 2, 2],
      nServices: 1,
      serviceOfPoint: [0],
      bases: [{ service: 0, units: [2, 2, 1, 0, 0], travel: [10] }],
      kinds: [{ cum: 0.5, dispatch: true, priority: 0, onScene: fixed(200) }, { cum: 1, dispatch: true, priority: 0, onScene: fixed(30) }],
    });
    const l = runEventLoop(m, calls([0, 1, 2], [0, 0, 0], [0, 1, 1]), scripted(), plain);
    // Unit 0 busy until 0 + 2 + 40 + 200 = 242; unit 1 until 1 + 2 + 40 + 30 = 73, off duty by then.
    expect(l.served).toEqual([0, 1, 2]);
    expect(l.responses[0]).toEqual([27, 27, 5 + 240 + 4 + 30]);
    expect(Array.from(l.unitBusyMin)).toEqual([242 + (4 + 60 + 30), 72]);
    // Staffed all along (unit 0 on duty in both bands); all busy from 1 to 242 and from 242 to 336.
    expect(Array.from(l.staffedMin)).toEqual([360]);
    expect(Array.from(l.allBusyMin)).toEqual([241 + 94]);
  });

  it('a release at the very minute of a band change comes first: it serves the queue in the old band', () => {
    // Unit busy 0 → 0 + 2 + 40 + 18 = 60, when the night starts; the call queued at t = 1 goes at 60 with the closure's times.
    const m = tiny({ bands: [1, 2], nServices: 1, serviceOfPoint: [0], bases: [{ service: 0, units: [1, 1, 1, 1, 1], travel: [10] }], kinds: [{ cum: 1, dispatch: true, priority: 0, onScene: fixed(18) }] });
    const l = runEventLoop(m, calls([0, 1], [0, 0]), scripted(), plain);
    expect(l.responses[0]).toEqual([27, 5 + 59 + 2 + 20]);
  });

  it('an empty horizon runs nothing and records empty queues', () => {
    const m = tiny({ bands: [], nServices: 1, serviceOfPoint: [0], bases: [{ service: 0, units: [1, 1, 1, 1, 1], travel: [10] }] });
    const l = runEventLoop(m, calls([0], [0]), scripted(), plain);
    expect(l.responses).toEqual([[]]);
    expect(Array.from(l.calls)).toEqual([0]);
    expect(Array.from(l.queueAtMid)).toEqual([0]);
    expect(Array.from(l.staffedMin)).toEqual([0]);
  });

  it('an off-duty unit is never dispatched, even when it is the nearest', () => {
    const m = tiny({
      bands: [1, 1],
      nServices: 1,
      serviceOfPoint: [0],
      bases: [{ service: 0, units: [1, 0, 1, 0, 0], travel: [1] }, { service: 0, units: [1, 1, 1, 1, 1], travel: [20] }],
    });
    const l = runEventLoop(m, calls([0], [0]), scripted(), plain);
    expect(l.responses[0]).toEqual([5 + 2 + 40]);
    expect(Array.from(l.unitBusyMin)).toEqual([0, 2 + 80 + 30]);
  });

  it('two services keep their own units, clocks and queues', () => {
    const m = tiny({
      bands: [1, 1],
      nServices: 2,
      serviceOfPoint: [0, 1],
      bases: [{ service: 0, units: [1, 1, 1, 1, 1], travel: [10, 1] }, { service: 1, units: [0, 1, 0, 0, 0], travel: [1, 10] }],
    });
    const l = runEventLoop(m, calls([0, 5, 6], [1, 1, 0]), scripted(), plain);
    // Point 1 belongs to service 1 (its unit 10 min away), though service 0's base is 1 min away.
    expect(l.responses).toEqual([[5 + 2 + 20], [5 + 2 + 20, 5 + (72 - 5) + 2 + 20]]);
    expect(Array.from(l.calls)).toEqual([1, 2]);
    expect(Array.from(l.queued)).toEqual([0, 1]);
    expect(Array.from(l.unitBusyMin)).toEqual([72, 72 + 48]);
    expect(Array.from(l.allBusyMin)).toEqual([72, 120]);
    expect(Array.from(l.staffedMin)).toEqual([120, 120]);
  });
});

describe('event loop: random draws', () => {
  it('random position: travel − last mile + 1.5 × last mile × √u, one draw per call', () => {
    const m = twoBases({ internalMin: [4, 0] });
    const rng = scripted(0.25);
    const l = runEventLoop(m, calls([0], [0]), rng, { travelNoiseSigma: 0, randomPosition: true });
    // 10 − 4 + 1.5 · 4 · 0.5 = 9, × 2 in closure.
    expect(l.responses[0]).toEqual([5 + 2 + 18]);
    expect(Array.from(l.unitBusyMin)).toEqual([2 + 36 + 30, 0]);
    expect(rng.used()).toBe(1);
  });

  it('travel noise e^(σ·z) is drawn first, then the position, then the on-scene time', () => {
    const m = twoBases({ internalMin: [4, 0], kinds: [{ cum: 1, dispatch: true, priority: 0, onScene: { kind: 'triangular', minMin: 0, modeMin: 0, maxMin: 100 } }] });
    // z = 1 from (u = e^−0.5, v = 0); position u = 0.25; on scene: 100 − √(0.36 · 100 · 100) = 40.
    const rng = scripted(1 - Math.exp(-0.5), 0, 0.25, 0.64);
    const l = runEventLoop(m, calls([0], [0]), rng, { travelNoiseSigma: 0.5, randomPosition: true });
    const travel = 9 * 2 * Math.exp(0.5);
    expect(l.responses[0]![0]).toBeCloseTo(5 + 2 + travel, 10);
    expect(l.unitBusyMin[0]).toBeCloseTo(2 + 2 * travel + 40, 10);
    expect(rng.used()).toBe(4);
  });

  it('without noise and random position a fixed on-scene time draws nothing', () => {
    const rng = scripted();
    runEventLoop(twoBases(), calls([0, 1, 2], [0, 1, 0]), rng, plain);
    expect(rng.used()).toBe(0);
  });
});

describe('call generation', () => {
  // Five points of weight 1: p0 service 0 (PIS all along), p1 no PIS, p2 service 0 with a gap in
  // hour 0 and the territorial services in hour 1, p3 service 1 (no units), p4 service 0 with an
  // undocumented roster. Hour 0 closure (rate 0.1/min), hour 1 office (× 0.5).
  const gen = (extra: Partial<Tiny> = {}) => tiny({
    bands: [1, 0],
    nServices: 2,
    serviceOfPoint: [0, -1, 0, 1, 0],
    bases: [{ service: 0, units: [1, 1, 1, 1, 1], travel: [10, 10, 10, 10, 10] }],
    ratePerMin: 0.1,
    bandMultiplier: [0.5, 1, 1, 1, 1],
    dutyTables: [[0, 0], [2, 1], [3, 3]],
    dutyOfPoint: [0, -1, 1, 0, 2],
    kinds: [{ cum: 0.5, dispatch: true, priority: 0, onScene: fixed(30) }, { cum: 0.9, dispatch: false, priority: 1, onScene: fixed(0) }],
    ...extra,
  });
  /** The draw that makes an exponential gap of `g` minutes at `rate`. */
  const gap = (g: number, rate: number) => 1 - Math.exp(-g * rate);
  const pt = (p: number) => (p + 0.5) / 5;

  it('classifies every report: PIS, not dispatched, no PIS, roster gap, territorial, no units, roster unknown', () => {
    const rng = scripted(
      gap(10, 0.1), 0.2, pt(0), // t = 10: kind 0 at p0 → the PIS
      gap(20, 0.1), 0.95, pt(0), // t = 30: kind 1 (u beyond the last cumulative share: the last kind), not dispatched
      gap(5, 0.1), 0.49, pt(1), // t = 35: p1, no PIS → unserved
      gap(10, 0.1), 0.1, pt(2), // t = 45: p2 in hour 0 → roster gap, closure band
      gap(5, 0.1), 0.3, pt(3), // t = 50: p3, service 1 without units → gap
      gap(8, 0.1), 0.3, pt(4), // t = 58: p4, roster not documented
      gap(5, 0.1), // t = 63: past the end of the segment
      gap(10, 0.05), 0.5, pt(2), // t = 70 (office, rate 0.05): kind 1 (u = 0.5 is not below 0.5), not dispatched
      gap(3, 0.05), 0, pt(2), // t = 73: p2 in hour 1 → territorial services
      gap(1, 0.05), 0.2, pt(0), // t = 74: p0 → PIS
      gap(100, 0.05), // beyond the horizon
    );
    const g = generateCalls(gen(), rng);
    expect(rng.used()).toBe(29);
    expect(g.reports).toBe(9);
    expect(g.unserved).toBe(1);
    expect(g.calls.ready.map((t) => Math.round(t * 1e6) / 1e6)).toEqual([15, 79]);
    expect(g.calls.point).toEqual([0, 0]);
    expect(g.calls.kind).toEqual([0, 0]);
    expect(Array.from(g.uncoveredS)).toEqual([1, 1]);
    // Both gaps in hour 0, the closure band (index 1) of each service.
    expect(Array.from(g.uncoveredBand)).toEqual([0, 1, 0, 0, 0, 0, 1, 0, 0, 0]);
    expect(Array.from(g.territorialS)).toEqual([1, 0]);
    expect(Array.from(g.rosterUnknownS)).toEqual([1, 0]);
  });

  it('points are picked by cumulative weight: the first whose running total exceeds u × total', () => {
    // Weights 1, 2, 3 (running totals 1, 3, 6); u × 6 = 0.6, 1, 2.9, 3, 5.9.
    const m = tiny({ bands: [1], nServices: 1, serviceOfPoint: [0, 0, 0], pointWeights: [1, 2, 3], ratePerMin: 1, bases: [{ service: 0, units: [9, 9, 9, 9, 9], travel: [1, 1, 1] }] });
    const rng = scripted(gap(1, 1), 0, 0.1, gap(1, 1), 0, 1 / 6, gap(1, 1), 0, 2.9 / 6, gap(1, 1), 0, 0.5, gap(1, 1), 0, 5.9 / 6, gap(100, 1));
    expect(generateCalls(m, rng).calls.point).toEqual([0, 1, 1, 2, 2]);
  });

  it('no rate, or a band with multiplier 0, draws nothing there', () => {
    expect(generateCalls(gen({ ratePerMin: 0 }), scripted()).reports).toBe(0);
    // Office × 0: only the closure hour draws (one gap past its end).
    const rng = scripted(gap(70, 0.1));
    expect(generateCalls(gen({ bandMultiplier: [0, 1, 1, 1, 1] }), rng).reports).toBe(0);
    expect(rng.used()).toBe(1);
  });

  it('the rate of a segment is the closure rate × its band multiplier, memoryless per segment', () => {
    // Over 10 seeds and 200 hours: closure rate 0.1/min ⇒ ~6/h, office × 0.5 ⇒ ~3/h.
    const m = gen({ bands: Array.from({ length: 200 }, (_, h) => (h % 2 ? 0 : 1)), dutyTables: [Array(200).fill(0), Array(200).fill(0), Array(200).fill(0)] });
    let closure = 0;
    let office = 0;
    for (let s = 0; s < 10; s++) {
      const g = generateCalls(m, mulberry32(s));
      for (const t of g.calls.ready) if (Math.floor((t - 5) / 60) % 2) office++;
      else closure++;
    }
    // PIS calls: kind 0 (half of the reports) at p0, p2, p4 (3 of 5 points): 0.3 × rate.
    const expClosure = 10 * 100 * 60 * 0.1 * 0.3;
    const expOffice = expClosure / 2;
    expect(Math.abs(closure - expClosure)).toBeLessThan(4 * Math.sqrt(expClosure));
    expect(Math.abs(office - expOffice)).toBeLessThan(4 * Math.sqrt(expOffice));
  });
});

describe('one replication', () => {
  it('sums the services, sorts each service’s responses and slices its gaps by band', () => {
    // p0 far (30 min), p1 near (5 min), both of service 0 with two units; p2 of service 1 (no units).
    const m = tiny({
      bands: [1, 1],
      nServices: 2,
      serviceOfPoint: [0, 0, 1],
      bases: [{ service: 0, units: [2, 2, 2, 2, 2], travel: [30, 5, 1] }],
      ratePerMin: 0.1,
      kinds: [{ cum: 0.5, dispatch: true, priority: 0, onScene: fixed(30) }, { cum: 1, dispatch: false, priority: 1, onScene: fixed(0) }],
    });
    const gap = (g: number) => 1 - Math.exp(-g * 0.1);
    const rng = scripted(gap(10), 0.1, 0.1, gap(10), 0.1, 0.5, gap(10), 0.1, 0.9, gap(10), 0.7, 0.1, gap(100));
    const r = runReplication(m, rng, plain);
    expect(r.reports).toBe(4);
    expect(r.dispatched).toBe(2);
    expect(r.unserved).toBe(0);
    expect(r.uncovered).toBe(1);
    expect(r.territorial).toBe(0);
    expect(r.rosterUnknown).toBe(0);
    const [s0, s1] = r.services;
    // Far call first (5 + 2 + 60 = 67), near call second (5 + 2 + 10 = 17): sorted ascending.
    expect(Array.from(s0!.responses)).toEqual([17, 67]);
    expect(s0!.calls).toBe(2);
    expect(s0!.queued).toBe(0);
    expect(s0!.uncovered).toBe(0);
    expect(Array.from(s0!.callsByKind)).toEqual([2, 0]);
    expect(s0!.staffedMin).toBe(120);
    // Both units busy from 25 (second call) to 77 (its end).
    expect(s0!.allBusyMin).toBe(52);
    expect(s1!.calls).toBe(0);
    expect(s1!.uncovered).toBe(1);
    expect(Array.from(s1!.uncoveredByBand)).toEqual([0, 1, 0, 0, 0]);
    expect(Array.from(s0!.uncoveredByBand)).toEqual([0, 0, 0, 0, 0]);
    expect(s1!.staffedMin).toBe(0);
    // Unit 0 busy from 15 past the horizon (cut at 120); unit 1 from 25 to 77.
    expect(Array.from(r.unitBusyMin)).toEqual([105, 52]);
  });
});
