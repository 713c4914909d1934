import DataLoader from 'dataloader';
import { desc } from 'drizzle-orm';
import { anyOf, groupRows, indexRows } from '@tessera/subgraph-kit';
import type { Database } from '@tessera/runtime';
import {
  borderCrossing,
  customsFlag,
  seizure,
  traveller,
  type BorderCrossingRow,
  type SeizureRow,
  type TravellerRow,
  type tables,
} from './db/schema.ts';

/** Loaders for one request: each runs one statement per batch, whatever the number of people. */
export interface CustomsLoaders {
  readonly traveller: DataLoader<string, TravellerRow | null>;
  readonly crossings: DataLoader<string, BorderCrossingRow[]>;
  readonly seizures: DataLoader<string, SeizureRow[]>;
  readonly flags: DataLoader<string, (typeof customsFlag.$inferSelect)[]>;
}

export function createLoaders(db: Database<typeof tables>): CustomsLoaders {
  return {
    traveller: new DataLoader(async (keys) =>
      indexRows(
        keys,
        await db
          .select()
          .from(traveller)
          .where(anyOf(traveller.nationalId, [...keys])),
        (row) => row.nationalId,
      ),
    ),
    crossings: new DataLoader(async (keys) =>
      groupRows(
        keys,
        await db
          .select()
          .from(borderCrossing)
          .where(anyOf(borderCrossing.nationalId, [...keys]))
          .orderBy(desc(borderCrossing.crossedAt)),
        (row) => row.nationalId,
      ),
    ),
    seizures: new DataLoader(async (keys) =>
      groupRows(
        keys,
        await db
          .select()
          .from(seizure)
          .where(anyOf(seizure.nationalId, [...keys]))
          .orderBy(desc(seizure.seizedAt)),
        (row) => row.nationalId,
      ),
    ),
    flags: new DataLoader(async (keys) =>
      groupRows(
        keys,
        await db
          .select()
          .from(customsFlag)
          .where(anyOf(customsFlag.nationalId, [...keys]))
          .orderBy(customsFlag.id),
        (row) => row.nationalId,
      ),
    ),
  };
}
