// The presentation's editor in the topbar: start, save the current view as a slide, reorder,
// rename, remove, export and import the presentation file (with its scenarios).
import { useRef } from 'preact/hooks';
import { useApp } from '../context.ts';
import { usePresentation } from './context.tsx';
import { LEVEL_LABEL } from '../../i18n/strings.ts';
import { download, slug } from '../download.ts';

export function PresenterMenu() {
  const { state } = useApp();
  const p = usePresentation();
  const file = useRef<HTMLInputElement>(null);
  const pres = p.presentation.value;
  const scenarios = state.workspace.value.scenarios;
  const problems = p.actions.problems();
  return (
    <div class="presenter-menu">
      <button type="button" class="presenter-start" data-action="presenter-start" onClick={() => p.actions.start()} title="Avvia la presentazione (tasto P)">
        Presenta
      </button>
      <details class="presenter-slides">
        <summary>Diapositive ({pres.slides.length})</summary>
        <div class="presenter-slides-body">
          <label class="small" for="presentation-title">Titolo della presentazione</label>
          <input id="presentation-title" value={pres.title} onChange={(e) => p.actions.rename((e.target as HTMLInputElement).value)} />
          <ol class="slide-list" data-testid="slide-list">
            {pres.slides.map((s, i) => {
              const sc = scenarios.find((x) => x.id === s.scenarioId);
              return (
                <li key={s.id}>
                  <label class="sr-only" for={`slide-title-${s.id}`}>Titolo della diapositiva {i + 1}</label>
                  <input id={`slide-title-${s.id}`} value={s.title} onChange={(e) => {
                    const t = (e.target as HTMLInputElement).value.trim();
                    if (t) p.actions.updateSlide(s.id, { title: t });
                  }} />
                  <span class="small muted">{LEVEL_LABEL[s.level]}{s.scenarioId ? ` · ${sc ? sc.name : `scenario "${s.scenarioId}" mancante`}` : ''}</span>
                  <span class="slide-buttons">
                    <button type="button" onClick={() => p.actions.start(i)} aria-label={`Presenta dalla diapositiva ${i + 1}`}>▶</button>
                    <button type="button" onClick={() => p.actions.moveSlide(s.id, -1)} disabled={i === 0} aria-label={`Sposta su la diapositiva ${i + 1}`}>↑</button>
                    <button type="button" onClick={() => p.actions.moveSlide(s.id, 1)} disabled={i === pres.slides.length - 1} aria-label={`Sposta giù la diapositiva ${i + 1}`}>↓</button>
                    <label class="slide-panel-toggle"><input type="checkbox" checked={s.showPanel} onChange={(e) => p.actions.updateSlide(s.id, { showPanel: (e.target as HTMLInputElement).checked })} /> pannello</label>
                    <button type="button" onClick={() => p.actions.removeSlide(s.id)} aria-label={`Elimina la diapositiva ${i + 1}`}>✕</button>
                  </span>
                </li>
              );
            })}
          </ol>
          {problems.errors.length > 0 && <ul class="small notice error">{problems.errors.map((e) => <li key={e}>{e}</li>)}</ul>}
          <div class="actions">
            <button type="button" onClick={() => p.actions.addCurrentView()}>Aggiungi la vista corrente</button>
            <button type="button" onClick={() => {
              try {
                download(`presentazione-${slug(pres.title)}.json`, p.actions.exportFile(), 'application/json');
              } catch (err) {
                state.actions.notify({ kind: 'error', text: err instanceof Error ? err.message : String(err) });
              }
            }}>Esporta presentazione</button>
            <input ref={file} id="presentation-file" type="file" accept=".json" class="sr-only" tabIndex={-1} aria-hidden="true" onChange={async (e) => {
              const input = e.target as HTMLInputElement;
              const f = input.files?.[0];
              if (f) await p.actions.importFile(f);
              input.value = '';
            }} />
            <button type="button" onClick={() => file.current?.click()}>Importa presentazione…</button>
            <button type="button" onClick={() => p.actions.resetToStarter()}>Ripristina l'esempio</button>
          </div>
          <p class="small muted">Tasti durante la presentazione: → / ← diapositiva successiva / precedente, F schermo intero, Esc esci.</p>
        </div>
      </details>
    </div>
  );
}
