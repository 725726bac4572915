// Shared by the end-to-end run and the map benchmark: serve the built app on 127.0.0.1, drive
// Debian's Chromium with software WebGL, and refuse every request that would leave the machine.
import { spawn, type ChildProcess } from 'node:child_process';
import { deflateSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const PORT = Number(process.env.E2E_PORT ?? 4173);
export const ORIGIN = `http://127.0.0.1:${PORT}`;

export async function startServer(distDir = 'dist'): Promise<ChildProcess> {
  const server = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort', '--outDir', distDir], {
    detached: true,
    stdio: 'ignore',
  });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(ORIGIN)).ok) return server;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  stopServer(server);
  throw new Error(`vite preview did not answer on ${ORIGIN}`);
}

export function stopServer(server: ChildProcess): void {
  try {
    process.kill(-server.pid!);
  } catch {
    // already gone
  }
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
    ],
  });
}

/** A 256×256 PNG of one colour, made without dependencies (stands in for OSM tiles). */
export function solidPng(rgb: [number, number, number]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(256, 0);
  ihdr.writeUInt32BE(256, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(256 * 3).map((_, i) => rgb[i % 3])]);
  const raw = Buffer.concat(Array.from({ length: 256 }, () => row));
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

export interface Guarded {
  ctx: BrowserContext;
  page: Page;
  /** Requests that tried to leave 127.0.0.1 (other than mocked tiles), console errors, HTTP ≥ 400. */
  problems: string[];
  tileRequests: number;
}

export async function guardedPage(browser: Browser, opts: { tiles?: 'mock' | 'abort' } = {}): Promise<Guarded> {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 800 } });
  // The app's explicit test flag (src/testHook.ts): only with it does the page expose __app and __map.
  await ctx.addInitScript(() => { (window as unknown as { __PIS_TEST_HOOK__: boolean }).__PIS_TEST_HOOK__ = true; });
  const g: Guarded = { ctx, page: undefined as unknown as Page, problems: [], tileRequests: 0 };
  // Any Content-Security-Policy violation fails the scenario (issue 12: a strict CSP, no exceptions).
  await ctx.exposeBinding('__pisCspViolation', (_src, v: string) => { g.problems.push(`CSP: ${v}`); });
  await ctx.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __pisCspViolation(v: string): void }).__pisCspViolation(`${e.violatedDirective} bloccato: ${e.blockedURI || '(inline)'} in ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  const tile = solidPng([170, 211, 223]);
  await ctx.route((url) => url.origin !== ORIGIN, async (route) => {
    const url = route.request().url();
    if (opts.tiles && url.startsWith('https://tile.openstreetmap.org/')) {
      g.tileRequests++;
      if (opts.tiles === 'mock') await route.fulfill({ status: 200, contentType: 'image/png', body: tile });
      else await route.abort('internetdisconnected');
      return;
    }
    g.problems.push(`richiesta esterna: ${url}`);
    await route.abort('blockedbyclient');
  });
  g.page = await ctx.newPage();
  g.page.on('console', (m) => {
    if (m.type() === 'error' && !(opts.tiles === 'abort' && /openstreetmap|Failed to fetch|ERR_INTERNET_DISCONNECTED/i.test(m.text()))) g.problems.push(`console: ${m.text()}`);
  });
  g.page.on('pageerror', (e) => g.problems.push(`pageerror: ${e.message}`));
  g.page.on('response', (r) => {
    if (r.status() >= 400) g.problems.push(`HTTP ${r.status()} ${r.url()}`);
  });
  return g;
}

/** Waits for the map container to report idle (or error), returns ms since navigation start. */
export async function waitMapIdle(page: Page, timeoutMs = 30_000): Promise<{ state: string; ms: number }> {
  await page.waitForFunction(() => {
    const s = document.querySelector('#map')?.getAttribute('data-map-state') ?? '';
    return s === 'idle' || s.startsWith('error');
  }, undefined, { timeout: timeoutMs });
  return page.evaluate(() => ({ state: document.querySelector('#map')!.getAttribute('data-map-state')!, ms: performance.now() }));
}

/** A failed end-to-end check: the runner reports its message as the scenario's failure. */
export class Check extends Error {}
export function expect(ok: unknown, what: string): void {
  if (!ok) throw new Check(what);
}

/** The map has drawn everything it asked for (sources loaded, tiles in, no camera motion). */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const m = (window as unknown as { __map?: { loaded(): boolean; areTilesLoaded(): boolean; isMoving(): boolean } }).__map;
    return !!m && m.loaded() && m.areTilesLoaded() && !m.isMoving();
  }, undefined, { timeout: 30_000 });
}
