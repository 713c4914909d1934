import type { DisclosureRequestView, SubgraphModule } from '@tessera/subgraph-kit';
import { loadTypeDefs } from '@tessera/runtime';
import { hubDatabase, type AuditIntegrityReport, type HubLogTables } from '@tessera/audit';
import { createLoaders, type OversightLoaders } from './loaders.ts';
import { createResolvers } from './resolvers/index.ts';

export const oversightTypeDefs = loadTypeDefs(new URL('./schema.graphql', import.meta.url));

/**
 * The oversight subgraph over the hub's own database, whose consultation log the gateway writes.
 * `integrity` checks every audit chain, the owners' included (it holds their read-only connections);
 * `followUps` reads every owner's follow-up queue through the same connections.
 */
export function createOversightSubgraph(
  integrity: () => Promise<AuditIntegrityReport>,
  followUps: () => Promise<readonly DisclosureRequestView[]>,
): SubgraphModule<HubLogTables, OversightLoaders> {
  return {
    typeDefs: oversightTypeDefs,
    resolvers: createResolvers(integrity, followUps),
    recordTypes: {},
    ...hubDatabase,
    createLoaders,
    // The log is written by use, never seeded.
    seed: async () => ({}),
    isSeeded: async () => true,
  };
}
