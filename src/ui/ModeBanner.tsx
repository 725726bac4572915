// Shown over the map while a click means something other than "select": building an association
// or placing a base. Esc or "Annulla" leaves the mode.
import { useEffect } from 'preact/hooks';
import { useApp } from './context.ts';
import { t } from '../i18n/strings.ts';

export function ModeBanner() {
  const { territory, state } = useApp();
  const mode = state.mode.value;
  const s = t().mode;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && state.mode.peek() !== 'browse') state.actions.cancelMode();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  if (mode === 'browse') return null;
  if (mode === 'place-base') {
    const svc = state.scenario.value.services.find((x) => x.id === state.baseTarget.value);
    return (
      <div class="mode-banner" role="status">
        {s.placeBase} <strong>{svc?.name}</strong>.
        <button type="button" onClick={() => state.actions.cancelMode()}>{s.cancel}</button>
      </div>
    );
  }
  const pending = state.pending.value;
  return (
    <div class="mode-banner" role="status">
      <div>
        {s.pickAmbiti} <strong data-testid="pending-count">{pending.length}</strong> {s.selected}
        {pending.length > 0 && <span class="small"> ({pending.map((a) => territory.ambito(a)?.name).join(', ')})</span>}
      </div>
      <button type="button" class="primary" disabled={pending.length === 0} onClick={() => state.actions.commitAssociation()}>
        {pending.length > 1 ? s.createSovra : s.create}
      </button>
      <button type="button" onClick={() => state.actions.cancelMode()}>{s.cancel}</button>
    </div>
  );
}
