// The 50,000 rule of LEPS sheet 3.7.1: per-comune pass/fail with minimal fixes.
export * from './legal.ts';
export * from './rule50k.ts';
