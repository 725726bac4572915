// Hand-checkable details of src/core/coverage: computeCoverage over a hand-made travel context and
// compiled layout (every travel minute given, so every response is exact: closure band = triage 5
// + mobilisation 15 = 20 min before travel), and the group statistics (groupStats, levelStats,
// orderByResponse) on points whose every figure can be worked out on paper.
import { describe, expect, it } from 'vitest';
import { computeCoverage, DEFAULT_RESPONSE_ASSUMPTIONS, DEFAULT_THRESHOLDS_MIN, type CoverageOptions, type CoverageResult } from '../../src/core/coverage/index.ts';
import { groupStats, levelStats, orderByResponse, type GroupStats } from '../../src/core/coverage/stats.ts';
import type { CompiledLayout } from '../../src/core/sim/compile.ts';
import type { PisPresence, TimeBand } from '../../src/core/sim/layout.ts';
import type { TerritoryData } from '../../src/core/territory/types.ts';
import type { TravelContext } from '../../src/core/travel/context.ts';

interface Spec {
  comuni: { istat: string; residents: number; ambito: string }[];
  ambiti: { code: string; ats: string }[];
  ats: string[];
  /** Demand points in comune order: [comune index, residents]. */
  points: [number, number][];
  services: string[];
  /** Per base: its service, its daytime minutes to every point, units per band (default 1 everywhere). */
  bases: { id: string; service: number; travel: number[]; units?: Partial<Record<TimeBand, number>> }[];
  serviceOfComune: number[];
  ambitoOfComune?: string[];
  ambitoPis?: Record<string, PisPresence>;
  nightFactor?: number;
  source?: 'stima' | 'matrice-od';
  illustrative?: boolean;
  warnings?: string[];
}

/** Only the fields computeCoverage reads are filled in. */
function build(s: Spec): { ctx: TravelContext; layout: CompiledLayout } {
  const data = {
    comuni: s.comuni.map((c, i) => ({ ...c, name: `Comune ${i}` })),
    ambiti: s.ambiti.map((a) => ({ ...a, name: `Ambito ${a.code}` })),
    ats: s.ats.map((code) => ({ code, name: `ATS ${code}` })),
  } as unknown as TerritoryData;
  const n = s.points.length;
  const firstOfComune = new Int32Array(s.comuni.length + 1);
  for (let i = 0, p = 0; i <= s.comuni.length; i++) {
    while (p < n && s.points[p]![0] < i) p++;
    firstOfComune[i] = p;
  }
  const demand = { count: n, comune: Int32Array.from(s.points, (x) => x[0]), residents: Float64Array.from(s.points, (x) => x[1]), firstOfComune };
  const ctx = { data, demand, model: { source: s.source ?? 'stima' }, bandFactor: (b: TimeBand) => (b === 'night' ? s.nightFactor ?? 1 : 1) } as unknown as TravelContext;
  const layout = {
    illustrative: s.illustrative ?? true,
    services: s.services.map((id, si) => ({ id, name: `PIS ${id}`, baseIndices: s.bases.flatMap((b, bi) => (b.service === si ? [bi] : [])) })),
    bases: s.bases.map((b) => ({ id: b.id, serviceIndex: b.service, unitsByBand: { office: 1, closure: 1, night: 1, saturday: 1, holiday: 1, ...b.units }, travelMin: Float32Array.from(b.travel) })),
    ambitoOfComune: s.ambitoOfComune ?? s.comuni.map((c) => c.ambito),
    serviceOfComune: Int32Array.from(s.serviceOfComune),
    ambitoPis: new Map(Object.entries(s.ambitoPis ?? {})),
    warnings: s.warnings ?? [],
  } as unknown as CompiledLayout;
  return { ctx, layout };
}

const run = (s: Spec, o?: CoverageOptions): CoverageResult => {
  const { ctx, layout } = build(s);
  return computeCoverage(ctx, layout, o);
};

