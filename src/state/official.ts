// The imported official comune → Ambito table: kept in the browser, applied at start-up to the
// shipped territory (main.tsx), so that every view, estimate count and simulation uses it. This
// module is the only writer of its storage key.
import { applyOfficialComposition, describeDiff, diffComposition, parseOfficialComposition, type OfficialComposition } from '../core/territory/officialComposition.ts';
import type { Territory } from '../core/territory/index.ts';
import type { TerritoryData } from '../core/territory/types.ts';

export const OFFICIAL_KEY = 'pis-lombardia/official-composition/v1';
const REPORT_KEY = 'pis-lombardia/official-composition/report';

export interface StoredOfficial extends OfficialComposition {
  fileName: string;
  importedAt: string;
  report: string[];
}

export function readOfficial(): StoredOfficial | undefined {
  try {
    const raw = localStorage.getItem(OFFICIAL_KEY);
    return raw ? (JSON.parse(raw) as StoredOfficial) : undefined;
  } catch {
    return undefined;
  }
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
  localStorage.setItem(OFFICIAL_KEY, JSON.stringify(stored));
  sessionStorage.setItem(REPORT_KEY, '1');
  return { ok: true, report, warnings: parsed.warnings };
}

export function removeOfficial(): void {
  localStorage.removeItem(OFFICIAL_KEY);
}

/** True once after an import, so the reloaded app shows the report. */
export function takeReportFlag(): boolean {
  try {
    const v = sessionStorage.getItem(REPORT_KEY);
    sessionStorage.removeItem(REPORT_KEY);
    return v === '1';
  } catch {
    return false;
  }
}
