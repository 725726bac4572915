// The two built-in scenarios. `defaultScenario` holds only sourced facts (everything else is
// `sconosciuto`); `illustrativeScenario` is a labelled fiction that reproduces the CROAS
// aggregates, for demonstrations. Both are deterministic (no randomness, no clock).
import type { PisBase, PisService, Scenario } from './types.ts';
import { ILLUSTRATIVE_NAME, SCHEMA_VERSION } from './types.ts';
import type { Territory } from '../territory/index.ts';
import { allBands, type TimeBand } from '../sim/layout.ts';
import { CROAS_SURVEY } from './derived.ts';
import { WEAKEST_FEATURES } from './edit.ts';

// Human-readable citations (users see them); the documents are in the project's shared seeds.
const RHO_SOURCE = 'Sercop / Ambito Rhodense, progetto di massima PIS (centrale operativa e presa in carico generale), co-progettazione 2026-2027';
const FACTS_SOURCE = 'raccolta di fatti documentati sul PIS in Lombardia (pis_facts.md del progetto)';

/** Sourced facts on the Rho PIS that are not scenario fields (calibration of demand). */
export const RHO_FACTS = {
  ambito: '50095',
  source: RHO_SOURCE,
  activeSince: '2023-07',
  reportsPeriod: { from: '2023-07', to: '2025-09-30' },
  reports: 86,
  notPertinent: 19,
  urgencies: 17,
  emergencies: 50,
  emergenciesByKind: { calamities: 8, adultsOrHomeless: 7, unaccompaniedForeignMinors: 21 },
  budgetEur: 89572.8,
  budgetPeriod: { from: '2026-01-01', to: '2027-12-31' },
  comuni: ['Arese', 'Cornaredo', 'Lainate', 'Pero', 'Pogliano Milanese', 'Pregnana Milanese', 'Rho', 'Settimo Milanese', 'Vanzago'],
} as const;

/** Units in the closure bands only (weekday 6–9 and 17–22, nights, Saturdays, Sundays and holidays). */
export const CLOSURE_BANDS: Readonly<Record<TimeBand, number>> = Object.freeze({ office: 0, closure: 1, night: 1, saturday: 1, holiday: 1 });

/**
 * The Rho PIS as its 2026-27 project describes it: the sheet's option (a) — it answers "quando i
 * servizi sociali territoriali risultano chiusi", with "reperibilità … nelle fasce orarie di
 * chiusura dei servizi sociali comunali (notturni, festivi, weekend), assicurando la presenza di
 * una Centrale Operativa", a "presidio operativo attivo 24 ore su 24, 365 giorni l'anno". The
 * bands are sourced; the number of operators per role is not (one each, flagged). The
 * reperibile sits in Rho, where the cooperative is based. A 2023 article describes an earlier,
 * narrower schedule (Friday afternoon to Monday morning): kept in the documented facts.
 */
function rhoService(): PisService {
  return {
    id: 'pis-rhodense',
    name: 'PIS Ambito Rhodense',
    members: ['50095'],
    capofila: '50095',
    enteGestore: 'Sercop (azienda speciale consortile, Area Inclusione); gestione affidata alla Cooperativa sociale Intrecci onlus (Terzo Settore, sede a Rho)',
    organisation: 'a-chiusura',
    centraleOperativa24h365: true,
    udsH24: false,
    // "Centrale operativa e presa in carico generale"; "offrire una presa in carico immediata":
    // short, by the PIS, then handed to the competent service. The duration is not stated.
    presaInCarico: 'breve-0-7',
    // Destinatari include "persone senza dimora" and adults in "grave emarginazione sociale".
    graveMarginalita: true,
    bases: [
      { id: 'centrale-rhodense', kind: 'centrale', unitsByBand: allBands(1) },
      { id: 'reperibile-rhodense', kind: 'reperibilita', istat: '015182', unitsByBand: { ...CLOSURE_BANDS } },
    ],
    annualBudgetEur: 44786.4,
    annualBudgetNote: 'stima della co-progettazione (non il costo pieno del servizio): 89.572,80 € per il biennio 01/01/2026–31/12/2027, diviso per 2',
    unverifiedFields: ['udsH24', 'presaInCarico', 'unitCounts'],
    source: RHO_SOURCE,
  };
}

const UNVERIFIED_ALL: PisService['unverifiedFields'] = ['organisation', 'centraleOperativa24h365', 'udsH24', 'presaInCarico', 'graveMarginalita', 'bases'];

function lomellinaService(): PisService {
  return {
    id: 'pis-lomellina',
    name: 'PIS Lomellina',
    members: ['50031'],
    capofila: '50031',
    ...WEAKEST_FEATURES,
    bases: [],
    unverifiedFields: UNVERIFIED_ALL,
    source: 'https://ilmelogranonet.it/dieci-cento-mille-pis/ (31/01/2024), via ' + FACTS_SOURCE,
  };
}

