// End-to-end scenarios of issue 12: the security headers and CSP as served by `vite preview`
// (every scenario of the run also fails on any CSP violation: harness.ts), the worst files of the
// hostile corpus imported through the real UI with the main thread watched (long tasks), and a
// browser whose storage holds a bad official table and a scenario the schema refuses: the app
// must still start, say so, and offer the set-aside data for download.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { ORIGIN, waitMapIdle, type Guarded, expect } from './harness.ts';

mkdirSync('test-results', { recursive: true });


/** The worst files for the main thread (largest, deepest) with the start of their expected message. */
const WORST: [string, string][] = [
  ['depth/json-members-1000000.json', 'services[0].members: lista con oltre'],
  ['depth/json-root-arrays-1000000.json', '(radice)[0]'],
  ['depth/geojson-features-100000.geojson', 'features: lista con oltre'],
  ['depth/json-450000-values.json', 'authorNote['],
  ['depth/json-statuses-25000-keys.json', 'statuses: oggetto con oltre'],
  ['depth/geojson-coordinates-nested-100000.geojson', 'features[0].geometry.coordinates[0]'],
  ['depth/json-root-objects-100000.json', 'a.a.a'],
];

/** Imports are parsed in their worker (workers/import.worker.ts): no main-thread task may reach this. */
const LONG_TASK_BOUND_MS: number | undefined = 200;

async function longTasks(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { __pisLongTasks: number[] }).__pisLongTasks.splice(0));
}

