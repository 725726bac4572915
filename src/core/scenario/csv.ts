// CSV per Ambito: one row per Ambito with its status and the fields of its PIS. Semicolons,
// UTF-8 with BOM, CRLF and decimal commas so that Excel in Italian opens it as a table.
// Import rules (documented for the user in the UI):
// - the rows listed replace those Ambiti' statuses and membership; Ambiti not listed keep theirs;
// - rows sharing a pis_id form one service; its fields must agree across its rows;
// - a pis_id already in the scenario updates that service and keeps what the CSV has no column
//   for (bases, ente gestore, organisation, sources, …); a new pis_id creates a service;
// - `ambito` (name) and `sovra_ambito` are derived columns: only their form is checked;
// - a file exported from an illustrative scenario starts with a "#" line and makes the result
//   illustrative too.
import type { PisService, PisStatus, PresaInCarico, Scenario, ServiceFeatureKey, ImportResult } from './types.ts';
import { ILLUSTRATIVE_NAME, PIS_STATUSES, PRESA_IN_CARICO_LABELS, PRESA_IN_CARICO_VALUES, STATUS_LABELS } from './types.ts';
import type { Territory } from '../territory/index.ts';
import { csvDocument, parseCsv, unneutralise } from './csvText.ts';
import { decodeText } from './textInput.ts';
import { isPartialIsoDate } from './dates.ts';
import { checkScenario } from './invariants.ts';
import { readScenarioV1, textProblem } from './validate.ts';
import { formatIt } from '../format/numbers.ts';

export const CSV_COLUMNS = [
  'codice_ambito', 'ambito', 'stato', 'data_avvio', 'fonte', 'pis_id', 'pis_nome', 'sovra_ambito', 'capofila',
  'centrale_operativa_24h', 'uds_h24', 'presa_in_carico', 'grave_marginalita', 'budget_annuo_eur', 'leps_autodichiarato',
] as const;
type Column = (typeof CSV_COLUMNS)[number];
/** Columns added after the first layout: a file without them (an older export) still imports, and
 *  the services keep what they had for those fields. */
const OPTIONAL_COLUMNS: readonly Column[] = ['leps_autodichiarato'];
const PIS_COLUMNS: readonly Column[] = ['pis_nome', 'sovra_ambito', 'capofila', 'centrale_operativa_24h', 'uds_h24', 'presa_in_carico', 'grave_marginalita', 'budget_annuo_eur', 'leps_autodichiarato'];
/** The Ambiti's own answer to "pienamente rispondente al LEPS?" is three-valued: no answer is not "no". */
const NOT_KNOWN = 'non noto';

const ILLUSTRATIVE_LINE = `# ${ILLUSTRATIVE_NAME}`;
const MAX_BUDGET_EUR = 1e10;

const yesNo = (b: boolean): string => (b ? 'sì' : 'no');
const yesNoUnknown = (b: boolean | undefined): string => (b === undefined ? NOT_KNOWN : yesNo(b));

/** 44786.4 → "44786,40" (no thousands separator: Excel reads it as a number in it-IT). */
export function formatEuro(v: number): string {
  return v.toFixed(2).replace('.', ',');
}

export function exportScenarioCsv(s: Scenario, territory: Territory): string {
  const serviceOf = new Map<string, PisService>();
  for (const svc of s.services) for (const m of svc.members) serviceOf.set(m, svc);
  const rows: string[][] = [[...CSV_COLUMNS]];
  for (const a of [...territory.data.ambiti].sort((x, y) => (x.code < y.code ? -1 : 1))) {
    const st = s.statuses[a.code];
    const svc = serviceOf.get(a.code);
    rows.push([
      a.code, a.name, STATUS_LABELS[st?.status ?? 'sconosciuto'], st?.startDate ?? '', st?.source ?? '',
      svc?.id ?? '', svc?.name ?? '', svc ? yesNo(svc.members.length > 1) : '', svc?.capofila ?? '',
      svc ? yesNo(svc.centraleOperativa24h365) : '', svc ? yesNo(svc.udsH24) : '',
      svc ? PRESA_IN_CARICO_LABELS[svc.presaInCarico] : '', svc ? yesNo(svc.graveMarginalita) : '',
      svc?.annualBudgetEur !== undefined ? formatEuro(svc.annualBudgetEur) : '',
      svc ? yesNoUnknown(svc.selfDeclaredLeps) : '',
    ]);
  }
  return csvDocument(rows, { notes: s.illustrative ? [ILLUSTRATIVE_LINE] : [] });
}