// Three comuni of one PIS: comune 0 one point, comune 1 two points (100 + 300 residents), comune 2
// no resident and no point. Base "spenta" is nearest but has no unit in the closure band (nor at
// night); "a" and "b" tie on point 0 (3 min each: the first listed serves).
const three: Spec = {
  comuni: [
    { istat: '000001', residents: 100, ambito: 'A1' },
    { istat: '000002', residents: 400, ambito: 'A1' },
    { istat: '000003', residents: 0, ambito: 'A1' },
  ],
  ambiti: [{ code: 'A1', ats: 'T1' }],
  ats: ['T1'],
  points: [[0, 100], [1, 100], [1, 300]],
  services: ['s0'],
  bases: [
    { id: 'spenta', service: 0, travel: [0, 0, 0], units: { closure: 0, night: 0 } },
    { id: 'a', service: 0, travel: [3, 4, 12] },
    { id: 'b', service: 0, travel: [3, 6, 8] },
  ],
  serviceOfComune: [0, 0, 0],
};

describe('computeCoverage by hand', () => {
  it('defaults: closure band, thresholds 15/30/45/60, target 45, triage 5 + mobilisation 15', () => {
    expect(DEFAULT_RESPONSE_ASSUMPTIONS.triageMin + DEFAULT_RESPONSE_ASSUMPTIONS.mobilisationMinByBand.closure).toBe(20);
    const r = run(three);
    expect(r.band).toBe('closure');
    expect(r.thresholdsMin).toEqual([15, 30, 45, 60]);
    expect(r.targetMin).toBe(45);
    expect([...r.points.base]).toEqual([1, 1, 2]);
    expect([...r.points.travelMin]).toEqual([3, 4, 8]);
    expect([...r.points.responseMin]).toEqual([23, 24, 28]);
    expect([...r.points.service]).toEqual([0, 0, 0]);
    // Comune 1: (100 × 24 + 300 × 28) / 400 = 27; comune 2 has no point: not reachable.
    expect([...r.comuni.responseMin]).toEqual([23, 27, Infinity]);
    expect(r.region).toEqual({
      code: 'lombardia', name: 'Lombardia', comuni: 3, residents: 500, residentsReached: 500,
      residentsWithin: [0, 500, 500, 500], shareWithin: [0, 1, 1, 1],
      meanResponseMin: 26.2, p90ResponseMin: 28, maxResponseMin: 28,
    });
    // Comune 2 counts as not reached (no point, no response), still with its PIS.
    expect(r.notReached).toEqual([{ istat: '000003', name: 'Comune 2', ambito: 'A1', pis: 's0', residents: 0, responseMin: null }]);
    expect(r.comuniWithoutPis).toEqual([]);
    expect(r.comuniPisUnknown).toEqual([]);
    expect(r.residentsWithoutPis).toBe(0);
    expect(r.residentsPisUnknown).toBe(0);
  });

  it('a base responds only in the bands it has units in; night adds its mobilisation and the travel factor', () => {
    const office = run(three, { band: 'office' });
    expect([...office.points.base]).toEqual([0, 0, 0]);
    expect([...office.points.responseMin]).toEqual([15, 15, 15]);
    const night = run({ ...three, nightFactor: 1.5 }, { band: 'night' });
    expect([...night.points.base]).toEqual([1, 1, 2]);
    expect([...night.points.travelMin]).toEqual([4.5, 6, 12]);
    expect([...night.points.responseMin]).toEqual([29.5, 31, 37]);
    // The factor is the night's only: other bands travel at 1.
    expect([...run({ ...three, nightFactor: 1.5 }, { band: 'closure' }).points.travelMin]).toEqual([3, 4, 8]);
  });

  it('no base active in the band: every point unreachable, the whole region not reached', () => {
    const r = run({ ...three, bases: [three.bases[0]!] });
    expect([...r.points.base]).toEqual([-1, -1, -1]);
    expect([...r.points.responseMin]).toEqual([Infinity, Infinity, Infinity]);
    expect(r.region.residentsReached).toBe(0);
    expect(r.region.meanResponseMin).toBeNull();
    expect(r.notReached.map((c) => [c.istat, c.responseMin])).toEqual([['000002', null], ['000001', null], ['000003', null]]);
  });

  it('thresholds are sorted (the caller\'s array untouched) and a response on a threshold is within it', () => {
    const thresholdsMin = [30, 24, 23.5];
    const r = run(three, { thresholdsMin });
    expect(thresholdsMin).toEqual([30, 24, 23.5]);
    expect(r.thresholdsMin).toEqual([23.5, 24, 30]);
    expect(r.region.residentsWithin).toEqual([100, 200, 500]);
    expect(r.region.shareWithin).toEqual([0.2, 0.4, 1]);
  });

  it('a comune exactly on the target is reached; just above it is not', () => {
    expect(run(three, { targetMin: 27 }).notReached.map((c) => c.istat)).toEqual(['000003']);
    const r = run(three, { targetMin: 26.9 });
    expect(r.notReached.map((c) => c.istat)).toEqual(['000003', '000002']);
    expect(r.notReached[1]).toEqual({ istat: '000002', name: 'Comune 1', ambito: 'A1', pis: 's0', residents: 400, responseMin: 27 });
    expect(r.targetMin).toBe(26.9);
  });

  it('the response assumptions given replace the defaults', () => {
    const response = { triageMin: 1, mobilisationMinByBand: { office: 2, closure: 3, night: 4, saturday: 5, holiday: 6 } };
    expect([...run(three, { response }).points.responseMin]).toEqual([7, 8, 12]);
    expect([...run(three, { response, band: 'holiday' }).points.responseMin]).toEqual([7, 7, 7]);
  });

  it('passes the layout\'s and the model\'s facts through, and copies what it hands out', () => {
    const { ctx, layout } = build({ ...three, illustrative: false, source: 'matrice-od', warnings: ['attenzione'] });
    const r = computeCoverage(ctx, layout);
    expect(r.illustrative).toBe(false);
    expect(r.travelSource).toBe('matrice-od');
    expect(r.warnings).toEqual(['attenzione']);
    expect(r.serviceIds).toEqual(['s0']);
    expect(r.baseIds).toEqual(['spenta', 'a', 'b']);
    expect([...r.points.comune]).toEqual([0, 1, 1]);
    expect([...r.points.residents]).toEqual([100, 100, 300]);
    expect(r.points.comune).not.toBe(ctx.demand.comune);
    expect(r.points.residents).not.toBe(ctx.demand.residents);
    expect([...r.comuni.service]).toEqual([0, 0, 0]);
    expect(r.comuni.service).not.toBe(layout.serviceOfComune);
    expect(run(three).illustrative).toBe(true);
    expect(run(three).travelSource).toBe('stima');
  });

  it('caveats follow the thresholds, the band and the response assumptions, and are copies', () => {
    const ids = (r: CoverageResult) => r.caveats.map((c) => c.id);
    const a = run(three, { thresholdsMin: [15, 30] });
    expect(ids(a)).toEqual(['coverage.emptyByConstruction', 'coverage.estimatedTravel']);
    expect(a.caveats[0]!.text).toMatch(/^Classe "entro 15 min" vuota per costruzione: in fascia Chiusura dei servizi/);
    expect(a.unreachableThresholdsMin).toEqual([15]);
    a.caveats[0]!.text = 'cambiato';
    const again = run(three, { thresholdsMin: [15, 30] });
    expect(again.caveats[0]!.text).toMatch(/^Classe "entro 15 min"/);
    expect(again.caveats[0]).not.toBe(a.caveats[0]);
    expect(ids(run(three, { thresholdsMin: [30] }))).toEqual(['coverage.estimatedTravel']);
    expect(run(three, { thresholdsMin: [15, 30], band: 'night' }).caveats[0]!.text).toMatch(/^Classe "entro 15 min" vuota per costruzione: in fascia Notte/);
    // Consecutive calls that differ in one input only: the band, the triage, the mobilisation.
    const quick = { triageMin: 0, mobilisationMinByBand: { ...DEFAULT_RESPONSE_ASSUMPTIONS.mobilisationMinByBand } };
    const slowOffice = { triageMin: 0, mobilisationMinByBand: { ...DEFAULT_RESPONSE_ASSUMPTIONS.mobilisationMinByBand, office: 15 } };
    expect(ids(run(three, { thresholdsMin: [15, 30], band: 'office' }))).toEqual(['coverage.emptyByConstruction', 'coverage.estimatedTravel']);
    expect(ids(run(three, { thresholdsMin: [15, 30], band: 'office', response: quick }))).toEqual(['coverage.estimatedTravel']);
    expect(ids(run(three, { thresholdsMin: [15, 30], band: 'office', response: slowOffice }))).toEqual(['coverage.emptyByConstruction', 'coverage.estimatedTravel']);
    expect(ids(run(three, { thresholdsMin: [15, 30], response: quick }))).toEqual(['coverage.emptyByConstruction', 'coverage.estimatedTravel']);
    expect(ids(run(three))).toEqual(['coverage.emptyByConstruction', 'coverage.estimatedTravel']);
    expect(DEFAULT_THRESHOLDS_MIN).toEqual([15, 30, 45, 60]);
  });
});

