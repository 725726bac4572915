// Presenter state: the presentation (ordered slides), whether it is running, the current slide.
// This module is the only writer of these signals. Showing a slide goes through the app's own
// actions (scenario, colouring, selection, panel), plus the camera on the map, so the presenter
// never writes app state behind the app's back. Persistence is explicit: every edit is saved.
import { batch, signal } from '@preact/signals';
import type { Territory } from '../../core/territory/index.ts';
import {
  PresentationEditError, addSlide, checkPresentation, exportPresentationJson, importPresentationJson, moveSlide, planPresentationImport,
  readPresentation, removeSlide, renamePresentation, starterPresentation, stepIndex, updateSlide, type Presentation, type Slide,
} from '../../core/presentation/index.ts';
import type { AppState } from '../../state/appState.ts';
import { t } from '../../i18n/strings.ts';
import type { MapLike } from '../../export/exportView.ts';

export const PRESENTATION_STORAGE_KEY = 'pis-lombardia/presentation/v1';
const LOMBARDIA: [number, number, number, number] = [8.49, 44.67, 11.43, 46.64];

/** What the presenter needs of the map besides what the export needs. */
export interface PresenterMap extends MapLike {
  jumpTo(o: { center: [number, number]; zoom: number }): unknown;
  fitBounds(b: [number, number, number, number], o: { padding: number | { top: number; bottom: number; left: number; right: number }; duration: number }): unknown;
}

interface Storage { getItem(k: string): string | null; setItem(k: string, v: string): void }

/** The view as it was before presenting, restored on exit. */
interface SavedView {
  scenarioId: string;
  level: Slide['level'];
  panel: Slide['panel'];
  ambito?: string;
  comune?: string;
  basemap: boolean;
  labels: boolean;
  camera?: { center: [number, number]; zoom: number };
}

const r5 = (x: number) => Math.round(x * 1e5) / 1e5;

