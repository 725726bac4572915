// Native CBC in the CLI (src/cli/cbc.ts): finding the binary, reading its solution file and log,
// the core taking an injected solver (mip.ts MipRunner), and the CLI using CBC when it is there,
// HiGHS otherwise. A stand-in `cbc` script (it echoes the MIP start back as the solution) checks the
// wiring without the real binary; where the real one is installed, it must agree with HiGHS.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import loadHighs from 'highs';
import { cbcRunner, findCbc, parseCbcOutput } from '../../src/cli/cbc.ts';
import { solveExact, type HighsInstance, type MipRunner } from '../../src/core/optimise/mip.ts';
import { evaluateOpen, solveHeuristic, type SitingProblem } from '../../src/core/optimise/siting.ts';

const repoRoot = new URL('../..', import.meta.url).pathname;

function lineProblem(xs: number[], k: number, objective: 'median' | 'cover', targetMin = 1): SitingProblem {
  const n = xs.length;
  const cost = new Float32Array(n * n);
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) cost[j * n + i] = Math.abs(xs[i] - xs[j]);
  const ws = xs.map((_, i) => 1 + (i % 3));
  return {
    members: ['A'], memberNames: ['A'], objective, k, targetMin, band: 'closure',
    points: Int32Array.from(xs.map((_, i) => i)), weights: Float64Array.from(ws), totalResidents: ws.reduce((a, b) => a + b, 0),
    memberOfPoint: new Int32Array(n), candidates: xs.map((_, i) => i), fixed: [], before: [], cost, warnings: [],
  };
}

describe('parseCbcOutput', () => {
  it('optimal: status, values, bound = objective, gap 0', () => {
    const r = parseCbcOutput('Optimal - objective value 7244961.00000000\n      1 u1   1   5170\n      2 y45  1   0\n      3 y46  0   0\n', 'Result - Optimal solution found\n');
    expect(r.status).toBe('ottimo');
    expect(r.values.get('y45')).toBe(1);
    expect(r.values.get('y46')).toBe(0);
    expect(r.values.get('u1')).toBe(1);
    expect(r.bound).toBe(7244961);
    expect(r.mipGapPct).toBe(0);
  });
  it('time limit: the bound from the log (Upper bound when maximising), gap in %', () => {
    const log = 'Result - Stopped on time limit\n\nObjective value:                7218275.00000000\nUpper bound:                    7307626.312\nGap:                            -0.01\n';
    const r = parseCbcOutput('Stopped on time - objective value 7218275.00000000\n   1 y3 1 0\n** 2 y4 1.0000001 0\n', log);
    expect(r.status).toBe('limite-di-tempo');
    expect(r.bound).toBeCloseTo(7307626.312, 3);
    expect(r.mipGapPct).toBeCloseTo(((7307626.312 - 7218275) / 7218275) * 100, 6);
    expect(r.values.get('y4')).toBeCloseTo(1, 6);
  });
  it('infeasible and unreadable', () => {
    expect(parseCbcOutput('Infeasible - objective value 0\n', '').status).toBe('non-ammissibile');
    expect(parseCbcOutput('', '').status).toBe('errore');
  });
});

/** A stand-in cbc: writes the MIP start it was given (mips FILE) as an "Optimal" solution (solu FILE). */
function fakeCbc(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fake-cbc-'));
  const p = join(dir, 'cbc');
  writeFileSync(p, '#!/bin/sh\nstart=""; sol=""\nwhile [ $# -gt 0 ]; do case "$1" in mips) start="$2"; shift;; solu) sol="$2"; shift;; esac; shift; done\n{ echo "Optimal - objective value 0"; tail -n +2 "$start"; } > "$sol"\necho "Result - Optimal solution found"\n');
  chmodSync(p, 0o755);
  return p;
}

