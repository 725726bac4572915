// The user's scenarios and their persistence. Pure helpers plus a small storage adapter: the app
// state (appState.ts) is the only caller, so there is still one writer.
import { defaultScenario, importScenarioJson, type Scenario } from '../core/scenario/index.ts';
import type { Territory } from '../core/territory/index.ts';

export interface Workspace {
  version: 1;
  currentId: string;
  scenarios: Scenario[];
}

export const STORAGE_KEY = 'pis-lombardia/workspace/v1';

export function initialWorkspace(territory: Territory): Workspace {
  const s = defaultScenario(territory);
  return { version: 1, currentId: s.id, scenarios: [s] };
}

/**
 * Reads the autosaved workspace. Every scenario goes through the same validation as an import: a
 * damaged entry is dropped and reported, never silently trusted.
 */
export function loadWorkspace(raw: string | null, territory: Territory): { workspace: Workspace; problems: string[] } {
  if (!raw) return { workspace: initialWorkspace(territory), problems: [] };
  const problems: string[] = [];
  try {
    const parsed = JSON.parse(raw) as Partial<Workspace>;
    const scenarios: Scenario[] = [];
    for (const [i, s] of (Array.isArray(parsed.scenarios) ? parsed.scenarios : []).entries()) {
      const r = importScenarioJson(JSON.stringify(s), territory);
      if (r.ok) scenarios.push(r.scenario);
      else problems.push(`scenario salvato n. ${i + 1} scartato: ${r.errors.slice(0, 3).join('; ')}`);
    }
    if (!scenarios.length) return { workspace: initialWorkspace(territory), problems };
    const currentId = scenarios.some((s) => s.id === parsed.currentId) ? parsed.currentId! : scenarios[0].id;
    return { workspace: { version: 1, currentId, scenarios }, problems };
  } catch (err) {
    problems.push(`salvataggio locale illeggibile (${err instanceof Error ? err.message : String(err)}): ripartito dai dati documentati`);
    return { workspace: initialWorkspace(territory), problems };
  }
}

export function currentScenario(w: Workspace): Scenario {
  return w.scenarios.find((s) => s.id === w.currentId) ?? w.scenarios[0];
}

export function replaceCurrent(w: Workspace, next: Scenario): Workspace {
  return { ...w, scenarios: w.scenarios.map((s) => (s.id === w.currentId ? next : s)) };
}

/** A fresh id not used by any scenario of the workspace. */
export function newScenarioId(w: Workspace, base: string): string {
  const taken = new Set(w.scenarios.map((s) => s.id));
  for (let n = 1; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** Bounded undo/redo over whole workspaces (they are immutable, so snapshots are cheap). */
export interface History {
  past: Workspace[];
  future: Workspace[];
}
export const HISTORY_LIMIT = 100;

export function pushHistory(h: History, before: Workspace): History {
  return { past: [...h.past.slice(-(HISTORY_LIMIT - 1)), before], future: [] };
}
