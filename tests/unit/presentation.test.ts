// Presentation core (slides, order, validation, file round trip with the scenarios it uses) and
// the pure helpers of the PNG export (scale bar, legend entries, caption, text wrapping), on the
// real territory and small hand-checkable cases.
import { describe, expect, it } from 'vitest';
import { loadTerritoryData } from './helpers/realData.ts';
import { createTerritory } from '../../src/core/territory/index.ts';
import { defaultScenario, illustrativeScenario, exportScenarioJson, type Scenario } from '../../src/core/scenario/index.ts';
import * as P from '../../src/core/presentation/index.ts';
import type { Presentation, SlideDraft } from '../../src/core/presentation/index.ts';
import { metresPerPixel, niceScale } from '../../src/export/scale.ts';
import { legendModel } from '../../src/export/legendModel.ts';
import { caption, itDate } from '../../src/export/caption.ts';
import { wrapLines } from '../../src/export/composeImage.ts';

const territory = createTerritory(loadTerritoryData());
const doc = (): Scenario => defaultScenario(territory);
const ill = (): Scenario => ({ ...illustrativeScenario(territory), id: 'esempio-1' });

const draft = (title: string, extra: Partial<SlideDraft> = {}): SlideDraft => ({
  title, note: '', level: 'ats', panel: 'info', showPanel: false, selection: {}, basemap: false, labels: true, ...extra,
});

function deck(...titles: string[]): Presentation {
  return titles.reduce((p, t) => P.addSlide(p, draft(t)), P.emptyPresentation('Prova'));
}
const titles = (p: Presentation) => p.slides.map((s) => s.title);

describe('slide edits', () => {
  it('adds with unique ids, inserts at an index, never mutates', () => {
    const p = deck('A', 'B');
    expect(p.slides.map((s) => s.id)).toEqual(['s1', 's2']);
    const frozen = Object.freeze({ ...p, slides: Object.freeze([...p.slides]) }) as Presentation;
    const q = P.addSlide(frozen, draft('C', { id: 's1' }), 1);
    expect(titles(q)).toEqual(['A', 'C', 'B']);
    expect(q.slides[1].id).toBe('s3'); // s1 was taken
    expect(titles(frozen)).toEqual(['A', 'B']);
  });

  it('moves a slide to any position, others keep their order', () => {
    const p = deck('A', 'B', 'C', 'D');
    expect(titles(P.moveSlide(p, 's1', 2))).toEqual(['B', 'C', 'A', 'D']);
    expect(titles(P.moveSlide(p, 's4', 0))).toEqual(['D', 'A', 'B', 'C']);
    expect(titles(P.moveSlide(p, 's2', 99))).toEqual(['A', 'C', 'D', 'B']);
    expect(titles(P.moveSlide(p, 's3', -5))).toEqual(['C', 'A', 'B', 'D']);
    expect(P.moveSlide(p, 's2', 1)).toBe(p);
    // Moving down then up restores the order.
    expect(titles(P.moveSlide(P.moveSlide(p, 's2', 2), 's2', 1))).toEqual(titles(p));
  });

  it('removes and updates by id; unknown ids are errors with an Italian message', () => {
    const p = deck('A', 'B', 'C');
    expect(titles(P.removeSlide(p, 's2'))).toEqual(['A', 'C']);
    expect(P.updateSlide(p, 's3', { title: 'Z', level: 'pis' }).slides[2]).toMatchObject({ id: 's3', title: 'Z', level: 'pis' });
    expect(() => P.removeSlide(p, 'x')).toThrow(/Diapositiva "x" inesistente/);
    expect(() => P.moveSlide(p, 'x', 0)).toThrow(P.PresentationEditError);
  });

  it('steps without wrapping', () => {
    expect(P.stepIndex(0, -1, 3)).toBe(0);
    expect(P.stepIndex(0, 1, 3)).toBe(1);
    expect(P.stepIndex(2, 1, 3)).toBe(2);
    expect(P.stepIndex(5, 0, 3)).toBe(2);
    expect(P.stepIndex(0, 1, 0)).toBe(0);
  });

  it('the starter presentation has distinct titles and names only the given scenario', () => {
    const p = P.starterPresentation('dati-documentati');
    expect(p.slides.length).toBe(3);
    expect(new Set(titles(p)).size).toBe(3);
    expect(P.referencedScenarioIds(p)).toEqual(['dati-documentati']);
    expect(P.checkPresentation(p, territory, [doc()])).toEqual({ errors: [], warnings: [] });
  });
});