describe('findCbc', () => {
  it('CBC_PATH when executable, else null; otherwise the first cbc on PATH', () => {
    const fake = fakeCbc();
    expect(findCbc({ CBC_PATH: fake })).toBe(fake);
    expect(findCbc({ CBC_PATH: join(tmpdir(), 'no-such-cbc') })).toBeNull();
    expect(findCbc({ PATH: fake.replace(/\/cbc$/, '') })).toBe(fake);
    expect(findCbc({ PATH: '' })).toBeNull();
  });
});

describe('solveExact with an injected solver', () => {
  it('uses the runner instead of HiGHS, maps its columns back to bases and reports its name', () => {
    const p = lineProblem([0, 1, 2, 10, 11, 12], 2, 'median');
    let lpSeen = '';
    const runner: MipRunner = {
      name: 'FINTO',
      solve(lp, o) {
        lpSeen = lp;
        expect(o.timeLimitSec).toBe(7);
        expect(o.start?.get('y1')).toBeDefined();
        return { status: 'ottimo', values: new Map([['y1', 1], ['y4', 1]]), bound: null, mipGapPct: 0 };
      },
    };
    const e = solveExact({} as HighsInstance, p, { timeLimitSec: 7, runner });
    expect(lpSeen).toMatch(/^Minimize/);
    expect(e.solver).toBe('FINTO');
    expect(e.open).toEqual([1, 4]);
    expect(e.status).toBe('ottimo');
    expect(e.value?.objective).toBeCloseTo(evaluateOpen(p, [1, 4]).objective, 12);
  });
  it('the stand-in cbc returns the MIP start: the heuristic bases come back through files and a process', () => {
    const p = lineProblem([0, 1, 2, 10, 11, 12, 30, 31], 3, 'cover', 1.5);
    const h = solveHeuristic(p);
    const e = solveExact({} as HighsInstance, p, { runner: cbcRunner(fakeCbc()) }, h);
    expect(e.solver).toBe('CBC');
    expect(e.open).toEqual(h.open);
  });
  const real = findCbc();
  it.skipIf(!real)('real CBC agrees with HiGHS on seeded median and cover instances', async () => {
    const highs = (await loadHighs()) as HighsInstance;
    let s = 5;
    const rnd = (): number => {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      return s / 4294967296;
    };
    for (const objective of ['median', 'cover'] as const) {
      const xs = Array.from({ length: 14 }, () => Math.round(rnd() * 400) / 10);
      const p = lineProblem(xs, 3, objective, 4);
      const a = solveExact(highs, p, { timeLimitSec: 20 });
      const b = solveExact(highs, p, { timeLimitSec: 20, runner: cbcRunner(real!) });
      expect(b.status).toBe('ottimo');
      expect(b.value!.objective).toBeCloseTo(a.value!.objective, 6);
    }
  });
});

describe('CLI --solver', () => {
  const run = (extra: string[], env: Record<string, string> = {}) =>
    execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/simulate.ts', '--example', '--optimise', 'pis-esempio-sovra-1', '--objective', 'cover', '--k', '2', '--json', ...extra], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, ...env } });
  it('cbc through CBC_PATH (the stand-in): the exact answer says CBC', () => {
    const json = JSON.parse(run(['--solver', 'cbc'], { CBC_PATH: fakeCbc() })) as { exact: { solver: string; bases: unknown[] } };
    expect(json.exact.solver).toBe('CBC');
    expect(json.exact.bases).toHaveLength(2);
  });
  it('highs when asked, whatever is installed', () => {
    const json = JSON.parse(run(['--solver', 'highs'], { CBC_PATH: fakeCbc() })) as { exact: { solver: string } };
    expect(json.exact.solver).toBe('HiGHS');
  });
  it('cbc asked but missing: an error naming the package', () => {
    let stderr = '';
    try {
      run(['--solver', 'cbc'], { CBC_PATH: join(tmpdir(), 'no-such-cbc') });
    } catch (err) {
      stderr = String((err as { stderr?: string }).stderr);
    }
    expect(stderr).toMatch(/coinor-cbc/);
  });
});