// Six comuni: 0 served; 1 moved by an override from A2 to A1 (served); 2 in A2, KNOWN without PIS;
// 3 in A3 (status unknown; its ATS is not in the territory); 4 in A4 (a PIS is present but not
// described); 5 moved by an override to an Ambito code the territory does not have.
const groups: Spec = {
  comuni: [
    { istat: '000010', residents: 100, ambito: 'A1' },
    { istat: '000020', residents: 200, ambito: 'A2' },
    { istat: '000030', residents: 300, ambito: 'A2' },
    { istat: '000040', residents: 400, ambito: 'A3' },
    { istat: '000050', residents: 500, ambito: 'A4' },
    { istat: '000060', residents: 700, ambito: 'A2' },
  ],
  ambiti: [{ code: 'A1', ats: 'T1' }, { code: 'A2', ats: 'T2' }, { code: 'A3', ats: 'TX' }, { code: 'A4', ats: 'T1' }],
  ats: ['T1', 'T2'],
  points: [[0, 100], [1, 200], [2, 300], [3, 400], [4, 500], [5, 700]],
  services: ['s0'],
  bases: [{ id: 'b0', service: 0, travel: [0, 10, 0, 0, 0, 0] }],
  serviceOfComune: [0, 0, -1, -1, -1, -1],
  ambitoOfComune: ['A1', 'A1', 'A2', 'A3', 'A4', 'ZZ'],
  ambitoPis: { A1: 'present', A2: 'absent', A3: 'unknown', A4: 'present' },
};

