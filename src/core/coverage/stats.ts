// Population-weighted statistics over groups of demand points, in one sort of the whole region.

export interface GroupStats {
  code: string;
  name: string;
  comuni: number;
  residents: number;
  /** Residents served by a PIS with a base active in the band (finite response time). */
  residentsReached: number;
  /** Residents within each threshold (same order as thresholdsMin); nested by construction. */
  residentsWithin: number[];
  /** residentsWithin ÷ all residents of the group (unserved residents count as not reached). */
  shareWithin: number[];
  /** Population-weighted mean over the reached residents; null when none is reached. */
  meanResponseMin: number | null;
  /** Population-weighted 90th percentile over the reached residents. */
  p90ResponseMin: number | null;
  maxResponseMin: number | null;
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/**
 * Order of points by ascending response (Infinity last), ties by index; computed once per coverage
 * run. For responses ≥ 0 the float32 bit patterns order like the values, so (bits · 2^k + index)
 * is an exact float64 key (bits < 2^32, index < 2^k, k ≤ 21) and a plain typed sort without a
 * comparator gives the same order ~3× faster than an index sort with a closure.
 */
export function orderByResponse(responseMin: Float32Array): Int32Array {
  const n = responseMin.length;
  const order = new Int32Array(n);
  let k = 1;
  while (1 << k < n) k++;
  let signed = false;
  for (let i = 0; i < n; i++) if (!(responseMin[i] >= 0)) signed = true;
  if (signed || k > 21) {
    // Negative or NaN values (never produced by coverage): the general comparator sort.
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((a, b) => responseMin[a] - responseMin[b] || a - b);
    return order;
  }
  const scale = 2 ** k;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    f32[0] = responseMin[i] + 0; // −0 + 0 = +0: one bit pattern for zero
    keys[i] = u32[0] * scale + i;
  }
  keys.sort();
  for (let o = 0; o < n; o++) order[o] = keys[o] % scale;
  return order;
}

export function groupStats(
  groupOfPoint: Int32Array,
  groups: { code: string; name: string; comuni: number }[],
  residents: Float64Array,
  responseMin: Float32Array,
  order: Int32Array,
  thresholdsMin: readonly number[],
): GroupStats[] {
  const g = groups.length;
  const k = thresholdsMin.length;
  const total = new Float64Array(g);
  const reached = new Float64Array(g);
  const sum = new Float64Array(g);
  const within = new Float64Array(g * k);
  const max = new Float64Array(g).fill(-Infinity);
  for (let p = 0; p < groupOfPoint.length; p++) {
    const gi = groupOfPoint[p];
    if (gi < 0) continue;
    const w = residents[p];
    const t = responseMin[p];
    total[gi] += w;
    if (!Number.isFinite(t)) continue;
    reached[gi] += w;
    sum[gi] += w * t;
    if (t > max[gi]) max[gi] = t;
    for (let j = 0; j < k; j++) if (t <= thresholdsMin[j]) within[gi * k + j] += w;
  }
  const cum = new Float64Array(g);
  const p90 = new Float64Array(g).fill(NaN);
  for (let o = 0; o < order.length; o++) {
    const p = order[o];
    const gi = groupOfPoint[p];
    if (gi < 0 || !Number.isFinite(responseMin[p]) || !Number.isNaN(p90[gi])) continue;
    cum[gi] += residents[p];
    if (cum[gi] >= 0.9 * reached[gi] - 1e-9) p90[gi] = responseMin[p];
  }
  // Plain loops and literal objects (no spread, no Array.from callbacks): this runs for every
  // group of every coverage run, and was a fifth of computeCoverage's time.
  const out: GroupStats[] = new Array(g);
  for (let gi = 0; gi < g; gi++) {
    const grp = groups[gi];
    const withinList = new Array<number>(k);
    const shares = new Array<number>(k);
    for (let j = 0; j < k; j++) {
      withinList[j] = within[gi * k + j];
      shares[j] = total[gi] > 0 ? withinList[j] / total[gi] : 0;
    }
    const any = reached[gi] > 0;
    out[gi] = {
      code: grp.code,
      name: grp.name,
      comuni: grp.comuni,
      residents: total[gi],
      residentsReached: reached[gi],
      residentsWithin: withinList,
      shareWithin: shares,
      meanResponseMin: any ? sum[gi] / reached[gi] : null,
      p90ResponseMin: any ? p90[gi] : null,
      maxResponseMin: any ? max[gi] : null,
    };
  }
  return out;
}
