import { register } from 'node:module';
import { runMain } from '../envReader.ts';
import { loadTracingConfig } from './config.ts';
import type { IncomingTraceContext } from './sdk.ts';

let stop: (() => Promise<void>) | undefined;

/**
 * Starts OpenTelemetry tracing when the standard variables ask for it (an OTLP endpoint, or an
 * OTEL_TRACES_EXPORTER other than none); otherwise does nothing. It must run before anything it
 * instruments is loaded (http, undici, pg, graphql): a main calls it first, then imports the rest.
 */
async function startTracing(serviceName: string, incoming: IncomingTraceContext): Promise<void> {
  const config = loadTracingConfig();
  if (!config.enabled) return;
  // Under ESM, instrumentations patch modules only through this loader hook, registered before they load.
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);
  const { startTracingSdk } = await import('./sdk.ts');
  stop = startTracingSdk(config.serviceName ?? serviceName, incoming);
}

/**
 * A deployable's main: tracing first (when configured), then the process itself, loaded only now, by
 * `runMain` (a problem its operator can mend is told as its message alone, exit code 2).
 */
export async function runProcess(
  serviceName: string,
  incoming: IncomingTraceContext,
  load: () => Promise<unknown>,
): Promise<void> {
  await startTracing(serviceName, incoming);
  await runMain(load);
}

/** Sends the spans still buffered, before the process exits. */
export async function stopTracing(): Promise<void> {
  await stop?.();
}
