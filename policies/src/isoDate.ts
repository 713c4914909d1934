/**
 * Whether a text is a calendar date, YYYY-MM-DD, that exists (no 2026-13-45, no 1990-02-30), in the years
 * 1000-9999: inside what both JavaScript dates and PostgreSQL's date and timestamp types read the same way.
 */
export function isIsoDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return year >= 1000 && days !== undefined && day >= 1 && day <= days;
}
