// suggestAssociations / proposalToScenario on hand-made territories: every comune is one demand
// point (no split, no last mile), travel times come from an OD matrix written here, and the
// response assumptions are zero (response = travel) unless a test says otherwise.
import { describe, expect, it } from 'vitest';
import { createTravelContext, type TravelContext } from '../../src/core/travel/context.ts';
import { DEFAULT_TRAVEL_ASSUMPTIONS } from '../../src/core/travel/assumptions.ts';
import type { OdMatrix } from '../../src/core/travel/odMatrix.ts';
import type { HierarchyLink, TerritoryData } from '../../src/core/territory/types.ts';
import type { ResponseAssumptions } from '../../src/core/coverage/assumptions.ts';
import type { Scenario } from '../../src/core/scenario/types.ts';
import { createService } from '../../src/core/scenario/edit.ts';
import {
  ASSOCIATION_ASSUMPTION_INFO, DEFAULT_MAX_P90_MIN, DEFAULT_MIN_RESIDENTS, proposalToScenario, suggestAssociations,
  type AssociationOptions, type AssociationProposal,
} from '../../src/core/optimise/associations.ts';

const ZERO: ResponseAssumptions = { triageMin: 0, mobilisationMinByBand: { office: 0, closure: 0, night: 0, saturday: 0, holiday: 0 } };

interface AmbitoSpec {
  code: string;
  name?: string;
  ats?: string;
  asst?: string[];
  distretti?: string[];
}

interface Spec {
  /** Comune i: its Ambito and residents (ISTAT code = i + 1 on 6 digits, name "C<i>"). */
  comuni: [ambito: string, residents: number][];
  /** Undirected borders between comuni. */
  borders: [number, number][];
  /** Minutes from comune i to comune j (i ≠ j); default 10 × |i − j|. */
  time?: (i: number, j: number) => number;
  /** Minutes inside comune i (default: none, i.e. 0). */
  self?: (i: number) => number | undefined;
  ambiti: AmbitoSpec[];
  /** Keep data.ambiti in the order given (the type says sorted by code; the code sorts anyway). */
  unsorted?: boolean;
}

function territoryOf(spec: Spec): TerritoryData {
  const n = spec.comuni.length;
  const comuni = spec.comuni.map(([ambito, residents], i) => ({
    istat: String(i + 1).padStart(6, '0'),
    name: `C${i}`,
    province: 'XX',
    residents,
    capoluogo: false,
    over50k: false,
    areaKm2: 10,
    point: [9 + i * 0.1, 45] as [number, number],
    ambito,
    status: 'sourced' as const,
    confidence: 'verbatim' as const,
    source: 'fixture',
  }));
  const adjacency: number[][] = Array.from({ length: n }, () => []);
  for (const [a, b] of spec.borders) {
    adjacency[a].push(b);
    adjacency[b].push(a);
  }
  for (const l of adjacency) l.sort((x, y) => x - y);
  const ambiti = spec.ambiti.map((a) => ({
    code: a.code,
    name: a.name ?? `Ambito ${a.code}`,
    sioss: a.code,
    ats: a.ats ?? 'T1',
    asst: a.asst ?? ['S1'],
    distretti: a.distretti ?? ['D1'],
  }));
  const links: HierarchyLink[] = ambiti.flatMap((a) => a.distretti.map((d, i) => ({ ambito: a.code, distretto: d, asst: a.asst[Math.min(i, a.asst.length - 1)], ats: a.ats })));
  const codes = (f: (a: (typeof ambiti)[number]) => string[]): string[] => [...new Set(ambiti.flatMap(f))].sort();
  return {
    version: 1,
    populationDate: '2024-01-10',
    comuni,
    ambiti: spec.unsorted ? ambiti : [...ambiti].sort((x, y) => x.code.localeCompare(y.code)),
    distretti: codes((a) => a.distretti).map((d) => ({ code: d, name: `Distretto ${d}`, asst: ['S1'] })),
    asst: codes((a) => a.asst).map((s) => ({ code: s, name: `ASST ${s}`, ats: 'T1' })),
    ats: codes((a) => [a.ats]).map((t) => ({ code: t, name: `ATS ${t}` })),
    links,
    adjacency,
  };
}

