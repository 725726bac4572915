// The two built-in scenarios. `defaultScenario` holds only sourced facts (everything else is
// `sconosciuto`); `illustrativeScenario` is a labelled fiction that reproduces the CROAS
// aggregates, for demonstrations. Both are deterministic (no randomness, no clock).
import type { PisBase, PisService, Scenario } from './types.ts';
import { ILLUSTRATIVE_NAME, SCHEMA_VERSION } from './types.ts';
import type { Territory } from '../territory/index.ts';
import { allBands, type TimeBand } from '../sim/layout.ts';
import { CROAS_SURVEY } from './derived.ts';
import { PIS_FACTS, PIS_FACTS_SOURCE } from './documentedFacts.ts';
import { WEAKEST_FEATURES } from './edit.ts';

// Human-readable citations (users see them); the documents are in the project's shared seeds.
const RHO_SOURCE = 'Sercop / Ambito Rhodense, progetto di massima PIS (centrale operativa e presa in carico generale), co-progettazione 2026-2027';

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

/** A fact row of documentedFacts.ts as a citation a user can read: "title (date) — URL: «quote»". */
function cite(ambito: string, fact: string, contains?: string): string {
  const f = PIS_FACTS.find((x) => x.ambito === ambito && x.fact === fact && (!contains || x.value.includes(contains) || x.sourceUrl.includes(contains)));
  if (!f) throw new Error(`fatto mancante: ${ambito} ${fact}`);
  return `${f.sourceTitle} (${f.sourceDate}) — ${f.sourceUrl}: «${f.quote}»`;
}

/** Fields no source states for the services below: placeholders, shown "da verificare". */
const PLACEHOLDERS: NonNullable<PisService['unverifiedFields']> = ['udsH24', 'presaInCarico', 'graveMarginalita', 'unitCounts'];

/**
 * A documented service whose hours are sourced (the roster's bands), not its staff numbers (one
 * per role, flagged `unitCounts`). `closureOnly`: the sheet's option (a) — the PIS answers when the
 * territorial services are closed; otherwise option (b), always on.
 */
function documentedService(o: {
  id: string; name: string; ambito: string; ente: string; closureOnly: boolean; onSiteIstat: string; onSiteKind: PisBase['kind'];
  source: string; graveMarginalita?: boolean; centrale24h?: boolean; extraUnverified?: NonNullable<PisService['unverifiedFields']>;
}): PisService {
  const bands = o.closureOnly ? { ...CLOSURE_BANDS } : allBands(1);
  const unverified = PLACEHOLDERS.filter((k) => !(k === 'graveMarginalita' && o.graveMarginalita));
  return {
    id: o.id,
    name: o.name,
    members: [o.ambito],
    capofila: o.ambito,
    enteGestore: o.ente,
    organisation: o.closureOnly ? 'a-chiusura' : 'b-continuativo',
    centraleOperativa24h365: o.centrale24h ?? !o.closureOnly,
    udsH24: false,
    presaInCarico: 'nessuna',
    graveMarginalita: o.graveMarginalita ?? false,
    bases: [
      { id: `centrale-${o.id}`, kind: 'centrale', unitsByBand: { ...bands } },
      { id: `sul-posto-${o.id}`, kind: o.onSiteKind, istat: o.onSiteIstat, unitsByBand: { ...bands } },
    ],
    unverifiedFields: [...unverified, ...(o.extraUnverified ?? [])],
    source: o.source,
  };
}

function lomellinaService(): PisService {
  return documentedService({
    id: 'pis-lomellina',
    name: 'PIS Lomellina',
    ambito: '50031',
    ente: 'Cooperativa sociale Il Melograno (Segrate), in appalto; Comune di Vigevano capofila. Finanziamento statale di 218.000 € (periodo non indicato)',
    // "dal lunedì al venerdì dalle ore 17 alle ore 8 sabato, domenica e festivi tutto il giorno":
    // closure hours only; the reperibile assistente sociale is placed at the capofila (place not stated).
    closureOnly: true,
    onSiteKind: 'reperibilita',
    onSiteIstat: '018177',
    centrale24h: false,
    source: `${cite('50031', 'hours')}; ${cite('50031', 'response time')}; ${cite('50031', 'ente gestore / operator')}. Nota: le ore 8–9 dei feriali non sono nell'orario del PIS; con l'orario dei servizi assunto (9–17) andrebbero verificate`,
  });
}

