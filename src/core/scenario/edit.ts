// Pure edit functions: each returns a new Scenario and never mutates its input, so the app's
// undo/redo can keep old scenarios as they are. Edits enforce the structural rules that no
// edit may break (an Ambito in at most one service, no service without members, the capofila
// is a member); checks that need the territory (unknown codes, bases outside the members'
// territory) are in invariants.ts. Invalid requests throw ScenarioEditError (Italian message).
import { own } from './own.ts';
import type { AmbitoStatus, OpeningHours, PisBase, PisService, PisStatus, Scenario } from './types.ts';
import type { TimeBand } from '../sim/layout.ts';
import type { Territory } from '../territory/index.ts';

export class ScenarioEditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioEditError';
  }
}

function fail(message: string): never {
  throw new ScenarioEditError(message);
}

/** The service with that id and its position; an unknown id is an edit error, not a crash. */
function serviceAt(s: Scenario, serviceId: string): { i: number; x: PisService } {
  const i = s.services.findIndex((x) => x.id === serviceId);
  const x = s.services[i];
  if (!x) fail(`PIS "${serviceId}" inesistente`);
  return { i, x };
}

function replaceService(s: Scenario, i: number, next: PisService): Scenario {
  const services = s.services.slice();
  services[i] = next;
  return { ...s, services };
}

/** First free id of the form `${prefix}-N` (deterministic, so tests and undo are stable). */
export function nextId(taken: Iterable<string>, prefix: string): string {
  const set = new Set(taken);
  for (let n = 1; ; n++) if (!set.has(`${prefix}-${n}`)) return `${prefix}-${n}`;
}

export function nextServiceId(s: Scenario): string {
  return nextId(s.services.map((x) => x.id), 'pis');
}

function allBaseIds(s: Scenario): string[] {
  return s.services.flatMap((x) => x.bases.map((b) => b.id));
}

/** The service an Ambito belongs to, if any. */
export function serviceOfAmbito(s: Scenario, ambitoCode: string): PisService | undefined {
  return s.services.find((x) => x.members.includes(ambitoCode));
}

// ---------------------------------------------------------------- scenario metadata

export type ScenarioMeta = Pick<Scenario, 'name' | 'description' | 'referenceDate' | 'authorNote' | 'illustrative'>;

export function updateScenarioMeta(s: Scenario, patch: Partial<ScenarioMeta>): Scenario {
  return { ...s, ...patch };
}

/** A copy with a new id and name (the "duplicate scenario" command). */
export function duplicateScenario(s: Scenario, id: string, name: string): Scenario {
  return { ...(JSON.parse(JSON.stringify(s)) as Scenario), id, name };
}

// ---------------------------------------------------------------- statuses

/** Sets the status of one or several Ambiti (bulk edit). startDate/source replace the old ones. */
export function setStatus(
  s: Scenario,
  ambitoCodes: string | readonly string[],
  status: PisStatus,
  details: { startDate?: string; source?: string } = {},
): Scenario {
  const statuses = { ...s.statuses };
  for (const code of typeof ambitoCodes === 'string' ? [ambitoCodes] : ambitoCodes) {
    const next: AmbitoStatus = { status };
    if (details.startDate !== undefined) next.startDate = details.startDate;
    if (details.source !== undefined) next.source = details.source;
    statuses[code] = next;
  }
  return { ...s, statuses };
}

// ---------------------------------------------------------------- services and members

export type NewService = Partial<Omit<PisService, 'members'>> & { members: string[] };

/** The weakest answer for every LEPS feature: what a service says until a source says more. */
export const WEAKEST_FEATURES = {
  enteGestore: '',
  organisation: 'a-chiusura',
  centraleOperativa24h365: false,
  udsH24: false,
  presaInCarico: 'nessuna',
  graveMarginalita: false,
} as const satisfies Partial<PisService>;

/**
 * Creates a service. Members taken from other services move to the new one (same rule as
 * addMember). Defaults are the weakest answers (no centrale 24h, no UdS h24, no presa in
 * carico) and are listed in `unverifiedFields` so the UI asks the user to confirm them.
 */
