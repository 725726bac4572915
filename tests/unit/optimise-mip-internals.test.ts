// mip.ts on hand-checkable instances: the exact CPLEX LP text buildMip writes for each objective
// (rows, bounds, integrality, start values, line wrapping, fixed and non-selectable candidates),
// the model size estimate, the memory guard (restrict / refuse, cover pairs), and solveExact's
// reading of the solver's answer (HiGHS model codes, text statuses, an injected runner, the
// restricted-model downgrade, the p-center bisection result, the Italian warnings).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import loadHighs from 'highs';
import {
  buildMip, DEFAULT_MAX_NONZEROS, estimateModelSize, EXACT_STATUS_LABELS, guardProblem, heuristicGapPct, ModelTooLargeError, solveExact,
  type HighsInstance, type HighsModelLike, type MipRunner,
} from '../../src/core/optimise/mip.ts';
import { evaluateOpen, restrictCandidates, type HeuristicSolution, type SitingObjective, type SitingProblem } from '../../src/core/optimise/siting.ts';
import { solveCenterExact, type CenterExactResult } from '../../src/core/optimise/center.ts';

vi.mock('../../src/core/optimise/center.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/core/optimise/center.ts')>();
  return { ...actual, solveCenterExact: vi.fn(actual.solveCenterExact) };
});

const highsPromise: Promise<HighsInstance> = loadHighs();

/** rows[j][i]: cost from candidate position j to demand point i. Candidates are comuni 10, 20, 30, … */
function problemOf(objective: SitingObjective, rows: number[][], weights: number[], k: number, extra: Partial<SitingProblem> = {}): SitingProblem {
  const n = weights.length;
  const cost = new Float32Array(rows.length * n);
  rows.forEach((r, j) => r.forEach((c, i) => (cost[j * n + i] = c)));
  return {
    members: ['A'], memberNames: ['Ambito A'], objective, k, targetMin: 4, band: 'closure',
    points: Int32Array.from({ length: n }, (_, i) => i), weights: Float64Array.from(weights), totalResidents: weights.reduce((a, b) => a + b, 0),
    memberOfPoint: new Int32Array(n), candidates: rows.map((_, j) => (j + 1) * 10), fixed: [], before: [], cost, warnings: [],
    ...extra,
  };
}

// Three points on a line, a candidate at each; point 2 weighs double (W = 4).
const LINE = [[0, 4, 8], [4, 0, 4], [8, 4, 0]];
const lineProblem = (objective: SitingObjective, k = 2, extra: Partial<SitingProblem> = {}): SitingProblem => problemOf(objective, LINE, [1, 1, 2], k, extra);

// Cover, T = 4: p0 by c0; p1 by c0 (cost exactly T) and c1; p2 by c1 (exactly T); p3 by nobody;
// p4 (no residents) by c0. c2 covers nothing.
const COVER = [[0, 4, 9, 9, 0], [9, 3, 4, 9, 9], [9, 9, 9, 9, 9]];
const coverProblem = (k = 1, extra: Partial<SitingProblem> = {}): SitingProblem => problemOf('cover', COVER, [10, 20, 30, 40, 0], k, extra);

const heur = (p: SitingProblem, open: number[]): HeuristicSolution => ({ open, value: evaluateOpen(p, open), swaps: 0, evaluations: 0 });

const MEDIAN_ROWS = [
  'Subject To',
  ' a0: x0_0 + x0_1 + x0_2 = 1',
  ' a1: x1_0 + x1_1 + x1_2 = 1',
  ' a2: x2_0 + x2_1 + x2_2 = 1',
  ' l0_0: x0_0 - y0 <= 0',
  ' l0_1: x0_1 - y1 <= 0',
  ' l0_2: x0_2 - y2 <= 0',
  ' l1_0: x1_0 - y0 <= 0',
  ' l1_1: x1_1 - y1 <= 0',
  ' l1_2: x1_2 - y2 <= 0',
  ' l2_0: x2_0 - y0 <= 0',
  ' l2_1: x2_1 - y1 <= 0',
  ' l2_2: x2_2 - y2 <= 0',
];

describe('estimateModelSize', () => {
  it('median: n·m assignments + m openings; n + n·m + 1 + fixed rows; 3·n·m + m + fixed nonzeros', () => {
    expect(estimateModelSize('median', 3, 4, 1)).toEqual({ variables: 16, constraints: 17, nonzeros: 41 });
    expect(estimateModelSize('median', 5, 2, 0)).toEqual({ variables: 12, constraints: 16, nonzeros: 32 });
  });
  it('center: one more variable (z), n more rows and 4·n·m + m + n + fixed nonzeros', () => {
    expect(estimateModelSize('center', 3, 4, 1)).toEqual({ variables: 17, constraints: 20, nonzeros: 56 });
    expect(estimateModelSize('center', 5, 2, 2)).toEqual({ variables: 13, constraints: 23, nonzeros: 49 });
  });
  it('cover: n + m variables, n + 1 + fixed rows, n + pairs + m + fixed nonzeros (pairs default n·m)', () => {
    expect(estimateModelSize('cover', 3, 4, 1, 5)).toEqual({ variables: 7, constraints: 5, nonzeros: 13 });
    expect(estimateModelSize('cover', 3, 4, 1)).toEqual({ variables: 7, constraints: 5, nonzeros: 20 });
    expect(estimateModelSize('cover', 5, 2, 0, 3)).toEqual({ variables: 7, constraints: 6, nonzeros: 10 });
  });
  it('the default limit is 600 000 nonzeros', () => {
    expect(DEFAULT_MAX_NONZEROS).toBe(600_000);
  });
});

