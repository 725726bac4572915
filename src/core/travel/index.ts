// Travel-time model: demand points, graph estimate, OD-matrix import, per-base precompute.
export * from './assumptions.ts';
export * from './demand.ts';
export * from './dijkstra.ts';
export * from './geo.ts';
export * from './model.ts';
export * from './odMatrix.ts';
export * from './context.ts';
