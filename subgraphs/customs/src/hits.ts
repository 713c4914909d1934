import { unionAll } from 'drizzle-orm/pg-core';
import { recordsOfKind, type HitSource } from '@tessera/subgraph-kit';
import { borderCrossing, customsFlag, seizure } from './db/schema.ts';

/** Customs' answer to a hit check: crossings, seizures and flags, in one statement for every subject. */
export const customsHits: HitSource = {
  contact: 'Customs Intelligence Bureau, duty desk: intel@customs.tessera.invalid',
  find: (db, subjects) =>
    unionAll(
      recordsOfKind(db, 'crossing', borderCrossing, borderCrossing, subjects),
      recordsOfKind(db, 'seizure', seizure, seizure, subjects),
      recordsOfKind(db, 'flag', customsFlag, customsFlag, subjects),
    ),
};
