export { mintInternalToken, verifyInternalToken, internalAudience, internalIssuer } from './internalToken.ts';
export type { RequestIdentity } from './internalToken.ts';
export { keyAlgorithm, readPrivateKey, readKeySet, readSecretKey, keySetFile } from './keys.ts';
export type { KeyInUse, SecretKey } from './keys.ts';
export { openDatabase, connectClient, createEmbeddedEngine, queryRows, checkedSchemaName } from './database.ts';
export type { BulkLoader, Database, DatabaseHandle, DatabaseSource, EmbeddedEngine } from './database.ts';
export { createBatchWriter } from './createBatchWriter.ts';
export type { BatchWriter } from './createBatchWriter.ts';
export { isReady } from './isReady.ts';
export { createLogger, logLevels } from './logger.ts';
export type { Logger, LogLevel } from './logger.ts';
export { ConfigurationError, createEnvReader, reasonOf, runMain } from './envReader.ts';
export type { EnvReader } from './envReader.ts';
export { createErrorFormatter, logIfMasked } from './formatError.ts';
export { knownOperationTypes } from './knownOperationTypes.ts';
export { serveGraphQL, errorExchange, graphqlRequestOf, jsonExchange, refusalExchange } from './serveGraphQL.ts';
export type { ServeGraphQLOptions, ServingGraphQL, Exchange } from './serveGraphQL.ts';
export { loadTypeDefs } from './loadTypeDefs.ts';
export type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
export { nationalIdPattern } from './nationalId.ts';
export { headerText } from './clientText.ts';
export { parseIsoTime, readIsoDate, readIsoTime, readInteger } from './readArguments.ts';
export { metrics, metricsRegistry, timedAppend } from './metrics.ts';
export { newRequestId, requestScopeOf, traceIdOf } from './requestScope.ts';
export type { RequestScope } from './requestScope.ts';
export { connectToBroker, ensureOwnerStream, ownerStream } from './ownerStream.ts';
export type { EventRecipient, OwnerEvent } from './ownerStream.ts';
export type {
  AggregateSource,
  ForecastAnswer,
  HotspotAnswer,
  HotspotCell,
  TrendAnswer,
  TrendCell,
} from './aggregateAnswers.ts';
