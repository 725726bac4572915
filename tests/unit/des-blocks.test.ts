// Issue 10 item 7: the DES building blocks (rng, heap, queue, stats, distributions, calendar,
// periods) at their edges, with values checked by hand or against an independent reference.
import { describe, expect, it } from 'vitest';
import { bandOfHour, bandTimeShares, buildHorizon, DEFAULT_CALENDAR, dayOfWeek, isHolidayDay, type CalendarAssumptions } from '../../src/core/des/calendar.ts';
import { mean, sample, validateDistribution } from '../../src/core/des/distributions.ts';
import { createEventHeap } from '../../src/core/des/heap.ts';
import { easterSunday, isItalianHoliday, periodHours } from '../../src/core/des/periods.ts';
import { PriorityFifo, sampledLastMileMin } from '../../src/core/des/queue.ts';
import { exponential, mulberry32, replicationSeed, standardNormal, type Rng } from '../../src/core/des/rng.ts';
import { estimate, percentileSorted } from '../../src/core/des/stats.ts';

/** An rng that returns the given values in turn (and fails the test when it runs out). */
const scripted = (...xs: number[]): Rng => {
  let i = 0;
  return () => {
    if (i >= xs.length) throw new Error('scripted rng exhausted');
    return xs[i++]!;
  };
};

describe('rng', () => {
  it('mulberry32 gives the reference stream (seed 0 starts 0.26642920868471265) and reads the seed as uint32', () => {
    const a = mulberry32(0);
    expect([a(), a(), a()]).toEqual([0.26642920868471265, 0.0003297457005828619, 0.2232720274478197]);
    const b = mulberry32(123456789);
    expect([b(), b()]).toEqual([0.2577907438389957, 0.9707721115555614]);
    const neg = mulberry32(-1);
    const big = mulberry32(0xffffffff);
    expect([neg(), neg(), neg()]).toEqual([big(), big(), big()]);
  });

  it('replicationSeed is a fixed uint32 function of (seed, replication)', () => {
    expect(replicationSeed(0, 0)).toBe(2462723854);
    expect(replicationSeed(1, 0)).toBe(2527132011);
    expect(replicationSeed(1, 1)).toBe(314344336);
    expect(replicationSeed(0xffffffff, 7)).toBe(1650816001);
    expect(replicationSeed(42, 1000)).toBe(1365918990);
    expect(replicationSeed(-1, 7)).toBe(replicationSeed(0xffffffff, 7));
  });

  it('exponential is −ln(1 − u) / rate; standardNormal is Box–Muller on (1 − u, v)', () => {
    expect(exponential(scripted(0.5), 2)).toBeCloseTo(Math.LN2 / 2, 15);
    expect(exponential(scripted(0), 3) === 0).toBe(true);
    expect(exponential(scripted(1 - Math.exp(-1)), 0.25)).toBeCloseTo(4, 12);
    // u = 1 − 0.5 = 0.5, v = 0.5: √(2 ln 2) · cos π.
    expect(standardNormal(scripted(0.5, 0.5))).toBeCloseTo(-Math.sqrt(2 * Math.LN2), 15);
    // u = e^−0.5 (1 − u drawn first), v = 0: √1 · cos 0 = 1.
    expect(standardNormal(scripted(1 - Math.exp(-0.5), 0))).toBeCloseTo(1, 15);
    // v = 0.25: cos(π/2) = 0 whatever u.
    expect(standardNormal(scripted(0.3, 0.25))).toBeCloseTo(0, 15);
  });
});

