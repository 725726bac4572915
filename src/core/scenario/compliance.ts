// 24h/365 compliance of a scenario (LEPS 3.7.1: "assicurato 24h/24 per 365 giorni l'anno"), per
// PIS and per Ambito, three-valued: compliant / gap / unknown. An Ambito known to have no PIS is
// a gap at every hour; an Ambito whose status or roster is not documented is unknown — never a gap.
// Built on the same layout the simulations read (toServiceLayout) and on sim/roster.ts.
import { DEFAULT_CALENDAR, type CalendarAssumptions } from '../des/calendar.ts';
import { TIME_BANDS, type PisPresence, type ServiceLayout, type TimeBand } from '../sim/layout.ts';
import { rosterCompliance, type BandCompliance, type ComplianceStatus, type ServiceCompliance } from '../sim/roster.ts';
import type { Territory } from '../territory/index.ts';
import type { TerritoryData } from '../territory/types.ts';
import { toServiceLayout } from './toLayout.ts';
import type { PisOrganisation, Scenario } from './types.ts';

/** Why an Ambito has its status: its PIS's roster, no PIS, unknown status, a PIS the scenario does not describe, or an undocumented roster. */
export type H24Reason = 'servizio' | 'nessun-pis' | 'stato-sconosciuto' | 'pis-non-descritto' | 'turni-non-documentati';

export interface AmbitoH24 {
  ambito: string;
  name: string;
  ats: string;
  presence: PisPresence;
  status: ComplianceStatus;
  reason: H24Reason;
  serviceId: string | null;
  serviceName: string | null;
  organisation: PisOrganisation | null;
  gapBands: TimeBand[];
  /** Hours a year nobody handles (8,760 with no PIS); null when unknown. */
  uncoveredHoursPerYear: number | null;
  /** Per band, from the PIS's roster (null without one). */
  bands: BandCompliance[] | null;
  /** Option (a) relies on the default opening hours (a labelled assumption). */
  openingHoursAssumed: boolean;
}

export interface ScenarioCompliance {
  illustrative: boolean;
  services: ServiceCompliance[];
  ambiti: AmbitoH24[];
  /** Ambiti per status (three-valued, adding up to the Ambiti of the territory). */
  counts: Record<ComplianceStatus, number>;
  /** Services per status. */
  serviceCounts: Record<ComplianceStatus, number>;
  /** The four classes the map and the legend draw (they add up to the Ambiti of the territory). */
  classCounts: Record<H24Class, number>;
}

/** What the map draws: a gap in a PIS's roster is not the same finding as no PIS at all. */
export type H24Class = 'compliant' | 'roster-gap' | 'no-pis' | 'unknown';
export const H24_CLASSES: readonly H24Class[] = ['compliant', 'roster-gap', 'no-pis', 'unknown'];

export function h24Class(a: Pick<AmbitoH24, 'status' | 'reason'>): H24Class {
  if (a.status !== 'gap') return a.status;
  return a.reason === 'nessun-pis' ? 'no-pis' : 'roster-gap';
}

const YEAR_HOURS = 8760;

export function scenarioCompliance(scenario: Scenario, territory: Territory, calendar: CalendarAssumptions = DEFAULT_CALENDAR): ScenarioCompliance {
  return layoutCompliance(toServiceLayout(scenario, territory), territory.data, calendar);
}

/** The same from a ServiceLayout (the CLI's --layout): an Ambito without ambitoPis entry is absent unless a service serves it. */
export function layoutCompliance(layout: ServiceLayout, data: Pick<TerritoryData, 'ambiti'>, calendar: CalendarAssumptions = DEFAULT_CALENDAR): ScenarioCompliance {
  const services = layout.services.map((s) => rosterCompliance(s, calendar, layout.openingHours));
  const byAmbito = new Map<string, { svc: ServiceCompliance; idx: number }>();
  services.forEach((svc, idx) => svc.members.forEach((m) => { if (!byAmbito.has(m.ambito)) byAmbito.set(m.ambito, { svc, idx }); }));
  const ambiti = data.ambiti.map((a): AmbitoH24 => {
    const hit = byAmbito.get(a.code);
    const given = layout.ambitoPis && Object.prototype.hasOwnProperty.call(layout.ambitoPis, a.code) ? layout.ambitoPis[a.code] : undefined;
    const presence: PisPresence = given ?? (hit ? 'present' : 'absent');
    const base = { ambito: a.code, name: a.name, ats: a.ats, presence };
    if (hit) {
      const m = hit.svc.members.find((x) => x.ambito === a.code)!;
      return {
        ...base,
        status: m.status,
        reason: m.status === 'unknown' ? 'turni-non-documentati' : 'servizio',
        serviceId: hit.svc.serviceId,
        serviceName: hit.svc.name,
        organisation: hit.svc.organisation,
        gapBands: m.gapBands,
        uncoveredHoursPerYear: m.uncoveredHoursPerYear,
        bands: m.bands,
        openingHoursAssumed: m.openingHoursAssumed,
      };
    }
    const none = { serviceId: null, serviceName: null, organisation: null, bands: null, openingHoursAssumed: false };
    if (presence === 'absent') return { ...base, ...none, status: 'gap', reason: 'nessun-pis', gapBands: [...TIME_BANDS], uncoveredHoursPerYear: YEAR_HOURS };
    return { ...base, ...none, status: 'unknown', reason: presence === 'present' ? 'pis-non-descritto' : 'stato-sconosciuto', gapBands: [], uncoveredHoursPerYear: null };
  });
  const tally = (xs: { status: ComplianceStatus }[]): Record<ComplianceStatus, number> => {
    const c: Record<ComplianceStatus, number> = { compliant: 0, gap: 0, unknown: 0 };
    for (const x of xs) c[x.status] += 1;
    return c;
  };
  const classCounts: Record<H24Class, number> = { 'compliant': 0, 'roster-gap': 0, 'no-pis': 0, 'unknown': 0 };
  for (const a of ambiti) classCounts[h24Class(a)] += 1;
  return { illustrative: layout.illustrative, services, ambiti, counts: tally(ambiti), serviceCounts: tally(services), classCounts };
}

export const H24_STATUS_LABELS: Readonly<Record<ComplianceStatus, string>> = Object.freeze({
  compliant: 'coperto h24/365',
  gap: 'scoperture',
  unknown: 'non documentato',
});

export const H24_REASON_LABELS: Readonly<Record<H24Reason, string>> = Object.freeze({
  'servizio': 'turni del PIS',
  'nessun-pis': 'nessun PIS (stato noto)',
  'stato-sconosciuto': 'stato del PIS sconosciuto',
  'pis-non-descritto': 'PIS attivo ma non descritto nello scenario',
  'turni-non-documentati': 'turni del PIS non documentati',
});
