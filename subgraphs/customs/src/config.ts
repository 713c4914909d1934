import { loadSubgraphConfig, type SubgraphConfig } from '@tessera/subgraph-kit';

/** The customs's settings; see SubgraphConfig for each variable and its default. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): SubgraphConfig {
  return loadSubgraphConfig('customs', 4002, env);
}
