// The two languages of the UI (src/i18n/strings.ts) must have the same keys, no empty strings,
// and every message function must produce text for plausible arguments.
import { describe, expect, it as test } from 'vitest';
import { en, it, t, fmt } from '../../src/i18n/strings.ts';
import { lang, setLang } from '../../src/i18n/lang.ts';

type Tree = { [k: string]: unknown };

function keys(o: Tree, prefix = ''): string[] {
  return Object.keys(o).sort().flatMap((k) => {
    const v = o[k];
    const p = `${prefix}${k}`;
    return v && typeof v === 'object' ? [p, ...keys(v as Tree, `${p}.`)] : [p];
  });
}

function leaves(o: Tree, prefix = ''): [string, unknown][] {
  return Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? leaves(v as Tree, `${prefix}${k}.`) : [[`${prefix}${k}`, v] as [string, unknown]]));
}

const sample = (i: number) => [3, 'Rho', 12, 'x', 45, 'y'][i];

describe('i18n strings', () => {
  test('en has exactly the keys of it (deep)', () => {
    expect(keys(en as unknown as Tree)).toEqual(keys(it as unknown as Tree));
  });
  test('every value has the same kind in both languages', () => {
    const enLeaves = new Map(leaves(en as unknown as Tree));
    for (const [k, v] of leaves(it as unknown as Tree)) expect(typeof enLeaves.get(k), k).toBe(typeof v);
  });
  for (const [name, tree] of [['it', it], ['en', en]] as const) {
    test(`${name}: no empty strings, every function returns text`, () => {
      for (const [k, v] of leaves(tree as unknown as Tree)) {
        if (k === 'app.coreNote' && name === 'it') continue; // the note exists only in English, by design
        if (typeof v === 'string') expect(v.trim().length, k).toBeGreaterThan(0);
        else if (typeof v === 'function') {
          const out = (v as (...a: unknown[]) => unknown)(...Array.from({ length: v.length }, (_, i) => sample(i)));
          expect(typeof out, k).toBe('string');
          expect((out as string).trim().length, k).toBeGreaterThan(0);
          expect(out as string, k).not.toMatch(/undefined|NaN/);
        } else throw new Error(`${k}: ${typeof v}`);
      }
    });
  }
  test('English translates the visible labels; the Italian ones are unchanged', () => {
    expect(it.app.tabs.sim).toBe('Simulazione');
    expect(it.scenario.duplicate).toBe('Duplica');
    expect(en.app.tabs.sim).toBe('Simulation');
    expect(en.app.coreNote).toBe('Messages from the data and the models are in Italian.');
  });
  test('t() and fmt follow the language signal; Italian by default without storage', () => {
    expect(lang.value).toBe('it');
    expect(t()).toBe(it);
    expect(fmt.int(12345)).toBe('12.345');
    setLang('en');
    try {
      expect(t()).toBe(en);
      expect(fmt.int(12345)).toBe('12,345');
    } finally {
      setLang('it');
    }
    expect(t()).toBe(it);
  });
});
