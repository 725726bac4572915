// Scenario comparison (optimise/compare.ts) on hand-made coverage results: every rule of the
// outcome (tolerances, reached / no longer reached, the 50,000 rule, the target column), the
// reasons word for word, the summary sentences and the CSV cells.
import { describe, expect, it } from 'vitest';
import type { CoverageResult } from '../../src/core/coverage/coverage.ts';
import type { Rule50kResult } from '../../src/core/rule50k/rule50k.ts';
import { comparisonCsv, compareScenarios } from '../../src/core/optimise/compare.ts';

interface Amb { code: string; residents: number; share: number[]; p90: number | null }

/** A coverage result with only what the comparison reads; one demand point per comune, comune i in ambitoOf[i]. */
function cov(ambiti: Amb[], o: { thresholds?: number[]; target?: number; band?: string; service?: number[]; serviceIds?: string[]; illustrative?: boolean; region?: { share: number[]; p90: number | null } } = {}): CoverageResult {
  const service = o.service ?? ambiti.map(() => -1);
  return {
    illustrative: o.illustrative ?? false,
    thresholdsMin: o.thresholds ?? [30, 45],
    targetMin: o.target ?? 45,
    band: o.band ?? 'closure',
    serviceIds: o.serviceIds ?? [],
    points: { service: Int32Array.from(service), comune: Int32Array.from(service.map((_, i) => i)) },
    byAmbito: ambiti.map((a) => ({ code: a.code, name: `Ambito ${a.code}`, residents: a.residents, shareWithin: a.share, p90ResponseMin: a.p90 })),
    region: { shareWithin: o.region?.share ?? [0.5, 0.6], p90ResponseMin: o.region ? o.region.p90 : 50 },
  } as unknown as CoverageResult;
}
const rule = (entries: [string, boolean][]): Rule50kResult => ({ comuni: entries.map(([ambito, pass]) => ({ ambito, pass })), passCount: entries.filter(([, p]) => p).length } as unknown as Rule50kResult);
const ambitoOf = ['X', 'Y', 'Z'];
const row = (r: ReturnType<typeof compareScenarios>, code: string) => r.rows.find((x) => x.ambito === code)!;

