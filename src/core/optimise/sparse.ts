// National-scale p-median siting without the dense matrix: each demand point keeps its K nearest
// candidates (a Dijkstra from its comune that stops after K candidates: the comune graph is
// symmetric, so nearest-from-the-point is nearest-to-the-point), Float32 costs, and the cost of
// the first candidate left out (every other candidate is at least that far). The search uses the
// lists plus exact rows for the open bases only (k Dijkstras, not m); the Lagrangian bound uses
// the lists with λ_i ≤ w_i × (cost beyond the list), which keeps it a valid lower bound over ALL
// candidates. Used when points × candidates would not fit (SPARSE_ABOVE) and the travel model is
// the symmetric estimate (an imported OD matrix keeps the dense problem).
//
// Memory at 7,515 comuni / 7,900 points, k 50: lists ≈ 30 MB instead of a 237 MB matrix; build
// 7,500 short Dijkstras instead of 7,500 full ones.
import { groupStats, orderByResponse } from '../coverage/stats.ts';
import { DEFAULT_COVERAGE_BAND, DEFAULT_TARGET_MIN } from '../coverage/coverage.ts';
import type { TravelContext } from '../travel/context.ts';
import { haversineKm } from '../travel/geo.ts';
import { ambitoOfComuni, responseFixedMin, SitingError, type MemberKpi, type SitingRequest, type SitingValue } from './siting.ts';
import { gapMinPct, type SitingBound } from './bounds.ts';
import { lazyGreedy } from './lazyGreedy.ts';

/** Points × candidates above which the median problem is built sparse (dense Float32: 32 MB here). */
export const SPARSE_ABOVE = 8_000_000;

export interface SparseMedianProblem {
  members: string[];
  memberNames: string[];
  k: number;
  targetMin: number;
  band: NonNullable<SitingRequest['band']>;
  fixedMin: number;
  points: Int32Array;
  weights: Float64Array;
  totalResidents: number;
  memberOfPoint: Int32Array;
  /** Candidate comune indices, ascending. */
  candidates: number[];
  fixed: number[];
  /** Entries per point list. */
  K: number;
  /** cand[i * K + r]: candidate position of point i's r-th nearest (−1 past the end of a short list). */
  cand: Int32Array;
  cost: Float32Array;
  /** Cost of the nearest candidate NOT in point i's list (Infinity when the list holds them all). */
  beyond: Float32Array;
  /** Exact response minutes from candidate position j to every point (computed on demand, a few kept). */
  row(j: number): Float32Array;
  warnings: string[];
}

/** true when the request should be built sparse (median, symmetric estimate, too large for a dense matrix). */
export function wantsSparse(ctx: TravelContext, req: SitingRequest): boolean {
  if (req.objective !== 'median' || !ctx.model.nearestComuni) return false;
  const members = new Set(req.members);
  const ambitoOf = ambitoOfComuni(ctx, req.compositionOverrides);
  let comuni = 0;
  let points = 0;
  ambitoOf.forEach((a, i) => {
    if (!members.has(a)) return;
    comuni++;
    points += ctx.demand.firstOfComune[i + 1] - ctx.demand.firstOfComune[i];
  });
  const m = req.candidates ? req.candidates.length : comuni;
  return points * m > SPARSE_ABOVE;
}

