// Minimal semicolon-separated values, as Excel writes them for Italian users: quoted fields
// with doubled quotes, CRLF or LF line ends. Each record keeps the line it starts on, so that
// messages can name it.

export interface CsvRecord {
  /** 1-based line number where the record starts in the file. */
  line: number;
  fields: string[];
}

// One CSV writer for every CSV the app writes (scenario, tables, coverage, comparison).
// Every field is quoted, so a separator, quote or line break inside a value (a scenario name
// with a newline in a header note) can never start a new field or row. A cell that a
// spreadsheet would run as a formula (OWASP "CSV injection": first character =, +, -, @, tab
// or CR) gets a leading apostrophe, which Excel and LibreOffice show as "text follows"; a
// leading apostrophe is itself doubled, so `unneutralise` restores the value exactly on import.
// Plain numbers ("-3,5", "+2") are data, not formulas: they stay numbers for the spreadsheet.

const FORMULA_START = /^[=+\-@\t\r']/;
const PLAIN_NUMBER = /^[-+]?\d+([.,]\d+)?$/;

/** The cell text a spreadsheet will show, never a live formula. */
export function neutralise(v: string): string {
  return FORMULA_START.test(v) && !PLAIN_NUMBER.test(v) ? `'${v}` : v;
}

/** Inverse of `neutralise` for values read back from a CSV the app (or Excel) wrote. */
export function unneutralise(v: string): string {
  return v.startsWith("'") ? v.slice(1) : v;
}

/** A whole field: neutralised, then always quoted (quotes doubled). */
export function quoteField(v: string): string {
  return `"${neutralise(v).replace(/"/g, '""')}"`;
}

export type CsvValue = string | number | null | undefined;

/** Numbers with a decimal comma (Italian Excel); null/undefined as an empty cell. */
export function csvValue(v: CsvValue): string {
  return v === null || v === undefined ? '' : typeof v === 'number' ? String(v).replace('.', ',') : v;
}

export function formatCsv(rows: readonly (readonly CsvValue[])[], sep = ';'): string {
  return rows.map((r) => r.map((f) => quoteField(csvValue(f))).join(sep)).join('\r\n') + '\r\n';
}

export interface CsvDocumentOptions {
  /** Lines before the header ("# Esempio illustrativo …"): written as one quoted cell each. */
  notes?: readonly string[];
  sep?: string;
}

/**
 * A CSV file as Italian Excel opens it: UTF-8 BOM, `;`, CRLF, every field quoted and
 * neutralised, notes as "#" lines built the same way (no value can inject a row).
 */
export function csvDocument(rows: readonly (readonly CsvValue[])[], opts: CsvDocumentOptions = {}): string {
  const sep = opts.sep ?? ';';
  const notes = (opts.notes ?? []).map((n) => [n.startsWith('#') ? n : `# ${n}`]);
  return '\uFEFF' + formatCsv([...notes, ...rows], sep);
}

export type ParseResult = { ok: true; records: CsvRecord[] } | { ok: false; errors: string[] };

/** Parses the whole text; blank lines are skipped. */
export function parseCsv(text: string, sep = ';'): ParseResult {
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let field = '';
    let endOfRecord = false;
    while (!endOfRecord) {
      if (i < n && text[i] === '"' && field === '') {
        // Quoted field.
        i++;
        let closed = false;
        while (i < n) {
          const ch = text[i];
          if (ch === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (ch === '\n') line++;
          field += ch;
          i++;
        }
        if (!closed) return { ok: false, errors: [`riga ${start}: virgolette aperte e mai chiuse`] };
        if (i < n && text[i] !== sep && text[i] !== '\n' && text[i] !== '\r') {
          return { ok: false, errors: [`riga ${line}: caratteri dopo la chiusura delle virgolette`] };
        }
      }
      if (i >= n) {
        fields.push(field);
        endOfRecord = true;
      } else if (text[i] === sep) {
        fields.push(field);
        field = '';
        i++;
      } else if (text[i] === '\r' || text[i] === '\n') {
        fields.push(field);
        if (text[i] === '\r' && text[i + 1] === '\n') i++;
        i++;
        line++;
        endOfRecord = true;
      } else {
        field += text[i];
        i++;
      }
    }
    if (!(fields.length === 1 && fields[0]?.trim() === '')) records.push({ line: start, fields });
  }
  return { ok: true, records };
}
