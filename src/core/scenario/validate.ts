// Hand-written schema check of a current-version scenario (SCHEMA_VERSION) (no dependency): walks an unknown JSON
// value, reports every problem with its JSON path in Italian, and rebuilds the scenario with
// a fixed key order so that export(import(x)) is byte-stable. Unknown keys are errors: a file
// that says more than the model holds could not be imported with full fidelity.
import type { AmbitoStatus, OpeningHours, PisBase, PisService, Scenario, ServiceFeatureKey } from './types.ts';
import { BASE_KINDS, PIS_ORGANISATIONS, PIS_STATUSES, PRESA_IN_CARICO_VALUES, SCHEMA_VERSION, SERVICE_FEATURE_KEYS } from './types.ts';
import { allBands, TIME_BANDS } from '../sim/layout.ts';
import type { TimeBand } from '../sim/layout.ts';
import { formatIt } from '../format/numbers.ts';

type Obj = Record<string, unknown>;

/** Longest text field (a source, a description): the same limit on every path in and out. */
export const MAX_STRING = 10_000;
const MAX_BUDGET_EUR = 1e10;
const MAX_UNITS = 1000;
const MAX_PLACES = 100_000;

export function joinPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  const k = /^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key);
  if (path === '') return k;
  return k.startsWith('"') ? `${path}[${k}]` : `${path}.${k}`;
}

export const at = (path: string): string => (path === '' ? '(radice)' : path);

const typeName = (v: unknown): string =>
  v === undefined ? 'nessun valore (campo mancante)' : v === null ? 'null' : typeof v === 'number' && !Number.isFinite(v) ? 'un numero non finito' : Array.isArray(v) ? 'lista' : typeof v === 'string' ? 'testo' : typeof v === 'number' ? 'numero' : typeof v === 'boolean' ? 'booleano' : 'oggetto';

// Characters no text field may hold, on any path (file, CSV cell, editor, autosave, link):
// C0/C1 controls except tab and line breaks, U+FFFD (the mark of a broken decoding), lone
// surrogates (not encodable in UTF-8: the file or link could not be written back) and the
// noncharacters U+FFFE/U+FFFF.
const FORBIDDEN_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// UTF-8 read as Latin-1 ("Ã¨" for "è"), also when it arrives escaped inside JSON strings.
const MOJIBAKE = /Ã[\u0080-\u00BF]|Â[\u0080-\u00BF]|â€[\u0080-\u00BF™œ“”˜]/;
// Characters that show nothing: a name made only of them looks empty on screen.
const INVISIBLE = /[\s\u00AD\u034F\u115F\u1160\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u206A-\u206F\u3164\uFEFF\uFFA0]/gu;