/**
 * The sourced PIS services of the documented scenario (shared/data/pis, copied in
 * documentedFacts.ts). The Intrecci équipe (C.O.N. + U.T.E.S.) works for Rhodense, Bollatese and
 * Busto Arsizio, each Ambito titolare: three services with the same operator, not one
 * sovra-Ambito PIS (no source says they are associated).
 */
function documentedServices(): PisService[] {
  const intrecci = (id: string, name: string, ambito: string, sede: string, istat: string): PisService => documentedService({
    id, name, ambito, onSiteIstat: istat, onSiteKind: 'altro', closureOnly: true, centrale24h: false,
    ente: `Cooperativa sociale Intrecci (sede ${sede}): Centrale Operativa Notturna (C.O.N.) e Unità Territoriale delle Emergenze Sociali (U.T.E.S.), la stessa équipe per Rhodense, Bollatese e Busto Arsizio`,
    source: `${cite('50094', 'hours')}; ${cite('50095', 'centrale operativa')}`,
  });
  return [
    rhoService(),
    intrecci('pis-bollatese', 'PIS Ambito Bollatese (Garbagnate Milanese)', '50094', 'Bollate', '015027'),
    intrecci('pis-busto-arsizio', 'PIS Busto Arsizio', '50049', 'Busto Arsizio', '012026'),
    documentedService({
      id: 'pis-visconteo', name: 'PIS Visconteo Sud Milano', ambito: '50083', closureOnly: false, onSiteKind: 'altro', onSiteIstat: '015189',
      ente: 'Cooperativa sociale Il Melograno (équipe professionale); Comune di Rozzano capofila',
      source: `${cite('50083', 'hours')}; ${cite('50083', 'ente gestore / operator')}; ${cite('50083', 'access')}`,
    }),
    lomellinaService(),
    {
      id: 'pis-corsichese',
      name: 'PIS Ambito del Corsichese',
      members: ['50089'],
      capofila: '50089',
      ...WEAKEST_FEATURES,
      enteGestore: 'Cooperativa sociale Il Melograno (sperimentazione, c. 2023); avviso 2025 per la gestione (capofila Cesano Boscone)',
      bases: [],
      unverifiedFields: UNVERIFIED_ALL,
      source: `${cite('50089', 'status')}; ${cite('50089', 'tender')}`,
    },
    documentedService({
      id: 'pis-cremona', name: 'PIS Cremona', ambito: '50006', closureOnly: true, centrale24h: false, onSiteKind: 'altro', onSiteIstat: '019036',
      ente: 'Cooperativa Cosper, con il Settore Servizi Sociali del Comune di Cremona e Azienda Sociale del Cremonese (dal 2007)',
      source: `${cite('50006', 'hours')}; ${cite('50006', 'ente gestore / operator')}`,
    }),
    documentedService({
      id: 'pis-brescia', name: 'PIS Brescia (Help Center)', ambito: '50076', closureOnly: false, onSiteKind: 'altro', onSiteIstat: '017029',
      // The Help Center that runs the PIS "gestisce i posti di accoglienza notturna" for homeless people.
      graveMarginalita: true,
      ente: 'ATI di ETS: La Rete Cooperativa Sociale (capofila), Associazione Amici del Calabrone, Coop. Il Calabrone, Coop. di Bessimo, ADL a Zavidovici, Coop. Articolo 1; progetto 1/12/2024–31/3/2026; sede Help Center, Viale della Stazione 80',
      source: `${cite('50076', 'hours')}; ${cite('50076', 'centrale operativa / seat')}; ${cite('50076', 'status')}`,
    }),
  ];
}

/** Ambiti with a sourced PIS, in the order used by the illustrative scenario. */
export const SOURCED_PIS_AMBITI: readonly string[] = ['50095', '50094', '50049', '50083', '50031', '50089', '50006', '50076', '50066'];

/**
 * Sourced facts only (documentedFacts.ts, with each source and date). Known present: 9 Ambiti (8
 * with a described service; Lodi from the CROAS booklet, service not described). Ambiti whose
 * sources show a related service or a project, not a PIS, stay `sconosciuto` with that source.
 */