describe('outcome per Ambito', () => {
  it('p90: better / worse beyond 0.5 min, unchanged within it (both edges)', () => {
    const a = cov([{ code: 'X', residents: 10, share: [0.5, 0.5], p90: 40 }]);
    const at = (p90: number) => row(compareScenarios({ coverage: a }, { coverage: cov([{ code: 'X', residents: 10, share: [0.5, 0.5], p90 }]) }, ambitoOf), 'X');
    expect(at(39.5).outcome).toBe('invariato');
    expect(at(40.5).outcome).toBe('invariato');
    expect(at(39.4)).toMatchObject({ outcome: 'migliora', reasons: ['meglio: p90 da 40,0 min a 39,4 min'] });
    expect(at(40.6)).toMatchObject({ outcome: 'peggiora', reasons: ['peggio: p90 da 40,0 min a 40,6 min'] });
    expect(at(38).deltaP90).toBe(-2);
  });

  it('reached now, or no longer reached', () => {
    const none = cov([{ code: 'X', residents: 10, share: [0, 0], p90: null }]);
    const some = cov([{ code: 'X', residents: 10, share: [0, 0], p90: 52.25 }]);
    expect(row(compareScenarios({ coverage: none }, { coverage: some }, ambitoOf), 'X')).toMatchObject({ outcome: 'migliora', deltaP90: null, reasons: ['meglio: ora raggiunto (p90 52,3 min)'] });
    expect(row(compareScenarios({ coverage: some }, { coverage: none }, ambitoOf), 'X')).toMatchObject({ outcome: 'peggiora', reasons: ['peggio: non più raggiunto'] });
    expect(row(compareScenarios({ coverage: none }, { coverage: none }, ambitoOf), 'X').outcome).toBe('invariato');
  });

  it('share within the target (the 45 column): half a point of tolerance; the other column does not count', () => {
    const a = cov([{ code: 'X', residents: 10, share: [0.5, 0.5], p90: 40 }]);
    const b = (s30: number, s45: number) => row(compareScenarios({ coverage: a }, { coverage: cov([{ code: 'X', residents: 10, share: [s30, s45], p90: 40 }]) }, ambitoOf), 'X');
    expect(b(0.9, 0.504).outcome).toBe('invariato');
    expect(b(0.1, 0.5).outcome).toBe('invariato');
    expect(b(0.5, 0.506)).toMatchObject({ outcome: 'migliora', reasons: ['meglio: residenti entro 45 min: 50,0% → 50,6%'] });
    expect(b(0.5, 0.494)).toMatchObject({ outcome: 'peggiora', reasons: ['peggio: residenti entro 45 min: 50,0% → 49,4%'] });
    expect(b(0.6, 0.7).deltaShareWithin.map((x) => Math.round(x * 1000) / 1000)).toEqual([0.1, 0.2]);
  });

  it('a target that is not among the thresholds: the last threshold decides', () => {
    const a = cov([{ code: 'X', residents: 10, share: [0.5, 0.5], p90: 40 }], { target: 50 });
    const b = cov([{ code: 'X', residents: 10, share: [0.9, 0.4], p90: 40 }], { target: 50 });
    expect(row(compareScenarios({ coverage: a }, { coverage: b }, ambitoOf), 'X').reasons).toEqual(['peggio: residenti entro 45 min: 50,0% → 40,0%']);
  });

  it('the target is the first threshold: its column decides, not the last one', () => {
    const a = cov([{ code: 'X', residents: 10, share: [0.5, 0.5], p90: 40 }], { target: 30 });
    const b = cov([{ code: 'X', residents: 10, share: [0.6, 0.4], p90: 40 }], { target: 30 });
    expect(row(compareScenarios({ coverage: a }, { coverage: b }, ambitoOf), 'X').reasons).toEqual(['meglio: residenti entro 30 min: 50,0% → 60,0%']);
    // and a target not among them, improving: the last column
    const c = cov([{ code: 'X', residents: 10, share: [0.5, 0.5], p90: 40 }], { target: 50 });
    const d = cov([{ code: 'X', residents: 10, share: [0.4, 0.6], p90: 40 }], { target: 50 });
    expect(row(compareScenarios({ coverage: c }, { coverage: d }, ambitoOf), 'X').reasons).toEqual(['meglio: residenti entro 45 min: 50,0% → 60,0%']);
  });

  it('PIS of an Ambito with several comuni: the first point with a service names it', () => {
    const c = cov([{ code: 'X', residents: 2, share: [1, 1], p90: 10 }, { code: 'Z', residents: 1, share: [1, 1], p90: 10 }], { service: [0, 1, -1], serviceIds: ['p1', 'p2'] });
    const r = compareScenarios({ coverage: c }, { coverage: c }, ['X', 'X', 'Z']);
    expect(r.rows.map((x) => [x.ambito, x.pisA])).toEqual([['X', 'p1'], ['Z', null]]);
  });

  it('mixed: a faster p90 and fewer residents within the target', () => {
    const a = cov([{ code: 'X', residents: 10, share: [0.5, 0.5], p90: 40 }]);
    const b = cov([{ code: 'X', residents: 10, share: [0.5, 0.4], p90: 30 }]);
    expect(row(compareScenarios({ coverage: a }, { coverage: b }, ambitoOf), 'X')).toMatchObject({
      outcome: 'misto', reasons: ['meglio: p90 da 40,0 min a 30,0 min', 'peggio: residenti entro 45 min: 50,0% → 40,0%'],
    });
  });

  it('the 50,000 rule per Ambito: more or fewer comuni in order, and the statuses', () => {
    const c = cov([{ code: 'X', residents: 10, share: [0.5, 0.5], p90: 40 }, { code: 'Y', residents: 5, share: [0.5, 0.5], p90: 40 }]);
    const r = compareScenarios({ coverage: c, rule50k: rule([['X', false], ['X', true]]) }, { coverage: c, rule50k: rule([['X', true], ['X', true]]) }, ambitoOf);
    expect(row(r, 'X')).toMatchObject({ outcome: 'migliora', rule50kA: { status: 'non-rispettata', pass: 1, total: 2 }, rule50kB: { status: 'rispettata', pass: 2, total: 2 }, reasons: ['meglio: regola dei 50.000: 1/2 → 2/2 comuni in regola'] });
    expect(row(r, 'Y')).toMatchObject({ outcome: 'invariato', rule50kA: { status: 'nessun-comune', pass: 0, total: 0 } });
    const back = compareScenarios({ coverage: c, rule50k: rule([['X', true]]) }, { coverage: c, rule50k: rule([['X', false]]) }, ambitoOf);
    expect(row(back, 'X').reasons).toEqual(['peggio: regola dei 50.000: 1/1 → 0/1 comuni in regola']);
    // without the rule on one side there is nothing to compare
    const one = compareScenarios({ coverage: c, rule50k: rule([['X', true]]) }, { coverage: c }, ambitoOf);
    expect(row(one, 'X')).toMatchObject({ rule50kB: null, outcome: 'invariato' });
    expect(one.summary.rule50kPassB).toBeNull();
  });

  it('PIS per Ambito: the first service met on its points; cost shares and their difference', () => {
    const a = cov([{ code: 'X', residents: 1, share: [1, 1], p90: 10 }, { code: 'Y', residents: 1, share: [1, 1], p90: 10 }, { code: 'Z', residents: 1, share: [1, 1], p90: 10 }], { service: [-1, 0, 1], serviceIds: ['pis-y', 'pis-z'] });
    const r = compareScenarios({ coverage: a, costShareEur: { X: 100, Y: 50.5 } }, { coverage: a, costShareEur: { X: 80, Z: 10 } }, ambitoOf);
    expect(r.rows.map((x) => [x.pisA, x.pisB])).toEqual([[null, null], ['pis-y', 'pis-y'], ['pis-z', 'pis-z']]);
    expect(r.rows.map((x) => [x.costA, x.costB, x.deltaCost])).toEqual([[100, 80, -20], [50.5, null, null], [null, 10, null]]);
    const noCost = compareScenarios({ coverage: a }, { coverage: a }, ambitoOf);
    expect(noCost.rows.map((x) => x.costA)).toEqual([null, null, null]);
  });
});

