// Presentation files: the presentation plus every scenario its slides name, in one JSON file.
// Import = decode → parse → structural check of the presentation (this file) → each bundled
// scenario through the scenario importer (same rules as a scenario file) → every slide's
// references checked against the territory and the bundle. Any error rejects the whole file.
import type { Territory } from '../territory/index.ts';
import type { Scenario } from '../scenario/types.ts';
import { decodeText } from '../scenario/textInput.ts';
import { exportScenarioJson, parseJson, scenarioFromJsonValue } from '../scenario/serialize.ts';
import { Checker, joinPath } from '../scenario/validate.ts';
import { own } from '../scenario/own.ts';
import type { Presentation, Slide, SlideCamera } from './types.ts';
import { CAMERA_BOUNDS, MAX_SLIDES, PRESENTATION_FORMAT, PRESENTATION_SCHEMA_VERSION, SLIDE_LEVELS, SLIDE_PANELS } from './types.ts';
import { referencedScenarioIds } from './edit.ts';

export interface PresentationFile {
  format: typeof PRESENTATION_FORMAT;
  presentation: Presentation;
  scenarios: Scenario[];
}

export type PresentationImport =
  | { ok: true; presentation: Presentation; scenarios: Scenario[]; warnings: string[] }
  | { ok: false; errors: string[] };

const SLIDE_KEYS = ['id', 'title', 'note', 'camera', 'level', 'scenarioId', 'panel', 'showPanel', 'selection', 'basemap', 'labels'];

/** Fixed key order, optional keys only when present: exports are byte-stable. */
function canonicalSlide(s: Slide): Slide {
  const out: Slide = { id: s.id, title: s.title, note: s.note, level: s.level, panel: s.panel, showPanel: s.showPanel, selection: {}, basemap: s.basemap, labels: s.labels };
  if (s.camera) out.camera = { center: [s.camera.center[0], s.camera.center[1]], zoom: s.camera.zoom };
  if (s.scenarioId !== undefined) out.scenarioId = s.scenarioId;
  if (s.selection.ambito !== undefined) out.selection.ambito = s.selection.ambito;
  if (s.selection.comune !== undefined) out.selection.comune = s.selection.comune;
  // Re-order keys as declared (the optional ones were appended above).
  return Object.fromEntries(SLIDE_KEYS.filter((k) => k in out).map((k) => [k, out[k as keyof Slide]])) as unknown as Slide;
}

/**
 * The file text. Carries exactly the scenarios named by the slides (missing ones are an error:
 * a file that cannot be opened elsewhere must not be produced).
 */
export function exportPresentationJson(p: Presentation, workspaceScenarios: readonly Scenario[]): string {
  const scenarios: Scenario[] = [];
  for (const id of referencedScenarioIds(p)) {
    const s = workspaceScenarios.find((x) => x.id === id);
    if (!s) throw new Error(`La diapositiva che usa lo scenario "${id}" non può essere esportata: lo scenario non esiste più.`);
    scenarios.push(JSON.parse(exportScenarioJson(s)) as Scenario);
  }
  const file: PresentationFile = {
    format: PRESENTATION_FORMAT,
    presentation: { schemaVersion: PRESENTATION_SCHEMA_VERSION, title: p.title, slides: p.slides.map(canonicalSlide) },
    scenarios,
  };
  return JSON.stringify(file, null, 2) + '\n';
}

function readCamera(c: Checker, v: unknown, path: string): SlideCamera | undefined {
  const o = c.object(v, path);
  if (!o) return undefined;
  c.keys(o, path, ['center', 'zoom']);
  const centre = c.array(o.center, joinPath(path, 'center'));
  const zoom = c.number(o.zoom, joinPath(path, 'zoom'), CAMERA_BOUNDS.minZoom, CAMERA_BOUNDS.maxZoom);
  if (!centre) return undefined;
  if (centre.length !== 2) return c.err(joinPath(path, 'center'), `attese 2 coordinate [lon, lat], trovate ${centre.length}`);
  const lon = c.number(centre[0], joinPath(joinPath(path, 'center'), 0), CAMERA_BOUNDS.minLon, CAMERA_BOUNDS.maxLon);
  const lat = c.number(centre[1], joinPath(joinPath(path, 'center'), 1), CAMERA_BOUNDS.minLat, CAMERA_BOUNDS.maxLat);
  return lon === undefined || lat === undefined || zoom === undefined ? undefined : { center: [lon, lat], zoom };
}

