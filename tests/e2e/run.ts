// End-to-end in real headless Chromium against the built app (dist/) on 127.0.0.1.
// Every scenario runs with an offline guard: any request leaving 127.0.0.1 fails the scenario
// (OSM tiles are answered by a fake PNG or refused, as the scenario says).
// Ends with the plain line `e2e: N passed, N failed`; exit code 1 on any failure.
import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { TerritoryData } from '../../src/core/territory/types.ts';
import { ORIGIN, guardedPage, launchBrowser, startServer, stopServer, waitMapIdle, type Guarded, Check, expect, settled } from './harness.ts';
import { extraScenarios } from './extra.ts';
import { planningDefaults, planningInput } from '../../src/core/sim/planning.ts';
import { layoutOnePerAts } from '../../src/core/sim/synthetic.ts';
import { shellScenarios } from './shell.ts';
import { hostileScenarios } from './hostile.ts';
import { modelScenarios } from './model.ts';
import { desPoolScenarios } from './desPool.ts';

const data = JSON.parse(readFileSync('geodata/generated/territory.json', 'utf8')) as TerritoryData;
const RHO = '50095';
const rhoComuni = data.comuni.filter((c) => c.ambito === RHO);
const rhoResidents = rhoComuni.reduce((s, c) => s + c.residents, 0);
const fmt = (n: number) => n.toLocaleString('it-IT');
mkdirSync('test-results', { recursive: true });


function mostPopulous(ambito: string) {
  return data.comuni.filter((c) => c.ambito === ambito).sort((a, b) => b.residents - a.residents)[0];
}

/** Three Ambiti that border Rho (not Milano): A, then two more, for the association journey. */
function pickTrio(): string[] {
  const rhoIdx = new Set(data.comuni.flatMap((c, i) => (c.ambito === RHO ? [i] : [])));
  const near = new Set<string>();
  for (const i of rhoIdx) for (const j of data.adjacency[i]) near.add(data.comuni[j].ambito);
  const list = [...near].filter((a) => a !== RHO && a !== '50007').sort();
  if (list.length < 3) throw new Check(`vicini di Rho: ${list.join(', ')}`);
  return list.slice(0, 3);
}

/** Counts canvas pixels: those of the background colour, and all others (the drawn layers). */
async function pixels(page: Page, rgb?: [number, number, number]) {
  return page.evaluate((probe) => {
    const map = (window as unknown as { __map: { getCanvas(): HTMLCanvasElement } }).__map;
    const src = map.getCanvas();
    const c = document.createElement('canvas');
    c.width = src.width;
    c.height = src.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(src, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    // No helper functions in here: the bundler of the test runner would wrap them in __name().
    let background = 0, drawn = 0, probeHits = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (Math.abs(d[i] - 0xf4) < 4 && Math.abs(d[i + 1] - 0xf1) < 4 && Math.abs(d[i + 2] - 0xea) < 4) background++;
      else drawn++;
      if (probe && Math.abs(d[i] - probe[0]) < 4 && Math.abs(d[i + 1] - probe[1]) < 4 && Math.abs(d[i + 2] - probe[2]) < 4) probeHits++;
    }
    return { background, drawn, probeHits, total: d.length / 4 };
  }, rgb ?? null);
}

async function nextIdle(page: Page, act: () => Promise<void>) {
  await page.evaluate(() => {
    const w = window as unknown as { __map: { once(e: string, f: () => void): void }; __idle?: Promise<void> };
    w.__idle = new Promise((r) => w.__map.once('idle', () => r()));
  });
  await act();
  await page.evaluate(() => (window as unknown as { __idle: Promise<void> }).__idle);
}


