// Browser download of generated text (exports). Kept apart so components stay declarative.
import { lang } from '../i18n/lang.ts';
import { tableCsv as coreTableCsv, type CsvCell, type CsvTableOptions } from '../core/format/csvTables.ts';
export function download(filename: string, text: string, type: string): void {
  downloadBlob(filename, new Blob([text], { type }));
}

/** Browser download of a blob (text exports, the PNG of the view). */
export function downloadBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 5000);
}

/** File-name-safe slug of a scenario name. */
export function slug(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'scenario';
}

/** The options of the core's CSV layouts (core/format/csvTables.ts) in the UI's current language. */
export function csvOptions(illustrative = false): CsvTableOptions {
  return { locale: lang.value === 'en' ? 'en' : 'it', illustrative };
}

/** A table shown in the UI (drawer, quality panel) as CSV, through the core's one writer. */
export function tableCsv(headers: string[], rows: CsvCell[][], illustrative = false): string {
  return coreTableCsv(headers, rows, csvOptions(illustrative));
}