function ctxOf(spec: Spec): TravelContext {
  const data = territoryOf(spec);
  const n = data.comuni.length;
  const time = spec.time ?? ((i: number, j: number) => 10 * Math.abs(i - j));
  const rows = new Map<number, Map<number, number>>();
  let pairs = 0;
  for (let i = 0; i < n; i++) {
    const row = new Map<number, number>();
    for (let j = 0; j < n; j++) {
      const t = i === j ? spec.self?.(i) : time(i, j);
      if (t === undefined) continue;
      row.set(j, t);
      pairs++;
    }
    rows.set(i, row);
  }
  const od: OdMatrix = { rows, pairs };
  return createTravelContext(data, { ...DEFAULT_TRAVEL_ASSUMPTIONS, intraComune: false, splitLargeComuni: false }, od);
}

const run = (spec: Spec, options: AssociationOptions = {}, scenario: Scenario | null = null): AssociationProposal =>
  suggestAssociations(ctxOf(spec), scenario, { response: ZERO, ...options });

const members = (p: AssociationProposal): string[][] => p.groups.map((g) => g.members);

/** A1 – A2 – … on a line, one comune each, 10 min apart. */
const line = (residents: number[], names?: string[]): Spec => ({
  comuni: residents.map((r, i) => [`A${i + 1}`, r]),
  borders: residents.slice(1).map((_, i) => [i, i + 1]),
  ambiti: residents.map((_, i) => ({ code: `A${i + 1}`, name: names?.[i] })),
});

const emptyScenario = (): Scenario => ({
  schemaVersion: 2, id: 'base', name: 'Base', description: '', referenceDate: '2024-01-10', authorNote: '', illustrative: true, statuses: {}, services: [], compositionOverrides: {},
});
const ALL_ONE = { office: 1, closure: 1, night: 1, saturday: 1, holiday: 1 };
const serving = (codes: string[], s = emptyScenario()): Scenario =>
  createService(s, { members: codes, bases: [{ id: 'base-1', kind: 'uds', istat: '000001', unitsByBand: { ...ALL_ONE } }] });

/** Symmetric minutes from a list of [i, j, minutes]; pairs not listed: 40 min. */
const pairs = (list: [number, number, number][]) => (i: number, j: number): number => {
  for (const [a, b, t] of list) if ((a === i && b === j) || (a === j && b === i)) return t;
  return 40;
};

const SUFFIX_MEDIAN = 'posizione che minimizza il tempo medio di risposta';

