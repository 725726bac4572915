// First gate of every importer: size, binary content and encoding, checked before any
// parsing so that a wrong file is refused quickly and with a clear message. Accepts the raw
// bytes (what File.arrayBuffer() gives) or an already decoded string.
import { formatIt } from '../format/numbers.ts';

/** Larger files are refused before parsing (the page must not freeze on a wrong file). */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export type TextResult = { ok: true; text: string } | { ok: false; errors: string[] };

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function lineAtByte(bytes: Uint8Array, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (bytes[i] === 10) line++;
  return line;
}

// Typical UTF-8-read-as-Latin-1 sequences: "Ã¨" for "è", "Ã©" for "é", "Â°" for "°".
const MOJIBAKE = /Ã[\u0080-\u00BF]|Â[\u0080-\u00BF]|â€[\u0080-\u00BF™œ“”˜]/;

const mb = (n: number): string => formatIt(n / 1024 / 1024, { maximumFractionDigits: 1 });

/**
 * `jsonFields`: the text is JSON whose strings the scenario schema checks one by one (with their
 * path: "services[0].name: carattere sostitutivo …"), so U+FFFD and mojibake are left to it
 * instead of being refused here by line only.
 */
export function decodeText(input: Uint8Array | string, opts: { jsonFields?: boolean } = {}): TextResult {
  const size = typeof input === 'string' ? input.length : input.byteLength;
  if (size > MAX_IMPORT_BYTES) {
    return { ok: false, errors: [`(file): troppo grande (${mb(size)} MB): il limite è ${mb(MAX_IMPORT_BYTES)} MB`] };
  }
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    const nul = input.indexOf(0);
    if (nul >= 0) return { ok: false, errors: [`riga ${lineAtByte(input, nul)}: carattere NUL (byte 0) — il file non è di testo`] };
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(input);
    } catch {
      // Find the first invalid byte to name its row.
      const loose = new TextDecoder('utf-8').decode(input);
      const bad = loose.indexOf('\uFFFD');
      return {
        ok: false,
        errors: [`riga ${bad >= 0 ? lineAt(loose, bad) : 1}: codifica non valida, il file non è UTF-8 (forse Latin-1/Windows-1252: salvarlo in UTF-8, in Excel "CSV UTF-8")`],
      };
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const nul = text.indexOf('\u0000');
  if (nul >= 0) return { ok: false, errors: [`riga ${lineAt(text, nul)}: carattere NUL — il file non è di testo`] };
  if (opts.jsonFields) return text.trim() === '' ? { ok: false, errors: ['riga 1: file vuoto'] } : { ok: true, text };
  const repl = text.indexOf('\uFFFD');
  if (repl >= 0) return { ok: false, errors: [`riga ${lineAt(text, repl)}: carattere sostitutivo "\uFFFD": codifica danneggiata`] };
  const moji = MOJIBAKE.exec(text);
  if (moji) return { ok: false, errors: [`riga ${lineAt(text, moji.index)}: testo "${moji[0]}" tipico di una doppia codifica (UTF-8 letto come Latin-1): ricodificare il file`] };
  if (text.trim() === '') return { ok: false, errors: ['riga 1: file vuoto'] };
  return { ok: true, text };
}
