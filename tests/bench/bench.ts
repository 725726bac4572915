// `npm run bench`: per-operation figures on the real data. Budgets are judged here, by a person or a
// tracking job reading the last line, never by timed unit tests.
// Prints a table, then as the LAST line one JSON object with every figure.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const figures: Record<string, number | string> = {};

async function section(name: string, run: () => Promise<Record<string, number>>): Promise<void> {
  try {
    Object.assign(figures, await run());
  } catch (err) {
    figures[`${name}_error`] = String(err instanceof Error ? err.message : err);
  }
}

await section('core', async () => (await import('./core.ts')).benchCore());
await section('sim', async () => (await import('./sim.ts')).benchSim());
await section('optimise', async () => (await import('./optimise.ts')).benchOptimise());
if (!existsSync('dist/index.html')) execSync('npx vite build', { stdio: 'ignore' });
await section('map', async () => (await import('./map.ts')).benchMap('dist'));

const rows = Object.entries(figures).map(([k, v]) => `${k.padEnd(28)} ${typeof v === 'number' ? v.toFixed(v < 100 ? 2 : 0).padStart(12) : v}`);
console.log(['figure'.padEnd(28) + ' value'.padStart(12), ...rows].join('\n'));
console.log(JSON.stringify(figures));
