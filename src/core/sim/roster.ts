// Who handles a call, hour by hour, and whether a PIS is 24h/365 as LEPS sheet 3.7.1 requires
// ("assicurato 24h/24 per 365 giorni l'anno"). Pure: a service's roster (who answers, who can go
// on site, per band), its organisational option, the member Ambiti's opening hours and the
// calendar. A gap in the roster is a compliance failure to report, not a wait to average: the
// DES counts calls that arrive in a gap as uncovered and never queues them.
import { bandOfHour, dayOfWeek, type CalendarAssumptions } from '../des/calendar.ts';
import { at } from '../check/at.ts';
import { DEFAULT_OPENING_HOURS, TIME_BANDS, type LayoutService, type OpeningHours, type PisOrganisationOption, type TimeBand } from './layout.ts';

/** Who handles a call arriving at a given hour: the PIS, the territorial services (option (a), their opening hours), or nobody. */
export type Duty = 'pis' | 'territoriali' | 'scoperto';
export const DUTIES: readonly Duty[] = ['pis', 'territoriali', 'scoperto'];

/** The part of a service the roster reads (a LayoutService or a compiled service both fit). */
export interface RosterView {
  organisation: PisOrganisationOption;
  /** Operators answering per band (centrale operativa). */
  answerByBand: Record<TimeBand, number>;
  /** On-site units per band (reperibilità, UdS, other staff), summed over the bases. */
  onSiteByBand: Record<TimeBand, number>;
  /** false = roster not documented → compliance "unknown". */
  rosterKnown: boolean;
}

// Plain loops, not Object.fromEntries: compileLayout reads every service's roster on each edit,
// and the entries arrays were half of its time.
export function rosterView(s: LayoutService): RosterView {
  const onSiteByBand = {} as Record<TimeBand, number>;
  for (const b of TIME_BANDS) onSiteByBand[b] = 0;
  for (const base of s.bases) for (const b of TIME_BANDS) onSiteByBand[b] += Math.max(0, base.unitsByBand?.[b] ?? 0);
  return {
    organisation: s.organisation ?? 'b-continuativo',
    answerByBand: normaliseAnswer(s.answerByBand, onSiteByBand),
    onSiteByBand,
    rosterKnown: s.rosterKnown !== false,
  };
}

/** A layout written before the roster has no answerByBand: the on-site staff answer their own line. */
function normaliseAnswer(a: Record<TimeBand, number> | undefined, onSite: Record<TimeBand, number>): Record<TimeBand, number> {
  const out = {} as Record<TimeBand, number>;
  for (const b of TIME_BANDS) out[b] = a ? Math.max(0, a[b] ?? 0) : onSite[b];
  return out;
}

/** Opening hours of an Ambito, or the labelled default. */
export function openingHoursOf(hours: Record<string, OpeningHours> | undefined, ambito: string): OpeningHours {
  return hours?.[ambito] ?? DEFAULT_OPENING_HOURS;
}

/** Territorial social services open at this hour? Closed on the calendar's national holidays. */
export function servicesOpenAt(oh: OpeningHours, hourIndex: number, cal: CalendarAssumptions): boolean {
  const day = Math.floor(hourIndex / 24);
  const h = hourIndex % 24;
  if (cal.holidayDays.includes(day % 365)) return false;
  return oh.days.includes(dayOfWeek(day)) && h >= oh.startHour && h < oh.endHour;
}

/**
 * Who handles a call arriving at `hourIndex` (hours from Monday 1 January 00:00) in `ambito`.
 * Option (a): the territorial services in their opening hours. Otherwise the PIS, if it has
 * someone answering AND someone who can go on site in that band; else nobody ('scoperto').
 */
export function dutyAt(service: RosterView | LayoutService, ambito: string, hourIndex: number, calendar: CalendarAssumptions, openingHours?: Record<string, OpeningHours>): Duty {
  const r = 'onSiteByBand' in service ? service : rosterView(service);
  if (r.organisation === 'a-chiusura' && servicesOpenAt(openingHoursOf(openingHours, ambito), hourIndex, calendar)) return 'territoriali';
  const band = bandOfHour(hourIndex, calendar);
  return r.answerByBand[band] > 0 && r.onSiteByBand[band] > 0 ? 'pis' : 'scoperto';
}

/** Duty code per hour over `hours` hours (0 = pis, 1 = territoriali, 2 = scoperto; DUTIES order), for the DES. */
export function dutyTable(service: RosterView | LayoutService, ambito: string, hours: number, calendar: CalendarAssumptions, openingHours?: Record<string, OpeningHours>): Uint8Array {
  const r = 'onSiteByBand' in service ? service : rosterView(service);
  const out = new Uint8Array(hours);
  // Stryker disable next-line EqualityOperator: writing out[hours] on a Uint8Array of length hours is a no-op
  for (let h = 0; h < hours; h++) out[h] = DUTIES.indexOf(dutyAt(r, ambito, h, calendar, openingHours));
  return out;
}

export type BandState = 'covered' | 'gap' | 'unknown';
export type ComplianceStatus = 'compliant' | 'gap' | 'unknown';

export interface BandCompliance {
  band: TimeBand;
  state: BandState;
  /** Hours of this band in a generic year. */
  hoursPerYear: number;
  /** Hours of the band handled by the PIS / by the territorial services / by nobody (null when unknown). */
  pisHours: number | null;
  territorialHours: number | null;
  uncoveredHours: number | null;
  /** What is missing in the band's uncovered hours: nobody answering and/or nobody on site. */
  missing: ('risposta' | 'sul-posto')[];
}

