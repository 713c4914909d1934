import { recordIdentity, type RecordIdentities } from '@tessera/subgraph-kit';
import type { PersonRow } from './db/schema.ts';

/** How the register names what it releases: a person's identity, by national identifier. */
export const recordIdentities: RecordIdentities = {
  Person: recordIdentity((person: PersonRow) => ({ id: person.nationalId, nationalId: person.nationalId })),
};
