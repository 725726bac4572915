// The one parser and formatter: every figure the app pre-fills reads back unchanged, Italian
// grouping is never mistaken for decimals, and cost shares add up to the budget to the cent.
import { describe, expect, it } from 'vitest';
import { formatCsvNumber, formatEur, formatFixed, formatInput, formatInt, formatPercent, formatPercentValue, formatPoints, formatSeconds, formatSignificant, parseNumber, plural, readNumber, splitCents } from '../../src/core/format/numbers.ts';
import { DEFAULT_ANNUAL_BUDGET_EUR } from '../../src/core/optimise/shares.ts';

describe('parseNumber (Italian)', () => {
  it.each([
    ['44.786,40', 44786.4],
    ['44786,40', 44786.4],
    ['44786,4', 44786.4],
    ['44786.4', 44786.4], // a programmer's literal: a 5-digit first group cannot be thousands
    ['150.000', 150000], // residents: never 150
    ['1.234.567', 1234567],
    ['1.500', 1500],
    ['1,5', 1.5],
    ['0,5', 0.5],
    [',5', 0.5],
    ['-3,25', -3.25],
    ['−3,25', -3.25],
    ['+7', 7],
    ['44 786,40', 44786.4],
    ['44\u202f786,40 €', 44786.4],
    ['12%', 12],
    ['44,786.40', 44786.4], // both marks: the later one is the decimal
    ['0', 0],
  ])('%s → %d', (txt, v) => {
    expect(parseNumber(txt, 'it')).toEqual({ ok: true, value: v });
  });
  it.each(['', '   ', 'abc', '12abc', '1,2,3', '1.2.3,4.5', '1.23.456', '--1', '1,,5', '.', '1e5'])('refuses %j', (txt) => {
    expect(parseNumber(txt, 'it').ok).toBe(false);
  });
  it('checks integers and bounds', () => {
    expect(parseNumber('2,5', 'it', { integer: true })).toEqual({ ok: false, error: 'not-integer' });
    expect(parseNumber('0', 'it', { min: 1 })).toEqual({ ok: false, error: 'too-small' });
    expect(parseNumber('1.000', 'it', { max: 999 })).toEqual({ ok: false, error: 'too-large' });
    expect(readNumber('12', 'it', { integer: true, min: 1, max: 12 })).toBe(12);
  });
});

describe('parseNumber (English)', () => {
  it.each([
    ['44,786.40', 44786.4],
    ['44786.40', 44786.4],
    ['150,000', 150000],
    ['1.5', 1.5],
    ['44786,40', 44786.4], // a 5-digit first group: the comma is a decimal mark
  ])('%s → %d', (txt, v) => {
    expect(parseNumber(txt, 'en')).toEqual({ ok: true, value: v });
  });
});

describe('round trip: what the app pre-fills it reads back unchanged', () => {
  const values = [DEFAULT_ANNUAL_BUDGET_EUR, 44786.4, 89572.8, 150000, 1500, 0.5, 0.0002181272633081409, 12.25, 0, -3.5, 1234567.89, 30, 1.9];
  for (const loc of ['it', 'en'] as const)
    it(`${loc}: parse(formatInput(x)) === x`, () => {
      for (const v of values) expect(parseNumber(formatInput(v, loc), loc)).toEqual({ ok: true, value: v });
    });
  it('the default budget pre-fills as Italian text and means the same amount as the two hand-typed forms', () => {
    const pre = formatInput(DEFAULT_ANNUAL_BUDGET_EUR, 'it');
    expect(pre).toBe('44.786,4');
    expect(readNumber(pre, 'it')).toBe(readNumber('44.786,40', 'it'));
    expect(readNumber('44786,40', 'it')).toBe(readNumber('44.786,40', 'it'));
  });
});

describe('formatters', () => {
  it('Italian', () => {
    expect(formatSeconds(1900, 'it')).toBe('1,9 s');
    expect(formatPercentValue(0, 'it')).toBe('0,00%');
    expect(formatPoints(-68.1, 'it')).toBe('-68,1 pt');
    expect(formatPoints(2, 'it')).toBe('+2,0 pt');
    expect(formatSignificant(0.0002181272633081409, 'it')).toBe('0,000218');
    expect(formatInt(150000, 'it')).toBe('150.000');
    expect(formatFixed(1.25, 'it', 2)).toBe('1,25');
    expect(formatEur(44786.4, 'it')).toBe('44.786,40\u00a0€');
    expect(formatPercent(0.125, 'it')).toBe('12,5%');
    expect(formatCsvNumber(44786.4, 'it')).toBe('44786,4');
    expect(formatCsvNumber(-0.5, 'it')).toBe('-0,5');
    expect(formatCsvNumber(null, 'it')).toBe('');
  });
  it('English', () => {
    expect(formatSeconds(1900, 'en')).toBe('1.9 s');
    expect(formatInt(150000, 'en')).toBe('150,000');
    expect(formatEur(44786.4, 'en')).toBe('€44,786.40');
  });
  it('plurals', () => {
    expect(plural(1, 'it', { one: 'Ambito', other: 'Ambiti' })).toBe('1 Ambito');
    expect(plural(3, 'it', { one: 'Ambito', other: 'Ambiti' })).toBe('3 Ambiti');
    expect(plural(0, 'it', { one: 'Ambito', other: 'Ambiti' })).toBe('0 Ambiti');
    expect(plural(1, 'en', { one: 'comune', other: 'comuni' })).toBe('1 comune');
  });
});

describe('splitCents: shares add up to the budget to the cent', () => {
  it('three members with awkward weights', () => {
    const parts = splitCents(44786.4, [1, 1, 1]);
    expect(parts).toEqual([14928.8, 14928.8, 14928.8]);
    const p2 = splitCents(44786.4, [265_000, 190_000, 250_000]);
    expect(Math.round(p2.reduce((a, b) => a + b, 0) * 100)).toBe(4478640);
    expect(p2.every((x) => Math.round(x * 100) === x * 100 || Math.abs(Math.round(x * 100) - x * 100) < 1e-6)).toBe(true);
    const p3 = splitCents(100, [1, 1, 1]);
    expect(p3).toEqual([33.34, 33.33, 33.33]);
  });
  it('all-zero weights put the total on the first member, never NaN', () => {
    expect(splitCents(10, [0, 0])).toEqual([10, 0]);
  });
});
