import { runProcess } from '@tessera/runtime/tracing';

// Tracing, when configured, is set up before anything it instruments is loaded. A partner's trace
// context is not continued: each request starts its own trace, whose id is the request's id.
await runProcess('tessera-gateway', 'ignore', () => import('./runGateway.ts'));