// ---------------------------------------------------------------- value parsers

const norm = (v: string): string => v.trim().toLowerCase();

function parseStatus(v: string): PisStatus | undefined {
  const k = norm(v);
  return PIS_STATUSES.find((s) => s === k || STATUS_LABELS[s].toLowerCase() === k);
}

function parsePresa(v: string): PresaInCarico | undefined {
  const k = norm(v);
  return PRESA_IN_CARICO_VALUES.find((p) => p === k || PRESA_IN_CARICO_LABELS[p] === k);
}

function parseYesNo(v: string): boolean | undefined {
  const k = norm(v);
  if (k === 'sì' || k === 'si' || k === 'sí') return true;
  if (k === 'no') return false;
  return undefined;
}

/** sì / no / non noto (or empty): `null` means a value that is none of these. */
function parseYesNoUnknown(v: string): boolean | undefined | null {
  const k = norm(v);
  if (k === '' || k === NOT_KNOWN || k === 'n.d.' || k === 'nd') return undefined;
  return parseYesNo(k) ?? null;
}

/** Italian dates as Excel may rewrite them: GG/MM/AAAA and MM/AAAA become ISO. */
function parseDate(v: string): string | undefined {
  const t = v.trim();
  const pad = (x: string | undefined): string => (x ?? '').padStart(2, '0');
  const dmy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  const my = dmy ? null : /^(\d{1,2})\/(\d{4})$/.exec(t);
  const iso = dmy ? `${dmy[3]}-${pad(dmy[2])}-${pad(dmy[1])}` : my ? `${my[2]}-${pad(my[1])}` : t;
  return isPartialIsoDate(iso) ? iso : undefined;
}

/** "44786,40", "44.786,40", "44786" (optionally with €). Returns an error text on failure. */
export function parseEuro(v: string): number | string {
  const t = v.replace(/€/g, '').replace(/\s/g, '');
  if (/^\d+\.\d{1,2}$/.test(t)) return `importo "${v}" ambiguo: usare la virgola per i decimali (es. 44786,40)`;
  if (!/^\d{1,3}(\.\d{3})+(,\d{1,2})?$/.test(t) && !/^\d+(,\d{1,2})?$/.test(t)) return `importo "${v}" non valido (es. 44786,40)`;
  const n = Number(t.replace(/\./g, '').replace(',', '.'));
  if (!Number.isFinite(n) || n > MAX_BUDGET_EUR) return `importo "${v}" fuori intervallo (massimo ${formatIt(MAX_BUDGET_EUR)} €)`;
  return n;
}

// ---------------------------------------------------------------- import

interface Row {
  line: number;
  /** Codes and enumerations: trimmed (Excel users pad them). */
  get(col: Column): string;
  /** Free text (fonte, pis_nome): exactly as written, so that what the editor typed comes back. */
  text(col: Column): string;
}

interface ServiceDraft {
  id: string;
  firstLine: number;
  members: string[];
  name: string;
  capofila: string;
  centrale: boolean;
  uds: boolean;
  presa: PresaInCarico;
  grave: boolean;
  budget?: number;
  /** 'keep': the file has no leps_autodichiarato column. */
  selfDeclared: boolean | undefined | 'keep';
  lines: number[];
}

