#!/bin/bash
# A quick mutation run of some files of one core folder, one file at a time, against the folder's
# own test files with the all-Lombardy tests skipped (MUTATE_LIGHT=1, tests/unit/helpers/heavy.ts):
# instrumented, those run ~40× slower. The score is a lower bound of the full one (a mutant that
# only another test kills counts as survived). Each file keeps its incremental report in
# reports/mutation/parts/ (a re-run only re-tests what changed); merge them into the folder's with
# `npm run mutate -- --merge <folder> reports/mutation/parts/<folder>-*.incremental.json`.
#   scripts/mutate-files.sh des 'tests/unit/des*.test.ts,tests/unit/probes.test.ts' engine.ts simulate.ts
set -u
FOLDER=$1; TESTS=$2; shift 2
mkdir -p reports/mutation/parts
for F in "$@"; do
  B=$(basename "$F" .ts)
  MUTATE_LIGHT=1 MUTATE_FOLDER=$FOLDER MUTATE_CONCURRENCY=${MUTATE_CONCURRENCY:-1} MUTATE_TESTS="$TESTS" \
    npx stryker run stryker.subset.config.mjs --timeoutMS 3000 --mutate "src/core/$FOLDER/$F" \
    --incrementalFile "reports/mutation/parts/$FOLDER-$B.incremental.json" || echo "stryker failed on $F"
done
