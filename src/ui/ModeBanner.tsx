// Shown over the map while a click means something other than "select": building an association
// or placing a base. Esc or "Annulla" leaves the mode.
import { useEffect } from 'preact/hooks';
import { useApp } from './context.ts';

export function ModeBanner() {
  const { territory, state } = useApp();
  const mode = state.mode.value;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && state.mode.peek() !== 'browse') state.actions.cancelMode();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  if (mode === 'browse') return null;
  if (mode === 'place-base') {
    const svc = state.scenario.value.services.find((s) => s.id === state.baseTarget.value);
    return (
      <div class="mode-banner" role="status">
        Clicca sulla mappa il punto della nuova base di <strong>{svc?.name}</strong>.
        <button type="button" onClick={() => state.actions.cancelMode()}>Annulla</button>
      </div>
    );
  }
  const pending = state.pending.value;
  return (
    <div class="mode-banner" role="status">
      <div>
        Clicca gli Ambiti da associare: <strong data-testid="pending-count">{pending.length}</strong> selezionati
        {pending.length > 0 && <span class="small"> ({pending.map((a) => territory.ambito(a)?.name).join(', ')})</span>}
      </div>
      <button type="button" class="primary" disabled={pending.length === 0} onClick={() => state.actions.commitAssociation()}>
        {pending.length > 1 ? 'Crea PIS sovra-Ambito' : 'Crea PIS'}
      </button>
      <button type="button" onClick={() => state.actions.cancelMode()}>Annulla</button>
    </div>
  );
}
