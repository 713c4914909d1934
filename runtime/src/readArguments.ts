import { codedError } from '@tessera/policies';

/**
 * Arguments read as the columns they meet will read them: a value the column type would refuse is
 * BAD_USER_INPUT here, never an error from the database. Years are held to 1000-9999, inside what
 * both JavaScript dates and PostgreSQL's date and timestamp types accept.
 */
const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const isoTimePattern = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** A calendar date `YYYY-MM-DD` that exists (no 2026-13-45, no 1990-02-30). */
export function readIsoDate(name: string, value: string): string {
  const match = isoDatePattern.exec(value);
  if (!match || !isCalendarDate(match)) {
    throw codedError('BAD_USER_INPUT', `${name} must be an existing calendar date, YYYY-MM-DD.`, {
      extensions: { argument: name },
    });
  }
  return value;
}

/** An ISO 8601 timestamp (or date) whose date exists. */
export function readIsoTime(name: string, value: string): Date {
  const match = isoTimePattern.exec(value);
  const time = new Date(value);
  if (!match || !isCalendarDate(match) || Number.isNaN(time.getTime())) {
    throw codedError('BAD_USER_INPUT', `${name} must be an ISO 8601 timestamp with an existing date.`, {
      extensions: { argument: name },
    });
  }
  return time;
}

/** A whole number within bounds (a page size, a limit). */
export function readInteger(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw codedError('BAD_USER_INPUT', `${name} must be a whole number from ${min} to ${max}.`, {
      extensions: { argument: name },
    });
  }
  return value;
}

function isCalendarDate(match: RegExpExecArray): boolean {
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1000 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}
