// The time bands over a generic simulated year: 365 days starting on a Monday, fixed-date Italian
// national holidays (Easter Monday omitted: its date moves). Hours are labelled assumptions
// (DesAssumptions.calendar); the band of every hour of the horizon is precomputed once.
// Default: office Mon–Fri 09–17; closure Mon–Fri 06–09 and 17–22; night every day 22–06 (8 h:
// 2,920 h a year); saturday Saturday 06–22 unless a holiday; holiday Sundays and national
// holidays 06–22. In the generic year: office 2,032 h, closure 2,032, night 2,920, saturday 784,
// holiday 992 (52 Sundays + 10 fixed holidays, 3 of them on a Saturday).
import { TIME_BANDS, type TimeBand } from '../sim/layout.ts';
import { at } from '../check/at.ts';

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
  nightEndHour: 6,
  holidayDays: [...ITALIAN_FIXED_HOLIDAYS],
});

export function bandOfHour(hourIndex: number, cal: CalendarAssumptions): TimeBand {
  const day = Math.floor(hourIndex / 24);
  const h = hourIndex % 24;
  if (h >= cal.nightStartHour || h < cal.nightEndHour) return 'night';
  if (isHolidayDay(day, cal)) return 'holiday';
  const dow = dayOfWeek(day);
  if (dow === 5) return 'saturday';
  if (h >= cal.officeStartHour && h < cal.officeEndHour) return 'office';
  return 'closure';
}

/** 0 = Monday … 6 = Sunday (the generic year starts on a Monday). */
export function dayOfWeek(day: number): number {
  return day % 7;
}

/** Sundays and the national holidays of the calendar. */
export function isHolidayDay(day: number, cal: CalendarAssumptions): boolean {
  return dayOfWeek(day) === 6 || cal.holidayDays.includes(day % 365);
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
    hoursByBand[b] = at(hoursByBand, b) + 1;
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
  return Object.fromEntries(TIME_BANDS.map((b, i) => [b, at(h, i) / total])) as Record<TimeBand, number>;
}