export function buildSparseMedianProblem(ctx: TravelContext, req: SitingRequest, K?: number): SparseMedianProblem {
  const { data, demand } = ctx;
  const nearest = ctx.model.nearestComuni;
  if (!nearest) throw new SitingError('Localizzazione: il problema sparso richiede tempi stimati simmetrici (senza matrice OD)');
  const band = req.band ?? DEFAULT_COVERAGE_BAND;
  const targetMin = req.targetMin ?? DEFAULT_TARGET_MIN;
  const fixedMin = responseFixedMin(band, req.response);
  const factor = ctx.bandFactor(band);
  const members = [...new Set(req.members)];
  const ambitoName = new Map(data.ambiti.map((a) => [a.code, a.name]));
  for (const m of members) if (!ambitoName.has(m)) throw new SitingError(`Localizzazione: Ambito ${m} sconosciuto`);
  const ambitoOf = ambitoOfComuni(ctx, req.compositionOverrides);
  const memberPos = new Map(members.map((m, i) => [m, i]));
  const memberComuni: number[] = [];
  ambitoOf.forEach((a, i) => {
    if (memberPos.has(a)) memberComuni.push(i);
  });
  const idx = new Map(data.comuni.map((c, i) => [c.istat, i]));
  const resolve = (list: string[] | undefined): number[] =>
    (list ?? []).map((istat) => {
      const i = idx.get(istat);
      if (i === undefined) throw new SitingError(`Localizzazione: comune ${istat} non è nell'elenco`);
      return i;
    });
  const candidates = [...new Set([...(req.candidates ? resolve(req.candidates) : memberComuni), ...resolve(req.fixed)])].sort((a, b) => a - b);
  // Stryker disable next-line UnaryOperator: pos is read only at candidates (list nodes, fixed bases), all set below
  const pos = new Int32Array(data.comuni.length).fill(-1);
  candidates.forEach((c, j) => (pos[c] = j));
  const fixed = resolve(req.fixed).map((c) => pos[c]).sort((a, b) => a - b);
  const m = candidates.length;
  if (!Number.isInteger(req.k) || req.k < 1 || req.k > m) throw new SitingError(`Localizzazione: numero di basi non valido (${req.k}; candidati ${m})`);

  const pts: number[] = [];
  for (const c of memberComuni) for (let p = demand.firstOfComune[c]; p < demand.firstOfComune[c + 1]; p++) pts.push(p);
  const points = Int32Array.from(pts);
  const n = points.length;
  const weights = new Float64Array(n);
  const memberOfPoint = new Int32Array(n);
  let totalResidents = 0;
  for (let i = 0; i < n; i++) {
    weights[i] = demand.residents[points[i]];
    totalResidents += weights[i];
    memberOfPoint[i] = memberPos.get(ambitoOf[demand.comune[points[i]]])!;
  }
  // Each base serves about n / k points: lists of 3 n / k reach the open base of nearly every point.
  const len = Math.min(m, K ?? Math.max(64, Math.ceil((3 * n) / req.k)));
  const accept = new Uint8Array(data.comuni.length);
  for (const c of candidates) accept[c] = 1;
  const cand = new Int32Array(n * len).fill(-1);
  const cost = new Float32Array(n * len).fill(Infinity);
  const beyond = new Float32Array(n);
  const costOf = (distMin: number, tail: number): number => Math.fround(fixedMin + Math.fround(Math.fround(distMin) + tail) * factor);
  let i = 0;
  for (const c of memberComuni) {
    const r = nearest(c, len, accept);
    const cp = data.comuni[c].point;
    for (let p = demand.firstOfComune[c]; p < demand.firstOfComune[c + 1]; p++, i++) {
      // As travelToPoints: graph minutes to the comune, then to the point inside it, then the last mile.
      // Stryker disable next-line ConditionalExpression: at the comune's own point the distance is 0, so localMin gives 0 too
      const toPoint = demand.lon[p] === cp[0] && demand.lat[p] === cp[1] ? 0 : ctx.model.localMin(c, haversineKm(cp[0], cp[1], demand.lon[p], demand.lat[p]));
      const tail = toPoint + demand.internalMin[p];
      for (let q = 0; q < r.nodes.length; q++) {
        cand[i * len + q] = pos[r.nodes[q]];
        cost[i * len + q] = costOf(r.dist[q], tail);
      }
      // Stryker disable next-line ConditionalExpression: costOf(Infinity) is Infinity as well
      beyond[i] = r.beyond === Infinity ? Infinity : costOf(r.beyond, tail);
    }
  }
  const rows = new Map<number, Float32Array>();
  const row = (j: number): Float32Array => {
    const hit = rows.get(j);
    if (hit) return hit;
    const t = ctx.travelToPoints(candidates[j], undefined, false);
    const out = new Float32Array(n);
    for (let q = 0; q < n; q++) out[q] = fixedMin + t[points[q]] * factor;
    rows.set(j, out);
    // Keep the rows of about two sitings (open bases and the last swaps).
    if (rows.size > 2 * req.k + 16) rows.delete(rows.keys().next().value!);
    return out;
  };
  return {
    members, memberNames: members.map((c) => ambitoName.get(c) ?? c), k: req.k, targetMin, band, fixedMin,
    points, weights, totalResidents, memberOfPoint, candidates, fixed, K: len, cand, cost, beyond, row,
    warnings: [`Problema nazionale: per ogni punto i ${len} comuni candidati più vicini (elenchi sparsi), tempi esatti per le basi aperte; il limite inferiore vale su tutti i candidati.`],
  };
}

