// Map figures on the built app: time to the first idle map in headless Chromium (software WebGL,
// so slower than a laptop with a GPU), 5 runs, and the bytes of geodata and code shipped.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ORIGIN, guardedPage, launchBrowser, startServer, stopServer, waitMapIdle } from '../e2e/harness.ts';

export async function benchMap(dist: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const assets = join(dist, 'assets');
  let geodata = 0, geodataGzip = 0, js = 0, jsGzip = 0;
  for (const f of readdirSync(assets)) {
    const bytes = readFileSync(join(assets, f));
    const gz = gzipSync(bytes).length;
    if (/\.(json|csv)$/.test(f)) { geodata += statSync(join(assets, f)).size; geodataGzip += gz; }
    if (/\.(m?js)$/.test(f)) { js += bytes.length; jsGzip += gz; }
  }
  out.geodata_kb = geodata / 1024;
  out.geodata_gzip_kb = geodataGzip / 1024;
  out.js_kb = js / 1024;
  out.js_gzip_kb = jsGzip / 1024;

  const server = await startServer(dist);
  const browser = await launchBrowser();
  try {
    const runs: number[] = [];
    const painted: number[] = [];
    for (let i = 0; i < 5; i++) {
      const g = await guardedPage(browser);
      await g.page.goto(ORIGIN + '/');
      const idle = await waitMapIdle(g.page);
      if (idle.state !== 'idle') throw new Error(idle.state);
      runs.push(await g.page.evaluate(() => (window as unknown as { __firstIdleMs: number }).__firstIdleMs));
      // MapLibre's idle fires once the last frame's GL calls are issued, before software GL has
      // drawn them; a frame after it starts only once that frame reached the screen.
      painted.push(await g.page.evaluate(() => new Promise<number>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now()))))));
      // 1 when the first frame waited for every tile (src/map/mapView.ts holdFirstFrame).
      out.map_first_frame_held = await g.page.evaluate(() => Number(document.querySelector<HTMLElement>('#map')?.dataset.firstFrameHeld ?? 0));
      await g.ctx.close();
    }
    runs.sort((a, b) => a - b);
    // 5 fresh contexts: min (closest to an idle machine) and median; the load is in the JSON.
    out.map_idle_min_ms = runs[0];
    out.map_idle_median_ms = runs[2];
    out.map_idle_ms = runs[2];
    painted.sort((a, b) => a - b);
    out.map_painted_min_ms = painted[0];
    out.map_painted_median_ms = painted[2];

    // Coverage shown after the Simulazione tab (issue 13: 2.0-2.3 s before; goal < 300 ms): the
    // illustrative scenario, the tab clicked, until the coverage panel says ok (5 fresh contexts).
    const tab: number[] = [];
    for (let i = 0; i < 5; i++) {
      const g = await guardedPage(browser);
      await g.page.addInitScript(() => localStorage.setItem('pis-lombardia/welcome-dismissed', '1'));
      await g.page.goto(ORIGIN + '/#pannello=scenario');
      if ((await waitMapIdle(g.page)).state !== 'idle') throw new Error('mappa non idle');
      await g.page.click('button:has-text("Esempio illustrativo")');
      await g.page.waitForTimeout(1000);
      tab.push(await g.page.evaluate(async () => {
        const t0 = performance.now();
        (document.querySelector('#tab-sim') as HTMLElement).click();
        while (document.querySelector('[data-testid=coverage-status]')?.getAttribute('data-status') !== 'ok') await new Promise((r) => requestAnimationFrame(r));
        return performance.now() - t0;
      }));
      await g.ctx.close();
    }
    tab.sort((a, b) => a - b);
    out.sim_tab_coverage_min_ms = tab[0];
    out.sim_tab_coverage_median_ms = tab[2];
  } finally {
    await browser.close();
    stopServer(server);
  }
  return out;
}
