// Editable service-time distributions, as plain data so they cross threads and fit a form.
import { type Rng, standardNormal } from './rng.ts';

export type Distribution =
  | { kind: 'fixed'; valueMin: number }
  | { kind: 'triangular'; minMin: number; modeMin: number; maxMin: number }
  | { kind: 'lognormal'; medianMin: number; sigma: number };

export function sample(d: Distribution, rng: Rng): number {
  switch (d.kind) {
    case 'fixed':
      return d.valueMin;
    case 'triangular': {
      const { minMin: a, modeMin: c, maxMin: b } = d;
      if (b <= a) return a;
      const u = rng();
      const f = (c - a) / (b - a);
      // Stryker disable next-line EqualityOperator: at u = f both branches give the mode (the inverse CDF is continuous)
      return u < f ? a + Math.sqrt(u * (b - a) * (c - a)) : b - Math.sqrt((1 - u) * (b - a) * (b - c));
    }
    case 'lognormal':
      return d.medianMin * Math.exp(d.sigma * standardNormal(rng));
  }
}

export function mean(d: Distribution): number {
  switch (d.kind) {
    case 'fixed':
      return d.valueMin;
    case 'triangular':
      return (d.minMin + d.modeMin + d.maxMin) / 3;
    case 'lognormal':
      return d.medianMin * Math.exp((d.sigma * d.sigma) / 2);
  }
}

/** Italian messages for an invalid distribution; empty when valid. */
export function validateDistribution(d: Distribution, label: string): string[] {
  const bad = (msg: string): string[] => [`${label}: ${msg}`];
  switch (d.kind) {
    case 'fixed':
      return d.valueMin >= 0 ? [] : bad('il valore deve essere ≥ 0');
    case 'triangular':
      return d.minMin >= 0 && d.minMin <= d.modeMin && d.modeMin <= d.maxMin ? [] : bad('serve 0 ≤ minimo ≤ moda ≤ massimo');
    case 'lognormal':
      return d.medianMin > 0 && d.sigma >= 0 ? [] : bad('mediana > 0 e sigma ≥ 0');
  }
}
