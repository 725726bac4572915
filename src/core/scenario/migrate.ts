// Schema migrations: bring any known older scenario shape up to the current version, step by
// step, before validation. Each step is a pure function on parsed JSON.
//
// Version 0 (the pre-release autosave shape) had no `schemaVersion` (or `schemaVersion: 0`),
// no `id`, `authorNote`, `illustrative` or `compositionOverrides`; `statuses` mapped an Ambito
// code to a plain status string (e.g. {"50095": "attivo"}); services listed their Ambiti
// under `ambiti` instead of `members` and could omit `bases`. Example:
//   { "name": "Bozza", "referenceDate": "2025-06-30", "statuses": { "50095": "attivo" },
//     "services": [ { "id": "pis-1", "name": "PIS Rho", "ambiti": ["50095"], "capofila": "50095", ... } ] }
import { SCHEMA_VERSION } from './types.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export type MigrateResult = { ok: true; value: unknown; fromVersion: number } | { ok: false; errors: string[] };

function migrate0to1(o: Obj): Obj {
  // fromEntries, not assignment: a "__proto__" key must stay data (and be refused later).
  const statuses: Obj = isObj(o.statuses)
    ? Object.fromEntries(Object.entries(o.statuses).map(([code, st]) => [code, typeof st === 'string' ? { status: st } : st]))
    : {};
  const services = Array.isArray(o.services)
    ? o.services.map((svc) => {
      if (!isObj(svc)) return svc;
      const { ambiti, ...rest } = svc;
      return { ...rest, members: svc.members ?? ambiti, bases: svc.bases ?? [] };
    })
    : o.services ?? [];
  const { schemaVersion: _v, ...rest } = o;
  void _v;
  return {
    schemaVersion: 1,
    id: 'importato',
    description: '',
    authorNote: '',
    illustrative: false,
    compositionOverrides: {},
    ...rest,
    statuses: isObj(o.statuses) ? statuses : o.statuses,
    services,
  };
}

/** The version a parsed scenario claims, or an Italian error. */
export function detectVersion(v: unknown): number | string {
  if (!isObj(v)) return '(radice): atteso un oggetto scenario';
  if (!('schemaVersion' in v)) return 0;
  const ver = v.schemaVersion;
  if (typeof ver !== 'number' || !Number.isInteger(ver)) return `schemaVersion: valore ${JSON.stringify(ver)} non valido (atteso un numero intero)`;
  if (ver < 0 || ver > SCHEMA_VERSION) return `schemaVersion: versione ${ver} non supportata (versioni gestite: 0–${SCHEMA_VERSION})`;
  return ver;
}

export function migrateScenario(v: unknown): MigrateResult {
  const ver = detectVersion(v);
  if (typeof ver === 'string') return { ok: false, errors: [ver] };
  let value = v as Obj;
  if (ver === 0) value = migrate0to1(value);
  return { ok: true, value, fromVersion: ver };
}