describe('defaults, fields and messages on a line of four Ambiti', () => {
  it('merges the smallest group first, prefers the smaller merged group on a tie and stops at the minimum', () => {
    // A2 (30k) is the smallest: A1+A2 and A2+A3 both leave the worst member at 10 min with full
    // coverage; A1+A2 has fewer residents (70k < 80k). Then A3 (50k): A3+A4 (150k) and A1+A2+A3
    // (120k, only A2 borders A3) tie again at 10 min: the smaller wins. A4 has exactly 100,000.
    const p = run(line([40000, 30000, 50000, 100000], ['Alfa', 'Beta', 'Gamma', 'Delta']));
    expect(members(p)).toEqual([['A1', 'A2', 'A3'], ['A4']]);
    expect(p.eligible).toEqual(['A1', 'A2', 'A3', 'A4']);
    expect(p.options).toEqual({ scope: 'senza-pis', sameLevel: 'ats', minResidents: 100000, maxP90Min: 60, objective: 'worst', baseMode: 'heuristic', targetMin: 45, band: 'closure' });
    expect(DEFAULT_MIN_RESIDENTS).toBe(100000);
    expect(DEFAULT_MAX_P90_MIN).toBe(60);
    expect(p.assumptions).toBe(ASSOCIATION_ASSUMPTION_INFO);
    expect(p.warnings).toEqual([]);
    expect(p.groups[0]).toEqual({
      id: 'proposta-1',
      members: ['A1', 'A2', 'A3'],
      memberNames: ['Alfa', 'Beta', 'Gamma'],
      residents: 120000,
      sharedUnits: [{ code: 'T1', name: 'ATS T1' }],
      // Weighted median of 40k, 30k, 50k at 0, 10, 20 min: the middle comune.
      base: { istat: '000002', name: 'C1', ambito: 'A2' },
      memberP90Min: [10, 0, 10],
      memberShareWithinT: [1, 1, 1],
      // Alfa and Gamma tie at 10 min: the first one is the worst served.
      worstMember: 'A1',
      worstP90Min: 10,
      shareWithinT: 1,
      meetsMinResidents: true,
      meetsMaxP90: true,
      explanation:
        'Ambiti Alfa (A1), Beta (A2), Gamma (A3): confinanti (Alfa–Beta, Beta–Gamma), tutti nella stessa ATS (ATS T1); 120.000 residenti (ANPR 2024-01-10); minimo richiesto 100.000; ' +
        `base unica a C1 (${SUFFIX_MEDIAN}); tempo di risposta al 90° percentile: Alfa 10 min, Beta 0 min, Gamma 10 min; il peggio servito è Alfa (10 min), entro il massimo di 60 min; residenti raggiunti entro 45 min: 100,0%.`,
    });
    expect(p.groups[1]).toMatchObject({ id: 'proposta-2', members: ['A4'], residents: 100000, meetsMinResidents: true, meetsMaxP90: true, base: { istat: '000004', name: 'C3', ambito: 'A4' } });
    expect(p.groups[1].explanation).toBe(
      `Ambito Delta (A4) da solo; 100.000 residenti (ANPR 2024-01-10); minimo richiesto 100.000; base unica a C3 (${SUFFIX_MEDIAN}); tempo di risposta al 90° percentile: Delta 0 min; residenti raggiunti entro 45 min: 100,0%.`,
    );
  });

  it('passes every option through to the result', () => {
    const o = { scope: 'tutti', sameLevel: 'asst', minResidents: 50000, maxP90Min: 30, objective: 'coverage', baseMode: 'most-populous', targetMin: 20, band: 'office' } as const;
    expect(run(line([40000, 30000]), o).options).toEqual(o);
  });

  it('a group below the minimum says so, and the warning counts it', () => {
    const p = run(line([30000, 20000]));
    expect(members(p)).toEqual([['A1', 'A2']]);
    const g = p.groups[0];
    expect(g).toMatchObject({ residents: 50000, meetsMinResidents: false, meetsMaxP90: true, memberP90Min: [0, 10], worstMember: 'A2', worstP90Min: 10, base: { istat: '000001', ambito: 'A1' } });
    expect(g.explanation).toBe(
      'Ambiti Ambito A1 (A1), Ambito A2 (A2): confinanti (Ambito A1–Ambito A2), tutti nella stessa ATS (ATS T1); 50.000 residenti (ANPR 2024-01-10); minimo richiesto 100.000: NON raggiunto; ' +
        `base unica a C0 (${SUFFIX_MEDIAN}); tempo di risposta al 90° percentile: Ambito A1 0 min, Ambito A2 10 min; il peggio servito è Ambito A2 (10 min), entro il massimo di 60 min; ` +
        'residenti raggiunti entro 45 min: 100,0%; nessuna aggregazione con un Ambito confinante della stessa ATS rispetta il tempo massimo.',
    );
    expect(p.warnings).toEqual(['1 gruppi restano sotto la soglia di 100.000 residenti: nessuna aggregazione ammessa dai vincoli']);
  });

  it('the worst-served member is the one with the highest p90, wherever it sits', () => {
    // Comuni at 0, 10 and 30 min; A1 and A3 tie at 20k (A1 first by code) and join A2 in turn.
    const spec = line([20000, 50000, 20000]);
    const pos = [0, 10, 30];
    const p = run({ ...spec, time: (i, j) => Math.abs(pos[i] - pos[j]) });
    expect(members(p)).toEqual([['A1', 'A2', 'A3']]);
    expect(p.groups[0]).toMatchObject({ memberP90Min: [10, 0, 20], worstMember: 'A3', worstP90Min: 20, residents: 90000, base: { istat: '000002' } });
    expect(p.groups[0].explanation).toContain('il peggio servito è Ambito A3 (20 min), entro il massimo di 60 min');
  });
});