export function createService(s: Scenario, init: NewService): Scenario {
  const members = [...new Set(init.members)];
  if (members.length === 0) fail('un PIS deve avere almeno un Ambito');
  const id = init.id ?? nextServiceId(s);
  if (s.services.some((x) => x.id === id)) fail(`PIS "${id}" esiste già`);
  const capofila = init.capofila ?? members[0];
  if (capofila === undefined || !members.includes(capofila)) fail(`PIS "${id}": il capofila ${capofila} non è tra gli Ambiti membri`);
  const service: PisService = {
    name: `PIS ${members.join(' + ')}`,
    ...WEAKEST_FEATURES,
    bases: [],
    unverifiedFields: ['organisation', 'centraleOperativa24h365', 'udsH24', 'presaInCarico', 'graveMarginalita'],
    ...init,
    id,
    members: [],
    capofila,
  };
  let next: Scenario = { ...s, services: [...s.services, service] };
  for (const code of members) next = addMember(next, id, code);
  return setCapofila(next, id, capofila);
}

/**
 * Adds an Ambito to a service. Rule (chosen for the map editor, where clicking an Ambito that
 * already has a PIS means "bring it into this association"): the Ambito MOVES from its old
 * service. If the old service loses its capofila, its first remaining member becomes capofila;
 * if it is left with no member, it is removed and its bases move to the receiving service
 * (the same result as mergeServices), so a service is never left empty.
 */
export function addMember(s: Scenario, serviceId: string, ambitoCode: string): Scenario {
  if (serviceAt(s, serviceId).x.members.includes(ambitoCode)) return s;
  let movedBases: PisBase[] = [];
  const services: PisService[] = [];
  for (const x of s.services) {
    if (x.id === serviceId || !x.members.includes(ambitoCode)) {
      services.push(x);
      continue;
    }
    const members = x.members.filter((m) => m !== ambitoCode);
    const [firstLeft] = members;
    if (firstLeft === undefined) {
      movedBases = x.bases;
      continue;
    }
    services.push({ ...x, members, capofila: members.includes(x.capofila) ? x.capofila : firstLeft });
  }
  const i = services.findIndex((x) => x.id === serviceId);
  const t = services[i];
  if (!t) fail(`PIS "${serviceId}" inesistente`);
  const taken = new Set(t.bases.map((b) => b.id));
  const bases = [...t.bases, ...movedBases.map((b) => (taken.has(b.id) ? { ...b, id: nextId([...taken, ...allBaseIds(s)], 'base') } : b))];
  services[i] = { ...t, members: [...t.members, ambitoCode], bases };
  return { ...s, services };
}

/** Removes an Ambito from a service. Removing the last member is refused: use deleteService. */
export function removeMember(s: Scenario, serviceId: string, ambitoCode: string): Scenario {
  const { i, x } = serviceAt(s, serviceId);
  if (!x.members.includes(ambitoCode)) fail(`PIS "${serviceId}": l'Ambito ${ambitoCode} non è tra i membri`);
  const members = x.members.filter((m) => m !== ambitoCode);
  const [firstLeft] = members;
  if (firstLeft === undefined) fail(`PIS "${serviceId}": non si può togliere l'unico Ambito (eliminare il PIS)`);
  return replaceService(s, i, { ...x, members, capofila: x.capofila === ambitoCode ? firstLeft : x.capofila });
}

export function setCapofila(s: Scenario, serviceId: string, ambitoCode: string): Scenario {
  const { i, x } = serviceAt(s, serviceId);
  if (!x.members.includes(ambitoCode)) fail(`PIS "${serviceId}": il capofila ${ambitoCode} non è tra gli Ambiti membri`);
  return replaceService(s, i, { ...x, capofila: ambitoCode });
}

/** Fields set through their own functions (membership, capofila, bases) cannot be patched here. */
export type ServicePatch = Partial<Omit<PisService, 'id' | 'members' | 'capofila' | 'bases'>>;

/** Updates fields; a field set here is no longer a placeholder, so it leaves `unverifiedFields`. */
export function updateService(s: Scenario, serviceId: string, patch: ServicePatch): Scenario {
  const { i, x } = serviceAt(s, serviceId);
  const next: PisService = { ...x, ...patch };
  if (x.unverifiedFields && !('unverifiedFields' in patch)) {
    const left = x.unverifiedFields.filter((k) => !(k in patch));
    if (left.length > 0) next.unverifiedFields = left;
    else delete next.unverifiedFields;
  }
  for (const k of Object.keys(next) as (keyof PisService)[]) if (next[k] === undefined) delete next[k];
  return replaceService(s, i, next);
}

