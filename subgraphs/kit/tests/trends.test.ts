import { describe, expect, test } from 'vitest';
import { poissonLowerTail, poissonUpperTail, trendOf } from '../src/aggregates/trends.ts';

describe('the Poisson test', () => {
  test('tails agree with known values', () => {
    // P(X ≥ 5 | λ = 1) = 0.00366; P(X ≤ 2 | λ = 10) = 0.00277.
    expect(poissonUpperTail(5, 1)).toBeCloseTo(0.00366, 4);
    expect(poissonLowerTail(2, 10)).toBeCloseTo(0.00277, 4);
    expect(poissonUpperTail(0, 3)).toBe(1);
    // Large counts stay finite.
    expect(poissonUpperTail(1200, 1000)).toBeGreaterThan(0);
    expect(poissonUpperTail(1200, 1000)).toBeLessThan(0.001);
  });
});

describe('the reading of a hexagon', () => {
  test('a new cluster is emerging, a steady one persistent, a fading one cooling', () => {
    expect(trendOf({ current: 30, previous: null, yearAgo: null }, 5).flag).toBe('emerging');
    expect(trendOf({ current: 20, previous: 22, yearAgo: 18 }, 5).flag).toBe('persistent');
    expect(trendOf({ current: null, previous: 25, yearAgo: 30 }, 5).flag).toBe('cooling');
    expect(trendOf({ current: 6, previous: null, yearAgo: null }, 5).flag).toBe('emerging');
    expect(trendOf({ current: null, previous: null, yearAgo: 6 }, 5).flag).toBe('stable');
  });
});