describe('which Ambiti are grouped', () => {
  const spec = line([30000, 30000, 30000]);

  it('by default the Ambiti without a service; every one with scope "tutti" or without a scenario', () => {
    const s = serving(['A1']);
    const p = run(spec, {}, s);
    expect(p.eligible).toEqual(['A2', 'A3']);
    expect(members(p)).toEqual([['A2', 'A3']]);
    expect(run(spec, { scope: 'tutti' }, s).eligible).toEqual(['A1', 'A2', 'A3']);
    expect(run(spec, {}, null).eligible).toEqual(['A1', 'A2', 'A3']);
    expect(run(spec, { scope: 'senza-pis' }, serving(['A2'])).eligible).toEqual(['A1', 'A3']);
  });

  it('an explicit list overrides the scope, without duplicates and sorted; an unknown code is refused', () => {
    const p = run(spec, { ambiti: ['A3', 'A1', 'A3'], scope: 'tutti' }, serving(['A1']));
    expect(p.eligible).toEqual(['A1', 'A3']);
    // A1 and A3 do not border each other and A2 is not in the list.
    expect(members(p)).toEqual([['A1'], ['A3']]);
    expect(p.groups[0].explanation).toMatch(/; nessun Ambito confinante tra quelli da raggruppare\.$/);
    expect(p.warnings).toEqual(['2 gruppi restano sotto la soglia di 100.000 residenti: nessuna aggregazione ammessa dai vincoli']);
    expect(() => run(spec, { ambiti: ['A1', 'A9'] })).toThrow('Associazioni suggerite: Ambito A9 sconosciuto');
  });

  it('the eligible list is sorted even if data.ambiti is not', () => {
    const shuffled: Spec = { ...spec, ambiti: [{ code: 'A3' }, { code: 'A1' }, { code: 'A2' }], unsorted: true };
    expect(run(shuffled, {}, null).eligible).toEqual(['A1', 'A2', 'A3']);
    expect(run(shuffled, {}, serving(['A2'])).eligible).toEqual(['A1', 'A3']);
  });

  it('nothing to group when every Ambito has a service', () => {
    const p = run(spec, {}, serving(['A1', 'A2', 'A3']));
    expect(p.eligible).toEqual([]);
    expect(p.groups).toEqual([]);
    expect(p.warnings).toEqual(['Nessun Ambito da raggruppare: tutti hanno già un PIS nello scenario']);
  });

  it('the what-if composition of the scenario moves comuni (and the base) between Ambiti', () => {
    // A1 = comuni 0, 1; A2 = comuni 2, 3; the scenario moves comune 2 (60k) into A1.
    const s: Scenario = { ...emptyScenario(), compositionOverrides: { '000003': 'A1' } };
    const moved: Spec = { comuni: [['A1', 10000], ['A1', 10000], ['A2', 60000], ['A2', 60000]], borders: [[0, 1], [1, 2], [2, 3]], ambiti: [{ code: 'A1' }, { code: 'A2' }] };
    const p = run(moved, { minResidents: 60000 }, s);
    expect(members(p)).toEqual([['A1'], ['A2']]);
    expect(p.groups.map((g) => g.residents)).toEqual([80000, 60000]);
    expect(p.groups[0].base).toEqual({ istat: '000003', name: 'C2', ambito: 'A1' });
    expect(p.groups[1].base).toEqual({ istat: '000004', name: 'C3', ambito: 'A2' });
  });
});

describe('evaluations are remembered per member list', () => {
  it('two lists that would read the same without a separator are different groups', () => {
    // A–AB and AA–B border each other in pairs: A+AB forms first, then AA+B ("A"+"AB" = "AA"+"B").
    const spec: Spec = { comuni: [['A', 10000], ['AB', 20000], ['AA', 15000], ['B', 30000]], borders: [[0, 1], [2, 3]], ambiti: [{ code: 'A' }, { code: 'AA' }, { code: 'AB' }, { code: 'B' }] };
    const p = run(spec);
    expect(members(p)).toEqual([['A', 'AB'], ['AA', 'B']]);
    expect(p.groups.map((g) => g.residents)).toEqual([30000, 45000]);
    expect(p.groups[1].base).toEqual({ istat: '000004', name: 'C3', ambito: 'B' });
  });
});