export function deleteService(s: Scenario, serviceId: string): Scenario {
  serviceAt(s, serviceId);
  return { ...s, services: s.services.filter((x) => x.id !== serviceId) };
}

/**
 * Merges services into the first one listed: it keeps its id, name, capofila and features;
 * members and bases are concatenated in the order given (clashing base ids are renamed).
 */
export function mergeServices(s: Scenario, serviceIds: readonly string[]): Scenario {
  if (serviceIds.length < 2) fail('servono almeno due PIS da unire');
  const parts = serviceIds.map((id) => serviceAt(s, id).x);
  if (new Set(serviceIds).size !== serviceIds.length) fail('lo stesso PIS compare due volte');
  const [first, ...rest] = parts;
  if (!first) fail('servono almeno due PIS da unire');
  const taken = new Set(first.bases.map((b) => b.id));
  const bases = [...first.bases];
  for (const b of rest.flatMap((x) => x.bases)) {
    const id = taken.has(b.id) ? nextId([...taken, ...allBaseIds(s)], 'base') : b.id;
    taken.add(id);
    bases.push(id === b.id ? b : { ...b, id });
  }
  const merged: PisService = { ...first, members: parts.flatMap((x) => x.members), bases };
  const drop = new Set(rest.map((x) => x.id));
  return { ...s, services: s.services.filter((x) => !drop.has(x.id)).map((x) => (x.id === first.id ? merged : x)) };
}

/**
 * Splits a service into groups of members that together are exactly its members. The first
 * group keeps the service (id, name, features); each other group becomes a copy with a new
 * id, its first member as capofila (or the old capofila if it is in the group). A base goes
 * with the group that holds its comune's Ambito (`ambitoOfIstat`); bases without a place or
 * outside every group stay with the first group.
 */
export function splitService(
  s: Scenario,
  serviceId: string,
  groups: readonly (readonly string[])[],
  ambitoOfIstat: (istat: string) => string | undefined = () => undefined,
): Scenario {
  const { i, x } = serviceAt(s, serviceId);
  const flat = groups.flat();
  if (groups.length < 2 || groups.some((g) => g.length === 0)) fail(`PIS "${serviceId}": servono almeno due gruppi non vuoti`);
  if (flat.length !== x.members.length || new Set(flat).size !== flat.length || !flat.every((m) => x.members.includes(m))) {
    fail(`PIS "${serviceId}": i gruppi devono contenere ciascun Ambito membro esattamente una volta`);
  }
  const groupOf = (b: PisBase): number => {
    const a = b.istat === undefined ? undefined : ambitoOfIstat(b.istat);
    const g = a === undefined ? -1 : groups.findIndex((gr) => gr.includes(a));
    return g < 0 ? 0 : g;
  };
  const taken = s.services.map((y) => y.id);
  const parts: PisService[] = groups.map((g, k) => {
    const members = [...g];
    // Groups are non-empty (checked above).
    const capofila = members.includes(x.capofila) ? x.capofila : (members[0] ?? x.capofila);
    const id = k === 0 ? x.id : nextId(taken, 'pis');
    if (k > 0) taken.push(id);
    return {
      ...x,
      id,
      name: k === 0 ? x.name : `${x.name} (${k + 1})`,
      members,
      capofila,
      bases: x.bases.filter((b) => groupOf(b) === k),
    };
  });
  const services = s.services.slice();
  services.splice(i, 1, ...parts);
  return { ...s, services };
}

// ---------------------------------------------------------------- bases

export type NewBase = Omit<PisBase, 'id'> & { id?: string };

/** Editing a roster role states the roster: it stops being a placeholder (24h/365 compliance is then computed, not "unknown"). */
function rosterStated(x: PisService): PisService {
  if (!x.unverifiedFields?.some((k) => k === 'bases' || k === 'unitCounts')) return x;
  const left = x.unverifiedFields.filter((k) => k !== 'bases' && k !== 'unitCounts');
  const next: PisService = { ...x, unverifiedFields: left };
  if (left.length === 0) delete next.unverifiedFields;
  return next;
}

