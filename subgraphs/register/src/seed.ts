import { hasRows, type SeedOptions } from '@tessera/subgraph-kit';
import { createBatchWriter, type BulkLoader, type Database } from '@tessera/runtime';
import { population } from '@tessera/demo';
import { person, type tables } from './db/schema.ts';

/** Registers the whole demo population: the agencies' subjects and everyone else alike. */
export async function seed(database: BulkLoader, { seed, size }: SeedOptions): Promise<Record<string, number>> {
  const writer = createBatchWriter(database);
  for (const { nationalId, givenName, familyName, dateOfBirth } of population(seed, size)) {
    await writer.add(person, { nationalId, givenName, familyName, dateOfBirth });
  }
  return writer.finish();
}

export const isSeeded = (db: Database<typeof tables>) => hasRows(db, person);
