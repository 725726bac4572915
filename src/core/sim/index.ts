// Simulation entry points for the worker, the CLI and the tests.
export * from './layout.ts';
export * from './compile.ts';
export * from './api.ts';
export * from './synthetic.ts';
