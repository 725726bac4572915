// Fast local search for the siting heuristic.
//
// - Sparse cover search (maximal covering with threshold r and weights w): cover lists per
//   candidate and per point, a lazy greedy (CELF: a candidate's gain only shrinks as bases open,
//   so a stale gain that still tops the heap is re-evaluated, never the whole list), and swaps
//   scored incrementally: adding a gains the uncovered points it reaches; removing r loses the
//   points only r covers, except those a also reaches. One swap evaluation costs O(|cover(a)| + k).
// - Dense fast interchange (Whitaker) for any objective that is a sum over points of a function
//   of the point's response (p-median: the response; cover: within T or not, then the response as
//   the tie-break): with each point's nearest and second-nearest open base, the effect of "a in,
//   r out" for every r comes from one pass over the points, O(n + k) per candidate a instead of O(k·n).
import type { SitingProblem } from './siting.ts';
import { lazyGreedy } from './lazyGreedy.ts';

/** CSR lists: for each row, the columns in cols[start[row]..start[row + 1]). */
export interface Csr {
  start: Int32Array;
  cols: Int32Array;
}

/** Candidate → points within r, and point → candidates within r (only `usable` candidates, points with w > 0). */
export function coverCsr(problem: SitingProblem, usable: readonly number[], r: number): { byCand: Csr; byPoint: Csr } {
  const n = problem.points.length;
  const m = problem.candidates.length;
  const T = r + 1e-9;
  const counts = new Int32Array(m + 1);
  const pcounts = new Int32Array(n + 1);
  for (const j of usable) {
    const base = j * n;
    for (let i = 0; i < n; i++) if (problem.weights[i] > 0 && problem.cost[base + i] <= T) {
      counts[j + 1]++;
      pcounts[i + 1]++;
    }
  }
  for (let j = 0; j < m; j++) counts[j + 1] += counts[j];
  for (let i = 0; i < n; i++) pcounts[i + 1] += pcounts[i];
  const cols = new Int32Array(counts[m]);
  const pcols = new Int32Array(pcounts[n]);
  const fill = counts.slice(0, m);
  const pfill = pcounts.slice(0, n);
  for (const j of [...usable].sort((a, b) => a - b)) {
    const base = j * n;
    for (let i = 0; i < n; i++) if (problem.weights[i] > 0 && problem.cost[base + i] <= T) {
      cols[fill[j]++] = i;
      pcols[pfill[i]++] = j;
    }
  }
  return { byCand: { start: counts, cols }, byPoint: { start: pcounts, cols: pcols } };
}

/**
 * Maximal covering by lazy greedy then incremental swaps. `fixed` are open and never leave;
 * `free` may be chosen; `need` more bases are opened. `start` (optional) replaces the greedy.
 * Returns the open set and the covered weight. Deterministic (ties: lower candidate index).
 */
