// JSON export/import of a whole scenario (full fidelity). Import = decode text → parse →
// migrate to the current schema → structural check (validate.ts) → model invariants against
// the territory. Any error rejects the file; the caller's scenario is never touched.
import type { ImportResult, Scenario } from './types.ts';
import type { Territory } from '../territory/index.ts';
import { decodeText } from './textInput.ts';
import { migrateScenario } from './migrate.ts';
import { at, canonicalScenario, readScenarioV1 } from './validate.ts';
import { checkScenario } from './invariants.ts';
import { checkJsonTextBounds, checkJsonValueBounds } from './jsonBounds.ts';

/** Pretty JSON with a fixed key order and a final newline: exports are byte-stable. */
export function exportScenarioJson(s: Scenario): string {
  return JSON.stringify(canonicalScenario(s), null, 2) + '\n';
}

/** Compact form, for the URL hash. */
export function exportScenarioJsonCompact(s: Scenario): string {
  return JSON.stringify(canonicalScenario(s));
}

function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** JSON.parse with an Italian message that names the line; depth and size bounded first. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; errors: string[] } {
  const bound = checkJsonTextBounds(text);
  if (bound) return { ok: false, errors: [bound] };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(msg);
    const line = pos ? lineOfOffset(text, Number(pos[1])) : text.split('\n').length;
    const what = /end of JSON|Unterminated|Unexpected end/i.test(msg) ? 'JSON troncato (il file finisce prima del previsto)' : 'JSON non valido (sintassi)';
    return { ok: false, errors: [`riga ${line}: ${what}`] };
  }
}

/** Validates an already parsed value (shared by the file and URL importers). */
export function scenarioFromJsonValue(value: unknown, territory: Territory): ImportResult {
  // Values that did not come through parseJson (autosave, presentation entries) are bounded too.
  const bound = checkJsonValueBounds(value);
  if (bound) return { ok: false, errors: [bound] };
  const migrated = migrateScenario(value);
  if (!migrated.ok) return migrated;
  const read = readScenarioV1(migrated.value);
  if (!read.ok) return read;
  const problems = checkScenario(read.scenario, territory);
  const errors = problems.filter((p) => p.severity === 'error').map((p) => `${at(p.path)}: ${p.detail}`);
  if (errors.length > 0) return { ok: false, errors };
  const warnings = problems.filter((p) => p.severity === 'warning').map((p) => `${at(p.path)}: ${p.detail}`);
  return warnings.length > 0 ? { ok: true, scenario: read.scenario, warnings } : { ok: true, scenario: read.scenario };
}

export function importScenarioJson(input: Uint8Array | string, territory: Territory): ImportResult {
  const decoded = decodeText(input, { jsonFields: true });
  if (!decoded.ok) return decoded;
  const parsed = parseJson(decoded.text);
  if (!parsed.ok) return parsed;
  return scenarioFromJsonValue(parsed.value, territory);
}
