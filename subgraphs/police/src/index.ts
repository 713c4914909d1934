import { fileURLToPath } from 'node:url';
import type { SubgraphModule } from '@tessera/subgraph-kit';
import { loadTypeDefs } from '@tessera/runtime';
import { tables } from './db/schema.ts';
import { createLoaders, type PoliceLoaders } from './loaders.ts';
import { recordAttributes } from './recordAttributes.ts';
import { recordIdentities } from './recordIdentities.ts';
import { policeHits } from './hits.ts';
import { resolvers } from './resolvers.ts';
import { revisable } from './revisable.ts';
import { policeAggregates } from './aggregates.ts';
import { isSeeded, seed } from './seed.ts';

/** The police force's subgraph: people known to police, incidents, intelligence, warning markers. */
export const policeSubgraph: SubgraphModule<typeof tables, PoliceLoaders> = {
  name: 'police',
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers,
  recordTypes: recordAttributes,
  auditChain: 'police',
  disclosedRecords: recordIdentities,
  hits: policeHits,
  revisable,
  aggregates: policeAggregates,
  tables,
  migrationsFolder: fileURLToPath(new URL('../drizzle', import.meta.url)),
  createLoaders,
  seed,
  isSeeded,
};
export { districts } from './seed.ts';
