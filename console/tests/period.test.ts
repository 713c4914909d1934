import { expect, test } from 'vitest';
import { lastDays, lastMonths, monthAfter, monthBefore } from '../src/period.ts';

const now = new Date('2026-11-30T17:45:00Z');

test('the last days end with today, whole days in UTC', () => {
  expect(lastDays(30, now)).toEqual({ from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' });
});

test('the last months are whole months before the current one, across a year', () => {
  expect(lastMonths(3, now)).toEqual({ from: '2026-08-01', to: '2026-11-01' });
  expect(lastMonths(3, new Date('2027-01-15T00:00:00Z'))).toEqual({ from: '2026-10-01', to: '2027-01-01' });
});

test('a period’s last month and the day after it translate into each other', () => {
  expect(monthBefore('2027-01-01')).toBe('2026-12');
  expect(monthAfter('2026-12')).toBe('2027-01-01');
  expect(monthAfter(monthBefore('2026-11-01'))).toBe('2026-11-01');
});
