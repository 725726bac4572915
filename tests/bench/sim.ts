// Simulation-core figures on the real data (Node): travel precompute; coverage against a FAIR
// straight-line baseline (own-service bases only, the same aggregations) and against a
// same-output typed-array kernel (the lower reference); DES 30 × 1 year and the peer-comparable
// 20,000-calls-a-year instance. Min and median of ≥ 5 runs. Judged by a person, never by unit tests.
import { readFileSync } from 'node:fs';
import { computeCoverage } from '../../src/core/coverage/coverage.ts';
import { DEFAULT_RESPONSE_ASSUMPTIONS } from '../../src/core/coverage/assumptions.ts';
import { groupStats, orderByResponse } from '../../src/core/coverage/stats.ts';
import { runSimulation } from '../../src/core/des/simulate.ts';
import { compileLayout, type CompiledLayout } from '../../src/core/sim/compile.ts';
import { allBands, type ServiceLayout } from '../../src/core/sim/layout.ts';
import { layoutOnePerAmbito } from '../../src/core/sim/synthetic.ts';
import type { TerritoryData } from '../../src/core/territory/types.ts';
import { createTravelContext, type TravelContext } from '../../src/core/travel/context.ts';
import { comuneSpeedsKmh } from '../../src/core/travel/demand.ts';
import { haversineKm } from '../../src/core/travel/geo.ts';
import { median, put, timed } from './stats.ts';

const THRESHOLDS = [15, 30, 45, 60];

/**
 * The lower reference: the same outputs as computeCoverage (per-point response, per-comune mean,
 * residents within 15/30/45/60, mean / max / p90 for region, Ambito, PIS and ATS) in flat typed
 * arrays, p90 from a 0.5-min histogram instead of a sort. Returns the region mean and the
 * residents within 45 min, to check it computes the same thing.
 */
export function coverageKernel(ctx: TravelContext, layout: CompiledLayout): { regionMean: number; within45: number } {
  const { demand, data } = ctx;
  const n = demand.count;
  const fixed = DEFAULT_RESPONSE_ASSUMPTIONS.triageMin + DEFAULT_RESPONSE_ASSUMPTIONS.mobilisationMinByBand.closure;
  const factor = ctx.bandFactor('closure');
  const resp = new Float32Array(n);
  const { bases, services, serviceOfComune } = layout;
  const act = services.map((s) => s.baseIndices.filter((bi) => bases[bi].unitsByBand.closure > 0).map((bi) => bases[bi].travelMin));
  for (let p = 0; p < n; p++) {
    const s = serviceOfComune[demand.comune[p]];
    let best = Infinity;
    if (s >= 0) for (const row of act[s]) if (row[p] < best) best = row[p];
    resp[p] = fixed + best * factor;
  }
  const nc = data.comuni.length;
  const comune = new Float32Array(nc);
  for (let i = 0; i < nc; i++) {
    let w = 0;
    let s = 0;
    for (let p = demand.firstOfComune[i]; p < demand.firstOfComune[i + 1]; p++) {
      w += demand.residents[p];
      s += demand.residents[p] * resp[p];
    }
    comune[i] = w > 0 ? s / w : Infinity;
  }
  const na = data.ambiti.length;
  const ns = services.length;
  const nt = data.ats.length;
  const G = 1 + na + ns + nt;
  const BINS = 480;
  const total = new Float64Array(G);
  const reached = new Float64Array(G);
  const sum = new Float64Array(G);
  const max = new Float64Array(G);
  const within = new Float64Array(G * 4);
  const hist = new Float64Array(G * BINS);
  const aPos = new Map(data.ambiti.map((x, i) => [x.code, i]));
  const tPos = new Map(data.ats.map((x, i) => [x.code, i]));
  const gA = new Int32Array(nc);
  const gT = new Int32Array(nc);
  for (let i = 0; i < nc; i++) {
    gA[i] = aPos.get(layout.ambitoOfComune[i]) ?? -1;
    gT[i] = gA[i] >= 0 ? tPos.get(data.ambiti[gA[i]].ats) ?? -1 : -1;
  }
  for (let p = 0; p < n; p++) {
    const c = demand.comune[p];
    const w = demand.residents[p];
    const t = resp[p];
    const g0 = 0;
    const g1 = gA[c] >= 0 ? 1 + gA[c] : -1;
    const g2 = serviceOfComune[c] >= 0 ? 1 + na + serviceOfComune[c] : -1;
    const g3 = gT[c] >= 0 ? 1 + na + ns + gT[c] : -1;
    const fin = t < Infinity;
    const bin = fin ? Math.min(BINS - 1, (t * 2) | 0) : -1;
    for (const g of [g0, g1, g2, g3]) {
      if (g < 0) continue;
      total[g] += w;
      if (!fin) continue;
      reached[g] += w;
      sum[g] += w * t;
      if (t > max[g]) max[g] = t;
      if (t <= 15) within[g * 4] += w;
      if (t <= 30) within[g * 4 + 1] += w;
      if (t <= 45) within[g * 4 + 2] += w;
      if (t <= 60) within[g * 4 + 3] += w;
      hist[g * BINS + bin] += w;
    }
  }
  const p90 = new Float64Array(G);
  for (let g = 0; g < G; g++) {
    let cum = 0;
    for (let b = 0; b < BINS; b++) {
      cum += hist[g * BINS + b];
      if (cum >= 0.9 * reached[g] - 1e-9) {
        p90[g] = (b + 1) / 2;
        break;
      }
    }
  }
  return { regionMean: sum[0] / reached[0], within45: within[2] };
}

