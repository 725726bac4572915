// Repeated timings for the bench: min and median of n runs (after warm-ups), the machine's load,
// and a fixed single-thread yardstick, so figures from a shared, loaded machine can be read.
import { cpus, loadavg } from 'node:os';

export interface Timing {
  min: number;
  median: number;
  runs: number;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Times `run` n times after `warm` untimed runs. */
export function timed(run: () => void, n = 5, warm = 1): Timing {
  for (let i = 0; i < warm; i++) run();
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    run();
    xs.push(performance.now() - t);
  }
  return { min: Math.min(...xs), median: median(xs), runs: n };
}

export async function timedAsync(run: () => Promise<void>, n = 5, warm = 1): Promise<Timing> {
  for (let i = 0; i < warm; i++) await run();
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await run();
    xs.push(performance.now() - t);
  }
  return { min: Math.min(...xs), median: median(xs), runs: n };
}

/** Writes name_min_ms and name_median_ms (and name_ms = median, the key earlier benches used). */
export function put(out: Record<string, number>, name: string, t: Timing): void {
  out[`${name}_min_ms`] = t.min;
  out[`${name}_median_ms`] = t.median;
}

/** 1-minute load average and the number of cores (the machine is shared: read the figures with it). */
export function load(): number {
  return loadavg()[0];
}
export const cores = cpus().length;

/**
 * Yardstick: a fixed single-thread workload (a seeded LCG filling and sorting 400,000 doubles,
 * then a dot-product loop); ≈ 100 ms on an idle core of this machine. Figures ÷ yardstick compare
 * across loads better than raw milliseconds.
 */
export function yardstickMs(): number {
  const t = performance.now();
  let s = 12345;
  const a = new Float64Array(400_000);
  for (let i = 0; i < a.length; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    a[i] = s / 4294967296;
  }
  a.sort();
  let acc = 0;
  for (let r = 0; r < 40; r++) for (let i = 0; i < a.length; i++) acc += a[i] * a[a.length - 1 - i];
  if (acc === 42) console.log('');
  return performance.now() - t;
}