export function addBase(s: Scenario, serviceId: string, base: NewBase): Scenario {
  const { i, x } = serviceAt(s, serviceId);
  const id = base.id ?? nextId(allBaseIds(s), 'base');
  if (allBaseIds(s).includes(id)) fail(`base "${id}" esiste già`);
  return replaceService(s, i, rosterStated({ ...x, bases: [...x.bases, { ...base, id, unitsByBand: { ...base.unitsByBand } }] }));
}

function baseAt(x: PisService, baseId: string): { j: number; b: PisBase } {
  const j = x.bases.findIndex((b) => b.id === baseId);
  const b = x.bases[j];
  if (!b) fail(`PIS "${x.id}": base "${baseId}" inesistente`);
  return { j, b };
}

/** Moves a base to a comune and (optionally) a precise point, e.g. after a drag on the map. */
export function moveBase(s: Scenario, serviceId: string, baseId: string, to: { istat: string; point?: [number, number] }): Scenario {
  const { i, x } = serviceAt(s, serviceId);
  const { j, b } = baseAt(x, baseId);
  const moved: PisBase = { ...b, istat: to.istat };
  if (to.point) moved.point = [to.point[0], to.point[1]];
  else delete moved.point;
  const bases = x.bases.slice();
  bases[j] = moved;
  return replaceService(s, i, { ...x, bases });
}

export function updateBase(s: Scenario, serviceId: string, baseId: string, patch: { kind?: PisBase['kind']; unitsByBand?: Partial<Record<TimeBand, number>> }): Scenario {
  const { i, x } = serviceAt(s, serviceId);
  const { j, b: old } = baseAt(x, baseId);
  const bases = x.bases.slice();
  bases[j] = { ...old, ...(patch.kind ? { kind: patch.kind } : {}), unitsByBand: { ...old.unitsByBand, ...patch.unitsByBand } };
  return replaceService(s, i, rosterStated({ ...x, bases }));
}

export function removeBase(s: Scenario, serviceId: string, baseId: string): Scenario {
  const { i, x } = serviceAt(s, serviceId);
  baseAt(x, baseId);
  return replaceService(s, i, rosterStated({ ...x, bases: x.bases.filter((b) => b.id !== baseId) }));
}

// ---------------------------------------------------------------- composition

/**
 * "What if comune X joins Ambito Y": records the move in compositionOverrides. Moving a comune
 * back to the Ambito the territory gives it removes the override.
 */
export function moveComune(s: Scenario, territory: Territory, istat: string, ambitoCode: string): Scenario {
  const c = territory.comune(istat);
  if (!c) fail(`comune ISTAT "${istat}" sconosciuto`);
  if (!territory.ambito(ambitoCode)) fail(`codice Ambito sconosciuto "${ambitoCode}"`);
  const compositionOverrides = { ...s.compositionOverrides };
  if (c.ambito === ambitoCode) delete compositionOverrides[istat];
  else compositionOverrides[istat] = ambitoCode;
  return { ...s, compositionOverrides };
}

/** The Ambito of a comune in this scenario (composition overrides applied). */
export function ambitoOfComune(s: Scenario, territory: Territory, istat: string): string | undefined {
  return own(s.compositionOverrides, istat) ?? territory.comune(istat)?.ambito;
}

// ---------------------------------------------------------------- opening hours

/**
 * Sets (or with `undefined` removes, back to the labelled default) the opening hours of an
 * Ambito's territorial social services, which option (a) hands the calls in those hours.
 */
export function setOpeningHours(s: Scenario, territory: Territory, ambitoCode: string, hours: OpeningHours | undefined): Scenario {
  if (!territory.ambito(ambitoCode)) fail(`codice Ambito sconosciuto "${ambitoCode}"`);
  const openingHours = { ...(s.openingHours ?? {}) };
  if (hours === undefined) delete openingHours[ambitoCode];
  else {
    if (!(Number.isInteger(hours.startHour) && Number.isInteger(hours.endHour) && hours.startHour >= 0 && hours.endHour <= 24 && hours.startHour < hours.endHour)) {
      fail(`orari non validi: ${hours.startHour}–${hours.endHour} (attese ore intere 0–24, apertura prima della chiusura)`);
    }
    openingHours[ambitoCode] = { ...hours, days: [...new Set(hours.days)].sort((a, b) => a - b) };
  }
  const next: Scenario = { ...s, openingHours };
  if (Object.keys(openingHours).length === 0) delete next.openingHours;
  return next;
}
