import { loadSubgraphConfig, type SubgraphConfig } from '@tessera/subgraph-kit';

/** The oversight subgraph's settings; see SubgraphConfig for each variable and its default. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): SubgraphConfig {
  return loadSubgraphConfig('oversight', 4005, env);
}
