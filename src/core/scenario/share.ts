// Share a scenario as a URL: compact JSON, deflate-raw (CompressionStream, built into
// browsers and Node ≥ 20), base64url. The decoder caps the inflated size so a crafted link
// cannot blow up memory.
import type { ImportResult, Scenario } from './types.ts';
import type { Territory } from '../territory/index.ts';
import { exportScenarioJsonCompact, parseJson, scenarioFromJsonValue } from './serialize.ts';
import { decodeText, MAX_IMPORT_BYTES } from './textInput.ts';

export const HASH_PREFIX = 's=';

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(s: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) return undefined;
  try {
    const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return undefined;
  }
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, limit = Infinity): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  void writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => undefined);
  void writer.close().catch(() => undefined);
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw new RangeError('too large');
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.byteLength;
  }
  return out;
}

/** "s=<base64url of deflate-raw JSON>", to put after "#" in the page URL. */
export async function encodeScenarioForHash(s: Scenario): Promise<string> {
  const bytes = new TextEncoder().encode(exportScenarioJsonCompact(s));
  return HASH_PREFIX + toBase64Url(await pipe(bytes, new CompressionStream('deflate-raw')));
}

/** Accepts the hash with or without "#". Same validation as a JSON file import. */
export async function decodeScenarioFromHash(hash: string, territory: Territory): Promise<ImportResult> {
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!h.startsWith(HASH_PREFIX)) return { ok: false, errors: [`(indirizzo): manca il prefisso "${HASH_PREFIX}" dello scenario condiviso`] };
  const bytes = fromBase64Url(h.slice(HASH_PREFIX.length));
  if (!bytes || bytes.length === 0) return { ok: false, errors: ['(indirizzo): codifica base64url non valida'] };
  let raw: Uint8Array;
  try {
    raw = await pipe(bytes, new DecompressionStream('deflate-raw'), MAX_IMPORT_BYTES);
  } catch (e) {
    return { ok: false, errors: [e instanceof RangeError ? '(indirizzo): scenario troppo grande' : '(indirizzo): dati compressi danneggiati'] };
  }
  const decoded = decodeText(raw, { jsonFields: true });
  if (!decoded.ok) return decoded;
  const parsed = parseJson(decoded.text);
  if (!parsed.ok) return parsed;
  return scenarioFromJsonValue(parsed.value, territory);
}
