import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { answerFromAtoms, type Atom, type AtomQuery } from '../src/aggregates/suppression.ts';

// A small world: hexagons c0..c7 in two parents, six months, three categories; counts up to 12, k 5.
const k = 5;
const cells = Array.from({ length: 8 }, (_, index) => `c${index}`);
const months = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];
const categories = ['burglary', 'robbery', 'drug supply'];
const parentOf = (cell: string) => `p${Number(cell.slice(1)) % 2}`;

const atoms = fc.uniqueArray(
  fc.record({
    cell: fc.constantFrom(...cells),
    month: fc.constantFrom(...months),
    category: fc.constantFrom(...categories),
    n: fc.integer({ min: 1, max: 12 }),
  }),
  { selector: (atom) => `${atom.cell}/${atom.month}/${atom.category}`, maxLength: 60 },
);

/** Any question an attacker may ask: any months, any categories, any hexagons, fine or coarse. */
const query = fc
  .record({
    months: fc.subarray(months, { minLength: 1 }),
    categories: fc.subarray(categories, { minLength: 1 }),
    cells: fc.subarray(cells, { minLength: 1 }),
    coarse: fc.boolean(),
  })
  .map(({ months, categories, cells: chosen, coarse }): AtomQuery => ({
    months,
    categories,
    cells: (cell) => chosen.includes(cell),
    answerCell: coarse ? parentOf : (cell) => cell,
  }));

describe('counts under k', () => {
  test('no set of answers to differently filtered questions recovers a withheld count', () => {
    fc.assert(
      fc.property(
        atoms,
        fc.array(query, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: k - 1 }),
        fc.nat(),
        (world, questions, other, pick) => {
          const withheld = world.filter((atom) => atom.n < k);
          fc.pre(withheld.length > 0);
          const target = withheld[pick % withheld.length]!;
          // Another world where the withheld count is any other value under k: every answer must be the same.
          const altered: Atom[] = world.map((atom) => (atom === target ? { ...atom, n: other } : atom));
          for (const question of questions) {
            expect(answerFromAtoms(altered, k, question)).toEqual(answerFromAtoms(world, k, question));
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  test('a released count is the sum of the released atoms, and a hexagon with only withheld atoms shows none', () => {
    const world: Atom[] = [
      { cell: 'c0', month: '2026-01', category: 'burglary', n: 7 },
      { cell: 'c0', month: '2026-02', category: 'burglary', n: 2 },
      { cell: 'c2', month: '2026-01', category: 'robbery', n: 4 },
      { cell: 'c1', month: '2026-01', category: 'burglary', n: 5 },
    ];
    const all: AtomQuery = { months, categories, cells: () => true, answerCell: (cell) => cell };
    expect(answerFromAtoms(world, k, all)).toEqual([
      { cell: 'c0', count: 7, suppressed: true },
      { cell: 'c1', count: 5, suppressed: false },
      { cell: 'c2', count: null, suppressed: true },
    ]);
    // Coarser: the parent of c0 and c2 sums c0's released 7 only; c2's 4 and c0's 2 stay withheld.
    expect(answerFromAtoms(world, k, { ...all, answerCell: parentOf })).toEqual([
      { cell: 'p0', count: 7, suppressed: true },
      { cell: 'p1', count: 5, suppressed: false },
    ]);
  });

  test('a single event never shows, whatever the filter', () => {
    fc.assert(
      fc.property(query, (question) => {
        const single: Atom[] = [{ cell: 'c3', month: '2026-03', category: 'robbery', n: 1 }];
        for (const answer of answerFromAtoms(single, k, question)) expect(answer.count).toBeNull();
      }),
    );
  });
});
