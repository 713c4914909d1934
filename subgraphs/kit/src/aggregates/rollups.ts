import { sql } from 'drizzle-orm';
import { cellToLatLng, latLngToCell } from 'h3-js';
import type { Database } from '@tessera/runtime';

/** The hexagon resolutions counts are kept at: neighbourhood (9, about 0.1 km²) to district (7, about 5 km²). */
export const rollupResolutions = [7, 8, 9] as const;

/** An event as a count sees it: where, when, of what category. */
export interface CountedEvent {
  readonly latitude: number;
  readonly longitude: number;
  readonly at: Date;
  readonly category: string;
}

/**
 * The owner's counts per hexagon, month and category, for each dataset and resolution: what hotspot
 * answers are read from, kept current by the write path (in the write's transaction) and rebuilt after
 * a bulk load. Each row keeps its hexagon's centre, so an area is a range on two indexed columns.
 */
export async function installRollups(db: Database<Record<string, unknown>>, schemaName: string): Promise<void> {
  for (const statement of [
    `CREATE TABLE IF NOT EXISTS ${schemaName}.rollup (dataset text NOT NULL, res smallint NOT NULL, cell text NOT NULL,
      month date NOT NULL, category text NOT NULL, latitude double precision NOT NULL,
      longitude double precision NOT NULL, n integer NOT NULL, PRIMARY KEY (dataset, res, cell, month, category))`,
    `CREATE INDEX IF NOT EXISTS rollup_area_idx ON ${schemaName}.rollup (dataset, res, month, latitude, longitude)`,
  ]) {
    await db.execute(sql.raw(statement));
  }
}

/** The month an event counts in: the first of its month (UTC). */
export function monthOf(at: Date): string {
  return `${at.toISOString().slice(0, 7)}-01`;
}

interface RollupRow {
  res: number;
  cell: string;
  month: string;
  category: string;
  latitude: number;
  longitude: number;
}

function rowsOf(event: CountedEvent): RollupRow[] {
  const month = monthOf(event.at);
  return rollupResolutions.map((res) => {
    const cell = latLngToCell(event.latitude, event.longitude, res);
    const [latitude, longitude] = cellToLatLng(cell);
    return { res, cell, month, category: event.category, latitude, longitude };
  });
}

/** Counts one recorded event, in the transaction that records it. */
export async function countEvent(
  tx: Database<Record<string, unknown>>,
  schemaName: string,
  dataset: string,
  event: CountedEvent,
): Promise<void> {
  const rows = rowsOf(event).map(
    (row) =>
      sql`(${dataset}, ${row.res}, ${row.cell}, ${row.month}, ${row.category}, ${row.latitude}, ${row.longitude}, 1)`,
  );
  await tx.execute(
    sql`insert into ${sql.raw(`${schemaName}.rollup`)} (dataset, res, cell, month, category, latitude, longitude, n)
      values ${sql.join(rows, sql`, `)}
      on conflict (dataset, res, cell, month, category) do update set n = ${sql.raw(`${schemaName}.rollup`)}.n + 1`,
  );
}

/**
 * Counts a dataset afresh from all its events (after a bulk load): the old counts are replaced. The events
 * are read as they come (a page at a time): only the counts are held.
 */
export async function rebuildRollups(
  db: Database<Record<string, unknown>>,
  schemaName: string,
  dataset: string,
  events: AsyncIterable<CountedEvent>,
): Promise<number> {
  const counts = new Map<string, RollupRow & { n: number }>();
  for await (const event of events) {
    for (const row of rowsOf(event)) {
      const key = `${row.res}/${row.cell}/${row.month}/${row.category}`;
      const counted = counts.get(key);
      if (counted) counted.n++;
      else counts.set(key, { ...row, n: 1 });
    }
  }
  const table = sql.raw(`${schemaName}.rollup`);
  await db.transaction(async (tx) => {
    const writer = tx as unknown as Database<Record<string, unknown>>;
    await writer.execute(sql`delete from ${table} where dataset = ${dataset}`);
    const rows = [...counts.values()];
    for (let start = 0; start < rows.length; start += 5000) {
      const values = rows
        .slice(start, start + 5000)
        .map(
          (row) =>
            sql`(${dataset}, ${row.res}, ${row.cell}, ${row.month}, ${row.category}, ${row.latitude}, ${row.longitude}, ${row.n})`,
        );
      await writer.execute(
        sql`insert into ${table} (dataset, res, cell, month, category, latitude, longitude, n) values ${sql.join(values, sql`, `)}`,
      );
    }
  });
  // The planner reads fresh statistics: hotspot questions then take the area index, not a scan.
  await db.execute(sql`analyze ${table}`);
  return counts.size;
}
