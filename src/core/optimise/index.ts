// Optimisation of associated PIS: siting, suggested associations, burden sharing, comparison.
export * from './siting.ts';
export * from './mip.ts';
export * from './associations.ts';
export * from './shares.ts';
export * from './compare.ts';
export * from './api.ts';
