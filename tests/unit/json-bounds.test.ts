// Depth and size bounds before any walk: hand-checkable cases at and past each bound.
import { describe, expect, it } from 'vitest';
import { checkJsonTextBounds, checkJsonValueBounds, MAX_JSON_DEPTH, MAX_JSON_ENTRIES, MAX_JSON_VALUES } from '../../src/core/scenario/jsonBounds.ts';

const nested = (n: number) => '['.repeat(n) + ']'.repeat(n);

describe('JSON bounds', () => {
  it('depth: exactly the bound passes, one more is refused with the path', () => {
    expect(checkJsonTextBounds(nested(MAX_JSON_DEPTH))).toBeUndefined();
    expect(checkJsonTextBounds(nested(MAX_JSON_DEPTH + 1))).toMatch(/^\(radice\)\[0\](\[0\]){30}: struttura annidata oltre 32 livelli/);
    expect(checkJsonTextBounds('{"services":[{"bases":' + nested(40) + '}]}')).toMatch(/^services\[0\]\.bases(\[0\])+: struttura annidata/);
    expect(checkJsonValueBounds(JSON.parse(nested(MAX_JSON_DEPTH)))).toBeUndefined();
    expect(checkJsonValueBounds(JSON.parse(nested(10 ** 5)))).toMatch(/struttura annidata oltre 32 livelli/);
  });
  it('strings with brackets and escaped quotes do not count', () => {
    expect(checkJsonTextBounds(JSON.stringify({ a: '[[[[\\"{{{{'.repeat(100) }))).toBeUndefined();
    expect(checkJsonTextBounds('{"we\\"ird key":' + nested(40) + '}')).toMatch(/^\(radice\)\["we\\"ird key"\]/);
  });
  // How fast the refusal is, is measured where the page runs it: the e2e hostile corpus reports the
  // longest task for the 10^6-element files (a wall-clock limit here failed under load: 526 ms).
  it('entries and values: a 10^6-element list is refused, naming it', () => {
    const ok = JSON.stringify({ compositionOverrides: Object.fromEntries(Array.from({ length: 1196 }, (_, i) => [String(i).padStart(6, '0'), '50095'])) });
    expect(checkJsonTextBounds(ok)).toBeUndefined();
    const big = JSON.stringify({ services: [{ members: Array(10 ** 6).fill(0) }] });
    expect(checkJsonTextBounds(big)).toBe(`services[0].members: lista con oltre ${MAX_JSON_ENTRIES.toLocaleString('it-IT')} elementi: troppo grande per uno scenario o una presentazione`);
    expect(checkJsonValueBounds({ services: [{ members: Array(10 ** 6).fill(0) }] })).toMatch(/^services\[0\]\.members: lista con oltre/);
    const many = JSON.stringify(Array.from({ length: 30 }, () => Array(15_000).fill(1)));
    expect(checkJsonTextBounds(many)).toMatch(new RegExp(`oltre ${MAX_JSON_VALUES.toLocaleString('it-IT')} valori`));
  });
});