const brief = (g: GroupStats) => [g.code, g.name, g.comuni, g.residents, g.residentsReached, g.meanResponseMin];

describe('computeCoverage: PIS status and groupings', () => {
  it('known without PIS (or an Ambito with no status) apart from unknown or present but not described', () => {
    const r = run(groups);
    expect(r.comuniWithoutPis).toEqual(['000030', '000060']);
    expect(r.residentsWithoutPis).toBe(1000);
    expect(r.comuniPisUnknown).toEqual(['000040', '000050']);
    expect(r.residentsPisUnknown).toBe(900);
  });

  it('groups by Ambito with the overrides, by PIS and by the Ambito\'s ATS; unknown codes belong to none', () => {
    const r = run(groups);
    const mean = (100 * 20 + 200 * 30) / 300;
    expect(brief(r.region)).toEqual(['lombardia', 'Lombardia', 6, 2200, 300, mean]);
    expect(r.byAmbito.map(brief)).toEqual([
      ['A1', 'Ambito A1', 2, 300, 300, mean],
      ['A2', 'Ambito A2', 1, 300, 0, null],
      ['A3', 'Ambito A3', 1, 400, 0, null],
      ['A4', 'Ambito A4', 1, 500, 0, null],
    ]);
    expect(r.byPis.map(brief)).toEqual([['s0', 'PIS s0', 2, 300, 300, mean]]);
    expect(r.byAts.map(brief)).toEqual([
      ['T1', 'ATS T1', 3, 800, 300, mean],
      ['T2', 'ATS T2', 1, 300, 0, null],
    ]);
  });

  it('the Ambito a comune is listed under is the one after the overrides', () => {
    const r = run(groups, { targetMin: 25 });
    expect(r.notReached).toEqual([
      { istat: '000060', name: 'Comune 5', ambito: 'ZZ', pis: null, residents: 700, responseMin: null },
      { istat: '000050', name: 'Comune 4', ambito: 'A4', pis: null, residents: 500, responseMin: null },
      { istat: '000040', name: 'Comune 3', ambito: 'A3', pis: null, residents: 400, responseMin: null },
      { istat: '000030', name: 'Comune 2', ambito: 'A2', pis: null, residents: 300, responseMin: null },
      { istat: '000020', name: 'Comune 1', ambito: 'A1', pis: 's0', residents: 200, responseMin: 30 },
    ]);
  });

  it('a comune whose shipped Ambito the territory does not know belongs to no Ambito and no ATS', () => {
    const r = run({ ...groups, comuni: groups.comuni.map((c, i) => (i === 0 ? { ...c, ambito: 'A9' } : c)), ambitoOfComune: ['A9', 'A1', 'A2', 'A3', 'A4', 'ZZ'] });
    expect(r.byAmbito[0]!.comuni).toBe(1);
    expect(r.byAmbito[0]!.residents).toBe(200);
    expect(r.byAts[0]!.comuni).toBe(2);
    expect(r.region.comuni).toBe(6);
  });
});

