import { fileURLToPath } from 'node:url';
import type { SubgraphModule } from '@tessera/subgraph-kit';
import { loadTypeDefs } from '@tessera/runtime';
import { tables } from './db/schema.ts';
import { createLoaders, type ProbationLoaders } from './loaders.ts';
import { recordAttributes } from './recordAttributes.ts';
import { recordIdentities } from './recordIdentities.ts';
import { probationHits } from './hits.ts';
import { resolvers } from './resolvers.ts';
import { revisable } from './revisable.ts';
import { isSeeded, seed } from './seed.ts';

/** The probation service's subgraph: supervision orders, their conditions and offender managers. */
export const probationSubgraph: SubgraphModule<typeof tables, ProbationLoaders> = {
  name: 'probation',
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers,
  recordTypes: recordAttributes,
  auditChain: 'probation',
  disclosedRecords: recordIdentities,
  hits: probationHits,
  revisable,
  tables,
  migrationsFolder: fileURLToPath(new URL('../drizzle', import.meta.url)),
  createLoaders,
  seed,
  isSeeded,
};