const hex = (ch: string): string => `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** The one text rule of the schema, used by every importer and the editor. Italian, or undefined. */
export function textProblem(v: string, opts: { nonEmpty?: boolean } = {}): string | undefined {
  if (v.length > MAX_STRING) return `testo troppo lungo (${formatIt(v.length)} caratteri, massimo ${formatIt(MAX_STRING)})`;
  const bad = FORBIDDEN_CHAR.exec(v);
  if (bad) {
    const ch = bad[0];
    const what = ch === '\uFFFD' ? 'carattere sostitutivo U+FFFD (codifica danneggiata)'
      : /[\uD800-\uDFFF]/.test(ch) ? `carattere non valido ${hex(ch)} (surrogato isolato: non codificabile in UTF-8)`
        : ch === '\u0000' ? 'carattere NUL (U+0000) non ammesso' : `carattere di controllo ${hex(ch)} non ammesso`;
    return `${what} in posizione ${bad.index + 1}`;
  }
  const moji = MOJIBAKE.exec(v);
  if (moji) return `testo "${moji[0]}" tipico di una doppia codifica (UTF-8 letto come Latin-1) in posizione ${moji.index + 1}: correggere il testo`;
  if (opts.nonEmpty && v.replace(INVISIBLE, '') === '') return v === '' || v.trim() === '' ? 'testo vuoto' : 'testo fatto solo di caratteri invisibili';
  return undefined;
}

/** Collects errors; each reader returns undefined on a wrong value. */
export class Checker {
  readonly errors: string[] = [];
  err(path: string, detail: string): undefined {
    this.errors.push(`${at(path)}: ${detail}`);
    return undefined;
  }
  object(v: unknown, path: string): Obj | undefined {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return this.err(path, `atteso un oggetto, trovato ${typeName(v)}`);
    return v as Obj;
  }
  keys(o: Obj, path: string, allowed: readonly string[]): void {
    for (const k of Object.keys(o)) if (!allowed.includes(k)) this.err(joinPath(path, k), 'chiave sconosciuta');
  }
  array(v: unknown, path: string): unknown[] | undefined {
    if (!Array.isArray(v)) return this.err(path, `attesa una lista, trovato ${typeName(v)}`);
    return v;
  }
  string(v: unknown, path: string, opts: { nonEmpty?: boolean } = {}): string | undefined {
    if (typeof v !== 'string') return this.err(path, `atteso un testo, trovato ${typeName(v)}`);
    const problem = textProblem(v, opts);
    return problem ? this.err(path, problem) : v;
  }
  boolean(v: unknown, path: string): boolean | undefined {
    if (typeof v !== 'boolean') return this.err(path, `atteso true o false, trovato ${typeName(v)}`);
    return v;
  }
  number(v: unknown, path: string, min: number, max: number, integer = false): number | undefined {
    if (typeof v !== 'number' || !Number.isFinite(v)) return this.err(path, `atteso un numero, trovato ${typeName(v)}`);
    if (integer && !Number.isInteger(v)) return this.err(path, `atteso un numero intero, trovato ${v}`);
    if (v < min || v > max) return this.err(path, `valore ${v} fuori dall'intervallo ${min}–${max}`);
    return v;
  }
  oneOf<T extends string>(v: unknown, path: string, values: readonly T[]): T | undefined {
    if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) {
      return this.err(path, `valore ${JSON.stringify(v)} non valido (valori ammessi: ${values.join(', ')})`);
    }
    return v as T;
  }
}

function readStatus(c: Checker, v: unknown, path: string): AmbitoStatus | undefined {
  const o = c.object(v, path);
  if (!o) return undefined;
  c.keys(o, path, ['status', 'startDate', 'source']);
  const status = c.oneOf(o.status, joinPath(path, 'status'), PIS_STATUSES);
  const out: AmbitoStatus = { status: status ?? 'sconosciuto' };
  if (o.startDate !== undefined) out.startDate = c.string(o.startDate, joinPath(path, 'startDate'));
  if (o.source !== undefined) out.source = c.string(o.source, joinPath(path, 'source'));
  return out;
}

function readPoint(c: Checker, v: unknown, path: string): [number, number] | undefined {
  const a = c.array(v, path);
  if (!a) return undefined;
  if (a.length !== 2) return c.err(path, `attese 2 coordinate [lon, lat], trovate ${a.length}`);
  const lon = c.number(a[0], joinPath(path, 0), -180, 180);
  const lat = c.number(a[1], joinPath(path, 1), -90, 90);
  return lon === undefined || lat === undefined ? undefined : [lon, lat];
}

export function readUnits(c: Checker, v: unknown, path: string): Record<TimeBand, number> {
  const out = allBands(0);
  const o = c.object(v, path);
  if (!o) return out;
  c.keys(o, path, TIME_BANDS);
  for (const band of TIME_BANDS) out[band] = c.number(o[band], joinPath(path, band), 0, MAX_UNITS, true) ?? 0;
  return out;
}

function readBase(c: Checker, v: unknown, path: string): PisBase | undefined {
  const o = c.object(v, path);
  if (!o) return undefined;
  c.keys(o, path, ['id', 'kind', 'istat', 'point', 'unitsByBand']);
  const b: PisBase = {
    id: c.string(o.id, joinPath(path, 'id'), { nonEmpty: true }) ?? '',
    kind: c.oneOf(o.kind, joinPath(path, 'kind'), BASE_KINDS) ?? 'uds',
    unitsByBand: allBands(0),
  };
  if (o.istat !== undefined) b.istat = c.string(o.istat, joinPath(path, 'istat'), { nonEmpty: true });
  if (o.point !== undefined) b.point = readPoint(c, o.point, joinPath(path, 'point'));
  b.unitsByBand = readUnits(c, o.unitsByBand, joinPath(path, 'unitsByBand'));
  return b;
}

