import { fileURLToPath } from 'node:url';
import type { SubgraphModule } from '@tessera/subgraph-kit';
import { loadTypeDefs } from '@tessera/runtime';
import { tables } from './db/schema.ts';
import { recordAttributes } from './recordAttributes.ts';
import { createLoaders, type CustomsLoaders } from './loaders.ts';
import { recordIdentities } from './recordIdentities.ts';
import { customsHits } from './hits.ts';
import { resolvers } from './resolvers.ts';
import { revisable } from './revisable.ts';
import { customsAggregates } from './aggregates.ts';
import { isSeeded, seed } from './seed.ts';

/** The border and customs agency's subgraph: border crossings, seizures, customs flags. */
export const customsSubgraph: SubgraphModule<typeof tables, CustomsLoaders> = {
  name: 'customs',
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers,
  recordTypes: recordAttributes,
  auditChain: 'customs',
  disclosedRecords: recordIdentities,
  hits: customsHits,
  revisable,
  aggregates: customsAggregates,
  tables,
  migrationsFolder: fileURLToPath(new URL('../drizzle', import.meta.url)),
  createLoaders,
  seed,
  isSeeded,
};
