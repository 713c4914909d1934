import { loadSubgraphConfig, type SubgraphConfig } from '@tessera/subgraph-kit';

/** The probation's settings; see SubgraphConfig for each variable and its default. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): SubgraphConfig {
  return loadSubgraphConfig('probation', 4003, env);
}
