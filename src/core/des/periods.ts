// Hours of a real date range in which a closure-hours service answers, on the real calendar (not
// the DES's generic year): the calibration on Rho (July 2023 – September 2025) and the check on
// Lomellina (February – November 2023) count the hours their services were actually open.
// Italian national holidays including Easter Monday; patron saints' days are local and not
// counted (an assumption: at most one day a year per comune). Every day counts 24 hours (the two
// daylight-saving days are ±1 h, below 0.01 % of the period).

/** Easter Sunday (Gregorian, anonymous algorithm), as [month 1–12, day]. */
export function easterSunday(year: number): [number, number] {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return [month, day];
}

const FIXED_HOLIDAYS = ['01-01', '01-06', '04-25', '05-01', '06-02', '08-15', '11-01', '12-08', '12-25', '12-26'];

function ymd(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/** National holiday (fixed dates and Easter Monday) on this UTC date. */
export function isItalianHoliday(date: Date): boolean {
  const y = date.getUTCFullYear();
  if (FIXED_HOLIDAYS.includes(ymd(date.getTime()).slice(5))) return true;
  const [m, d] = easterSunday(y);
  const easterMonday = Date.UTC(y, m - 1, d + 1);
  return ymd(easterMonday) === ymd(date.getTime());
}

export interface ClosureSchedule {
  /** The territorial services are open (the closure-hours service is not) Mon–Fri, working days, in [openFromHour, openToHour). */
  openFromHour: number;
  openToHour: number;
}

export interface PeriodHours {
  days: number;
  totalHours: number;
  /** Hours outside the territorial services' opening hours: when a closure-hours service answers. */
  closureHours: number;
  officeHours: number;
  holidaysOnWeekdays: number;
}

/** Hours of [start, end) (ISO dates, end exclusive) split into office and closure hours. */
export function periodHours(start: string, end: string, s: ClosureSchedule): PeriodHours {
  const t0 = Date.parse(`${start}T00:00:00Z`);
  const t1 = Date.parse(`${end}T00:00:00Z`);
  if (!(t1 > t0)) throw new Error(`Periodo non valido: ${start} – ${end}`);
  const openPerDay = Math.max(0, Math.min(24, s.openToHour) - Math.max(0, s.openFromHour));
  let days = 0;
  let officeHours = 0;
  let holidaysOnWeekdays = 0;
  for (let t = t0; t < t1; t += 86_400_000) {
    days++;
    const d = new Date(t);
    const dow = d.getUTCDay(); // 0 = Sunday
    if (dow === 0 || dow === 6) continue;
    if (isItalianHoliday(d)) {
      holidaysOnWeekdays++;
      continue;
    }
    officeHours += openPerDay;
  }
  return { days, totalHours: days * 24, closureHours: days * 24 - officeHours, officeHours, holidaysOnWeekdays };
}
