import { describe, expect, test } from 'vitest';
import { evaluateForecast, monthAfter, scoreCells, topCells } from '../src/aggregates/forecast.ts';

const months = Array.from({ length: 18 }, (_, index) => monthAfter('2025-01-01', index));

describe('the forecast', () => {
  test('recent counts weigh more, and a neighbour of last month’s events scores too', () => {
    const counts = new Map([
      ['old', new Map([[months[0]!, 20]])],
      ['recent', new Map([[months[11]!, 10]])],
    ]);
    const scores = scoreCells(counts, months[12]!, (cell) => (cell === 'recent' ? ['beside'] : []));
    expect(scores.get('recent')!).toBeGreaterThan(scores.get('old')!);
    expect(scores.get('beside')).toBeCloseTo(3);
    expect(topCells(scores, 20)).toEqual(['recent']);
  });

  test('a persistent hotspot is caught, with an index above 1, no worse than the naive baseline', () => {
    const counts = new Map<string, Map<string, number>>();
    const set = (cell: string, month: string, n: number) =>
      counts.set(cell, new Map([...(counts.get(cell) ?? []), [month, n]]));
    for (const month of months) {
      set('steady', month, 10);
      for (let i = 0; i < 18; i++) set(`scatter-${i}`, month, (i + months.indexOf(month)) % 7 === 0 ? 1 : 0);
    }
    const evaluation = evaluateForecast(counts, months.slice(12), () => []);
    expect(evaluation.method.hitRate).toBeGreaterThan(0.5);
    expect(evaluation.method.pai).toBeGreaterThan(1);
    expect(evaluation.method.hitRate).toBeGreaterThanOrEqual(evaluation.naive.hitRate);
  });
});
