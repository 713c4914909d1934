import { runProcess } from '@tessera/runtime/tracing';

// Tracing, when configured, is set up before anything it instruments is loaded.
await runProcess('tessera-customs', 'continue', async () => {
  const { runSubgraphProcess } = await import('@tessera/subgraph-kit');
  const { loadConfig } = await import('./config.ts');
  const { customsSubgraph } = await import('./index.ts');
  await runSubgraphProcess(customsSubgraph, loadConfig());
});
