import { readFile } from 'node:fs/promises';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { importJWK, type JWK } from 'jose';
import { committedSupergraphFile } from '@tessera/gateway';
import { mintInternalToken, type RequestIdentity } from '@tessera/subgraph-kit';

/**
 * The baseline: a bare @apollo/gateway over the same subgraphs, with no authentication, no purpose,
 * no policy filter and no audit; it forwards one internal token, re-signed every 20 s, as a plain
 * header (the subgraphs accept nothing else).
 */
export async function startBareGateway(
  subgraphUrls: Record<string, string>,
  signingKeyFile: string,
  identity: RequestIdentity,
) {
  const key = await importJWK(JSON.parse(await readFile(signingKeyFile, 'utf8')) as JWK, 'EdDSA');
  const tokens = new Map<string, { token: string; at: number }>();
  const tokenFor = async (name: string) => {
    const held = tokens.get(name);
    if (held && Date.now() - held.at < 20_000) return held.token;
    const token = await mintInternalToken(identity, name, key);
    tokens.set(name, { token, at: Date.now() });
    return token;
  };
  const gateway = new ApolloGateway({
    supergraphSdl: await readFile(committedSupergraphFile, 'utf8'),
    buildService: ({ name, url }) =>
      new (class extends RemoteGraphQLDataSource {
        override async willSendRequest(
          options: Parameters<NonNullable<RemoteGraphQLDataSource['willSendRequest']>>[0],
        ) {
          options.request.http?.headers.set('authorization', `Bearer ${await tokenFor(name)}`);
        }
      })({ url: subgraphUrls[name] ?? url ?? '' }),
  });
  const server = new ApolloServer({ gateway, stopOnTerminationSignals: false });
  const { url } = await startStandaloneServer(server, { listen: { host: '127.0.0.1', port: 0 } });
  return { url, stop: () => server.stop() };
}
