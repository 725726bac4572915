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

/** Order of points by ascending response (Infinity last); computed once per coverage run. */
export function orderByResponse(responseMin: Float32Array): Int32Array {
  const order = new Int32Array(responseMin.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => responseMin[a] - responseMin[b] || a - b);
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
  return groups.map((grp, gi) => {
    const withinList = Array.from({ length: k }, (_, j) => within[gi * k + j]);
    return {
      ...grp,
      residents: total[gi],
      residentsReached: reached[gi],
      residentsWithin: withinList,
      shareWithin: withinList.map((w) => (total[gi] > 0 ? w / total[gi] : 0)),
      meanResponseMin: reached[gi] > 0 ? sum[gi] / reached[gi] : null,
      p90ResponseMin: reached[gi] > 0 ? p90[gi] : null,
      maxResponseMin: reached[gi] > 0 ? max[gi] : null,
    };
  });
}
