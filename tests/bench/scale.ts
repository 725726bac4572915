// Growth to national size: Lombardy's real comuni tiled on a grid of offsets (3.2° × 2.1°) into
// synthetic territories of ×1, ×3 and ×5 (1,503 / 4,509 / 7,515 comuni; 91 / 273 / 455 Ambiti),
// seams joining each edge comune to its 2 nearest comuni on the next tile. Each size runs in its
// own process (scaleChild.ts: peak RSS is that size's alone): travel precompute (one base per
// Ambito), coverage, and p-median siting over all comuni as candidates with k = 10 per 91 Ambiti
// (10 / 30 / 50): problem build, heuristic, Lagrangian bound, dense below SPARSE_ABOVE points ×
// candidates and sparse above (sparse.ts); the 8k siting also dense, as the baseline in the same
// run. Then growth exponents log(t_big / t_small) / log(n_big / n_small). Synthetic: figures for
// growth, not for planning.
import { execFileSync } from 'node:child_process';
import type { TerritoryData } from '../../src/core/territory/types.ts';

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

/**
 * Each size in its own process (scaleChild.ts), so its peak RSS is its own; the 8k siting also
 * through the dense path (all of the matrix) as the baseline, in the same run.
 */
export async function benchScale(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const child = (copies: number, mode = ''): Record<string, number | string> => {
    const args = ['--import', 'tsx', '--expose-gc', new URL('./scaleChild.ts', import.meta.url).pathname, String(copies), ...(mode ? [mode] : [])];
    const text = execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    return JSON.parse(text.trim().split('\n').pop()!) as Record<string, number | string>;
  };
  const sizes: [string, number][] = [['1k5', 1], ['4k', 3], ['8k', 5]];
  const got: Record<string, Record<string, number | string>> = {};
  for (const [name, copies] of sizes) {
    const r = child(copies);
    got[name] = r;
    for (const [key, v] of Object.entries(r)) if (typeof v === 'number') out[`scale_${name}_${key}`] = v;
    out[`scale_${name}_siting_sparse`] = r.siting_path === 'sparse' ? 1 : 0;
  }
  // Baseline: the dense path at 8k (the whole candidate × point matrix), same k.
  const d = child(5, 'dense');
  for (const key of ['siting_build_ms', 'siting_build_cpu_ms', 'siting_heuristic_ms', 'siting_heuristic_cpu_ms', 'siting_bound_ms', 'siting_obj', 'siting_bound', 'siting_gap_pct', 'siting_peak_rss_mb', 'siting_array_buffers_delta_mb']) {
    if (typeof d[key] === 'number') out[`scale_8k_dense_${key}`] = d[key] as number;
  }
  out.scale_8k_sparse_vs_dense_siting_rss = (got['8k'].siting_peak_rss_mb as number) / (d.siting_peak_rss_mb as number);
  out.scale_8k_sparse_vs_dense_build_heuristic = ((got['8k'].siting_build_ms as number) + (got['8k'].siting_heuristic_ms as number)) / ((d.siting_build_ms as number) + (d.siting_heuristic_ms as number));
  const e = (a: number, b: number, na: number, nb: number): number => Math.log(b / a) / Math.log(nb / na);
  const s = got['1k5'];
  const l = got['8k'];
  const n = (r: Record<string, number | string>, key: string): number => r[key] as number;
  out.scale_exponent_travel_precompute = e(n(s, 'travel_precompute_ms'), n(l, 'travel_precompute_ms'), n(s, 'comuni'), n(l, 'comuni'));
  out.scale_exponent_coverage = e(n(s, 'coverage_min_ms'), n(l, 'coverage_min_ms'), n(s, 'comuni'), n(l, 'comuni'));
  out.scale_exponent_siting_build = e(n(s, 'siting_build_ms'), n(l, 'siting_build_ms'), n(s, 'comuni'), n(l, 'comuni'));
  out.scale_exponent_siting_heuristic = e(n(s, 'siting_heuristic_ms'), n(l, 'siting_heuristic_ms'), n(s, 'comuni'), n(l, 'comuni'));
  out.scale_exponent_siting_peak_rss = e(n(s, 'siting_peak_rss_mb'), n(l, 'siting_peak_rss_mb'), n(s, 'comuni'), n(l, 'comuni'));
  return out;
}
