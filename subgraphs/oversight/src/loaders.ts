import DataLoader from 'dataloader';
import { sql } from 'drizzle-orm';
import { indexRows } from '@tessera/subgraph-kit';
import { queryRows, type Database } from '@tessera/runtime';
import { hubLog } from './readLog.ts';

export interface ReviewEntry {
  readonly requestId: string;
  readonly reviewer: string;
  readonly note: string;
  readonly at: string;
}

export interface OversightLoaders {
  /** The review of a consultation, by its request id. */
  readonly review: DataLoader<string, ReviewEntry | null>;
}

export function createLoaders(db: Database<Record<string, unknown>>): OversightLoaders {
  return {
    review: new DataLoader(async (requestIds) => {
      const rows = await queryRows<{ entry: string }>(
        db,
        sql`select entry from ${hubLog}.audit_log where kind = 'review' and request_id in (${sql.join(
          requestIds.map((id) => sql`${id}`),
          sql`, `,
        )})`,
      );
      return indexRows(
        requestIds,
        rows.map((row) => JSON.parse(row.entry) as ReviewEntry),
        (review) => review.requestId,
      );
    }),
  };
}
