import { recordsOfKind, type HitSource } from '@tessera/subgraph-kit';
import { supervisionOrder } from './db/schema.ts';

/** Probation's answer to a hit check: supervision orders, in one statement for every subject. */
export const probationHits: HitSource = {
  contact: 'Probation Service, public protection desk: ppu@probation.tessera.invalid',
  find: (db, subjects) => recordsOfKind(db, 'supervision-order', supervisionOrder, supervisionOrder, subjects),
};
