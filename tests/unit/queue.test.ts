import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/core/des/rng.ts';
import { PriorityFifo, sampledLastMileMin } from '../../src/core/des/queue.ts';

describe('priority queue of a PIS', () => {
  it('serves emergencies (0) before earlier urgencies (1), FIFO within a priority', () => {
    const q = new PriorityFifo();
    q.push(10, 1); // urgency, first
    q.push(11, 0); // emergency, later
    q.push(12, 1);
    q.push(13, 0);
    expect(q.length).toBe(4);
    expect(q.peek()).toBe(11);
    expect([q.shift(), q.shift(), q.shift(), q.shift(), q.shift()]).toEqual([11, 13, 10, 12, -1]);
    expect(q.length).toBe(0);
  });
});

describe('random position of a call inside its comune', () => {
  it('keeps the mean last mile (2/3 of the radius) and spreads it from 0 to 1.5×', () => {
    const rng = mulberry32(9);
    const xs = Array.from({ length: 40000 }, () => sampledLastMileMin(10, rng()));
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(10, 1);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThanOrEqual(15);
    expect(sampledLastMileMin(10, 0.25)).toBe(7.5);
  });
});
