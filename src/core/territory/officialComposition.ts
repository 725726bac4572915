// Import of an official comune → Ambito table (e.g. Regione Lombardia open data, or the Ambiti's
// own lists). It replaces the estimates, and the report says exactly what changed: estimates
// confirmed, estimates corrected, and sourced rows the official table contradicts.
import { decodeText } from '../scenario/textInput.ts';
import { parseCsv } from '../scenario/csvText.ts';
import type { Territory } from './index.ts';
import type { TerritoryData } from './types.ts';

const ISTAT_HEADERS = ['istat_code', 'codice_istat', 'cod_istat', 'istat', 'pro_com_t', 'codice_comune'];
const AMBITO_HEADERS = ['ambito_code', 'codice_ambito', 'cod_ambito', 'ambito'];

export interface OfficialComposition {
  /** Shown as the source of every row (e.g. the file name and import date). */
  label: string;
  /** ISTAT code → Ambito code. */
  rows: Record<string, string>;
}

/**
 * Ambiti a composition would leave with no comune: [Ambito code, the first moved-away comune].
 * An empty Ambito has no polygon, no residents and no neighbours: the map, the counts and the
 * simulations cannot draw or compute it (it used to stop the app from starting at all).
 */
export function ambitiLeftEmpty(territory: Territory, ambitoOf: (istat: string) => string | undefined): [string, string][] {
  const count = new Map<string, number>(territory.data.ambiti.map((a) => [a.code, 0]));
  const movedAway = new Map<string, string>();
  for (const c of territory.data.comuni) {
    const to = ambitoOf(c.istat) ?? c.ambito;
    const n = count.get(to);
    if (n !== undefined) count.set(to, n + 1);
    if (to !== c.ambito && !movedAway.has(c.ambito)) movedAway.set(c.ambito, c.istat);
  }
  return [...count].filter(([, n]) => n === 0).map(([code]) => [code, movedAway.get(code) ?? '']);
}

export type OfficialParse = { ok: true; rows: Record<string, string>; warnings: string[] } | { ok: false; errors: string[] };

export function parseOfficialComposition(input: Uint8Array | string, territory: Territory): OfficialParse {
  const decoded = decodeText(input);
  if (!decoded.ok) return decoded;
  const text = decoded.text.replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const sep = firstLine.split(';').length > firstLine.split(',').length ? ';' : ',';
  const parsed = parseCsv(text, sep);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const [header, ...body] = parsed.records;
  if (!header) return { ok: false, errors: ['(file): vuoto'] };
  const names = header.fields.map((h) => h.trim().toLowerCase());
  const iIstat = names.findIndex((h) => ISTAT_HEADERS.includes(h));
  const iAmbito = names.findIndex((h) => AMBITO_HEADERS.includes(h));
  if (iIstat < 0 || iAmbito < 0) {
    return { ok: false, errors: [`riga ${header.line}: servono le colonne del codice ISTAT (${ISTAT_HEADERS.join(', ')}) e del codice Ambito (${AMBITO_HEADERS.join(', ')}); trovate: ${names.join(', ')}`] };
  }
  const errors: string[] = [];
  // Codes are checked against the territory's maps before they become keys (no prototype names).
  const rows: Record<string, string> = {};
  const seenAt = new Map<string, number>();
  for (const r of body) {
    const istat = (r.fields[iIstat] ?? '').trim().padStart(6, '0');
    const ambito = (r.fields[iAmbito] ?? '').trim();
    if (!/^\d{6}$/.test(istat) || !territory.comune(istat)) errors.push(`riga ${r.line}: codice ISTAT "${r.fields[iIstat] ?? ''}" sconosciuto (comuni ISTAT 2024 della Lombardia)`);
    else if (!territory.ambito(ambito)) errors.push(`riga ${r.line}: codice Ambito "${ambito}" sconosciuto (91 Ambiti della DGR XII/2167, es. 50095)`);
    else if (seenAt.has(istat)) errors.push(`riga ${r.line}: comune ${istat} già presente alla riga ${seenAt.get(istat)}`);
    else {
      seenAt.set(istat, r.line);
      rows[istat] = ambito;
    }
    if (errors.length >= 50) {
      errors.push('… altri errori non mostrati');
      break;
    }
  }
  if (errors.length) return { ok: false, errors };
  if (!Object.keys(rows).length) return { ok: false, errors: ['(file): nessuna riga di dati'] };
  const empty = ambitiLeftEmpty(territory, (istat) => (Object.hasOwn(rows, istat) ? rows[istat] : undefined));
  if (empty.length) {
    const list = empty.slice(0, 20).map(([code, istat]) => {
      const where = istat && seenAt.has(istat) ? `riga ${seenAt.get(istat)}` : '(file)';
      return `${where}: ${names[iAmbito]}: la tabella lascerebbe l'Ambito ${code} (${territory.ambito(code)?.name ?? code}) senza comuni (qui il comune ${istat} va in ${rows[istat]}); ogni Ambito deve avere almeno un comune`;
    });
    if (empty.length > 20) list.push(`(file): … e altri ${empty.length - 20} Ambiti senza comuni`);
    return { ok: false, errors: list };
  }
  const missing = territory.data.comuni.length - Object.keys(rows).length;
  const warnings = missing > 0 ? [`${missing} comuni non sono nella tabella: mantengono l'Ambito attuale (documentato o stimato)`] : [];
  return { ok: true, rows, warnings };
}