/** Exact value of an open set (rows of the open bases). */
export function sparseEvaluate(p: SparseMedianProblem, open: readonly number[]): { value: SitingValue; d: Float64Array } {
  const n = p.points.length;
  const d = new Float64Array(n).fill(Infinity);
  for (const j of open) {
    const r = p.row(j);
    for (let i = 0; i < n; i++) if (r[i] < d[i]) d[i] = r[i];
  }
  let sum = 0;
  let max = 0;
  let covered = 0;
  for (let i = 0; i < n; i++) {
    sum += p.weights[i] * d[i];
    if (p.weights[i] > 0 && d[i] > max) max = d[i];
    if (d[i] <= p.targetMin + 1e-9) covered += p.weights[i];
  }
  const meanMin = p.totalResidents > 0 ? sum / p.totalResidents : 0;
  return { value: { meanMin, maxMin: max, coveredResidents: covered, objective: meanMin }, d };
}

/** Candidate → (point, cost) lists: the transpose of the point lists. */
function transpose(p: SparseMedianProblem): { start: Int32Array; pts: Int32Array; cost: Float32Array } {
  const m = p.candidates.length;
  const n = p.points.length;
  const K = p.K;
  const start = new Int32Array(m + 1);
  for (let q = 0; q < n * K; q++) if (p.cand[q] >= 0) start[p.cand[q] + 1]++;
  for (let j = 0; j < m; j++) start[j + 1] += start[j];
  const fill = start.slice(0, m);
  const pts = new Int32Array(start[m]);
  const cost = new Float32Array(start[m]);
  for (let i = 0; i < n; i++) for (let r = 0; r < K; r++) {
    const j = p.cand[i * K + r];
    // Stryker disable next-line ConditionalExpression: past the end every entry is −1; fill[−1] is undefined, so nothing is written
    if (j < 0) break;
    const at = fill[j]++;
    pts[at] = i;
    cost[at] = p.cost[i * K + r];
  }
  return { start, pts, cost };
}

/**
 * Lazy greedy (CELF) then a sparse fast interchange. A candidate's gain is counted on the points
 * that have it in their list (elsewhere it is at least the cost beyond the list): the estimate of
 * a swap is never better than the truth, so every swap applied really improves, and the value
 * reported is exact (open rows).
 */
