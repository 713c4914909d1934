import { startTracing } from '@tessera/runtime/tracing';

// Tracing, when configured, is set up before anything it instruments is loaded.
await startTracing('tessera-oversight', 'continue');
await import('./runOversight.ts');
