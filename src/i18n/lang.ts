// The UI language: Italian by default, English on request. This is the one module-level signal
// of the app outside src/state (allowed by issue #6): the language is a preference of the browser,
// not part of a workspace, and every component reads it through t() so it re-renders on a switch.
import { signal } from '@preact/signals';

export type Lang = 'it' | 'en';
export const LANG_STORAGE_KEY = 'pis-lombardia/lang';

function readStored(): Lang {
  try {
    return typeof localStorage !== 'undefined' && localStorage.getItem(LANG_STORAGE_KEY) === 'en' ? 'en' : 'it';
  } catch {
    return 'it'; // storage disabled (private mode, Node): Italian, nothing kept
  }
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
  try {
    if (typeof localStorage !== 'undefined') localStorage.setItem(LANG_STORAGE_KEY, l);
  } catch {
    // storage disabled: the choice lasts until the page is closed
  }
}