describe('constraints', () => {
  it('Ambiti without a shared border stay alone, each with its reason', () => {
    const p = run({ ...line([30000, 20000]), borders: [] });
    expect(members(p)).toEqual([['A1'], ['A2']]);
    for (const g of p.groups) expect(g.explanation).toMatch(/NON raggiunto; .*; nessun Ambito confinante tra quelli da raggruppare\.$/);
    expect(p.warnings).toEqual(['2 gruppi restano sotto la soglia di 100.000 residenti: nessuna aggregazione ammessa dai vincoli']);
  });

  it('a merge whose worst member is exactly at the maximum is allowed; one minute less, refused', () => {
    // A2 borders A1 (in the list) and A3 (not in the list).
    const spec = line([30000, 20000, 30000]);
    const ok = run(spec, { ambiti: ['A1', 'A2'], maxP90Min: 10 });
    expect(members(ok)).toEqual([['A1', 'A2']]);
    expect(ok.groups[0]).toMatchObject({ worstP90Min: 10, meetsMaxP90: true });
    expect(ok.groups[0].explanation).toContain('il peggio servito è Ambito A2 (10 min), entro il massimo di 10 min');
    const no = run(spec, { ambiti: ['A1', 'A2'], maxP90Min: 9 });
    expect(members(no)).toEqual([['A1'], ['A2']]);
    expect(no.groups.map((g) => g.meetsMaxP90)).toEqual([true, true]);
    expect(no.groups[1].explanation).toBe(
      `Ambito Ambito A2 (A2) da solo; 20.000 residenti (ANPR 2024-01-10); minimo richiesto 100.000: NON raggiunto; base unica a C1 (${SUFFIX_MEDIAN}); tempo di risposta al 90° percentile: Ambito A2 0 min; ` +
        'residenti raggiunti entro 45 min: 100,0%; nessuna aggregazione con un Ambito confinante della stessa ATS rispetta il tempo massimo.',
    );
  });

  it('members must share the ATS', () => {
    const spec = line([30000, 30000, 30000]);
    spec.ambiti[2].ats = 'T2';
    const p = run(spec);
    expect(members(p)).toEqual([['A1', 'A2'], ['A3']]);
    expect(p.groups[1].sharedUnits).toEqual([{ code: 'T2', name: 'ATS T2' }]);
    expect(p.groups[1].explanation).toMatch(/; nessuna aggregazione con un Ambito confinante della stessa ATS rispetta il tempo massimo\.$/);
  });

  it('sameLevel "asst": the same ATS is not enough', () => {
    const spec = line([30000, 20000, 40000]);
    spec.ambiti[2].asst = ['S2'];
    expect(members(run(spec))).toEqual([['A1', 'A2', 'A3']]);
    const p = run(spec, { sameLevel: 'asst' });
    expect(members(p)).toEqual([['A1', 'A2'], ['A3']]);
    expect(p.groups[0].sharedUnits).toEqual([{ code: 'S1', name: 'ASST S1' }]);
    expect(p.groups[0].explanation).toContain('confinanti (Ambito A1–Ambito A2), tutti nella stessa ASST (ASST S1); ');
    expect(p.groups[1].explanation).toMatch(/; nessuna aggregazione con un Ambito confinante della stessa ASST rispetta il tempo massimo\.$/);
  });

  it('sameLevel "distretto": a group keeps only the units all its members share', () => {
    const spec = line([30000, 20000, 40000]);
    spec.ambiti[0].distretti = ['D1', 'D2'];
    spec.ambiti[1].distretti = ['D1', 'D2'];
    spec.ambiti[2].distretti = ['D2'];
    // A2 joins A1 (50k < 60k of A2+A3, same 10 min), then A3 joins through D2 only.
    const all = run(spec, { sameLevel: 'distretto' });
    expect(members(all)).toEqual([['A1', 'A2', 'A3']]);
    expect(all.groups[0].sharedUnits).toEqual([{ code: 'D2', name: 'Distretto D2' }]);
    expect(all.groups[0].explanation).toContain('tutti nella stessa Distretto (Distretto D2); ');
    // With 50k as the minimum A3 (50k) stays alone and A1+A2 keeps both distretti.
    spec.comuni[2][1] = 50000;
    const two = run(spec, { sameLevel: 'distretto', minResidents: 50000 });
    expect(members(two)).toEqual([['A1', 'A2'], ['A3']]);
    expect(two.groups[0].sharedUnits).toEqual([{ code: 'D1', name: 'Distretto D1' }, { code: 'D2', name: 'Distretto D2' }]);
    expect(two.groups[0].explanation).toContain('tutti nella stessa Distretto (Distretto D1 / Distretto D2); 50.000 residenti');
  });
});

