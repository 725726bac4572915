// Qualitative palette for units (ColorBrewer Set3, light enough for dark borders and labels on a
// projector) and the fixed colours of the map.
export const UNIT_PALETTE = ['#8dd3c7', '#ffffb3', '#bebada', '#fb8072', '#80b1d3', '#fdb462', '#b3de69', '#fccde5', '#ccebc5', '#bc80bd'];
export const MULTI_UNIT_FILL = '#e0e0e0';
export const BORDER = '#36454f';
export const SELECTED = '#0b3d91';
export const BACKGROUND = '#f4f1ea';

/** Response-time classes (minutes, upper bounds) and colours; grey = no PIS / not reachable. */
export const RESPONSE_CLASSES: [number, string][] = [[15, '#1a9850'], [30, '#91cf60'], [45, '#fee08b'], [60, '#fc8d59'], [Infinity, '#d73027']];
export const UNREACHED = '#9e9e9e';
export function responseColour(minutes: number): string {
  if (!Number.isFinite(minutes)) return UNREACHED;
  return RESPONSE_CLASSES.find(([limit]) => minutes <= limit)![1];
}

/**
 * PIS status colours: a sequential green→orange scale (ColorBrewer RdYlGn, colour-blind safer end
 * points) for "how close to an active PIS", grey for unknown. Status is also written in every
 * tooltip and table, so colour is never the only cue.
 */
export const STATUS_COLOURS: Record<string, string> = {
  'attivo': '#1a9850',
  'in-attivazione-2026': '#91cf60',
  'previsto-pdz-2024-26': '#d9ef8b',
  'previsto-pdz-2027-29': '#fee08b',
  'non-previsto': '#fc8d59',
  'sconosciuto': '#e6e6e6',
};

/** Outcome of a scenario comparison per Ambito (diverging: better green, worse red). */
export const OUTCOME_COLOURS: Record<string, string> = {
  migliora: '#1a9850',
  peggiora: '#d73027',
  misto: '#fee08b',
  invariato: '#e6e6e6',
};
