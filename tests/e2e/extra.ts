// End-to-end scenarios: presenter mode, PNG export (and the printable report, its PDF checked),
// axe-core on the main screens, the language switch. run.ts runs them through `extraScenarios`.
// Selectors used: [data-action=presenter-start],
// [data-testid=presenter], [data-testid=slide-title], [data-action=export-png],
// [data-testid=export-menu][data-export-meta], [data-action=print-report], #print-report.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { ORIGIN, waitMapIdle, type Guarded, expect, settled } from './harness.ts';

mkdirSync('test-results', { recursive: true });



async function openApp(page: Page, hash = '') {
  await page.goto(`${ORIGIN}/${hash}`);
  const idle = await waitMapIdle(page);
  expect(idle.state === 'idle', `stato mappa ${idle.state}`);
  await settled(page);
}

const slideTitle = (page: Page) => page.textContent('[data-testid=slide-title]');
const appLevel = (page: Page) => page.evaluate(() => (window as unknown as { __app: { state: { level: { value: string } } } }).__app.state.level.value);

interface ExportMeta {
  width: number;
  height: number;
  scale: number;
  texts: string[];
  regions: Record<string, { x: number; y: number; w: number; h: number } | undefined>;
}

/** Ink pixels (clearly darker than the region's own background) in each region of a PNG, decoded by the browser. */
async function inkInRegions(page: Page, png: Buffer, regions: Record<string, { x: number; y: number; w: number; h: number }>) {
  return page.evaluate(async ({ b64, regions }) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const c = document.createElement('canvas');
    c.width = bitmap.width;
    c.height = bitmap.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const out: Record<string, { ink: number; colours: number; total: number }> = {};
    for (const [name, r] of Object.entries(regions)) {
      const d = ctx.getImageData(Math.round(r.x), Math.round(r.y), Math.max(1, Math.round(r.w)), Math.max(1, Math.round(r.h))).data;
      // Background = the most frequent colour of the region; ink = pixels far from it.
      const freq = new Map<number, number>();
      for (let i = 0; i < d.length; i += 4) {
        const key = (d[i] << 16) | (d[i + 1] << 8) | d[i + 2];
        freq.set(key, (freq.get(key) ?? 0) + 1);
      }
      let bg = 0, best = -1;
      for (const [k, n] of freq) if (n > best) { best = n; bg = k; }
      const br = bg >> 16, bgG = (bg >> 8) & 255, bb = bg & 255;
      let ink = 0;
      for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - br) + Math.abs(d[i + 1] - bgG) + Math.abs(d[i + 2] - bb) > 150) ink++;
      out[name] = { ink, colours: freq.size, total: d.length / 4 };
    }
    return { width: bitmap.width, height: bitmap.height, regions: out };
  }, { b64: png.toString('base64'), regions });
}

const axeSource = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');

interface AxeFinding { screen: string; id: string; impact: string | null; help: string; targets: string[]; summary: string }

/** Screens axe actually ran on (the log counts these, not a number written by hand). */
const screens = new Set<string>();
async function runAxe(page: Page, screen: string): Promise<AxeFinding[]> {
  screens.add(screen);
  // evaluate(), not addScriptTag(): the app's CSP (rightly) refuses an inline <script>.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[]; html: string; failureSummary?: string }[] }[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'], runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      targets: v.nodes.map((n) => `${n.target.map(String).join(' ')}  ${n.html.slice(0, 140)}`),
      summary: (v.nodes[0]?.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 240),
    }));
  });
  return found.map((f) => ({ screen, ...f }));
}

