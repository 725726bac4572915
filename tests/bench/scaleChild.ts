// One size of the national-scale bench in its own process, so that peak RSS is this size's alone
// (process.resourceUsage().maxRSS), the siting's first (siting_peak_rss_mb), then the whole run's (peak_rss_mb). Usage: node --import tsx --expose-gc tests/bench/scaleChild.ts COPIES [dense]
// Prints one JSON line. Siting: p-median over all comuni as candidates, k = 10 per 91 Ambiti (as
// the Lombardy case: 10 / 30 / 50 at ×1 / ×3 / ×5), built sparse above SPARSE_ABOVE (sparse.ts) or
// dense (siting.ts) when asked with `dense` (the earlier path, the baseline).
import { readFileSync } from 'node:fs';
import { computeCoverage } from '../../src/core/coverage/coverage.ts';
import { proveIncumbent } from '../../src/core/optimise/bounds.ts';
import { buildSitingProblem, responseFixedMin, solveHeuristic } from '../../src/core/optimise/siting.ts';
import { buildSparseMedianProblem, solveSparseMedian, sparseMedianBound, wantsSparse } from '../../src/core/optimise/sparse.ts';
import { compileLayout } from '../../src/core/sim/compile.ts';
import { layoutOnePerAmbito } from '../../src/core/sim/synthetic.ts';
import type { TerritoryData } from '../../src/core/territory/types.ts';
import { createTravelContext } from '../../src/core/travel/context.ts';
import { tileTerritory } from './scale.ts';
import { timed } from './stats.ts';

const copies = Number(process.argv[2] ?? 1);
const dense = process.argv[3] === 'dense';
const mb = (x: number): number => x / 1048576;
// CPU time beside wall time: the machine is shared, and a single-threaded phase's CPU time is what it costs.
const cpu = (): number => process.cpuUsage().user / 1000 + process.cpuUsage().system / 1000;
const base = JSON.parse(readFileSync(new URL('../../geodata/generated/territory.json', import.meta.url), 'utf8')) as TerritoryData;
const data = tileTerritory(base, copies);
const out: Record<string, number | string> = { comuni: data.comuni.length, ambiti: data.ambiti.length };
const layout = layoutOnePerAmbito(data);
const ctx = createTravelContext(data);
const k = Math.round((10 * data.ambiti.length) / 91);
const req = { members: data.ambiti.map((a) => a.code), k, objective: 'median' as const };
out.siting_k = k;
(globalThis as { gc?: () => void }).gc?.();
const before = process.memoryUsage();
if (dense || !wantsSparse(ctx, req)) {
  out.siting_path = 'dense';
  const t0 = performance.now();
  const c0 = cpu();
  const p = buildSitingProblem(ctx, req);
  out.siting_build_ms = performance.now() - t0;
  out.siting_build_cpu_ms = cpu() - c0;
  const t1 = performance.now();
  const c1 = cpu();
  const h = solveHeuristic(p);
  out.siting_heuristic_ms = performance.now() - t1;
  out.siting_heuristic_cpu_ms = cpu() - c1;
  out.siting_points = p.points.length;
  out.siting_candidates = p.candidates.length;
  const b = proveIncumbent(p, h.open, responseFixedMin(p.band));
  out.siting_bound_ms = b.ms;
  out.siting_obj = b.incumbent.value.objective;
  out.siting_bound = b.bound;
  out.siting_gap_pct = b.gapPct;
} else {
  out.siting_path = 'sparse';
  const t0 = performance.now();
  const c0 = cpu();
  const p = buildSparseMedianProblem(ctx, req);
  out.siting_build_ms = performance.now() - t0;
  out.siting_build_cpu_ms = cpu() - c0;
  out.siting_list_len = p.K;
  const t1 = performance.now();
  const c1 = cpu();
  const h = solveSparseMedian(p);
  out.siting_heuristic_ms = performance.now() - t1;
  out.siting_heuristic_cpu_ms = cpu() - c1;
  out.siting_points = p.points.length;
  out.siting_candidates = p.candidates.length;
  const b = sparseMedianBound(p, h.open);
  out.siting_bound_ms = b.ms;
  out.siting_obj = h.value.objective;
  out.siting_bound = b.bound;
  out.siting_gap_pct = b.gapPct;
}
const after = process.memoryUsage();
out.siting_array_buffers_delta_mb = mb(after.arrayBuffers - before.arrayBuffers);
out.siting_heap_delta_mb = mb(after.heapUsed - before.heapUsed);
// Peak RSS of the process so far: the territory, its travel context and the siting (build, heuristic, bound).
out.siting_peak_rss_mb = process.resourceUsage().maxRSS / 1024;
if (!dense) {
  // Then the per-scenario work, after the siting so as not to count its garbage in the siting's peak.
  out.travel_precompute_ms = timed(() => compileLayout(createTravelContext(data), layout), copies === 1 ? 3 : 1, 0).min;
  const compiled = compileLayout(ctx, layout);
  const cov = timed(() => computeCoverage(ctx, compiled), 9, 2);
  out.coverage_min_ms = cov.min;
  out.coverage_median_ms = cov.median;
}
out.peak_rss_mb = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify(out));
