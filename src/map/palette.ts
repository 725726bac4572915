import type { H24Class } from '../core/scenario/compliance.ts';

// Qualitative palette for units (ColorBrewer Set3, light enough for dark borders and labels on a
// projector) and the fixed colours of the map.
export const UNIT_PALETTE = ['#8dd3c7', '#ffffb3', '#bebada', '#fb8072', '#80b1d3', '#fdb462', '#b3de69', '#fccde5', '#ccebc5', '#bc80bd'];
export const MULTI_UNIT_FILL = '#e0e0e0';
export const BORDER = '#36454f';
export const SELECTED = '#0b3d91';
export const BACKGROUND = '#f4f1ea';

/**
 * Response-time classes (minutes, upper bounds) and colours — ColorBrewer RdYlBu, readable with the
 * common colour-vision deficiencies (a red–green scale is not); grey = no PIS / not reachable.
 */
export const RESPONSE_CLASSES: [number, string][] = [[15, '#2c7bb6'], [30, '#abd9e9'], [45, '#ffffbf'], [60, '#fdae61'], [Infinity, '#d7191c']];
/** The 50,000 rule met / not met (rings on the map; the tables also say ✓ / ✗). */
export const RULE_PASS = '#2c7bb6';
export const RULE_FAIL = '#d7191c';
/** Legal test "non determinabile" (unknown facts): neither pass nor fail. */
export const RULE_UNKNOWN = '#8c8c8c';
export const UNREACHED = '#9e9e9e';
export function responseColour(minutes: number): string {
  if (!Number.isFinite(minutes)) return UNREACHED;
  return RESPONSE_CLASSES.find(([limit]) => minutes <= limit)![1];
}

/**
 * PIS status colours, from Okabe–Ito (safe for colour-vision deficiencies): blues for an active or
 * starting PIS, yellow/orange for planned or none, grey for unknown. Status is also written in every
 * tooltip and table, so colour is never the only cue.
 */
export const STATUS_COLOURS: Record<string, string> = {
  'attivo': '#0072b2',
  'in-attivazione-2026': '#56b4e9',
  'previsto-pdz-2024-26': '#b8e0f5',
  'previsto-pdz-2027-29': '#f0e442',
  'non-previsto': '#e69f00',
  'senza-pis-non-risponde': '#cc79a7',
  'sconosciuto': '#e6e6e6',
};

/**
 * 24h/365 compliance per Ambito (Okabe–Ito, safe for colour-vision deficiencies): bluish green =
 * covered at all hours, orange = a PIS whose roster leaves bands uncovered, vermillion = no PIS
 * (known absent: uncovered at every hour), and unknown drawn apart (neutral grey: neither a colour
 * of compliance nor of a gap) so that "not documented" never reads as a gap. The class is also
 * written in the tooltip, the table and the legend.
 */
export const H24_COLOURS: Record<H24Class, string> = {
  'compliant': '#009e73',
  'roster-gap': '#e69f00',
  'no-pis': '#d55e00',
  'unknown': '#bdbdbd',
};

/** Outcome of a scenario comparison per Ambito (diverging RdYlBu: better blue, worse red). */
export const OUTCOME_COLOURS: Record<string, string> = {
  migliora: '#2c7bb6',
  peggiora: '#d7191c',
  misto: '#ffffbf',
  invariato: '#e6e6e6',
};