// Comuni in an index order that is not ISTAT order. Responses (closure, +20): 50, 50, 50, 60, 30,
// and two without PIS. Slowest first, then more residents, then ISTAT code.
const order: Spec = {
  comuni: [
    { istat: '000005', residents: 100, ambito: 'A1' },
    { istat: '000003', residents: 100, ambito: 'A1' },
    { istat: '000004', residents: 200, ambito: 'A1' },
    { istat: '000001', residents: 100, ambito: 'A1' },
    { istat: '000002', residents: 50, ambito: 'A1' },
    { istat: '000006', residents: 100, ambito: 'A2' },
    { istat: '000000', residents: 100, ambito: 'A2' },
  ],
  ambiti: [{ code: 'A1', ats: 'T1' }, { code: 'A2', ats: 'T1' }],
  ats: ['T1'],
  points: [[0, 100], [1, 100], [2, 200], [3, 100], [4, 50], [5, 100], [6, 100]],
  services: ['s0'],
  bases: [{ id: 'b0', service: 0, travel: [30, 30, 30, 40, 10, 0, 0] }],
  serviceOfComune: [0, 0, 0, 0, 0, -1, -1],
};
const SLOWEST_FIRST = ['000000', '000006', '000001', '000004', '000003', '000005', '000002'];

