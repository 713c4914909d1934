import { runSubgraphProcess } from '@tessera/subgraph-kit';
import { loadConfig } from './config.ts';
import { policeSubgraph } from './index.ts';

await runSubgraphProcess(policeSubgraph, loadConfig());