export interface AmbitoCompliance {
  ambito: string;
  status: ComplianceStatus;
  bands: BandCompliance[];
  /** Bands with uncovered hours. */
  gapBands: TimeBand[];
  /** null when unknown. */
  uncoveredHoursPerYear: number | null;
  /** Option (a) and the Ambito's opening hours are the default assumption. */
  openingHoursAssumed: boolean;
}

export interface ServiceCompliance {
  serviceId: string;
  name: string;
  organisation: PisOrganisationOption;
  status: ComplianceStatus;
  /** Union over the members. */
  gapBands: TimeBand[];
  /** Largest over the members (the worst-served member), null when unknown. */
  uncoveredHoursPerYear: number | null;
  members: AmbitoCompliance[];
}

const YEAR_HOURS = 365 * 24;

/** 24h/365 compliance of one member Ambito of a service over a generic year. */
export function ambitoCompliance(service: RosterView | LayoutService, ambito: string, calendar: CalendarAssumptions, openingHours?: Record<string, OpeningHours>): AmbitoCompliance {
  const r = 'onSiteByBand' in service ? service : rosterView(service);
  const oh = openingHoursOf(openingHours, ambito);
  return yearCompliance(r, ambito, oh, calendar);
}

/**
 * Hours of a generic year per band (TIME_BANDS order), and how many of them the territorial
 * services are open: all that dutyAt's answer depends on, besides the roster. Counted hour by hour
 * once per (opening hours, calendar) and remembered, so a compliance is a sum over five bands, not
 * 8,760 dutyAt calls (issue 13: that was 14-100 ms of every coverage run).
 */
function hourCounts(oh: OpeningHours, calendar: CalendarAssumptions): { total: number[]; open: number[] } {
  const key = JSON.stringify([oh, calendar]);
  let c = hourCountsMemo.get(key);
  if (!c) {
    const counts = { total: TIME_BANDS.map(() => 0), open: TIME_BANDS.map(() => 0) };
    for (let h = 0; h < YEAR_HOURS; h++) {
      const k = TIME_BANDS.indexOf(bandOfHour(h, calendar));
      counts.total[k] = at(counts.total, k) + 1;
      if (servicesOpenAt(oh, h, calendar)) counts.open[k] = at(counts.open, k) + 1;
    }
    if (hourCountsMemo.size >= 256) hourCountsMemo.clear();
    hourCountsMemo.set(key, counts);
    c = counts;
  }
  return c;
}
const hourCountsMemo = new Map<string, { total: number[]; open: number[] }>();

function yearCompliance(r: RosterView, ambito: string, oh: OpeningHours, calendar: CalendarAssumptions): AmbitoCompliance {
  const openingHoursAssumed = r.organisation === 'a-chiusura' && oh.assumed;
  // As dutyAt, hour by hour: option (a) hands the open hours to the territorial services; any
  // other hour is the PIS's if the band has someone answering and someone on site, else nobody's.
  const { total, open } = hourCounts(oh, calendar);
  const acc = TIME_BANDS.map((band, k) => {
    const terr = r.organisation === 'a-chiusura' ? at(open, k) : 0;
    const rest = at(total, k) - terr;
    const pisOn = r.answerByBand[band] > 0 && r.onSiteByBand[band] > 0;
    return { total: at(total, k), pis: pisOn ? rest : 0, terr, none: pisOn ? 0 : rest };
  });
  const bands: BandCompliance[] = TIME_BANDS.map((band, k) => {
    const a = at(acc, k);
    if (!r.rosterKnown) return { band, state: 'unknown', hoursPerYear: a.total, pisHours: null, territorialHours: null, uncoveredHours: null, missing: [] };
    const missing: BandCompliance['missing'] = [];
    if (a.none > 0) {
      if (!(r.answerByBand[band] > 0)) missing.push('risposta');
      if (!(r.onSiteByBand[band] > 0)) missing.push('sul-posto');
    }
    return { band, state: a.none > 0 ? 'gap' : 'covered', hoursPerYear: a.total, pisHours: a.pis, territorialHours: a.terr, uncoveredHours: a.none, missing };
  });
  if (!r.rosterKnown) return { ambito, status: 'unknown', bands, gapBands: [], uncoveredHoursPerYear: null, openingHoursAssumed };
  const gapBands = bands.filter((b) => b.state === 'gap').map((b) => b.band);
  const uncovered = bands.reduce((s, b) => s + (b.uncoveredHours ?? 0), 0);
  return { ambito, status: gapBands.length ? 'gap' : 'compliant', bands, gapBands, uncoveredHoursPerYear: uncovered, openingHoursAssumed };
}

/** 24h/365 compliance of a service: per member Ambito and overall (gap if any member has one; unknown if any is unknown). */
export function rosterCompliance(service: LayoutService, calendar: CalendarAssumptions, openingHours?: Record<string, OpeningHours>): ServiceCompliance {
  const r = rosterView(service);
  const members = service.members.map((m) => ambitoCompliance(r, m, calendar, openingHours));
  // The roster is the service's: its members are all known or all unknown (then none has a gap).
  const status: ComplianceStatus = members.some((m) => m.status === 'gap') ? 'gap' : !r.rosterKnown || members.length === 0 ? 'unknown' : 'compliant';
  const gapBands = TIME_BANDS.filter((b) => members.some((m) => m.gapBands.includes(b)));
  return {
    serviceId: service.id,
    name: service.name,
    organisation: r.organisation,
    status,
    gapBands,
    uncoveredHoursPerYear: status === 'unknown' ? null : Math.max(...members.map((m) => m.uncoveredHoursPerYear ?? 0)),
    members,
  };
}
