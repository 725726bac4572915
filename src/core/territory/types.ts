// The territory as the geodata pipeline writes it (geodata/generated/territory.json) and as
// the app, the workers, the CLI and the tests read it. Pure data: no DOM, no MapLibre.
//
// Naming: "ATS" here is always the *Agenzia di Tutela della Salute* (Lombardy's health
// agency). The national texts also use "ATS" for *Ambito Territoriale Sociale*; in this code
// base that unit is always called `ambito`, so the two can never be confused.

/** How a comune's Ambito is known. */
export type CompositionStatus = 'sourced' | 'estimated';

/** Confidence of a sourced row, as in ../shared/data/comuni_ambiti.csv; `estimated` for the estimator's rows. */
export type CompositionConfidence = 'verbatim' | 'derived-complement' | 'reconstructed' | 'estimated';

export interface ComuneRecord {
  /** ISTAT code, 6 digits, 2024 list (e.g. "015146"). */
  istat: string;
  name: string;
  /** Province acronym (e.g. "MI"). */
  province: string;
  /** ANPR residents at `TerritoryData.populationDate`. */
  residents: number;
  /** Capoluogo di provincia (ISTAT list). */
  capoluogo: boolean;
  /** Strictly more than 50,000 residents (LEPS sheet 3.7.1). */
  over50k: boolean;
  /** Geodesic area of the (simplified) polygon, km². */
  areaKm2: number;
  /** A point guaranteed inside the polygon, [lon, lat]. */
  point: [number, number];
  /** Ambito code (Allegato C, e.g. "50095"). */
  ambito: string;
  status: CompositionStatus;
  confidence: CompositionConfidence;
  /** URL or document of the sourced row; for estimates, the rule that placed it. */
  source: string;
}

export interface AmbitoRecord {
  /** Allegato C code, e.g. "50095". */
  code: string;
  name: string;
  /** SIOSS code, e.g. "lom_52". */
  sioss: string;
  ats: string;
  /** One ASST, or two for Oglio Po, three for Milano Città. */
  asst: string[];
  /** One distretto, or several (Milano Città 9, Alto Milanese 2, Lodi 2). */
  distretti: string[];
  /** True where an island of its comuni is separated from the rest on purpose (Campione d'Italia). */
  exclaveNote?: string;
}

export interface DistrettoRecord {
  code: string;
  name: string;
  /** Every ASST the distretto is listed under (normally one). */
  asst: string[];
}

export interface AsstRecord {
  code: string;
  name: string;
  ats: string;
}

export interface AtsRecord {
  code: string;
  name: string;
}

/** One row of Allegato C: the relation Ambito ↔ Distretto ↔ ASST ↔ ATS (102 rows). */
export interface HierarchyLink {
  ambito: string;
  distretto: string;
  asst: string;
  ats: string;
}

export interface TerritoryData {
  version: 1;
  /** Residents' reference date (ANPR), ISO. */
  populationDate: string;
  /** Sorted by ISTAT code; the index in this array is the comune's index everywhere else. */
  comuni: ComuneRecord[];
  /** Sorted by code. */
  ambiti: AmbitoRecord[];
  distretti: DistrettoRecord[];
  asst: AsstRecord[];
  ats: AtsRecord[];
  links: HierarchyLink[];
  /** Comune adjacency over shared borders: `adjacency[i]` = sorted indices of the neighbours of comuni[i]. */
  adjacency: number[][];
}

/** Level of the hierarchy used for colouring and grouping. */
export type Level = 'ats' | 'asst' | 'distretto' | 'ambito';
