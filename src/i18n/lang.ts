// The UI language: Italian by default, English on request. This is the one module-level signal
// of the app outside src/state (allowed by issue #6): the language is a preference of the browser,
// not part of a workspace, and every component reads it through t() so it re-renders on a switch.
import { signal } from '@preact/signals';
import { localStore } from '../state/persistence.ts';

export type Lang = 'it' | 'en';
export const LANG_STORAGE_KEY = 'pis-lombardia/lang';

function readStored(): Lang {
  // storage disabled (private mode, Node): Italian, nothing kept
  return localStore.get(LANG_STORAGE_KEY) === 'en' ? 'en' : 'it';
}

function reflect(l: Lang): void {
  if (typeof document !== 'undefined') document.documentElement.lang = l;
}

/** The current UI language (module-level signal, see the comment at the top). */
export const lang = signal<Lang>(readStored());
reflect(lang.peek());

export function setLang(l: Lang): void {
  lang.value = l;
  reflect(l);
  localStore.trySet(LANG_STORAGE_KEY, l); // storage disabled: the choice lasts until the page is closed
}
