import { IncomingMessage } from 'node:http';
import { type Context, type TextMapGetter, type TextMapPropagator, type TextMapSetter } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { NodeSDK } from '@opentelemetry/sdk-node';

/** Whose trace context a process continues: a subgraph, the gateway's; the gateway, nobody's. */
export type IncomingTraceContext = 'continue' | 'ignore';

/**
 * The gateway starts a new trace for every partner request: a client's `traceparent` would let it
 * choose the request id under which the trail records its consultation. It still passes its own
 * context on to the subgraphs.
 */
class InjectOnlyPropagator implements TextMapPropagator {
  readonly #w3c = new W3CTraceContextPropagator();
  inject(current: Context, carrier: unknown, setter: TextMapSetter): void {
    this.#w3c.inject(current, carrier, setter);
  }
  extract(current: Context, _carrier: unknown, _getter: TextMapGetter): Context {
    return current;
  }
  fields(): string[] {
    return this.#w3c.fields();
  }
}

/** The SDK itself, loaded only when tracing is configured: exporter and sampler from the OTEL_* variables. */
export function startTracingSdk(serviceName: string, incoming: IncomingTraceContext): () => Promise<void> {
  const sdk = new NodeSDK({
    serviceName,
    textMapPropagator: incoming === 'continue' ? new W3CTraceContextPropagator() : new InjectOnlyPropagator(),
    instrumentations: [
      new HttpInstrumentation({
        // A GET query carries the operation and its variables in the URL: spans keep the path only.
        requestHook: (span, request) => {
          if (!(request instanceof IncomingMessage)) return;
          const path = (request.url ?? '/').split('?')[0] ?? '/';
          span.setAttribute('http.target', path);
          span.setAttribute('url.path', path);
          span.setAttribute('url.query', '');
          span.setAttribute('http.url', path);
        },
      }),
      new UndiciInstrumentation(),
      new PgInstrumentation(),
      // allowValues false (the default): literals in the operation's text are recorded as `*`.
      new GraphQLInstrumentation({ mergeItems: true, ignoreTrivialResolveSpans: true }),
    ],
  });
  sdk.start();
  return () => sdk.shutdown();
}
