// The fast paths behind the bench figures give the same answers as the plain ones: the typed
// key sort of coverage (orderByResponse) against the comparator sort, travel rows computed
// without caching against the cached ones, on hand-made and on real data.
import { describe, expect, it } from 'vitest';
import { orderByResponse } from '../../src/core/coverage/stats.ts';
import { createTravelContext } from '../../src/core/travel/context.ts';
import { loadTerritoryData } from './helpers/realData.ts';

const plain = (r: Float32Array): Int32Array => Int32Array.from(r, (_, i) => i).sort((a, b) => r[a] - r[b] || a - b);

describe('orderByResponse', () => {
  it('hand-made: ties by index, Infinity last, zero first', () => {
    const r = Float32Array.from([5, Infinity, 0, 5, 2.5, -0]);
    expect([...orderByResponse(r)]).toEqual([2, 5, 4, 0, 3, 1]);
  });
  it('equals the comparator sort on 5,000 seeded values with many ties and unreachable points', () => {
    let s = 99;
    const r = Float32Array.from({ length: 5000 }, () => {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      const u = s / 4294967296;
      return u < 0.05 ? Infinity : Math.round(u * 400) / 4;
    });
    expect([...orderByResponse(r)]).toEqual([...plain(r)]);
  });
  it('falls back to the comparator for negative values', () => {
    const r = Float32Array.from([3, -1, 2]);
    expect([...orderByResponse(r)]).toEqual([1, 2, 0]);
  });
});

describe('travel rows without caching', () => {
  it('real data: the same minutes as the cached row, and a fresh array each time', () => {
    const ctx = createTravelContext(loadTerritoryData());
    const fresh = ctx.travelToPoints(10, undefined, false);
    const again = ctx.travelToPoints(10, undefined, false);
    expect(again).not.toBe(fresh);
    const cached = ctx.travelToPoints(10);
    expect(ctx.travelToPoints(10)).toBe(cached);
    expect([...fresh]).toEqual([...cached]);
    expect(fresh.length).toBe(ctx.demand.count);
  });
});
