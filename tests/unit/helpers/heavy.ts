// Tests at the scale of all Lombardy, or over many random calendars hour by hour. Under Stryker's
// instrumentation they run some 40× slower (the sparse "all Lombardy k 10" test passed 60 s in the
// dry run), so a quick mutation run of a folder sets MUTATE_LIGHT=1 and skips them: its score is
// then a lower bound of the full one. In `npm test` they always run.
import { it } from 'vitest';

export const itHeavy = process.env.MUTATE_LIGHT ? it.skip : it;
