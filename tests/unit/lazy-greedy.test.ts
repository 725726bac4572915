// The CELF build (optimise/lazyGreedy.ts) against its own definition: a plain greedy that, at each
// step, evaluates every closed candidate and opens the largest saving (ties: lower index). Seeded
// random p-median instances (savings are submodular), with and without bases already open.
import { describe, expect, it } from 'vitest';
import { lazyGreedy } from '../../src/core/optimise/lazyGreedy.ts';

function instance(seed: number, n: number, m: number, ties: boolean) {
  let s = seed;
  const rnd = (): number => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 4294967296;
  };
  // ties: costs on a coarse grid, so equal savings happen and the lower index must win
  const cost = Float64Array.from({ length: n * m }, () => (ties ? Math.floor(rnd() * 4) : rnd() * 100));
  const w = Float64Array.from({ length: n }, () => (ties ? 1 : 1 + Math.floor(rnd() * 9)));
  return { n, m, cost, w };
}

/** p-median savings from the current nearest distance of each point (Infinity before any base: a large constant). */
function state(p: ReturnType<typeof instance>, pre: number[]) {
  const d = new Float64Array(p.n).fill(1000);
  const isOpen = new Uint8Array(p.m);
  const open: number[] = [];
  let evaluations = 0;
  const saving = (j: number): number => {
    evaluations++;
    let g = 0;
    for (let i = 0; i < p.n; i++) g += p.w[i]! * Math.max(0, d[i]! - p.cost[j * p.n + i]!);
    return g;
  };
  const add = (j: number): void => {
    isOpen[j] = 1;
    open.push(j);
    for (let i = 0; i < p.n; i++) d[i] = Math.min(d[i]!, p.cost[j * p.n + i]!);
  };
  for (const j of pre) add(j);
  return { isOpen, open, saving, add, evaluations: () => evaluations };
}

function plainGreedy(p: ReturnType<typeof instance>, pre: number[], k: number): number[] {
  const st = state(p, pre);
  while (st.open.length < k) {
    let best = -1;
    let bestS = -Infinity;
    for (let j = 0; j < p.m; j++) {
      if (st.isOpen[j]) continue;
      const s = st.saving(j);
      if (s > bestS) {
        bestS = s;
        best = j;
      }
    }
    if (best < 0) break;
    st.add(best);
  }
  return st.open;
}

describe('lazy greedy (CELF) = plain greedy', () => {
  for (const ties of [false, true]) for (const seed of [1, 2, 3, 4, 5]) {
    it(`seed ${seed}${ties ? ', many ties' : ''}: the same bases in the same order, with fewer evaluations`, () => {
      const p = instance(seed, 60, 40, ties);
      const pre = seed % 2 ? [] : [7, 19];
      const k = 12;
      const st = state(p, pre);
      lazyGreedy(Array.from({ length: p.m }, (_, j) => j), p.m, st.isOpen, st.open, k, st.saving, st.add);
      expect(st.open).toEqual(plainGreedy(p, pre, k));
      expect(st.open).toHaveLength(k);
      // laziness: far fewer than the plain greedy's m evaluations per step
      expect(st.evaluations()).toBeLessThan((k - pre.length) * (p.m - k));
    });
  }

  it('only the candidates given, never one already open; stops when they run out', () => {
    const p = instance(9, 20, 10, false);
    const st = state(p, [3]);
    lazyGreedy([1, 3, 5], p.m, st.isOpen, st.open, 8, st.saving, st.add);
    expect([...st.open].sort((a, b) => a - b)).toEqual([1, 3, 5]);
    expect(st.open[0]).toBe(3);
  });

  it('k already reached: nothing opens', () => {
    const p = instance(4, 10, 6, false);
    const st = state(p, [0, 1]);
    lazyGreedy([2, 3, 4, 5], p.m, st.isOpen, st.open, 2, st.saving, st.add);
    expect(st.open).toEqual([0, 1]);
  });
});
