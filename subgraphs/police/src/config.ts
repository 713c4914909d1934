import { loadSubgraphConfig, type SubgraphConfig } from '@tessera/subgraph-kit';

/** The police's settings; see SubgraphConfig for each variable and its default. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): SubgraphConfig {
  return loadSubgraphConfig('police', 4001, env);
}
