import { expect, test } from 'vitest';
import { inPages } from '../src/aggregates/pages.ts';

test('a full read goes page by page, in key order, each row once, the last page short or empty', async () => {
  const keys = Array.from({ length: 120_001 }, (_, index) => `k${String(index).padStart(7, '0')}`);
  const asked: string[] = [];
  const read: string[] = [];
  for await (const row of inPages(async (after, size) => {
    asked.push(after);
    return keys
      .filter((key) => key > after)
      .slice(0, size)
      .map((key) => ({ key }));
  })) {
    read.push(row.key);
  }
  expect(read).toEqual(keys);
  expect(asked).toEqual(['', 'k0049999', 'k0099999']);
});
