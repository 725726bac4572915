// `npm run bench`: per-operation figures on the real data. Budgets are judged here, as ratios
// against baselines measured in the same run, by a person or a tracking job reading the last
// line, never by timed unit tests. The machine may be shared: each section records the 1-minute
// load average, and a fixed yardstick runs before and after (figures ÷ yardstick travel better
// across loads than milliseconds).
// Prints a table, then as the LAST line one JSON object with every figure.
// BENCH_ONLY=sim,optimise runs only those sections.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { cores, load, yardstickMs } from './stats.ts';

const figures: Record<string, number | string> = {};
const only = process.env.BENCH_ONLY?.split(',');
const started = performance.now();

async function section(name: string, run: () => Promise<Record<string, number>>): Promise<void> {
  if (only && !only.includes(name)) return;
  figures[`${name}_load`] = load();
  const t = performance.now();
  try {
    Object.assign(figures, await run());
  } catch (err) {
    figures[`${name}_error`] = String(err instanceof Error ? err.message : err);
  }
  figures[`${name}_section_s`] = (performance.now() - t) / 1000;
}

figures.cores = cores;
figures.load_start = load();
figures.yardstick_start_ms = Math.min(yardstickMs(), yardstickMs(), yardstickMs());
await section('core', async () => (await import('./core.ts')).benchCore());
await section('sim', async () => (await import('./sim.ts')).benchSim());
await section('optimise', async () => (await import('./optimise.ts')).benchOptimise());
await section('scale', async () => (await import('./scale.ts')).benchScale());
if (!only || only.includes('map')) if (!existsSync('dist/index.html')) execSync('npx vite build', { stdio: 'ignore' });
await section('map', async () => (await import('./map.ts')).benchMap('dist'));
figures.yardstick_end_ms = Math.min(yardstickMs(), yardstickMs(), yardstickMs());
figures.load_end = load();
figures.bench_total_s = (performance.now() - started) / 1000;

const rows = Object.entries(figures).map(([k, v]) => `${k.padEnd(44)} ${typeof v === 'number' ? v.toFixed(Math.abs(v) < 100 ? 3 : 0).padStart(14) : v}`);
console.log(['figure'.padEnd(44) + ' value'.padStart(14), ...rows].join('\n'));
console.log(JSON.stringify(figures));
