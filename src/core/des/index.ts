// Discrete-event simulation of PIS response times.
export * from './assumptions.ts';
export * from './calendar.ts';
export * from './distributions.ts';
export * from './rng.ts';
export * from './stats.ts';
export * from './model.ts';
export * from './engine.ts';
export * from './simulate.ts';
export * from './demand.ts';
export * from './demandData.ts';
export * from './demandModel.ts';
export * from './periods.ts';
export * from './caveats.ts';