export function coverSearch(
  byCand: Csr, byPoint: Csr, w0: Float64Array, m: number, fixed: readonly number[], free: readonly number[], need: number,
  options: { start?: readonly number[]; stopAt?: number; maxPasses?: number; reweight?: number; tabu?: number } = {},
): { open: number[]; covered: number; uncovered: number } {
  const n = w0.length;
  // With `reweight`, w is a working copy: a local optimum that still leaves points out raises
  // their weight and the swaps continue (dynamic weighting, for "cover everyone within r").
  const w = options.reweight ? Float64Array.from(w0) : w0;
  let uncovered = 0;
  for (let i = 0; i < n; i++) if (w0[i] > 0) uncovered++;
  const cnt = new Int32Array(n);
  const idsum = new Float64Array(n); // sum of open coverers' indices: the sole coverer when cnt = 1
  const isOpen = new Uint8Array(m);
  const isFixed = new Uint8Array(m);
  let covered = 0;
  // loss[r]: weight that only r covers, kept up to date as bases open and close.
  const loss = new Float64Array(m);
  const openBase = (j: number): void => {
    isOpen[j] = 1;
    for (let q = byCand.start[j]; q < byCand.start[j + 1]; q++) {
      const i = byCand.cols[q];
      const c = cnt[i]++;
      if (c === 0) {
        covered += w[i];
        uncovered--;
        loss[j] += w[i];
      } else if (c === 1) loss[idsum[i]] -= w[i];
      idsum[i] += j;
    }
  };
  const closeBase = (j: number): void => {
    isOpen[j] = 0;
    for (let q = byCand.start[j]; q < byCand.start[j + 1]; q++) {
      const i = byCand.cols[q];
      const c = --cnt[i];
      idsum[i] -= j;
      if (c === 0) {
        covered -= w[i];
        uncovered++;
        loss[j] -= w[i];
      } else if (c === 1) loss[idsum[i]] += w[i];
    }
  };
  const gainOf = (j: number): number => {
    let g = 0;
    for (let q = byCand.start[j]; q < byCand.start[j + 1]; q++) if (cnt[byCand.cols[q]] === 0) g += w[byCand.cols[q]];
    return g;
  };
  for (const j of fixed) {
    isFixed[j] = 1;
    openBase(j);
  }
  const stopAt = options.stopAt ?? Infinity;
  const open: number[] = [];
  if (options.start) for (const j of options.start) {
    if (!isFixed[j] && !isOpen[j]) {
      openBase(j);
      open.push(j);
    }
  }
  else {
    // CELF: a max-heap of (stale gain, candidate); pop, refresh, and take it if it still leads.
    const heapG: number[] = [];
    const heapJ: number[] = [];
    const less = (a: number, b: number): boolean => heapG[a] < heapG[b] || (heapG[a] === heapG[b] && heapJ[a] > heapJ[b]);
    const swap = (a: number, b: number): void => {
      [heapG[a], heapG[b]] = [heapG[b], heapG[a]];
      [heapJ[a], heapJ[b]] = [heapJ[b], heapJ[a]];
    };
    const push = (g: number, j: number): void => {
      heapG.push(g);
      heapJ.push(j);
      for (let c = heapG.length - 1; c > 0; ) {
        const p = (c - 1) >> 1;
        if (!less(p, c)) break;
        swap(p, c);
        c = p;
      }
    };
    const pop = (): void => {
      const last = heapG.length - 1;
      swap(0, last);
      heapG.pop();
      heapJ.pop();
      for (let p = 0; ; ) {
        const l = 2 * p + 1;
        const r = l + 1;
        let b = p;
        if (l < heapG.length && less(b, l)) b = l;
        if (r < heapG.length && less(b, r)) b = r;
        if (b === p) break;
        swap(p, b);
        p = b;
      }
    };
    for (const j of free) if (!isOpen[j]) push(gainOf(j), j);
    const fresh = new Int32Array(m).fill(-1);
    while (open.length < need && heapG.length && covered < stopAt) {
      const j = heapJ[0];
      if (fresh[j] === open.length) {
        pop();
        openBase(j);
        open.push(j);
        continue;
      }
      const g = gainOf(j);
      pop();
      fresh[j] = open.length;
      push(g, j);
    }
  }
  // Swaps: for each closed candidate a (in order), the best open r to give up, if it gains.
  const back = new Float64Array(m);
  /**
   * Opening a: returns the uncovered weight it gains and sets back[r], for each open r, to the
   * weight only r covers that a covers too (kept if r leaves). "a in, r out" changes the
   * coverage by gain − loss[r] + back[r].
   */
  const swapGain = (a: number): number => {
    for (const r of open) back[r] = 0;
    let gain = 0;
    for (let q = byCand.start[a]; q < byCand.start[a + 1]; q++) {
      const i = byCand.cols[q];
      if (cnt[i] === 0) gain += w[i];
      else if (cnt[i] === 1) back[idsum[i]] += w[i];
    }
    return gain;
  };
  const maxPasses = options.maxPasses ?? 50;
  let rounds = options.reweight ?? 0;
  const localSearch = (): void => {
  let passesLeft = maxPasses;
  while (covered < stopAt && uncovered > 0 && passesLeft-- > 0) {
    let improved = false;
    for (const a of free) {
      if (isOpen[a] || open.length === 0) continue;
      const gain = swapGain(a);
      if (gain === 0) continue;
      let bestR = -1;
      let bestD = 1e-9 * Math.max(1, covered);
      for (const r of open) {
        const d = gain - loss[r] + back[r];
        if (d > bestD) {
          bestD = d;
          bestR = r;
        }
      }
      if (bestR >= 0) {
        closeBase(bestR);
        openBase(a);
        open[open.indexOf(bestR)] = a;
        improved = true;
        if (covered >= stopAt || uncovered === 0) break;
      }
    }
    if (!improved) {
      if (rounds-- <= 0) break;
      // Stuck with points left out: make them weigh more, and search again.
      for (let i = 0; i < n; i++) if (w0[i] > 0 && cnt[i] === 0) w[i] += w0[i];
      passesLeft = maxPasses;
    }
  }
  };
  localSearch();
  // Tabu search (cover only, without reweighting): from the local optimum, `tabu` moves, each the
  // best swap allowed even when it loses coverage; a base just removed may not come back, and one
  // just added may not leave, for a few moves (seeded tenures: deterministic), unless the move beats
  // the best coverage found. Escapes the plateaus where 1-swap stops (Lombardy k 20: 1.3 % below
  // the optimum after the swaps). Ends on the best open set found.
  const tabuMoves = options.reweight ? 0 : options.tabu ?? 0;
  if (tabuMoves > 0 && open.length > 0 && uncovered > 0) {
    let seed = 1303;
    const rnd = (): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 4294967296;
    };
    const noIn = new Int32Array(m); // move number until which a candidate may not be added
    const noOut = new Int32Array(m); // … may not be removed
    let best = [...open];
    let bestCov = covered;
    const tol = 1e-9 * Math.max(1, covered);
    for (let move = 1; move <= tabuMoves && covered < stopAt; move++) {
      let bestA = -1;
      // Stryker disable next-line UnaryOperator: bestR is set together with bestA, and read only when bestA >= 0
      let bestR = -1;
      let bestD = -Infinity;
      for (const a of free) {
        if (isOpen[a]) continue;
        const gain = swapGain(a);
        if (gain === 0) continue;
        const aTabu = noIn[a] >= move;
        for (const r of open) {
          const d = gain - loss[r] + back[r];
          if (d <= bestD) continue;
          if ((aTabu || noOut[r] >= move) && covered + d <= bestCov + tol) continue; // tabu, no aspiration
          bestD = d;
          bestA = a;
          bestR = r;
        }
      }
      if (bestA < 0) break;
      closeBase(bestR);
      openBase(bestA);
      open[open.indexOf(bestR)] = bestA;
      noIn[bestR] = move + 5 + Math.floor(rnd() * 10);
      noOut[bestA] = move + 2 + Math.floor(rnd() * 3);
      if (covered > bestCov + tol) {
        bestCov = covered;
        best = [...open];
      }
    }
    for (const j of [...open]) closeBase(j);
    open.length = 0;
    for (const j of best) {
      openBase(j);
      open.push(j);
    }
    localSearch();
  }
  void byPoint;
  return { open: [...fixed, ...open].sort((x, y) => x - y), covered, uncovered };
}

