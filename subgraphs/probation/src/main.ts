import { runProcess } from '@tessera/runtime/tracing';

// Tracing, when configured, is set up before anything it instruments is loaded.
await runProcess('tessera-probation', 'continue', async () => {
  const { runSubgraphProcess } = await import('@tessera/subgraph-kit');
  const { loadConfig } = await import('./config.ts');
  const { probationSubgraph } = await import('./index.ts');
  await runSubgraphProcess(probationSubgraph, loadConfig());
});
