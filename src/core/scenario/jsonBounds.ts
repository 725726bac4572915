// Depth and size bounds for JSON, checked on the TEXT before JSON.parse and on any already
// parsed value before a recursive walk. Why: a file nested 10^5–10^6 deep crashes recursive
// code with "Maximum call stack size exceeded", and a 10^6-element array makes every later
// step (migration, validation, invariants, the map) slow enough to freeze the page. One
// linear scan refuses both in milliseconds, with a message naming the JSON path where the
// limit is crossed. Nothing here recurses.
import { formatIt } from '../format/numbers.ts';

/** Deepest legitimate file: a presentation › scenario › service › base › units (≈ 7). */
export const MAX_JSON_DEPTH = 32;
/** Entries of one list or object: composition overrides can name every comune (1,196 today; 7,896 nationally). */
export const MAX_JSON_ENTRIES = 20_000;
/** Values in the whole file (a full workspace of 10 scenarios is ≈ 30,000). */
export const MAX_JSON_VALUES = 400_000;

type Frame = { arr: boolean; key: string | number; entries: number };

const pathOf = (stack: readonly Frame[]): string => {
  let p = '';
  for (const f of stack.slice(2)) {
    if (typeof f.key === 'number') p += `[${f.key}]`;
    else p += /^[A-Za-z_][\w-]*$/.test(f.key) ? (p === '' ? f.key : `.${f.key}`) : `[${JSON.stringify(f.key.slice(0, 40))}]`;
  }
  return p === '' ? '(radice)' : p.startsWith('[') ? `(radice)${p}` : p;
};

const it = (n: number): string => formatIt(n);

/**
 * Scans JSON text (valid or not: syntax is JSON.parse's job) and returns an Italian error
 * naming the path where a bound is crossed, or undefined.
 */
export function checkJsonTextBounds(text: string): string | undefined {
  // stack[0] is a virtual root frame; the key of frame i is its position inside frame i-1.
  const root: Frame = { arr: true, key: 0, entries: 0 };
  const stack: Frame[] = [root];
  // The root is never popped, so the stack is never empty.
  const topFrame = (): Frame => stack[stack.length - 1] ?? root;
  let values = 0;
  let lastKey = '';
  let expectKey = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22 /* " */) {
      const start = i + 1;
      i++;
      while (i < n && text.charCodeAt(i) !== 0x22) i += text.charCodeAt(i) === 0x5c /* \ */ ? 2 : 1;
      if (expectKey) {
        const raw = text.slice(start, Math.min(i, start + 200));
        try { lastKey = JSON.parse(`"${raw}"`) as string; } catch { lastKey = raw; }
        expectKey = false;
        continue;
      }
      values++;
    } else if (ch === 0x7b /* { */ || ch === 0x5b /* [ */) {
      const parent = topFrame();
      values++;
      const key = parent.arr ? parent.entries : lastKey;
      stack.push({ arr: ch === 0x5b, key, entries: 0 });
      if (stack.length - 1 > MAX_JSON_DEPTH) {
        return `${pathOf(stack.slice(0, MAX_JSON_DEPTH + 1))}: struttura annidata oltre ${MAX_JSON_DEPTH} livelli: non è un file dell'applicazione (nessun file valido è così profondo)`;
      }
      expectKey = ch === 0x7b;
      // An empty container has no entry: counted when its first value starts.
    } else if (ch === 0x7d /* } */ || ch === 0x5d /* ] */) {
      if (stack.length > 1) {
        const top = stack.pop() as Frame;
        void top;
      }
      expectKey = false;
    } else if (ch === 0x2c /* , */) {
      const top = topFrame();
      top.entries++;
      if (top.entries >= MAX_JSON_ENTRIES) {
        return `${pathOf(stack)}: ${top.arr ? 'lista' : 'oggetto'} con oltre ${it(MAX_JSON_ENTRIES)} elementi: troppo grande per uno scenario o una presentazione`;
      }
      expectKey = !top.arr;
    } else if (ch > 0x20 && ch !== 0x3a /* : */) {
      // Start of a number or literal: skip the rest of it.
      values++;
      while (i + 1 < n && !/[\s,\]}:]/.test(text.charAt(i + 1))) i++;
    }
    if (values > MAX_JSON_VALUES) return `${pathOf(stack)}: oltre ${it(MAX_JSON_VALUES)} valori nel file: troppo grande per uno scenario o una presentazione`;
  }
  return undefined;
}

/**
 * The same bounds on an already parsed value (an autosave, a share link, a value built in code),
 * walked with an explicit stack. Returns an Italian error naming the path, or undefined.
 */
export function checkJsonValueBounds(root: unknown): string | undefined {
  const todo: { v: unknown; path: string; depth: number }[] = [{ v: root, path: '', depth: 0 }];
  let values = 0;
  while (todo.length > 0) {
    const { v, path, depth } = todo.pop() as { v: unknown; path: string; depth: number };
    values++;
    if (values > MAX_JSON_VALUES) return `${path || '(radice)'}: oltre ${it(MAX_JSON_VALUES)} valori: troppo grande per uno scenario o una presentazione`;
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= MAX_JSON_DEPTH) return `${path || '(radice)'}: struttura annidata oltre ${MAX_JSON_DEPTH} livelli: non è un file dell'applicazione`;
    const size = Array.isArray(v) ? v.length : Object.keys(v).length;
    if (size > MAX_JSON_ENTRIES) {
      return `${path || '(radice)'}: ${Array.isArray(v) ? 'lista' : 'oggetto'} con oltre ${it(MAX_JSON_ENTRIES)} elementi: troppo grande per uno scenario o una presentazione`;
    }
    const entries = Array.isArray(v) ? v.map((x, i) => [i, x] as const) : Object.entries(v as Record<string, unknown>);
    for (const [k, x] of entries) {
      const p = typeof k === 'number' ? `${path}[${k}]` : /^[A-Za-z_][\w-]*$/.test(k) ? (path === '' ? k : `${path}.${k}`) : `${path}[${JSON.stringify(k.slice(0, 40))}]`;
      todo.push({ v: x, path: p, depth: depth + 1 });
    }
  }
  return undefined;
}
