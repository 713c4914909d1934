import { runProcess } from '@tessera/runtime/tracing';

// Tracing, when configured, is set up before anything it instruments is loaded.
await runProcess('tessera-oversight', 'continue', () => import('./runOversight.ts'));
