import { fileURLToPath } from 'node:url';
import { loadTypeDefs, type SubgraphModule } from '@tessera/subgraph-kit';
import type { AuditIntegrityReport } from './auditIntegrity.ts';
import { hubSchemaName, tables } from './db/schema.ts';
import { createLoaders, type OversightLoaders } from './loaders.ts';
import { createResolvers } from './resolvers/index.ts';

export const oversightTypeDefs = loadTypeDefs(new URL('./schema.graphql', import.meta.url));

/** The hub's database as the gateway opens it to write consultations: same tables, migrations, chain. */
export const hubDatabase = {
  name: 'oversight',
  tables,
  migrationsFolder: fileURLToPath(new URL('../drizzle', import.meta.url)),
  auditChain: hubSchemaName,
};

/**
 * The oversight subgraph over the hub's own database, whose consultation log the gateway writes.
 * `integrity` checks every audit chain, the owners' included (it holds their read-only connections).
 */
export function createOversightSubgraph(
  integrity: () => Promise<AuditIntegrityReport>,
): SubgraphModule<typeof tables, OversightLoaders> {
  return {
    typeDefs: oversightTypeDefs,
    resolvers: createResolvers(integrity),
    recordTypes: {},
    ...hubDatabase,
    createLoaders,
    // The log is written by use, never seeded.
    seed: async () => ({}),
    isSeeded: async () => true,
  };
}

export { hubSchemaName } from './db/schema.ts';
export { auditIntegrity, createIntegrityMonitor } from './auditIntegrity.ts';
export type { AuditChainSource, AuditChainSources, AuditIntegrityReport, IntegrityMonitor } from './auditIntegrity.ts';