export function createPresentationState(app: AppState, territory: Territory, deps: { getMap: () => PresenterMap | undefined; storage?: Pick<Storage, 'getItem' | 'setItem'> }) {
  const storage = deps.storage;
  const load = (): Presentation => {
    try {
      const raw = storage?.getItem(PRESENTATION_STORAGE_KEY);
      if (raw) {
        const r = readPresentation(JSON.parse(raw));
        if (r.ok) return r.presentation;
      }
    } catch {
      // unreadable or storage disabled: start from the example slides
    }
    return starterPresentation(app.workspace.peek().currentId);
  };
  const presentation = signal<Presentation>(load());
  const active = signal(false);
  const index = signal(0);
  const fullscreen = signal(false);
  /** Problems met while showing the current slide (e.g. its scenario was deleted). */
  const slideWarning = signal<string | undefined>(undefined);
  let saved: SavedView | undefined;
  let enteredFullscreen = false;

  const commit = (next: Presentation) => {
    presentation.value = next;
    if (index.value >= next.slides.length) index.value = Math.max(0, next.slides.length - 1);
    try {
      storage?.setItem(PRESENTATION_STORAGE_KEY, JSON.stringify(next));
    } catch (err) {
      app.actions.notify({ kind: 'error', text: t().presenterNotices.notSaved(err instanceof Error ? err.message : String(err)) });
    }
  };
  const guard = (fn: () => void) => {
    try {
      fn();
    } catch (err) {
      if (err instanceof PresentationEditError) app.actions.notify({ kind: 'error', text: err.message });
      else throw err;
    }
  };

  function currentView(): SavedView {
    const map = deps.getMap();
    const c = map?.getCenter();
    return {
      scenarioId: app.workspace.value.currentId,
      level: app.level.value,
      panel: app.panel.value,
      ambito: app.selectedAmbito.value,
      comune: app.selectedComune.value,
      basemap: app.basemap.value,
      labels: app.labels.value,
      camera: map && c ? { center: [r5(c.lng), r5(c.lat)], zoom: Math.round(map.getZoom() * 100) / 100 } : undefined,
    };
  }

  function showView(v: { scenarioId?: string; level: Slide['level']; panel: Slide['panel']; ambito?: string; comune?: string; basemap: boolean; labels: boolean; camera?: SavedView['camera'] }): string | undefined {
    let warning: string | undefined;
    const w = app.workspace.value;
    batch(() => {
      if (v.scenarioId && v.scenarioId !== w.currentId) {
        if (w.scenarios.some((s) => s.id === v.scenarioId)) app.actions.selectScenario(v.scenarioId);
        else warning = t().presenterNotices.missingScenario(v.scenarioId);
      }
      app.actions.setLevel(v.level);
      const framed = !v.camera;
      if (v.comune && territory.comune(v.comune)) app.actions.selectComune(v.comune, { focus: framed });
      else app.actions.selectAmbito(v.ambito, { focus: framed && !!v.ambito });
      app.actions.setPanel(v.panel);
      app.actions.setBasemap(v.basemap);
      app.actions.setLabels(v.labels);
    });
    const map = deps.getMap();
    if (map) {
      if (v.camera) map.jumpTo({ center: v.camera.center, zoom: v.camera.zoom });
      else if (!v.ambito && !v.comune) {
        // The legend sits top-left over the Alps (no province there): the region can fill the screen.
        map.fitBounds(LOMBARDIA, { padding: 16, duration: 0 });
      }
    }
    return warning;
  }

  const showSlide = (i: number) => {
    const s = presentation.value.slides[i];
    if (!s) return;
    index.value = i;
    slideWarning.value = showView({ ...s, ambito: s.selection.ambito, comune: s.selection.comune });
  };

  const onFullscreenChange = () => {
    fullscreen.value = !!document.fullscreenElement;
    // The browser takes Esc to leave fullscreen before the page sees it: leaving the fullscreen
    // we entered also leaves the presentation, so one Esc is enough.
    if (!document.fullscreenElement && enteredFullscreen) {
      enteredFullscreen = false;
      if (active.value) actions.stop();
    }
  };
  if (typeof document !== 'undefined') document.addEventListener('fullscreenchange', onFullscreenChange);

  const actions = {
    start(at = 0) {
      if (active.value) return showSlide(at);
      let p = presentation.value;
      if (!p.slides.length) {
        // Nothing saved yet: the current view becomes the first slide, so the mode always has something to show.
        actions.addCurrentView(t().presenterNotices.currentView);
        p = presentation.value;
      }
      saved = currentView();
      active.value = true;
      showSlide(Math.max(0, Math.min(at, p.slides.length - 1)));
    },
    stop() {
      if (!active.value) return;
      active.value = false;
      slideWarning.value = undefined;
      if (document.fullscreenElement && enteredFullscreen) {
        enteredFullscreen = false;
        void document.exitFullscreen().catch(() => undefined);
      }
      if (saved) showView(saved);
      saved = undefined;
    },
    next() {
      if (active.value) showSlide(stepIndex(index.value, 1, presentation.value.slides.length));
    },
    prev() {
      if (active.value) showSlide(stepIndex(index.value, -1, presentation.value.slides.length));
    },
    goTo(i: number) {
      if (active.value) showSlide(stepIndex(i, 0, presentation.value.slides.length));
    },
    async toggleFullscreen() {
      try {
        if (document.fullscreenElement) {
          enteredFullscreen = false;
          await document.exitFullscreen();
        } else {
          await document.documentElement.requestFullscreen();
          enteredFullscreen = true;
        }
      } catch {
        // Refused (no user gesture, or a browser without fullscreen): the mode works in the window.
      }
    },
    /** Saves what is on screen now as a slide, after the current one when presenting. */
    addCurrentView(title?: string) {
      const v = currentView();
      const sel = app.selection.value;
      guard(() => commit(addSlide(presentation.value, {
        title: title ?? (sel ? t().presenterNotices.ambitoSlide(sel.name) : t().presenterNotices.slide(presentation.value.slides.length + 1)),
        note: '',
        camera: v.camera,
        level: v.level,
        scenarioId: v.scenarioId,
        panel: v.panel,
        showPanel: false,
        selection: { ambito: v.ambito, comune: v.comune },
        basemap: v.basemap,
        labels: v.labels,
      })));
    },
    removeSlide(id: string) {
      guard(() => commit(removeSlide(presentation.value, id)));
    },
    moveSlide(id: string, delta: number) {
      const from = presentation.value.slides.findIndex((s) => s.id === id);
      guard(() => commit(moveSlide(presentation.value, id, from + delta)));
    },
    updateSlide(id: string, patch: Partial<Omit<Slide, 'id'>>) {
      guard(() => commit(updateSlide(presentation.value, id, patch)));
    },
    rename(title: string) {
      commit(renamePresentation(presentation.value, title));
    },
    resetToStarter() {
      commit(starterPresentation(app.workspace.value.currentId));
    },
    /** The file text (presentation + the scenarios it uses); throws with an Italian message if a scenario is gone. */
    exportFile(): string {
      return exportPresentationJson(presentation.value, app.workspace.value.scenarios);
    },
    /** Replaces the presentation with a file's; its scenarios join the workspace. All or nothing. */
    async importFile(file: { name: string; arrayBuffer(): Promise<ArrayBuffer> }) {
      const r = importPresentationJson(new Uint8Array(await file.arrayBuffer()), territory);
      if (!r.ok) {
        app.actions.notify({ kind: 'error', text: t().presenterNotices.rejected(file.name), details: r.errors });
        return;
      }
      const before = app.workspace.value.currentId;
      const plan = planPresentationImport(r.presentation, r.scenarios, app.workspace.value.scenarios);
      batch(() => {
        for (const s of plan.toAdd) app.actions.addScenario(s, `Presentazione ${file.name}`);
        if (plan.toAdd.length) app.actions.selectScenario(before);
        commit(plan.presentation);
        index.value = 0;
      });
      const renamed = Object.entries(plan.renamed).map(([a, b]) => `scenario "${a}" importato come "${b}" (l'id era già usato)`);
      app.actions.notify({
        kind: 'info',
        text: t().presenterNotices.imported(file.name, plan.presentation.title, plan.presentation.slides.length, plan.toAdd.length),
        details: [...r.warnings, ...renamed],
      });
    },
    /** Problems of the slides against the current workspace (shown in the slide list). */
    problems(): { errors: string[]; warnings: string[] } {
      return checkPresentation(presentation.value, territory, app.workspace.value.scenarios);
    },
    dispose() {
      document.removeEventListener('fullscreenchange', onFullscreenChange);
    },
  };

  return { presentation, active, index, fullscreen, slideWarning, actions };
}

export type PresentationState = ReturnType<typeof createPresentationState>;
