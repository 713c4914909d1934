import { codedError, isIsoDate } from '@tessera/policies';

/**
 * Arguments read as the columns they meet will read them: a value the column type would refuse is
 * BAD_USER_INPUT here, never an error from the database. Years are held to 1000-9999, inside what
 * both JavaScript dates and PostgreSQL's date and timestamp types accept.
 */
const isoTimePattern = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** A calendar date `YYYY-MM-DD` that exists (no 2026-13-45, no 1990-02-30). */
export function readIsoDate(name: string, value: string): string {
  if (!isIsoDate(value)) {
    throw codedError('BAD_USER_INPUT', `${name} must be an existing calendar date, YYYY-MM-DD.`, {
      extensions: { argument: name },
    });
  }
  return value;
}

/** An ISO 8601 timestamp (or date) whose date exists. */
export function readIsoTime(name: string, value: string): Date {
  const time = parseIsoTime(value);
  if (!time) {
    throw codedError('BAD_USER_INPUT', `${name} must be an ISO 8601 timestamp with an existing date.`, {
      extensions: { argument: name },
    });
  }
  return time;
}

/**
 * The time an ISO 8601 timestamp (or date) names, or null when it is not one, its date does not exist, or it
 * falls outside the years 1000-9999 once in UTC. `Date.parse` alone is no check: it reads "flag/1" as 2001 and
 * "0000-01-01" as a year PostgreSQL has not.
 */
export function parseIsoTime(value: string): Date | null {
  if (!isoTimePattern.test(value) || !isIsoDate(value.slice(0, 10))) return null;
  const time = new Date(value);
  const year = time.getUTCFullYear();
  return year >= 1000 && year <= 9999 ? time : null;
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
