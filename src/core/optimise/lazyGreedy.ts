// Lazy greedy (CELF, Leskovec et al. 2007) for the p-median build: open, one at a time, the
// candidate with the largest saving. A saving can only shrink as bases open (the objective is
// submodular), so a heap of stale savings is enough: the top is re-evaluated and, if it is still
// the top, opened — most candidates are never evaluated again. Ties go to the lower index, so
// the result is the same as a plain greedy that scans every candidate.
// Shared by the dense search (search.ts) and the sparse, national-scale path (sparse.ts).

/**
 * Opens candidates from `candidates` (those not already `isOpen`) until `open` holds `k`.
 * `saving(j)` is evaluated against the bases open now; `add(j)` must append j to `open` and
 * update whatever `saving` reads.
 */
export function lazyGreedy(
  candidates: Iterable<number>,
  m: number,
  isOpen: ArrayLike<number>,
  open: readonly number[],
  k: number,
  saving: (j: number) => number,
  add: (j: number) => void,
): void {
  // Max-heap on (saving, −index), as two parallel arrays.
  const hs: number[] = [];
  const hj: number[] = [];
  // Indices passed here are < hs.length: the reads are in range.
  const above = (a: number, b: number): boolean => hs[a]! > hs[b]! || (hs[a] === hs[b] && hj[a]! < hj[b]!);
  const sw = (a: number, b: number): void => {
    [hs[a], hs[b]] = [hs[b]!, hs[a]!];
    [hj[a], hj[b]] = [hj[b]!, hj[a]!];
  };
  const push = (s: number, j: number): void => {
    hs.push(s);
    hj.push(j);
    for (let c = hs.length - 1; c > 0; ) {
      const q = (c - 1) >> 1;
      if (!above(c, q)) break;
      sw(q, c);
      c = q;
    }
  };
  const pop = (): void => {
    sw(0, hs.length - 1);
    hs.pop();
    hj.pop();
    for (let q = 0; ; ) {
      const l = 2 * q + 1;
      const r = l + 1;
      let b = q;
      if (l < hs.length && above(l, b)) b = l;
      if (r < hs.length && above(r, b)) b = r;
      if (b === q) break;
      sw(q, b);
      q = b;
    }
  };
  // stamp[j]: how many bases were open when j's saving was computed (fresh iff equal to now).
  const stamp = new Int32Array(m).fill(-1);
  for (const j of candidates) if (!isOpen[j]) {
    push(saving(j), j);
    stamp[j] = open.length;
  }
  while (open.length < k && hj.length > 0) {
    const j = hj[0]!;
    pop();
    if (stamp[j] === open.length) {
      add(j);
      continue;
    }
    push(saving(j), j);
    stamp[j] = open.length;
  }
}
