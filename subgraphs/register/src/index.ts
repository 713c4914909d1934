import { fileURLToPath } from 'node:url';
import { type SubgraphModule, recordIdentity } from '@tessera/subgraph-kit';
import { loadTypeDefs } from '@tessera/runtime';
import { tables } from './db/schema.ts';
import { createLoaders, type RegisterLoaders } from './loaders.ts';
import type { PersonRow } from './db/schema.ts';
import { resolvers } from './resolvers/index.ts';
import { isSeeded, seed } from './seed.ts';

/** The national person register: identities only, the hub's entry point for finding a person. */
export const registerSubgraph: SubgraphModule<typeof tables, RegisterLoaders> = {
  name: 'register',
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers,
  recordTypes: {},
  auditChain: 'register',
  disclosedRecords: {
    Person: recordIdentity((person: PersonRow) => ({ id: person.nationalId, nationalId: person.nationalId })),
  },
  tables,
  migrationsFolder: fileURLToPath(new URL('../drizzle', import.meta.url)),
  createLoaders,
  seed,
  isSeeded,
};
