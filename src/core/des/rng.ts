// Seeded random numbers: mulberry32 (fast, 32-bit state, good enough for a planning DES) and the
// few distributions the DES needs. Same seed ⇒ same stream on every platform (integer maths only
// in the generator).

export type Rng = () => number;

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Independent seed for replication `rep` of a run seeded with `seed` (splitmix32 finaliser). */
export function replicationSeed(seed: number, rep: number): number {
  let z = (seed + Math.imul(rep + 1, 0x9e3779b9)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/** Exponential with the given rate (events per unit time). */
export function exponential(rng: Rng, rate: number): number {
  return -Math.log(1 - rng()) / rate;
}

export function standardNormal(rng: Rng): number {
  // Box–Muller; one value per call keeps the stream simple to reason about.
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
