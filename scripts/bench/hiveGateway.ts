import { readFile } from 'node:fs/promises';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { committedSupergraphFile } from '@tessera/gateway';
import {
  createIdentityForwarder,
  identityHeader,
  signingKeyFileFromEnv,
  subgraphUrlsFromEnv,
} from './forwardIdentity.ts';

// The reference peer: Hive Gateway's runtime (the engine of @graphql-hive/gateway) serving the same
// supergraph with no policy and no audit, forwarding the caller's identity header as a signed token.
interface FetchHook {
  readonly url: string;
  readonly options: { readonly headers?: Record<string, string> };
  setOptions(options: { readonly headers: Record<string, string> }): void;
  readonly context: { readonly headers?: Record<string, string> };
}
interface HiveRuntime {
  createGatewayRuntime(config: {
    supergraph: string;
    transports: { http: Promise<unknown> };
    transportEntries: Record<string, { options: { deduplicateInflightRequests: boolean } }>;
    logging: string;
    plugins: () => { onFetch(hook: FetchHook): Promise<void> }[];
    unifiedGraphHandler?: unknown;
  }): RequestListener & { dispose(): Promise<void> };
}
// Loaded by names the compiler does not follow: the runtime's declarations augment graphql's error
// extensions globally (graphql-yoga's `http.headers` as a record), which would retype Apollo's header
// map in our own error registry. The few members used here are typed above. The HTTP transport is
// handed over because the runtime would look for it from its own folder, where pnpm does not put it.
const runtimeModule: string = '@graphql-hive/gateway-runtime';
const httpTransportModule: string = '@graphql-mesh/transport-http';
const { createGatewayRuntime } = (await import(runtimeModule)) as HiveRuntime;
// HIVE_QUERY_PLANNER=rust: the runtime plans with Hive Router's query planner (native, in Rust).
const routerRuntimeModule: string = '@graphql-hive/router-runtime';
const rustPlanner =
  process.env.HIVE_QUERY_PLANNER === 'rust'
    ? {
        unifiedGraphHandler: ((await import(routerRuntimeModule)) as { unifiedGraphHandler: unknown })
          .unifiedGraphHandler,
      }
    : {};

const urls = subgraphUrlsFromEnv();
const tokenFor = await createIdentityForwarder(signingKeyFileFromEnv());
let supergraph = await readFile(committedSupergraphFile, 'utf8');
const subgraphByUrl = new Map<string, string>();
for (const [name, url] of Object.entries(urls)) {
  supergraph = supergraph.replace(new RegExp(`(@join__graph\\(name: "${name}", url: )"[^"]*"`), `$1"${url}"`);
  subgraphByUrl.set(url, name);
}
const gateway = createGatewayRuntime({
  supergraph,
  transports: { http: import(httpTransportModule) },
  // By default identical subgraph calls in flight at once share one answer; the hub cannot (each call
  // carries its own consultation's token and is logged by the owner), so the peer does the same work.
  transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } },
  logging: 'error',
  ...rustPlanner,
  plugins: () => [
    {
      async onFetch({ url, options, setOptions, context }) {
        const subgraph = subgraphByUrl.get(url);
        const identity = context.headers?.[identityHeader];
        if (!subgraph || !identity) return;
        const authorization = `Bearer ${await tokenFor(identity, subgraph)}`;
        setOptions({ ...options, headers: { ...options.headers, authorization } });
      },
    },
  ],
});
const server = createServer(gateway);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;
console.log(JSON.stringify({ msg: 'hive gateway ready', url: `http://127.0.0.1:${port}/graphql` }));
process.once('SIGTERM', async () => {
  server.close();
  await gateway.dispose();
  process.exit(0);
});
