// Browser download of generated text (exports). Kept apart so components stay declarative.
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
 * CSV of a table as Italian Excel reads it: UTF-8 with BOM, `;` separators, decimal commas (the
 * caller formats numbers), CRLF; an illustrative scenario says so in the first line.
 */
export function tableCsv(headers: string[], rows: (string | number | null)[][], illustrative = false): string {
  const cell = (v: string | number | null) => {
    const s = v === null ? '' : typeof v === 'number' ? String(v).replace('.', ',') : v;
    return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [headers, ...rows].map((r) => r.map(cell).join(';'));
  return `\uFEFF${illustrative ? '# Esempio illustrativo — non sono dati reali\r\n' : ''}${lines.join('\r\n')}\r\n`;
}