describe('buildMip: p-median', () => {
  it('writes the whole model: weighted mean cost per assignment, assignment and linking rows, k, binaries', () => {
    const b = buildMip(lineProblem('median'));
    expect(b.lp.split('\n')).toEqual([
      'Minimize',
      // w/W · cost: points 0 and 1 weigh 1/4, point 2 weighs 2/4.
      ' obj: 0 x0_0 + 1 x0_1 + 2 x0_2 + 1 x1_0 + 0 x1_1 + 1 x1_2 + 4 x2_0 + 2 x2_1 + 0 x2_2',
      ...MEDIAN_ROWS,
      ' k: y0 + y1 + y2 = 2',
      'Binary',
      ' y0 y1 y2',
      'End',
    ]);
    expect(b.vars).toEqual([0, 1, 2]);
    expect(b.size).toEqual({ variables: 12, constraints: 13, nonzeros: 30 });
  });

  it('without a start every start value is 0 and there is no z', () => {
    const b = buildMip(lineProblem('median'));
    expect(Object.fromEntries(b.start)).toEqual({
      y0: 0, y1: 0, y2: 0, x0_0: 0, x0_1: 0, x0_2: 0, x1_0: 0, x1_1: 0, x1_2: 0, x2_0: 0, x2_1: 0, x2_2: 0,
    });
  });

  it('start: open bases at 1, each point assigned to its nearest start base, ties to the first listed', () => {
    // Point 1 is 4 from both 0 and 2: it goes to the one listed first.
    expect(Object.fromEntries(buildMip(lineProblem('median'), [0, 2]).start)).toEqual({
      y0: 1, y1: 0, y2: 1, x0_0: 1, x0_1: 0, x0_2: 0, x1_0: 1, x1_1: 0, x1_2: 0, x2_0: 0, x2_1: 0, x2_2: 1,
    });
    expect(Object.fromEntries(buildMip(lineProblem('median'), [2, 0]).start)).toEqual({
      y0: 1, y1: 0, y2: 1, x0_0: 1, x0_1: 0, x0_2: 0, x1_0: 0, x1_1: 0, x1_2: 1, x2_0: 0, x2_1: 0, x2_2: 1,
    });
    // One start base: everybody assigned to it.
    expect(Object.fromEntries(buildMip(lineProblem('median'), [1]).start)).toEqual({
      y0: 0, y1: 1, y2: 0, x0_0: 0, x0_1: 1, x0_2: 0, x1_0: 0, x1_1: 1, x1_2: 0, x2_0: 0, x2_1: 1, x2_2: 0,
    });
    // A later base strictly nearer replaces an earlier one: point 0 from [1, 0] goes to 0.
    expect(buildMip(lineProblem('median'), [1, 0]).start.get('x0_0')).toBe(1);
    expect(buildMip(lineProblem('median'), [1, 0]).start.get('x0_1')).toBe(0);
    expect(buildMip(lineProblem('median'), [1, 0]).start.get('x2_1')).toBe(1);
    // Also for a point other than the first: point 1 is 1 from c0 (listed second), 5 from c1.
    const two = problemOf('median', [[1, 1], [5, 5]], [1, 1], 2);
    expect(Object.fromEntries(buildMip(two, [1, 0]).start)).toEqual({ y0: 1, y1: 1, x0_0: 1, x0_1: 0, x1_0: 1, x1_1: 0 });
  });

  it('coefficients keep 12 significant digits; no residents at all: divided by 1', () => {
    const thirds = problemOf('median', [[1, 1], [3, 0]], [1, 2], 1);
    expect(buildMip(thirds).lp.split('\n')[1]).toBe(' obj: 0.333333333333 x0_0 + 1 x0_1 + 0.666666666667 x1_0 + 0 x1_1');
    const empty = problemOf('median', [[1, 1], [3, 0]], [2, 5], 1, { totalResidents: 0 });
    expect(buildMip(empty).lp.split('\n')[1]).toBe(' obj: 2 x0_0 + 6 x0_1 + 5 x1_0 + 0 x1_1');
  });

  it('fixed bases: one row each after k; a candidate that may not be opened has no y column', () => {
    // Candidate 3 is only a "before" base: kept for the KPIs but not selectable.
    const base = problemOf('median', [...LINE, [1, 1, 1]], [1, 1, 2], 2, { before: [3], fixed: [1] });
    const p = restrictCandidates(base, [0, 2]);
    const b = buildMip(p);
    expect(b.vars).toEqual([0, 1, 2]);
    const lines = b.lp.split('\n');
    expect(lines.slice(-5)).toEqual([' k: y0 + y1 + y2 = 2', ' f1: y1 = 1', 'Binary', ' y0 y1 y2', 'End']);
    expect(b.lp).not.toContain('y3');
    expect(b.lp).not.toContain('x0_3');
    expect(b.size).toEqual({ variables: 12, constraints: 14, nonzeros: 31 });
  });
});

describe('buildMip: p-center', () => {
  it('writes min z with one row per point bounding its assigned cost by z', () => {
    const b = buildMip(lineProblem('center'));
    expect(b.lp.split('\n')).toEqual([
      'Minimize',
      ' obj: z',
      ...MEDIAN_ROWS,
      ' c0: 0 x0_0 + 4 x0_1 + 8 x0_2 - z <= 0',
      ' c1: 4 x1_0 + 0 x1_1 + 4 x1_2 - z <= 0',
      ' c2: 8 x2_0 + 4 x2_1 + 0 x2_2 - z <= 0',
      ' k: y0 + y1 + y2 = 2',
      'Binary',
      ' y0 y1 y2',
      'End',
    ]);
    expect(b.size).toEqual({ variables: 13, constraints: 16, nonzeros: 42 });
    expect(b.start.has('z')).toBe(false);
  });

  it('start: z is the worst response of the start bases', () => {
    const s = buildMip(lineProblem('center'), [0, 2]).start;
    expect(s.get('z')).toBe(4);
    expect(s.get('y1')).toBe(0);
    expect(s.get('x2_2')).toBe(1);
    expect(buildMip(lineProblem('center', 1), [1]).start.get('z')).toBe(4);
    expect(buildMip(lineProblem('center', 1), [0]).start.get('z')).toBe(8);
  });
});

