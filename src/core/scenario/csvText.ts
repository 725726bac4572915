// Minimal semicolon-separated values, as Excel writes them for Italian users: quoted fields
// with doubled quotes, CRLF or LF line ends. Each record keeps the line it starts on, so that
// messages can name it.

export interface CsvRecord {
  /** 1-based line number where the record starts in the file. */
  line: number;
  fields: string[];
}

export function quoteField(v: string, sep = ';'): string {
  return v.includes(sep) || v.includes('"') || v.includes('\n') || v.includes('\r') ? `"${v.replace(/"/g, '""')}"` : v;
}

export function formatCsv(rows: readonly (readonly string[])[], sep = ';'): string {
  return rows.map((r) => r.map((f) => quoteField(f, sep)).join(sep)).join('\r\n') + '\r\n';
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
    if (!(fields.length === 1 && fields[0].trim() === '')) records.push({ line: start, fields });
  }
  return { ok: true, records };
}
