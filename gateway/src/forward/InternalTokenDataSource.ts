import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { mintInternalToken, type KeyInUse, type Logger } from '@tessera/runtime';
import { disclosuresExtension, type DisclosedRecord } from '@tessera/audit';
import type { GatewayContext } from '../context.ts';
import { createHttpFetcher } from './httpFetcher.ts';
import { unanswered } from './unanswered.ts';

/**
 * Sends a subgraph its part of a query plan with an internal token minted for that subgraph alone.
 * Anything that is not a client's operation (the gateway's own schema or health checks) goes without
 * a token, and the subgraph refuses it: the supergraph is composed ahead of time, so nothing needs it.
 */
type DidReceiveResponse = Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>>[0];

export class InternalTokenDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  readonly #subgraph: string;
  /** The key in use now: read at each request, so a rotation takes effect without a restart. */
  readonly #signingKey: () => KeyInUse;

  readonly #logger: Logger;

  constructor(subgraph: string, url: string, signingKey: () => KeyInUse, timeoutMs: number, logger: Logger) {
    // A deadline per call: a slow agency costs its own part of the answer, no more.
    super({ url, fetcher: createHttpFetcher(timeoutMs) });
    this.#subgraph = subgraph;
    this.#signingKey = signingKey;
    this.#logger = logger;
  }

  /** A subgraph that fails or is late costs its part only: null, with an error naming the agency. */
  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    try {
      return await super.process(options);
    } catch (error) {
      // Only a client's operation has a request to name.
      const requestId = 'incomingRequestContext' in options ? options.context.identity.requestId : undefined;
      throw unanswered(
        this.#logger,
        { subgraph: this.#subgraph, requestId },
        error,
        `The ${this.#subgraph} service did not answer; its part is missing.`,
      );
    }
  }

  override async willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    // Only a client's operation carries the incoming request (the kind enum is not exported).
    if (!('incomingRequestContext' in options)) return;
    const { context } = options;
    // One token per subgraph per request: a plan that calls a subgraph twice reuses it.
    let token = context.internalTokens.get(this.#subgraph);
    if (!token) {
      token = mintInternalToken(context.identity, this.#subgraph, this.#signingKey());
      context.internalTokens.set(this.#subgraph, token);
    }
    options.request.http?.headers.set('authorization', `Bearer ${await token}`);
    // The owner's log lines carry the same id as the hub's (its disclosure log takes it from the token).
    options.request.http?.headers.set('x-request-id', context.identity.requestId);
  }

  /** Takes the owner's report of what it released, for the consultation record; the client never sees it. */
  override didReceiveResponse({
    response,
    context,
  }: DidReceiveResponse): ReturnType<NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>> {
    const extensions = response.extensions as Record<string, unknown> | undefined;
    const reported = extensions?.[disclosuresExtension];
    if (Array.isArray(reported)) context.consultation.disclosed.push(...(reported as DisclosedRecord[]));
    if (extensions) delete extensions[disclosuresExtension];
    return response;
  }
}
