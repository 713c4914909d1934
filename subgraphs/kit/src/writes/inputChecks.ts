import { codedError, dataSubjectCategories, isIsoDate, isOneOf } from '@tessera/policies';
import { nationalIdPattern, parseIsoTime } from '@tessera/runtime';

/** A record about a time a little ahead of the server's clock is still believed; further ahead, it is not. */
const clockSkewMs = 5 * 60_000;

/**
 * The checks an owner runs on what its staff and systems report: each gives the problems of one value,
 * so that a write can name every problem at once.
 */
export const check = {
  nationalId: (value: unknown): string[] =>
    typeof value === 'string' && nationalIdPattern.test(value)
      ? []
      : ['nationalId: a national identifier (two letters, seven digits)'],
  pastTime: (value: unknown, name: string, now: Date): string[] => {
    const time = typeof value === 'string' ? parseIsoTime(value) : null;
    return !time || time.getTime() > now.getTime() + clockSkewMs
      ? [`${name}: an ISO timestamp, not in the future`]
      : [];
  },
  text: (value: unknown, name: string, what: string, max: number): string[] =>
    typeof value === 'string' && value.trim() !== '' && value.length <= max
      ? []
      : [`${name}: ${what} (at most ${max} characters)`],
  oneOf: (value: unknown, name: string, allowed: readonly string[]): string[] =>
    typeof value === 'string' && allowed.includes(value) ? [] : [`${name}: one of ${allowed.join(', ')}`],
  category: (value: unknown, name: string): string[] =>
    isOneOf(dataSubjectCategories, value) ? [] : [`${name}: one of ${dataSubjectCategories.join(', ')} (LED Art 6)`],
  coordinate: (latitude: unknown, longitude: unknown): string[] =>
    typeof latitude === 'number' &&
    typeof longitude === 'number' &&
    Math.abs(latitude) <= 90 &&
    Math.abs(longitude) <= 180
      ? []
      : ['latitude, longitude: a place on Earth (degrees)'],
  date: (value: unknown, name: string): string[] =>
    typeof value === 'string' && isIsoDate(value) ? [] : [`${name}: an ISO date (YYYY-MM-DD)`],
  amount: (value: unknown, name: string, what: string): string[] =>
    typeof value === 'number' && Number.isFinite(value) && value >= 0 ? [] : [`${name}: ${what}, a number not below 0`],
};

/** Refuses a write whose input has problems, naming all of them in one error; nothing is written. */
export function refuseIfAny(what: string, problems: readonly string[]): void {
  if (problems.length === 0) return;
  throw codedError('BAD_USER_INPUT', `${what} cannot be recorded: ${problems.join('; ')}.`, {
    extensions: { problems },
  });
}
