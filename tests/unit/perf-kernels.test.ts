// The fast paths behind the bench figures give the same answers as the plain ones: the radix
// sort of coverage (orderByResponse) against the comparator sort, the one-pass statistics of
// several groupings (levelStats) against one groupStats per grouping, the "not reached" order
// against the comparator, travel rows computed without caching against the cached ones, on
// hand-made and on real data.
import { describe, expect, it } from 'vitest';
import { computeCoverage, type CoverageResult } from '../../src/core/coverage/coverage.ts';
import { groupStats, levelStats, orderByResponse } from '../../src/core/coverage/stats.ts';
import { compileLayout } from '../../src/core/sim/compile.ts';
import type { ServiceLayout } from '../../src/core/sim/layout.ts';
import { layoutOnePerAmbito } from '../../src/core/sim/synthetic.ts';
import type { TerritoryData } from '../../src/core/territory/types.ts';
import { createTravelContext } from '../../src/core/travel/context.ts';
import { loadTerritoryData } from './helpers/realData.ts';

function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 4294967296;
  };
}

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

describe('levelStats', () => {
  it('equals one groupStats per level on 3,000 seeded points (ties, unreachable points, comuni without group)', () => {
    const rnd = lcg(7);
    const nComuni = 400;
    const n = 3000;
    const comune = Int32Array.from({ length: n }, () => Math.floor(rnd() * nComuni));
    const residents = Float64Array.from({ length: n }, () => (rnd() < 0.02 ? 0 : Math.floor(rnd() * 5000)));
    const resp = Float32Array.from({ length: n }, () => (rnd() < 0.04 ? Infinity : 20 + Math.round(rnd() * 240) / 4));
    const order = orderByResponse(resp);
    const thresholds = [15, 30, 45, 60];
    const levels = [3, 37, 11].map((size, l) => ({
      groupOfComune: Int32Array.from({ length: nComuni }, () => (rnd() < 0.05 * l ? -1 : Math.floor(rnd() * size))),
      groups: Array.from({ length: size }, (_, g) => ({ code: `L${l}G${g}`, name: `gruppo ${g}` })),
    }));
    const got = levelStats(levels, comune, residents, resp, order, thresholds);
    levels.forEach((lv, l) => {
      const comuni = lv.groups.map((_, g) => lv.groupOfComune.filter((x) => x === g).length);
      const want = groupStats(Int32Array.from(comune, (c) => lv.groupOfComune[c]), lv.groups.map((g, i) => ({ ...g, comuni: comuni[i] })), residents, resp, order, thresholds);
      expect(got[l]).toEqual(want);
    });
  });
});

/** The "not reached" order as the earlier implementation sorted it: records, then the comparator. */
function referenceNotReached(r: CoverageResult): string[] {
  return [...r.notReached]
    .sort((a, b) => (b.responseMin ?? Infinity) - (a.responseMin ?? Infinity) || b.residents - a.residents || (a.istat < b.istat ? -1 : a.istat > b.istat ? 1 : 0))
    .map((c) => c.istat);
}

describe('coverage: the "not reached" list', () => {
  const data = loadTerritoryData();
  const ctx = createTravelContext(data);
  it('real data, one PIS per Ambito: slowest first, as the comparator orders it', () => {
    const r = computeCoverage(ctx, compileLayout(ctx, layoutOnePerAmbito(data)), { targetMin: 40 });
    expect(r.notReached.length).toBeGreaterThan(100);
    expect(r.notReached.map((c) => c.istat)).toEqual(referenceNotReached(r));
  });
  it('real data, a single PIS: the many unreachable comuni come first, more residents first, then ISTAT code', () => {
    const one = layoutOnePerAmbito(data);
    const layout: ServiceLayout = { ...one, services: one.services.slice(0, 3) };
    const r = computeCoverage(ctx, compileLayout(ctx, layout));
    const unreachable = r.notReached.filter((c) => c.responseMin === null);
    expect(unreachable.length).toBeGreaterThan(1000);
    expect(r.notReached.slice(0, unreachable.length).every((c) => c.responseMin === null)).toBe(true);
    expect(r.notReached.map((c) => c.istat)).toEqual(referenceNotReached(r));
  });
  it('a territory whose comuni are not in ISTAT order: the tie-break is still the ISTAT code', () => {
    // Reverse the comuni (and remap adjacency): index order is then the opposite of ISTAT order.
    const n = data.comuni.length;
    const rev: TerritoryData = { ...data, comuni: [...data.comuni].reverse(), adjacency: [...data.adjacency].reverse().map((a) => a.map((j) => n - 1 - j)) };
    const c2 = createTravelContext(rev);
    const one = layoutOnePerAmbito(rev);
    const r = computeCoverage(c2, compileLayout(c2, { ...one, services: one.services.slice(0, 3) }));
    expect(r.notReached.map((c) => c.istat)).toEqual(referenceNotReached(r));
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
