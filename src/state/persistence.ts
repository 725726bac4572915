// The one module that touches the browser's storage. Every key the app keeps is listed in its
// owner module (workspace, recovery slot, official table, language, presenter, panel width), but
// reads and writes all go through these two stores, so that there is one place that knows how
// storage fails: disabled (private mode) or absent (Node) storage reads as empty; a write that
// fails (quota, disabled) throws for the caller that must tell the user (autosave) and returns
// false from trySet for the preferences that can live without it. The lint enforces it
// (no localStorage / sessionStorage anywhere else in src).
export interface Store {
  get(key: string): string | null;
  /** Throws when the browser refuses the write. */
  set(key: string, value: string): void;
  /** false when the browser refuses the write (a preference: it lasts until the page is closed). */
  trySet(key: string, value: string): boolean;
  remove(key: string): void;
}

type Backend = { getItem(k: string): string | null; setItem(k: string, v: string): void; removeItem(k: string): void };

function backend(kind: 'local' | 'session'): Backend | undefined {
  try {
    const g = globalThis as unknown as { localStorage?: Backend; sessionStorage?: Backend };
    return kind === 'local' ? g.localStorage : g.sessionStorage;
  } catch {
    return undefined; // reading the property itself throws when storage is disabled
  }
}

export function createStore(get: () => Backend | undefined): Store {
  return {
    get(key) {
      try {
        return get()?.getItem(key) ?? null;
      } catch {
        return null;
      }
    },
    set(key, value) {
      const b = get();
      if (!b) throw new Error('memoria del browser non disponibile');
      b.setItem(key, value);
    },
    trySet(key, value) {
      try {
        const b = get();
        if (!b) return false;
        b.setItem(key, value);
        return true;
      } catch {
        return false;
      }
    },
    remove(key) {
      try {
        get()?.removeItem(key);
      } catch {
        // not writable: nothing to remove
      }
    },
  };
}

/** localStorage: what survives a reload. */
export const localStore: Store = createStore(() => backend('local'));
/** sessionStorage: what lasts for this tab only. */
export const sessionStore: Store = createStore(() => backend('session'));
