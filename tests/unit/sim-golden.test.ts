// Golden results on the real data: a change in any number fails until a person approves it with
// `UPDATE_GOLDEN=1 npx vitest run tests/unit/sim-golden.test.ts` (and reviews the diff).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toPlainJson } from '../../src/cli/simulate.ts';
import { createSimulationApi } from '../../src/core/sim/api.ts';
import type { ServiceLayout } from '../../src/core/sim/layout.ts';
import { layoutOnePerAmbito, layoutOnePerAts } from '../../src/core/sim/synthetic.ts';
import { loadTerritoryData } from './helpers/realData.ts';

const data = loadTerritoryData();
const api = createSimulationApi({ loadTerritory: async () => data });
const goldenDir = new URL('../golden/', import.meta.url);

async function snapshot(layout: ServiceLayout) {
  const cov = await api.coverage(layout);
  const rule = await api.rule50k(layout);
  const sim = await api.simulate(layout, { seed: 1, replications: 5, horizonDays: 365 });
  return toPlainJson({
    coverage: {
      band: cov.band,
      thresholdsMin: cov.thresholdsMin,
      targetMin: cov.targetMin,
      region: cov.region,
      byAts: cov.byAts,
      notReached: cov.notReached.length,
      comuniWithoutPis: cov.comuniWithoutPis.length,
    },
    rule50k: rule.comuni.map((e) => ({ istat_code: e.istat_code, name: e.name, pass: e.pass, legalPass: e.legalPass, responseMin: e.responseMin, fixes: e.fixes })),
    simulation: {
      region: sim.region,
      services: sim.services.map((s) => ({ id: s.id, calls: s.calls?.mean, p90Min: s.response?.p90Min?.mean ?? null, utilisation: s.utilisation?.mean, saturated: s.saturated })),
    },
  });
}

const cases: [string, () => ServiceLayout][] = [
  ['sim-one-pis-per-ats', () => layoutOnePerAts(data)],
  ['sim-one-pis-per-ambito', () => layoutOnePerAmbito(data)],
];

describe('golden simulation results on the real Lombardy data', () => {
  for (const [name, make] of cases) {
    it(name, async () => {
      const file = new URL(`${name}.json`, goldenDir);
      const actual = await snapshot(make());
      if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
        if (process.env.UPDATE_GOLDEN !== '1') throw new Error(`Golden mancante: ${file.pathname}; rigenerarlo con UPDATE_GOLDEN=1`);
        mkdirSync(goldenDir, { recursive: true });
        writeFileSync(file, JSON.stringify(actual, null, 1) + '\n');
      }
      expect(actual).toEqual(JSON.parse(readFileSync(file, 'utf8')));
    });
  }
});
