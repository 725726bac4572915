// The contract between the scenario model and the simulation engine: what a simulation needs to
// know about the PIS services of a scenario, and nothing else. The scenario module produces it
// (`toServiceLayout`), the travel/coverage/DES core consumes it. Plain data: it crosses threads.

/**
 * Time bands of the week (LEPS 3.7.1 asks for 24h/365: every band must be covered). The default
 * hours are labelled, editable assumptions (DesAssumptions.calendar, des/calendar.ts):
 * office = Mon–Fri 09–17; closure = Mon–Fri 06–09 and 17–22; night = every day 22–06;
 * saturday = Saturday 06–22 (not a holiday); holiday = Sundays and national holidays 06–22.
 */
export type TimeBand = 'office' | 'closure' | 'night' | 'saturday' | 'holiday';
export const TIME_BANDS: readonly TimeBand[] = ['office', 'closure', 'night', 'saturday', 'holiday'];

/** A Record<TimeBand, number> with the same value in every band. */
export function allBands(n: number): Record<TimeBand, number> {
  return { office: n, closure: n, night: n, saturday: n, holiday: n };
}

/**
 * The sheet's two organisational options (LEPS 3.7.1, "Descrizione sintetica"):
 * (a) `a-chiusura`: a specific service in the closure hours and days of the territorial social
 *     services, which answer in their own opening hours;
 * (b) `b-continuativo`: an always-on specialist service.
 */
export type PisOrganisationOption = 'a-chiusura' | 'b-continuativo';
export const PIS_ORGANISATION_OPTIONS: readonly PisOrganisationOption[] = ['a-chiusura', 'b-continuativo'];

/**
 * Opening hours of an Ambito's territorial social services (used by option (a)): open on the
 * listed weekdays between startHour and endHour, closed on national holidays.
 */
export interface OpeningHours {
  /** Days open, 0 = Monday … 6 = Sunday. */
  days: number[];
  startHour: number;
  endHour: number;
  /** true = the labelled default assumption (Mon–Fri 09–17, "da verificare"), not a sourced fact. */
  assumed: boolean;
  source?: string;
}

/** The labelled default for every Ambito whose opening hours are not stated. */
export const DEFAULT_OPENING_HOURS: Readonly<OpeningHours> = Object.freeze({
  days: Object.freeze([0, 1, 2, 3, 4]) as unknown as number[],
  startHour: 9,
  endHour: 17,
  assumed: true,
  source: 'assunzione: servizi sociali territoriali aperti lun–ven 9–17 (da verificare per ogni Ambito)',
});

export interface LayoutBase {
  id: string;
  /** ISTAT code of the comune where the base sits. */
  istat: string;
  /** [lon, lat]; defaults to the comune's representative point when absent. */
  point?: [number, number];
  /** On-site units (assistente sociale reperibile, UdS, other staff) on duty per time band. */
  unitsByBand: Record<TimeBand, number>;
}

export interface LayoutService {
  id: string;
  name: string;
  /** Ambito codes served (one = single Ambito; several = sovra-Ambito). */
  members: string[];
  /** LEPS 3.7.1: interventions for homeless people / grave marginalità are offered. */
  graveMarginalita: boolean;
  /** false = graveMarginalita is a placeholder (not sourced): the legal test is "non determinabile". Absent = true. */
  graveMarginalitaKnown?: boolean;
  /** Derived from the roster: the centrale answers in every band. */
  centraleOperativa24h: boolean;
  /**
   * Option (a) or (b) of the sheet. toServiceLayout always sets it; absent (a hand-written or
   * older layout) = 'b-continuativo'. The compiled service (compile.ts) always has it.
   */
  organisation?: PisOrganisationOption;
  /**
   * Operators answering (centrale operativa) per band. toServiceLayout always sets it; absent
   * (a hand-written or older layout) = the on-site staff answer their own line whenever one of
   * them is on duty.
   */
  answerByBand?: Record<TimeBand, number>;
  /**
   * false = the roster is not documented (e.g. bases unverified in the documented scenario):
   * 24h/365 compliance is "unknown", not a gap. Absent = true.
   */
  rosterKnown?: boolean;
  /** On-site roles with a place (the centrale is excluded from dispatch); may be empty. */
  bases: LayoutBase[];
}

export interface ServiceLayout {
  /** true when the layout comes from an illustrative (not real) scenario: outputs must say so. */
  illustrative: boolean;
  services: LayoutService[];
  /** What-if composition: comune ISTAT → Ambito code, applied over the territory's composition. */
  compositionOverrides?: Record<string, string>;
  /** Territorial social-service opening hours per member Ambito; a missing Ambito gets DEFAULT_OPENING_HOURS. */
  openingHours?: Record<string, OpeningHours>;
  /**
   * What is known of each Ambito's PIS, three-valued: present / absent / unknown. A missing
   * Ambito: 'present' if a service serves it, else 'absent' (hand-written layouts).
   */
  ambitoPis?: Record<string, PisPresence>;
}

/** Three-valued status: "we do not know" is never "there is none". */
export type PisPresence = 'present' | 'absent' | 'unknown';