describe('buildMip: maximal covering', () => {
  it('writes max residents covered: one u per coverable populated point, covered only by an open base within T', () => {
    const b = buildMip(coverProblem());
    expect(b.lp.split('\n')).toEqual([
      'Maximize',
      ' obj: 10 u0 + 20 u1 + 30 u2',
      'Subject To',
      ' v0: u0 - y0 <= 0',
      ' v1: u1 - y0 - y1 <= 0',
      ' v2: u2 - y1 <= 0',
      ' k: y0 + y1 + y2 = 1',
      'Bounds',
      ' u0 <= 1',
      ' u1 <= 1',
      ' u2 <= 1',
      'Binary',
      ' y0 y1 y2',
      'End',
    ]);
    // Pairs within T: p0–c0, p1–c0, p1–c1, p2–c1 and the empty point p4–c0.
    expect(b.size).toEqual({ variables: 8, constraints: 6, nonzeros: 13 });
    expect(Object.fromEntries(b.start)).toEqual({ y0: 0, y1: 0, y2: 0, u0: 0, u1: 0, u2: 0 });
  });

  it('start: u is 1 where some start base covers the point', () => {
    expect(Object.fromEntries(buildMip(coverProblem(), [1]).start)).toEqual({ y0: 0, y1: 1, y2: 0, u0: 0, u1: 1, u2: 1 });
    expect(Object.fromEntries(buildMip(coverProblem(), [0]).start)).toEqual({ y0: 1, y1: 0, y2: 0, u0: 1, u1: 1, u2: 0 });
  });

  it('nothing coverable: a zero objective on the first y, no rows, no bounds; fixed rows before Bounds', () => {
    const none = problemOf('cover', [[9, 9], [9, 9]], [5, 5], 1);
    expect(buildMip(none).lp.split('\n')).toEqual(['Maximize', ' obj: 0 y0', 'Subject To', ' k: y0 + y1 = 1', 'Bounds', 'Binary', ' y0 y1', 'End']);
    const fixed = coverProblem(2, { fixed: [2] });
    expect(buildMip(fixed).lp.split('\n').slice(6, 9)).toEqual([' k: y0 + y1 + y2 = 2', ' f2: y2 = 1', 'Bounds']);
    expect(buildMip(fixed).size).toEqual({ variables: 8, constraints: 7, nonzeros: 14 });
  });

  it('pairs within T are counted for every point, the last one too; a cost at T (tolerance included) covers', () => {
    // p0 by c1, p1 by c0: 2 pairs; 2 + 2 + 2 = 6 nonzeros.
    expect(buildMip(problemOf('cover', [[9, 0], [0, 9]], [1, 1], 1)).size).toEqual({ variables: 4, constraints: 3, nonzeros: 6 });
    // T + 1e-9 is exactly 4 here: a cost of 4 is within it.
    const edge = problemOf('cover', [[4, 9], [9, 9]], [7, 1], 1, { targetMin: 4 - 1e-9 });
    expect(buildMip(edge).lp.split('\n')[1]).toBe(' obj: 7 u0');
    expect(guardProblem(edge, heur(edge, [0]), { maxNonzeros: 5 }).problem).toBe(edge);
    expect(() => guardProblem(edge, heur(edge, [0]), { maxNonzeros: 4 })).toThrow(/ 5 coefficienti \(limite 4\)/);
  });

  it('exactly 20 binaries: one line, no empty one after it', () => {
    const rows = Array.from({ length: 20 }, (_, j) => [j]);
    const lines = buildMip(problemOf('median', rows, [1], 1)).lp.split('\n');
    expect(lines.slice(-3)).toEqual(['Binary', ' ' + rows.map((_, j) => `y${j}`).join(' '), 'End']);
  });

  it('long rows continue on the next line once past 200 characters; binaries 20 a line', () => {
    // 27 points all covered by candidate 0 only; 21 candidates. The objective line reaches exactly
    // 200 characters after u24 (" obj: 12345678 u0" = 17, + 7 for u1…u9, + 8 for u10…u24): not past
    // the limit, so it breaks after u25.
    const n = 27;
    const rows = Array.from({ length: 21 }, (_, j) => Array.from({ length: n }, () => (j === 0 ? 0 : 99)));
    const p = problemOf('cover', rows, Array.from({ length: n }, (_, i) => (i === 0 ? 12345678 : 1)), 1);
    const lines = buildMip(p).lp.split('\n');
    const terms = (from: number, to: number): string => Array.from({ length: to - from + 1 }, (_, t) => `1 u${from + t}`).join(' + ');
    expect(lines[1]).toBe(` obj: 12345678 u0 + ${terms(1, 25)}`);
    expect(lines[1].length).toBe(208);
    expect(lines[2]).toBe('  + 1 u26');
    expect(lines[3]).toBe('Subject To');
    const ys = (from: number, to: number): string => Array.from({ length: to - from + 1 }, (_, t) => `y${from + t}`).join(' ');
    expect(lines.slice(-3)).toEqual([` ${ys(0, 19)}`, ' y20', 'End']);
  });

  it('a wrapped covering row keeps its minus signs', () => {
    // One point covered by 40 candidates: " v0: u0 - y0 - y1 …" wraps past 200 characters.
    const rows = Array.from({ length: 40 }, () => [1]);
    const lines = buildMip(problemOf('cover', rows, [3], 1)).lp.split('\n');
    // Raw " v0: u0 - y0 + - y1 …" is 12 + 7·9 + 8·16 = 203 characters after y25: the break; then
    // every "+ - " becomes "- ", the continuation line too.
    const ys = (from: number, to: number): string => Array.from({ length: to - from + 1 }, (_, t) => `- y${from + t}`).join(' ');
    expect(lines.slice(3, 6)).toEqual([` v0: u0 ${ys(0, 25)}`, `  ${ys(26, 39)} <= 0`, lines.find((l) => l.startsWith(' k:'))]);
  });
});

// Four candidates on the line: the fourth is 2 from every point (the most central, Σ w·cost = 8).
const LINE4 = [...LINE, [2, 2, 2]];

