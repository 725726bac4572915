// Model invariants checked against the territory. Errors make a scenario invalid (importers
// reject it); warnings are shown to the user but allowed (a base just outside the members'
// territory can be a deliberate choice). Each problem names the objects involved and the JSON
// path, so the same list serves the UI and the import messages.
import type { Scenario } from './types.ts';
import type { Territory } from '../territory/index.ts';
import { TIME_BANDS } from '../sim/layout.ts';
import { isIsoDate, isPartialIsoDate } from './dates.ts';
import { inLombardyBbox } from './bbox.ts';
import { own } from './own.ts';
import { ambitiLeftEmpty } from '../territory/officialComposition.ts';
import { formatIt } from '../format/numbers.ts';

export type ProblemSeverity = 'error' | 'warning';

export interface Problem {
  severity: ProblemSeverity;
  /** Stable machine code, e.g. 'unknown-ambito'. */
  code: string;
  /** JSON path of the offending value, e.g. `services[2].members[0]`. */
  path: string;
  /** Italian: who (e.g. `PIS "pis-3"`). */
  subject: string;
  /** Italian: what is wrong (e.g. `codice Ambito sconosciuto "99999"`). */
  detail: string;
  /** `${subject}: ${detail}` — for lists in the UI. */
  message: string;
}