describe('choice of the partner', () => {
  it('equal residents: the merged group whose first code comes first', () => {
    // A3 (10k) ties with A2 and A4 (both 40k, 10 min): A2+A3. Then A1 joins, then A4.
    const p = run(line([20000, 30000, 10000, 30000]), { minResidents: 40000 });
    expect(members(p)).toEqual([['A1', 'A2', 'A3', 'A4']]);
    expect(p.groups[0]).toMatchObject({ memberP90Min: [10, 0, 10, 20], worstMember: 'A4', worstP90Min: 20, residents: 90000, base: { istat: '000002' } });
  });

  it('equal residents: a later merged group with a smaller first code replaces an earlier neighbour', () => {
    // A1 (10k) joins A2 (20k). A3 (15k) then ties between A4 (30k, listed first) and A1+A2
    // (30k, appended after the merge): both 45k, worst 10 min; A1+A2+A3 starts with A1. With 10
    // min as the maximum A4 cannot follow (A1 would be 20 min from the base).
    const p = run(line([10000, 20000, 15000, 30000]), { minResidents: 45000, maxP90Min: 10 });
    expect(members(p)).toEqual([['A1', 'A2', 'A3'], ['A4']]);
    expect(p.groups[0]).toMatchObject({ residents: 45000, memberP90Min: [10, 0, 10], meetsMinResidents: true });
  });

  it('equal worst and share: fewer residents win even against a smaller first code', () => {
    // As above with A4 = 25k: A3+A4 (40k) beats A1+A2+A3 (45k). Neither pair can then join the other.
    const p = run(line([10000, 20000, 15000, 25000]), { minResidents: 45000, maxP90Min: 10 });
    expect(members(p)).toEqual([['A1', 'A2'], ['A3', 'A4']]);
    expect(p.groups.map((g) => g.residents)).toEqual([30000, 40000]);
  });

  it('a full tie keeps the first neighbour', () => {
    // A1 (10k) in the middle, A2 and A3 (20k each, the minimum) 10 min away on either side.
    const star: Spec = { comuni: [['A1', 10000], ['A2', 20000], ['A3', 20000]], borders: [[0, 1], [0, 2]], time: pairs([[0, 1, 10], [0, 2, 10], [1, 2, 20]]), ambiti: [{ code: 'A1' }, { code: 'A2' }, { code: 'A3' }] };
    expect(members(run(star, { minResidents: 20000 }))).toEqual([['A1', 'A2'], ['A3']]);
  });

  it('"worst" minimises the worst p90, "coverage" maximises the share within T (both orders)', () => {
    // A1 (10k) can join A2 (20k, 20 min: worst 20, 20/30 within 15 min) or A3 (50k, 30 min: worst 30, 50/60).
    const spec: Spec = { comuni: [['A1', 10000], ['A2', 20000], ['A3', 50000]], borders: [[0, 1], [0, 2]], time: pairs([[0, 1, 20], [0, 2, 30], [1, 2, 50]]), ambiti: [{ code: 'A1' }, { code: 'A2' }, { code: 'A3' }] };
    const o = { minResidents: 20000, targetMin: 15 };
    const worst = run(spec, o);
    expect(members(worst)).toEqual([['A1', 'A2'], ['A3']]);
    expect(worst.groups[0]).toMatchObject({ worstP90Min: 20, shareWithinT: 20000 / 30000, memberShareWithinT: [0, 1] });
    expect(worst.groups[0].explanation).toContain('residenti raggiunti entro 15 min: 66,7%');
    expect(members(run(spec, { ...o, objective: 'coverage' }))).toEqual([['A1', 'A3'], ['A2']]);
    // The same with the codes of the two partners swapped.
    const swapped: Spec = { ...spec, comuni: [['A1', 10000], ['A2', 50000], ['A3', 20000]], time: pairs([[0, 1, 30], [0, 2, 20], [1, 2, 50]]) };
    expect(members(run(swapped, o))).toEqual([['A1', 'A3'], ['A2']]);
    const cov = run(swapped, { ...o, objective: 'coverage' });
    expect(members(cov)).toEqual([['A1', 'A2'], ['A3']]);
    expect(cov.groups[0]).toMatchObject({ worstP90Min: 30, shareWithinT: 50000 / 60000, memberP90Min: [30, 0] });
  });

  it('"worst": on equal worst p90 the higher share within T wins over fewer residents', () => {
    // A1 (10k) + A2 (20k at 20 min): worst 20, 20/30 within 15 min. A1 + A3 (40k at 20 min, 1k
    // 5 min further): worst 20, 41/51 within 15 min.
    const spec: Spec = {
      comuni: [['A1', 10000], ['A2', 20000], ['A3', 40000], ['A3', 1000]],
      borders: [[0, 1], [0, 2], [2, 3]],
      time: pairs([[0, 1, 20], [0, 2, 20], [0, 3, 25], [2, 3, 5]]),
      ambiti: [{ code: 'A1' }, { code: 'A2' }, { code: 'A3' }],
    };
    const p = run(spec, { minResidents: 20000, targetMin: 15 });
    expect(members(p)).toEqual([['A1', 'A3'], ['A2']]);
    expect(p.groups[0]).toMatchObject({ memberP90Min: [20, 0], memberShareWithinT: [0, 1], shareWithinT: 41000 / 51000, residents: 51000, base: { istat: '000003' } });
    expect(p.groups[0].explanation).toContain('residenti raggiunti entro 15 min: 80,4%');
  });

  it('"coverage": on equal shares the lower worst p90 wins over fewer residents', () => {
    // A1 (10k) + A2 (20k at 20 min) or + A3 (30k at 10 min): everyone within 45 min.
    const spec: Spec = { comuni: [['A1', 10000], ['A2', 20000], ['A3', 30000]], borders: [[0, 1], [0, 2]], time: pairs([[0, 1, 20], [0, 2, 10], [1, 2, 30]]), ambiti: [{ code: 'A1' }, { code: 'A2' }, { code: 'A3' }] };
    const p = run(spec, { minResidents: 20000, objective: 'coverage' });
    expect(members(p)).toEqual([['A1', 'A3'], ['A2']]);
    expect(p.groups[0]).toMatchObject({ worstP90Min: 10, shareWithinT: 1 });
  });
});

