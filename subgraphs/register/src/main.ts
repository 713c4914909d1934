import { runSubgraphProcess } from '@tessera/subgraph-kit';
import { loadConfig } from './config.ts';
import { registerSubgraph } from './index.ts';

await runSubgraphProcess(registerSubgraph, loadConfig());
