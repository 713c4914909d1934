import { describe, expect, test } from 'vitest';
import { standingWatchesEndedBy, standingWatchesSetBy } from '../src/index.ts';

describe('standing watches', () => {
  test('a no-foreign-travel condition watches customs crossings, for offender management', () => {
    const [clause] = standingWatchesSetBy('probation', ['curfew', 'no-foreign-travel']);
    expect(clause).toMatchObject({
      id: 'probation-6',
      purpose: 'offender-management',
      watches: { owner: 'customs', events: ['crossing.recorded'] },
    });
  });

  test('other kinds, and other owners’ records of that kind, set up none', () => {
    expect(standingWatchesSetBy('probation', ['curfew'])).toEqual([]);
    expect(standingWatchesSetBy('police', ['no-foreign-travel'])).toEqual([]);
  });

  test('the order’s end ends it; nothing else does', () => {
    expect(standingWatchesEndedBy('probation', 'supervision-order.ended').map((clause) => clause.id)).toEqual([
      'probation-6',
    ]);
    expect(standingWatchesEndedBy('probation', 'condition.set')).toEqual([]);
    expect(standingWatchesEndedBy('customs', 'supervision-order.ended')).toEqual([]);
  });
});
