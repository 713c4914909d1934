import DataLoader from 'dataloader';
import { anyOf, indexRows, keyedQuery, nationalIdOf } from '@tessera/subgraph-kit';
import type { Database } from '@tessera/runtime';
import { person, type PersonRow, type tables } from './db/schema.ts';

export interface RegisterLoaders {
  readonly person: DataLoader<string, PersonRow | null>;
}

type Db = Database<typeof tables>;

const people = keyedQuery((db: Db, ids) => db.select().from(person).where(anyOf(person.nationalId, ids)));

/** One statement per request for every person the request needs, however many. */
export function createLoaders(db: Db): RegisterLoaders {
  return {
    person: new DataLoader(async (ids) => indexRows(ids, await people(db, ids), nationalIdOf)),
  };
}
