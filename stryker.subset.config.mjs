// A quick mutation run of one folder against a subset of the unit tests only (a lower bound of the
// score: a mutant only other tests kill counts as survived), e.g.
//   MUTATE_FOLDER=travel MUTATE_TESTS='tests/unit/travel*.test.ts' npx stryker run stryker.subset.config.mjs
// Same incremental file as the full run: a later `npm run mutate -- <folder>` re-tests what survived
// here against the whole suite and keeps what was killed.
import base from './stryker.config.mjs';

export default { ...base, vitest: { configFile: 'vitest.subset.config.ts', related: false } };
