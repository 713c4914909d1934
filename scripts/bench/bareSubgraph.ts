import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import { createLogger, openDatabase, type RequestIdentity } from '@tessera/runtime';
import { DisclosureCollector } from '@tessera/subgraph-kit';
import { subgraphs } from '@tessera/hub';
import { identityHeader } from './forwardIdentity.ts';

// The bare stack's subgraph (BENCH_SUBGRAPH names the agency): the same schema, resolvers and loaders
// over the same database, with none of the owner's side of trust: no token check (the caller's identity
// comes as a plain header), no owner rules (no graphql-shield), no disclosure log. What the hub costs
// on enforcing owners is measured against this. Like the owners, it computes no cache hints.
process.env.APOLLO_TELEMETRY_DISABLED = 'true';
const name = process.env.BENCH_SUBGRAPH ?? '';
const module = subgraphs.find((entry) => entry.module.name === name)?.module;
if (!module) throw new Error(`BENCH_SUBGRAPH must name a subgraph, not "${name}"`);
const url = process.env[`${name.toUpperCase()}_DATABASE_URL`];
if (!url) throw new Error(`${name.toUpperCase()}_DATABASE_URL is required`);
const database = await openDatabase(module.tables, { url }, createLogger('bench', 'error'));
const server = new ApolloServer({
  schema: buildSubgraphSchema({
    typeDefs: module.typeDefs,
    resolvers: module.resolvers as GraphQLResolverMap<unknown>,
  }),
  stopOnTerminationSignals: false,
  plugins: [ApolloServerPluginCacheControlDisabled()],
});
const { url: served } = await startStandaloneServer(server, {
  listen: { host: '127.0.0.1', port: 0 },
  context: async ({ req }) => ({
    ...(JSON.parse(String(req.headers[identityHeader] ?? '{}')) as RequestIdentity),
    db: database.db,
    loaders: module.createLoaders(database.db),
    disclosures: new DisclosureCollector(),
  }),
});
console.log(JSON.stringify({ msg: `bare ${name} subgraph ready`, url: served }));
process.once('SIGTERM', async () => {
  await server.stop();
  await database.close();
  process.exit(0);
});
