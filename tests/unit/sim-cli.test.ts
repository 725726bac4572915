import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSimulationCli, toPlainJson } from '../../src/cli/simulate.ts';
import { layoutOnePerAts } from '../../src/core/sim/synthetic.ts';
import { createSimulationApi } from '../../src/core/sim/api.ts';
import { loadTerritoryData, repoRoot } from './helpers/realData.ts';

const data = loadTerritoryData();

describe('simulate CLI', () => {
  it('runSimulationCli returns coverage, a rule50k list and the simulation', async () => {
    const r = await runSimulationCli(layoutOnePerAts(data), { replications: 2, territory: data });
    expect(r.rule50k).toHaveLength(19);
    expect(r.rule50k.map((e) => e.istat_code)).toContain('015146');
    expect(r.coverage.comuni).toHaveLength(data.comuni.length);
    expect(r.simulation.replicationsDone).toBe(2);
    expect(r.illustrative).toBe(true);
  });

  it('toPlainJson turns typed arrays into arrays and Infinity into null', () => {
    expect(toPlainJson({ a: new Float32Array([1.23456, Infinity]), b: NaN })).toEqual({ a: [1.235, null], b: null });
  });

  it('keeps small values when rounding for output: a rate of 2.18e-4 is not 0 (fidelity §4 #24)', () => {
    expect(toPlainJson({ rate: 0.000218123456, minutes: 37.67549, n: 10116766, zero: 0 })).toEqual({ rate: 0.000218123, minutes: 37.675, n: 10116766, zero: 0 });
  });

  it('--help prints the usage and the caveats, exit 0', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/simulate.ts', '--help'], { cwd: repoRoot, encoding: 'utf8' });
    expect(out).toMatch(/--example/);
    expect(out).toMatch(/--band <fascia>/);
    expect(out).toMatch(/calibrata sul solo PIS di Rho/);
    expect(out).toMatch(/vuota per costruzione/);
    expect(out).toMatch(/rumore della simulazione/);
    expect(out).toMatch(/nessuna base/);
  });

  it('prints the full results as JSON with --json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pis-cli-'));
    const file = join(dir, 'layout.json');
    writeFileSync(file, JSON.stringify(layoutOnePerAts(data)));
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/simulate.ts', '--layout', file, '--json', '--replications', '2'], { cwd: repoRoot, encoding: 'utf8' });
    const json = JSON.parse(out) as {
      rule50k: { istat_code: string; pass: boolean }[];
      coverage: { region: { residents: number; shareWithin: number[] }; byAmbito: unknown[]; comuni: { istat_code: string; responseMin: number | null }[] };
      simulation: { replicationsDone: number; cancelled: boolean };
    };
    expect(json.rule50k).toHaveLength(19);
    for (const e of json.rule50k) expect(typeof e.pass).toBe('boolean');
    // The CLI prints what the API computes (the same core): compare with a direct call.
    const direct = await createSimulationApi({ loadTerritory: async () => data }).coverage(layoutOnePerAts(data));
    expect(json.coverage.region.residents).toBe(direct.region.residents);
    json.coverage.region.shareWithin.forEach((x, i) => expect(x).toBeCloseTo(direct.region.shareWithin[i]!, 5));
    expect(json.coverage.byAmbito).toHaveLength(91);
    expect(json.coverage.comuni.map((c) => c.istat_code)).toEqual(data.comuni.map((c) => c.istat));
    expect(json.simulation.replicationsDone).toBe(2);
    expect(json.simulation.cancelled).toBe(false);
  });

  it('fails with an Italian message on an unknown option', () => {
    let stderr = '';
    try {
      execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/simulate.ts', '--boh'], { cwd: repoRoot, encoding: 'utf8', stdio: 'pipe' });
    } catch (err) {
      stderr = String((err as { stderr?: string }).stderr);
    }
    expect(stderr).toMatch(/Opzione sconosciuta: --boh/);
  });

  it('--example runs the bundled illustrative scenario and says it is illustrative', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/simulate.ts', '--example', '--json', '--replications', '2'], { cwd: repoRoot, encoding: 'utf8' });
    const json = JSON.parse(out) as { illustrative: boolean; rule50k: { istat_code: string; pass: boolean }[]; simulation: { demand: { calibration: { closureHours: number; ratePerHourByKind: Record<string, number> }; lomellina: { predictedReports: number; observedActivations: number } } } };
    expect(json.illustrative).toBe(true);
    // The calibrated rates print with their real value (17 urgencies / 15,216 h / 175,229 residents = 6.37591e-9), not as 0.
    expect(json.simulation.demand.calibration.closureHours).toBe(15216);
    expect(json.simulation.demand.calibration.ratePerHourByKind.urgency).toBe(Number((17 / 15216 / 175229).toPrecision(6)));
    expect(json.simulation.demand.lomellina).toMatchObject({ predictedReports: 30.373, observedActivations: 27 });
    expect(json.rule50k.map((e) => e.istat_code)).toContain('015182');
  });

  it('--scenario validates the file like the app import, naming the problem', () => {
    let stderr = '';
    try {
      execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/simulate.ts', '--scenario', join(repoRoot, 'tests/fixtures/bad/json-unknown-ambito-member.json')], { cwd: repoRoot, encoding: 'utf8', stdio: 'pipe' });
    } catch (err) {
      stderr = String((err as { stderr?: string }).stderr);
    }
    expect(stderr).toMatch(/scenario non valido/);
    expect(stderr).toMatch(/members/);
  });

  it('--optimise sites the bases of one PIS of the scenario exactly, with the heuristic gap', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/simulate.ts', '--example', '--optimise', 'pis-esempio-sovra-1', '--objective', 'median', '--k', '2', '--json'], { cwd: repoRoot, encoding: 'utf8' });
    const json = JSON.parse(out) as { illustrative: boolean; k: number; heuristicGapPct: number; exact: { bases: unknown[]; status: string } };
    expect(json.illustrative).toBe(true);
    expect(json.exact.bases).toHaveLength(2);
    expect(json.heuristicGapPct).toBeGreaterThanOrEqual(0);
  });
});