export function checkScenario(scenario: Scenario, territory: Territory): Problem[] {
  const problems: Problem[] = [];
  const add = (severity: ProblemSeverity, code: string, path: string, subject: string, detail: string): void => {
    problems.push({ severity, code, path, subject, detail, message: `${subject}: ${detail}` });
  };
  const ambitoOf = (istat: string): string | undefined => own(scenario.compositionOverrides, istat) ?? territory.comune(istat)?.ambito;

  if (!isIsoDate(scenario.referenceDate)) {
    add('error', 'bad-date', 'referenceDate', 'scenario', `data di riferimento "${scenario.referenceDate}" non valida (formato AAAA-MM-GG)`);
  }

  for (const [code, st] of Object.entries(scenario.statuses)) {
    if (!territory.ambito(code)) add('error', 'unknown-ambito', `statuses.${code}`, `stato dell'Ambito ${code}`, `codice Ambito sconosciuto "${code}"`);
    if (st.startDate !== undefined && !isPartialIsoDate(st.startDate)) {
      add('error', 'bad-date', `statuses.${code}.startDate`, `Ambito ${code}`, `data di avvio "${st.startDate}" non valida (AAAA, AAAA-MM o AAAA-MM-GG)`);
    }
  }

  for (const code of Object.keys(scenario.openingHours ?? {})) {
    if (!territory.ambito(code)) add('error', 'unknown-ambito', `openingHours.${code}`, 'orari dei servizi sociali', `codice Ambito sconosciuto "${code}"`);
  }

  for (const [istat, code] of Object.entries(scenario.compositionOverrides)) {
    const path = `compositionOverrides.${istat}`;
    if (!territory.comune(istat)) add('error', 'unknown-comune', path, 'composizione', `comune ISTAT sconosciuto "${istat}"`);
    if (!territory.ambito(code)) add('error', 'unknown-ambito', path, `composizione (comune ${istat})`, `codice Ambito sconosciuto "${code}"`);
  }

  // What-if moves must not leave an Ambito (and so a PIS) without comuni: the map, counts and
  // simulations cannot draw or compute an empty Ambito.
  if (Object.keys(scenario.compositionOverrides).length > 0) {
    for (const [code, istat] of ambitiLeftEmpty(territory, (i) => own(scenario.compositionOverrides, i))) {
      const pis = scenario.services.find((s) => s.members.includes(code));
      add('error', 'empty-ambito', `compositionOverrides.${istat}`, `composizione (comune ${istat})`,
        `spostando i suoi comuni l'Ambito ${code} (${territory.ambito(code)?.name ?? code}) resterebbe senza comuni${pis ? `, e con lui il PIS "${pis.id}"` : ''}`);
    }
  }

  const ownerOf = new Map<string, string>();
  const serviceIds = new Set<string>();
  const baseIds = new Map<string, string>();
  scenario.services.forEach((svc, si) => {
    const p = `services[${si}]`;
    const who = `PIS "${svc.id}"`;
    if (serviceIds.has(svc.id)) add('error', 'duplicate-service', `${p}.id`, who, 'identificativo PIS duplicato');
    serviceIds.add(svc.id);
    if (svc.members.length === 0) add('error', 'no-members', `${p}.members`, who, 'nessun Ambito membro');
    svc.members.forEach((code, mi) => {
      const mp = `${p}.members[${mi}]`;
      if (!territory.ambito(code)) add('error', 'unknown-ambito', mp, who, `codice Ambito sconosciuto "${code}"`);
      const owner = ownerOf.get(code);
      if (owner === svc.id) add('error', 'duplicate-member', mp, who, `Ambito ${code} elencato due volte`);
      else if (owner !== undefined) add('error', 'ambito-in-two-services', mp, who, `l'Ambito ${code} appartiene già al PIS "${owner}"`);
      else ownerOf.set(code, svc.id);
    });
    if (!svc.members.includes(svc.capofila)) add('error', 'capofila-not-member', `${p}.capofila`, who, `il capofila ${svc.capofila} non è tra gli Ambiti membri`);
    if (svc.udsHoursPerDay !== undefined && (svc.udsHoursPerDay < 0 || svc.udsHoursPerDay > 24)) {
      add('error', 'bad-number', `${p}.udsHoursPerDay`, who, `ore UdS al giorno ${svc.udsHoursPerDay} fuori da 0–24`);
    }
    if (svc.udsH24 && svc.udsHoursPerDay !== undefined && svc.udsHoursPerDay < 24) {
      add('warning', 'uds-hours', `${p}.udsHoursPerDay`, who, `UdS h24 ma ${svc.udsHoursPerDay} ore al giorno`);
    }
    const members = new Set(svc.members);
    svc.bases.forEach((b, bi) => {
      const bp = `${p}.bases[${bi}]`;
      const bwho = `${who}, base "${b.id}"`;
      const other = baseIds.get(b.id);
      if (other !== undefined) add('error', 'duplicate-base', `${bp}.id`, bwho, `identificativo base già usato nel PIS "${other}"`);
      baseIds.set(b.id, svc.id);
      for (const band of TIME_BANDS) {
        const n = b.unitsByBand[band];
        if (!Number.isInteger(n) || n < 0) add('error', 'bad-number', `${bp}.unitsByBand.${band}`, bwho, `unità nella fascia ${band} non valide (${n}): serve un intero ≥ 0`);
      }
      if (b.istat === undefined) {
        if (b.kind !== 'centrale') add('error', 'base-without-place', `${bp}.istat`, bwho, 'una base UdS o di reperibilità deve avere un comune');
        return;
      }
      const a = ambitoOf(b.istat);
      if (a === undefined) add('error', 'unknown-comune', `${bp}.istat`, bwho, `comune ISTAT sconosciuto "${b.istat}"`);
      else if (!members.has(a)) {
        add('warning', 'base-outside', `${bp}.istat`, bwho, `il comune ${b.istat} (${territory.comune(b.istat)?.name ?? '?'}) è nell'Ambito ${a}, fuori dal territorio dei membri`);
      }
      // The same place checks on every path (JSON, GeoJSON, editor): inside Lombardy, then
      // inside the base's own comune when the boundaries are loaded (territory.places).
      if (b.point && !inLombardyBbox(b.point)) add('error', 'point-outside', `${bp}.point`, bwho, `punto [${b.point.join(', ')}] fuori dalla Lombardia`);
      else if (b.point && a !== undefined && territory.places) {
        const km = territory.places.distanceKm(b.istat, b.point);
        if (km !== undefined && km > territory.places.toleranceKm) {
          add('error', 'point-not-in-comune', `${bp}.point`, bwho, `punto [${b.point.join(', ')}] a ${formatIt(km, { maximumFractionDigits: 1 })} km dal comune ${territory.comune(b.istat)?.name ?? b.istat} (${b.istat}): deve cadere nel comune della base (tolleranza ${territory.places.toleranceKm} km)`);
        }
      }
    });
  });
  return problems;
}

export function errorsOf(problems: readonly Problem[]): Problem[] {
  return problems.filter((p) => p.severity === 'error');
}