function readSlide(c: Checker, v: unknown, path: string): Slide | undefined {
  const o = c.object(v, path);
  if (!o) return undefined;
  c.keys(o, path, SLIDE_KEYS);
  const slide: Slide = {
    id: c.string(o.id, joinPath(path, 'id'), { nonEmpty: true }) ?? '',
    title: c.string(o.title, joinPath(path, 'title'), { nonEmpty: true }) ?? '',
    note: o.note === undefined ? '' : c.string(o.note, joinPath(path, 'note')) ?? '',
    level: c.oneOf(o.level, joinPath(path, 'level'), SLIDE_LEVELS) ?? 'ats',
    panel: o.panel === undefined ? 'info' : c.oneOf(o.panel, joinPath(path, 'panel'), SLIDE_PANELS) ?? 'info',
    showPanel: o.showPanel === undefined ? false : c.boolean(o.showPanel, joinPath(path, 'showPanel')) ?? false,
    selection: {},
    basemap: o.basemap === undefined ? false : c.boolean(o.basemap, joinPath(path, 'basemap')) ?? false,
    labels: o.labels === undefined ? true : c.boolean(o.labels, joinPath(path, 'labels')) ?? true,
  };
  if (o.camera !== undefined) slide.camera = readCamera(c, o.camera, joinPath(path, 'camera'));
  if (o.scenarioId !== undefined) slide.scenarioId = c.string(o.scenarioId, joinPath(path, 'scenarioId'), { nonEmpty: true });
  const sel = c.object(o.selection ?? {}, joinPath(path, 'selection'));
  if (sel) {
    c.keys(sel, joinPath(path, 'selection'), ['ambito', 'comune']);
    if (sel.ambito !== undefined) slide.selection.ambito = c.string(sel.ambito, joinPath(joinPath(path, 'selection'), 'ambito'), { nonEmpty: true });
    if (sel.comune !== undefined) slide.selection.comune = c.string(sel.comune, joinPath(joinPath(path, 'selection'), 'comune'), { nonEmpty: true });
  }
  return slide;
}

/** Structural check of a parsed presentation object (no territory, no scenarios). */
export function readPresentation(v: unknown, path = 'presentation'): { ok: true; presentation: Presentation } | { ok: false; errors: string[] } {
  const c = new Checker();
  const o = c.object(v, path);
  if (!o) return { ok: false, errors: c.errors };
  c.keys(o, path, ['schemaVersion', 'title', 'slides']);
  if (o.schemaVersion !== PRESENTATION_SCHEMA_VERSION) c.err(joinPath(path, 'schemaVersion'), `versione ${JSON.stringify(o.schemaVersion)} non supportata (attesa ${PRESENTATION_SCHEMA_VERSION})`);
  const title = c.string(o.title, joinPath(path, 'title'), { nonEmpty: true }) ?? '';
  const list = c.array(o.slides, joinPath(path, 'slides')) ?? [];
  if (list.length > MAX_SLIDES) c.err(joinPath(path, 'slides'), `${list.length} diapositive: il massimo è ${MAX_SLIDES}`);
  const slides: Slide[] = [];
  const ids = new Set<string>();
  list.slice(0, MAX_SLIDES).forEach((s, i) => {
    const slide = readSlide(c, s, joinPath(joinPath(path, 'slides'), i));
    if (!slide) return;
    if (slide.id && ids.has(slide.id)) c.err(joinPath(joinPath(joinPath(path, 'slides'), i), 'id'), `id "${slide.id}" ripetuto`);
    ids.add(slide.id);
    slides.push(slide);
  });
  if (c.errors.length) return { ok: false, errors: c.errors };
  return { ok: true, presentation: { schemaVersion: PRESENTATION_SCHEMA_VERSION, title, slides } };
}

/**
 * Problems of a presentation against the territory and the scenarios at hand. Errors make a
 * slide impossible to show as saved; warnings are shown but do not block (e.g. a comune selected
 * in an Ambito that is not the slide's Ambito).
 */