describe('event heap', () => {
  it('is empty at first: size 0, peekTime Infinity, pop throws', () => {
    const h = createEventHeap();
    expect(h.size()).toBe(0);
    expect(h.peekTime()).toBe(Infinity);
    expect(() => h.pop()).toThrow(RangeError);
    expect(() => h.pop()).toThrow('pop() su una coda di eventi vuota');
  });

  it('pops by time, ties by id, whatever the push order', () => {
    const h = createEventHeap();
    h.push(5, 3);
    h.push(1, 9);
    h.push(5, 1);
    h.push(3, 4);
    h.push(1, 2);
    expect(h.size()).toBe(5);
    expect(h.peekTime()).toBe(1);
    const out: number[] = [];
    while (h.size() > 0) out.push(h.pop());
    expect(out).toEqual([2, 9, 4, 1, 3]);
    expect(h.peekTime()).toBe(Infinity);
  });

  it('matches a sort by (time, id) over many interleaved pushes and pops with ties', () => {
    const rng = mulberry32(3);
    const h = createEventHeap();
    const ref: [number, number][] = [];
    let id = 0;
    const popped: number[] = [];
    const expected: number[] = [];
    for (let step = 0; step < 600; step++) {
      if (ref.length === 0 || rng() < 0.6) {
        const t = Math.floor(rng() * 20);
        // ids pushed in random order so ties are not already in id order
        const i = Math.floor(rng() * 1e6) * 1000 + id++;
        h.push(t, i);
        ref.push([t, i]);
      } else {
        ref.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
        expected.push(ref.shift()![1]);
        popped.push(h.pop());
      }
      expect(h.size()).toBe(ref.length);
      expect(h.peekTime()).toBe(ref.length ? Math.min(...ref.map((x) => x[0])) : Infinity);
    }
    expect(popped).toEqual(expected);
  });

  it('sifts down through the smaller child, right or left', () => {
    // After popping 0: last (9) goes to the root; the right child (1) is smaller than the left (2).
    const h = createEventHeap();
    for (const [t, i] of [[0, 0], [2, 2], [1, 1], [3, 3], [4, 4], [5, 5], [9, 9]] as const) h.push(t, i);
    expect([h.pop(), h.pop(), h.pop(), h.pop(), h.pop(), h.pop(), h.pop()]).toEqual([0, 1, 2, 3, 4, 5, 9]);
    // Same times: ids decide in the sift-down as well.
    const g = createEventHeap();
    for (const i of [0, 5, 1, 7, 6, 3, 2]) g.push(1, i);
    expect(Array.from({ length: 7 }, () => g.pop())).toEqual([0, 1, 2, 3, 5, 6, 7]);
  });
});

describe('priority queue of a PIS', () => {
  it('peek does not remove; length counts what is left per level', () => {
    const q = new PriorityFifo();
    expect(q.peek()).toBe(-1);
    expect(q.shift()).toBe(-1);
    expect(q.length).toBe(0);
    q.push(7, 1);
    expect(q.peek()).toBe(7);
    expect(q.peek()).toBe(7);
    expect(q.length).toBe(1);
    q.push(8, 0);
    expect(q.length).toBe(2);
    expect(q.peek()).toBe(8);
    expect(q.shift()).toBe(8);
    expect(q.length).toBe(1);
    q.push(9, 0);
    expect(q.shift()).toBe(9);
    expect(q.shift()).toBe(7);
    expect(q.length).toBe(0);
    q.push(0, 1); // call index 0 is a call, not "nothing"
    expect(q.peek()).toBe(0);
    expect(q.shift()).toBe(0);
  });

  it('clamps priorities to its levels: below 0 is the first, beyond the last is the last', () => {
    const q = new PriorityFifo(3);
    q.push(1, 2);
    q.push(2, 9);
    q.push(3, 1);
    q.push(4, -4);
    expect([q.shift(), q.shift(), q.shift(), q.shift()]).toEqual([4, 3, 1, 2]);
  });

  it('the last mile is mean × 1.5 × √u: 0 at u = 0, 1.5 × mean at u = 1', () => {
    expect(sampledLastMileMin(10, 0)).toBe(0);
    expect(sampledLastMileMin(10, 1)).toBe(15);
    expect(sampledLastMileMin(4, 0.64)).toBeCloseTo(4.8, 12);
  });
});

