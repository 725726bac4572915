// The presenter's state, created once inside the app context and shared by the menu (topbar) and
// the presenter overlay.
import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useMemo } from 'preact/hooks';
import { useApp } from '../context.ts';
import { localStore } from '../../state/persistence.ts';
import { createPresentationState, type PresentationState, type PresenterMap } from './state.ts';

export const PresentationCtx = createContext<PresentationState | null>(null);

export function usePresentation(): PresentationState {
  const p = useContext(PresentationCtx);
  if (!p) throw new Error('PresentationProvider mancante');
  return p;
}

/** The presenter's slides in the browser, through the app's one storage module (storage disabled: they live until the page is closed). */
const browserStorage = () => ({ getItem: (k: string) => localStore.get(k), setItem: (k: string, v: string) => localStore.set(k, v) });

export function PresentationProvider({ children, getMap: getMapProp }: { children: ComponentChildren; getMap?: () => PresenterMap | undefined }) {
  const { state, territory, mapAccess } = useApp();
  const getMap = getMapProp ?? mapAccess.get;
  const p = useMemo(() => createPresentationState(state, territory, { getMap, storage: browserStorage() }), []);
  useEffect(() => () => p.actions.dispose(), []);
  return <PresentationCtx.Provider value={p}>{children}</PresentationCtx.Provider>;
}
