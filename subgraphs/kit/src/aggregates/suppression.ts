import type { HotspotCell } from '@tessera/runtime';

/** One count as a clause forms it: events of one category in one hexagon (at the clause's resolution) and month. */
export interface Atom {
  readonly cell: string;
  readonly month: string;
  readonly category: string;
  readonly n: number;
}

/** What an answer says of one hexagon (its released sum, or none, and whether a count was withheld). */
export type CellAnswer = HotspotCell;

/** Which atoms a question covers, and the hexagons it is answered in. */
export interface AtomQuery {
  readonly months: readonly string[];
  readonly categories: readonly string[];
  readonly cells: (cell: string) => boolean;
  /** The hexagon of the answer an atom's hexagon belongs to (itself, or a coarser parent). */
  readonly answerCell: (cell: string) => string;
}

/**
 * The answer to a question, from the atoms alone: each atom under k is withheld, and every number
 * given is a sum of released atoms only. Whatever questions are asked (other periods, other hexagons,
 * other categories), an answer is a function of the released atoms and of which atoms were withheld,
 * never of a withheld atom's value: no difference of answers can recover it.
 */
export function answerFromAtoms(atoms: Iterable<Atom>, k: number, query: AtomQuery): CellAnswer[] {
  return inCoarserCells(cellTotals(atoms, k, query), query.answerCell);
}

/** Per hexagon of the atoms: the sum of its released atoms the question covers, and whether one was withheld. */
export function cellTotals(atoms: Iterable<Atom>, k: number, query: Omit<AtomQuery, 'answerCell'>): CellAnswer[] {
  const months = new Set(query.months);
  const categories = new Set(query.categories);
  const cells = new Map<string, CellAnswer>();
  for (const atom of atoms) {
    if (atom.n <= 0 || !months.has(atom.month) || !categories.has(atom.category) || !query.cells(atom.cell)) continue;
    cells.set(atom.cell, add(cells.get(atom.cell), atom.cell, atom.n >= k ? atom.n : null, atom.n < k));
  }
  return [...cells.values()];
}

/** The same answer in coarser hexagons: released sums added up, a withheld part marked. */
export function inCoarserCells(cells: readonly CellAnswer[], answerCell: (cell: string) => string): CellAnswer[] {
  const coarse = new Map<string, CellAnswer>();
  for (const cell of cells) {
    const key = answerCell(cell.cell);
    coarse.set(key, add(coarse.get(key), key, cell.count, cell.suppressed));
  }
  return [...coarse.values()].sort((a, b) => (a.cell < b.cell ? -1 : a.cell > b.cell ? 1 : 0));
}

function add(total: CellAnswer | undefined, cell: string, count: number | null, suppressed: boolean): CellAnswer {
  const sum = total?.count === null || total === undefined ? count : count === null ? total.count : total.count + count;
  return { cell, count: sum, suppressed: (total?.suppressed ?? false) || suppressed };
}
