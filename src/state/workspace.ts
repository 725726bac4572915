// The user's scenarios and their persistence. Pure helpers plus a small storage adapter: the app
// state (appState.ts) is the only caller, so there is still one writer.
import { defaultScenario, type Scenario } from '../core/scenario/index.ts';
import { scenarioFromJsonValue } from '../core/scenario/serialize.ts';
import { checkJsonTextBounds } from '../core/scenario/jsonBounds.ts';
import type { Territory } from '../core/territory/index.ts';

export interface Workspace {
  version: 1;
  currentId: string;
  scenarios: Scenario[];
}

export const STORAGE_KEY = 'pis-lombardia/workspace/v1';
/** Saved entries that no longer validate: kept here (never deleted by autosave) for download. */
export const RECOVERY_KEY = 'pis-lombardia/recovery/v1';
const MAX_RECOVERED = 20;

/** A saved scenario (or a whole unreadable save) set aside instead of discarded. */
export interface RecoveredEntry {
  savedAt: string;
  /** "scenario salvato n. 2 (Nome)" or "salvataggio locale". */
  label: string;
  errors: string[];
  /** The saved text as it was, to download and repair. */
  text: string;
}

/** Adds entries to the recovery slot's JSON (deduplicated by text, newest kept, bounded). */
export function mergeRecovery(previous: string | null, added: readonly RecoveredEntry[]): string {
  let list: RecoveredEntry[] = [];
  try {
    const v = previous ? (JSON.parse(previous) as unknown) : [];
    if (Array.isArray(v)) list = v.filter((e): e is RecoveredEntry => typeof e === 'object' && e !== null && typeof (e as RecoveredEntry).text === 'string');
  } catch {
    list = [];
  }
  const texts = new Set(added.map((e) => e.text));
  return JSON.stringify([...list.filter((e) => !texts.has(e.text)), ...added].slice(-MAX_RECOVERED));
}

/** The file offered for download: one recovered scenario as is, several as a JSON list. */
export function recoveryDownload(entries: readonly RecoveredEntry[]): string {
  if (entries.length === 1) return entries[0].text.endsWith('\n') ? entries[0].text : entries[0].text + '\n';
  return JSON.stringify(entries.map((e) => ({ label: e.label, errors: e.errors, saved: e.text })), null, 2) + '\n';
}

export function initialWorkspace(territory: Territory): Workspace {
  const s = defaultScenario(territory);
  return { version: 1, currentId: s.id, scenarios: [s] };
}

/**
 * Reads the autosaved workspace. Every scenario goes through the scenario schema and invariants
 * (scenarioFromJsonValue: the same rules as an import, export and share link, so what the
 * editor saved is read back). A damaged entry is never trusted and never lost: it is returned
 * in `recovered` (the caller keeps it in the recovery slot and offers it for download).
 */
export function loadWorkspace(raw: string | null, territory: Territory, now = new Date()): { workspace: Workspace; problems: string[]; recovered: RecoveredEntry[] } {
  if (!raw) return { workspace: initialWorkspace(territory), problems: [], recovered: [] };
  const problems: string[] = [];
  const recovered: RecoveredEntry[] = [];
  const savedAt = now.toISOString();
  const whole = (why: string) => {
    problems.push(`salvataggio locale illeggibile (${why}): messo da parte, ripartito dai dati documentati`);
    recovered.push({ savedAt, label: 'salvataggio locale', errors: [why], text: raw });
    return { workspace: initialWorkspace(territory), problems, recovered };
  };
  const bound = checkJsonTextBounds(raw);
  if (bound) return whole(bound);
  let parsed: Partial<Workspace>;
  try {
    parsed = JSON.parse(raw) as Partial<Workspace>;
  } catch (err) {
    return whole(err instanceof Error ? err.message : String(err));
  }
  const scenarios: Scenario[] = [];
  for (const [i, s] of (Array.isArray(parsed.scenarios) ? parsed.scenarios : []).entries()) {
    const r = scenarioFromJsonValue(s, territory);
    if (r.ok && !scenarios.some((x) => x.id === r.scenario.id)) {
      scenarios.push(r.scenario);
      continue;
    }
    const errors = r.ok ? [`id: "${r.scenario.id}" ripetuto`] : r.errors;
    const name = typeof (s as { name?: unknown } | null)?.name === 'string' ? ` (${String((s as { name: string }).name).slice(0, 80)})` : '';
    const label = `scenario salvato n. ${i + 1}${name}`;
    problems.push(`${label} messo da parte: ${errors.slice(0, 3).join('; ')}`);
    recovered.push({ savedAt, label, errors, text: JSON.stringify(s, null, 2) });
  }
  if (!scenarios.length) return { workspace: initialWorkspace(territory), problems, recovered };
  const currentId = scenarios.some((s) => s.id === parsed.currentId) ? parsed.currentId! : scenarios[0].id;
  return { workspace: { version: 1, currentId, scenarios }, problems, recovered };
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
