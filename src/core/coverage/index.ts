// Coverage of a service layout: response times per demand point, comune, Ambito, PIS and ATS.
export * from './assumptions.ts';
export * from './stats.ts';
export * from './coverage.ts';
