// Golden results on the real data: a change in any snapshotted number fails until a person
// approves it with `UPDATE_GOLDEN=1 npx vitest run tests/unit/sim-golden.test.ts` (and reviews the
// diff). Three layouts: one PIS per ATS and one per Ambito (one base, one unit each), and a layout
// with several bases and several units per PIS, per-band rosters and an OD matrix, snapshotted in
// every band with its per-Ambito results. The e2e simulation journey compares the browser
// worker's numbers with the first of these files.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toPlainJson } from '../../src/cli/simulate.ts';
import { createSimulationApi } from '../../src/core/sim/api.ts';
import type { ServiceLayout } from '../../src/core/sim/layout.ts';
import { TIME_BANDS, type TimeBand } from '../../src/core/sim/layout.ts';
import { layoutOnePerAmbito, layoutOnePerAts } from '../../src/core/sim/synthetic.ts';
import type { TerritoryData } from '../../src/core/territory/types.ts';
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

/**
 * One PIS per ATS with three bases in the three most populous comuni of different Ambiti: two
 * units at the first in office hours and one elsewhere, the second base without night units, the
 * third a reperibilità-like base present only in closure and holiday hours.
 */
function layoutMultiBase(d: TerritoryData): ServiceLayout {
  const base = layoutOnePerAts(d);
  return {
    ...base,
    services: base.services.map((svc) => {
      const seen = new Set<string>();
      const top = d.comuni
        .filter((c) => svc.members.includes(c.ambito))
        .sort((a, b) => b.residents - a.residents || a.istat.localeCompare(b.istat))
        .filter((c) => (seen.has(c.ambito) ? false : (seen.add(c.ambito), true)))
        .slice(0, 3);
      const roster = (f: (b: TimeBand) => number) => Object.fromEntries(TIME_BANDS.map((b) => [b, f(b)])) as Record<TimeBand, number>;
      const rosters = [
        roster((b) => (b === 'office' ? 2 : 1)),
        roster((b) => (b === 'night' ? 0 : 1)),
        roster((b) => (b === 'closure' || b === 'holiday' ? 1 : 0)),
      ];
      return { ...svc, bases: top.map((c, i) => ({ id: `base-${c.istat}`, istat: c.istat, unitsByBand: rosters[i]! })) };
    }),
  };
}

/** A small OD matrix: from Milano and Rho to a handful of comuni, minutes chosen by hand. */
const OD_CSV = ['from_istat,to_istat,minutes', '015146,015182,25', '015182,015146,25', '015146,015250,18', '015182,015016,12', '015146,016024,55'].join('\n') + '\n';

async function multiBaseSnapshot() {
  const odApi = createSimulationApi({ loadTerritory: async () => data });
  const report = await odApi.importOdMatrix(OD_CSV);
  if (!report.ok) throw new Error(`OD fixture refused: ${report.errors.join('; ')}`);
  const layout = layoutMultiBase(data);
  const bands: Record<string, unknown> = {};
  for (const band of TIME_BANDS) {
    const cov = await odApi.coverage(layout, { band });
    bands[band] = {
      travelSource: cov.travelSource,
      region: cov.region,
      byAmbito: cov.byAmbito.map((a) => ({ code: a.code, residentsWithin: a.residentsWithin, meanResponseMin: a.meanResponseMin, p90ResponseMin: a.p90ResponseMin })),
      notReached: cov.notReached.length,
    };
  }
  const rule = await odApi.rule50k(layout);
  const sim = await odApi.simulate(layout, { seed: 1, replications: 3, horizonDays: 180 });
  return toPlainJson({
    od: report.counts,
    bases: layout.services.map((s) => s.bases.map((b) => b.istat)),
    bands,
    rule50k: rule.comuni.map((e) => ({ istat_code: e.istat_code, pass: e.pass, responseMin: e.responseMin })),
    simulation: {
      region: sim.region,
      services: sim.services.map((s) => ({ id: s.id, calls: s.calls?.mean, p90Min: s.response?.p90Min?.mean ?? null, utilisation: s.utilisation?.mean, saturated: s.saturated })),
    },
  });
}

const cases: [string, () => Promise<unknown>][] = [
  ['sim-one-pis-per-ats', () => snapshot(layoutOnePerAts(data))],
  ['sim-one-pis-per-ambito', () => snapshot(layoutOnePerAmbito(data))],
  ['sim-multi-base-od-all-bands', multiBaseSnapshot],
];

describe('golden simulation results on the real Lombardy data', () => {
  it('the multi-base layout really has several bases and units per PIS', () => {
    const l = layoutMultiBase(data);
    expect(l.services.every((s) => s.bases.length === 3)).toBe(true);
    expect(l.services.every((s) => s.bases[0]!.unitsByBand.office === 2)).toBe(true);
  });
  for (const [name, make] of cases) {
    it(name, async () => {
      const file = new URL(`${name}.json`, goldenDir);
      const actual = await make();
      if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
        if (process.env.UPDATE_GOLDEN !== '1') throw new Error(`Golden mancante: ${file.pathname}; rigenerarlo con UPDATE_GOLDEN=1`);
        mkdirSync(goldenDir, { recursive: true });
        writeFileSync(file, JSON.stringify(actual, null, 1) + '\n');
      }
      expect(actual).toEqual(JSON.parse(readFileSync(file, 'utf8')));
    });
  }
});
