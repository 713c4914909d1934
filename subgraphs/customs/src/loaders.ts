import DataLoader from 'dataloader';
import { desc } from 'drizzle-orm';
import { anyOf, groupRows, indexRows, keyedQuery, nationalIdOf } from '@tessera/subgraph-kit';
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

type Db = Database<typeof tables>;

const travellers = keyedQuery((db: Db, ids) => db.select().from(traveller).where(anyOf(traveller.nationalId, ids)));
const crossingsOf = keyedQuery((db: Db, ids) =>
  db.select().from(borderCrossing).where(anyOf(borderCrossing.nationalId, ids)).orderBy(desc(borderCrossing.crossedAt)),
);
const seizuresOf = keyedQuery((db: Db, ids) =>
  db.select().from(seizure).where(anyOf(seizure.nationalId, ids)).orderBy(desc(seizure.seizedAt)),
);
const flagsOf = keyedQuery((db: Db, ids) =>
  db.select().from(customsFlag).where(anyOf(customsFlag.nationalId, ids)).orderBy(customsFlag.id),
);

export function createLoaders(db: Db): CustomsLoaders {
  return {
    traveller: new DataLoader(async (ids) => indexRows(ids, await travellers(db, ids), nationalIdOf)),
    crossings: new DataLoader(async (ids) => groupRows(ids, await crossingsOf(db, ids), nationalIdOf)),
    seizures: new DataLoader(async (ids) => groupRows(ids, await seizuresOf(db, ids), nationalIdOf)),
    flags: new DataLoader(async (ids) => groupRows(ids, await flagsOf(db, ids), nationalIdOf)),
  };
}