export function solveSparseMedian(p: SparseMedianProblem, maxPasses = 8): { open: number[]; value: SitingValue; swaps: number } {
  const n = p.points.length;
  const m = p.candidates.length;
  const w = p.weights;
  const T = transpose(p);
  const isOpen = new Uint8Array(m);
  const isFixed = new Uint8Array(m);
  const open: number[] = [];
  for (const j of p.fixed) {
    isFixed[j] = 1;
    isOpen[j] = 1;
    open.push(j);
  }
  // dd: exact distance to the open bases, or before any is open the cost beyond the list (the
  // first base then goes where the most residents have it among their nearest).
  const dd = new Float64Array(n);
  if (open.length) dd.set(sparseEvaluate(p, open).d);
  else for (let i = 0; i < n; i++) dd[i] = Number.isFinite(p.beyond[i]) ? p.beyond[i] : p.cost[i * p.K + p.K - 1];
  const saving = (j: number): number => {
    let s = 0;
    for (let q = T.start[j]; q < T.start[j + 1]; q++) {
      const d = dd[T.pts[q]] - T.cost[q];
      // Stryker disable next-line EqualityOperator: d = 0 adds 0
      if (d > 0) s += w[T.pts[q]] * d;
    }
    return s;
  };
  const openRow = (j: number): void => {
    const r = p.row(j);
    if (open.length === 1 && !p.fixed.length) for (let i = 0; i < n; i++) dd[i] = r[i];
    // Stryker disable next-line EqualityOperator: on equality the same value is written (and i ≤ n reads undefined: no write)
    else for (let i = 0; i < n; i++) if (r[i] < dd[i]) dd[i] = r[i];
  };
  lazyGreedy(Array.from({ length: m }, (_, j) => j), m, isOpen, open, p.k, saving, (j) => {
    isOpen[j] = 1;
    open.push(j);
    openRow(j);
  });
  // Sparse fast interchange with exact nearest / second-nearest (and who they are) from the open
  // rows; after a swap only the points whose nearest or second-nearest left are recomputed over
  // every open row, the others just compare with the new base's row.
  const d1 = new Float64Array(n).fill(Infinity);
  const d2 = new Float64Array(n).fill(Infinity);
  // Stryker disable next-line UnaryOperator: every point is offered every open row (finite) before near is read
  const near = new Int32Array(n).fill(-1);
  // Stryker disable next-line UnaryOperator: as near
  const near2 = new Int32Array(n).fill(-1);
  const offer = (i: number, j: number, c: number): void => {
    if (c < d1[i] || (c === d1[i] && j < near[i])) {
      d2[i] = d1[i];
      near2[i] = near[i];
      d1[i] = c;
      near[i] = j;
    } else if (c < d2[i] || (c === d2[i] && j < near2[i])) {
      d2[i] = c;
      near2[i] = j;
    }
  };
  for (const j of open) {
    const r = p.row(j);
    for (let i = 0; i < n; i++) offer(i, j, r[i]);
  }
  const lossOf = new Float64Array(m);
  const corr = new Float64Array(m);
  const losses = (): void => {
    for (const r of open) lossOf[r] = 0;
    // Stryker disable next-line ConditionalExpression: every point has a nearest open base (k ≥ 1), and with two or more (the only case the swaps run) finite rows give a finite second
    for (let i = 0; i < n; i++) if (near[i] >= 0 && Number.isFinite(d2[i])) lossOf[near[i]] += w[i] * (d2[i] - d1[i]);
  };
  let swaps = 0;
  losses();
  // With a single base there is no second-nearest: nothing to interchange against.
  for (let pass = 0, improved = open.length >= 2; improved && pass < maxPasses; pass++) {
    improved = false;
    for (let a = 0; a < m; a++) {
      if (isOpen[a]) continue;
      let base = 0;
      for (const r of open) corr[r] = 0;
      for (let q = T.start[a]; q < T.start[a + 1]; q++) {
        const i = T.pts[q];
        const c = T.cost[q];
        // Stryker disable next-line EqualityOperator: c = d1 gives 0 either way
        const g1 = c < d1[i] ? c - d1[i] : 0;
        base += w[i] * g1;
        // Stryker disable next-line EqualityOperator: c = d2 gives 0 either way
        const g2 = c < d2[i] ? c - d2[i] : 0;
        // Stryker disable next-line ConditionalExpression: g2 = g1 adds 0
        if (g2 !== g1) corr[near[i]] += w[i] * (g2 - g1);
      }
      if (base >= 0) {
        // A shortcut: with base 0 (a beats no nearest) every delta is ≥ 0 anyway (corr ≤ 0, lossOf + corr ≥ 0).
        // Stryker disable next-line BooleanLiteral: a shortcut only (see above)
        let any = false;
        // Stryker disable next-line ConditionalExpression,EqualityOperator,BooleanLiteral: a shortcut only
        for (const r of open) if (corr[r] < 0) any = true;
        // Stryker disable next-line ConditionalExpression,BooleanLiteral: a shortcut only
        if (!any) continue;
      }
      let bestR = -1;
      let bestD = -1e-9 * p.totalResidents;
      for (const r of open) {
        if (isFixed[r]) continue;
        const dlt = base + lossOf[r] + corr[r];
        // Stryker disable next-line EqualityOperator: a delta exactly −1e-9 × the residents is not a case to tell apart
        if (dlt < bestD) {
          bestD = dlt;
          bestR = r;
        }
      }
      if (bestR < 0) continue;
      open[open.indexOf(bestR)] = a;
      isOpen[bestR] = 0;
      isOpen[a] = 1;
      swaps++;
      improved = true;
      const ra = p.row(a);
      const rows = open.map((j) => p.row(j));
      for (let i = 0; i < n; i++) {
        if (near[i] === bestR || near2[i] === bestR) {
          d1[i] = Infinity;
          d2[i] = Infinity;
          // Stryker disable next-line UnaryOperator: reset before every open row is offered again (finite, so d1 = Infinity is always beaten)
          near[i] = -1;
          // Stryker disable next-line UnaryOperator: as near
          near2[i] = -1;
          for (let q = 0; q < open.length; q++) offer(i, open[q], rows[q][i]);
        } else offer(i, a, ra[i]);
      }
      losses();
    }
  }
  open.sort((x, y) => x - y);
  return { open, value: sparseEvaluate(p, open).value, swaps };
}