export interface CompositionDiff {
  /** Estimated comuni the official table places where the estimator did. */
  estimatesConfirmed: string[];
  /** Estimated comuni the official table places elsewhere: [istat, from, to]. */
  estimatesCorrected: [string, string, string][];
  /** Sourced comuni the official table places elsewhere: [istat, from, to]. */
  sourcedContradicted: [string, string, string][];
  sourcedConfirmed: number;
  notInTable: number;
}

export function diffComposition(territory: Territory, rows: Record<string, string>): CompositionDiff {
  const d: CompositionDiff = { estimatesConfirmed: [], estimatesCorrected: [], sourcedContradicted: [], sourcedConfirmed: 0, notInTable: 0 };
  for (const c of territory.data.comuni) {
    const to = rows[c.istat];
    if (to === undefined) d.notInTable++;
    else if (c.status === 'estimated') {
      if (to === c.ambito) d.estimatesConfirmed.push(c.istat);
      else d.estimatesCorrected.push([c.istat, c.ambito, to]);
    } else if (to === c.ambito) d.sourcedConfirmed++;
    else d.sourcedContradicted.push([c.istat, c.ambito, to]);
  }
  return d;
}

/** Italian lines for the import report. */
export function describeDiff(territory: Territory, d: CompositionDiff): string[] {
  const name = (istat: string) => territory.comune(istat)?.name ?? istat;
  const amb = (code: string) => territory.ambito(code)?.name ?? code;
  return [
    `stime confermate: ${d.estimatesConfirmed.length}`,
    `stime corrette: ${d.estimatesCorrected.length}`,
    `righe documentate confermate: ${d.sourcedConfirmed}; contraddette: ${d.sourcedContradicted.length}`,
    `comuni non presenti nella tabella: ${d.notInTable}`,
    ...d.sourcedContradicted.slice(0, 20).map(([c, f, t]) => `${name(c)} (${c}): documentato in ${amb(f)}, la tabella ufficiale dice ${amb(t)}`),
    ...d.estimatesCorrected.slice(0, 20).map(([c, f, t]) => `${name(c)} (${c}): stimato in ${amb(f)}, ufficiale ${amb(t)}`),
  ];
}

/** A copy of the territory data with the official rows applied as sourced facts. */
export function applyOfficialComposition(data: TerritoryData, official: OfficialComposition): TerritoryData {
  return {
    ...data,
    comuni: data.comuni.map((c) => {
      const to = official.rows[c.istat];
      return to === undefined ? c : { ...c, ambito: to, status: 'sourced' as const, confidence: 'verbatim' as const, source: official.label };
    }),
  };
}
