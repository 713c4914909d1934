import type { RequestIdentity } from '@tessera/subgraph-kit';

/** The gateway's per-request context. */
export interface GatewayContext {
  readonly identity: RequestIdentity;
  /** Internal tokens already minted for this request, by subgraph. */
  readonly internalTokens: Map<string, Promise<string>>;
}