/**
 * Dense fast interchange (Whitaker) from `start`, minimising the lexicographic pair
 * (Σ primary(i), Σ w_i·response_i): primary is w_i·response (median) or w_i when beyond T (cover:
 * residents not reached). Only swaps that strictly improve the pair are applied.
 */
export function fastInterchange(problem: SitingProblem, start: readonly number[], free: readonly number[], mode: 'median' | 'cover', T = problem.targetMin, maxPasses = 100): { open: number[]; swaps: number; evaluations: number } {
  const n = problem.points.length;
  const m = problem.candidates.length;
  const w = problem.weights;
  const cost = problem.cost;
  const Tt = T + 1e-9;
  const fixed = new Set(problem.fixed);
  const open = [...start];
  const isOpen = new Uint8Array(m);
  for (const j of open) isOpen[j] = 1;
  const d1 = new Float64Array(n);
  const d2 = new Float64Array(n);
  const near = new Int32Array(n);
  const refresh = (): void => {
    for (let i = 0; i < n; i++) {
      let a = Infinity;
      // Stryker disable next-line UnaryOperator: the first aj is compared only when every cost so far is Infinity, where near[i] is never read (d2 = d1)
      let aj = -1;
      let b = Infinity;
      for (const j of open) {
        const c = cost[j * n + i];
        if (c < a || (c === a && j < aj)) {
          b = a;
          a = c;
          aj = j;
        } else if (c < b) b = c;
      }
      d1[i] = a;
      near[i] = aj;
      d2[i] = b;
    }
  };
  const prim = mode === 'median' ? (i: number, c: number): number => w[i] * c : (i: number, c: number): number => (c <= Tt ? 0 : w[i]);
  const corrP = new Float64Array(m);
  const corrS = new Float64Array(m);
  let swaps = 0;
  let evaluations = 0;
  refresh();
  for (let pass = 0, improved = true; improved && pass < maxPasses; pass++) {
    improved = false;
    for (const a of free) {
      if (isOpen[a]) continue;
      evaluations++;
      for (const r of open) {
        corrP[r] = 0;
        corrS[r] = 0;
      }
      // base: a added, nobody removed; corr[r]: extra for the points whose nearest is r.
      let baseP = 0;
      let baseS = 0;
      const off = a * n;
      for (let i = 0; i < n; i++) {
        const wi = w[i];
        if (wi <= 0) continue;
        const ca = cost[off + i];
        const o = d1[i];
        const v1 = ca < o ? ca : o;
        if (v1 !== o) {
          baseP += prim(i, v1) - prim(i, o);
          baseS += wi * (v1 - o);
        }
        const second = d2[i];
        const v2 = ca < second ? ca : second;
        if (v2 !== v1) {
          const r = near[i];
          corrP[r] += prim(i, v2) - prim(i, v1);
          corrS[r] += wi * (v2 - v1);
        }
      }
      let bestR = -1;
      let bP = 0;
      let bS = 0;
      for (const r of open) {
        if (fixed.has(r)) continue;
        const dP = baseP + corrP[r];
        const dS = baseS + corrS[r];
        const tolP = 1e-9 * Math.max(1, Math.abs(dP));
        if (dP < bP - tolP || (Math.abs(dP - bP) <= tolP && dS < bS - 1e-9 * Math.max(1, Math.abs(dS)))) {
          bestR = r;
          bP = dP;
          bS = dS;
        }
      }
      if (bestR >= 0) {
        open[open.indexOf(bestR)] = a;
        isOpen[bestR] = 0;
        isOpen[a] = 1;
        swaps++;
        refresh();
        improved = true;
      }
    }
  }
  return { open: open.sort((x, y) => x - y), swaps, evaluations };
}

