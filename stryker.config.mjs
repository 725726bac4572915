// StrykerJS over the simulation core, one folder at a time (scripts/mutate.mjs sets
// MUTATE_FOLDER): `npm run mutate` (all six folders) or `npm run mutate -- des` (one). Not in CI:
// it takes from minutes (rule50k) to hours (optimise) on two cores. Incremental: a re-run only
// tests mutants whose code or tests changed (reports/mutation/<folder>.incremental.json).
const folder = process.env.MUTATE_FOLDER ?? 'rule50k';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vite.config.ts', related: true },
  mutate: [
    `src/core/${folder}/**/*.ts`,
    '!src/core/**/index.ts', // barrels: re-exports only
    '!src/core/sim/synthetic.ts', // test fixtures
    '!src/core/des/demandData.ts', // sourced data tables, not logic
  ],
  coverageAnalysis: 'perTest',
  // Module-level constants would need the whole suite per mutant; they are data with sources.
  ignoreStatic: true,
  concurrency: Number(process.env.MUTATE_CONCURRENCY ?? 1),
  timeoutMS: 20_000,
  timeoutFactor: 2,
  incremental: true,
  incrementalFile: `reports/mutation/${folder}.incremental.json`,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: `reports/mutation/${folder}.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: false, reportScoreTable: true },
  // Stryker rewrites tsconfig.json in its sandbox with the classic TypeScript API, which the
  // native TypeScript 7 does not have; Vitest does not read tsconfig for types, so point it at
  // a file that does not exist and the rewrite is skipped.
  tsconfigFile: 'tsconfig.stryker-none.json',
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