export function checkPresentation(p: Presentation, territory: Territory, scenarios: readonly Scenario[]): { errors: string[]; warnings: string[] } {
  const errors: string[] = [];
  const warnings: string[] = [];
  p.slides.forEach((s, i) => {
    // The JSON path first (like every other import message), then the slide as the user knows it.
    const at = `presentation.slides[${i}]`;
    const where = `diapositiva ${i + 1} ("${s.title}")`;
    if (s.scenarioId !== undefined && !scenarios.some((x) => x.id === s.scenarioId)) errors.push(`${at}.scenarioId: ${where}: lo scenario "${s.scenarioId}" non è nel file`);
    if (s.selection.ambito !== undefined && !territory.ambito(s.selection.ambito)) errors.push(`${at}.selection.ambito: ${where}: Ambito "${s.selection.ambito}" inesistente`);
    if (s.selection.comune !== undefined) {
      const c = territory.comune(s.selection.comune);
      if (!c) errors.push(`${at}.selection.comune: ${where}: comune ISTAT "${s.selection.comune}" inesistente`);
      else if (s.selection.ambito !== undefined && c.ambito !== s.selection.ambito) {
        const scenario = scenarios.find((x) => x.id === s.scenarioId);
        const overridden = scenario ? own(scenario.compositionOverrides, c.istat) : undefined;
        if (overridden !== s.selection.ambito) warnings.push(`${where}: il comune ${c.name} non appartiene all'Ambito ${s.selection.ambito}; verrà mostrato il suo Ambito`);
      }
    }
  });
  return { errors, warnings };
}

/** Reads a presentation file (bytes or text). Never partially succeeds. */
export function importPresentationJson(input: Uint8Array | string, territory: Territory): PresentationImport {
  const decoded = decodeText(input, { jsonFields: true });
  if (!decoded.ok) return decoded;
  const parsed = parseJson(decoded.text);
  if (!parsed.ok) return parsed;
  const c = new Checker();
  const root = c.object(parsed.value, '');
  if (!root) return { ok: false, errors: c.errors };
  if (root.format !== PRESENTATION_FORMAT) {
    const hint = 'schemaVersion' in root && 'statuses' in root ? ': sembra un file di scenario, da importare dalla scheda Scenario' : '';
    return { ok: false, errors: [`format: atteso "${PRESENTATION_FORMAT}", trovato ${JSON.stringify(root.format ?? null)}${hint}`] };
  }
  c.keys(root, '', ['format', 'presentation', 'scenarios']);
  const list = c.array(root.scenarios, 'scenarios') ?? [];
  const read = readPresentation(root.presentation);
  const errors = [...c.errors, ...(read.ok ? [] : read.errors)];
  const scenarios: Scenario[] = [];
  const warnings: string[] = [];
  list.forEach((raw, i) => {
    const r = scenarioFromJsonValue(raw, territory);
    if (!r.ok) errors.push(...r.errors.map((e) => `scenarios[${i}] › ${e}`));
    else {
      if (scenarios.some((s) => s.id === r.scenario.id)) errors.push(`scenarios[${i}].id: id "${r.scenario.id}" ripetuto nel file`);
      scenarios.push(r.scenario);
      warnings.push(...(r.warnings ?? []).map((w) => `scenarios[${i}] › ${w}`));
    }
  });
  if (errors.length || !read.ok) return { ok: false, errors: [...new Set(errors)] };
  const check = checkPresentation(read.presentation, territory, scenarios);
  if (check.errors.length) return { ok: false, errors: check.errors };
  return { ok: true, presentation: read.presentation, scenarios, warnings: [...warnings, ...check.warnings] };
}

/**
 * How to add an imported file to a workspace without breaking the slides' references: a bundled
 * scenario identical to one already present is reused; one whose id is taken by a different
 * scenario gets a fresh id ("<id>-2", …) and the slides follow it.
 */
export function planPresentationImport(
  presentation: Presentation,
  bundled: readonly Scenario[],
  existing: readonly Scenario[],
): { presentation: Presentation; toAdd: Scenario[]; renamed: Record<string, string> } {
  const taken = new Set(existing.map((s) => s.id));
  const renamed: Record<string, string> = {};
  const toAdd: Scenario[] = [];
  for (const s of bundled) {
    const same = existing.find((x) => x.id === s.id);
    if (same && exportScenarioJson(same) === exportScenarioJson(s)) continue;
    let id = s.id;
    if (taken.has(id)) {
      for (let n = 2; ; n++) if (!taken.has(`${s.id}-${n}`)) { id = `${s.id}-${n}`; break; }
      Object.defineProperty(renamed, s.id, { value: id, enumerable: true, writable: true, configurable: true });
    }
    taken.add(id);
    toAdd.push({ ...s, id });
  }
  // Own-property look-up: a scenario id "constructor" must not find Object's constructor.
  const slides = presentation.slides.map((sl) => {
    const to = sl.scenarioId !== undefined ? own(renamed, sl.scenarioId) : undefined;
    return to !== undefined ? { ...sl, scenarioId: to } : sl;
  });
  return { presentation: { ...presentation, slides }, toAdd, renamed };
}
