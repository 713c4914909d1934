import { fileURLToPath } from 'node:url';
import type { SubgraphModule } from '@tessera/subgraph-kit';
import { loadTypeDefs } from '@tessera/runtime';
import { tables } from './db/schema.ts';
import { recordAttributes } from './recordAttributes.ts';
import { recordIdentities } from './recordIdentities.ts';
import { createLoaders, type RegisterLoaders } from './loaders.ts';
import { resolvers } from './resolvers.ts';
import { isSeeded, seed } from './seed.ts';

/** The national person register: identities only, the hub's entry point for finding a person. */
export const registerSubgraph: SubgraphModule<typeof tables, RegisterLoaders> = {
  name: 'register',
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers,
  recordTypes: recordAttributes,
  auditChain: 'register',
  disclosedRecords: recordIdentities,
  tables,
  migrationsFolder: fileURLToPath(new URL('../drizzle', import.meta.url)),
  createLoaders,
  seed,
  isSeeded,
};
