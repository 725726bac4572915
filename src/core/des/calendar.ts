// The time bands over a generic simulated year: 365 days starting on a Monday, fixed-date Italian
// national holidays (Easter Monday omitted: its date moves). Hours are labelled assumptions
// (DesAssumptions.calendar); the band of every hour of the horizon is precomputed once.
import { TIME_BANDS, type TimeBand } from '../sim/layout.ts';

export interface CalendarAssumptions {
  officeStartHour: number;
  officeEndHour: number;
  nightStartHour: number;
  nightEndHour: number;
  /** Day-of-year (0 = 1 January) of public holidays, besides Sundays. */
  holidayDays: number[];
}

/** 1/1, 6/1, 25/4, 1/5, 2/6, 15/8, 1/11, 8/12, 25/12, 26/12 in a non-leap year. */
export const ITALIAN_FIXED_HOLIDAYS = Object.freeze([0, 5, 114, 120, 152, 226, 304, 341, 358, 359]);

export const DEFAULT_CALENDAR: Readonly<CalendarAssumptions> = Object.freeze({
  officeStartHour: 9,
  officeEndHour: 17,
  nightStartHour: 22,
  nightEndHour: 8,
  holidayDays: [...ITALIAN_FIXED_HOLIDAYS],
});

export function bandOfHour(hourIndex: number, cal: CalendarAssumptions): TimeBand {
  const day = Math.floor(hourIndex / 24);
  const h = hourIndex % 24;
  if (h >= cal.nightStartHour || h < cal.nightEndHour) return 'night';
  const dow = day % 7; // 0 = Monday
  if (dow === 6 || cal.holidayDays.includes(day % 365)) return 'holiday';
  if (dow < 5 && h >= cal.officeStartHour && h < cal.officeEndHour) return 'office';
  return 'closure';
}

export interface BandSegment {
  startMin: number;
  endMin: number;
  /** Index in TIME_BANDS. */
  band: number;
}

export interface HorizonCalendar {
  horizonMin: number;
  /** Band index (TIME_BANDS order) of every hour of the horizon. */
  hourBand: Uint8Array;
  /** Maximal runs of hours with the same band. */
  segments: BandSegment[];
  /** Hours of the horizon in each band (TIME_BANDS order). */
  hoursByBand: number[];
}

export function buildHorizon(days: number, cal: CalendarAssumptions): HorizonCalendar {
  const hours = Math.round(days * 24);
  const hourBand = new Uint8Array(hours);
  const hoursByBand = TIME_BANDS.map(() => 0);
  const segments: BandSegment[] = [];
  for (let h = 0; h < hours; h++) {
    const b = TIME_BANDS.indexOf(bandOfHour(h, cal));
    hourBand[h] = b;
    hoursByBand[b]++;
    const last = segments[segments.length - 1];
    if (last && last.band === b) last.endMin = (h + 1) * 60;
    else segments.push({ startMin: h * 60, endMin: (h + 1) * 60, band: b });
  }
  return { horizonMin: hours * 60, hourBand, segments, hoursByBand };
}

/** Share of the hours of one generic year in each band (TIME_BANDS order). */
export function bandTimeShares(cal: CalendarAssumptions): Record<TimeBand, number> {
  const h = buildHorizon(365, cal).hoursByBand;
  const total = h.reduce((a, b) => a + b, 0);
  return Object.fromEntries(TIME_BANDS.map((b, i) => [b, h[i] / total])) as Record<TimeBand, number>;
}
