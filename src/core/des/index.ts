// Discrete-event simulation of PIS response times.
export * from './assumptions.ts';
export * from './calendar.ts';
export * from './distributions.ts';
export * from './rng.ts';
export * from './stats.ts';
export * from './model.ts';
export * from './engine.ts';
export * from './simulate.ts';
