// The scenario model: what a planner says about the Pronto Intervento Sociale (PIS) of each
// Ambito and how the PIS services are organised. Plain, JSON-safe data (it is exported,
// imported, autosaved and sent to workers); every change goes through edit.ts and returns a
// new object. Versioned: `schemaVersion` bumps with every incompatible change, and
// migrate.ts brings older files up to date.
import type { OpeningHours, PisOrganisationOption, PisPresence, TimeBand } from '../sim/layout.ts';

export type { OpeningHours, PisPresence, TimeBand } from '../sim/layout.ts';

/**
 * 2: five time bands (saturday apart from Sundays/holidays), the sheet's organisational options
 * `a-chiusura` / `b-continuativo`, base kind `altro`, per-Ambito opening hours (migrate.ts).
 */
export const SCHEMA_VERSION = 2;

/** PIS status of an Ambito. Mirrors the answers of the CROAS survey (see derived.ts). */
export type PisStatus =
  | 'attivo'
  | 'in-attivazione-2026'
  | 'previsto-pdz-2024-26'
  | 'previsto-pdz-2027-29'
  | 'non-previsto'
  /** Without a PIS (the survey knows it), plan not stated: CROAS's "nessuna risposta". */
  | 'senza-pis-non-risponde'
  | 'sconosciuto';

export const PIS_STATUSES: readonly PisStatus[] = [
  'attivo',
  'in-attivazione-2026',
  'previsto-pdz-2024-26',
  'previsto-pdz-2027-29',
  'non-previsto',
  'senza-pis-non-risponde',
  'sconosciuto',
];

export const STATUS_LABELS: Record<PisStatus, string> = {
  'attivo': 'attivo',
  'in-attivazione-2026': 'in attivazione (2026)',
  'previsto-pdz-2024-26': 'previsto PdZ 2024-26',
  'previsto-pdz-2027-29': 'previsto PdZ 2027-29',
  'non-previsto': 'non previsto',
  'senza-pis-non-risponde': 'senza PIS, programma non dichiarato',
  'sconosciuto': 'sconosciuto',
};

/**
 * Three-valued presence of a PIS: known present, known absent, unknown. "We do not know" is
 * never counted as "there is none".
 */
export function pisPresenceOf(status: PisStatus): PisPresence {
  return status === 'attivo' ? 'present' : status === 'sconosciuto' ? 'unknown' : 'absent';
}

export interface AmbitoStatus {
  status: PisStatus;
  /** ISO date, possibly partial ("2023-07" or "2023"): sources often give only a month. */
  startDate?: string;
  /** URL or document that states the status. */
  source?: string;
}

/**
 * The sheet's two options (LEPS 3.7.1): (a) a specific service in the closure hours and days of
 * the territorial social services, which answer in their opening hours (CROAS's prevailing
 * "Strada 1" is one way of running it); (b) an always-on specialist service.
 */
export type PisOrganisation = PisOrganisationOption;
export const PIS_ORGANISATIONS: readonly PisOrganisation[] = ['a-chiusura', 'b-continuativo'];
export const ORGANISATION_LABELS: Record<PisOrganisation, string> = {
  'a-chiusura': '(a) negli orari di chiusura dei servizi territoriali, che rispondono nei loro orari di apertura',
  'b-continuativo': '(b) intervento specialistico sempre attivo',
};

/** Duration of the presa in carico by the PIS itself (CROAS: "no", "0-7 gg", "> 7 gg"). */
export type PresaInCarico = 'nessuna' | 'breve-0-7' | 'oltre-7';
export const PRESA_IN_CARICO_VALUES: readonly PresaInCarico[] = ['nessuna', 'breve-0-7', 'oltre-7'];
export const PRESA_IN_CARICO_LABELS: Record<PresaInCarico, string> = {
  'nessuna': 'nessuna',
  'breve-0-7': '0-7 giorni',
  'oltre-7': 'oltre 7 giorni',
};

/**
 * Roles of the roster (LEPS 3.7.1, "Indicazioni sulle modalità attuative"): the centrale operativa
 * answers (operators per band; it may have no place: a phone line); the assistente sociale
 * reperibile, the unità di strada and other staff go on site.
 */