async function until(what: string, ok: () => boolean, timeoutMs = 15_000) {
  const end = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > end) throw new Check(`tempo scaduto: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Opens the app and switches the OSM basemap on (tiles are mocked or refused by the guard). */
async function withOsmBasemap(g: Guarded) {
  await g.page.goto(ORIGIN + '/');
  expect((await waitMapIdle(g.page)).state === 'idle', 'mappa non idle');
  await g.page.click('[data-testid=map-menu] > summary');
  await g.page.locator('label.toggle', { hasText: 'OSM' }).click();
  await until('richieste di tessere OSM', () => g.tileRequests > 0);
  await settled(g.page);
}

async function renderedAmbiti(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const map = (window as unknown as { __map: { queryRenderedFeatures(o: unknown): { properties: { code: string } }[] } }).__map;
    return [...new Set(map.queryRenderedFeatures({ layers: ['ambiti-fill'] }).map((f) => f.properties.code))].sort();
  });
}

async function clickLngLat(page: Page, lngLat: [number, number]) {
  const box = (await page.locator('#map').boundingBox())!;
  const xy = await page.evaluate((p) => (window as unknown as { __map: { project(p: [number, number]): { x: number; y: number } } }).__map.project(p), lngLat);
  await page.mouse.click(box.x + xy.x, box.y + xy.y);
}

const scenarios: Record<string, (g: Guarded, timings: Record<string, number>) => Promise<void>> = {
  async offline({ page }, timings) {
    await page.goto(ORIGIN + '/');
    const idle = await waitMapIdle(page);
    expect(idle.state === 'idle', `stato mappa ${idle.state}`);
    timings.offline_first_idle_ms = await page.evaluate(() => (window as unknown as { __firstIdleMs: number }).__firstIdleMs);
    await settled(page); // loaded, tiles in, not moving (the scenario layers arrive right after the first idle)
    const webgl = await page.evaluate(() => !!document.createElement('canvas').getContext('webgl2'));
    expect(webgl, 'WebGL2 assente');
    const ambiti = await renderedAmbiti(page);
    expect(ambiti.length === 91, `Ambiti disegnati: ${ambiti.length} (attesi 91)`);
    const px = await pixels(page);
    expect(px.drawn > px.total * 0.2 && px.background > 1000, `pixel: disegnati ${px.drawn}, sfondo ${px.background} su ${px.total}`);
    // Place names are symbol layers in the canvas (issue 11): capoluoghi at regional zoom, Ambiti from ~7.
    const placed = await page.evaluate(() => {
      const m = (window as unknown as { __map: { queryRenderedFeatures(o: unknown): { layer: { id: string } }[] } }).__map;
      const f = m.queryRenderedFeatures({ layers: ['capoluoghi-label', 'ambiti-label'] });
      return { capoluoghi: f.filter((x) => x.layer.id === 'capoluoghi-label').length, ambiti: f.filter((x) => x.layer.id === 'ambiti-label').length };
    });
    expect(placed.capoluoghi >= 10 && placed.ambiti >= 20, `etichette nel canvas: ${JSON.stringify(placed)}`);
    expect(await page.locator('.ambito-label').count() === 0, 'etichette HTML fuori dal canvas');
    await page.screenshot({ path: 'test-results/e2e-offline.png' });

    // Click inside Rho (the comune of Rho's own point) → its 9 comuni and residents.
    const rho = data.comuni.find((c) => c.istat === '015182')!;
    await clickLngLat(page, rho.point);
    await page.waitForSelector('#info-title');
    const title = await page.textContent('#info-title');
    expect(title === data.ambiti.find((a) => a.code === RHO)!.name, `titolo "${title}"`);
    expect((await page.textContent('[data-testid=info-comuni]')) === '9', 'Rho: comuni ≠ 9');
    const residents = await page.textContent('[data-testid=info-residents]');
    expect(residents === fmt(rhoResidents), `Rho: residenti "${residents}" ≠ ${fmt(rhoResidents)}`);
    const rows = await page.locator('.comuni-table tbody tr').allTextContents();
    for (const c of rhoComuni) expect(rows.some((r) => r.includes(c.name)), `Rho: manca ${c.name}`);
    expect(new URL(page.url()).hash === '#ambito=50095', `hash ${new URL(page.url()).hash}`);
    await page.screenshot({ path: 'test-results/e2e-rho.png' });

    // Search: the Ambito first, then the comune with the keyboard.
    await page.fill('#search-input', 'Sesto San Giovanni');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.hash === '#ambito=50046');
    await page.fill('#search-input', 'sesto san giov');
    const options = await page.locator('#search-results [role=option]').allTextContents();
    const comuneAt = options.findIndex((o) => /^Comune\s*Sesto San Giovanni/.test(o));
    expect(comuneAt >= 0, `opzioni: ${options.join(' | ')}`);
    for (let i = 0; i < comuneAt; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.hash === '#ambito=50046&comune=015209');

    // Colour by ASST: the two multi-ASST Ambiti are striped; borders of the level are shown.
    await nextIdle(page, () => page.locator('.levels label', { hasText: 'ASST' }).click());
    const filter = await page.evaluate(() => JSON.stringify((window as unknown as { __map: { getFilter(id: string): unknown } }).__map.getFilter('ambiti-multi')));
    expect(filter.includes('50007') && filter.includes('50097'), `filtro multi-ASST ${filter}`);
    expect(new URL(page.url()).hash.includes('livello=asst'), 'livello non nello hash');
    await page.screenshot({ path: 'test-results/e2e-asst.png' });
  },

  async 'link-reopens-view'({ page }) {
    await page.goto(ORIGIN + '/#ambito=50095&livello=distretto');
    expect((await waitMapIdle(page)).state === 'idle', 'mappa non idle');
    await page.waitForSelector('#info-title');
    expect((await page.textContent('[data-testid=info-comuni]')) === '9', 'link: Rho non riaperto');
    expect(await page.isChecked('input[name=level][value=distretto]'), 'link: livello non ripristinato');
    await page.click('button[role=tab]:has-text("Qualità dei dati")');
    const rows = await page.locator('.quality-table tbody tr').count();
    expect(rows === 91, `tabella qualità: ${rows} righe`);
  },

  /** Issue 3: build a 3-Ambiti association by clicking, place a base, reload, bad import, JSON round trip. */
  async association({ page }) {
    await page.goto(ORIGIN + '/#livello=pis');
    expect((await waitMapIdle(page)).state === 'idle', 'mappa non idle');
    await settled(page);
    // Three Ambiti bordering Rho, without a PIS in the default scenario, Milano excluded (too big to click safely).
    const trio = pickTrio();
    const pointOf = (code: string) => mostPopulous(code).point;
    await clickLngLat(page, pointOf(trio[0]));
    await page.waitForFunction((code) => location.hash.includes(`ambito=${code}`), trio[0]);
    await page.click('button:has-text("Associa con altri Ambiti")');
    for (const code of trio.slice(1)) await clickLngLat(page, pointOf(code));
    await page.waitForFunction(() => document.querySelector('[data-testid=pending-count]')?.textContent === '3');
    await page.click('button:has-text("Crea PIS sovra-Ambito")');
    await page.waitForSelector('[data-testid=service]');
    const chips = await page.locator('[data-testid=members] .chip').count();
    expect(chips === 4, `membri mostrati: ${chips - 1} (attesi 3)`); // 3 members + the "+ Ambiti" chip
    await settled(page);
    const outlines = await page.evaluate(() => (window as unknown as { __map: { queryRenderedFeatures(o: unknown): unknown[] } }).__map.queryRenderedFeatures({ layers: ['associations-line'] }).length);
    expect(outlines > 0, 'contorno dell\'associazione non disegnato');

    await page.click('button:has-text("Aggiungi base sulla mappa")');
    await clickLngLat(page, pointOf(trio[1]));
    await page.waitForSelector('[data-testid=base-row]');
    await settled(page);
    const bases = await page.evaluate(() => (window as unknown as { __map: { queryRenderedFeatures(o: unknown): unknown[] } }).__map.queryRenderedFeatures({ layers: ['bases'] }).length);
    expect(bases >= 1, 'base non disegnata');
    await page.screenshot({ path: 'test-results/e2e-association.png' });

    // Reload: the autosaved workspace brings the association and its base back.
    await page.reload();
    expect((await waitMapIdle(page)).state === 'idle', 'mappa non idle dopo ricarica');
    await page.waitForSelector('[data-testid=service]');
    expect((await page.locator('[data-testid=members] .chip').count()) === 4, 'associazione persa dopo la ricarica');
    expect((await page.locator('[data-testid=base-row]').count()) === 1, 'base persa dopo la ricarica');

    // A malformed CSV: error with the row, workspace byte-identical.
    await page.click('button[role=tab]:has-text("Scenario")');
    const before = await page.evaluate(() => JSON.stringify((window as unknown as { __app: { state: { workspace: { value: unknown } } } }).__app.state.workspace.value));
    await page.setInputFiles('#import-file', 'tests/fixtures/bad/csv-bad-status-attiva.csv');
    await page.waitForSelector('[data-testid=notice].error');
    const message = await page.textContent('[data-testid=notice]');
    expect(/riga \d+/.test(message ?? ''), `messaggio senza riga: ${message}`);
    const after = await page.evaluate(() => JSON.stringify((window as unknown as { __app: { state: { workspace: { value: unknown } } } }).__app.state.workspace.value));
    expect(before === after, 'lo scenario è cambiato dopo un\'importazione rifiutata');

    // Export JSON, import it back: the copy is identical (but for its new id).
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("Esporta JSON")')]);
    const exported = readFileSync((await download.path())!, 'utf8');
    const original = JSON.parse(exported) as { id: string };
    await page.setInputFiles('#import-file', { name: 'scenario.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
    // Wait for the import itself (the copy becomes the current scenario), not for any info notice:
    // one left from an earlier step made this read the original on a loaded machine.
    await page.waitForFunction((id) => {
      const app = (window as unknown as { __app: { state: { scenario: { value: { id: string } } } } }).__app;
      return app.state.scenario.value.id !== id;
    }, original.id, { timeout: 15_000 });
    await page.waitForSelector('[data-testid=notice].info');
    const reexported = await page.evaluate(async () => {
      const app = (window as unknown as { __app: { state: { actions: { exportJson(): string } } } }).__app;
      return app.state.actions.exportJson();
    });
    const copy = JSON.parse(reexported) as { id: string };
    expect(copy.id !== original.id, 'il duplicato ha lo stesso id');
    expect(JSON.stringify({ ...copy, id: original.id }) === JSON.stringify(original), 'JSON reimportato diverso dall\'originale');
  },

  /** Issue 4: coverage and the 50,000 rule computed by the real worker; a short DES run; the response overlay. */
  async simulation({ page }) {
    // The documented scenario has no bases (unknown): the illustrative one places them.
    await page.goto(ORIGIN + '/#pannello=scenario');
    expect((await waitMapIdle(page)).state === 'idle', 'mappa non idle');
    await page.click('button:has-text("Esempio illustrativo")');
    expect(await page.isVisible('.illustrative-banner'), 'etichetta "illustrativo" assente sulla mappa');
    await page.click('button[role=tab]:has-text("Simulazione")');
    await page.waitForSelector('[data-testid=coverage-status][data-status=ok]', { state: 'attached', timeout: 30_000 });
    const rows = await page.locator('[data-testid=rule50k-table] tbody tr').count();
    expect(rows === 19, `regola 50.000: ${rows} comuni (attesi 19)`);
    const names = await page.locator('[data-testid=rule50k-table] tbody tr td:first-child').allTextContents();
    for (const n of ['Milano', 'Brescia', 'Busto Arsizio', 'Sondrio']) expect(names.some((x) => x.startsWith(n)), `manca ${n}`);
    await settled(page);
    const ringed = await page.evaluate(() => (window as unknown as { __map: { querySourceFeatures(s: string): unknown[] } }).__map.querySourceFeatures('rule50k').length);
    expect(ringed >= 19, `comuni della regola evidenziati sulla mappa: ${ringed}`);
    await page.fill('#des-reps', '3');
    await page.locator('#des-reps').blur();
    await page.click('button:has-text("Avvia simulazione")');
    await page.waitForSelector('[data-testid=des][data-status=ok]', { state: 'attached', timeout: 60_000 });
    const done = await page.evaluate(() => (window as unknown as { __app: { sim: { des: { value: { value: { replicationsDone: number } } } } } }).__app.sim.des.value.value.replicationsDone);
    expect(done === 3, `repliche eseguite: ${done}`);
    // The caveats the CLI prints are on screen too (issue 9 item 7).
    const desCaveats = await page.locator('[data-testid=des-caveats] li').allTextContents();
    expect(desCaveats.some((x) => /Lomellina/.test(x) && /27 attivazioni/.test(x)), `avvertenze della simulazione senza la verifica sulla Lomellina: ${desCaveats.join(' | ')}`);
    expect(await page.locator('[data-testid=coverage-caveats] [data-caveat="coverage.emptyByConstruction"]').count() === 1, 'classe "entro 15 min" senza l\'avvertenza "vuota per costruzione"');
    // On-scene time by kind: an editable, labelled assumption (MSNA 1–4 h by default).
    const msna = await page.locator('#a-onscene-msna').inputValue();
    expect(msna === '60 / 120 / 240', `durata sul posto MSNA: "${msna}"`);
    await nextIdle(page, () => page.locator('.levels label', { hasText: 'Tempi' }).click());
    await settled(page);
    const visible = await page.evaluate(() => (window as unknown as { __map: { getLayoutProperty(l: string, p: string): string } }).__map.getLayoutProperty('comuni-response', 'visibility'));
    expect(visible === 'visible', 'sovrapposizione dei tempi non visibile');
    const rho = data.comuni.find((c) => c.istat === '015182')!;
    const state = await page.evaluate(() => (window as unknown as { __map: { getFeatureState(f: unknown): { resp?: string } } }).__map.getFeatureState({ source: 'comuni', id: '015182' }));
    expect(typeof state.resp === 'string' && state.resp !== '#9e9e9e', `Rho senza tempo di risposta (${JSON.stringify(state)}; ${rho.name})`);
    await page.screenshot({ path: 'test-results/e2e-simulation.png' });
    // The browser's worker bundle computes what the approved golden says: the same planning input
    // the app builds (shipped defaults), for the golden's layout, through the app's own client.
    const golden = JSON.parse(readFileSync('tests/golden/sim-one-pis-per-ats.json', 'utf8')) as { coverage: { region: { residents: number; residentsWithin: number[]; shareWithin: number[]; meanResponseMin: number; p90ResponseMin: number } }; rule50k: { istat_code: string; pass: boolean }[] };
    const d = planningDefaults(data);
    const input = planningInput({ layout: layoutOnePerAts(data), band: d.band, targetMin: d.targetMin, thresholdsMin: d.thresholdsMin, travel: d.travel, response: d.response, demand: d.des, odMatrixId: null });
    const fromWorker = await page.evaluate(async (inp) => {
      const app = (window as unknown as { __app: { simClient: { evaluate(i: unknown): Promise<{ status: string; value?: { coverage: { region: Record<string, unknown> }; rule50k: { comuni: { istat_code: string; pass: boolean }[] } } }> } } }).__app;
      const r = await app.simClient.evaluate(inp);
      return r.status === 'ok' ? { region: r.value!.coverage.region, rule: r.value!.rule50k.comuni.map((e) => ({ istat_code: e.istat_code, pass: e.pass })) } : { error: JSON.stringify(r) };
    }, input);
    expect(!('error' in fromWorker), `worker: ${'error' in fromWorker ? fromWorker.error : ''}`);
    if (!('error' in fromWorker)) {
      const g = golden.coverage.region;
      const w = fromWorker.region as typeof g;
      // (the golden is rounded by toPlainJson: integers for residents, 3 decimals for minutes)
      const near = (a: number, b: number, tol: number) => Math.abs(a - b) <= tol;
      expect(near(w.residents, g.residents, 1) && w.residentsWithin.every((x, i) => near(x, g.residentsWithin[i]!, 1)), `copertura dal worker diversa dal golden: ${JSON.stringify(w.residentsWithin)} ≠ ${JSON.stringify(g.residentsWithin)}`);
      expect(near(w.meanResponseMin, g.meanResponseMin, 2e-3) && near(w.p90ResponseMin, g.p90ResponseMin, 2e-3), `tempi dal worker diversi dal golden: ${w.meanResponseMin}/${w.p90ResponseMin} ≠ ${g.meanResponseMin}/${g.p90ResponseMin}`);
      expect(JSON.stringify(fromWorker.rule) === JSON.stringify(golden.rule50k.map((e) => ({ istat_code: e.istat_code, pass: e.pass }))), 'regola 50.000 dal worker diversa dal golden');
      console.log(`    worker = golden: ${g.residentsWithin.join('/')} residenti entro 15/30/45/60 min, p90 ${g.p90ResponseMin} min, 19 comuni della regola`);
    }
  },

  /** Issue 3: what-if move of a comune; import of an official comune → Ambito table. */
  async composition({ page }) {
    await page.goto(ORIGIN + '/#ambito=50095&comune=015182');
    expect((await waitMapIdle(page)).state === 'idle', 'mappa non idle');
    await page.waitForSelector('[data-testid=move-comune]');
    const target = await page.$eval('[data-testid=move-comune] optgroup[label=confinanti] option', (o) => (o as HTMLOptionElement).value);
    await page.selectOption('[data-testid=move-comune]', target);
    await page.waitForFunction((code) => location.hash.includes(`ambito=${code}`), target);
    await settled(page);
    // The moved comune is outlined from the map's small source of marked comuni (mapView.ts).
    const moved = await page.evaluate(() => (window as unknown as { __map: { querySourceFeatures(s: string): { properties: { istat?: string; kind?: string } }[] } }).__map.querySourceFeatures('comuni-marked').some((f) => f.properties.istat === '015182' && f.properties.kind === 'moved'));
    expect(moved, 'comune spostato non evidenziato');
    const rows = await page.locator('.comuni-table tbody tr').allTextContents();
    expect(rows.some((r) => r.startsWith('Rho') && r.includes('spostato')), 'Rho non elencato nel nuovo Ambito');

    // Before the official table the estimated comuni are hatched (so the check after it can fail).
    const hatchedBefore = await page.evaluate(() => (window as unknown as { __map: { querySourceFeatures(s: string): unknown[] } }).__map.querySourceFeatures('comuni-estimated').length);
    expect(hatchedBefore > 0, `nessun comune tratteggiato prima della tabella ufficiale: ${hatchedBefore}`);
    // Official table: the project's own CSV with one estimated comune placed elsewhere.
    const csv = readFileSync('geodata/generated/comuni-ambiti.csv', 'utf8').split('\n');
    const estimated = data.comuni.find((c) => c.status === 'estimated')!;
    const other = data.ambiti.find((a) => a.code !== estimated.ambito)!.code;
    const edited = csv.map((l) => (l.startsWith(estimated.istat + ',') ? l.replace(`,${estimated.ambito},`, `,${other},`) : l)).join('\n');
    await page.click('button[role=tab]:has-text("Qualità dei dati")');
    await Promise.all([
      page.waitForEvent('load'),
      page.setInputFiles('#official-file', { name: 'ufficiale.csv', mimeType: 'text/csv', buffer: Buffer.from(edited) }),
    ]);
    expect((await waitMapIdle(page)).state === 'idle', 'mappa non idle dopo l\'importazione');
    await page.waitForSelector('[data-testid=notice]');
    const report = await page.textContent('[data-testid=notice]');
    expect(/stime corrette: 1/.test(report ?? ''), `rapporto: ${report}`);
    await page.click('button[role=tab]:has-text("Qualità dei dati")');
    const info = await page.textContent('[data-testid=official]');
    expect(/Restano stimati 0 comuni/.test(info ?? ''), `stime rimaste: ${info}`);
    await settled(page);
    const hatched = await page.evaluate(() => (window as unknown as { __map: { querySourceFeatures(s: string): unknown[] } }).__map.querySourceFeatures('comuni-estimated').length);
    expect(hatched === 0, `comuni ancora tratteggiati: ${hatched}`);
  },

  /** Issue 5: site the bases of a real association (heuristic, then exact with the gap), adopt, compare with the previous scenario. */
  async optimise({ page }) {
    await page.goto(ORIGIN + '/#pannello=scenario');
    expect((await waitMapIdle(page)).state === 'idle', 'mappa non idle');
    await page.click('button:has-text("Esempio illustrativo")');
    await page.click('button:has-text("Duplica")'); // B = the copy we change; A = the example as it was
    type Svc = { id: string; members: string[] };
    const svc = await page.evaluate(() => {
      const app = (window as unknown as { __app: { state: { scenario: { value: { services: Svc[] } } } } }).__app;
      return app.state.scenario.value.services.find((x) => x.members.length > 1)!;
    });
    await page.evaluate((code) => { location.hash = `#ambito=${code}&pannello=optimise`; }, svc.members[0]);
    await page.waitForSelector('[data-testid=siting]');
    await page.fill('#opt-k', '2');
    await page.locator('#opt-k').blur();
    await page.click('[data-testid=siting] button:has-text("Calcola")');
    await page.waitForSelector('[data-testid=siting-status][data-heuristic=ok]', { state: 'attached', timeout: 30_000 });
    // Issue 13: the heuristic comes with its proven gap at once (a bound over all candidates).
    const boundText = await page.textContent('[data-testid=siting-bound]');
    expect(/Scarto dall'ottimo ≤ \d+,\d{2}%|Ottimo dimostrato/.test(boundText ?? ''), `scarto dimostrato non mostrato: ${boundText}`);
    await page.locator('[data-testid=siting]').screenshot({ path: 'test-results/e2e-optimise-bound.png' });
    // The MIP runs by itself on small associations (unless already proven), else on request.
    const proven = (await page.getAttribute('[data-testid=siting-bound]', 'data-proven')) === 'true';
    await page.waitForFunction(() => document.querySelector('[data-testid=siting-status]')?.getAttribute('data-exact') !== 'running', null, { timeout: 90_000 });
    if (await page.locator('[data-testid=certify]').count()) await page.click('[data-testid=certify]');
    if (!proven) {
      await page.waitForSelector('[data-testid=siting-status][data-exact=ok]', { state: 'attached', timeout: 90_000 });
      const gap = await page.textContent('[data-testid=heuristic-gap]');
      expect(/^\d+,\d{2}%$|^\d+\.\d{2}%$/.test(gap ?? ''), `gap non mostrato: ${gap}`);
    }
    await settled(page);
    const proposed = await page.evaluate(() => (window as unknown as { __map: { queryRenderedFeatures(o: unknown): unknown[] } }).__map.queryRenderedFeatures({ layers: ['proposal'] }).length);
    expect(proposed >= 1, 'basi proposte non disegnate');
    await page.screenshot({ path: 'test-results/e2e-optimise.png' });
    await page.click('button:has-text("Adotta le basi proposte")');
    const after = await page.evaluate((id) => {
      const app = (window as unknown as { __app: { state: { scenario: { value: { services: (Svc & { bases: { kind: string }[] })[] } } } } }).__app;
      return app.state.scenario.value.services.find((x) => x.id === id)!.bases.filter((b) => b.kind !== 'centrale').length;
    }, svc.id);
    expect(after === 2, `basi dopo l'adozione: ${after}`);

    const ids = await page.evaluate(() => (window as unknown as { __app: { state: { workspace: { value: { scenarios: { id: string }[]; currentId: string } } } } }).__app.state.workspace.value);
    const a = ids.scenarios.find((x) => x.id !== ids.currentId && x.id.startsWith('esempio'))!.id;
    await page.selectOption('#cmp-a', a);
    await page.selectOption('#cmp-b', ids.currentId);
    await page.click('[data-testid=compare] button:has-text("Confronta")');
    await page.waitForSelector('[data-testid=comparison]', { timeout: 30_000 });
    const changed = await page.locator('.compare-table tbody tr').count();
    expect(changed >= 1, 'il confronto non mostra Ambiti cambiati');
    await nextIdle(page, () => page.click('button:has-text("Mostra sulla mappa")'));
    expect(new URL(page.url()).hash.includes('livello=confronto'), 'mappa del confronto non attiva');
  },

  async 'osm-mocked'(g) {
    const { page } = g;
    await withOsmBasemap(g);
    const px = await pixels(page, [170, 211, 223]);
    expect(px.probeHits > 1000, `tessere OSM non disegnate (${px.probeHits} px)`);
    expect((await renderedAmbiti(page)).length === 91, 'Ambiti non disegnati sopra lo sfondo');
    await page.screenshot({ path: 'test-results/e2e-osm-mocked.png' });
  },

  async 'osm-unreachable'(g) {
    const { page } = g;
    await withOsmBasemap(g);
    const state = await page.getAttribute('#map', 'data-map-state');
    expect(state === 'idle', `senza rete lo sfondo rompe la mappa: ${state}`);
    expect((await renderedAmbiti(page)).length === 91, 'Ambiti non disegnati senza rete');
    // Issue 11 §6: the "bad wifi" state is said on the map.
    await page.waitForSelector('[data-testid=basemap-offline]', { timeout: 10_000 });
  },
};