describe('computeCoverage: the "not reached" order', () => {
  it('unreachable first, then slowest, more residents, ISTAT code', () => {
    const r = run(order, { targetMin: 0 });
    expect(r.notReached.map((c) => c.istat)).toEqual(SLOWEST_FIRST);
    expect(r.notReached.map((c) => c.responseMin)).toEqual([null, null, 60, 50, 50, 50, 30]);
    expect(run(order, { targetMin: 49.5 }).notReached.map((c) => c.istat)).toEqual(SLOWEST_FIRST.slice(0, 6));
  });

  it('negative responses (a negative triage) take the comparator sort, in the same order', () => {
    const response = { triageMin: -100, mobilisationMinByBand: { ...DEFAULT_RESPONSE_ASSUMPTIONS.mobilisationMinByBand, closure: 0 } };
    const r = run(order, { targetMin: -1000, response });
    expect(r.notReached.map((c) => c.istat)).toEqual(SLOWEST_FIRST);
    expect(r.notReached.map((c) => c.responseMin)).toEqual([null, null, -60, -70, -70, -70, -90]);
  });

  it('a point without residents in an unreachable comune (0 × Infinity) still sorts as unreachable, by residents', () => {
    const r = run({
      comuni: [{ istat: '000001', residents: 50, ambito: 'A1' }, { istat: '000002', residents: 100, ambito: 'A1' }, { istat: '000003', residents: 10, ambito: 'A1' }],
      ambiti: [{ code: 'A1', ats: 'T1' }],
      ats: ['T1'],
      points: [[0, 0], [0, 50], [1, 100], [2, 10]],
      services: ['s0'],
      bases: [{ id: 'b0', service: 0, travel: [0, 0, 0, 0], units: { closure: 0 } }],
      serviceOfComune: [0, 0, 0],
    });
    expect(Number.isNaN(r.comuni.responseMin[0])).toBe(true);
    expect(r.notReached.map((c) => [c.istat, c.responseMin])).toEqual([['000002', null], ['000001', null], ['000003', null]]);
  });

  it('responses of 0 sort as the fastest', () => {
    const response = { triageMin: 0, mobilisationMinByBand: { ...DEFAULT_RESPONSE_ASSUMPTIONS.mobilisationMinByBand, closure: 0 } };
    const r = run({ ...order, bases: [{ id: 'b0', service: 0, travel: [0, 0, 1, 0, 2, 0, 0] }] }, { targetMin: -1, response });
    expect(r.notReached.map((c) => c.istat)).toEqual(['000000', '000006', '000002', '000004', '000001', '000003', '000005']);
  });
});

// Six points in three groups (g2 has none; point 3 belongs to no group): every figure by hand.
const G = {
  groupOfPoint: Int32Array.from([0, 0, 1, -1, 0, 1]),
  residents: Float64Array.from([9, 1, 5, 100, 0, 5]),
  response: Float32Array.from([10, 20, Infinity, 5, 30, 15]),
  thresholds: [10, 20],
};
const G_WANT: GroupStats[] = [
  // Mean (9 × 10 + 1 × 20) / 10 = 11; p90: the first 9 of 10 residents are within 10 min; max 30 (a point with no residents still counts).
  { code: 'g0', name: 'G0', comuni: 7, residents: 10, residentsReached: 10, residentsWithin: [9, 10], shareWithin: [0.9, 1], meanResponseMin: 11, p90ResponseMin: 10, maxResponseMin: 30 },
  { code: 'g1', name: 'G1', comuni: 3, residents: 10, residentsReached: 5, residentsWithin: [0, 5], shareWithin: [0, 0.5], meanResponseMin: 15, p90ResponseMin: 15, maxResponseMin: 15 },
  { code: 'g2', name: 'G2', comuni: 0, residents: 0, residentsReached: 0, residentsWithin: [0, 0], shareWithin: [0, 0], meanResponseMin: null, p90ResponseMin: null, maxResponseMin: null },
];

