// Growth to national size: Lombardy's real comuni tiled on a grid of offsets (3.2° × 2.1°) into
// synthetic territories of ×1, ×2.7 and ×5 (≈ 1.5k / 4k / 7.5k comuni; 91 / 246 / 455 Ambiti),
// seams joining each edge comune to its 2 nearest comuni on the next tile. Per size: travel
// precompute (one base per Ambito), coverage, and siting over all comuni as candidates (p-median,
// k 10: problem build + heuristic), with the memory it holds; then growth exponents
// log(t_big / t_small) / log(n_big / n_small). Synthetic: figures for growth, not for planning.
import { readFileSync } from 'node:fs';
import { computeCoverage } from '../../src/core/coverage/coverage.ts';
import { buildSitingProblem, solveHeuristic } from '../../src/core/optimise/siting.ts';
import { compileLayout } from '../../src/core/sim/compile.ts';
import { layoutOnePerAmbito } from '../../src/core/sim/synthetic.ts';
import type { TerritoryData } from '../../src/core/territory/types.ts';
import { createTravelContext } from '../../src/core/travel/context.ts';
import { timed } from './stats.ts';

/** `copies` tiles of the territory (copy t shifted by (t mod 3) · 3.2° east, ⌊t / 3⌋ · 2.1° north). */
export function tileTerritory(data: TerritoryData, copies: number): TerritoryData {
  const n = data.comuni.length;
  const comuni: TerritoryData['comuni'] = [];
  const adjacency: number[][] = [];
  const ambiti: TerritoryData['ambiti'] = [];
  const ats: TerritoryData['ats'] = [];
  const asst: TerritoryData['asst'] = [];
  const distretti: TerritoryData['distretti'] = [];
  const links: TerritoryData['links'] = [];
  const sfx = (code: string, t: number): string => (t === 0 ? code : `${code}t${t}`);
  for (let t = 0; t < copies; t++) {
    const dx = (t % 3) * 3.2;
    const dy = Math.floor(t / 3) * 2.1;
    data.comuni.forEach((c) => comuni.push({ ...c, istat: t === 0 ? c.istat : `${t}${c.istat}`, name: t === 0 ? c.name : `${c.name} (${t})`, ambito: sfx(c.ambito, t), point: [c.point[0] + dx, c.point[1] + dy] }));
    data.adjacency.forEach((a) => adjacency.push(a.map((j) => j + t * n)));
    data.ambiti.forEach((a) => ambiti.push({ ...a, code: sfx(a.code, t), ats: sfx(a.ats, t), asst: a.asst.map((x) => sfx(x, t)), distretti: a.distretti.map((x) => sfx(x, t)) }));
    data.ats.forEach((a) => ats.push({ ...a, code: sfx(a.code, t) }));
    data.asst.forEach((a) => asst.push({ ...a, code: sfx(a.code, t), ats: sfx(a.ats, t) }));
    data.distretti.forEach((d) => distretti.push({ ...d, code: sfx(d.code, t), asst: d.asst.map((x) => sfx(x, t)) }));
    data.links.forEach((l) => links.push({ ambito: sfx(l.ambito, t), distretto: sfx(l.distretto, t), asst: sfx(l.asst, t), ats: sfx(l.ats, t) }));
  }
  // Seams: each comune within 0.15° of a tile's east / north edge joins the 2 nearest of the neighbouring tile.
  const lon = data.comuni.map((c) => c.point[0]);
  const lat = data.comuni.map((c) => c.point[1]);
  const maxLon = Math.max(...lon);
  const maxLat = Math.max(...lat);
  const link = (a: number, b: number): void => {
    if (!adjacency[a].includes(b)) adjacency[a].push(b);
    if (!adjacency[b].includes(a)) adjacency[b].push(a);
  };
  for (let t = 0; t < copies; t++) {
    const east = t % 3 < 2 && t + 1 < copies ? t + 1 : -1;
    const north = t + 3 < copies ? t + 3 : -1;
    for (const [other, edge] of [[east, 'e'], [north, 'n']] as const) {
      if (other < 0) continue;
      for (let i = 0; i < n; i++) {
        if (edge === 'e' ? lon[i] < maxLon - 0.15 : lat[i] < maxLat - 0.15) continue;
        const p = comuni[t * n + i].point;
        const near = Array.from({ length: n }, (_, j) => j)
          .map((j) => [j, Math.hypot(comuni[other * n + j].point[0] - p[0], comuni[other * n + j].point[1] - p[1])] as const)
          .sort((x, y) => x[1] - y[1])
          .slice(0, 2);
        for (const [j] of near) link(t * n + i, other * n + j);
      }
    }
  }
  adjacency.forEach((a) => a.sort((x, y) => x - y));
  return { ...data, comuni, adjacency, ambiti, ats, asst, distretti, links };
}

const mb = (x: number): number => x / 1048576;

export async function benchScale(): Promise<Record<string, number>> {
  const base = JSON.parse(readFileSync(new URL('../../geodata/generated/territory.json', import.meta.url), 'utf8')) as TerritoryData;
  const out: Record<string, number> = {};
  const sizes: [string, number][] = [['1k5', 1], ['4k', 3], ['8k', 5]];
  const got: Record<string, { n: number; travel: number; siting: number; build: number }> = {};
  for (const [name, copies] of sizes) {
    const data = tileTerritory(base, copies);
    const layout = layoutOnePerAmbito(data);
    const travel = timed(() => compileLayout(createTravelContext(data), layout), copies === 1 ? 3 : 1, 0);
    const ctx = createTravelContext(data);
    const compiled = compileLayout(ctx, layout);
    const cov = timed(() => computeCoverage(ctx, compiled), 9, 2);
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const before = process.memoryUsage();
    const t0 = performance.now();
    const p = buildSitingProblem(ctx, { members: data.ambiti.map((a) => a.code), k: 10, objective: 'median' });
    const build = performance.now() - t0;
    const t1 = performance.now();
    solveHeuristic(p);
    const heur = performance.now() - t1;
    const after = process.memoryUsage();
    out[`scale_${name}_comuni`] = data.comuni.length;
    out[`scale_${name}_ambiti`] = data.ambiti.length;
    out[`scale_${name}_travel_precompute_ms`] = travel.min;
    out[`scale_${name}_coverage_min_ms`] = cov.min;
    out[`scale_${name}_coverage_median_ms`] = cov.median;
    out[`scale_${name}_siting_build_ms`] = build;
    out[`scale_${name}_siting_heuristic_ms`] = heur;
    out[`scale_${name}_siting_rss_mb`] = mb(after.rss);
    out[`scale_${name}_siting_array_buffers_delta_mb`] = mb(after.arrayBuffers - before.arrayBuffers);
    got[name] = { n: data.comuni.length, travel: travel.min, siting: heur, build };
  }
  const e = (a: number, b: number, na: number, nb: number): number => Math.log(b / a) / Math.log(nb / na);
  const s = got['1k5'];
  const l = got['8k'];
  out.scale_exponent_travel_precompute = e(s.travel, l.travel, s.n, l.n);
  out.scale_exponent_siting_build = e(s.build, l.build, s.n, l.n);
  out.scale_exponent_siting_heuristic = e(s.siting, l.siting, s.n, l.n);
  return out;
}
