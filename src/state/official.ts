// The imported official comune → Ambito table: kept in the browser, applied at start-up to the
// shipped territory (main.tsx), so that every view, estimate count and simulation uses it. This
// module is the only writer of its storage key.
import { localStore, sessionStore } from './persistence.ts';
import { checkJsonTextBounds } from '../core/scenario/jsonBounds.ts';
import { ambitiLeftEmpty, applyOfficialComposition, describeDiff, diffComposition, parseOfficialComposition, type OfficialComposition } from '../core/territory/officialComposition.ts';
import type { Territory } from '../core/territory/index.ts';
import type { TerritoryData } from '../core/territory/types.ts';

export const OFFICIAL_KEY = 'pis-lombardia/official-composition/v1';
const REPORT_KEY = 'pis-lombardia/official-composition/report';

export interface StoredOfficial extends OfficialComposition {
  fileName: string;
  importedAt: string;
  report: string[];
}

/** Where a stored table that no longer validates is moved (kept, never deleted). */
export const OFFICIAL_SET_ASIDE_KEY = 'pis-lombardia/official-composition/set-aside';

/**
 * Re-validates a stored table against the shipped territory (what a later version, a hand edit
 * of storage or an older, laxer import may have left): known comuni and Ambiti, no Ambito left
 * empty. Returns the problems, or [] when it can be applied.
 */
export function checkStoredOfficial(v: unknown, shipped: Territory): string[] {
  if (typeof v !== 'object' || v === null) return ['(salvataggio): atteso un oggetto'];
  const o = v as Partial<StoredOfficial>;
  if (typeof o.rows !== 'object' || o.rows === null || Array.isArray(o.rows)) return ['rows: attesa la tabella comune → Ambito'];
  const errors: string[] = [];
  for (const [istat, code] of Object.entries(o.rows)) {
    if (!shipped.comune(istat)) errors.push(`rows["${istat.slice(0, 20)}"]: comune ISTAT sconosciuto`);
    else if (typeof code !== 'string' || !shipped.ambito(code)) errors.push(`rows["${istat}"]: codice Ambito ${JSON.stringify(code)} sconosciuto`);
    if (errors.length >= 20) break;
  }
  if (errors.length) return errors;
  const rows = o.rows as Record<string, string>;
  for (const [code, istat] of ambitiLeftEmpty(shipped, (i) => (Object.hasOwn(rows, i) ? rows[i] : undefined))) {
    errors.push(`rows["${istat}"]: l'Ambito ${code} (${shipped.ambito(code)?.name ?? code}) resterebbe senza comuni`);
  }
  if (typeof o.label !== 'string' || typeof o.fileName !== 'string' || !Array.isArray(o.report)) errors.push('(salvataggio): campi label, fileName o report mancanti');
  return errors;
}

/**
 * The stored table, re-validated at start. A bad one is moved to OFFICIAL_SET_ASIDE_KEY and the
 * app starts with the shipped data; `setAside` says why.
 */
export function readOfficial(shipped: Territory): { official?: StoredOfficial; setAside?: string[] } {
  const raw = localStore.get(OFFICIAL_KEY);
  if (!raw) return {};
  let errors: string[];
  let value: unknown;
  const bound = checkJsonTextBounds(raw);
  if (bound) errors = [bound];
  else {
    try {
      value = JSON.parse(raw) as unknown;
      errors = checkStoredOfficial(value, shipped);
    } catch (e) {
      errors = [`(salvataggio): illeggibile (${e instanceof Error ? e.message : String(e)})`];
    }
  }
  if (errors.length === 0) return { official: value as StoredOfficial };
  // (storage not writable: it will be re-validated, and set aside, at every start)
  if (localStore.trySet(OFFICIAL_SET_ASIDE_KEY, raw)) localStore.remove(OFFICIAL_KEY);
  return { setAside: errors };
}

/** The shipped data with the stored official table applied (or as is). */
export function withOfficial(data: TerritoryData, official: StoredOfficial | undefined): TerritoryData {
  return official ? applyOfficialComposition(data, official) : data;
}

/** Validates; on success stores the table and returns the report (the caller reloads the app). */
export function importOfficial(bytes: Uint8Array, fileName: string, shipped: Territory): { ok: true; report: string[]; warnings: string[] } | { ok: false; errors: string[] } {
  const parsed = parseOfficialComposition(bytes, shipped);
  if (!parsed.ok) return parsed;
  const report = describeDiff(shipped, diffComposition(shipped, parsed.rows));
  const importedAt = new Date().toISOString().slice(0, 10);
  const stored: StoredOfficial = { label: `tabella ufficiale importata: ${fileName} (${importedAt})`, rows: parsed.rows, fileName, importedAt, report };
  localStore.set(OFFICIAL_KEY, JSON.stringify(stored));
  sessionStore.trySet(REPORT_KEY, '1');
  return { ok: true, report, warnings: parsed.warnings };
}

export function removeOfficial(): void {
  localStore.remove(OFFICIAL_KEY);
}

/** True once after an import, so the reloaded app shows the report. */
export function takeReportFlag(): boolean {
  const v = sessionStore.get(REPORT_KEY);
  sessionStore.remove(REPORT_KEY);
  return v === '1';
}
