import { sql, type SQL } from 'drizzle-orm';
import { cellToParent } from 'h3-js';
import type { AggregateClause } from '@tessera/policies';
import { queryRows, type Database } from '@tessera/runtime';
import type { HotspotQuery } from './aggregateQuestion.ts';
import { inCoarserCells, type CellAnswer } from './suppression.ts';

/** Where the counts of one clause and question are read: the owner's rollup table, and its database. */
export interface CountsSource {
  readonly db: Database<Record<string, unknown>>;
  readonly rollup: SQL;
  readonly clause: AggregateClause;
  readonly k: number;
  readonly query: HotspotQuery;
}

/** The hexagon of the answer an atom's hexagon belongs to. */
export function answerCellOf(source: CountsSource): (cell: string) => string {
  const { resolution } = source.query;
  return resolution === source.clause.resolution ? (cell) => cell : (cell) => cellToParent(cell, resolution);
}

/** The rows of the question: its dataset at the clause's resolution, in its area, of its categories. */
function where(source: CountsSource, from: string, to: string): SQL {
  const { clause, query } = source;
  return sql`dataset = ${clause.dataset} and res = ${clause.resolution} and month >= ${from} and month < ${to}
    and latitude between ${query.south} and ${query.north} and longitude between ${query.west} and ${query.east}
    ${query.categories ? sql`and category = any(${sql.param([...query.categories])})` : sql``}`;
}

/** Per hexagon: the released sum over the question's months, and whether a count was withheld. */
export async function readCellTotals(source: CountsSource): Promise<CellAnswer[]> {
  const { k } = source;
  const rows = await queryRows<{ cell: string; released: number; any_released: boolean; withheld: boolean }>(
    source.db,
    sql`select cell, coalesce(sum(n) filter (where n >= ${k}), 0)::int as released,
        bool_or(n >= ${k}) as any_released, bool_or(n < ${k}) as withheld
      from ${source.rollup} where ${where(source, source.query.from, source.query.to)}
      group by cell`,
  );
  return inCoarserCells(
    rows.map((row) => ({ cell: row.cell, count: row.any_released ? row.released : null, suppressed: row.withheld })),
    answerCellOf(source),
  );
}

/** Released sums per hexagon, category and window (none: nothing released there), in one statement. */
export async function readWindows(
  source: CountsSource,
  windows: Readonly<Record<string, { readonly from: string; readonly to: string }>>,
): Promise<{ cell: string; category: string; counts: Record<string, number | null> }[]> {
  const { k } = source;
  const names = Object.keys(windows);
  const first = names.map((name) => windows[name]!.from).sort()[0]!;
  const last = names.map((name) => windows[name]!.to).sort()[names.length - 1]!;
  const columns = names.map((name, index) => {
    const { from, to } = windows[name]!;
    return sql`sum(n) filter (where n >= ${k} and month >= ${from} and month < ${to}) as ${sql.identifier(`w${index}`)}`;
  });
  const rows = await queryRows<Record<string, number | string | null>>(
    source.db,
    sql`select cell, category, ${sql.join(columns, sql`, `)}
      from ${source.rollup} where ${where(source, first, last)}
      group by cell, category`,
  );
  const answerCell = answerCellOf(source);
  const merged = new Map<string, { cell: string; category: string; counts: Record<string, number | null> }>();
  for (const row of rows) {
    const cell = answerCell(row.cell as string);
    const key = `${cell}\n${row.category as string}`;
    const entry = merged.get(key) ?? {
      cell,
      category: row.category as string,
      counts: Object.fromEntries(names.map((name) => [name, null])),
    };
    names.forEach((name, index) => {
      const value = row[`w${index}`];
      if (value !== null && value !== undefined) entry.counts[name] = (entry.counts[name] ?? 0) + Number(value);
    });
    merged.set(key, entry);
  }
  return [...merged.values()];
}

/** Released sums per hexagon and month, every category of the question together. */
export async function readMonthly(source: CountsSource): Promise<Map<string, Map<string, number>>> {
  const { k } = source;
  const rows = await queryRows<{ cell: string; month: string; n: number }>(
    source.db,
    sql`select cell, to_char(month, 'YYYY-MM-DD') as month, sum(n)::int as n
      from ${source.rollup} where ${where(source, source.query.from, source.query.to)} and n >= ${k}
      group by cell, month`,
  );
  const answerCell = answerCellOf(source);
  const monthly = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const cell = answerCell(row.cell);
    const months = monthly.get(cell) ?? new Map<string, number>();
    months.set(row.month, (months.get(row.month) ?? 0) + row.n);
    monthly.set(cell, months);
  }
  return monthly;
}