describe('where the base goes', () => {
  // B1 = comuni 3, 4, 5; B2 = comuni 1, 2, 6 (comune 0 belongs to A0, not grouped). The group's
  // comuni are visited in the order 3, 4, 5, 1, 2, 6.
  const spec: Spec = {
    comuni: [['A0', 1000], ['B2', 10], ['B2', 500], ['B1', 100], ['B1', 500], ['B1', 50], ['B2', 500]],
    borders: [[0, 1], [1, 2], [2, 3], [3, 4], [4, 5], [5, 6]],
    ambiti: [{ code: 'A0' }, { code: 'B1', name: 'Bi' }, { code: 'B2', name: 'Bu' }],
  };

  it('"most-populous": the most populous comune, the lowest index on a tie', () => {
    const p = run(spec, { ambiti: ['B1', 'B2'], baseMode: 'most-populous' });
    expect(members(p)).toEqual([['B1', 'B2']]);
    // Comuni 2, 4 and 6 have 500 residents: comune 2 (in B2). p90 from it: B1 20 min, B2 40 min.
    expect(p.groups[0]).toMatchObject({ base: { istat: '000003', name: 'C2', ambito: 'B2' }, memberP90Min: [20, 40], worstMember: 'B2', worstP90Min: 40, residents: 1660 });
    expect(p.groups[0].explanation).toContain('; base unica a C2 (comune più popoloso); tempo di risposta al 90° percentile: Bi 20 min, Bu 40 min; il peggio servito è Bu (40 min)');
  });

  it('"most-populous": a smaller comune with a lower index visited later does not replace the largest', () => {
    // B1 = comuni 1, 2; B2 = comune 0: visited 1, 2, 0.
    const small: Spec = { comuni: [['B2', 10], ['B1', 100], ['B1', 500]], borders: [[0, 1], [1, 2]], ambiti: [{ code: 'B1' }, { code: 'B2' }] };
    const p = run(small, { baseMode: 'most-populous' });
    expect(members(p)).toEqual([['B1', 'B2']]);
    expect(p.groups[0]).toMatchObject({ base: { istat: '000003', name: 'C2', ambito: 'B1' }, memberP90Min: [10, 20] });
  });

  it('"heuristic": the weighted median of the group', () => {
    // Residents 10, 500, 100, 500, 50, 500 at comuni 1..6: half of 1660 is passed at comune 4.
    const p = run(spec, { ambiti: ['B1', 'B2'] });
    expect(p.groups[0]).toMatchObject({ base: { istat: '000005', name: 'C4', ambito: 'B1' }, memberP90Min: [10, 20] });
    expect(p.groups[0].explanation).toContain(`; base unica a C4 (${SUFFIX_MEDIAN}); `);
  });
});

