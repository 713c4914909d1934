import { runSubgraphProcess } from '@tessera/subgraph-kit';
import { loadConfig } from './config.ts';
import { probationSubgraph } from './index.ts';

await runSubgraphProcess(probationSubgraph, loadConfig());