Object.assign(scenarios, extraScenarios, shellScenarios, hostileScenarios, modelScenarios, desPoolScenarios);

const server = await startServer();
const browser = await launchBrowser();
let passed = 0;
let failed = 0;
const timings: Record<string, number> = {};
try {
  for (const [name, run] of Object.entries(scenarios)) {
    // E2E_ONLY=a,b runs only those scenarios (while iterating; npm test runs all).
    if (process.env.E2E_ONLY && !process.env.E2E_ONLY.split(',').includes(name)) continue;
    const tiles = name === 'osm-mocked' ? 'mock' : name === 'osm-unreachable' ? 'abort' : undefined;
    const g = await guardedPage(browser, { tiles });
    const started = performance.now();
    try {
      await run(g, timings);
      if (g.problems.length) throw new Check(g.problems.join('\n    '));
      passed++;
      console.log(`ok   ${name} (${Math.round(performance.now() - started)} ms)`);
    } catch (err) {
      failed++;
      console.log(`FAIL ${name}: ${err instanceof Error ? err.message : String(err)}`);
      if (g.problems.length) console.log(`    ${g.problems.join('\n    ')}`);
      await g.page.screenshot({ path: `test-results/e2e-fail-${name}.png` }).catch(() => undefined);
    } finally {
      await g.ctx.close();
    }
  }
} finally {
  await browser.close();
  stopServer(server);
}
console.log(`TIMINGS ${JSON.stringify(timings)}`);
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