export type BaseKind = 'centrale' | 'reperibilita' | 'uds' | 'altro';
export const BASE_KINDS: readonly BaseKind[] = ['centrale', 'reperibilita', 'uds', 'altro'];
export const BASE_KIND_LABELS: Record<BaseKind, string> = {
  centrale: 'centrale operativa (risponde)',
  reperibilita: 'assistente sociale reperibile',
  uds: 'unità di strada',
  altro: 'altro personale sul posto',
};

/** A role of the roster ("base" for history: on-site roles sit at a base). */
export interface PisBase {
  id: string;
  kind: BaseKind;
  /** Comune of the base. A centrale operativa may have none (it can be just a phone line). */
  istat?: string;
  /** [lon, lat]; when absent the comune's representative point is used. */
  point?: [number, number];
  /** Staff or units on duty per time band (for a centrale: operators answering). */
  unitsByBand: Record<TimeBand, number>;
}

/** Service fields whose value may be a placeholder rather than a sourced fact. */
export type ServiceFeatureKey =
  | 'organisation'
  | 'centraleOperativa24h365'
  | 'udsH24'
  | 'udsHoursPerDay'
  | 'presaInCarico'
  | 'graveMarginalita'
  | 'shortStayPlaces'
  /** The roster itself (which roles, in which bands): unverified → 24h/365 compliance "unknown". */
  | 'bases'
  /** Only the number of units per role is a placeholder; the bands are sourced. */
  | 'unitCounts'
  | 'annualBudgetEur'
  | 'selfDeclaredLeps';
export const SERVICE_FEATURE_KEYS: readonly ServiceFeatureKey[] = [
  'organisation', 'centraleOperativa24h365', 'udsH24', 'udsHoursPerDay', 'presaInCarico',
  'graveMarginalita', 'shortStayPlaces', 'bases', 'unitCounts', 'annualBudgetEur', 'selfDeclaredLeps',
];

/** A PIS service: the unit the simulations use. One member = single Ambito; several = sovra-Ambito. */
export interface PisService {
  id: string;
  name: string;
  /** Ambito codes; an Ambito belongs to at most one service. */
  members: string[];
  /** Ambito code of the capofila; must be a member. */
  capofila: string;
  /** Ente gestore / ETS. */
  enteGestore: string;
  organisation: PisOrganisation;
  centraleOperativa24h365: boolean;
  udsH24: boolean;
  /** Hours per day covered by the unità di strada when not h24. */
  udsHoursPerDay?: number;
  presaInCarico: PresaInCarico;
  graveMarginalita: boolean;
  shortStayPlaces?: number;
  bases: PisBase[];
  annualBudgetEur?: number;
  /** How annualBudgetEur was obtained when it is not stated as such (e.g. a two-year budget halved). */
  annualBudgetNote?: string;
  /** The Ambiti's own answer "pienamente rispondente al LEPS" (CROAS survey), distinct from derived.pienamenteLeps. */
  selfDeclaredLeps?: boolean;
  /** Fields holding a placeholder, not a sourced value: the UI marks them "da verificare". */
  unverifiedFields?: ServiceFeatureKey[];
  source?: string;
}

export interface Scenario {
  schemaVersion: 2;
  id: string;
  name: string;
  description: string;
  /** ISO YYYY-MM-DD: the date the scenario describes. */
  referenceDate: string;
  authorNote: string;
  /** true = not real data (demonstration); every view and export must say so. */
  illustrative: boolean;
  /** Ambito code → status; an Ambito missing here is `sconosciuto`. */
  statuses: Record<string, AmbitoStatus>;
  services: PisService[];
  /** What-if composition: comune ISTAT code → Ambito code. */
  compositionOverrides: Record<string, string>;
  /**
   * Opening hours of each Ambito's territorial social services (option (a) hands them the calls
   * in these hours). Missing Ambito = the labelled default (Mon–Fri 09–17, "da verificare").
   */
  openingHours?: Record<string, OpeningHours>;
}

/** Result of every importer: the input scenario is never modified. */
export type ImportResult = { ok: true; scenario: Scenario; warnings?: string[] } | { ok: false; errors: string[] };

export const ILLUSTRATIVE_NAME = 'Esempio illustrativo — non sono dati reali';
