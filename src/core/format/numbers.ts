// The one number parser and the one number formatter of the app and of its exports.
//
// Why one module: the Italian UI used to mix `toFixed` (dot decimals), `Number()` (which reads
// "44.786,40" as NaN and "150.000" as 150) and ad-hoc `replace(/\./g, '')` (which read the
// prefilled "44786.4" as 447,864 and made cost shares ten times the budget). Here every input
// is read with the same rules and every figure is written with `Intl.NumberFormat` of the
// UI language, so what the app pre-fills it reads back unchanged.
//
// Pure: no DOM; `Intl` is part of the language (Node and every browser ship it).

export type NumberLocale = 'it' | 'en';

/** The BCP 47 tag used for a UI language: Italian of Italy, British English (day-first dates, "," groups). */
export const LOCALE_TAG: Record<NumberLocale, string> = { it: 'it-IT', en: 'en-GB' };

const SEP: Record<NumberLocale, { decimal: string; group: string }> = {
  it: { decimal: ',', group: '.' },
  en: { decimal: '.', group: ',' },
};

export type ParseError = 'empty' | 'invalid' | 'not-integer' | 'too-small' | 'too-large';
export type ParseResult = { ok: true; value: number } | { ok: false; error: ParseError };

export interface ParseOptions {
  integer?: boolean;
  min?: number;
  max?: number;
}

/** Thousands groups are valid when the first has 1–3 digits and every later one exactly 3. */
function validGroups(parts: string[]): boolean {
  const [first, ...rest] = parts;
  return first !== undefined && rest.length > 0 && /^\d{1,3}$/.test(first) && rest.every((p) => /^\d{3}$/.test(p));
}

/**
 * The digits of `body` (no sign, no spaces) as a plain JavaScript number literal, or null.
 * Rules (the same in both languages, the language only breaks ties):
 * - both "." and "," present: the later one is the decimal mark, the other groups thousands
 *   ("44.786,40" and "44,786.40" are both 44786.4);
 * - one kind of mark, several times: thousands groups ("1.234.567");
 * - one mark once: the language's decimal mark is a decimal ("44786,40" in Italian); the language's
 *   group mark groups thousands when followed by exactly three digits ("150.000" in Italian is
 *   150000, never 150), and is otherwise read as a decimal mark ("44786.4": a programmer's
 *   literal, a 5-digit first group cannot be a thousands group).
 */
function normalise(body: string, locale: NumberLocale): string | null {
  if (!/^[\d.,]+$/.test(body) || !/\d/.test(body)) return null;
  const dots = body.split('.').length - 1;
  const commas = body.split(',').length - 1;
  let intPart = body;
  let frac = '';
  if (dots > 0 && commas > 0) {
    const dec = body.lastIndexOf('.') > body.lastIndexOf(',') ? '.' : ',';
    const grp = dec === '.' ? ',' : '.';
    if (body.split(dec).length - 1 !== 1) return null;
    // Exactly one decimal mark (checked above): two parts.
    const [i = '', f = ''] = body.split(dec);
    [intPart, frac] = [i, f];
    if (!validGroups(intPart.split(grp))) return null;
    intPart = intPart.split(grp).join('');
  } else if (dots + commas > 1) {
    const mark = dots > 0 ? '.' : ',';
    const parts = body.split(mark);
    if (!validGroups(parts)) return null;
    intPart = parts.join('');
  } else if (dots + commas === 1) {
    const mark = dots === 1 ? '.' : ',';
    const [a = '', b = ''] = body.split(mark);
    const isGroup = mark === SEP[locale].group && validGroups([a, b]);
    if (isGroup) intPart = a + b;
    else [intPart, frac] = [a, b];
  }
  if (intPart === '' && frac === '') return null;
  if (!/^\d*$/.test(intPart) || !/^\d*$/.test(frac)) return null;
  return `${intPart === '' ? '0' : intPart}${frac === '' ? '' : `.${frac}`}`;
}