export const hostileScenarios: Record<string, (g: Guarded, timings: Record<string, number>) => Promise<void>> = {
  async 'csp-headers'({ page }) {
    const res = await fetch(`${ORIGIN}/`);
    const h = (k: string) => res.headers.get(k) ?? '';
    const csp = h('content-security-policy');
    for (const d of ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'", "frame-ancestors 'none'", "object-src 'none'"]) {
      expect(csp.includes(d), `CSP senza ${d}: ${csp}`);
    }
    expect(!/unsafe-inline|unsafe-eval'/.test(csp.replace("'wasm-unsafe-eval'", '')), `CSP con unsafe-*: ${csp}`);
    expect(h('x-content-type-options') === 'nosniff', 'X-Content-Type-Options mancante');
    expect(h('referrer-policy') === 'no-referrer', 'Referrer-Policy mancante');
    expect(h('x-frame-options') === 'DENY', 'X-Frame-Options mancante');
    const html = await res.text();
    expect(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;self&#39;/.test(html), 'meta CSP mancante nella pagina');
    // A worker script gets the same policy (a meta tag does not reach workers).
    const worker = /assets\/[\w.-]+\.js/.exec(html)?.[0];
    if (worker) expect((await fetch(`${ORIGIN}/${worker}`)).headers.get('content-security-policy') === csp, 'script senza CSP');
    writeFileSync('test-results/csp-as-shipped.txt', csp + '\n');
    await page.goto(`${ORIGIN}/`);
    expect((await waitMapIdle(page)).state === 'idle', 'mappa non idle con la CSP');
  },

  async 'hostile-import'({ page }, timings) {
    await page.addInitScript(() => {
      const w = window as unknown as { __pisLongTasks: number[]; __pisObserver: PerformanceObserver };
      w.__pisLongTasks = [];
      // Kept on window: an unreferenced observer can be garbage-collected and go silent.
      w.__pisObserver = new PerformanceObserver((list) => { for (const e of list.getEntries()) w.__pisLongTasks.push(e.duration); });
      w.__pisObserver.observe({ type: 'longtask', buffered: true });
    });
    await page.goto(`${ORIGIN}/`);
    expect((await waitMapIdle(page)).state === 'idle', 'mappa non idle');
    await page.click('button[role=tab]:has-text("Scenario")');
    await page.waitForSelector('#import-file', { state: 'attached' });
    // The observer must see a long task when there is one (else "< 200 ms" could not fail).
    await longTasks(page);
    // In a timer task: code run directly by evaluate() is not a page task for the Long Tasks API.
    await page.evaluate(() => new Promise<void>((done) => setTimeout(() => { const t = performance.now(); while (performance.now() - t < 150) { /* busy */ } done(); }, 0)));
    await page.waitForTimeout(300);
    const probe = await longTasks(page);
    expect(Math.max(0, ...probe) >= 140, "l'osservatore dei long task non vede un compito di 150 ms");
    let worst = 0;
    let worstFile = '';
    // Two more, made here: just inside every bound, so that all the validation runs on them.
    const base = JSON.parse(await page.evaluate(() => (window as unknown as { __app: { state: { actions: { exportJson(): string } } } }).__app.state.actions.exportJson())) as Record<string, unknown>;
    const inMemory: Record<string, Buffer> = {
      'overrides-19000-unknown.json': Buffer.from(JSON.stringify({ ...base, compositionOverrides: Object.fromEntries(Array.from({ length: 19_000 }, (_, i) => [String(900_000 + i), '50095'])) })),
      'description-4.9MB.json': Buffer.from(JSON.stringify({ ...base, description: 'x'.repeat(4_900_000) })),
    };
    const all: [string, string][] = [...WORST, ['overrides-19000-unknown.json', 'compositionOverrides.900000'], ['description-4.9MB.json', 'description: testo troppo lungo']];
    for (const [file, where] of all) {
      await longTasks(page);
      await page.evaluate(() => document.querySelector('[data-testid=notice] .chip-x')?.dispatchEvent(new MouseEvent('click', { bubbles: true })));
      // Always from disk: a Buffer given to setInputFiles is decoded inside the page by Playwright,
      // a long task of the harness, not of the app.
      const mem = inMemory[file];
      if (mem) writeFileSync(`test-results/${file}`, mem);
      await page.setInputFiles('#import-file', mem ? `test-results/${file}` : `tests/fixtures/hostile/${file}`);
      await page.waitForSelector('[data-testid=notice].error', { timeout: 20_000 });
      const text = (await page.textContent('[data-testid=notice]')) ?? '';
      expect(text.includes(where), `${file}: messaggio senza "${where}": ${text.slice(0, 200)}`);
      await page.waitForTimeout(300);
      const tasks = await longTasks(page);
      const max = Math.max(0, ...tasks);
      console.log(`     ${file}: longest task ${Math.round(max)} ms`);
      if (max > worst) { worst = max; worstFile = file; }
    }
    timings.hostileLongestTaskMs = Math.round(worst);
    console.log(`     longest main-thread task during the worst imports: ${Math.round(worst)} ms (${worstFile || 'none'})`);
    // Parsing runs in the import worker: the page must never block for LONG_TASK_BOUND_MS.
    if (LONG_TASK_BOUND_MS !== undefined) expect(worst < LONG_TASK_BOUND_MS, `la pagina si blocca ${Math.round(worst)} ms importando ${worstFile}`);
    // The app still starts after a reload.
    await page.reload();
    expect((await waitMapIdle(page)).state === 'idle', 'la app non riparte dopo le importazioni');
  },

  async 'bad-storage-still-starts'({ page }) {
    await page.goto(`${ORIGIN}/`);
    expect((await waitMapIdle(page)).state === 'idle', 'mappa non idle');
    const data = JSON.parse(readFileSync('geodata/generated/territory.json', 'utf8')) as { comuni: { istat: string; ambito: string }[] };
    const rho = Object.fromEntries(data.comuni.filter((c) => c.ambito === '50095').map((c) => [c.istat, '50007']));
    await page.evaluate(({ rows }) => {
      // An official table that empties Rho (an older, laxer version could have stored it)…
      localStorage.setItem('pis-lombardia/official-composition/v1', JSON.stringify({ label: 'x', fileName: 'x.csv', importedAt: '2026-01-01', report: [], rows }));
      // …and a saved scenario with a character the schema refuses.
      const w = JSON.parse(localStorage.getItem('pis-lombardia/workspace/v1')!) as { scenarios: { description: string; name: string; id: string }[] };
      w.scenarios.push({ ...w.scenarios[0], id: 'rotto', name: 'Scenario rotto', description: 'testo \uFFFD' });
      localStorage.setItem('pis-lombardia/workspace/v1', JSON.stringify(w));
    }, { rows: rho });
    await page.reload();
    expect((await waitMapIdle(page)).state === 'idle', 'la app non parte con dati salvati non validi');
    await page.waitForSelector('[data-testid=notice].error');
    const text = (await page.textContent('[data-testid=notice]')) ?? '';
    expect(/messi da parte/.test(text) && /resterebbe senza comuni/.test(text) && /description: carattere sostitutivo/.test(text), `avviso incompleto: ${text.slice(0, 300)}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action=download-recovered]')]);
    const saved = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { id: string };
    expect(saved.id === 'rotto', 'lo scenario messo da parte non è quello salvato');
    const slots = await page.evaluate(() => [localStorage.getItem('pis-lombardia/recovery/v1'), localStorage.getItem('pis-lombardia/official-composition/set-aside'), localStorage.getItem('pis-lombardia/official-composition/v1')]);
    expect(slots[0]?.includes('rotto') && slots[1] !== null && slots[2] === null, `slot di recupero: ${JSON.stringify(slots).slice(0, 200)}`);
    await page.screenshot({ path: 'test-results/e2e-bad-storage.png' });
  },
};