/** Ambiti with a sourced PIS, in the order used by the illustrative scenario. */
export const SOURCED_PIS_AMBITI: readonly string[] = ['50095', '50031', '50006'];

/**
 * Sourced facts only. Cremona gets the status but no service: the source says the Comune di
 * Cremona runs a PIS, not how the Ambito's service is organised.
 */
export function defaultScenario(territory: Territory): Scenario {
  const statuses: Scenario['statuses'] = {};
  for (const a of territory.data.ambiti) statuses[a.code] = { status: 'sconosciuto' };
  statuses['50095'] = { status: 'attivo', startDate: '2023-07', source: RHO_SOURCE };
  statuses['50031'] = {
    status: 'attivo',
    source: 'https://ilmelogranonet.it/dieci-cento-mille-pis/ (31/01/2024: "un anno di lavoro del Pronto Intervento Sociale in Lomellina"), via ' + FACTS_SOURCE,
  };
  statuses['50006'] = {
    status: 'attivo',
    source: 'https://welforum.it/il-servizio-di-pronto-intervento-sociale-in-italia (10/03/2025: il Comune di Cremona gestiva già un PIS, 05/05/2022), via ' + FACTS_SOURCE,
  };
  return {
    schemaVersion: SCHEMA_VERSION,
    id: 'dati-documentati',
    name: 'Dati documentati',
    description: 'Solo fatti con una fonte pubblica: PIS del Rhodense, della Lomellina e di Cremona. Tutti gli altri Ambiti: stato sconosciuto.',
    // End of the CROAS survey period, the most recent of the sourced facts.
    referenceDate: '2025-12-31',
    authorNote: `Aggregati regionali da confrontare: ${CROAS_SURVEY.source}.`,
    illustrative: false,
    statuses,
    services: [rhoService(), lomellinaService()],
    compositionOverrides: {},
  };
}

// ---------------------------------------------------------------- illustrative scenario

/** Most populous comune of an Ambito (ties: lower ISTAT code). */
export function mostPopulousComune(territory: Territory, ambitoCode: string): string | undefined {
  let best: { istat: string; residents: number } | undefined;
  for (const i of territory.comuniOfAmbito(ambitoCode)) {
    const c = territory.data.comuni[i];
    if (!best || c.residents > best.residents) best = { istat: c.istat, residents: c.residents };
  }
  return best?.istat;
}

/**
 * Illustrative rosters (labelled fiction), one per kind of service:
 * - `full`: option (b), centrale and an unità di strada in every band (the CROAS "all three");
 * - `declared`: option (a), centrale in every band, an assistente sociale reperibile in the
 *   closure bands, an unità di strada weekdays 6–22;
 * - `reperibile`: option (a), centrale and reperibile in the closure bands;
 * - `night-gap`: the same with nobody on site at night — shown as a 24h/365 gap, as it is.
 */
type IllustrativeRoster = 'full' | 'declared' | 'reperibile' | 'night-gap';
function illustrativeRoles(id: string, istat: string, kind: IllustrativeRoster): PisBase[] {
  const centrale: PisBase = { id: `centrale-${id}`, kind: 'centrale', unitsByBand: kind === 'full' || kind === 'declared' ? allBands(1) : { ...CLOSURE_BANDS } };
  if (kind === 'full') return [centrale, { id: `base-${id}`, kind: 'uds', istat, unitsByBand: allBands(1) }];
  const rep: PisBase = { id: `base-${id}`, kind: 'reperibilita', istat, unitsByBand: { ...CLOSURE_BANDS, ...(kind === 'night-gap' ? { night: 0 } : {}) } };
  if (kind === 'declared') return [centrale, rep, { id: `uds-${id}`, kind: 'uds', istat, unitsByBand: { office: 1, closure: 1, night: 0, saturday: 0, holiday: 0 } }];
  return [centrale, rep];
}

/**
 * Two sovra-Ambito groups of three contiguous Ambiti of ONE ATS (the DGR asks for sovra-Ambito
 * work between contiguous Ambiti coordinated by their ATS): walk the Ambiti by code; the first
 * Ambito (not a sourced one) with two free neighbours in its ATS (lowest codes) forms a group.
 */
function pickGroups(territory: Territory, codes: readonly string[]): string[][] {
  const used = new Set<string>(SOURCED_PIS_AMBITI);
  const groups: string[][] = [];
  for (const a of codes) {
    if (groups.length === 2) break;
    if (used.has(a)) continue;
    const ats = territory.ambito(a)?.ats;
    const free = territory.neighbourAmbiti(a).filter((n) => !used.has(n) && territory.ambito(n)?.ats === ats).sort();
    if (free.length < 2) continue;
    const g = [a, free[0], free[1]];
    g.forEach((x) => used.add(x));
    groups.push(g);
  }
  return groups;
}

