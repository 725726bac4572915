// The one input of every computation (coverage, 50,000 rule, DES, siting, cost shares, suggested
// associations, comparison): the service layout with the EFFECTIVE composition (shipped table →
// imported official table → what-if moves), the travel / response / demand assumptions, the time
// band, the target and the identity of an imported OD matrix. The app builds it in one place
// (src/state/planning.ts); both workers take it on every call, so the optimiser and the simulation
// cannot disagree about what they compute on. `key` is a content hash: equal inputs, equal key,
// and a worker keeps only caches keyed by it. Plain data: it crosses threads.
import { DEFAULT_RESPONSE_ASSUMPTIONS, DEFAULT_THRESHOLDS_MIN, RESPONSE_ASSUMPTION_INFO, TIME_BAND_LABELS, type ResponseAssumptions } from '../coverage/assumptions.ts';
import { DEFAULT_COVERAGE_BAND, DEFAULT_TARGET_MIN, type CoverageOptions } from '../coverage/coverage.ts';
import { defaultDesAssumptions, desAssumptionInfo, type DesAssumptions } from '../des/assumptions.ts';
import type { TerritoryData } from '../territory/types.ts';
import { DEFAULT_TRAVEL_ASSUMPTIONS, TRAVEL_ASSUMPTION_INFO, type TravelAssumptions } from '../travel/assumptions.ts';
import type { ServiceLayout, TimeBand } from './layout.ts';

/** The demand assumptions the UI edits (the rest of the DES assumptions keep their defaults). */
export type PlanningDemand = Pick<DesAssumptions, 'demandScale' | 'officeRateFactor' | 'indicator'> & { kinds?: DesAssumptions['kinds'] };

export interface PlanningInput {
  /** `compositionOverrides` holds the effective composition as a diff from the shipped table. */
  layout: ServiceLayout;
  band: TimeBand;
  targetMin: number;
  thresholdsMin: number[];
  travel: TravelAssumptions;
  response: ResponseAssumptions;
  demand: PlanningDemand;
  /** Content hash of the imported OD matrix; null = the travel-time estimate. */
  odMatrixId: string | null;
  /** Hash of everything above. */
  key: string;
}

export type PlanningParts = Omit<PlanningInput, 'key'>;

/** Serialises with sorted object keys, so that equal content gives equal text. */
export function stableJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`).join(',')}}`;
}

/** cyrb53: a fast 53-bit string hash (not cryptographic: an identity for caches, not a signature). */
export function hash53(text: string, seed = 0): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** Builds the input and its key (a `key` already in `parts` is ignored and recomputed). */
export function planningInput(parts: PlanningParts & { key?: string }): PlanningInput {
  const { key: _old, ...rest } = parts;
  return { ...rest, key: hash53(stableJson(rest)) };
}

/** The same input for another layout (the other side of a comparison): same assumptions, band and OD. */
export function withLayout(input: PlanningInput, layout: ServiceLayout): PlanningInput {
  return planningInput({ ...input, layout });
}

/** The coverage / 50,000-rule options of an input. */
export function coverageOptionsOf(input: PlanningInput): CoverageOptions & { travel: TravelAssumptions } {
  return { band: input.band, targetMin: input.targetMin, thresholdsMin: input.thresholdsMin, response: input.response, travel: input.travel };
}

/** Default assumptions with Italian labels and sources (the assumptions panel), computed from the territory alone. */
export function planningDefaults(d: TerritoryData) {
  return {
    travel: { ...DEFAULT_TRAVEL_ASSUMPTIONS },
    travelInfo: TRAVEL_ASSUMPTION_INFO,
    response: { ...DEFAULT_RESPONSE_ASSUMPTIONS, mobilisationMinByBand: { ...DEFAULT_RESPONSE_ASSUMPTIONS.mobilisationMinByBand } },
    responseInfo: RESPONSE_ASSUMPTION_INFO,
    des: defaultDesAssumptions(d),
    desInfo: desAssumptionInfo(d),
    thresholdsMin: [...DEFAULT_THRESHOLDS_MIN],
    targetMin: DEFAULT_TARGET_MIN,
    band: DEFAULT_COVERAGE_BAND,
    bandLabels: TIME_BAND_LABELS,
    populationDate: d.populationDate,
  };
}

export type PlanningDefaults = ReturnType<typeof planningDefaults>;

/** Thrown by a worker whose OD matrix is not the input's (e.g. restarted and not yet replayed). */
export const OD_MISMATCH = 'OD_MATRIX_MISMATCH';

export function checkOdMatrix(expected: string | null | undefined, held: string | null): void {
  if ((expected ?? null) !== held) throw new Error(`${OD_MISMATCH}: richiesta ${expected ?? 'nessuna'}, caricata ${held ?? 'nessuna'}`);
}