export function defaultScenario(territory: Territory): Scenario {
  const statuses: Scenario['statuses'] = {};
  for (const a of territory.data.ambiti) statuses[a.code] = { status: 'sconosciuto' };
  const active = (code: string, startDate: string | undefined, source: string): void => {
    statuses[code] = { status: 'attivo', ...(startDate ? { startDate } : {}), source };
  };
  active('50095', '2023-07', `${RHO_SOURCE} ("attivo dal luglio 2023"); ${cite('50095', 'status')}`);
  active('50094', '2023', cite('50094', 'status'));
  active('50049', '2023', cite('50049', 'status'));
  active('50083', '2023-05', cite('50083', 'status'));
  active('50031', '2023-02', `${cite('50031', 'status', 'informatorevigevanese')}; ${cite('50031', 'status', 'ilmelogranonet')}`);
  active('50089', '2023', cite('50089', 'status'));
  active('50006', '2007', `${cite('50006', 'status', 'cosper')}; ${cite('50006', 'status', 'welforum')}`);
  active('50076', '2023', cite('50076', 'status'));
  active('50066', undefined, cite('50066', 'status'));
  const unknownWith = (code: string, ...facts: [string, string?][]): void => {
    statuses[code] = { status: 'sconosciuto', source: 'Non è documentato un PIS; fonti su servizi collegati o progetti: ' + facts.map(([f, c]) => cite(code, f, c)).join('; ') };
  };
  unknownWith('50096', ['status']);
  unknownWith('50027', ['status'], ['hours']);
  unknownWith('50062', ['status']);
  unknownWith('50013', ['status']);
  unknownWith('50074', ['related service (not a LEPS PIS)']);
  unknownWith('50007', ['related service (grave marginalità)'], ['centrale operativa / hub']);
  unknownWith('50055', ['related service (MSNA)']);
  unknownWith('50021', ['related service (MSNA)']);
  unknownWith('50078', ['related service (MSNA)']);
  return {
    schemaVersion: SCHEMA_VERSION,
    id: 'dati-documentati',
    name: 'Dati documentati',
    description: 'Solo fatti con una fonte pubblica (fonte e data per ogni stato): 9 Ambiti con PIS documentato (Rhodense, Bollatese, Busto Arsizio, Visconteo Sud Milano, Lomellina, Corsichese, Cremona, Brescia - 1, Lodi). Tutti gli altri Ambiti: stato sconosciuto, non "senza PIS".',
    // End of the CROAS survey period, the most recent of the sourced facts.
    referenceDate: '2025-12-31',
    authorNote: `Aggregati regionali da confrontare: ${CROAS_SURVEY.source}. Fatti: ${PIS_FACTS_SOURCE}.`,
    illustrative: false,
    statuses,
    services: documentedServices(),
    compositionOverrides: {},
  };
}

// ---------------------------------------------------------------- illustrative scenario

/** Most populous comune of an Ambito (ties: lower ISTAT code). */
export function mostPopulousComune(territory: Territory, ambitoCode: string): string | undefined {
  let best: { istat: string; residents: number } | undefined;
  for (const i of territory.comuniOfAmbito(ambitoCode)) {
    const c = territory.data.comuni[i];
    if (!c) continue;
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
function pickGroups(territory: Territory, codes: readonly string[]): [string, string, string][] {
  const used = new Set<string>(SOURCED_PIS_AMBITI);
  const groups: [string, string, string][] = [];
  for (const a of codes) {
    if (groups.length === 2) break;
    if (used.has(a)) continue;
    const ats = territory.ambito(a)?.ats;
    const free = territory.neighbourAmbiti(a).filter((n) => !used.has(n) && territory.ambito(n)?.ats === ats).sort();
    const [b, c] = free;
    if (b === undefined || c === undefined) continue;
    const g: [string, string, string] = [a, b, c];
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
    // The 4 that did not answer: the survey counts them among the 41 without a PIS.
    ['senza-pis-non-risponde', CROAS_SURVEY.totalAmbiti - CROAS_SURVEY.answered],
  ];
  const base = defaultScenario(territory);
  const statuses: Scenario['statuses'] = {};
  for (const c of attivo) statuses[c] = base.statuses[c]?.status === 'attivo' ? base.statuses[c] : { status: 'attivo' };
  let k = 0;
  for (const [status, n] of plan) {
    for (let j = 0; j < n; j++) {
      const code = rest[k++];
      // The plan's counts are the survey's: they must add up to the Ambiti left, not beyond.
      if (code === undefined) throw new Error(`Scenario illustrativo: il piano dei ${k - 1} stati supera gli Ambiti disponibili`);
      statuses[code] = { status };
    }
  }

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
