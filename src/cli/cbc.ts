// Native CBC (COIN-OR Branch and Cut, Debian package `coinor-cbc`) for the CLI's exact siting,
// when it is installed: on maximal covering it needs 3–13× less CPU than HiGHS in WebAssembly
// (perf study, issue 13 item 7) and has no WASM memory ceiling. The app in the browser keeps
// HiGHS; the CLI uses CBC when it finds the binary (CBC_PATH or `cbc` on PATH), HiGHS otherwise,
// or what --solver asks for. The model is the same LP text (mip.ts buildMip); the heuristic's
// bases go in as a MIP start; CBC's time limit is wall-clock (timeMode elapsed), like HiGHS's.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { ExactStatus, MipRun, MipRunner } from '../core/optimise/mip.ts';

function executable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** Path of the cbc binary: CBC_PATH if set (and executable), else the first `cbc` on PATH; null when none. */
export function findCbc(env: Record<string, string | undefined> = process.env): string | null {
  if (env.CBC_PATH) return executable(env.CBC_PATH) ? env.CBC_PATH : null;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, 'cbc');
    if (executable(p)) return p;
  }
  return null;
}

/** CBC's solution file (`solu`) and log: status, column values by name, the bound and the gap. */
export function parseCbcOutput(solution: string, log: string): MipRun {
  const lines = solution.split('\n');
  const head = lines[0] ?? '';
  const status: ExactStatus = /^Optimal\b/.test(head)
    ? 'ottimo'
    : /^Stopped on time/.test(head)
      ? 'limite-di-tempo'
      : /^(Infeasible|Integer infeasible)/.test(head)
        ? 'non-ammissibile'
        : /^Stopped/.test(head)
          ? 'interrotto'
          : 'errore';
  const values = new Map<string, number>();
  for (const line of lines.slice(1)) {
    // "   12 y45    1    5170" (a leading "**" marks a value outside its bounds)
    const m = /^\s*(?:\*\*\s*)?\d+\s+(\S+)\s+(\S+)/.exec(line);
    if (m) values.set(m[1], Number(m[2]));
  }
  const obj = /objective value\s+(\S+)/.exec(head);
  const objective = obj ? Number(obj[1]) : NaN;
  const b = /^(?:Lower|Upper) bound:\s+(\S+)/m.exec(log);
  let bound: number | null = b ? Number(b[1]) : null;
  if (status === 'ottimo') bound = objective;
  if (bound !== null && !Number.isFinite(bound)) bound = null;
  const mipGapPct = status === 'ottimo' ? 0 : bound !== null && Number.isFinite(objective) && objective !== 0 ? (Math.abs(bound - objective) / Math.abs(objective)) * 100 : null;
  return { status, values, bound, mipGapPct };
}

/** A MipRunner that writes the LP to a temporary directory and runs the cbc binary on it. */
export function cbcRunner(path: string): MipRunner {
  return {
    name: 'CBC',
    solve(lp, options) {
      const dir = mkdtempSync(join(tmpdir(), 'pis-cbc-'));
      try {
        const model = join(dir, 'model.lp');
        const sol = join(dir, 'solution.txt');
        writeFileSync(model, lp);
        const args = [model];
        if (options.start && options.start.size) {
          const startFile = join(dir, 'start.txt');
          const rows = [...options.start].filter(([name]) => name.startsWith('y')).map(([name, v], i) => `${i + 1} ${name} ${v}`);
          writeFileSync(startFile, `Feasible - objective value 0\n${rows.join('\n')}\n`);
          args.push('mips', startFile);
        }
        args.push('sec', String(options.timeLimitSec), 'timeMode', 'elapsed', 'ratioGap', String(options.mipRelGap), 'solve', 'solu', sol);
        const r = spawnSync(path, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: (options.timeLimitSec + 120) * 1000 });
        if (r.error || !existsSync(sol)) return { status: 'errore', values: new Map(), bound: null, mipGapPct: null };
        return parseCbcOutput(readFileSync(sol, 'utf8'), r.stdout ?? '');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
