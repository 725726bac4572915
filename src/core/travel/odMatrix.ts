// Import of a real origin–destination matrix (CSV `from_istat,to_istat,minutes`), e.g. ISTAT's
// regional matrices or one computed with OSRM / OpenRouteService. One reader for the app and the
// CLI. A row in the wrong format refuses the whole file (in Italian, by row number and column);
// rows naming comuni outside Lombardy are skipped with a warning; the pairs replace the estimate.
import { at } from '../check/at.ts';
import type { TerritoryData } from '../territory/types.ts';
import { parseCsv } from '../scenario/csvText.ts';
import { formatIt } from '../format/numbers.ts';

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

/** Larger OD files are refused before parsing, in the app and in the CLI (`--od`). */
export const MAX_OD_BYTES = 50 * 1024 * 1024;

export type OdText = { ok: true; text: string } | { ok: false; errors: string[] };

const mb = (n: number): string => formatIt(n / 1024 / 1024, { maximumFractionDigits: 1 });

/**
 * The one decoder of OD files, for the app (File.text() or bytes) and the CLI (bytes): size cap,
 * UTF-16 refused with its name (a decoder that assumes UTF-8 turns it into NULs and U+FFFD, which
 * used to be read as "2,257,501 pairs missing"), strict UTF-8, BOM dropped.
 */
export function decodeOdText(input: Uint8Array | string): OdText {
  const size = typeof input === 'string' ? input.length : input.byteLength;
  if (size > MAX_OD_BYTES) return { ok: false, errors: [`(file): troppo grande (${mb(size)} MB): il limite per una matrice OD è ${mb(MAX_OD_BYTES)} MB`] };
  const utf16 = 'riga 1: il file è in UTF-16, non in UTF-8: salvarlo come "CSV UTF-8" (Excel) o UTF-8 (editor di testo)';
  let text: string;
  if (typeof input === 'string') {
    text = input;
    if (/^(\uFEFF|\uFFFD\uFFFD|\uFFFE)/.test(text) && text.slice(0, 200).includes('\u0000')) return { ok: false, errors: [utf16] };
  } else {
    if ((input[0] === 0xff && input[1] === 0xfe) || (input[0] === 0xfe && input[1] === 0xff)) return { ok: false, errors: [utf16] };
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      return { ok: false, errors: ['riga 1: codifica non valida, il file non è UTF-8 (salvarlo come "CSV UTF-8")'] };
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    const line = text.slice(0, nul).split('\n').length;
    // Every other byte NUL: UTF-16 without a byte-order mark.
    return { ok: false, errors: [nul < 4 && text.slice(0, 40).split('\u0000').length > 10 ? utf16 : `riga ${line}: carattere NUL: il file non è un CSV di testo`] };
  }
  const repl = text.indexOf('\uFFFD');
  if (repl >= 0) return { ok: false, errors: [`riga ${text.slice(0, repl).split('\n').length}: carattere sostitutivo U+FFFD: codifica danneggiata (salvarlo come UTF-8)`] };
  return { ok: true, text };
}

function normalizeIstat(code: string): string {
  // Spreadsheets drop leading zeros ("15146" for Milano): restore them for numeric codes.
  // Stryker disable next-line Regex: a code that only an unanchored pattern pads is not 6 digits after padding either, so the row is refused quoting its raw text all the same
  return /^\d{4,5}$/.test(code) ? code.padStart(6, '0') : code;
}

/**
 * Minutes in the documented format only: digits with an optional decimal part, the decimal
 * separator being "." in a comma-separated file and "," in a semicolon-separated one (Excel in
 * Italian). No sign, exponent, hex (0x1E), binary (0b11), thousands separator (1.000) or spaces
 * inside: what Number() would silently read differently is refused.
 */
