import { startTracing } from '@tessera/runtime/tracing';

// Tracing, when configured, is set up before anything it instruments is loaded.
await startTracing('tessera-probation', 'continue');
const { runSubgraphProcess } = await import('@tessera/subgraph-kit');
const { loadConfig } = await import('./config.ts');
const { probationSubgraph } = await import('./index.ts');
await runSubgraphProcess(probationSubgraph, loadConfig());