/**
 * A demonstration scenario, NOT real data, matching the CROAS aggregates exactly (see the
 * test): 50 Ambiti attivo = the sourced ones, then the two sovra-Ambito groups (6 Ambiti), then
 * the lowest codes; the other 41 by code: 26 in attivazione (2026), 5 previsto PdZ 2024-26,
 * 4 previsto PdZ 2027-29, 2 non previsto, 4 sconosciuto (the 4 Ambiti that did not answer).
 * LEPS: the first group and the first 6 single services (by code, Rho excepted) meet all
 * three conditions and declare themselves fully LEPS; the next 12 single services declare it
 * without meeting them (21 declared). Rho keeps its sourced service. Rosters (see
 * illustrativeRoles), in the capofila's most populous comune: the 9 "all three" always-on with an
 * unità di strada h24; the other 12 declared ones option (a) with centrale 24h and reperibilità in
 * the closure bands; of the 29 not declared, alternately reperibilità in every closure band or
 * none at night (a visible 24h/365 gap).
 */
export function illustrativeScenario(territory: Territory): Scenario {
  const codes = territory.data.ambiti.map((a) => a.code).sort();
  const groups = pickGroups(territory, codes);
  const inGroups = new Set(groups.flat());
  const attivo: string[] = [...SOURCED_PIS_AMBITI, ...groups.flat()];
  for (const c of codes) if (attivo.length < CROAS_SURVEY.withPis && !attivo.includes(c)) attivo.push(c);
  const rest = codes.filter((c) => !attivo.includes(c));
  const plan: [Scenario['statuses'][string]['status'], number][] = [
    ['in-attivazione-2026', CROAS_SURVEY.expected2026],
    ['previsto-pdz-2024-26', CROAS_SURVEY.pdz2024_26 - CROAS_SURVEY.expected2026],
    ['previsto-pdz-2027-29', CROAS_SURVEY.pdz2027_29],
    ['non-previsto', CROAS_SURVEY.noPlanOrNoAnswer - (CROAS_SURVEY.totalAmbiti - CROAS_SURVEY.answered)],
    ['sconosciuto', CROAS_SURVEY.totalAmbiti - CROAS_SURVEY.answered],
  ];
  const base = defaultScenario(territory);
  const statuses: Scenario['statuses'] = {};
  for (const c of attivo) statuses[c] = base.statuses[c]?.status === 'attivo' ? base.statuses[c] : { status: 'attivo' };
  let k = 0;
  for (const [status, n] of plan) for (let j = 0; j < n; j++) statuses[rest[k++]] = { status };

  const withBase = (svc: PisService, kind: IllustrativeRoster): PisService => {
    const istat = mostPopulousComune(territory, svc.capofila);
    return istat ? { ...svc, bases: illustrativeRoles(svc.id, istat, kind) } : svc;
  };
  const rosterKind = (full: boolean, declared: boolean, n: number): IllustrativeRoster => (full ? 'full' : declared ? 'declared' : n % 2 === 0 ? 'night-gap' : 'reperibile');
  const feature = (full: boolean, declared: boolean, n: number): Omit<PisService, 'id' | 'name' | 'members' | 'capofila' | 'bases'> => ({
    enteGestore: 'esempio',
    organisation: full ? 'b-continuativo' : 'a-chiusura',
    centraleOperativa24h365: full || declared,
    udsH24: full,
    presaInCarico: full || declared ? 'breve-0-7' : n % 2 === 0 ? 'nessuna' : 'oltre-7',
    graveMarginalita: full || n % 3 !== 0,
    selfDeclaredLeps: declared,
  });
  const name = (code: string): string => territory.ambito(code)?.name ?? code;

  const services: PisService[] = [rhoService()];
  groups.forEach((g, gi) => {
    services.push(withBase({
      id: `pis-esempio-sovra-${gi + 1}`,
      name: `PIS associato ${g.map(name).join(' – ')} (esempio)`,
      members: g,
      capofila: g[0],
      bases: [],
      ...feature(gi === 0, gi === 0, gi),
    }, rosterKind(gi === 0, gi === 0, gi)));
  });
  const singles = attivo.filter((c) => c !== '50095' && !inGroups.has(c)).sort();
  singles.forEach((code, n) => {
    const full = n < CROAS_SURVEY.allThreeConditions - (groups[0]?.length ?? 0);
    const declared = n < CROAS_SURVEY.selfDeclaredLeps - (groups[0]?.length ?? 0);
    services.push(withBase({ id: `pis-esempio-${code}`, name: `PIS ${name(code)} (esempio)`, members: [code], capofila: code, bases: [], ...feature(full, declared, n) }, rosterKind(full, declared, n)));
  });

  return {
    schemaVersion: SCHEMA_VERSION,
    id: 'esempio-illustrativo',
    name: ILLUSTRATIVE_NAME,
    description: 'Scenario dimostrativo: riproduce gli aggregati dell\'indagine CROAS ma l\'assegnazione agli Ambiti è inventata (regola deterministica per codice). Non usare come dato.',
    referenceDate: '2025-12-31',
    authorNote: ILLUSTRATIVE_NAME,
    illustrative: true,
    statuses,
    services,
    compositionOverrides: {},
  };
}