describe('guardProblem: the memory guard', () => {
  const what = (v: number, c: number, nz: number, lim: number, n: number, m: number): string =>
    `Il modello esatto avrebbe ${v} variabili, ${c} vincoli e ${nz} coefficienti (limite ${lim}) per ${n} punti di domanda e ${m} comuni candidati`;
  const tooLarge = ': anche limitando i candidati il modello resta troppo grande. Ridurre gli Ambiti o usare la soluzione euristica';

  it('at the limit the problem is solved as is', () => {
    const p = lineProblem('median', 1);
    const g = guardProblem(p, heur(p, [1]), { maxNonzeros: 30 });
    expect(g.problem).toBe(p);
    expect(g.dropped).toBe(0);
    expect(g.warnings).toEqual([]);
    expect(guardProblem(p, heur(p, [1])).problem).toBe(p);
  });

  it('above it: keeps the heuristic bases, then the most central candidates, as many as fit', () => {
    const p = lineProblem('median', 1);
    // 3 candidates: 30 nonzeros; 2 fit in 20. Σ w·cost: c0 20, c1 12, c2 12; c1 is the heuristic's.
    const g = guardProblem(p, heur(p, [1]), { maxNonzeros: 20 });
    expect(g.problem.candidates).toEqual([20, 30]);
    expect(g.dropped).toBe(1);
    expect(g.warnings).toEqual([
      `${what(12, 13, 30, 20, 3, 3)}: considerati solo 2 comuni candidati (le basi dell'euristica, quelle fisse e i più centrali); 1 esclusi. L'ottimo è quindi relativo ai candidati considerati`,
    ]);
    // The heuristic's base is kept even when it is the least central; ties between the others go to the lower position.
    expect(guardProblem(p, heur(p, [0]), { maxNonzeros: 20 }).problem.candidates).toEqual([10, 20]);
    expect(guardProblem(p, heur(p, [2]), { maxNonzeros: 29 }).problem.candidates).toEqual([20, 30]);
  });

  it('fixed bases are kept too, and count in the size', () => {
    const p = problemOf('median', LINE4, [1, 1, 2], 2, { fixed: [0] });
    // 41 nonzeros (40 + the fixed row); 3 candidates fit in 31: c0 (fixed), c1 (heuristic), then c3 (8) before c2 (12).
    const g = guardProblem(p, heur(p, [0, 1]), { maxNonzeros: 31 });
    expect(g.problem.candidates).toEqual([10, 20, 40]);
    expect(g.problem.fixed).toEqual([0]);
    expect(g.dropped).toBe(1);
    expect(g.warnings[0]).toContain(what(16, 17, 41, 31, 3, 4));
    // Fixed base outside the heuristic's bases: still kept (then c1 before c2 on the tie at 12).
    const h = guardProblem(p, heur(p, [3]), { maxNonzeros: 31 });
    expect(h.problem.candidates).toEqual([10, 20, 40]);
    expect(h.dropped).toBe(1);
  });

  it('refuses when even the bases to keep plus one do not fit, or when asked to', () => {
    const p = lineProblem('median', 1);
    expect(() => guardProblem(p, heur(p, [1]), { maxNonzeros: 19 })).toThrow(what(12, 13, 30, 19, 3, 3) + tooLarge);
    // Two bases to keep (more than k): 2 candidates are not enough.
    expect(() => guardProblem(p, heur(p, [0, 1]), { maxNonzeros: 20 })).toThrow(tooLarge);
    const k2 = lineProblem('median', 2);
    expect(() => guardProblem(k2, heur(k2, [0, 2]), { maxNonzeros: 29 })).toThrow(tooLarge);
    let err: unknown;
    try {
      guardProblem(p, heur(p, [1]), { maxNonzeros: 29, onTooLarge: 'refuse' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ModelTooLargeError);
    expect((err as Error).name).toBe('ModelTooLargeError');
    expect((err as Error).message).toBe(`${what(12, 13, 30, 29, 3, 3)}: troppo grande per la memoria del browser. Ridurre i comuni candidati o gli Ambiti, oppure usare la soluzione euristica`);
  });

  it('cover: counts only the populated point-candidate pairs within T', () => {
    const p = coverProblem();
    // Pairs with residents: c0 {p0, p1}, c1 {p1, p2}, c2 {}: 5 + 4 + 3 = 12 nonzeros.
    const g = guardProblem(p, heur(p, [1]), { maxNonzeros: 12 });
    expect(g.problem).toBe(p);
    expect(g.warnings).toEqual([]);
  });

  it('cover: adds ranked candidates while their pairs fit; refuses below k + 1', () => {
    const p = coverProblem();
    // 5 (rows) + c1 (2 + 1) = 8; c0 (Σ w·cost 710, before c2's 900) brings it to 11, c2 to 12.
    const g = guardProblem(p, heur(p, [1]), { maxNonzeros: 11 });
    expect(g.problem.candidates).toEqual([10, 20]);
    expect(g.dropped).toBe(1);
    expect(g.warnings).toEqual([
      `${what(8, 6, 12, 11, 5, 3)}: considerati solo 2 comuni candidati (le basi dell'euristica, quelle fisse e i più centrali); 1 esclusi. L'ottimo è quindi relativo ai candidati considerati`,
    ]);
    expect(() => guardProblem(p, heur(p, [1]), { maxNonzeros: 10 })).toThrow(what(8, 6, 12, 10, 5, 3) + tooLarge);
    // A fixed base counts its row: 5 + 1 + c2 (0 + 1) + c1 (2 + 1) = 10; c0 would make 13 > 12.
    const f = coverProblem(2, { fixed: [2] });
    expect(() => guardProblem(f, heur(f, [1, 2]), { maxNonzeros: 12 })).toThrow(what(8, 7, 13, 12, 5, 3) + tooLarge);
  });

  it('a candidate that may not be opened counts neither in the size nor in the ranking', () => {
    // c3 covers every point and is the most central, but is only a "before" base.
    const base = problemOf('cover', [...COVER, [0, 0, 0, 0, 0]], [10, 20, 30, 40, 0], 1, { before: [3] });
    const p = restrictCandidates(base, [0, 1, 2]);
    expect(guardProblem(p, heur(p, [1]), { maxNonzeros: 12 }).problem).toBe(p);
    const g = guardProblem(p, heur(p, [1]), { maxNonzeros: 11 });
    expect(g.dropped).toBe(1);
    expect(g.problem.candidates).toEqual([10, 20, 40]);
    expect(g.warnings[0]).toContain(what(8, 6, 12, 11, 5, 3));
    const pm = restrictCandidates(problemOf('median', LINE4, [1, 1, 2], 1, { before: [3] }), [0, 1, 2]);
    const gm = guardProblem(pm, heur(pm, [1]), { maxNonzeros: 20 });
    expect(gm.problem.candidates).toEqual([20, 30, 40]);
    expect(gm.dropped).toBe(1);
    expect(gm.warnings[0]).toContain(what(12, 13, 30, 20, 3, 3));
  });
});

describe('heuristicGapPct', () => {
  it('in % of the exact value, positive when the heuristic is worse, for both senses', () => {
    expect(heuristicGapPct('median', 12, 10)).toBeCloseTo(20, 12);
    expect(heuristicGapPct('center', 9, 10)).toBeCloseTo(-10, 12);
    expect(heuristicGapPct('cover', 8, 10)).toBeCloseTo(20, 12);
    expect(heuristicGapPct('cover', 12, 10)).toBeCloseTo(-20, 12);
    expect(heuristicGapPct('median', -8, -10)).toBeCloseTo(20, 12);
  });
  it('exact value 0: 0 when equal, else 100', () => {
    expect(heuristicGapPct('median', 0, 0)).toBe(0);
    expect(heuristicGapPct('median', 3, 0)).toBe(100);
    expect(heuristicGapPct('cover', -3, 0)).toBe(100);
  });
});

interface FakeModel {
  code: number;
  names: string[];
  sol?: number[];
  info?: Record<string, number | bigint>;
  setSolutionThrows?: boolean;
  runThrows?: boolean;
}
interface Calls {
  lp: string[];
  options: unknown[];
  starts: number[][];
  runs: number;
  solutions: number;
  disposed: number;
}

/** A HiGHS stand-in with createModel: records what solveExact hands it, answers what the test says. */
function fakeHighs(f: FakeModel): { highs: HighsInstance; calls: Calls } {
  const calls: Calls = { lp: [], options: [], starts: [], runs: 0, solutions: 0, disposed: 0 };
  const model: HighsModelLike = {
    options: { set: (v) => calls.options.push(v) },
    info: { get: (name) => f.info?.[name] ?? NaN },
    run: () => {
      calls.runs++;
      if (f.runThrows) throw new Error('memoria esaurita');
    },
    getModelStatus: () => f.code,
    getDimensions: () => ({ numCols: f.names.length }),
    getColName: (c) => f.names[c],
    getSolution: () => {
      calls.solutions++;
      return { colValue: Float64Array.from(f.sol ?? []) };
    },
    setSolution: ({ colValue }) => {
      if (f.setSolutionThrows) throw new Error('start rifiutato');
      calls.starts.push([...colValue]);
    },
    dispose: () => calls.disposed++,
  };
  const highs: HighsInstance = {
    solve: () => {
      throw new Error('solve is not the path with createModel');
    },
    createModel: ({ data }) => {
      calls.lp.push(data);
      return model;
    },
  };
  return { highs, calls };
}

const NO_SOLUTION = 'Il risolutore non ha restituito una soluzione entro il limite di tempo';
const NAMES = ['y0', 'y1', 'y2', 'x0_0', 'x2_2', 'x1_1', 'extra'];

describe('solveExact with a HiGHS model (createModel)', () => {
  let p: SitingProblem;
  let h: HeuristicSolution;
  beforeEach(() => {
    p = lineProblem('median', 2);
    h = heur(p, [0, 2]);
  });

  it('optimal: the heuristic as start, default options, solution, gap in % and dual bound read back', () => {
    const { highs, calls } = fakeHighs({ code: 7, names: NAMES, sol: [1, 0, 1, 1, 1, 0, 0], info: { mip_gap: 0.05, mip_dual_bound: 0.9 } });
    const e = solveExact(highs, p, {}, h);
    expect(calls.lp).toEqual([buildMip(p, [0, 2]).lp]);
    expect(calls.options).toEqual([{ output_flag: false, time_limit: 30, mip_rel_gap: 1e-6 }]);
    // y0 = y2 = 1; x0_0 and x2_2 (nearest start bases) 1; x1_1 0; a column the model does not know: 0.
    expect(calls.starts).toEqual([[1, 0, 1, 1, 1, 0, 0]]);
    expect(calls.runs).toBe(1);
    expect(calls.disposed).toBe(1);
    expect(e.status).toBe('ottimo');
    expect(e.statusLabel).toBe('ottimo dimostrato');
    expect(e.open).toEqual([0, 2]);
    expect(e.value).toEqual({ meanMin: 1, maxMin: 4, coveredResidents: 4, objective: 1 });
    expect(e.mipGapPct).toBeCloseTo(5, 12);
    expect(e.bound).toBe(0.9);
    expect(e.size).toEqual({ variables: 12, constraints: 13, nonzeros: 30 });
    expect(e.candidatesDropped).toBe(0);
    expect(e.solver).toBe('HiGHS');
    expect(e.warnings).toEqual([]);
  });

  it('options: time limit and gap passed on; no start without warm start', () => {
    const { highs, calls } = fakeHighs({ code: 7, names: NAMES, sol: [0, 1, 1, 0, 1, 1, 0] });
    const e = solveExact(highs, p, { timeLimitSec: 7, mipRelGap: 0.01, warmStart: false }, h);
    expect(calls.options).toEqual([{ output_flag: false, time_limit: 7, mip_rel_gap: 0.01 }]);
    expect(calls.starts).toEqual([]);
    expect(calls.lp).toEqual([buildMip(p).lp]);
    expect(e.open).toEqual([1, 2]);
    // Gap and bound not available: null.
    expect(e.mipGapPct).toBeNull();
    expect(e.bound).toBeNull();
  });

  it('a start the solver refuses: a warning, then the search from scratch', () => {
    const { highs, calls } = fakeHighs({ code: 7, names: NAMES, sol: [1, 0, 1, 0, 0, 0, 0], info: { mip_gap: 0, mip_dual_bound: 1 }, setSolutionThrows: true });
    const e = solveExact(highs, p, {}, h);
    expect(calls.runs).toBe(1);
    expect(e.status).toBe('ottimo');
    expect(e.warnings).toEqual(['Avvio dalla soluzione euristica non accettato dal risolutore: ricerca da zero']);
  });

  it('time limit (13) and interrupt (17): the incumbent, its gap and bound are still read', () => {
    for (const [code, status, label] of [[13, 'limite-di-tempo', 'limite di tempo raggiunto: migliore soluzione trovata'], [17, 'interrotto', 'interrotto']] as const) {
      const { highs, calls } = fakeHighs({ code, names: NAMES, sol: [1, 1, 0, 0, 0, 0, 0], info: { mip_gap: 0.25, mip_dual_bound: 1.5 } });
      const e = solveExact(highs, p, {}, h);
      expect(e.status).toBe(status);
      expect(e.statusLabel).toBe(label);
      expect(calls.solutions).toBe(1);
      expect(e.open).toEqual([0, 1]);
      expect(e.value!.objective).toBe(2);
      expect(e.mipGapPct).toBeCloseTo(25, 12);
      expect(e.bound).toBe(1.5);
      expect(e.warnings).toEqual([]);
    }
  });

  it('infeasible (8) or infeasible-or-unbounded (9): no solution read, no warning', () => {
    for (const code of [8, 9]) {
      const { highs, calls } = fakeHighs({ code, names: NAMES, sol: [1, 1, 0, 0, 0, 0, 0], info: { mip_gap: 0.25, mip_dual_bound: 1.5 } });
      const e = solveExact(highs, p, {}, h);
      expect(e.status).toBe('non-ammissibile');
      expect(e.statusLabel).toBe('nessuna soluzione ammissibile');
      expect(calls.solutions).toBe(0);
      expect(e.open).toEqual([]);
      expect(e.value).toBeNull();
      expect(e.mipGapPct).toBeNull();
      expect(e.bound).toBeNull();
      expect(e.warnings).toEqual([]);
      expect(calls.disposed).toBe(1);
    }
  });

  it('any other code is a solver error, without a solution: warned', () => {
    for (const code of [0, 4, 10, 14, 15]) {
      const { highs, calls } = fakeHighs({ code, names: NAMES, sol: [1, 1, 0, 0, 0, 0, 0], info: { mip_gap: 0.25, mip_dual_bound: 1.5 } });
      const e = solveExact(highs, p, {}, h);
      expect(e.status).toBe('errore');
      expect(e.statusLabel).toBe('errore del risolutore');
      expect(calls.solutions).toBe(0);
      expect(e.open).toEqual([]);
      expect(e.value).toBeNull();
      expect(e.mipGapPct).toBeNull();
      expect(e.warnings).toEqual([NO_SOLUTION]);
    }
  });

  it('gap and bound: non-finite ones are null, big integers are numbers', () => {
    const inf = fakeHighs({ code: 13, names: NAMES, sol: [1, 1, 0, 0, 0, 0, 0], info: { mip_gap: Infinity, mip_dual_bound: -Infinity } });
    const a = solveExact(inf.highs, p, {}, h);
    expect(a.mipGapPct).toBeNull();
    expect(a.bound).toBeNull();
    const big = fakeHighs({ code: 7, names: NAMES, sol: [1, 1, 0, 0, 0, 0, 0], info: { mip_gap: 0n, mip_dual_bound: 3n } });
    const b = solveExact(big.highs, p, {}, h);
    expect(b.mipGapPct).toBe(0);
    expect(b.bound).toBe(3);
  });

  it('a base is open above 0.5 only; none open: no solution, warned', () => {
    const half = fakeHighs({ code: 13, names: NAMES, sol: [0.5, 0.51, 1, 0, 0, 0, 0] });
    expect(solveExact(half.highs, p, {}, h).open).toEqual([1, 2]);
    const none = fakeHighs({ code: 13, names: NAMES, sol: [0.4, 0.2, 0, 1, 1, 1, 1] });
    const e = solveExact(none.highs, p, {}, h);
    expect(e.open).toEqual([]);
    expect(e.value).toBeNull();
    expect(e.warnings).toEqual([NO_SOLUTION]);
  });

  it('the model is disposed even when the solve throws', () => {
    const { highs, calls } = fakeHighs({ code: 7, names: NAMES, runThrows: true });
    expect(() => solveExact(highs, p, {}, h)).toThrow('memoria esaurita');
    expect(calls.disposed).toBe(1);
  });

  it('a restricted model: optimal only among the candidates kept, no gap nor bound; positions mapped both ways', () => {
    const q = lineProblem('median', 1);
    // The guard keeps c1 (heuristic) and c2: in the restricted model c1 is y0, c2 is y1.
    const { highs, calls } = fakeHighs({ code: 7, names: ['y0', 'y1', 'x0_0', 'x0_1'], sol: [0, 1, 0, 1], info: { mip_gap: 0, mip_dual_bound: 3 } });
    const e = solveExact(highs, q, { maxNonzeros: 20 }, heur(q, [1]));
    expect(calls.lp[0]).toBe(buildMip(restrictCandidates(q, [1, 2]), [0]).lp);
    expect(calls.starts).toEqual([[1, 0, 1, 0]]);
    expect(e.status).toBe('ottimo-ristretto');
    expect(e.statusLabel).toBe('migliore tra i candidati considerati, non dimostrato su tutti');
    expect(e.open).toEqual([2]);
    expect(e.value!.objective).toBe(3);
    expect(e.mipGapPct).toBeNull();
    expect(e.bound).toBeNull();
    expect(e.candidatesDropped).toBe(1);
    expect(e.size).toEqual({ variables: 8, constraints: 10, nonzeros: 20 });
    expect(e.warnings).toHaveLength(1);
    expect(e.warnings[0]).toMatch(/^Il modello esatto avrebbe 12 variabili, .*considerati solo 2 comuni candidati/);
    // Not optimal: the status stays, the gap still goes.
    const t = fakeHighs({ code: 13, names: ['y0', 'y1'], sol: [1, 0], info: { mip_gap: 0.1, mip_dual_bound: 2 } });
    const f = solveExact(t.highs, q, { maxNonzeros: 20 }, heur(q, [1]));
    expect(f.status).toBe('limite-di-tempo');
    expect(f.open).toEqual([1]);
    expect(f.mipGapPct).toBeNull();
    expect(f.bound).toBeNull();
  });

  it('solveMs is the time of the solve alone', () => {
    const { highs } = fakeHighs({ code: 7, names: NAMES, sol: [1, 0, 1, 0, 0, 0, 0] });
    const t0 = performance.now();
    const e = solveExact(highs, p, {}, h);
    const dt = performance.now() - t0;
    expect(e.solveMs).toBeGreaterThanOrEqual(0);
    expect(e.solveMs).toBeLessThanOrEqual(dt);
  });

  it('p-center as a MIP when asked', () => {
    const c = lineProblem('center', 1);
    const { highs, calls } = fakeHighs({ code: 7, names: ['y0', 'y1', 'y2', 'z'], sol: [0, 1, 0, 4], info: { mip_gap: 0, mip_dual_bound: 4 } });
    const e = solveExact(highs, c, { centerMethod: 'mip' }, heur(c, [1]));
    expect(calls.lp[0]).toBe(buildMip(c, [1]).lp);
    expect(calls.starts).toEqual([[0, 1, 0, 4]]);
    expect(e.open).toEqual([1]);
    expect(e.value!.objective).toBe(4);
    expect(e.bound).toBe(4);
  });
});

/** A HiGHS stand-in without createModel (older builds): the one-shot text solve. */
function textHighs(Status: string, Columns: Record<string, { Index: number; Primal?: number }>): { highs: HighsInstance; calls: { lp: string; options: unknown }[] } {
  const calls: { lp: string; options: unknown }[] = [];
  return { highs: { solve: (lp, options) => (calls.push({ lp, options }), { Status, ObjectiveValue: 0, Columns }) }, calls };
}

describe('solveExact with the text solve (no createModel)', () => {
  let p: SitingProblem;
  let h: HeuristicSolution;
  beforeEach(() => {
    p = lineProblem('median', 2);
    h = heur(p, [0, 2]);
  });

  it('Optimal: columns read (a missing primal is 0), gap 0, no bound', () => {
    const { highs, calls } = textHighs('Optimal', { y0: { Index: 0 }, y1: { Index: 1, Primal: 1 }, y2: { Index: 2, Primal: 1 } });
    const e = solveExact(highs, p, { timeLimitSec: 3 }, h);
    expect(calls).toEqual([{ lp: buildMip(p, [0, 2]).lp, options: { output_flag: false, time_limit: 3, mip_rel_gap: 1e-6 } }]);
    expect(e.status).toBe('ottimo');
    expect(e.open).toEqual([1, 2]);
    expect(e.mipGapPct).toBe(0);
    expect(e.bound).toBeNull();
    expect(e.warnings).toEqual([]);
  });

  it('Time limit reached: the incumbent, no gap', () => {
    const e = solveExact(textHighs('Time limit reached', { y0: { Index: 0, Primal: 1 }, y1: { Index: 1, Primal: 1 } }).highs, p, {}, h);
    expect(e.status).toBe('limite-di-tempo');
    expect(e.open).toEqual([0, 1]);
    expect(e.mipGapPct).toBeNull();
    expect(e.warnings).toEqual([]);
  });

  it('Infeasible, or infeasible or unbounded: no solution, no warning; anything else is an error', () => {
    for (const s of ['Infeasible', 'Primal infeasible or unbounded']) {
      const e = solveExact(textHighs(s, {}).highs, p, {}, h);
      expect(e.status).toBe('non-ammissibile');
      expect(e.value).toBeNull();
      expect(e.mipGapPct).toBeNull();
      expect(e.warnings).toEqual([]);
    }
    for (const s of ['Unbounded', 'Unknown', '']) {
      const e = solveExact(textHighs(s, {}).highs, p, {}, h);
      expect(e.status).toBe('errore');
      expect(e.warnings).toEqual([NO_SOLUTION]);
    }
  });
});

describe('solveExact with an injected runner', () => {
  it('hands it the LP, the limits and the start; takes its status, values, bound and gap', () => {
    const p = lineProblem('median', 2);
    const got: Parameters<MipRunner['solve']>[] = [];
    const runner: MipRunner = {
      name: 'CBC di prova',
      solve: (...args) => (got.push(args), { status: 'limite-di-tempo', values: new Map([['y1', 1], ['y2', 1]]), bound: 0.5, mipGapPct: 12 }),
    };
    const e = solveExact({} as HighsInstance, p, { runner, timeLimitSec: 9, mipRelGap: 0.02 }, heur(p, [0, 2]));
    const built = buildMip(p, [0, 2]);
    expect(got).toHaveLength(1);
    expect(got[0][0]).toBe(built.lp);
    expect(got[0][1]).toEqual({ timeLimitSec: 9, mipRelGap: 0.02, start: built.start });
    expect(e.status).toBe('limite-di-tempo');
    expect(e.open).toEqual([1, 2]);
    expect(e.bound).toBe(0.5);
    expect(e.mipGapPct).toBe(12);
    expect(e.solver).toBe('CBC di prova');
    const cold = solveExact({} as HighsInstance, p, { runner, warmStart: false }, heur(p, [0, 2]));
    expect(got[1][1]).toEqual({ timeLimitSec: 30, mipRelGap: 1e-6, start: null });
    expect(cold.open).toEqual([1, 2]);
  });
});

describe('solveExact: p-center by bisection', () => {
  const fake = (over: Partial<CenterExactResult>, c: SitingProblem): CenterExactResult => ({
    proven: true, open: [1], value: evaluateOpen(c, [1]), lowerBound: 4, solves: 0, steps: 2, size: { variables: 3, constraints: 4, nonzeros: 5 }, timedOut: false, ...over,
  });

  it('the default for center: the bisection result, proven optimal with a zero gap', () => {
    const c = lineProblem('center', 1);
    vi.mocked(solveCenterExact).mockReturnValueOnce(fake({}, c));
    const e = solveExact({} as HighsInstance, c, {}, heur(c, [0]));
    expect(vi.mocked(solveCenterExact).mock.lastCall!.slice(1)).toEqual([c, [0], 30]);
    expect(e).toMatchObject({
      status: 'ottimo', statusLabel: 'ottimo dimostrato', open: [1], mipGapPct: 0, bound: 4,
      size: { variables: 3, constraints: 4, nonzeros: 5 }, candidatesDropped: 0, solver: 'HiGHS', warnings: [],
    });
    expect(e.value!.objective).toBe(4);
  });

  it('solveMs is the time of the bisection', () => {
    const c = lineProblem('center', 1);
    vi.mocked(solveCenterExact).mockReturnValueOnce(fake({}, c));
    const t0 = performance.now();
    const e = solveExact({} as HighsInstance, c, {}, heur(c, [0]));
    const dt = performance.now() - t0;
    expect(e.solveMs).toBeGreaterThanOrEqual(0);
    expect(e.solveMs).toBeLessThanOrEqual(dt);
  });

  it('timed out: not proven, the gap from the bound, the steps in the warning', () => {
    const c = lineProblem('center', 1);
    vi.mocked(solveCenterExact).mockReturnValueOnce(fake({ proven: false, open: [0], value: evaluateOpen(c, [0]), lowerBound: 6, solves: 2, steps: 3, timedOut: true }, c));
    const e = solveExact({} as HighsInstance, c, { timeLimitSec: 5 }, heur(c, [0]));
    expect(vi.mocked(solveCenterExact).mock.lastCall![3]).toBe(5);
    expect(e.status).toBe('limite-di-tempo');
    expect(e.mipGapPct).toBeCloseTo(25, 12);
    expect(e.bound).toBe(6);
    expect(e.warnings).toEqual(['Bisezione sul raggio interrotta dal limite di tempo dopo 3 raggi (2 coperture risolte con HiGHS)']);
  });

  it('the gap is never negative, and 0 when the worst response is 0', () => {
    const c = lineProblem('center', 1);
    vi.mocked(solveCenterExact).mockReturnValueOnce(fake({ lowerBound: 5 }, c));
    expect(solveExact({} as HighsInstance, c, {}, heur(c, [1])).mipGapPct).toBe(0);
    const zero = problemOf('center', [[0, 0], [1, 1]], [1, 1], 1);
    vi.mocked(solveCenterExact).mockReturnValueOnce(fake({ open: [0], value: evaluateOpen(zero, [0]), lowerBound: 0 }, zero));
    expect(solveExact({} as HighsInstance, zero, {}, heur(zero, [0])).mipGapPct).toBe(0);
  });
});

describe('solveExact with the real HiGHS on 3–5 points', () => {
  it('median: the optimum from a worse start, proven, the bound at the optimum', async () => {
    const highs = await highsPromise;
    // Weights 3, 1, 2: {c0, c2} leaves only point 1 at 4 → mean 4/6; {c0, c1} 8/6, {c1, c2} 12/6.
    const p = problemOf('median', LINE, [3, 1, 2], 2);
    const e = solveExact(highs, p, {}, heur(p, [1, 2]));
    expect(e.status).toBe('ottimo');
    expect(e.open).toEqual([0, 2]);
    expect(e.value!.objective).toBeCloseTo(4 / 6, 9);
    expect(e.bound).toBeCloseTo(4 / 6, 6);
    expect(e.mipGapPct).toBeCloseTo(0, 3);
    expect(e.warnings).toEqual([]);
    // The text solve on the same LP.
    const t = solveExact({ solve: highs.solve.bind(highs) }, p, {}, heur(p, [1, 2]));
    expect(t.status).toBe('ottimo');
    expect(t.open).toEqual([0, 2]);
  });

  it('cover and p-center MIPs are valid LP for HiGHS', async () => {
    const highs = await highsPromise;
    const c = coverProblem();
    const e = solveExact(highs, c, {}, heur(c, [0]));
    expect(e.status).toBe('ottimo');
    expect(e.open).toEqual([1]);
    expect(e.value!.objective).toBe(50);
    const f = coverProblem(2, { fixed: [2] });
    expect(solveExact(highs, f, {}, heur(f, [0, 2])).open).toEqual([1, 2]);
    const z = lineProblem('center', 1);
    const m = solveExact(highs, z, { centerMethod: 'mip' }, heur(z, [0]));
    expect(m.status).toBe('ottimo');
    expect(m.open).toEqual([1]);
    expect(m.bound).toBeCloseTo(4, 6);
    // The long wrapped rows too.
    const rows = Array.from({ length: 40 }, (_, j) => [j === 39 ? 1 : 9, 1]);
    const w = problemOf('cover', rows, [3, 5], 1);
    const we = solveExact(highs, w, {}, heur(w, [0]));
    expect(we.open).toEqual([39]);
    expect(we.value!.objective).toBe(8);
  });

  it('more bases than candidates: infeasible, no warning', async () => {
    const p = lineProblem('median', 4);
    const e = solveExact(await highsPromise, p, {}, heur(p, [0, 1, 2]));
    expect(e.status).toBe('non-ammissibile');
    expect(e.open).toEqual([]);
    expect(e.warnings).toEqual([]);
  });
});

describe('labels', () => {
  it('one Italian label per status', () => {
    expect(EXACT_STATUS_LABELS).toEqual({
      'ottimo': 'ottimo dimostrato',
      'ottimo-ristretto': 'migliore tra i candidati considerati, non dimostrato su tutti',
      'limite-di-tempo': 'limite di tempo raggiunto: migliore soluzione trovata',
      'non-ammissibile': 'nessuna soluzione ammissibile',
      'interrotto': 'interrotto',
      'errore': 'errore del risolutore',
    });
    expect(Object.isFrozen(EXACT_STATUS_LABELS)).toBe(true);
  });
});
