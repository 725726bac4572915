// Pure edits of a presentation: every function returns a new object and never mutates its input,
// so the UI can keep presentations in signals and persist them as they are.
import type { Presentation, Slide } from './types.ts';
import { MAX_SLIDES, PRESENTATION_SCHEMA_VERSION } from './types.ts';

export class PresentationEditError extends Error {}

export function emptyPresentation(title = 'Presentazione'): Presentation {
  return { schemaVersion: PRESENTATION_SCHEMA_VERSION, title, slides: [] };
}

/** A slide id not used in the presentation ("s1", "s2", …): short, stable, readable in files. */
export function newSlideId(p: Presentation): string {
  const taken = new Set(p.slides.map((s) => s.id));
  for (let n = 1; ; n++) if (!taken.has(`s${n}`)) return `s${n}`;
}

export type SlideDraft = Omit<Slide, 'id'> & { id?: string };

/** Appends (or inserts at `index`) a slide; its id is made unique. */
export function addSlide(p: Presentation, draft: SlideDraft, index = p.slides.length): Presentation {
  if (p.slides.length >= MAX_SLIDES) throw new PresentationEditError(`Troppe diapositive: il massimo è ${MAX_SLIDES}.`);
  const id = draft.id && !p.slides.some((s) => s.id === draft.id) ? draft.id : newSlideId(p);
  const slide: Slide = { ...draft, id, selection: { ...draft.selection } };
  const at = Math.max(0, Math.min(index, p.slides.length));
  return { ...p, slides: [...p.slides.slice(0, at), slide, ...p.slides.slice(at)] };
}

export function removeSlide(p: Presentation, id: string): Presentation {
  if (!p.slides.some((s) => s.id === id)) throw new PresentationEditError(`Diapositiva "${id}" inesistente.`);
  return { ...p, slides: p.slides.filter((s) => s.id !== id) };
}

/** Moves a slide to position `to` (clamped), the others keep their relative order. */
export function moveSlide(p: Presentation, id: string, to: number): Presentation {
  const from = p.slides.findIndex((s) => s.id === id);
  if (from < 0) throw new PresentationEditError(`Diapositiva "${id}" inesistente.`);
  const moved = p.slides[from];
  if (!moved) throw new PresentationEditError(`Diapositiva "${id}" inesistente.`);
  const target = Math.max(0, Math.min(to, p.slides.length - 1));
  if (target === from) return p;
  const rest = p.slides.filter((s) => s.id !== id);
  return { ...p, slides: [...rest.slice(0, target), moved, ...rest.slice(target)] };
}

export function updateSlide(p: Presentation, id: string, patch: Partial<Omit<Slide, 'id'>>): Presentation {
  if (!p.slides.some((s) => s.id === id)) throw new PresentationEditError(`Diapositiva "${id}" inesistente.`);
  return { ...p, slides: p.slides.map((s) => (s.id === id ? { ...s, ...patch, id } : s)) };
}

export function renamePresentation(p: Presentation, title: string): Presentation {
  const t = title.trim();
  return t && t !== p.title ? { ...p, title: t } : p;
}

/** Ids of the scenarios the slides name, in first-use order (what an export must carry). */
export function referencedScenarioIds(p: Presentation): string[] {
  const out: string[] = [];
  for (const s of p.slides) if (s.scenarioId && !out.includes(s.scenarioId)) out.push(s.scenarioId);
  return out;
}

/** Step through slides without wrapping: a presenter pressing → on the last slide stays there. */
export function stepIndex(index: number, delta: number, count: number): number {
  if (count <= 0) return 0;
  return Math.max(0, Math.min(count - 1, index + delta));
}

/**
 * A starting presentation for a scenario: three views of what the app shows (the 91 Ambiti by
 * ATS, the PIS status of the scenario, the Ambito of Rho, whose PIS is documented). Views only, no figures: every number
 * on screen still comes from the scenario and the territory.
 */
/** Titles of the starter slides: fixed Italian texts that the UI also treats as message ids (English titles in src/i18n). */
export const STARTER_TITLES = Object.freeze({
  ats: 'I 91 Ambiti territoriali della Lombardia',
  pis: 'Stato del Pronto Intervento Sociale negli Ambiti',
  rho: 'Ambito di Rho',
});

export function starterPresentation(scenarioId: string | undefined, rhoAmbito = '50095'): Presentation {
  let p = emptyPresentation('PIS Lombardia');
  const base = { note: '', scenarioId, panel: 'info' as const, showPanel: false, selection: {}, basemap: false, labels: true };
  p = addSlide(p, { ...base, title: STARTER_TITLES.ats, level: 'ats' });
  p = addSlide(p, { ...base, title: STARTER_TITLES.pis, level: 'pis' });
  p = addSlide(p, { ...base, title: STARTER_TITLES.rho, level: 'pis', selection: { ambito: rhoAmbito }, panel: 'info', showPanel: true });
  return p;
}
