// Browser download of generated text (exports). Kept apart so components stay declarative.
import { fmt } from '../i18n/strings.ts';
import { csvDocument } from '../core/scenario/csvText.ts';
import { ILLUSTRATIVE_NAME } from '../core/scenario/types.ts';
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

/**
 * CSV of a table as Excel reads it, numbers written by the one formatter (no thousands groups,
 * decimal comma in Italian), through the one core CSV writer (quoted,
 * formula-neutralised cells; BOM, `;`, CRLF); an illustrative scenario says so in the first line.
 */
export function tableCsv(headers: string[], rows: (string | number | null)[][], illustrative = false): string {
  return csvDocument([headers, ...rows.map((r) => r.map((v) => (typeof v === 'number' ? fmt.csv(v, 6) : v)))], { notes: illustrative ? [`# ${ILLUSTRATIVE_NAME}`] : [] });
}