const SERVICE_KEYS = [
  'id', 'name', 'members', 'capofila', 'enteGestore', 'organisation', 'centraleOperativa24h365', 'udsH24', 'udsHoursPerDay',
  'presaInCarico', 'graveMarginalita', 'shortStayPlaces', 'bases', 'annualBudgetEur', 'annualBudgetNote', 'selfDeclaredLeps',
  'unverifiedFields', 'source',
];

function readService(c: Checker, v: unknown, path: string): PisService | undefined {
  const o = c.object(v, path);
  if (!o) return undefined;
  c.keys(o, path, SERVICE_KEYS);
  const p = (k: string): string => joinPath(path, k);
  const members = (c.array(o.members, p('members')) ?? []).map((m, i) => c.string(m, joinPath(p('members'), i), { nonEmpty: true }) ?? '');
  const s: PisService = {
    id: c.string(o.id, p('id'), { nonEmpty: true }) ?? '',
    name: c.string(o.name, p('name'), { nonEmpty: true }) ?? '',
    members,
    capofila: c.string(o.capofila, p('capofila'), { nonEmpty: true }) ?? '',
    enteGestore: c.string(o.enteGestore, p('enteGestore')) ?? '',
    organisation: c.oneOf(o.organisation, p('organisation'), PIS_ORGANISATIONS) ?? 'a-chiusura',
    centraleOperativa24h365: c.boolean(o.centraleOperativa24h365, p('centraleOperativa24h365')) ?? false,
    udsH24: c.boolean(o.udsH24, p('udsH24')) ?? false,
    presaInCarico: 'nessuna',
    graveMarginalita: false,
    bases: [],
  };
  if (o.udsHoursPerDay !== undefined) s.udsHoursPerDay = c.number(o.udsHoursPerDay, p('udsHoursPerDay'), 0, 24);
  s.presaInCarico = c.oneOf(o.presaInCarico, p('presaInCarico'), PRESA_IN_CARICO_VALUES) ?? 'nessuna';
  s.graveMarginalita = c.boolean(o.graveMarginalita, p('graveMarginalita')) ?? false;
  if (o.shortStayPlaces !== undefined) s.shortStayPlaces = c.number(o.shortStayPlaces, p('shortStayPlaces'), 0, MAX_PLACES, true);
  s.bases = (c.array(o.bases, p('bases')) ?? []).map((b, i) => readBase(c, b, joinPath(p('bases'), i))).filter((b): b is PisBase => b !== undefined);
  if (o.annualBudgetEur !== undefined) s.annualBudgetEur = c.number(o.annualBudgetEur, p('annualBudgetEur'), 0, MAX_BUDGET_EUR);
  if (o.annualBudgetNote !== undefined) s.annualBudgetNote = c.string(o.annualBudgetNote, p('annualBudgetNote'));
  if (o.selfDeclaredLeps !== undefined) s.selfDeclaredLeps = c.boolean(o.selfDeclaredLeps, p('selfDeclaredLeps'));
  if (o.unverifiedFields !== undefined) {
    const list = c.array(o.unverifiedFields, p('unverifiedFields')) ?? [];
    s.unverifiedFields = list
      .map((k, i) => c.oneOf(k, joinPath(p('unverifiedFields'), i), SERVICE_FEATURE_KEYS))
      .filter((k): k is ServiceFeatureKey => k !== undefined);
  }
  if (o.source !== undefined) s.source = c.string(o.source, p('source'));
  return s;
}

const SCENARIO_KEYS = ['schemaVersion', 'id', 'name', 'description', 'referenceDate', 'authorNote', 'illustrative', 'statuses', 'services', 'compositionOverrides', 'openingHours'];

