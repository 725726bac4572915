// Import of a real origin–destination matrix (CSV `from_istat,to_istat,minutes`), e.g. ISTAT's
// regional matrices or one computed with OSRM / OpenRouteService. Rows that fail validation are
// reported (in Italian, by row number) and not used; the pairs that pass replace the estimate.
import type { TerritoryData } from '../territory/types.ts';

/** Above this many minutes a trip inside Lombardy is taken as a data error. */
export const OD_ABSURD_MINUTES = 600;
const MAX_LISTED_ERRORS = 50;

export interface OdMatrix {
  /** origin comune index → destination comune index → minutes. */
  rows: Map<number, Map<number, number>>;
  pairs: number;
}

export interface OdImportCounts {
  rows: number;
  accepted: number;
  unknownCodes: number;
  negative: number;
  absurd: number;
  nonNumeric: number;
  duplicates: number;
  malformed: number;
  /** Ordered pairs of distinct comuni of the territory not covered (they keep the estimate). */
  missingPairs: number;
}

export interface OdImport {
  matrix: OdMatrix;
  /** Fatal problems (no usable row, wrong header) and per-row problems, capped. */
  errors: string[];
  warnings: string[];
  counts: OdImportCounts;
  ok: boolean;
}

function splitLine(line: string, sep: string): string[] {
  return line.split(sep).map((f) => f.trim().replace(/^"(.*)"$/, '$1').trim());
}

function normalizeIstat(code: string): string {
  // Spreadsheets drop leading zeros ("15146" for Milano): restore them for numeric codes.
  return /^\d{4,6}$/.test(code) ? code.padStart(6, '0') : code;
}

export function parseOdMatrixCsv(text: string, data: TerritoryData): OdImport {
  const counts: OdImportCounts = { rows: 0, accepted: 0, unknownCodes: 0, negative: 0, absurd: 0, nonNumeric: 0, duplicates: 0, malformed: 0, missingPairs: 0 };
  const errors: string[] = [];
  const warnings: string[] = [];
  let listed = 0;
  const rowError = (msg: string): void => {
    if (listed < MAX_LISTED_ERRORS) errors.push(msg);
    listed++;
  };
  const rows = new Map<number, Map<number, number>>();
  const firstRowOf = new Map<string, number>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines[0] ?? '';
  const sep = header.includes(';') && !header.includes(',') ? ';' : ',';
  const cols = splitLine(header.toLowerCase(), sep);
  const iFrom = cols.indexOf('from_istat');
  const iTo = cols.indexOf('to_istat');
  const iMin = cols.indexOf('minutes');
  const empty = (): OdImport => ({ matrix: { rows, pairs: 0 }, errors, warnings, counts, ok: false });
  if (iFrom < 0 || iTo < 0 || iMin < 0) {
    errors.push(`Riga 1: intestazione non valida ("${header.slice(0, 80)}"); attese le colonne from_istat,to_istat,minutes`);
    return empty();
  }
  const index = new Map<string, number>();
  data.comuni.forEach((c, i) => index.set(c.istat, i));
  let padded = 0;
  for (let r = 1; r < lines.length; r++) {
    const line = lines[r];
    if (line.trim() === '') continue;
    const rowNo = r + 1;
    counts.rows++;
    const f = splitLine(line, sep);
    if (f.length <= Math.max(iFrom, iTo, iMin)) {
      counts.malformed++;
      rowError(`Riga ${rowNo}: mancano colonne ("${line.slice(0, 80)}")`);
      continue;
    }
    const fromRaw = f[iFrom];
    const toRaw = f[iTo];
    const from = normalizeIstat(fromRaw);
    const to = normalizeIstat(toRaw);
    if (from !== fromRaw || to !== toRaw) padded++;
    const fi = index.get(from);
    const ti = index.get(to);
    if (fi === undefined || ti === undefined) {
      counts.unknownCodes++;
      const bad = [fi === undefined ? `origine "${fromRaw}"` : '', ti === undefined ? `destinazione "${toRaw}"` : ''].filter(Boolean).join(' e ');
      rowError(`Riga ${rowNo}: codice ISTAT sconosciuto (${bad}): non è un comune lombardo dell'elenco 2024`);
      continue;
    }
    const minutesText = f[iMin].replace(',', '.');
    const minutes = minutesText === '' ? NaN : Number(minutesText);
    if (!Number.isFinite(minutes)) {
      counts.nonNumeric++;
      rowError(`Riga ${rowNo}: minuti non numerici ("${f[iMin]}")`);
      continue;
    }
    if (minutes < 0) {
      counts.negative++;
      rowError(`Riga ${rowNo}: minuti negativi (${minutes}) da ${from} a ${to}`);
      continue;
    }
    if (minutes > OD_ABSURD_MINUTES) {
      counts.absurd++;
      rowError(`Riga ${rowNo}: ${minutes} minuti da ${from} a ${to} è un valore non plausibile in Lombardia (massimo ${OD_ABSURD_MINUTES})`);
      continue;
    }
    const key = `${fi}>${ti}`;
    const prev = firstRowOf.get(key);
    if (prev !== undefined) {
      counts.duplicates++;
      rowError(`Riga ${rowNo}: coppia ${from} → ${to} già presente alla riga ${prev}; vale la prima`);
      continue;
    }
    firstRowOf.set(key, rowNo);
    let row = rows.get(fi);
    if (!row) rows.set(fi, (row = new Map()));
    row.set(ti, minutes);
    counts.accepted++;
  }
  if (listed > MAX_LISTED_ERRORS) errors.push(`… e altre ${listed - MAX_LISTED_ERRORS} righe con errori`);
  if (padded > 0) warnings.push(`${padded} righe con codici ISTAT senza zeri iniziali: completati a 6 cifre`);
  let offDiagonal = 0;
  for (const [fi, row] of rows) for (const ti of row.keys()) if (ti !== fi) offDiagonal++;
  const n = data.comuni.length;
  counts.missingPairs = n * (n - 1) - offDiagonal;
  if (counts.missingPairs > 0) {
    warnings.push(`${counts.missingPairs} coppie di comuni non presenti nella matrice: per queste resta la stima`);
  }
  if (counts.accepted === 0) errors.unshift('Nessuna riga valida: la matrice non è stata applicata');
  return { matrix: { rows, pairs: counts.accepted }, errors, warnings, counts, ok: counts.accepted > 0 };
}
