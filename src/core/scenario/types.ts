// The scenario model: what a planner says about the Pronto Intervento Sociale (PIS) of each
// Ambito and how the PIS services are organised. Plain, JSON-safe data (it is exported,
// imported, autosaved and sent to workers); every change goes through edit.ts and returns a
// new object. Versioned: `schemaVersion` bumps with every incompatible change, and
// migrate.ts brings older files up to date.
import type { TimeBand } from '../sim/layout.ts';

export type { TimeBand } from '../sim/layout.ts';

export const SCHEMA_VERSION = 1;

/** PIS status of an Ambito. Mirrors the answers of the CROAS survey (see derived.ts). */
export type PisStatus =
  | 'attivo'
  | 'in-attivazione-2026'
  | 'previsto-pdz-2024-26'
  | 'previsto-pdz-2027-29'
  | 'non-previsto'
  | 'sconosciuto';

export const PIS_STATUSES: readonly PisStatus[] = [
  'attivo',
  'in-attivazione-2026',
  'previsto-pdz-2024-26',
  'previsto-pdz-2027-29',
  'non-previsto',
  'sconosciuto',
];

export const STATUS_LABELS: Record<PisStatus, string> = {
  'attivo': 'attivo',
  'in-attivazione-2026': 'in attivazione (2026)',
  'previsto-pdz-2024-26': 'previsto PdZ 2024-26',
  'previsto-pdz-2027-29': 'previsto PdZ 2027-29',
  'non-previsto': 'non previsto',
  'sconosciuto': 'sconosciuto',
};

export interface AmbitoStatus {
  status: PisStatus;
  /** ISO date, possibly partial ("2023-07" or "2023"): sources often give only a month. */
  startDate?: string;
  /** URL or document that states the status. */
  source?: string;
}

/** "Strada 1" of the CROAS survey vs an always-on specialised service. */
export type PisOrganisation = 'in-orario-comuni-extra-terzo-settore' | 'servizio-specialistico-continuativo';
export const PIS_ORGANISATIONS: readonly PisOrganisation[] = ['in-orario-comuni-extra-terzo-settore', 'servizio-specialistico-continuativo'];
export const ORGANISATION_LABELS: Record<PisOrganisation, string> = {
  'in-orario-comuni-extra-terzo-settore': 'Comuni in orario di servizio + Terzo Settore fuori orario',
  'servizio-specialistico-continuativo': 'servizio specialistico continuativo (24h)',
};

/** Duration of the presa in carico by the PIS itself (CROAS: "no", "0-7 gg", "> 7 gg"). */
export type PresaInCarico = 'nessuna' | 'breve-0-7' | 'oltre-7';
export const PRESA_IN_CARICO_VALUES: readonly PresaInCarico[] = ['nessuna', 'breve-0-7', 'oltre-7'];
export const PRESA_IN_CARICO_LABELS: Record<PresaInCarico, string> = {
  'nessuna': 'nessuna',
  'breve-0-7': '0-7 giorni',
  'oltre-7': 'oltre 7 giorni',
};

export type BaseKind = 'centrale' | 'uds' | 'reperibilita';
export const BASE_KINDS: readonly BaseKind[] = ['centrale', 'uds', 'reperibilita'];
export const BASE_KIND_LABELS: Record<BaseKind, string> = {
  centrale: 'centrale operativa',
  uds: 'unità di strada',
  reperibilita: 'reperibilità',
};

export interface PisBase {
  id: string;
  kind: BaseKind;
  /** Comune of the base. A centrale operativa may have none (it can be just a phone line). */
  istat?: string;
  /** [lon, lat]; when absent the comune's representative point is used. */
  point?: [number, number];
  /** Staff or units per time band (for a centrale: operators answering). */
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
  | 'bases'
  | 'annualBudgetEur';
export const SERVICE_FEATURE_KEYS: readonly ServiceFeatureKey[] = [
  'organisation', 'centraleOperativa24h365', 'udsH24', 'udsHoursPerDay', 'presaInCarico',
  'graveMarginalita', 'shortStayPlaces', 'bases', 'annualBudgetEur',
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
  schemaVersion: 1;
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
}

/** Result of every importer: the input scenario is never modified. */
export type ImportResult = { ok: true; scenario: Scenario; warnings?: string[] } | { ok: false; errors: string[] };

export const ILLUSTRATIVE_NAME = 'Esempio illustrativo — non sono dati reali';
