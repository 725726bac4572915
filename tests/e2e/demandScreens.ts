// Screenshots of the simulation panel after a DES run (demand caveats, intervals, 'nessuna base'),
// at 1366×768 and 1024×768, into test-results/demand/. Not part of npm test.
// Usage: npm run build && E2E_PORT=4182 npx tsx tests/e2e/demandScreens.ts
import { mkdirSync } from 'node:fs';
import { ORIGIN, guardedPage, launchBrowser, startServer, stopServer, waitMapIdle } from './harness.ts';

mkdirSync('test-results/demand', { recursive: true });
const server = await startServer();
const browser = await launchBrowser();
try {
  for (const [w, h] of [[1366, 768], [1024, 768]] as const) {
    const g = await guardedPage(browser);
    const page = g.page;
    await page.setViewportSize({ width: w, height: h });
    await page.addInitScript(() => localStorage.setItem('pis-lombardia/welcome-dismissed', '1'));
    await page.goto(`${ORIGIN}/#pannello=scenario`);
    await waitMapIdle(page);
    await page.click('button:has-text("Esempio illustrativo")');
    await page.click('button[role=tab]:has-text("Simulazione")');
    await page.waitForSelector('[data-testid=coverage-status][data-status=ok]', { state: 'attached', timeout: 30_000 });
    await page.locator('[data-testid=coverage-caveats]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `test-results/demand/coverage-${w}x${h}.png` });
    await page.fill('#des-reps', '5');
    await page.locator('#des-reps').blur();
    await page.click('button:has-text("Avvia simulazione")');
    await page.waitForSelector('[data-testid=des][data-status=ok]', { state: 'attached', timeout: 90_000 });
    await page.locator('[data-testid=des-kpis]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `test-results/demand/des-${w}x${h}.png` });
    await page.locator('[data-testid=des-caveats]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `test-results/demand/des-caveats-${w}x${h}.png` });
    await page.locator('#a-gm-capoluogoPer1000').scrollIntoViewIfNeeded().catch(() => undefined);
    await page.locator('details.assumptions summary').click();
    await page.locator('#a-gm-capoluogoPer1000').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `test-results/demand/assumptions-${w}x${h}.png` });
    console.log(`ok ${w}x${h}; problems: ${g.problems.length ? g.problems.join(' | ') : 'none'}`);
    await g.ctx.close();
  }
} finally {
  await browser.close();
  stopServer(server);
}
