// Replication statistics: percentiles of a sample and mean with a Student-t 95 % interval.
import { at } from '../check/at.ts';

export interface Estimate {
  mean: number;
  ciLow: number;
  ciHigh: number;
  /** Replications contributing (a service with no call in a replication has no response value). */
  n: number;
}

// Two-sided 97.5 % quantiles of Student's t for 1..30 degrees of freedom.
const T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];

export function estimate(values: readonly (number | null)[]): Estimate | null {
  // Stryker disable next-line ConditionalExpression: Number.isFinite(null) is false, so the null test only narrows the type
  const v = values.filter((x): x is number => x !== null && Number.isFinite(x));
  const n = v.length;
  if (n === 0) return null;
  const mean = v.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { mean, ciLow: mean, ciHigh: mean, n };
  const variance = v.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  // Up to 30 degrees of freedom from the table (index n − 2), the normal quantile beyond.
  const t = T975[n - 2] ?? 1.96;
  const half = (t * Math.sqrt(variance)) / Math.sqrt(n);
  return { mean, ciLow: mean - half, ciHigh: mean + half, n };
}

/** Nearest-rank percentile (q in 0..1) of an ascending-sorted sample; null when empty. */
export function percentileSorted(sorted: ArrayLike<number>, q: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return at(sorted, rank - 1);
}