function readMinutes(raw: string, sep: string): number | string {
  const re = sep === ';' ? /^\d{1,4}(,\d{1,6})?$/ : /^\d{1,4}(\.\d{1,6})?$/;
  if (re.test(raw)) return Number(raw.replace(',', '.'));
  const dec = sep === ';' ? 'la virgola (es. 12,5)' : 'il punto (es. 12.5)';
  if (raw === '') return 'minutes vuoto';
  if (/^-\d/.test(raw)) return `minutes "${raw}" negativo`;
  if (/^0[xXbBoO]/.test(raw)) return `minutes "${raw}" non è un numero decimale (notazione esadecimale/binaria/ottale non ammessa)`;
  if (sep === ';' && /^\d{1,3}(\.\d{3})+(,\d+)?$/.test(raw)) return `minutes "${raw}" con separatore delle migliaia: ambiguo, scrivere il numero senza punti e con ${dec} per i decimali`;
  if (sep === ';' && /^\d+\.\d+$/.test(raw)) return `minutes "${raw}": in un file separato da ";" i decimali vanno con ${dec}`;
  return `minutes "${raw.slice(0, 40)}" non è un numero di minuti (solo cifre, decimali con ${dec})`;
}

/** Fields of one line: a plain split, or the CSV parser when the line has quotes (rare, slower). */
function fieldsOf(line: string, sep: string): string[] | string {
  if (!line.includes('"')) return line.split(sep);
  const r = parseCsv(line, sep);
  // Stryker disable next-line Regex: the message of a one-line parse always begins with "riga 1: "
  if (!r.ok) return at(r.errors, 0).replace(/^riga \d+: /, '');
  // A lone carriage return ends a record for the parser: the rest of the row would be dropped unseen.
  if (r.records.length > 1) return 'ritorno a capo (CR) isolato dentro la riga';
  return r.records[0]?.fields ?? [];
}

