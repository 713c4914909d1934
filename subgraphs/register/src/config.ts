import { loadSubgraphConfig, type SubgraphConfig } from '@tessera/subgraph-kit';

/** The register's settings; see SubgraphConfig for each variable and its default. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): SubgraphConfig {
  return loadSubgraphConfig('register', 4004, env);
}
