// The contract between the scenario model and the simulation engine: what a simulation needs to
// know about the PIS services of a scenario, and nothing else. The scenario module produces it
// (`toServiceLayout`), the travel/coverage/DES core consumes it. Plain data: it crosses threads.

/** Time bands of the day/week used by response times and demand. */
export type TimeBand = 'office' | 'closure' | 'night' | 'holiday';
export const TIME_BANDS: readonly TimeBand[] = ['office', 'closure', 'night', 'holiday'];

export interface LayoutBase {
  id: string;
  /** ISTAT code of the comune where the base sits. */
  istat: string;
  /** [lon, lat]; defaults to the comune's representative point when absent. */
  point?: [number, number];
  /** Units (UdS / on-call workers) available at this base per time band. */
  unitsByBand: Record<TimeBand, number>;
}

export interface LayoutService {
  id: string;
  name: string;
  /** Ambito codes served (one = single Ambito; several = sovra-Ambito). */
  members: string[];
  /** LEPS 3.7.1: interventions for homeless people / grave marginalità are offered. */
  graveMarginalita: boolean;
  centraleOperativa24h: boolean;
  /** UdS / on-call bases; may be empty (a phone line only). */
  bases: LayoutBase[];
}

export interface ServiceLayout {
  /** true when the layout comes from an illustrative (not real) scenario: outputs must say so. */
  illustrative: boolean;
  services: LayoutService[];
  /** What-if composition: comune ISTAT → Ambito code, applied over the territory's composition. */
  compositionOverrides?: Record<string, string>;
}