/**
 * Lazy greedy (CELF) for the p-median from `open` (fixed bases): a candidate's saving
 * Σ w_i·max(0, d_i − c_ij) only shrinks as bases open, so stale savings bound the true ones and
 * most candidates are never re-scored. The first base (no open base yet) is the 1-median.
 */
export function lazyMedianGreedy(problem: SitingProblem, open: number[], free: readonly number[]): number {
  const n = problem.points.length;
  const w = problem.weights;
  const cost = problem.cost;
  let evaluations = 0;
  const d = new Float64Array(n).fill(Infinity);
  const isOpen = new Uint8Array(problem.candidates.length);
  const apply = (j: number): void => {
    isOpen[j] = 1;
    const off = j * n;
    for (let i = 0; i < n; i++) if (cost[off + i] < d[i]) d[i] = cost[off + i];
  };
  for (const j of open) apply(j);
  if (open.length >= problem.k) return 0;
  if (open.length === 0) {
    let best = -1;
    let bestSum = Infinity;
    for (const j of free) {
      let s = 0;
      const off = j * n;
      for (let i = 0; i < n; i++) s += w[i] * cost[off + i];
      evaluations++;
      if (s < bestSum) {
        bestSum = s;
        best = j;
      }
    }
    if (best < 0) return evaluations;
    open.push(best);
    apply(best);
  }
  const saving = (j: number): number => {
    let s = 0;
    const off = j * n;
    for (let i = 0; i < n; i++) {
      const c = cost[off + i];
      if (c < d[i]) s += w[i] * (d[i] - c);
    }
    evaluations++;
    return s;
  };
  lazyGreedy(free, problem.candidates.length, isOpen, open, problem.k, saving, (j) => {
    open.push(j);
    apply(j);
  });
  return evaluations;
}
