import { register } from 'node:module';

/** Whose trace context a process continues: a subgraph, the gateway's; the gateway, nobody's. */
export type IncomingTraceContext = 'continue' | 'ignore';

let stop: (() => Promise<void>) | undefined;

/**
 * Starts OpenTelemetry tracing when the standard variables ask for it (an OTLP endpoint, or an
 * OTEL_TRACES_EXPORTER other than none); otherwise does nothing. It must run before anything it
 * instruments is loaded (http, undici, pg, graphql): a main calls it first, then imports the rest.
 */
export async function startTracing(serviceName: string, incoming: IncomingTraceContext): Promise<void> {
  const env = process.env;
  const exporter = env.OTEL_TRACES_EXPORTER;
  const configured =
    exporter !== 'none' &&
    Boolean(exporter || env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
  if (!configured) return;
  // Under ESM, instrumentations patch modules only through this loader hook, registered before they load.
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);
  const { startTracingSdk } = await import('./tracingSdk.ts');
  stop = startTracingSdk(env.OTEL_SERVICE_NAME ?? serviceName, incoming);
}

/** Sends the spans still buffered, before the process exits. */
export async function stopTracing(): Promise<void> {
  await stop?.();
}