export const extraScenarios: Record<string, (g: Guarded, timings: Record<string, number>) => Promise<void>> = {
  /** Issue 6: presenter mode with the keyboard; works offline (the guard refuses any external request). */
  async presenter({ page }) {
    await openApp(page);
    await page.click('[data-action=presenter-start]');
    await page.waitForSelector('[data-testid=presenter]');
    expect(await page.evaluate(() => document.documentElement.classList.contains('presenting')), 'classe "presenting" assente');
    expect(!(await page.isVisible('.topbar')), 'la barra di modifica è visibile in presentazione');
    const first = await slideTitle(page);
    const count = await page.textContent('[data-testid=slide-count]');
    expect(/^1 \/ [2-9]/.test(count ?? ''), `contatore diapositive "${count}"`);
    const footer = (await page.textContent('.presenter-foot')) ?? '';
    expect(/ISTAT/.test(footer) && /\d{2}\/\d{2}\/\d{4}/.test(footer), `piè di pagina senza fonte o data: "${footer}"`);
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((t) => document.querySelector('[data-testid=slide-title]')?.textContent !== t, first);
    const second = await slideTitle(page);
    expect((await page.textContent('[data-testid=slide-count]'))?.startsWith('2 /'), 'non è la diapositiva 2');
    expect((await appLevel(page)) === 'pis', `la diapositiva 2 non colora per stato PIS (${await appLevel(page)})`);
    await settled(page);
    await page.screenshot({ path: 'test-results/e2e-presenter.png' });
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction((t) => document.querySelector('[data-testid=slide-title]')?.textContent === t, first);
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((t) => document.querySelector('[data-testid=slide-title]')?.textContent === t, second);
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=presenter]', { state: 'detached' });
    expect(await page.isVisible('.topbar'), 'la barra non torna dopo Esc');
    expect(!(await page.evaluate(() => document.documentElement.classList.contains('presenting'))), 'classe "presenting" rimasta dopo Esc');
    expect((await appLevel(page)) === 'ats', `la vista precedente non è stata ripristinata (livello ${await appLevel(page)})`);
    // The keyboard shortcut starts it too.
    await page.locator('#map').focus();
    await page.keyboard.press('p');
    await page.waitForSelector('[data-testid=presenter]');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=presenter]', { state: 'detached' });
  },

  /** Issue 6: PNG of the current view with legend, scale, title, sources, date and the "illustrativo" label; print report. */
  async 'export-png'({ page }) {
    await openApp(page, '#livello=pis&pannello=scenario');
    await page.click('button:has-text("Esempio illustrativo")');
    await page.waitForSelector('.illustrative-banner');
    await settled(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action=export-png]')]);
    const name = download.suggestedFilename();
    expect(/^pis-lombardia-pis-.*ILLUSTRATIVO-\d{8}\.png$/.test(name), `nome del file "${name}"`);
    const path = (await download.path())!;
    copyFileSync(path, 'test-results/export-view-illustrativo.png');
    const png = readFileSync(path);
    expect(png.subarray(0, 8).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10])), 'il file non è un PNG');
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    const mapBox = (await page.locator('#map').boundingBox())!;
    await page.waitForSelector('[data-testid=export-menu][data-export-meta]', { state: 'attached' });
    const meta = JSON.parse((await page.getAttribute('[data-testid=export-menu]', 'data-export-meta'))!) as ExportMeta;
    expect(meta.width === width && meta.height === height, `dimensioni PNG ${width}×${height}, dichiarate ${meta.width}×${meta.height}`);
    // Issue 11: sized for a slide, not for the map div.
    expect(width === 1920 && height === 1080, `PNG ${width}×${height}, attesi 1920×1080 (diapositiva); mappa a schermo ${mapBox.width}×${mapBox.height}`);
    expect(meta.regions.map!.h < height, `altezza ${height}: mancano intestazione e piè di pagina`);
    const texts = meta.texts.join('\n');
    for (const must of ['Legenda', 'openpolis', 'ISTAT', 'Esempio illustrativo — non sono dati reali', 'Esportato il', 'Residenti ANPR al 10/01/2024', 'attivo']) {
      expect(texts.includes(must), `testo assente nell'immagine: "${must}"`);
    }
    expect(/\d+ (km|m)\b/.test(texts), 'scala grafica assente');
    const regions = meta.regions as Record<string, { x: number; y: number; w: number; h: number }>;
    for (const r of ['title', 'map', 'legend', 'scale', 'attribution', 'date', 'illustrative']) expect(regions[r], `regione "${r}" non dichiarata`);
    const ink = await inkInRegions(page, png, { legend: regions.legend, attribution: regions.attribution, date: regions.date, illustrative: regions.illustrative, scale: regions.scale, map: regions.map });
    expect(ink.width === width && ink.height === height, 'il browser decodifica dimensioni diverse');
    for (const r of ['legend', 'attribution', 'date', 'illustrative', 'scale']) {
      expect(ink.regions[r].ink > 100, `regione "${r}" vuota nel PNG (${ink.regions[r].ink} px di inchiostro)`);
    }
    expect(ink.regions.legend.colours > 8, `legenda senza campioni di colore (${ink.regions.legend.colours} colori)`);
    expect(ink.regions.map.colours > 20, `mappa non disegnata nel PNG (${ink.regions.map.colours} colori)`);

    // A second image: the documented scenario coloured by ATS, for the closing note.
    await page.selectOption('#scenario-select', 'dati-documentati');
    await page.locator('.levels label', { hasText: 'ATS' }).click();
    await settled(page);
    const [d2] = await Promise.all([page.waitForEvent('download'), page.click('[data-action=export-png]')]);
    copyFileSync((await d2.path())!, 'test-results/export-view-ats.png');
    expect(!/ILLUSTRATIVO/.test(d2.suggestedFilename()), `scenario documentato marcato illustrativo: ${d2.suggestedFilename()}`);
    const meta2 = JSON.parse((await page.getAttribute('[data-testid=export-menu]', 'data-export-meta'))!) as ExportMeta;
    expect(!meta2.texts.includes('Esempio illustrativo — non sono dati reali'), 'etichetta "illustrativo" su uno scenario documentato');

    // Printable report: window.print is replaced so the test is not blocked by a dialog; the PDF is made by Chromium.
    await page.evaluate(() => { (window as unknown as { print: () => void }).print = () => { (window as unknown as { __printed: boolean }).__printed = true; }; });
    await page.click('[data-action=print-report]');
    await page.waitForFunction(() => (window as unknown as { __printed?: boolean }).__printed === true, undefined, { timeout: 30_000 });
    const ruleHead = await page.locator('#print-report table.report-rule50k thead').innerText();
    expect(/Test legale/.test(ruleHead) && /Obiettivo 45 min/.test(ruleHead), `rapporto: la regola dei 50.000 senza test legale e obiettivo affiancati: ${ruleHead}`);
    const ruleRows = await page.locator('#print-report table.report-rule50k tbody tr').count();
    expect(ruleRows === 19, `rapporto: ${ruleRows} comuni della regola (attesi 19)`);
    const rows = await page.locator('#print-report table.report-ambiti tbody tr').count();
    expect(rows === 91, `rapporto: ${rows} Ambiti (attesi 91)`);
    expect((await page.locator('#print-report img').evaluate((img) => (img as HTMLImageElement).naturalWidth)) > 0, 'rapporto: immagine della mappa non caricata');
    await page.emulateMedia({ media: 'print' });
    expect(!(await page.isVisible('.topbar')), 'in stampa la barra dell\'app è visibile');
    const pdf = await page.pdf({ path: 'test-results/report.pdf', preferCSSPageSize: true, printBackground: true });
    // The PDF itself: A4 landscape pages (the report's @page), a map page plus the 91-row table.
    const pdfText = pdf.toString('latin1');
    const pages = (pdfText.match(/\/Type\s*\/Page(?![a-z])/g) ?? []).length;
    const boxes = [...pdfText.matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
    console.log(`    report.pdf: ${pages} pagine, ${Math.round(pdf.length / 1024)} kB`);
    expect(pages >= 2 && pages <= 12, `report.pdf: ${pages} pagine (attese da 2 a 12)`);
    expect(boxes.length >= 1 && boxes.every(([w, h]) => Math.abs(w! - 841.9) < 2 && Math.abs(h! - 595.3) < 2), `report.pdf: pagine non A4 orizzontale: ${JSON.stringify(boxes.slice(0, 3))}`);
    // What a reader of the PDF sees (text extracted by poppler's pdftotext, not the DOM): the rule's two
    // answers side by side for Rho (documented: legal test met, planning target reached), the sources.
    const text = pdfToText('test-results/report.pdf');
    for (const must of ['Regola dei 50.000 abitanti (LEPS 3.7.1)', 'Test legale', 'Obiettivo 45', 'Ambiti territoriali (91)', 'openpolis', 'Residenti ANPR']) {
      expect(text.includes(must), `report.pdf: testo assente "${must}"`);
    }
    const rhoLine = text.split('\n').find((l) => /^\s*Rho\b/.test(l) && /rispettata/.test(l)) ?? '';
    expect(/✓ rispettata/.test(rhoLine) && /✓ raggiunto/.test(rhoLine), `report.pdf: riga di Rho senza test legale e obiettivo: "${rhoLine}"`);
    expect(/Test legale: 2 rispettata, 0 non rispettata, 17 non determinabile su 19 comuni/.test(text.replace(/\s+/g, ' ')), 'report.pdf: riepilogo del test legale assente o diverso da 2 / 0 / 17');
    await page.emulateMedia({ media: 'screen' });
  },

  /** Issue 6: axe-core on the main screens; fails on any serious or critical violation. */
  async axe({ page }) {
    const findings: AxeFinding[] = [];
    await openApp(page);
    findings.push(...(await runAxe(page, 'vista iniziale')));
    await page.goto(`${ORIGIN}/#ambito=50095`);
    await page.waitForSelector('#info-title');
    await settled(page);
    findings.push(...(await runAxe(page, 'scheda Ambito (Rho)')));
    await page.click('button[role=tab]:has-text("Scenario")');
    await page.waitForSelector('#scenario-title', { state: 'attached' });
    findings.push(...(await runAxe(page, 'scheda Scenario')));
    await page.goto(`${ORIGIN}/#pannello=sim`);
    await page.waitForSelector('[data-testid=coverage-status][data-status=ok]', { state: 'attached', timeout: 30_000 });
    findings.push(...(await runAxe(page, 'scheda Simulazione')));
    // Issue 11: the full-width table drawer and the association builder.
    await page.click('[data-testid=sim-head] [data-action=open-rule50k-table]');
    await page.waitForSelector('[data-testid=table-drawer] tbody tr');
    findings.push(...(await runAxe(page, 'tabella completa (regola dei 50.000)')));
    await page.keyboard.press('Escape');
    await page.goto(`${ORIGIN}/#ambito=50095`);
    await page.click('#tab-info');
    await page.waitForSelector('#info-title');
    await page.evaluate(() => (window as unknown as { __app: { state: { actions: { startAssociation(): void } } } }).__app.state.actions.startAssociation());
    await page.waitForSelector('[data-testid=association-builder]');
    findings.push(...(await runAxe(page, 'costruzione di un PIS associato')));
    await page.keyboard.press('Escape');
    // The presenter screen is checked every time: a missing button fails, it does not drop a screen.
    expect((await page.locator('[data-action=presenter-start]').count()) > 0, 'axe: pulsante della modalità presentazione assente');
    await page.click('[data-action=presenter-start]');
    await page.waitForSelector('[data-testid=presenter]');
    await settled(page);
    findings.push(...(await runAxe(page, 'modalità presentazione')));
    await page.keyboard.press('Escape');
    await page.goto(`${ORIGIN}/accessibilita.html`);
    findings.push(...(await runAxe(page, 'dichiarazione di accessibilità')));

    writeFileSync('test-results/axe-results.json', JSON.stringify(findings, null, 2) + '\n');
    const blocking = findings.filter((f) => f.impact === 'serious' || f.impact === 'critical');
    const lines = findings.map((f) => `[${f.impact}] ${f.screen}: ${f.id} — ${f.help}\n      (${f.summary})\n      ${f.targets.slice(0, 6).join('\n      ')}${f.targets.length > 6 ? `\n      … e altri ${f.targets.length - 6}` : ''}`);
    console.log(`    axe: ${findings.length} violazioni (${blocking.length} gravi o critiche) su ${screens.size} schermate${lines.length ? '\n    ' + lines.join('\n    ') : ''}`);
    expect(blocking.length === 0, `${blocking.length} violazioni axe gravi o critiche: ${[...new Set(blocking.map((f) => `${f.id} (${f.screen})`))].join(', ')}`);
  },

  /** Issue #6: the language switch — English tabs and buttons, kept across a reload, back to Italian. */
  async english({ page }) {
    await openApp(page);
    expect((await page.getAttribute('html', 'lang')) === 'it', 'lingua iniziale non italiana');
    await page.click('[data-testid=lang-switch] button[data-lang=en]');
    await page.waitForSelector('button[role=tab]:has-text("Simulation")');
    expect((await page.getAttribute('html', 'lang')) === 'en', '<html lang> non aggiornato a en');
    expect(await page.isVisible('[data-testid=core-note]'), 'nota sui messaggi in italiano assente');
    await page.click('button[role=tab]:has-text("Scenario")');
    await page.waitForSelector('button:has-text("Duplicate")');
    expect((await page.locator('button', { hasText: /^Duplica$/ }).count()) === 0, 'pulsante ancora in italiano');
    await page.reload();
    const idle = await waitMapIdle(page);
    expect(idle.state === 'idle', `mappa non pronta dopo il ricaricamento: ${idle.state}`);
    await page.waitForSelector('button[role=tab]:has-text("Data quality")');
    expect((await page.getAttribute('html', 'lang')) === 'en', 'lingua inglese persa dopo il ricaricamento');
    expect(await page.isVisible('button:has-text("Export PNG")'), 'pulsante di esportazione non tradotto');
    await page.click('[data-testid=lang-switch] button[data-lang=it]');
    await page.waitForSelector('button[role=tab]:has-text("Simulazione")');
    expect((await page.getAttribute('html', 'lang')) === 'it', '<html lang> non tornato a it');
    expect((await page.locator('[data-testid=core-note]').count()) === 0, 'nota visibile in italiano');
  },
};

/** The PDF's text as a reader sees it, page layout kept (poppler-utils; .ci/run installs it). */
function pdfToText(path: string): string {
  try {
    return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
  } catch (e) {
    throw new Error(`pdftotext non disponibile o fallito (installare poppler-utils): ${(e as Error).message}`);
  }
}