/**
 * Reads a number typed by a person (or pre-filled by `formatInput`). Accepts spaces, non-breaking
 * spaces and apostrophes as thousands separators, a leading "+", "-" or "−", and a trailing "€" or
 * "%" (the unit is the caller's: "12%" is 12). Never guesses on garbage: "1,2,3" or "12abc" are
 * invalid, not 1 or 12.
 */
export function parseNumber(text: string, locale: NumberLocale, opts: ParseOptions = {}): ParseResult {
  let s = String(text).trim().replace(/[\s\u00a0\u202f'’]/g, '');
  if (s === '') return { ok: false, error: 'empty' };
  s = s.replace(/[€%]$/, '');
  let sign = 1;
  if (/^[-−+]/.test(s)) {
    if (s[0] !== '+') sign = -1;
    s = s.slice(1);
  }
  const lit = normalise(s, locale);
  if (lit === null) return { ok: false, error: 'invalid' };
  const value = sign * Number(lit);
  if (!Number.isFinite(value)) return { ok: false, error: 'invalid' };
  if (opts.integer && !Number.isInteger(value)) return { ok: false, error: 'not-integer' };
  if (opts.min !== undefined && value < opts.min) return { ok: false, error: 'too-small' };
  if (opts.max !== undefined && value > opts.max) return { ok: false, error: 'too-large' };
  return { ok: true, value: value === 0 ? 0 : value };
}

/** `parseNumber` or `undefined`, for callers that only keep valid values. */
export function readNumber(text: string, locale: NumberLocale, opts: ParseOptions = {}): number | undefined {
  const r = parseNumber(text, locale, opts);
  return r.ok ? r.value : undefined;
}

const cache = new Map<string, Intl.NumberFormat>();
function nf(locale: NumberLocale, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(opts)}`;
  let f = cache.get(key);
  if (!f) {
    // Groups from four digits on ("5.373" like "15.216"): Italian CLDR leaves 4-digit numbers
    // ungrouped, which put "5373" beside "15.216" in the same column; ISTAT and the DGR group them.
    f = new Intl.NumberFormat(LOCALE_TAG[locale], { ...opts, useGrouping: opts.useGrouping === false ? false : 'always' });
    cache.set(key, f);
  }
  return f;
}

/** Any figure, with `Intl.NumberFormat` of the language (default: at most 1 decimal). */
export function formatNumber(value: number, locale: NumberLocale, opts: Intl.NumberFormatOptions = { maximumFractionDigits: 1 }): string {
  if (!Number.isFinite(value)) return '—';
  return nf(locale, opts).format(value);
}

/** Fixed decimals ("1,9", "0,00"). */
export function formatFixed(value: number, locale: NumberLocale, digits: number): string {
  return formatNumber(value, locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** An integer count ("150.000" in Italian, "150,000" in English). */
export function formatInt(value: number, locale: NumberLocale): string {
  return formatNumber(Math.round(value), locale, { maximumFractionDigits: 0 });
}

/**
 * The text to pre-fill an input with: grouped, with the shortest decimals that give back the same
 * double (JavaScript's own `String(x)`), so that `parseNumber(formatInput(x)) === x` exactly.
 */
export function formatInput(value: number, locale: NumberLocale): string {
  if (!Number.isFinite(value)) return '';
  let lit = String(Math.abs(value));
  if (lit.includes('e')) lit = Math.abs(value).toFixed(20).replace(/\.?0+$/, '');
  const [intPart = '0', frac] = lit.split('.');
  const grouped = nf(locale, { maximumFractionDigits: 0, useGrouping: true }).format(BigInt(intPart));
  return `${value < 0 ? '-' : ''}${grouped}${frac ? SEP[locale].decimal + frac : ''}`;
}

/** A share 0..1 as a percentage ("12,5%"); `digits` decimals at most. */
export function formatPercent(share: number, locale: NumberLocale, digits = 1): string {
  if (!Number.isFinite(share)) return '—';
  return nf(locale, { style: 'percent', maximumFractionDigits: digits }).format(share);
}

/** A percentage already ×100 with fixed decimals ("0,00%": an optimality gap). */
export function formatPercentValue(pct: number, locale: NumberLocale, digits = 2): string {
  return `${formatFixed(pct, locale, digits)}%`;
}

/** A signed difference in percentage points ("−68,1 pt", "+2,0 pt"). */
export function formatPoints(points: number, locale: NumberLocale, digits = 1): string {
  if (!Number.isFinite(points)) return '—';
  return `${nf(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay: 'exceptZero' }).format(points)} pt`;
}

/** A signed difference with a unit ("+3,2 min"). */
export function formatSigned(value: number, locale: NumberLocale, digits = 1, unit = ''): string {
  if (!Number.isFinite(value)) return '—';
  const s = nf(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay: 'exceptZero' }).format(value);
  return unit ? `${s} ${unit}` : s;
}

/** Euros with cents ("44.786,40 €" in Italian, "€44,786.40" in English). */
export function formatEur(value: number, locale: NumberLocale): string {
  if (!Number.isFinite(value)) return '—';
  return nf(locale, { style: 'currency', currency: 'EUR' }).format(value);
}

/** A small or odd quantity with significant digits instead of 19 decimals ("0,000218"). */
export function formatSignificant(value: number, locale: NumberLocale, digits = 3): string {
  if (!Number.isFinite(value)) return '—';
  if (value === 0) return formatNumber(0, locale);
  return nf(locale, { maximumSignificantDigits: digits }).format(value);
}

/** Seconds from milliseconds ("1,9 s"). */
export function formatSeconds(ms: number, locale: NumberLocale, digits = 1): string {
  return `${formatFixed(ms / 1000, locale, digits)} s`;
}

/** Minutes ("12 min"), or "—" when unknown. */
export function formatMinutes(min: number | null | undefined, locale: NumberLocale, digits = 0): string {
  if (min === null || min === undefined || !Number.isFinite(min)) return '—';
  return `${formatFixed(min, locale, digits)} min`;
}

/**
 * A number for a CSV read by Excel in that language: no thousands groups (Excel would read "1.500"
 * as text in some set-ups), the language's decimal mark, at most `digits` decimals.
 */
export function formatCsvNumber(value: number | null | undefined, locale: NumberLocale, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  return nf(locale, { maximumFractionDigits: digits, useGrouping: false }).format(value).replace('\u2212', '-');
}

const pluralRules = new Map<NumberLocale, Intl.PluralRules>();
/** "1 Ambito" / "3 Ambiti": the CLDR plural category of `n` in the language picks the word. */
export function plural(n: number, locale: NumberLocale, forms: { one: string; other: string }): string {
  let pr = pluralRules.get(locale);
  if (!pr) {
    pr = new Intl.PluralRules(LOCALE_TAG[locale]);
    pluralRules.set(locale, pr);
  }
  return `${formatInt(n, locale)} ${pr.select(n) === 'one' ? forms.one : forms.other}`;
}

/**
 * Splits `total` into parts proportional to `weights`, rounded to cents, so that the parts sum to
 * the total exactly (largest-remainder method): a cost-share table must add up to the budget it
 * claims to split, to the cent.
 */
export function splitCents(total: number, weights: number[]): number[] {
  const cents = Math.round(total * 100);
  const w = weights.map((x) => (Number.isFinite(x) && x > 0 ? x : 0));
  const sum = w.reduce((a, b) => a + b, 0);
  if (weights.length === 0) return [];
  if (sum === 0) return weights.map((_, i) => (i === 0 ? cents / 100 : 0));
  const raw = w.map((x) => (cents * x) / sum);
  const floor = raw.map(Math.floor);
  // The cents left over (fewer than the members: the fractional parts sum to them) go to the
  // largest fractional parts, ties to the earlier member.
  const rest = cents - floor.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => ({ frac: r - Math.floor(r), i })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  const extra = new Set(order.slice(0, rest).map((o) => o.i));
  return floor.map((c, i) => (c + (extra.has(i) ? 1 : 0)) / 100);
}

/**
 * Italian digits for texts the core writes in Italian (caveats, sources, error messages): like
 * `toLocaleString('it-IT', opts)` but grouped from four digits on, as every other figure.
 */
export function formatIt(value: number, opts: Intl.NumberFormatOptions = {}): string {
  return formatNumber(value, 'it', opts);
}
