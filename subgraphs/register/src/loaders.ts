import DataLoader from 'dataloader';
import { anyOf, indexRows } from '@tessera/subgraph-kit';
import type { Database } from '@tessera/runtime';
import { person, type PersonRow, type tables } from './db/schema.ts';

export interface RegisterLoaders {
  readonly person: DataLoader<string, PersonRow | null>;
}

/** One statement per request for every person the request needs, however many. */
export function createLoaders(db: Database<typeof tables>): RegisterLoaders {
  return {
    person: new DataLoader(async (ids) =>
      indexRows(
        ids,
        await db
          .select()
          .from(person)
          .where(anyOf(person.nationalId, [...ids])),
        (row) => row.nationalId,
      ),
    ),
  };
}