describe('replication statistics', () => {
  it('Student t by degrees of freedom: 12.706 for n = 2, 2.042 for n = 31, 1.96 beyond', () => {
    const e2 = estimate([1, 3])!;
    expect(e2.mean).toBe(2);
    expect(e2.n).toBe(2);
    expect(e2.ciLow).toBeCloseTo(2 - 12.706, 12);
    expect(e2.ciHigh).toBeCloseTo(2 + 12.706, 12);
    const ones = (n: number) => Array.from({ length: n }, (_, i) => (i % 2 ? 1 : -1));
    const e31 = estimate([...ones(30), 0])!;
    const sd31 = Math.sqrt(30 / 30);
    expect(e31.n).toBe(31);
    expect(e31.ciHigh - e31.mean).toBeCloseTo((2.042 * sd31) / Math.sqrt(31), 12);
    const e32 = estimate(ones(32))!;
    expect(e32.mean).toBe(0);
    expect(e32.ciHigh).toBeCloseTo((1.96 * Math.sqrt(32 / 31)) / Math.sqrt(32), 12);
    expect(e32.ciLow).toBeCloseTo(-e32.ciHigh, 12);
    const e3 = estimate([2, 4, 9])!;
    // mean 5, variance (9 + 1 + 16) / 2 = 13.
    expect(e3.mean).toBe(5);
    expect(e3.ciLow).toBeCloseTo(5 - (4.303 * Math.sqrt(13)) / Math.sqrt(3), 12);
  });

  it('one value is its own interval; nulls and non-finite values are left out', () => {
    expect(estimate([7])).toEqual({ mean: 7, ciLow: 7, ciHigh: 7, n: 1 });
    expect(estimate([null, 4, Infinity, NaN, null])).toEqual({ mean: 4, ciLow: 4, ciHigh: 4, n: 1 });
    expect(estimate([])).toBeNull();
    expect(estimate([NaN, -Infinity])).toBeNull();
    expect(estimate([0, 0])).toEqual({ mean: 0, ciLow: 0, ciHigh: 0, n: 2 });
  });

  it('nearest-rank percentiles: ceil(q·n), at least the first, at most the last', () => {
    const s = [10, 20, 30, 40];
    expect(percentileSorted(s, 0)).toBe(10);
    expect(percentileSorted(s, 0.25)).toBe(10);
    expect(percentileSorted(s, 0.26)).toBe(20);
    expect(percentileSorted(s, 0.5)).toBe(20);
    expect(percentileSorted(s, 0.75)).toBe(30);
    expect(percentileSorted(s, 0.76)).toBe(40);
    expect(percentileSorted(s, 1)).toBe(40);
    expect(percentileSorted(s, 1.5)).toBe(40);
    expect(percentileSorted(s, -1)).toBe(10);
    expect(percentileSorted(Float64Array.from([5]), 0.95)).toBe(5);
  });
});

describe('service-time distributions', () => {
  const tri = { kind: 'triangular', minMin: 10, modeMin: 20, maxMin: 40 } as const;
  it('fixed draws nothing; triangular inverts the CDF on both sides of the mode', () => {
    expect(sample({ kind: 'fixed', valueMin: 12 }, scripted())).toBe(12);
    // f = (20 − 10) / 30 = 1/3. u = 0.3 < f: 10 + √(0.3 · 30 · 10) = 10 + √90.
    expect(sample(tri, scripted(0.3))).toBeCloseTo(10 + Math.sqrt(90), 12);
    // u = 0.5 ≥ f: 40 − √(0.5 · 30 · 20) = 40 − √300.
    expect(sample(tri, scripted(0.5))).toBeCloseTo(40 - Math.sqrt(300), 12);
    // At u = f exactly both branches give the mode.
    expect(sample(tri, scripted(1 / 3))).toBeCloseTo(20, 12);
    expect(sample(tri, scripted(0))).toBe(10);
    expect(sample(tri, scripted(1))).toBe(40);
    // A degenerate triangle (max ≤ min) is its minimum and draws nothing.
    expect(sample({ kind: 'triangular', minMin: 5, modeMin: 5, maxMin: 5 }, scripted())).toBe(5);
    expect(sample({ kind: 'triangular', minMin: 5, modeMin: 5, maxMin: 3 }, scripted())).toBe(5);
    // Mode at the maximum: f = 1, every u on the left branch.
    expect(sample({ kind: 'triangular', minMin: 0, modeMin: 10, maxMin: 10 }, scripted(0.25))).toBeCloseTo(5, 12);
  });

  it('lognormal is median × e^(σ·z) with z from Box–Muller', () => {
    expect(sample({ kind: 'lognormal', medianMin: 30, sigma: 0.5 }, scripted(1 - Math.exp(-0.5), 0))).toBeCloseTo(30 * Math.exp(0.5), 12);
    expect(sample({ kind: 'lognormal', medianMin: 30, sigma: 0 }, scripted(0.2, 0.7))).toBe(30);
  });

  it('means: the value, (a + c + b) / 3, median · e^(σ²/2)', () => {
    expect(mean({ kind: 'fixed', valueMin: 12 })).toBe(12);
    expect(mean(tri)).toBeCloseTo(70 / 3, 12);
    expect(mean({ kind: 'lognormal', medianMin: 30, sigma: 2 })).toBeCloseTo(30 * Math.exp(2), 12);
  });

  it('validation: the bounds themselves are valid, one step beyond is not, with the label', () => {
    expect(validateDistribution({ kind: 'fixed', valueMin: 0 }, 'X')).toEqual([]);
    expect(validateDistribution({ kind: 'fixed', valueMin: -0.1 }, 'X')).toEqual(['X: il valore deve essere ≥ 0']);
    expect(validateDistribution({ kind: 'triangular', minMin: 0, modeMin: 0, maxMin: 0 }, 'T')).toEqual([]);
    const triMsg = ['T: serve 0 ≤ minimo ≤ moda ≤ massimo'];
    expect(validateDistribution({ kind: 'triangular', minMin: -1, modeMin: 0, maxMin: 1 }, 'T')).toEqual(triMsg);
    expect(validateDistribution({ kind: 'triangular', minMin: 2, modeMin: 1, maxMin: 3 }, 'T')).toEqual(triMsg);
    expect(validateDistribution({ kind: 'triangular', minMin: 1, modeMin: 4, maxMin: 3 }, 'T')).toEqual(triMsg);
    expect(validateDistribution({ kind: 'lognormal', medianMin: 1, sigma: 0 }, 'L')).toEqual([]);
    const lnMsg = ['L: mediana > 0 e sigma ≥ 0'];
    expect(validateDistribution({ kind: 'lognormal', medianMin: 0, sigma: 1 }, 'L')).toEqual(lnMsg);
    expect(validateDistribution({ kind: 'lognormal', medianMin: 1, sigma: -0.01 }, 'L')).toEqual(lnMsg);
  });
});

