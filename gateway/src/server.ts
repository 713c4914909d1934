import type { IncomingMessage } from 'node:http';
import { ApolloGateway, LocalGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import {
  createErrorFormatter,
  knownOperationTypes,
  isReady,
  readPrivateKey,
  serveGraphQL,
  type DatabaseSource,
  type Exchange,
  type Logger,
} from '@tessera/runtime';
import { prepareDatabase, preparing, hubDatabase, hubSchemaName, startCheckpoints } from '@tessera/audit';
import { createConsultationLog } from './audit/createConsultationLog.ts';
import { createContractRoute } from './contract.ts';
import { createDeskClient, deskOwners } from './forward/deskClient.ts';
import { createHttpFetcher } from './forward/httpFetcher.ts';
import { createAlertStreamRoute } from './watch/alertStream.ts';
import { startAlertDispatcher } from './watch/alertDispatcher.ts';
import { watchResolvers } from './watch/watchResolvers.ts';
import { revisionResolvers } from './revisions/revisionResolvers.ts';
import { hotspotResolvers } from './hotspots/hotspotResolvers.ts';
import { createWatchStore } from './watch/watchStore.ts';
import { startWebhookDelivery } from './watch/webhooks.ts';
import { followUpResolvers } from './followUp/followUpResolvers.ts';
import { createGrantReplica } from './followUp/grantReplica.ts';
import { createBundleRoute, graphiqlBundle } from './bundleRoute.ts';
import { consoleBundle, createDemoSignInRoute, type MintDemoToken } from './console/consoleRoutes.ts';
import { refuseConsultation, useConsultationRecord } from './audit/useConsultationRecord.ts';
import { createAuthenticator } from './auth/createAuthenticator.ts';
import { disableVendorTelemetry, type GatewayConfig } from './config.ts';
import type { GatewayContext } from './context.ts';
import { InternalTokenDataSource } from './forward/InternalTokenDataSource.ts';
import { readRequestPurpose } from './readRequestPurpose.ts';
import { readSupergraph } from './readSupergraph.ts';
import { createHubSchema, hubSubgraph } from './explain/hubSubgraph.ts';
import { createPolicyGateway } from './filter/createPolicyGateway.ts';
import { usePolicy } from './filter/usePolicy.ts';
import { useGuard } from './guard/useGuard.ts';
import { loadTrustedDocuments, useTrustedDocuments } from './guard/trustedDocuments.ts';
import { createRateLimiter } from './guard/createRateLimiter.ts';
import { useHitAllowance } from './guard/useHitAllowance.ts';
import { codedError, type DisclosureGrant, type Principal } from '@tessera/policies';
import type { GraphQLSchema } from 'graphql';

/** Partner operations are documents and variables: a megabyte is far beyond any legitimate one. */
const maxRequestBytes = 1024 * 1024;

/** What a gateway started in code may be given beyond its configuration. */
export interface GatewayOptions {
  /** The hub's clock for follow-up deadlines and grant expiry (a test moves it). Default the system's. */
  readonly clock?: () => Date;
  /** The demo's identity providers: given, the console offers a sign-in page that mints their tokens. */
  readonly mintDemoToken?: MintDemoToken;
}

export interface RunningGateway {
  readonly url: string;
  /**
   * Reads the internal signing key again (SIGHUP does this for the process): after a rotation, the
   * calls of the next requests are signed with the new key, with no request refused meanwhile.
   */
  reloadKeys(): Promise<void>;
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * Starts the hub's gateway: authenticates every request before anything else, then serves the
 * supergraph composed ahead of time, forwarding each subgraph call with an internal token.
 */
export async function startGateway(
  config: GatewayConfig,
  logger: Logger,
  auditDatabase: DatabaseSource,
  options: GatewayOptions = {},
): Promise<RunningGateway> {
  const clock = options.clock ?? (() => new Date());
  let signingKey = await readPrivateKey(config.internalSigningKeyFile);
  const hubDb = await prepareDatabase(hubDatabase, auditDatabase, logger);
  const consultations = createConsultationLog(hubDb.db, hubSchemaName, logger);
  const checkpoints = startCheckpoints(
    hubDb.db,
    hubSchemaName,
    await readPrivateKey(config.auditSigningKeyFile),
    config.checkpointIntervalSeconds * 1000,
    logger,
  );
  const trustedDocuments = loadTrustedDocuments(config.trustedDocumentsDir);
  const rateLimiter = createRateLimiter(config.rateLimits, config.redisUrl, logger);
  const authenticate = createAuthenticator(config.trustedIssuers, config.allowedAlgorithms, config.jwks, logger);
  // Each subgraph's address as the gateway calls it: for the follow-up desks, outside query plans.
  const subgraphUrls: Record<string, string> = {};
  const deskFetcher = createHttpFetcher(config.subgraphTimeoutMs);
  const deskClient = (desk: string) =>
    createDeskClient(
      desk,
      () => subgraphUrls,
      () => signingKey,
      deskFetcher,
      logger,
    );
  // The gateway's own tables (grants, watches, webhook deliveries): made by one replica at a time, like the log.
  const { grants, watches, webhooks } = await hubDb.exclusively(preparing(hubDatabase), async () => {
    const watchStore = await createWatchStore(hubDb.db, hubSchemaName, clock);
    return {
      grants: await createGrantReplica(hubDb.db, hubSchemaName, clock),
      watches: watchStore,
      webhooks: await startWebhookDelivery({
        db: hubDb.db,
        schemaName: hubSchemaName,
        webhooks: config.alertWebhooks,
        retries: config.webhookRetries,
        store: watchStore,
        logger,
      }),
    };
  });
  const followUps = followUpResolvers(deskClient('follow-up'), grants);
  const alerts = config.natsUrl
    ? await startAlertDispatcher({
        natsUrl: config.natsUrl,
        owners: deskOwners,
        store: watches,
        release: deskClient('alert'),
        consultations,
        delivered: webhooks.enqueue,
        logger,
      })
    : undefined;
  /** Every request, GraphQL or stream, takes from its principal's and agency's allowances first. */
  const withinRate = async (principal: Principal) => {
    const wait = await rateLimiter.take(principal);
    if (wait > 0) {
      throw codedError('RATE_LIMITED', `Too many requests; retry in ${wait} s.`, {
        refuseRequest: true,
        headers: { 'retry-after': String(wait) },
      });
    }
  };
  /**
   * A request refused before anything read it (a body that is not JSON, a path nobody serves: no answer
   * drafted) still names its caller in the trail when the token is good; one whose token was read and
   * refused is left as it is, and not refused twice in the log.
   */
  const nameCaller = async (request: IncomingMessage, exchange: Exchange) => {
    const draft = consultations.begin(request);
    const { authorization } = request.headers;
    if (draft.principal || draft.answer || !authorization || exchange.code === 'UNAUTHENTICATED') return;
    const principal = await authenticate(authorization, draft.requestId).catch(() => undefined);
    if (principal) draft.principal = principal;
  };
  const alertStream = createAlertStreamRoute({
    authenticate,
    withinRate,
    consultations,
    store: watches,
    feed: () => alerts?.feed,
    limits: config.limits,
    logger,
    hubTypeDefs: hubSubgraph.typeDefs,
  });
  let apiSchema: GraphQLSchema | undefined;
  const hubSchema = createHubSchema(
    () => apiSchema,
    config.limits.maxTokens,
    followUps,
    watchResolvers(watches, webhooks),
    revisionResolvers(deskClient('records')),
    hotspotResolvers(deskClient('aggregates')),
  );
  disableVendorTelemetry();
  const gateway = createPolicyGateway(
    new ApolloGateway({
      supergraphSdl: await readSupergraph(config.supergraphFile),
      buildService: ({ name, url }) => {
        if (name === hubSubgraph.name) return new LocalGraphQLDataSource(hubSchema);
        subgraphUrls[name] = config.subgraphUrls[name] ?? url ?? '';
        return new InternalTokenDataSource(
          name,
          subgraphUrls[name],
          () => signingKey,
          config.subgraphTimeoutMs,
          logger,
        );
      },
      logger,
    }),
  );
  gateway.onSchemaLoadOrUpdate((loaded) => {
    apiSchema = loaded.apiSchema;
  });
  const serving = await serveGraphQL<GatewayContext>({
    host: config.host,
    port: config.port,
    logger,
    maxBodyBytes: maxRequestBytes,
    createServer: (plugins) =>
      new ApolloServer<GatewayContext>({
        gateway,
        // The process owns its signals and stops everything in order.
        stopOnTerminationSignals: false,
        // Allowed here, refused by the guard to all but hub administrators.
        introspection: true,
        parseOptions: { maxTokens: config.limits.maxTokens },
        persistedQueries: { cache: trustedDocuments.cache, ttl: null },
        includeStacktraceInErrorResponses: false,
        formatError: createErrorFormatter(),
        validationRules: [knownOperationTypes],
        logger,
        plugins: [
          ...plugins,
          useTrustedDocuments(trustedDocuments),
          useGuard(config.limits),
          usePolicy(),
          useHitAllowance(rateLimiter),
          useConsultationRecord(),
          ApolloServerPluginLandingPageDisabled(),
        ],
      }),
    context: async (request, body) => {
      const consultation = consultations.begin(request);
      try {
        const principal = await authenticate(request.headers.authorization, consultation.requestId);
        consultation.principal = principal;
        trustedDocuments.admit(body);
        await withinRate(principal);
        const { purpose, justification } = readRequestPurpose(request.headers);
        consultation.purpose = purpose;
        consultation.justification = justification;
        return {
          identity: { principal, purpose, justification, requestId: consultation.requestId },
          internalTokens: new Map(),
          consultation,
          grants: (() => {
            let read: Promise<readonly DisclosureGrant[]> | undefined;
            return () => (read ??= grants.inForce(principal));
          })(),
        };
      } catch (error) {
        return refuseConsultation(consultation, error);
      }
    },
    service: 'gateway',
    corsOrigins: config.corsOrigins,
    routes: {
      'GET /contract': createContractRoute(() => apiSchema, authenticate, consultations),
      'GET /graphiql': createBundleRoute(graphiqlBundle(config.graphiqlDir)),
      'GET /console': createBundleRoute(
        consoleBundle(config.consoleDir, {
          demo: options.mintDemoToken !== undefined,
          oidc: config.consoleOidc ?? null,
        }),
      ),
      ...(options.mintDemoToken
        ? { 'POST /console/sign-in': createDemoSignInRoute(options.mintDemoToken, authenticate, consultations) }
        : {}),
      'GET /graphql/stream': alertStream,
      'POST /graphql/stream': alertStream,
    },
    requestId: (request) => consultations.begin(request).requestId,
    describe: (request) => consultations.describe(request),
    finish: async (request, exchange) => {
      await nameCaller(request, exchange);
      return consultations.finish(request, exchange);
    },
    // Not ready while the audit store is unreachable: every request would be refused anyway.
    ready: () => isReady(hubDb.db, hubSchemaName),
  });
  // Stopping twice (a signal during a stop) waits for the one stop.
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      await serving.stop();
      await alerts?.stop();
      await webhooks.stop();
      await checkpoints.stop();
      await rateLimiter.close();
      await hubDb.close();
    })());
  const reloadKeys = async () => {
    signingKey = await readPrivateKey(config.internalSigningKeyFile);
    logger.info({ kid: signingKey.kid }, 'internal signing key reloaded');
  };
  return { url: serving.url, reloadKeys, stop, [Symbol.asyncDispose]: stop };
}