describe('checks, summary and CSV', () => {
  const x = (share: number, p90: number | null): Amb => ({ code: 'X', residents: 1000, share: [share, share], p90 });
  it('refuses different thresholds, bands or territories; warns on a different target', () => {
    const a = cov([x(0.5, 40)]);
    expect(() => compareScenarios({ coverage: a }, { coverage: cov([x(0.5, 40)], { thresholds: [30, 60] }) }, ambitoOf)).toThrow('Confronto: soglie diverse tra A (30, 45 min) e B (30, 60 min): ricalcolare con le stesse soglie');
    expect(() => compareScenarios({ coverage: a }, { coverage: cov([x(0.5, 40)], { band: 'night' }) }, ambitoOf)).toThrow('Confronto: fasce orarie diverse tra A (closure) e B (night)');
    expect(() => compareScenarios({ coverage: a }, { coverage: cov([x(0.5, 40), { ...x(0.5, 40), code: 'Y' }]) }, ambitoOf)).toThrow('Confronto: i due risultati non riguardano lo stesso territorio');
    const w = compareScenarios({ coverage: a }, { coverage: cov([x(0.5, 40)], { target: 30 }) }, ambitoOf);
    expect(w.warnings).toEqual(['Obiettivo di tempo diverso (A 45 min, B 30 min): vale quello di A']);
    expect(w.targetMin).toBe(45);
    expect(compareScenarios({ coverage: a }, { coverage: a }, ambitoOf).warnings).toEqual([]);
  });

  it('summary: counts and residents of gainers and losers, the sentences', () => {
    const a = cov([x(0.5, 40), { code: 'Y', residents: 2000, share: [0.5, 0.5], p90: 40 }, { code: 'Z', residents: 300, share: [0.5, 0.5], p90: 40 }], { region: { share: [0.4, 0.5], p90: 55.55 } });
    const b = cov([x(0.5, 30), { code: 'Y', residents: 2000, share: [0.5, 0.5], p90: 50 }, { code: 'Z', residents: 300, share: [0.5, 0.5], p90: 40 }], { region: { share: [0.45, 0.6], p90: null } });
    const r = compareScenarios({ name: 'Oggi', coverage: a, rule50k: rule([['X', true]]) }, { name: 'Proposta', coverage: b, rule50k: rule([['X', true], ['Y', true]]) }, ambitoOf);
    const mixedB = cov([x(0.4, 30), { code: 'Y', residents: 2000, share: [0.5, 0.5], p90: 50 }, { code: 'Z', residents: 300, share: [0.5, 0.5], p90: 40 }]);
    expect(compareScenarios({ coverage: a }, { coverage: mixedB }, ambitoOf).summary).toMatchObject({ gainers: 0, losers: 1, mixed: 1, unchanged: 1 });
    // the rule's sentence only when both sides have it
    expect(compareScenarios({ coverage: a, rule50k: rule([['X', true]]) }, { coverage: b }, ambitoOf).summary.text).toHaveLength(2);
    expect(compareScenarios({ coverage: a }, { coverage: b, rule50k: rule([['X', true]]) }, ambitoOf).summary.text).toHaveLength(2);
    expect(r.summary).toMatchObject({ gainers: 1, losers: 1, mixed: 0, unchanged: 1, residentsGaining: 1000, residentsLosing: 2000, regionP90A: 55.55, regionP90B: null, rule50kPassA: 1, rule50kPassB: 2 });
    expect(r.summary.text).toEqual([
      'Da «Oggi» a «Proposta»: 1 Ambiti migliorano (1.000 residenti), 1 peggiorano (2.000 residenti), 0 in parte migliorano e in parte peggiorano, 1 invariati.',
      'Lombardia, p90 del tempo di risposta: 55,5 min → non raggiunto.',
      'Comuni in regola con la regola dei 50.000: 1 → 2.',
    ]);
    expect([r.nameA, r.nameB, r.illustrative]).toEqual(['Oggi', 'Proposta', false]);
    const unnamed = compareScenarios({ coverage: a }, { coverage: b, }, ambitoOf);
    expect([unnamed.nameA, unnamed.nameB]).toEqual(['A', 'B']);
    expect(unnamed.summary.text).toHaveLength(2);
  });

  it('CSV: the header per threshold, decimal commas, rule labels, empty cells for unknowns, the illustrative note', () => {
    const a = cov([x(0.5, 40)], { illustrative: true, service: [0], serviceIds: ['p'] });
    const b = cov([x(0.625, null)]);
    const r = compareScenarios({ name: 'A1', coverage: a, rule50k: rule([['X', false]]), costShareEur: { X: 1234.5 } }, { name: 'B1', coverage: b, rule50k: rule([]) }, ambitoOf);
    const lines = comparisonCsv(r).replace(/^\uFEFF/, '').split('\r\n').filter(Boolean).map((l) => l.replace(/"/g, ''));
    expect(lines[0]).toMatch(/^# Esempio illustrativo — /);
    expect(lines[1]).toBe('# Confronto: A = A1; B = B1');
    expect(lines[2]).toBe('codice_ambito;ambito;residenti;pis_A;pis_B;quota_entro_30_min_A_%;quota_entro_30_min_B_%;differenza_entro_30_min_punti;quota_entro_45_min_A_%;quota_entro_45_min_B_%;differenza_entro_45_min_punti;p90_A_min;p90_B_min;differenza_p90_min;regola_50000_A;regola_50000_B;costo_A_euro;costo_B_euro;differenza_costo_euro;esito;motivi');
    const plain = compareScenarios({ coverage: b }, { coverage: cov([x(0.625, 41)], { service: [0], serviceIds: ['q'] }) }, ambitoOf);
    const cells = comparisonCsv(plain).replace(/^\uFEFF/, '').split('\r\n').filter(Boolean).map((l) => l.replace(/"/g, ''));
    expect(cells[0]).toBe('# Confronto: A = A; B = B');
    expect(cells[2]).toBe('X;Ambito X;1000;;q;62,5;62,5;0,0;62,5;62,5;0,0;;41,0;;;;;;;migliora;meglio: ora raggiunto (p90 41,0 min)');
    expect(lines[3]).toBe('X;Ambito X;1000;p;;50,0;62,5;12,5;50,0;62,5;12,5;40,0;;;non rispettata (0/1);nessun comune soggetto;1234,50;;;in parte migliora, in parte peggiora;meglio: residenti entro 45 min: 50,0% → 62,5% | peggio: non più raggiunto');
  });
});