describe('calendar of the generic year', () => {
  // Office 08–18, night 20–07, holidays on days 2 (Wednesday) and 5 (Saturday).
  const cal: CalendarAssumptions = { officeStartHour: 8, officeEndHour: 18, nightStartHour: 20, nightEndHour: 7, holidayDays: [2, 5] };
  const at = (day: number, h: number) => bandOfHour(day * 24 + h, cal);

  it('band edges on a working Tuesday: night ends at 7, office is [8, 18), night starts at 20', () => {
    expect([6, 7, 8, 17, 18, 19, 20, 23].map((h) => at(1, h))).toEqual(['night', 'closure', 'office', 'office', 'closure', 'closure', 'night', 'night']);
  });

  it('Saturdays, Sundays and holidays by day; the night is the night whatever the day', () => {
    expect(at(12, 10)).toBe('saturday'); // Saturday 13
    expect(at(12, 19)).toBe('saturday');
    expect(at(12, 3)).toBe('night');
    expect(at(13, 10)).toBe('holiday'); // Sunday 14
    expect(at(13, 21)).toBe('night');
    expect(at(2, 10)).toBe('holiday'); // Wednesday, listed
    expect(at(5, 10)).toBe('holiday'); // Saturday, listed: holiday wins
    expect(at(3, 10)).toBe('office');
    expect(at(0, 10)).toBe('office'); // day 0 is not listed here
    // The list is read modulo 365: day 367 (a Thursday of the next year) is day 2 again.
    expect(at(367, 10)).toBe('holiday');
    expect(isHolidayDay(367, cal)).toBe(true);
    expect(isHolidayDay(366, cal)).toBe(false);
    expect(isHolidayDay(6, cal)).toBe(true);
    expect(isHolidayDay(7, cal)).toBe(false);
  });

  it('day of week: 0 = Monday, 6 = Sunday, period 7', () => {
    expect([0, 1, 5, 6, 7, 13, 364].map(dayOfWeek)).toEqual([0, 1, 5, 6, 0, 6, 0]);
  });

  it('a horizon merges equal hours into segments and counts hours per band', () => {
    // One Tuesday (day 1 would need a 2-day horizon; day 0 here is a Monday, not a holiday in `cal`).
    const h = buildHorizon(1, cal);
    expect(h.horizonMin).toBe(1440);
    expect(h.hourBand.length).toBe(24);
    // TIME_BANDS order: office, closure, night, saturday, holiday.
    expect(h.hoursByBand).toEqual([10, 3, 11, 0, 0]);
    expect(h.segments).toEqual([
      { startMin: 0, endMin: 420, band: 2 },
      { startMin: 420, endMin: 480, band: 1 },
      { startMin: 480, endMin: 1080, band: 0 },
      { startMin: 1080, endMin: 1200, band: 1 },
      { startMin: 1200, endMin: 1440, band: 2 },
    ]);
    expect(Array.from(h.hourBand.slice(6, 9))).toEqual([2, 1, 0]);
  });

  it('fractional days round to whole hours; the night crosses midnight in one segment', () => {
    expect(buildHorizon(0.5, cal).horizonMin).toBe(720);
    expect(buildHorizon(1 / 48 + 1e-9, cal).hourBand.length).toBe(1);
    const two = buildHorizon(2, cal);
    expect(two.segments[4]).toEqual({ startMin: 1200, endMin: 1440 + 420, band: 2 });
    expect(two.segments).toHaveLength(9);
    expect(two.hoursByBand).toEqual([20, 6, 22, 0, 0]);
    // Day 2 is listed: its daytime is holiday.
    expect(buildHorizon(3, cal).hoursByBand).toEqual([20, 6, 33, 0, 13]);
  });

  it('time shares of the default year are the hand counts over 8,760 hours', () => {
    const s = bandTimeShares(DEFAULT_CALENDAR);
    expect(s).toEqual({ office: 2032 / 8760, closure: 2032 / 8760, night: 2920 / 8760, saturday: 784 / 8760, holiday: 992 / 8760 });
  });
});

