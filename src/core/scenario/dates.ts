// Date checks shared by the validators. Strings, not Date objects: the model stores ISO text
// so that exports are stable and no time zone can shift a day.

const FULL = /^(\d{4})-(\d{2})-(\d{2})$/;
const PARTIAL = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

// Years outside this window are typos in this domain (the LEPS dates from 2021).
const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

function validParts(y: number, m?: number, d?: number): boolean {
  if (y < MIN_YEAR || y > MAX_YEAR) return false;
  if (m === undefined) return true;
  if (m < 1 || m > 12) return false;
  if (d === undefined) return true;
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d >= 1 && d <= daysInMonth;
}

/** Strict calendar date YYYY-MM-DD (2024-02-30 is rejected). */
export function isIsoDate(s: string): boolean {
  const m = FULL.exec(s);
  return m !== null && validParts(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** YYYY, YYYY-MM or YYYY-MM-DD: sources often date a start only to the month. */
export function isPartialIsoDate(s: string): boolean {
  const m = PARTIAL.exec(s);
  if (!m) return false;
  return validParts(Number(m[1]), m[2] === undefined ? undefined : +m[2], m[3] === undefined ? undefined : +m[3]);
}
