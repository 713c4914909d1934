import { describe, expect, test } from 'vitest';
import { readInteger, readIsoDate, readIsoTime } from '../src/index.ts';

const code = (read: () => unknown) => {
  try {
    read();
    return 'ok';
  } catch (error) {
    return (error as { extensions: { code: string } }).extensions.code;
  }
};

describe('arguments are read as their columns would read them', () => {
  test.each(['2024-02-29', '1990-12-31', '1000-01-01', '9999-12-31'])('date %s exists', (date) => {
    expect(code(() => readIsoDate('d', date))).toBe('ok');
  });

  test.each(['2023-02-29', '1990-02-30', '2026-13-45', '0000-01-01', '99999-01-01', '1990-1-1', '', 'x'])(
    'date %j is bad input',
    (date) => expect(code(() => readIsoDate('d', date))).toBe('BAD_USER_INPUT'),
  );

  test.each(['2026-01-01T00:00:00Z', '2026-01-01T10:30:00.123+02:00', '2026-01-01'])('time %s is read', (time) => {
    expect(code(() => readIsoTime('t', time))).toBe('ok');
  });

  test.each([
    '2026-02-30T00:00:00Z',
    '+275760-09-13T00:00:00Z',
    '-271821-04-20T00:00:00Z',
    'yesterday',
    // What Date.parse reads all the same: a year 2001, the year 0, a date past its month's end.
    'flag/1',
    '0000-01-01T00:00:00Z',
    '2026-02-30',
    // A year that leaves 1000-9999 once in UTC.
    '9999-12-31T23:00:00-02:00',
    '2026-12-01T25:00:00Z',
  ])('time %j is bad input', (time) => expect(code(() => readIsoTime('t', time))).toBe('BAD_USER_INPUT'));

  test('integers within bounds', () => {
    expect(readInteger('limit', 5, 1, 10)).toBe(5);
    expect([0, 11, 1.5, Number.NaN].map((value) => code(() => readInteger('limit', value, 1, 10)))).toEqual(
      Array(4).fill('BAD_USER_INPUT'),
    );
  });
});