describe('response times', () => {
  it('a single Ambito beyond the maximum even with its own base', () => {
    const spec: Spec = { comuni: [['A1', 500], ['A1', 500]], borders: [[0, 1]], time: () => 100, ambiti: [{ code: 'A1', name: 'Uno' }] };
    const p = run(spec, { minResidents: 1000 });
    expect(p.groups).toHaveLength(1);
    expect(p.groups[0]).toMatchObject({ members: ['A1'], memberP90Min: [100], worstP90Min: 100, meetsMaxP90: false, meetsMinResidents: true, shareWithinT: 0.5, memberShareWithinT: [0.5] });
    expect(p.groups[0].explanation).toBe(
      `Ambito Uno (A1) da solo; 1.000 residenti (ANPR 2024-01-10); minimo richiesto 1.000; base unica a C0 (${SUFFIX_MEDIAN}); tempo di risposta al 90° percentile: Uno 100 min; ` +
        'oltre il massimo di 60 min anche da solo con una base; residenti raggiunti entro 45 min: 50,0%.',
    );
    expect(p.warnings).toEqual([]);
  });

  it('the default response assumptions and the time band', () => {
    const spec = line([30000, 20000]);
    // Closure (default): 5 min triage + 15 min mobilisation; office 5 + 10; night 5 + 20 and travel × 0.8.
    expect(run(spec, { response: undefined }).groups[0].memberP90Min).toEqual([20, 30]);
    expect(run(spec, { response: undefined, band: 'office' }).groups[0].memberP90Min).toEqual([15, 25]);
    expect(run(spec, { response: undefined, band: 'night' }).groups[0].memberP90Min).toEqual([25, 33]);
    const t = run(spec, { response: undefined, targetMin: 25 });
    expect(t.groups[0]).toMatchObject({ shareWithinT: 0.6, memberShareWithinT: [1, 0] });
    expect(t.groups[0].explanation).toMatch(/; residenti raggiunti entro 25 min: 60,0%; /);
  });

  it('an Ambito no base reaches', () => {
    // Comune 1 (A2) cannot be reached from anywhere, not even from inside. (Only a hand-made OD
    // matrix can say so; the heuristic has no finite choice then, so the base is the most populous.)
    const spec: Spec = { ...line([30000, 20000]), time: (_i, j) => (j === 1 ? Infinity : 10), self: (i) => (i === 1 ? Infinity : undefined) };
    const p = run(spec, { baseMode: 'most-populous' });
    expect(members(p)).toEqual([['A1'], ['A2']]);
    expect(p.groups[1]).toMatchObject({ memberP90Min: [null], worstP90Min: null, meetsMaxP90: false, shareWithinT: 0 });
    expect(p.groups[1].explanation).toContain('; tempo di risposta al 90° percentile: Ambito A2 non raggiunto; oltre il massimo di 60 min anche da solo con una base; residenti raggiunti entro 45 min: 0,0%; nessuna aggregazione');
    // Without a maximum the two merge, and the unreached member is the worst served.
    const q = run(spec, { baseMode: 'most-populous', maxP90Min: Infinity });
    expect(members(q)).toEqual([['A1', 'A2']]);
    expect(q.groups[0]).toMatchObject({ memberP90Min: [0, null], worstMember: 'A2', worstP90Min: null });
    expect(q.groups[0].explanation).toContain('il peggio servito è Ambito A2 (non raggiunto), entro il massimo di Infinity min');
  });
});

describe('proposalToScenario', () => {
  // A3 has a service already; A1 + A2 and A4 get one each.
  const spec = line([20000, 30000, 100000, 100000], ['Alfa', 'Beta', 'Gamma', 'Delta']);

  it('one new service per group, the base scenario untouched', () => {
    const base = serving(['A3']);
    const p = run(spec, {}, base);
    expect(members(p)).toEqual([['A1', 'A2'], ['A4']]);
    const s = proposalToScenario(base, p);
    expect(base.services).toHaveLength(1);
    expect(s.id).toBe('base-proposta');
    expect(s.name).toBe('Base — associazioni proposte');
    expect(s.description).toBe('Proposta generata da "Base": 2 PIS (1 sovra-Ambito). Vincoli: stessa ATS, almeno 100.000 residenti, p90 entro 60 min. Da verificare con gli Ambiti.');
    expect(s.services.map((x) => x.id)).toEqual(['pis-1', 'pis-2', 'pis-3']);
    const unverified = ['organisation', 'centraleOperativa24h365', 'udsH24', 'presaInCarico', 'graveMarginalita', 'bases'];
    expect(s.services[1]).toMatchObject({
      name: 'PIS proposto Alfa + Beta',
      members: ['A1', 'A2'],
      // The base is in Beta's comune (30k of 50k).
      capofila: 'A2',
      bases: [{ id: 'base-2', kind: 'uds', istat: '000002', unitsByBand: ALL_ONE }],
      unverifiedFields: unverified,
      source: `Associazioni suggerite dal pianificatore: ${p.groups[0].explanation}`,
    });
    expect(s.services[2]).toMatchObject({ name: 'PIS proposto Delta', members: ['A4'], capofila: 'A4', bases: [{ id: 'base-3', kind: 'uds', istat: '000004', unitsByBand: ALL_ONE }], unverifiedFields: unverified });
  });

  it('id and name as given; the first member is capofila when the base lies outside the group', () => {
    const base = serving(['A3']);
    const p = run(spec, { sameLevel: 'distretto', minResidents: 10000 }, base);
    expect(members(p)).toEqual([['A1'], ['A2'], ['A4']]);
    const s = proposalToScenario(base, p, 'x', 'Nuovo');
    expect([s.id, s.name]).toEqual(['x', 'Nuovo']);
    expect(s.description).toBe('Proposta generata da "Base": 3 PIS (0 sovra-Ambito). Vincoli: stessa Distretto, almeno 10.000 residenti, p90 entro 60 min. Da verificare con gli Ambiti.');
    const q = run(spec, {}, base);
    const moved: AssociationProposal = { ...q, groups: [{ ...q.groups[0], base: { ...q.groups[0].base, ambito: 'A3' } }] };
    expect(proposalToScenario(base, moved).services[1]).toMatchObject({ members: ['A1', 'A2'], capofila: 'A1' });
  });
});
