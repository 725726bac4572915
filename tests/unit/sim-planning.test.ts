// The planning input's identity: stable JSON (equal content → equal text), the cyrb53 hash against
// its published reference values, the key, and the OD-matrix identity check.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RESPONSE_ASSUMPTIONS, DEFAULT_THRESHOLDS_MIN, TIME_BAND_LABELS } from '../../src/core/coverage/assumptions.ts';
import { checkOdMatrix, coverageOptionsOf, hash53, OD_MISMATCH, planningDefaults, planningInput, stableJson, withLayout } from '../../src/core/sim/planning.ts';
import { allBands } from '../../src/core/sim/layout.ts';
import { lineTerritory } from '../../src/core/sim/synthetic.ts';
import { DEFAULT_TRAVEL_ASSUMPTIONS } from '../../src/core/travel/index.ts';

describe('stableJson', () => {
  it('sorts object keys at every depth, drops undefined members, keeps arrays in order', () => {
    expect(stableJson({ b: 1, a: [2, 'x', null, { d: undefined, c: true }] })).toBe('{"a":[2,"x",null,{"c":true}],"b":1}');
    expect(stableJson({ a: 1, b: 2 })).toBe(stableJson({ b: 2, a: 1 }));
    expect(stableJson([3, 1, 2])).toBe('[3,1,2]');
    expect(stableJson({})).toBe('{}');
    expect(stableJson([])).toBe('[]');
  });
  it('writes primitives as JSON does, and undefined as null', () => {
    expect([stableJson(null), stableJson(undefined), stableJson('é"'), stableJson(1.5), stableJson(false)]).toEqual(['null', 'null', '"é\\""', '1.5', 'false']);
    expect(stableJson({ 'k"': 'v' })).toBe('{"k\\"":"v"}');
  });
});

describe('hash53 (cyrb53)', () => {
  it('matches the reference values of cyrb53 with seed 0 (printed in base 36)', () => {
    // Published with the algorithm: cyrb53('a') = 7929297801672961, ('b') = 8684336938537663,
    // ('revenge') = 4051478007546757, ('revenue') = 8309097637345594.
    const ref: [string, number][] = [['a', 7929297801672961], ['b', 8684336938537663], ['revenge', 4051478007546757], ['revenue', 8309097637345594]];
    for (const [text, value] of ref) expect(hash53(text)).toBe(value.toString(36));
  });
  it('depends on the seed and on every character', () => {
    expect(hash53('a', 1)).not.toBe(hash53('a'));
    expect(hash53('revenge')).not.toBe(hash53('revenue'));
    expect(hash53('')).toBe((3338908027751811).toString(36));
  });
});

describe('planning input', () => {
  const data = lineTerritory(3);
  const d = planningDefaults(data);
  const layout = { illustrative: true, services: [] };
  const parts = { layout, band: 'night' as const, targetMin: 30, thresholdsMin: [15, 30], travel: d.travel, response: d.response, demand: d.des, odMatrixId: null };

  it('the key is the hash of the content without the key; an old key is recomputed', () => {
    const input = planningInput(parts);
    expect(input.key).toBe(hash53(stableJson(parts)));
    expect(planningInput({ ...parts, key: 'stale' }).key).toBe(input.key);
    expect(planningInput({ ...parts, key: 'stale' })).toEqual(input);
  });

  it('withLayout keeps every assumption and changes the key', () => {
    const input = planningInput(parts);
    const other = { illustrative: true, services: [{ id: 'p', name: 'P', members: ['A1'], graveMarginalita: true, centraleOperativa24h: true, bases: [] }] };
    const w = withLayout(input, other);
    expect(w).toEqual({ ...input, layout: other, key: hash53(stableJson({ ...parts, layout: other })) });
    expect(w.key).not.toBe(input.key);
  });

  it('coverage options carry band, target, thresholds, response and travel', () => {
    const input = planningInput(parts);
    expect(coverageOptionsOf(input)).toEqual({ band: 'night', targetMin: 30, thresholdsMin: [15, 30], response: d.response, travel: d.travel });
  });

  it('defaults are copies of the labelled defaults, with the population date', () => {
    expect(d.travel).toEqual(DEFAULT_TRAVEL_ASSUMPTIONS);
    expect(d.travel).not.toBe(DEFAULT_TRAVEL_ASSUMPTIONS);
    expect(d.response).toEqual(DEFAULT_RESPONSE_ASSUMPTIONS);
    d.response.mobilisationMinByBand.night = 99;
    expect(DEFAULT_RESPONSE_ASSUMPTIONS.mobilisationMinByBand.night).toBe(20);
    expect(d.thresholdsMin).toEqual([...DEFAULT_THRESHOLDS_MIN]);
    expect(d).toMatchObject({ targetMin: 45, band: 'closure', bandLabels: TIME_BAND_LABELS, populationDate: '2024-01-10' });
  });
});

describe('OD matrix identity', () => {
  it('passes when the worker holds the matrix the input names (none = null or absent)', () => {
    expect(() => checkOdMatrix('abc', 'abc')).not.toThrow();
    expect(() => checkOdMatrix(null, null)).not.toThrow();
    expect(() => checkOdMatrix(undefined, null)).not.toThrow();
  });
  it('names both sides when they differ', () => {
    expect(() => checkOdMatrix('abc', null)).toThrow(`${OD_MISMATCH}: richiesta abc, caricata nessuna`);
    expect(() => checkOdMatrix(null, 'xyz')).toThrow(`${OD_MISMATCH}: richiesta nessuna, caricata xyz`);
    expect(() => checkOdMatrix(undefined, 'xyz')).toThrow(`${OD_MISMATCH}: richiesta nessuna, caricata xyz`);
    expect(OD_MISMATCH).toBe('OD_MATRIX_MISMATCH');
  });
});

describe('allBands', () => {
  it('gives the same value in the five bands', () => {
    expect(allBands(2)).toEqual({ office: 2, closure: 2, night: 2, saturday: 2, holiday: 2 });
  });
});
