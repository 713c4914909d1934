import { inArray, sql } from 'drizzle-orm';
import { collectHits, type HitSource } from '@tessera/subgraph-kit';
import type { Database } from '@tessera/runtime';
import { supervisionOrder, type tables } from './db/schema.ts';

/** Probation's answer to a hit check: supervision orders, in one statement for every subject. */
export const probationHits: HitSource = {
  contact: 'Probation Service, public protection desk: ppu@probation.tessera.invalid',
  async find(anyDb, subjects) {
    const db = anyDb as Database<typeof tables>;
    const rows = await db
      .select({
        nationalId: supervisionOrder.nationalId,
        kind: sql<string>`'supervision-order'`,
        record: sql<string>`'supervision-order/' || ${supervisionOrder.id}`,
      })
      .from(supervisionOrder)
      .where(inArray(supervisionOrder.nationalId, [...subjects]));
    return collectHits(rows);
  },
};