export function parseOdMatrixCsv(input: string | Uint8Array, data: TerritoryData): OdImport {
  const counts: OdImportCounts = { rows: 0, accepted: 0, unknownCodes: 0, negative: 0, absurd: 0, nonNumeric: 0, duplicates: 0, malformed: 0, missingPairs: 0 };
  const errors: string[] = [];
  const warnings: string[] = [];
  const rows = new Map<number, Map<number, number>>();
  const empty = (): OdImport => ({ matrix: { rows: new Map(), pairs: 0 }, errors, warnings, counts, ok: false });
  const decoded = decodeOdText(input);
  if (!decoded.ok) {
    errors.push(...decoded.errors);
    return empty();
  }
  const text = decoded.text;
  // One record per line (OD files have no multi-line fields); 2.3 million lines for all pairs.
  const lines = text.split(/\r?\n/);
  // Stryker disable next-line StringLiteral: split always returns at least one element
  const header = lines[0] ?? '';
  const sep = header.includes(';') ? ';' : header.includes('\t') ? '\t' : ',';
  const headFields = fieldsOf(header, sep);
  // Stryker disable next-line ArrayDeclaration: any list standing for an unreadable header lacks the three columns
  const cols = (typeof headFields === 'string' ? [] : headFields).map((f) => f.trim().toLowerCase());
  const iFrom = cols.indexOf('from_istat');
  const iTo = cols.indexOf('to_istat');
  const iMin = cols.indexOf('minutes');
  if (iFrom < 0 || iTo < 0 || iMin < 0) {
    errors.push(`riga 1: intestazione non valida ("${header.slice(0, 80)}"); attese le colonne from_istat,to_istat,minutes`);
    return empty();
  }
  let listed = 0;
  const rowError = (msg: string): void => {
    if (listed < MAX_LISTED_ERRORS) errors.push(msg);
    listed++;
  };
  let unknownListed = 0;
  const index = new Map<string, number>();
  data.comuni.forEach((c, i) => index.set(c.istat, i));
  let padded = 0;
  let sameDuplicates = 0;
  const firstRowOf = new Map<string, number>();
  for (let r = 1; r < lines.length; r++) {
    const line = at(lines, r);
    if (line.trim() === '') continue;
    const rowNo = r + 1;
    counts.rows++;
    const split = fieldsOf(line, sep);
    if (typeof split === 'string') {
      counts.malformed++;
      rowError(`riga ${rowNo}: ${split}`);
      continue;
    }
    const f = split.map((x) => x.trim());
    if (f.length !== cols.length) {
      counts.malformed++;
      const hint = sep === ',' && f.length > cols.length ? ' (una virgola decimale? in un file separato da virgole i decimali vanno con il punto: 12.5)' : '';
      rowError(`riga ${rowNo}: ${f.length} campi invece di ${cols.length}${hint}`);
      continue;
    }
    // f has one field per header column (checked above), and the three indices are columns.
    const fromRaw = at(f, iFrom);
    const toRaw = at(f, iTo);
    const from = normalizeIstat(fromRaw);
    const to = normalizeIstat(toRaw);
    const badCode = ([[from, 'from_istat', fromRaw], [to, 'to_istat', toRaw]] as const).find(([c]) => !/^\d{6}$/.test(c));
    if (badCode) {
      counts.malformed++;
      rowError(`riga ${rowNo}: ${badCode[1]} "${badCode[2].slice(0, 40)}" non è un codice ISTAT (6 cifre)`);
      continue;
    }
    if (from !== fromRaw || to !== toRaw) padded++;
    const fi = index.get(from);
    const ti = index.get(to);
    const minutes = readMinutes(at(f, iMin), sep);
    if (typeof minutes === 'string') {
      if (/negativo/.test(minutes)) counts.negative++;
      else counts.nonNumeric++;
      rowError(`riga ${rowNo}: ${minutes}`);
      continue;
    }
    if (minutes > OD_ABSURD_MINUTES) {
      counts.absurd++;
      rowError(`riga ${rowNo}: minutes ${minutes} da ${from} a ${to} non plausibile in Lombardia (massimo ${OD_ABSURD_MINUTES})`);
      continue;
    }
    if (fi === undefined || ti === undefined) {
      // A national or interregional matrix lists comuni outside Lombardy: skipped, not fatal.
      counts.unknownCodes++;
      if (unknownListed < 10) {
        unknownListed++;
        const bad = [fi === undefined ? `from_istat "${fromRaw}"` : '', ti === undefined ? `to_istat "${toRaw}"` : ''].filter(Boolean).join(' e ');
        warnings.push(`riga ${rowNo}: ${bad} non è un comune lombardo dell'elenco 2024: riga ignorata`);
      }
      continue;
    }
    const key = `${fi}>${ti}`;
    const prev = firstRowOf.get(key);
    if (prev !== undefined) {
      counts.duplicates++;
      // The same pair twice with the same minutes is harmless; with different minutes, which is right?
      // Stryker disable next-line OptionalChaining: a pair seen before has its origin's row
      if (rows.get(fi)?.get(ti) !== minutes) rowError(`riga ${rowNo}: coppia from_istat ${from} → to_istat ${to} già presente alla riga ${prev} con altri minutes`);
      else sameDuplicates++;
      continue;
    }
    firstRowOf.set(key, rowNo);
    let row = rows.get(fi);
    if (!row) rows.set(fi, (row = new Map()));
    row.set(ti, minutes);
    counts.accepted++;
  }
  if (listed > MAX_LISTED_ERRORS) errors.push(`… e altre ${listed - MAX_LISTED_ERRORS} righe con errori`);
  if (counts.unknownCodes > unknownListed) warnings.push(`${counts.unknownCodes} righe in tutto con comuni non lombardi: ignorate`);
  if (sameDuplicates > 0) warnings.push(`${sameDuplicates} righe ripetono una coppia già presente con gli stessi minuti: ignorate`);
  if (padded > 0) warnings.push(`${padded} righe con codici ISTAT senza zeri iniziali: completati a 6 cifre`);
  // Any malformed row refuses the whole file: a matrix misread in part is worse than none.
  if (listed > 0) {
    errors.unshift(`Matrice rifiutata: ${listed} righe non valide (solo numeri decimali nel formato documentato); nessuna coppia applicata`);
    return empty();
  }
  let offDiagonal = 0;
  for (const [fi, row] of rows) for (const ti of row.keys()) if (ti !== fi) offDiagonal++;
  const n = data.comuni.length;
  counts.missingPairs = n * (n - 1) - offDiagonal;
  if (counts.missingPairs > 0) {
    warnings.push(`${counts.missingPairs} coppie di comuni non presenti nella matrice: per queste resta la stima`);
  }
  if (counts.accepted === 0) {
    errors.unshift('Nessuna riga valida: la matrice non è stata applicata');
    return empty();
  }
  return { matrix: { rows, pairs: counts.accepted }, errors, warnings, counts, ok: true };
}
