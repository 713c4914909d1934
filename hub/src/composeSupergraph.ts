import { composeServices } from '@apollo/composition';
import type { GraphQLSchema } from 'graphql';
import { hubSubgraph } from '@tessera/gateway';
import { oversightTypeDefs } from '@tessera/oversight';
import { subgraphs } from './subgraphs.ts';

/**
 * Composes the supergraph from the subgraphs' schemas, as committed in gateway/supergraph.graphql.
 * The URLs are each subgraph's default address; a deployment overrides them with SUBGRAPH_URLS.
 */
export function composeSupergraph(): string {
  return compose().supergraphSdl;
}

/** The API the gateway serves (the supergraph without its federation machinery), as graphql-js reads it. */
export function composeApiSchema(): GraphQLSchema {
  return compose().schema.toAPISchema().toGraphQLJSSchema();
}

function compose() {
  const result = composeServices([
    ...subgraphs.map(({ module, port }) => ({
      name: module.name,
      typeDefs: module.typeDefs,
      url: `http://127.0.0.1:${port}/`,
    })),
    { name: 'oversight', typeDefs: oversightTypeDefs, url: 'http://127.0.0.1:4005/' },
    // Answered inside the gateway; this URL is never called.
    { name: hubSubgraph.name, typeDefs: hubSubgraph.typeDefs, url: 'http://127.0.0.1:4000/hub' },
  ]);
  if (result.errors) {
    throw new Error(`The subgraphs do not compose:\n${result.errors.map((error) => `- ${error.message}`).join('\n')}`);
  }
  return result;
}
