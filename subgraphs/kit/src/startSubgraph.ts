import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import type { Logger } from 'pino';
import {
  type DatabaseHandle,
  createErrorFormatter,
  knownOperationTypes,
  type KeyInUse,
  serveGraphQL,
  isReady,
  type SecretKey,
} from '@tessera/runtime';
import { createAuditAppender, preparing, startCheckpoints } from '@tessera/audit';
import type { JWTVerifyGetKey } from 'jose';
import { authenticateGateway } from './authenticateGateway.ts';
import { protectSchema } from './protectSchema.ts';
import { checkRepresentations } from './entityRepresentations.ts';
import { DisclosureCollector, recordIdentity, useDisclosureLog } from './disclosures.ts';
import { startOutboxRelay } from './writes/outboxRelay.ts';
import { openOwnerDesks } from './ownerDesks.ts';
import { createHitLoader, hitCheckResolvers } from './hits.ts';
import type { SubgraphContext, SubgraphModule } from './subgraphModule.ts';

/** A subgraph answers the gateway's query plans: large lists of representations, never documents. */
const maxSubgraphRequestBytes = 4 * 1024 * 1024;

export interface RunningSubgraph<Schema extends Record<string, unknown>> {
  readonly name: string;
  readonly url: string;
  readonly database: DatabaseHandle<Schema>;
  /** HTTP requests received: how a test sees that the gateway did not ask. */
  requests(): number;
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

export interface StartSubgraphOptions<Schema extends Record<string, unknown>> {
  readonly database: DatabaseHandle<Schema>;
  /** The gateway's public keys (current and next, by key id): the only signer this subgraph accepts. */
  readonly gatewayKeys: JWTVerifyGetKey;
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly logger: Logger;
  /** Signs the checkpoints of this subgraph's disclosure log (required of a subgraph that keeps one). */
  readonly auditSigningKey?: KeyInUse;
  /** How often the disclosure log's head is signed. Default 60 s. */
  readonly checkpointIntervalMs?: number;
  /** Seals the references of the hits it answers (required of a subgraph that answers hit checks). */
  readonly referenceKey?: SecretKey;
  /** The owner's clock for follow-up deadlines and grant expiry. Default the system's. */
  readonly clock?: () => Date;
  /** How long the owner has to answer a follow-up request. Default 48 h. */
  readonly followUpDeadlineHours?: number;
  /** The NATS server whose JetStream the owner's outbox is published to; unset, events wait in the outbox. */
  readonly natsUrl?: string;
}

/** Serves a subgraph over HTTP; it answers only requests that carry the gateway's internal token. */
export async function startSubgraph<Schema extends Record<string, unknown>, Loaders>(
  module: SubgraphModule<Schema, Loaders>,
  options: StartSubgraphOptions<Schema>,
): Promise<RunningSubgraph<Schema>> {
  const logger = options.logger.child({ subgraph: module.name });
  const disclosureLog = module.disclosedRecords ? module.auditChain : undefined;
  if (disclosureLog && !options.auditSigningKey)
    throw new Error(`${module.name} keeps a disclosure log: give it a signing key`);
  if (module.hits && !options.referenceKey) throw new Error(`${module.name} answers hits: give it a reference key`);
  const hitType = `${module.name[0]!.toUpperCase()}${module.name.slice(1)}Hit`;
  const resolvers = module.hits
    ? { ...module.resolvers, ...hitCheckResolvers(module.name, module.hits, options.referenceKey) }
    : module.resolvers;
  const disclosedRecords = module.hits
    ? {
        ...module.disclosedRecords,
        [hitType]: recordIdentity((hit: { subject: string }) => ({
          id: `hit/${hit.subject}`,
          nationalId: hit.subject,
        })),
      }
    : (module.disclosedRecords ?? {});
  // Apollo types resolvers with an unknown context; ours all take the context built below.
  const schema = checkRepresentations(
    buildSubgraphSchema({
      typeDefs: module.typeDefs,
      resolvers: resolvers as GraphQLResolverMap<unknown>,
    }),
  );
  // Everything the process appends to its chain outside a write's own transaction (its answers' disclosures,
  // its desks' entries) goes through one appender: what arrives together goes in one append and one commit.
  const auditLog = module.auditChain ? createAuditAppender(options.database.db, module.auditChain) : undefined;
  // A data owner (it answers hits and keeps an audit chain) has its desks and its outbox, whose tables its
  // replicas make one at a time, as they do its log's.
  const desks =
    module.hits && module.auditChain && auditLog
      ? await options.database.exclusively(preparing(module), () =>
          openOwnerDesks(
            { ...module, auditChain: module.auditChain! },
            {
              db: options.database.db,
              apiSchema: schema,
              referenceKey: options.referenceKey!,
              gatewayKeys: options.gatewayKeys,
              auditLog,
              clock: options.clock ?? (() => new Date()),
              followUpDeadlineHours: options.followUpDeadlineHours ?? 48,
              logger,
            },
          ),
        )
      : undefined;
  // Each write's event goes through the outbox to JetStream.
  const relay =
    desks && options.natsUrl
      ? await startOutboxRelay({
          db: options.database.db,
          schemaName: module.auditChain!,
          owner: module.name,
          natsUrl: options.natsUrl,
          logger,
        })
      : undefined;
  const serving = await serveGraphQL<SubgraphContext<Loaders, Schema>>({
    host: options.host,
    port: options.port,
    logger,
    service: module.name,
    maxBodyBytes: maxSubgraphRequestBytes,
    createServer: (plugins) =>
      new ApolloServer({
        schema: protectSchema(schema, module.recordTypes, disclosedRecords),
        // The process owns its signals and stops everything in order.
        stopOnTerminationSignals: false,
        introspection: false,
        includeStacktraceInErrorResponses: false,
        formatError: createErrorFormatter(),
        validationRules: [knownOperationTypes],
        logger,
        plugins: [
          ...plugins,
          ...(disclosureLog && auditLog ? [useDisclosureLog(module.name, auditLog, logger)] : []),
          ApolloServerPluginInlineTraceDisabled(),
          ApolloServerPluginLandingPageDisabled(),
        ],
      }),
    context: async (request) => {
      const identity = await authenticateGateway(request, module.name, options.gatewayKeys, logger);
      const { db } = options.database;
      return {
        ...identity,
        db,
        loaders: module.createLoaders(db),
        disclosures: new DisclosureCollector(),
        ...(module.hits ? { hits: createHitLoader(module.hits, db, identity) } : {}),
        ...(desks ? { grants: desks.grantsOf(identity.principal) } : {}),
      };
    },
    ...(desks ? { routes: desks.routes } : {}),
    ready: () => isReady(options.database.db, module.auditChain),
  });
  const checkpoints =
    disclosureLog === undefined
      ? undefined
      : startCheckpoints(
          options.database.db,
          disclosureLog,
          options.auditSigningKey!,
          options.checkpointIntervalMs ?? 60_000,
          logger,
        );
  // Stopping twice (a signal during a stop) waits for the one stop.
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      await serving.stop();
      await relay?.stop();
      await checkpoints?.stop();
    })());
  return {
    name: module.name,
    url: serving.url,
    database: options.database,
    requests: serving.requests,
    stop,
    [Symbol.asyncDispose]: stop,
  };
}
