// Schema migrations: bring any known older scenario shape up to the current version, step by
// step, before validation. Each step is a pure function on parsed JSON.
//
// Version 0 (the pre-release autosave shape) had no `schemaVersion` (or `schemaVersion: 0`),
// no `id`, `authorNote`, `illustrative` or `compositionOverrides`; `statuses` mapped an Ambito
// code to a plain status string (e.g. {"50095": "attivo"}); services listed their Ambiti
// under `ambiti` instead of `members` and could omit `bases`. Example:
//   { "name": "Bozza", "referenceDate": "2025-06-30", "statuses": { "50095": "attivo" },
//     "services": [ { "id": "pis-1", "name": "PIS Rho", "ambiti": ["50095"], "capofila": "50095", ... } ] }
//
// Version 1 had four time bands {office, closure, night, holiday} (Saturday daytime fell in
// "closure", Sundays and holidays in "holiday"), organisation values
// 'in-orario-comuni-extra-terzo-settore' / 'servizio-specialistico-continuativo', and no
// roster roles besides centrale / uds / reperibilita. Version 2 (five bands, the sheet's options
// (a)/(b), opening hours) reads the old "holiday" units as both "saturday" and "holiday", maps
// the organisation values to 'a-chiusura' / 'b-continuativo', and — so that an old file keeps
// the answering it implied — gives a service with no centrale role one: a phone line with one
// operator in every band when the file declared a centrale 24h/365, otherwise operators in the
// bands where its on-site units were on duty (the old model let on-duty units take calls).
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

const OLD_ORGANISATION: Record<string, string> = {
  'in-orario-comuni-extra-terzo-settore': 'a-chiusura',
  'servizio-specialistico-continuativo': 'b-continuativo',
};
const BANDS_V2 = ['office', 'closure', 'night', 'saturday', 'holiday'] as const;

function migrateUnits(u: unknown): unknown {
  if (!isObj(u) || 'saturday' in u) return u;
  const { holiday, ...rest } = u;
  return holiday === undefined ? u : { ...rest, saturday: holiday, holiday };
}

function migrate1to2(o: Obj): Obj {
  // Base ids are unique in the whole scenario: the added centrale must not take a used one.
  const usedIds = new Set<unknown>();
  if (Array.isArray(o.services)) for (const svc of o.services) if (isObj(svc) && Array.isArray(svc.bases)) for (const b of svc.bases) if (isObj(b)) usedIds.add(b.id);
  const services = Array.isArray(o.services)
    ? o.services.map((svc) => {
      if (!isObj(svc)) return svc;
      const out: Obj = { ...svc };
      if (typeof svc.organisation === 'string' && Object.hasOwn(OLD_ORGANISATION, svc.organisation)) out.organisation = OLD_ORGANISATION[svc.organisation];
      if (Array.isArray(svc.bases)) {
        const bases = svc.bases.map((b) => (isObj(b) ? { ...b, unitsByBand: migrateUnits(b.unitsByBand) } : b));
        const hasCentrale = bases.some((b) => isObj(b) && b.kind === 'centrale');
        if (!hasCentrale) {
          const onSite = (band: string): number => bases.reduce((n: number, b) => {
            const u = isObj(b) && isObj(b.unitsByBand) ? b.unitsByBand[band] : 0;
            return n + (typeof u === 'number' && u > 0 ? u : 0);
          }, 0);
          const declared = svc.centraleOperativa24h365 === true;
          const units = Object.fromEntries(BANDS_V2.map((band) => [band, declared || onSite(band) > 0 ? 1 : 0]));
          if (Object.values(units).some((x) => x > 0)) {
            const stem = `centrale-${typeof svc.id === 'string' ? svc.id : 'pis'}`;
            let id = stem;
            for (let k = 2; usedIds.has(id); k++) id = `${stem}-${k}`;
            usedIds.add(id);
            bases.unshift({ id, kind: 'centrale', unitsByBand: units });
          }
        }
        out.bases = bases;
      }
      return out;
    })
    : o.services;
  return { ...o, schemaVersion: 2, services };
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
  if (ver <= 1) value = migrate1to2(value);
  return { ok: true, value, fromVersion: ver };
}