describe('group statistics by hand', () => {
  const order = orderByResponse(G.response);
  it('orderByResponse: ascending, unreachable last', () => {
    expect([...order]).toEqual([3, 0, 5, 1, 4, 2]);
  });

  it('groupStats: totals, thresholds inclusive, shares over all residents, p90 at exactly 90 %', () => {
    const groups = [{ code: 'g0', name: 'G0', comuni: 7 }, { code: 'g1', name: 'G1', comuni: 3 }, { code: 'g2', name: 'G2', comuni: 0 }];
    expect(groupStats(G.groupOfPoint, groups, G.residents, G.response, order, G.thresholds)).toEqual(G_WANT);
  });

  it('groupStats: the p90 is the response at which 90 % of the reached residents are served', () => {
    // 8 + 1 of 10 residents within 10 and 11 min: the 90th percentile is 11; one more resident at 10 makes it 10.
    const one = [{ code: 'x', name: 'X', comuni: 1 }];
    const r = Float32Array.from([10, 11, 12]);
    const o = orderByResponse(r);
    expect(groupStats(new Int32Array(3), one, Float64Array.from([8, 1, 1]), r, o, [])[0]!.p90ResponseMin).toBe(11);
    expect(groupStats(new Int32Array(3), one, Float64Array.from([9, 0, 1]), r, o, [])[0]!.p90ResponseMin).toBe(10);
    expect(groupStats(new Int32Array(3), one, Float64Array.from([8, 0, 2]), r, o, [])[0]!.p90ResponseMin).toBe(12);
  });

  it('levelStats: the same figures grouped through comuni, several levels at once', () => {
    // Points 0..5 in comuni 0, 0, 1, 2, 3, 4; level 0 = the groups above, level 1 = one group of all comuni but comune 4.
    const comuneOfPoint = Int32Array.from([0, 0, 1, 2, 3, 4]);
    const levels = [
      { groupOfComune: Int32Array.from([0, 1, -1, 0, 1]), groups: [{ code: 'g0', name: 'G0' }, { code: 'g1', name: 'G1' }, { code: 'g2', name: 'G2' }] },
      { groupOfComune: Int32Array.from([0, 0, 0, 0, -1]), groups: [{ code: 'all', name: 'Tutti' }] },
    ];
    const [l0, l1] = levelStats(levels, comuneOfPoint, G.residents, G.response, order, G.thresholds);
    expect(l0).toEqual(G_WANT.map((g, i) => ({ ...g, comuni: [2, 2, 0][i] })));
    // Level 1: points 0..4: 115 residents, reached 110 (point 2 unreachable), within 10: 9 + 100; p90 at 99 of 110 → 5 min.
    expect(l1).toEqual([{ code: 'all', name: 'Tutti', comuni: 4, residents: 115, residentsReached: 110, residentsWithin: [109, 110], shareWithin: [109 / 115, 110 / 115], meanResponseMin: (90 + 20 + 500) / 110, p90ResponseMin: 5, maxResponseMin: 30 }]);
    expect(levelStats([], comuneOfPoint, G.residents, G.response, order, G.thresholds)).toEqual([]);
  });
});

describe('orderByResponse at its edges', () => {
  it('no points; NaN among them takes the comparator sort', () => {
    expect([...orderByResponse(new Float32Array(0))]).toEqual([]);
    // The comparator gives NaN against anything, i.e. a tie: index order (the radix sort would put NaN's bits last).
    expect([...orderByResponse(Float32Array.from([2, Number.NaN, 1]))]).toEqual([0, 1, 2]);
  });
  it('values differing in every byte of their bits, and in one only', () => {
    const r = Float32Array.from([1e30, 1 + 2 ** -23, 3e-38, 1, 65536.5, 1e-40, 256.25, 1 + 2 ** -22]);
    const want = Int32Array.from(r, (_, i) => i).sort((a, b) => r[a]! - r[b]! || a - b);
    expect([...orderByResponse(r)]).toEqual([...want]);
    expect([...orderByResponse(Float32Array.from([1 + 2 ** -22, 1, 1 + 2 ** -23]))]).toEqual([1, 2, 0]);
    expect([...orderByResponse(Float32Array.from([4, 4, 4]))]).toEqual([0, 1, 2]);
  });
});