describe('presentation file', () => {
  const withScenarios = (): Presentation => {
    let p = P.emptyPresentation('Convegno');
    p = P.addSlide(p, draft('Regione', { scenarioId: 'dati-documentati', camera: { center: [9.7, 45.6], zoom: 7.2 } }));
    p = P.addSlide(p, draft('Rho', { scenarioId: 'esempio-1', level: 'pis', selection: { ambito: '50095', comune: '015182' }, showPanel: true, panel: 'sim' }));
    p = P.addSlide(p, draft('Di nuovo la regione', { scenarioId: 'dati-documentati', level: 'tempo' }));
    return p;
  };

  it('bundles exactly the referenced scenarios and round-trips byte-identically', () => {
    const extra = { ...doc(), id: 'non-usato', name: 'non usato' };
    const text = P.exportPresentationJson(withScenarios(), [extra, ill(), doc()]);
    const file = JSON.parse(text) as P.PresentationFile;
    expect(file.format).toBe(P.PRESENTATION_FORMAT);
    expect(file.scenarios.map((s) => s.id)).toEqual(['dati-documentati', 'esempio-1']);
    const r = P.importPresentationJson(text, territory);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.presentation).toEqual(withScenarios());
    expect(r.scenarios.map((s) => exportScenarioJson(s))).toEqual([exportScenarioJson(doc()), exportScenarioJson(ill())]);
    expect(P.exportPresentationJson(r.presentation, r.scenarios)).toBe(text);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('refuses to export a slide whose scenario is gone', () => {
    expect(() => P.exportPresentationJson(withScenarios(), [doc()])).toThrow(/"esempio-1"/);
  });

  const bad = (mutate: (f: Record<string, any>) => void): string[] => {
    const f = JSON.parse(P.exportPresentationJson(withScenarios(), [doc(), ill()])) as Record<string, any>;
    mutate(f);
    const r = P.importPresentationJson(JSON.stringify(f), territory);
    expect(r.ok).toBe(false);
    return r.ok ? [] : r.errors;
  };

  it('names the slide and the field of every problem', () => {
    expect(bad((f) => { f.presentation.slides[1].level = 'regione'; })).toEqual([expect.stringMatching(/^presentation\.slides\[1\]\.level: valore "regione" non valido/)]);
    expect(bad((f) => { f.presentation.slides[0].camera.zoom = 40; })).toEqual([expect.stringMatching(/slides\[0\]\.camera\.zoom: valore 40 fuori/)]);
    expect(bad((f) => { f.presentation.slides[0].camera.center = [45.6, 9.7]; })[0]).toMatch(/camera\.center\[0\]: valore 45\.6 fuori/);
    expect(bad((f) => { f.presentation.slides[2].id = 's1'; })).toEqual([expect.stringMatching(/slides\[2\]\.id: id "s1" ripetuto/)]);
    expect(bad((f) => { f.presentation.slides[0].colour = 'red'; })).toEqual([expect.stringMatching(/slides\[0\]\.colour: chiave sconosciuta/)]);
    expect(bad((f) => { f.presentation.slides[1].title = '  '; })).toEqual([expect.stringMatching(/slides\[1\]\.title: testo vuoto/)]);
    expect(bad((f) => { f.presentation.schemaVersion = 2; })[0]).toMatch(/schemaVersion: versione 2 non supportata/);
  });

  it('checks references against the territory and the bundle', () => {
    expect(bad((f) => { f.scenarios = f.scenarios.slice(0, 1); })).toEqual(['presentation.slides[1].scenarioId: diapositiva 2 ("Rho"): lo scenario "esempio-1" non è nel file']);
    expect(bad((f) => { f.presentation.slides[1].selection.ambito = '99999'; })).toContain('presentation.slides[1].selection.ambito: diapositiva 2 ("Rho"): Ambito "99999" inesistente');
    expect(bad((f) => { f.presentation.slides[1].selection.comune = '000000'; })).toContain('presentation.slides[1].selection.comune: diapositiva 2 ("Rho"): comune ISTAT "000000" inesistente');
  });

  it('rejects a bundled scenario with the scenario importer\'s own messages', () => {
    const errors = bad((f) => { f.scenarios[1].statuses['50095'].status = 'attiva'; });
    expect(errors.some((e) => e.startsWith('scenarios[1] › ') && e.includes('"attiva"'))).toBe(true);
    expect(bad((f) => { f.scenarios[1].id = 'dati-documentati'; })).toContain('scenarios[1].id: id "dati-documentati" ripetuto nel file');
  });

  it('tells a scenario file and broken JSON apart', () => {
    const r = P.importPresentationJson(exportScenarioJson(doc()), territory);
    expect(r.ok ? '' : r.errors[0]).toMatch(/sembra un file di scenario/);
    const t = P.importPresentationJson('{"format": "pis-lombardia/presentazione",\n "presentation": {', territory);
    expect(t.ok ? '' : t.errors[0]).toMatch(/^riga 2: JSON (troncato|non valido)/);
  });

  it('warns (not fails) when the selected comune is in another Ambito', () => {
    const text = P.exportPresentationJson(P.updateSlide(withScenarios(), 's2', { selection: { ambito: '50095', comune: '015146' } }), [doc(), ill()]);
    const r = P.importPresentationJson(text, territory);
    expect(r.ok && r.warnings).toEqual([expect.stringMatching(/diapositiva 2 \("Rho"\): il comune Milano non appartiene all'Ambito 50095/)]);
  });
});

describe('planPresentationImport', () => {
  it('reuses identical scenarios, renames clashing ones and re-points the slides', () => {
    const p = P.addSlide(P.addSlide(P.emptyPresentation('x'), draft('a', { scenarioId: 'dati-documentati' })), draft('b', { scenarioId: 'esempio-1' }));
    const clashing = { ...ill(), name: 'un altro esempio' };
    const existing = [doc(), clashing, { ...clashing, id: 'esempio-1-2' }];
    const plan = P.planPresentationImport(p, [doc(), ill()], existing);
    expect(plan.toAdd.map((s) => s.id)).toEqual(['esempio-1-3']);
    expect(plan.renamed).toEqual({ 'esempio-1': 'esempio-1-3' });
    expect(plan.presentation.slides.map((s) => s.scenarioId)).toEqual(['dati-documentati', 'esempio-1-3']);
    // Into an empty workspace everything is added as is.
    const fresh = P.planPresentationImport(p, [doc(), ill()], []);
    expect(fresh.toAdd.map((s) => s.id)).toEqual(['dati-documentati', 'esempio-1']);
    expect(fresh.presentation).toEqual(p);
  });
});

describe('export helpers', () => {
  it('metres per pixel: 512-px tiles at the equator and at Milan', () => {
    expect(metresPerPixel(0, 0)).toBeCloseTo(40_075_016.686 / 512, 6);
    expect(metresPerPixel(0, 1)).toBeCloseTo(40_075_016.686 / 1024, 6);
    expect(metresPerPixel(60, 3)).toBeCloseTo(40_075_016.686 * 0.5 / 4096, 6);
  });

  it('scale bar: the longest 1-2-5 distance that fits', () => {
    expect(niceScale(100, 160)).toMatchObject({ distanceM: 10_000, px: 100, label: '10 km' });
    expect(niceScale(100, 99)).toMatchObject({ distanceM: 5_000, px: 50, label: '5 km' });
    expect(niceScale(1, 160)).toMatchObject({ distanceM: 100, px: 100, label: '100 m' });
    expect(niceScale(3, 100)).toMatchObject({ distanceM: 200, label: '200 m' });
    expect(niceScale(1000, 160)).toMatchObject({ distanceM: 100_000, label: '100 km' });
    expect(niceScale(14, 160).label).toBe('2 km');
    expect(() => niceScale(0, 100)).toThrow(RangeError);
    for (const mpp of [0.7, 3.3, 27, 151, 2345]) {
      const s = niceScale(mpp, 160);
      expect(s.px).toBeLessThanOrEqual(160 + 1e-9);
      expect(s.px).toBeGreaterThan(160 / 5 - 1e-9); // never less than a fifth of the room
    }
  });

  it('legend: 8 ATS by name; PIS statuses with counts that add up to 91', () => {
    const ats = legendModel(territory, 'ats', doc());
    const fills = ats.rows.filter((r) => r.swatch.kind === 'fill');
    expect(fills.length).toBe(8);
    expect(fills.map((r) => r.label)).toContain('PAVIA');
    const pis = legendModel(territory, 'pis', doc());
    const counts = pis.rows.slice(0, 7).map((r) => Number(/\((\d+)\)$/.exec(r.label)![1]));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(91);
    expect(pis.rows[0].label).toBe('attivo (9)'); // the 9 documented PIS (shared/data/pis, documentedFacts.ts)
    expect(legendModel(territory, 'pis', ill()).heading).toMatch(/\(illustrativo\)$/);
    const tempo = legendModel(territory, 'tempo', doc());
    expect(tempo.rows.map((r) => r.label).slice(0, 6)).toEqual(['0–15 min', '15–30 min', '30–45 min', '45–60 min', 'oltre 60 min', 'senza PIS o senza base attiva']);
    const cmp = legendModel(territory, 'confronto', doc(), 'B rispetto a A');
    expect(cmp.heading).toBe('B rispetto a A');
    expect(cmp.rows.map((r) => r.label)).toContain('peggiora');
  });

  it('caption: the illustrative label only for illustrative scenarios; dates in Italian form', () => {
    const today = new Date(2026, 2, 5);
    const c = caption({ level: 'pis', scenario: ill(), selectionName: 'Rho', today });
    expect(c.illustrativeLabel).toBe('Esempio illustrativo — non sono dati reali');
    expect(c.title).toMatch(/· Rho$/);
    expect(c.dateLine).toMatch(/^Esportato il 05\/03\/2026 · scenario al \d{2}\/\d{2}\/\d{4} · Residenti ANPR al 10\/01\/2024$/);
    expect(c.attribution).toMatch(/ISTAT via openpolis \(CC-BY 4\.0\)/);
    expect(caption({ level: 'ats', scenario: doc(), today }).illustrativeLabel).toBeUndefined();
    expect(itDate('2025-12-31')).toBe('31/12/2025');
    expect(itDate('2023-07')).toBe('2023-07');
  });

  it('wraps text to the width, keeping every word', () => {
    const measure = (s: string) => s.length; // one unit per character
    const text = 'Confini: ISTAT via openpolis (CC-BY 4.0) · Residenti: ANPR';
    const lines = wrapLines(measure, text, 20);
    expect(lines.every((l) => l.length <= 20 || !l.includes(' '))).toBe(true);
    expect(lines.join(' ')).toBe(text);
    expect(wrapLines(measure, 'parolalunghissimaoltrelimite breve', 10)).toEqual(['parolalunghissimaoltrelimite', 'breve']);
    expect(wrapLines(measure, '', 10)).toEqual([]);
  });
});
