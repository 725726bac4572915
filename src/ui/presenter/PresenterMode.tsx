// Presenter mode: the map full screen with a high-contrast, large-type frame (slide title on top,
// sources and dates at the bottom), editing chrome hidden by presenter.css. Keyboard: → / ←
// (also PageDown / PageUp, space) next / previous, Home / End, F fullscreen, Esc exit; P starts
// it from anywhere outside a text field. Needs no network: it only re-arranges what is loaded.
import { slideTitle } from '../../i18n/modelText.ts';
import { useEffect, useRef } from 'preact/hooks';
import { useApp } from '../context.ts';
import { usePresentation } from './context.tsx';
import { t } from '../../i18n/strings.ts';
import { itDate } from '../../export/caption.ts';
import '../../presenter.css';

const isTyping = (t: EventTarget | null) => t instanceof HTMLElement && (/^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) || t.isContentEditable);

export function PresenterMode() {
  const { state } = useApp();
  const p = usePresentation();
  const root = useRef<HTMLDivElement>(null);
  const active = p.active.value;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (!p.active.peek()) {
        if ((e.key === 'p' || e.key === 'P') && !isTyping(e.target)) {
          e.preventDefault();
          p.actions.start();
        }
        return;
      }
      let handled = true;
      switch (e.key) {
        case 'ArrowRight': case 'PageDown': case ' ': p.actions.next(); break;
        case 'ArrowLeft': case 'PageUp': p.actions.prev(); break;
        case 'Home': p.actions.goTo(0); break;
        case 'End': p.actions.goTo(p.presentation.peek().slides.length - 1); break;
        case 'f': case 'F': void p.actions.toggleFullscreen(); break;
        case 'Escape': p.actions.stop(); break;
        default: handled = false;
      }
      // Capture phase + stop: the map's own arrow-key panning must not also react.
      if (handled) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  const slides = p.presentation.value.slides;
  const slide = slides[p.index.value];
  useEffect(() => {
    const html = document.documentElement;
    html.classList.toggle('presenting', active);
    html.classList.toggle('presenting-panel', active && !!slide?.showPanel);
    if (active) root.current?.focus();
  }, [active, slide?.showPanel]);
  useEffect(() => () => document.documentElement.classList.remove('presenting', 'presenting-panel'), []);

  if (!active || !slide) return null;
  const scenario = state.scenario.value;
  const tt = t();
  const S = tt.common;
  const R = tt.presenter;
  const n = p.index.value + 1;
  const today = new Date();
  const todayIso = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
  return (
    <div ref={root} class="presenter" role="region" aria-roledescription={R.roleDescription} aria-label={R.label(p.presentation.value.title)} tabIndex={-1} data-testid="presenter">
      <div class="presenter-head">
        <div class="presenter-titles">
          <h1 class="slide-title" data-testid="slide-title">{slideTitle(slide.title)}</h1>
          <p class="slide-sub">{slide.note || R.sub(tt.levelLong[slide.level], scenario.name)}</p>
        </div>
        <nav class="presenter-controls" aria-label={R.controls}>
          <span class="slide-count" data-testid="slide-count">{n} / {slides.length}</span>
          <button type="button" onClick={() => p.actions.prev()} disabled={n <= 1} aria-label={R.prevLabel} title={R.prevTitle}>◀</button>
          <button type="button" onClick={() => p.actions.next()} disabled={n >= slides.length} aria-label={R.nextLabel} title={R.nextTitle}>▶</button>
          <button type="button" onClick={() => void p.actions.toggleFullscreen()} aria-pressed={p.fullscreen.value} aria-label={R.fullscreenLabel} title={R.fullscreenLabel}>{R.fullscreen}</button>
          <button type="button" onClick={() => p.actions.stop()} data-action="presenter-exit" aria-label={R.exitLabel} title={R.exitLabel}>{R.exit}</button>
        </nav>
      </div>
      <div class="presenter-foot">
        {scenario.illustrative && <strong class="presenter-illustrative" role="note">{S.illustrativeBanner}</strong>}
        {p.slideWarning.value && <span class="presenter-warning" role="alert">{p.slideWarning.value}</span>}
        <span class="presenter-source">{R.sources(S.attribution)}</span>
        <span class="presenter-date">{R.dateLine(scenario.name, itDate(scenario.referenceDate), S.populationDate, itDate(todayIso))}</span>
      </div>
      <p class="sr-only" aria-live="polite" aria-atomic="true">{R.live(n, slides.length, slide.title)}</p>
    </div>
  );
}