export async function benchSim(): Promise<Record<string, number>> {
  const data = JSON.parse(readFileSync(new URL('../../geodata/generated/territory.json', import.meta.url), 'utf8')) as TerritoryData;
  const layout = layoutOnePerAmbito(data);
  const out: Record<string, number> = {};

  // Precompute: demand points, graph, one Dijkstra per base comune, per-base times to every point.
  put(out, 'travel_precompute', timed(() => compileLayout(createTravelContext(data), layout), 5));
  const ctx = createTravelContext(data);
  compileLayout(ctx, layout);

  const compiled = compileLayout(ctx, layout);
  // Fair straight-line baseline: haversine × detour ÷ speed to the point's OWN service's bases
  // (not to all 91 and then discarded, as the earlier baseline did), then the same aggregations.
  const a = ctx.assumptions;
  const speeds = comuneSpeedsKmh(data, a);
  const fixed = DEFAULT_RESPONSE_ASSUMPTIONS.triageMin + DEFAULT_RESPONSE_ASSUMPTIONS.mobilisationMinByBand.closure;
  const naive = (): void => {
    const c = compileLayout(ctx, layout);
    const { demand } = ctx;
    const own = c.services.map((s) => s.baseIndices.map((bi) => c.bases[bi]));
    const resp = new Float32Array(demand.count);
    for (let p = 0; p < demand.count; p++) {
      const s = c.serviceOfComune[demand.comune[p]];
      let best = Infinity;
      if (s >= 0) for (const b of own[s]) {
        const t = ((haversineKm(b.point[0], b.point[1], demand.lon[p], demand.lat[p]) * a.detourFactor) / speeds[demand.comune[p]]) * 60;
        if (t < best) best = t;
      }
      resp[p] = fixed + best;
    }
    const order = orderByResponse(resp);
    const aPos = new Map(data.ambiti.map((x, i) => [x.code, i]));
    const tPos = new Map(data.ats.map((x, i) => [x.code, i]));
    const ambitoIdx = Int32Array.from(c.ambitoOfComune, (x) => aPos.get(x) ?? -1);
    const byComune = (f: (i: number) => number): Int32Array => Int32Array.from(demand.comune, f);
    const defs = (k: number) => Array.from({ length: k }, (_, i) => ({ code: String(i), name: '', comuni: 0 }));
    groupStats(byComune(() => 0), defs(1), demand.residents, resp, order, THRESHOLDS);
    groupStats(byComune((i) => ambitoIdx[i]), defs(data.ambiti.length), demand.residents, resp, order, THRESHOLDS);
    groupStats(byComune((i) => c.serviceOfComune[i]), defs(c.services.length), demand.residents, resp, order, THRESHOLDS);
    groupStats(byComune((i) => (ambitoIdx[i] >= 0 ? tPos.get(data.ambiti[ambitoIdx[i]].ats) ?? -1 : -1)), defs(data.ats.length), demand.residents, resp, order, THRESHOLDS);
  };
  // Round robin, 101 rounds after warm-ups: the four variants share the same moments of load, so
  // their ratios hold even on a busy machine. coverage = compile (cached travel) + compute, as the
  // worker does per edit; coverage_compute = compute alone, the same work as the kernel.
  const variants: [string, () => void][] = [
    ['coverage', () => computeCoverage(ctx, compileLayout(ctx, layout))],
    ['coverage_compute', () => computeCoverage(ctx, compiled)],
    ['fair_naive_coverage', naive],
    ['kernel_coverage', () => coverageKernel(ctx, compiled)],
  ];
  for (let w = 0; w < 5; w++) for (const [, run] of variants) run();
  const times = new Map(variants.map(([name]) => [name, [] as number[]]));
  for (let r = 0; r < 101; r++) for (const [name, run] of variants) {
    const t = performance.now();
    run();
    times.get(name)!.push(performance.now() - t);
  }
  const tm = (name: string) => ({ min: Math.min(...times.get(name)!), median: median(times.get(name)!), runs: 101 });
  for (const [name] of variants) put(out, name, tm(name));
  const cov = tm('coverage');
  const covOnly = tm('coverage_compute');
  const fair = tm('fair_naive_coverage');
  const kernel = tm('kernel_coverage');
  out.coverage_ms = cov.median;
  // Same output check: the kernel's region mean against the project's.
  const k = coverageKernel(ctx, compiled);
  const project = computeCoverage(ctx, compiled);
  out.kernel_region_mean_diff_min = Math.abs(k.regionMean - (project.region.meanResponseMin ?? NaN));
  out.coverage_vs_fair_naive = cov.median / fair.median;
  out.coverage_compute_vs_kernel = covOnly.median / kernel.median;
  out.coverage_compute_vs_kernel_min = covOnly.min / kernel.min;
  // The same with compileLayout included (what the worker does per edit; the kernel gets the compiled layout for free).
  out.coverage_vs_kernel = cov.median / kernel.median;

  // DES: the bench's workload (one PIS per Ambito, Rho-calibrated demand), 30 reps × 1 year.
  const des = timed(() => runSimulation(ctx, compiled, { replications: 30, horizonDays: 365, seed: 1 }), 5, 1);
  put(out, 'des_30x1y', des);
  await (await import('./desPool.ts')).benchDesPool(ctx, compiled, out);
  out.des_30x1y_ms = des.median;

  // Peer-comparable DES: ~20,000 dispatched calls a year, 30 units 24/7 at the 30 most populous
  // comuni of one PIS covering all Lombardy, 10 reps × 1 year.
  const top = [...data.comuni].sort((x, y) => y.residents - x.residents).slice(0, 30);
  const big: ServiceLayout = {
    illustrative: true,
    services: [{ id: 'lombardia', name: 'PIS sintetico Lombardia', members: data.ambiti.map((x) => x.code), graveMarginalita: true, centraleOperativa24h: true,
      bases: top.map((c) => ({ id: `base-${c.istat}`, istat: c.istat, unitsByBand: allBands(1) })) }],
  };
  const bigCompiled = compileLayout(ctx, big);
  const probe = runSimulation(ctx, bigCompiled, { replications: 1, horizonDays: 365, seed: 1 });
  const scale = 20_000 / Math.max(1, probe.region.dispatched?.mean ?? 1);
  const opts = { replications: 10, horizonDays: 365, seed: 1, des: { demandScale: scale } };
  let calls = 0;
  const des20k = timed(() => {
    calls = runSimulation(ctx, bigCompiled, opts).region.dispatched?.mean ?? NaN;
  }, 5, 1);
  put(out, 'des_20k_calls_10x1y', des20k);
  out.des_20k_calls_per_year = calls;
  out.des_20k_calls_per_s = (calls * 10) / (des20k.min / 1000);
  return out;
}

// Standalone: `npx tsx tests/bench/sim.ts`.
if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) {
  console.log(JSON.stringify(await benchSim()));
}