describe('real calendar of the calibration periods', () => {
  it('Easter Sunday matches an independent reference (python-dateutil) across four centuries', () => {
    const ref: [number, string][] = [
      [1900, '04-15'], [1954, '04-18'], [1961, '04-02'], [1981, '04-19'], [2000, '04-23'], [2008, '03-23'], [2011, '04-24'], [2019, '04-21'],
      [2023, '04-09'], [2024, '03-31'], [2025, '04-20'], [2038, '04-25'], [2049, '04-18'], [2077, '04-11'], [2100, '03-28'], [2285, '03-22'],
    ];
    for (const [y, md] of ref) expect(easterSunday(y), String(y)).toEqual(md.split('-').map(Number));
  });

  it('national holidays: the fixed dates and Easter Monday (also across the end of March), not Easter Sunday', () => {
    const d = (s: string) => new Date(`${s}T00:00:00Z`);
    for (const s of ['2023-01-01', '2023-01-06', '2023-04-25', '2023-05-01', '2023-06-02', '2023-08-15', '2023-11-01', '2023-12-08', '2023-12-25', '2023-12-26']) expect(isItalianHoliday(d(s)), s).toBe(true);
    expect(isItalianHoliday(d('2023-04-10'))).toBe(true); // Easter Monday 2023
    expect(isItalianHoliday(d('2024-04-01'))).toBe(true); // Easter 31 March 2024
    expect(isItalianHoliday(d('2024-03-31'))).toBe(false);
    expect(isItalianHoliday(d('2023-04-11'))).toBe(false);
    expect(isItalianHoliday(d('2023-12-27'))).toBe(false);
    expect(isItalianHoliday(d('2023-01-02'))).toBe(false);
    expect(isItalianHoliday(new Date('2023-08-15T23:00:00Z'))).toBe(true);
  });

  it('hours of a week: Mon 1 Jan 2024 a weekday holiday, Sat 6 Jan a weekend holiday (not counted as weekday)', () => {
    const w = periodHours('2024-01-01', '2024-01-08', { openFromHour: 9, openToHour: 17 });
    expect(w).toEqual({ days: 7, totalHours: 168, closureHours: 168 - 4 * 8, officeHours: 32, holidaysOnWeekdays: 1 });
    // One day, end exclusive.
    expect(periodHours('2024-01-02', '2024-01-03', { openFromHour: 9, openToHour: 17 })).toEqual({ days: 1, totalHours: 24, closureHours: 16, officeHours: 8, holidaysOnWeekdays: 0 });
    // Easter Monday 2023 (10 April) inside a Monday-to-Friday span.
    expect(periodHours('2023-04-10', '2023-04-15', { openFromHour: 8, openToHour: 14 }).officeHours).toBe(4 * 6);
  });

  it('opening hours are clamped to the day; an inverted window opens nothing', () => {
    expect(periodHours('2024-01-02', '2024-01-03', { openFromHour: -3, openToHour: 30 }).officeHours).toBe(24);
    expect(periodHours('2024-01-02', '2024-01-03', { openFromHour: 18, openToHour: 8 }).officeHours).toBe(0);
    expect(periodHours('2024-01-02', '2024-01-03', { openFromHour: 0, openToHour: 24 }).closureHours).toBe(0);
  });

  it('an empty or inverted period is refused with its dates', () => {
    expect(() => periodHours('2024-01-02', '2024-01-02', { openFromHour: 9, openToHour: 17 })).toThrow('Periodo non valido: 2024-01-02 – 2024-01-02');
    expect(() => periodHours('2024-01-03', '2024-01-02', { openFromHour: 9, openToHour: 17 })).toThrow(/Periodo non valido/);
    expect(() => periodHours('x', '2024-01-02', { openFromHour: 9, openToHour: 17 })).toThrow(/Periodo non valido/);
  });
});
