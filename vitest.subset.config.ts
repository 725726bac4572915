// Vitest over a subset of the unit tests, for a quick mutation run (stryker.subset.config.mjs):
// MUTATE_TESTS is a comma-separated list of globs, e.g. 'tests/unit/travel*.test.ts'.
import { defineConfig } from 'vitest/config';

const include = (process.env.MUTATE_TESTS ?? 'tests/unit/**/*.test.ts').split(',');
export default defineConfig({ test: { include, testTimeout: 60_000 } });
