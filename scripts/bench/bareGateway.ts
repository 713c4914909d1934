import { readFile } from 'node:fs/promises';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import type { Fetcher } from '@apollo/utils.fetcher';
import { committedSupergraphFile } from '@tessera/gateway';
import {
  createIdentityForwarder,
  identityHeader,
  signingKeyFileFromEnv,
  subgraphUrlsFromEnv,
} from './forwardIdentity.ts';

// Baseline (a): a bare @apollo/gateway over the same subgraphs, with no authentication, no purpose,
// no policy filter and no audit; it forwards the caller's identity header as a signed token. It calls the
// subgraphs through Node's fetch, as the hub does: the default (make-fetch-happen) reuses keep-alive
// sockets the subgraph has just closed after 5 idle seconds, which reset a request mid-run.
interface Context {
  readonly identity: string;
}
// Like the hub, it sends nothing to its vendor (and spends nothing on a metrics exporter).
process.env.APOLLO_TELEMETRY_DISABLED = 'true';
const urls = subgraphUrlsFromEnv();
// BENCH_PLAIN_IDENTITY=true: in front of the bare stack's subgraphs (scripts/bench/bareSubgraph.ts).
const plainIdentity = process.env.BENCH_PLAIN_IDENTITY === 'true';
const tokenFor = await createIdentityForwarder(signingKeyFileFromEnv());
const gateway = new ApolloGateway({
  supergraphSdl: await readFile(committedSupergraphFile, 'utf8'),
  buildService: ({ name, url }) =>
    new (class extends RemoteGraphQLDataSource<Context> {
      override async willSendRequest({
        request,
        context,
      }: Parameters<NonNullable<RemoteGraphQLDataSource<Context>['willSendRequest']>>[0]) {
        // The bare stack's subgraphs check no token: the identity goes to them as it came.
        if (plainIdentity) request.http?.headers.set(identityHeader, context.identity);
        else request.http?.headers.set('authorization', `Bearer ${await tokenFor(context.identity, name)}`);
      }
    })({ url: urls[name] ?? url ?? '', fetcher: fetch as unknown as Fetcher }),
});
const server = new ApolloServer<Context>({ gateway, stopOnTerminationSignals: false });
const { url } = await startStandaloneServer(server, {
  listen: { host: '127.0.0.1', port: 0 },
  context: async ({ req }) => ({ identity: String(req.headers[identityHeader] ?? '{}') }),
});
console.log(JSON.stringify({ msg: 'bare gateway ready', url }));
process.once('SIGTERM', async () => {
  await server.stop();
  process.exit(0);
});