function readHeader(fields: string[], line: number, errors: string[]): Map<Column, number> | undefined {
  const idx = new Map<Column, number>();
  if (fields.length === 1 && /[,\t|]/.test(fields[0] ?? '')) {
    errors.push(`riga ${line}: separatore non valido: le colonne vanno separate dal punto e virgola (;)`);
    return undefined;
  }
  fields.forEach((f, i) => {
    const name = f.trim().toLowerCase();
    if (!(CSV_COLUMNS as readonly string[]).includes(name)) errors.push(`riga ${line}: colonna sconosciuta "${f}" (colonne attese: ${CSV_COLUMNS.join(';')})`);
    else if (idx.has(name as Column)) errors.push(`riga ${line}: colonna "${name}" ripetuta`);
    else idx.set(name as Column, i);
  });
  for (const c of CSV_COLUMNS) if (!idx.has(c) && !OPTIONAL_COLUMNS.includes(c)) errors.push(`riga ${line}: colonna mancante "${c}"`);
  return errors.length > 0 ? undefined : idx;
}

export function importScenarioCsv(input: Uint8Array | string, current: Scenario, territory: Territory): ImportResult {
  const decoded = decodeText(input);
  if (!decoded.ok) return decoded;
  const parsed = parseCsv(decoded.text);
  if (!parsed.ok) return parsed;
  const firstLine = parsed.records[0]?.fields.join(';') ?? '';
  const illustrative = firstLine.startsWith('#') && firstLine.includes(ILLUSTRATIVE_NAME);
  const records = parsed.records.filter((r) => !(r.fields[0] ?? '').trimStart().startsWith('#'));
  const [head] = records;
  if (!head) return { ok: false, errors: ['riga 1: nessuna riga di intestazione'] };
  const errors: string[] = [];
  const header = readHeader(head.fields, head.line, errors);
  if (!header) return { ok: false, errors };
  if (records.length === 1) return { ok: false, errors: [`riga ${head.line}: solo l'intestazione, nessun Ambito`] };

  const statuses: Scenario['statuses'] = {};
  const seen = new Map<string, number>();
  const drafts = new Map<string, ServiceDraft>();
  for (const rec of records.slice(1)) {
    const line = rec.line;
    if (rec.fields.length !== header.size) {
      errors.push(`riga ${line}: ${rec.fields.length} campi invece di ${header.size} (separatore ";")`);
      continue;
    }
    // An optional column the file does not have reads as empty.
    const cell = (c: Column): string => {
      const i = header.get(c);
      return i === undefined ? '' : unneutralise(rec.fields[i] ?? '');
    };
    const row: Row = { line, get: (c) => cell(c).trim(), text: cell };
    const bad = (msg: string): void => void errors.push(`riga ${line}: ${msg}`);
    const code = row.get('codice_ambito');
    if (!territory.ambito(code)) {
      bad(`codice_ambito "${code}" sconosciuto (91 Ambiti della DGR XII/2167)`);
      continue;
    }
    const dup = seen.get(code);
    if (dup !== undefined) {
      bad(`Ambito ${code} ripetuto (già alla riga ${dup})`);
      continue;
    }
    seen.set(code, line);
    const status = parseStatus(row.get('stato'));
    if (!status) bad(`stato "${row.get('stato')}" non valido (valori ammessi: ${PIS_STATUSES.map((s) => STATUS_LABELS[s]).join(', ')})`);
    const rawDate = row.get('data_avvio');
    const date = rawDate === '' ? undefined : parseDate(rawDate);
    if (rawDate !== '' && !date) bad(`data_avvio "${rawDate}" non valida (AAAA-MM-GG, AAAA-MM o GG/MM/AAAA)`);
    // Text cells follow the schema's text rule (same limit and characters as a JSON file).
    const fonte = row.text('fonte');
    const fonteProblem = textProblem(fonte);
    if (fonteProblem) bad(`fonte: ${fonteProblem}`);
    if (status) {
      statuses[code] = { status };
      if (date) statuses[code].startDate = date;
      if (fonte !== '' && !fonteProblem) statuses[code].source = fonte;
    }
    const sovra = row.get('sovra_ambito');
    if (sovra !== '' && parseYesNo(sovra) === undefined) bad(`sovra_ambito "${sovra}" non valido (sì o no)`);
    const pisId = row.get('pis_id');
    if (pisId === '') {
      const filled = PIS_COLUMNS.filter((c) => c !== 'sovra_ambito' && row.get(c) !== '');
      if (filled.length > 0) bad(`campi del PIS compilati (${filled.join(', ')}) ma pis_id vuoto`);
      continue;
    }
    if (!/^[A-Za-z0-9._-]{1,80}$/.test(pisId)) {
      bad(`pis_id "${pisId}" non valido (lettere, cifre, . _ -)`);
      continue;
    }
    const flag = (c: Column): boolean => {
      const b = parseYesNo(row.get(c));
      if (b === undefined) bad(`${c} "${row.get(c)}" non valido (sì o no)`);
      return b ?? false;
    };
    const name = row.text('pis_nome');
    const nameProblem = textProblem(name, { nonEmpty: true });
    if (name.trim() === '') bad(`pis_nome vuoto per il PIS "${pisId}"`);
    else if (nameProblem) bad(`pis_nome: ${nameProblem}`);
    const capofila = row.get('capofila');
    if (!territory.ambito(capofila)) bad(`capofila: codice Ambito sconosciuto "${capofila}"`);
    const presa = parsePresa(row.get('presa_in_carico'));
    if (!presa) bad(`presa_in_carico "${row.get('presa_in_carico')}" non valida (valori ammessi: ${PRESA_IN_CARICO_VALUES.map((p) => PRESA_IN_CARICO_LABELS[p]).join(', ')})`);
    let budget: number | undefined;
    if (row.get('budget_annuo_eur') !== '') {
      const b = parseEuro(row.get('budget_annuo_eur'));
      if (typeof b === 'string') bad(`budget_annuo_eur: ${b}`);
      else budget = b;
    }
    let selfDeclared: ServiceDraft['selfDeclared'] = 'keep';
    if (header.has('leps_autodichiarato')) {
      const v = parseYesNoUnknown(row.get('leps_autodichiarato'));
      if (v === null) bad(`leps_autodichiarato "${row.get('leps_autodichiarato')}" non valido (sì, no o ${NOT_KNOWN})`);
      else selfDeclared = v;
    }
    const d: ServiceDraft = {
      id: pisId, firstLine: line, members: [code], name, capofila, centrale: flag('centrale_operativa_24h'),
      uds: flag('uds_h24'), presa: presa ?? 'nessuna', grave: flag('grave_marginalita'), budget, selfDeclared, lines: [line],
    };
    const prev = drafts.get(pisId);
    if (!prev) {
      drafts.set(pisId, d);
      continue;
    }
    const same: [string, unknown, unknown][] = [
      ['pis_nome', prev.name, d.name], ['capofila', prev.capofila, d.capofila], ['centrale_operativa_24h', prev.centrale, d.centrale],
      ['uds_h24', prev.uds, d.uds], ['presa_in_carico', prev.presa, d.presa], ['grave_marginalita', prev.grave, d.grave],
      ['budget_annuo_eur', prev.budget, d.budget], ['leps_autodichiarato', prev.selfDeclared, d.selfDeclared],
    ];
    for (const [col, a, b] of same) if (a !== b) bad(`${col} diverso da quello della riga ${prev.firstLine} per lo stesso PIS "${pisId}"`);
    prev.members.push(code);
    prev.lines.push(line);
  }
  for (const d of drafts.values()) {
    if (!d.members.includes(d.capofila) && territory.ambito(d.capofila)) {
      errors.push(`riga ${d.firstLine}: il capofila ${d.capofila} del PIS "${d.id}" non è tra gli Ambiti delle sue righe`);
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return assemble(current, territory, statuses, drafts, illustrative);
}

function assemble(current: Scenario, territory: Territory, statuses: Scenario['statuses'], drafts: Map<string, ServiceDraft>, illustrative: boolean): ImportResult {
  const listed = new Set(Object.keys(statuses));
  const services: PisService[] = [];
  for (const old of current.services) {
    const d = drafts.get(old.id);
    const kept = old.members.filter((m) => !listed.has(m));
    if (!d) {
      const [firstKept] = kept;
      if (firstKept !== undefined) services.push({ ...old, members: kept, capofila: kept.includes(old.capofila) ? old.capofila : firstKept });
      continue;
    }
    const final = new Set([...kept, ...d.members]);
    const members = [...old.members.filter((m) => final.has(m)), ...d.members.filter((m) => !old.members.includes(m))];
    services.push(applyDraft({ ...old, members }, d));
  }
  for (const d of drafts.values()) {
    if (current.services.some((x) => x.id === d.id)) continue;
    services.push(applyDraft({
      id: d.id, name: d.name, members: d.members, capofila: d.capofila, enteGestore: '', organisation: 'a-chiusura',
      centraleOperativa24h365: d.centrale, udsH24: d.uds, presaInCarico: d.presa, graveMarginalita: d.grave, bases: [],
      unverifiedFields: ['organisation', 'bases'],
    }, d));
  }
  const scenario: Scenario = {
    ...current,
    illustrative: current.illustrative || illustrative,
    statuses: mergeStatuses(current.statuses, statuses),
    services,
  };
  const lineOfService = (path: string): string => {
    const m = /^services\[(\d+)\]/.exec(path);
    const svc = m ? services[Number(m[1])] : undefined;
    const d = svc ? drafts.get(svc.id) : undefined;
    return d ? `riga ${d.firstLine}` : '(file)';
  };
  const problems = checkScenario(scenario, territory);
  const errs = problems.filter((p) => p.severity === 'error').map((p) => `${lineOfService(p.path)}: ${p.message}`);
  if (errs.length > 0) return { ok: false, errors: errs };
  // Safety net: what this importer builds must pass the schema every other path applies.
  const schema = readScenarioV1(JSON.parse(JSON.stringify(scenario)) as unknown);
  if (!schema.ok) return { ok: false, errors: schema.errors.map((e) => `(file) › ${e}`) };
  const warnings = problems.filter((p) => p.severity === 'warning').map((p) => p.message);
  return warnings.length > 0 ? { ok: true, scenario, warnings } : { ok: true, scenario };
}

/** A bare `sconosciuto` row adds nothing where the scenario had no entry (keeps round trips exact). */
function mergeStatuses(current: Scenario['statuses'], rows: Scenario['statuses']): Scenario['statuses'] {
  const out = { ...current };
  for (const [code, st] of Object.entries(rows)) {
    const bare = st.status === 'sconosciuto' && st.startDate === undefined && st.source === undefined;
    if (bare && !Object.hasOwn(current, code)) continue;
    out[code] = st;
  }
  return out;
}

/** CSV values override the service's; a field whose value changes is no longer a placeholder. */
function applyDraft(svc: PisService, d: ServiceDraft): PisService {
  const changed = new Set<ServiceFeatureKey>();
  if (svc.centraleOperativa24h365 !== d.centrale) changed.add('centraleOperativa24h365');
  if (svc.udsH24 !== d.uds) changed.add('udsH24');
  if (svc.presaInCarico !== d.presa) changed.add('presaInCarico');
  if (svc.graveMarginalita !== d.grave) changed.add('graveMarginalita');
  if (svc.annualBudgetEur !== d.budget) changed.add('annualBudgetEur');
  if (d.selfDeclared !== 'keep' && svc.selfDeclaredLeps !== d.selfDeclared) changed.add('selfDeclaredLeps');
  const next: PisService = {
    ...svc, name: d.name, capofila: d.capofila, centraleOperativa24h365: d.centrale, udsH24: d.uds, presaInCarico: d.presa, graveMarginalita: d.grave,
  };
  if (d.budget === undefined) delete next.annualBudgetEur;
  else next.annualBudgetEur = d.budget;
  if (changed.has('annualBudgetEur')) delete next.annualBudgetNote;
  if (d.selfDeclared !== 'keep') {
    if (d.selfDeclared === undefined) delete next.selfDeclaredLeps;
    else next.selfDeclaredLeps = d.selfDeclared;
  }
  if (svc.unverifiedFields) {
    const left = svc.unverifiedFields.filter((k) => !changed.has(k));
    if (left.length > 0) next.unverifiedFields = left;
    else delete next.unverifiedFields;
  }
  return next;
}
