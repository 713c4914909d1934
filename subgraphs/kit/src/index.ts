export { mintInternalToken, verifyInternalToken, internalAudience, internalIssuer } from './internalToken.ts';
export type { RequestIdentity } from './internalToken.ts';
export { openDatabase, createEmbeddedEngine, queryRows } from './database.ts';
export type { BulkLoader, Database, DatabaseHandle, DatabaseSource, EmbeddedEngine } from './database.ts';
export { nationalIdPattern } from './nationalId.ts';
export { hasRows } from './hasRows.ts';
export { createLogger, logLevels } from './logger.ts';
export type { Logger, LogLevel } from './logger.ts';
export { createErrorFormatter } from './formatError.ts';
export { startSubgraph, prepareDatabase } from './startSubgraph.ts';
export type { RunningSubgraph, StartSubgraphOptions } from './startSubgraph.ts';
export type { SubgraphModule, AnySubgraphModule, SubgraphContext, SeedOptions } from './subgraphModule.ts';
export { createEnvReader } from './envReader.ts';
export type { EnvReader } from './envReader.ts';
export { loadSubgraphConfig } from './subgraphConfig.ts';
export type { SubgraphConfig } from './subgraphConfig.ts';
export { runSubgraphProcess } from './runSubgraphProcess.ts';
export { createBatchWriter } from './createBatchWriter.ts';
export type { BatchWriter } from './createBatchWriter.ts';
export { groupRows, indexRows } from './groupRows.ts';
export { loadTypeDefs } from './loadTypeDefs.ts';
export { readIsoDate, readIsoTime, readInteger } from './readArguments.ts';
export { profileFor, isEmptyProfile } from './profileFor.ts';
export { keyAlgorithm, readPrivateKey, readKeySet, keySetFile } from './keys.ts';
export type { KeyInUse } from './keys.ts';
export type { EmptyProfile } from './profileFor.ts';
export { enumResolver } from './enumResolver.ts';
export type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
export { serveGraphQL, errorExchange } from './serveGraphQL.ts';
export { isReady } from './isReady.ts';
export type { ServeGraphQLOptions, ServingGraphQL, Exchange } from './serveGraphQL.ts';
export { protectSchema, recordType } from './protectSchema.ts';
export type { RecordTypes } from './protectSchema.ts';
export {
  auditTables,
  installAuditChain,
  appendAudit,
  auditPrincipal,
  verifyChain,
  recordHash,
  startCheckpoints,
  canonicalJson,
  genesisHash,
} from './audit/index.ts';
export type { AuditEntryBase, AuditPrincipal, ChainPosition, ChainVerification, Checkpointer } from './audit/index.ts';
export { DisclosureCollector, useDisclosureLog, recordIdentity, disclosuresExtension } from './audit/index.ts';
export type { RecordIdentities, RecordIdentity, DisclosedRecord } from './audit/index.ts';