/**
 * Lagrangian lower bound of the p-median over ALL candidates from the point lists: for a point,
 * candidates outside its list cost at least `beyond`, and λ_i ≤ w_i × beyond keeps their terms at
 * zero, so L(λ) = Σ λ_i + Σ_{k best} ρ_j is a valid lower bound (same relaxation as bounds.ts).
 */
export function sparseMedianBound(p: SparseMedianProblem, incumbent: readonly number[], options: { maxMs?: number; maxIterations?: number } = {}): SitingBound {
  const t0 = performance.now();
  const n = p.points.length;
  const m = p.candidates.length;
  const K = p.K;
  const w = p.weights;
  const W = p.totalResidents || 1;
  const inc = sparseEvaluate(p, incumbent);
  const ub = inc.value.meanMin * W;
  const fixedSet = new Set(p.fixed);
  const free: number[] = [];
  for (let j = 0; j < m; j++) if (!fixedSet.has(j)) free.push(j);
  const need = p.k - p.fixed.length;
  const cap = new Float64Array(n);
  const lambda = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // A hair under the beyond cost: Float32 rounding of the lists must not make the cap too high.
    cap[i] = Number.isFinite(p.beyond[i]) ? w[i] * p.beyond[i] * (1 - 1e-6) : Infinity;
    lambda[i] = Math.min(w[i] * inc.d[i], cap[i]);
  }
  const rho = new Float64Array(m);
  const g = new Float64Array(n);
  const isOpen = new Uint8Array(m);
  let best = -Infinity;
  let theta = 2;
  let since = 0;
  const maxIt = options.maxIterations ?? 1500;
  // National scale is not interactive editing: 1.5 s (each iteration reads the lists twice).
  const maxMs = options.maxMs ?? 1500;
  let it = 0;
  // Stryker disable next-line ArrayDeclaration: emptied (length = 0) before every use
  const chosen: number[] = [];
  for (; it < maxIt; it++) {
    rho.fill(0);
    let lval = 0;
    for (let i = 0; i < n; i++) {
      const wi = w[i];
      // Stryker disable next-line EqualityOperator,ConditionalExpression: a point without residents has λ = 0 forever (its g is 0), so its terms are 0
      if (wi <= 0) continue;
      const li = lambda[i];
      lval += li;
      for (let r = 0; r < K; r++) {
        const j = p.cand[i * K + r];
        // Stryker disable next-line ConditionalExpression: past the end the cost is Infinity, so the test below breaks as well
        if (j < 0) break;
        const d = wi * p.cost[i * K + r] - li;
        // Stryker disable next-line EqualityOperator: the lists are sorted, so past d = 0 every term is ≥ 0 and adds nothing
        if (d >= 0) break;
        rho[j] += d;
      }
    }
    // The `need` most negative ρ among the free candidates, plus the fixed ones.
    chosen.length = 0;
    const heap: number[] = [];
    for (const j of free) {
      if (heap.length < need) {
        heap.push(j);
        for (let c = heap.length - 1; c > 0; ) {
          const q = (c - 1) >> 1;
          if (rho[heap[q]] >= rho[heap[c]]) break;
          [heap[q], heap[c]] = [heap[c], heap[q]];
          c = q;
        }
      } else if (need > 0 && rho[j] < rho[heap[0]]) {
        heap[0] = j;
        for (let q = 0; ; ) {
          const l = 2 * q + 1;
          const r = l + 1;
          let b = q;
          if (l < heap.length && rho[heap[l]] > rho[heap[b]]) b = l;
          if (r < heap.length && rho[heap[r]] > rho[heap[b]]) b = r;
          if (b === q) break;
          [heap[q], heap[b]] = [heap[b], heap[q]];
          q = b;
        }
      }
    }
    chosen.push(...p.fixed, ...heap);
    for (const j of chosen) lval += rho[j];
    if (lval > best + 1e-12 * Math.abs(lval)) {
      best = lval;
      since = 0;
    } else if (++since >= 60) {
      theta /= 2;
      since = 0;
    }
    if (ub - best <= 1e-9 * ub || theta < 1e-4 || performance.now() - t0 > maxMs) break;
    for (const j of chosen) isOpen[j] = 1;
    let norm = 0;
    for (let i = 0; i < n; i++) {
      const wi = w[i];
      if (wi <= 0) {
        g[i] = 0;
        continue;
      }
      let cnt = 0;
      for (let r = 0; r < K; r++) {
        const j = p.cand[i * K + r];
        if (j < 0 || wi * p.cost[i * K + r] - lambda[i] >= 0) break;
        if (isOpen[j]) cnt++;
      }
      g[i] = 1 - cnt;
      norm += g[i] * g[i];
    }
    for (const j of chosen) isOpen[j] = 0;
    if (norm === 0) break;
    const step = (theta * (ub - lval)) / norm;
    // Stryker disable next-line ConditionalExpression: with g = 0 the update gives λ back (it is already in [0, cap])
    for (let i = 0; i < n; i++) if (g[i] !== 0) lambda[i] = Math.min(cap[i], Math.max(0, lambda[i] + step * g[i]));
  }
  const bound = Math.min(best, ub) / W;
  const incMean = inc.value.meanMin;
  const proven = incMean - bound <= 1e-9 * Math.max(1, incMean);
  return {
    bound,
    gapPct: proven ? 0 : gapMinPct(incMean, bound),
    travelGapPct: proven ? 0 : gapMinPct(incMean - p.fixedMin, bound - p.fixedMin),
    incumbent: { open: [...incumbent].sort((a, b) => a - b), value: inc.value },
    proven,
    method: 'lagrangian',
    iterations: it + 1,
    ms: performance.now() - t0,
  };
}

/** Per-member KPIs (and the whole, code "totale") for an open set of a sparse problem. */
export function sparseKpis(p: SparseMedianProblem, open: readonly number[]): MemberKpi[] {
  const resp = Float32Array.from(sparseEvaluate(p, open).d);
  const order = orderByResponse(resp);
  const groups = p.members.map((code, i) => ({ code, name: p.memberNames[i], comuni: 0 }));
  const stats = groupStats(p.memberOfPoint, groups, p.weights, resp, order, [p.targetMin]);
  const all = groupStats(new Int32Array(p.points.length), [{ code: 'totale', name: 'Intera associazione', comuni: 0 }], p.weights, resp, order, [p.targetMin]);
  return [...stats, ...all].map((s) => ({ ambito: s.code, name: s.name, residents: s.residents, meanMin: s.meanResponseMin, p90Min: s.p90ResponseMin, maxMin: s.maxResponseMin, shareWithinT: s.shareWithin[0] }));
}
