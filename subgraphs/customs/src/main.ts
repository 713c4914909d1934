import { runSubgraphProcess } from '@tessera/subgraph-kit';
import { loadConfig } from './config.ts';
import { customsSubgraph } from './index.ts';

await runSubgraphProcess(customsSubgraph, loadConfig());
