// The presentation's editor in the topbar: start, save the current view as a slide, reorder,
// rename, remove, export and import the presentation file (with its scenarios).
import { useRef } from 'preact/hooks';
import { useApp } from '../context.ts';
import { usePresentation } from './context.tsx';
import { t } from '../../i18n/strings.ts';
import { download, slug } from '../download.ts';

export function PresenterMenu() {
  const { state } = useApp();
  const p = usePresentation();
  const file = useRef<HTMLInputElement>(null);
  const pres = p.presentation.value;
  const scenarios = state.workspace.value.scenarios;
  const problems = p.actions.problems();
  const tt = t();
  const R = tt.presenter;
  return (
    <div class="presenter-menu">
      <button type="button" class="presenter-start" data-action="presenter-start" onClick={() => p.actions.start()} title={R.startTitle}>
        {R.start}
      </button>
      <details class="presenter-slides">
        <summary>{R.slides(pres.slides.length)}</summary>
        <div class="presenter-slides-body">
          <label class="small" for="presentation-title">{R.title}</label>
          <input id="presentation-title" value={pres.title} onChange={(e) => p.actions.rename((e.target as HTMLInputElement).value)} />
          <ol class="slide-list" data-testid="slide-list">
            {pres.slides.map((s, i) => {
              const sc = scenarios.find((x) => x.id === s.scenarioId);
              return (
                <li key={s.id}>
                  <label class="sr-only" for={`slide-title-${s.id}`}>{R.slideTitle(i + 1)}</label>
                  <input id={`slide-title-${s.id}`} value={s.title} onChange={(e) => {
                    const t = (e.target as HTMLInputElement).value.trim();
                    if (t) p.actions.updateSlide(s.id, { title: t });
                  }} />
                  <span class="small muted">{tt.level[s.level]}{s.scenarioId ? ` · ${sc ? sc.name : R.missingScenario(s.scenarioId)}` : ''}</span>
                  <span class="slide-buttons">
                    <button type="button" onClick={() => p.actions.start(i)} aria-label={R.presentFrom(i + 1)}>▶</button>
                    <button type="button" onClick={() => p.actions.moveSlide(s.id, -1)} disabled={i === 0} aria-label={R.moveUp(i + 1)}>↑</button>
                    <button type="button" onClick={() => p.actions.moveSlide(s.id, 1)} disabled={i === pres.slides.length - 1} aria-label={R.moveDown(i + 1)}>↓</button>
                    <label class="slide-panel-toggle"><input type="checkbox" checked={s.showPanel} onChange={(e) => p.actions.updateSlide(s.id, { showPanel: (e.target as HTMLInputElement).checked })} /> {R.panel}</label>
                    <button type="button" onClick={() => p.actions.removeSlide(s.id)} aria-label={R.remove(i + 1)}>✕</button>
                  </span>
                </li>
              );
            })}
          </ol>
          {problems.errors.length > 0 && <ul class="small notice error">{problems.errors.map((e) => <li key={e}>{e}</li>)}</ul>}
          <div class="actions">
            <button type="button" onClick={() => p.actions.addCurrentView()}>{R.addView}</button>
            <button type="button" onClick={() => {
              try {
                download(`presentazione-${slug(pres.title)}.json`, p.actions.exportFile(), 'application/json');
              } catch (err) {
                state.actions.notify({ kind: 'error', text: err instanceof Error ? err.message : String(err) });
              }
            }}>{R.export}</button>
            <input ref={file} id="presentation-file" type="file" accept=".json" class="sr-only" tabIndex={-1} aria-hidden="true" onChange={async (e) => {
              const input = e.target as HTMLInputElement;
              const f = input.files?.[0];
              if (f) await p.actions.importFile(f);
              input.value = '';
            }} />
            <button type="button" onClick={() => file.current?.click()}>{R.import}</button>
            <button type="button" onClick={() => p.actions.resetToStarter()}>{R.reset}</button>
          </div>
          <p class="small muted">{R.keys}</p>
        </div>
      </details>
    </div>
  );
}