/** Opening hours of an Ambito's territorial services: weekdays 0–6 (Monday = 0), hours 0–24, start < end. */
function readOpeningHours(c: Checker, v: unknown, path: string): OpeningHours | undefined {
  const o = c.object(v, path);
  if (!o) return undefined;
  c.keys(o, path, ['days', 'startHour', 'endHour', 'assumed', 'source']);
  const days = (c.array(o.days, joinPath(path, 'days')) ?? []).map((d, i) => c.number(d, joinPath(joinPath(path, 'days'), i), 0, 6, true)).filter((d): d is number => d !== undefined);
  const startHour = c.number(o.startHour, joinPath(path, 'startHour'), 0, 24, true) ?? 0;
  const endHour = c.number(o.endHour, joinPath(path, 'endHour'), 0, 24, true) ?? 0;
  if (endHour < startHour) c.err(joinPath(path, 'endHour'), `l'orario di chiusura (${endHour}) precede l'apertura (${startHour})`);
  const out: OpeningHours = { days: [...new Set(days)].sort((a, b) => a - b), startHour, endHour, assumed: c.boolean(o.assumed, joinPath(path, 'assumed')) ?? true };
  if (o.source !== undefined) out.source = c.string(o.source, joinPath(path, 'source'));
  return out;
}

/** Structural check of a current-version scenario (the name is historical). Returns a canonical copy or the errors. */
export function readScenarioV1(v: unknown): { ok: true; scenario: Scenario } | { ok: false; errors: string[] } {
  const c = new Checker();
  const o = c.object(v, '');
  if (!o) return { ok: false, errors: c.errors };
  c.keys(o, '', SCENARIO_KEYS);
  if (o.schemaVersion !== SCHEMA_VERSION) c.err('schemaVersion', `versione ${JSON.stringify(o.schemaVersion)} non supportata (attesa ${SCHEMA_VERSION})`);
  // Records keyed by data are built with Object.fromEntries (own data properties): an
  // assignment `statuses["__proto__"] = x` would set the prototype instead and lose the entry,
  // which must instead reach the invariants and be refused as an unknown code.
  // Keys sorted: the export must not depend on the order edits happened in.
  const byKey = ([a]: [string, unknown], [b]: [string, unknown]): number => (a < b ? -1 : a > b ? 1 : 0);
  const so = c.object(o.statuses, 'statuses');
  const statuses: Record<string, AmbitoStatus> = Object.fromEntries(
    (so ? Object.entries(so).sort(byKey) : []).flatMap(([k, sv]) => {
      const st = readStatus(c, sv, joinPath('statuses', k));
      return st ? [[k, st] as const] : [];
    }),
  );
  const co = c.object(o.compositionOverrides, 'compositionOverrides');
  const overrides: Record<string, string> = Object.fromEntries(
    (co ? Object.entries(co).sort(byKey) : []).map(([k, a]) => [k, c.string(a, joinPath('compositionOverrides', k), { nonEmpty: true }) ?? ''] as const),
  );
  const services = (c.array(o.services, 'services') ?? [])
    .map((x, i) => readService(c, x, joinPath('services', i)))
    .filter((x): x is PisService => x !== undefined);
  let openingHours: Record<string, OpeningHours> | undefined;
  if (o.openingHours !== undefined) {
    const oh = c.object(o.openingHours, 'openingHours');
    openingHours = Object.fromEntries(
      (oh ? Object.entries(oh).sort(byKey) : []).flatMap(([k, hv]) => {
        const h = readOpeningHours(c, hv, joinPath('openingHours', k));
        return h ? [[k, h] as const] : [];
      }),
    );
  }
  const scenario: Scenario = {
    schemaVersion: SCHEMA_VERSION,
    id: c.string(o.id, 'id', { nonEmpty: true }) ?? '',
    name: c.string(o.name, 'name', { nonEmpty: true }) ?? '',
    description: c.string(o.description, 'description') ?? '',
    referenceDate: c.string(o.referenceDate, 'referenceDate') ?? '',
    authorNote: c.string(o.authorNote, 'authorNote') ?? '',
    illustrative: c.boolean(o.illustrative, 'illustrative') ?? false,
    statuses,
    services,
    compositionOverrides: overrides,
    ...(openingHours ? { openingHours } : {}),
  };
  return c.errors.length > 0 ? { ok: false, errors: c.errors } : { ok: true, scenario };
}

/** Canonical key order of a scenario (the validator's output order), for stable exports. */
export function canonicalScenario(s: Scenario): Scenario {
  const r = readScenarioV1(JSON.parse(JSON.stringify(s)) as unknown);
  if (!r.ok) throw new Error(`scenario non valido: ${r.errors.join('; ')}`);
  return r.scenario;
}
