import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { isSpanContextValid, trace } from '@opentelemetry/api';

/** What every line logged while a request is served says about it. */
export interface RequestScope {
  /** The request's id: the trace id of its W3C trace context (32 lowercase hex digits). */
  requestId: string;
}

const scope = new AsyncLocalStorage<RequestScope>();

/** Runs `work` as part of one request: log lines written meanwhile carry its id. */
export function inRequestScope<T>(requestScope: RequestScope, work: () => T): T {
  return scope.run(requestScope, work);
}

/** The request being served here, if any. */
export function currentRequestScope(): RequestScope | undefined {
  return scope.getStore();
}

/** The id of a new request: the trace id of its span when it is traced, else a fresh one of that form. */
export function newRequestId(): string {
  const span = trace.getActiveSpan()?.spanContext();
  return span && isSpanContextValid(span) ? span.traceId : randomBytes(16).toString('hex');
}

const traceparentPattern = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;

/** The trace id of a W3C `traceparent` header, when it is well-formed and not the all-zero id. */
export function traceIdOf(traceparent: string | string[] | undefined): string | undefined {
  const match = typeof traceparent === 'string' ? traceparentPattern.exec(traceparent.trim()) : null;
  const traceId = match?.[1];
  return traceId && !/^0+$/.test(traceId) && !/^0+$/.test(match[2]!) ? traceId : undefined;
}

/** An `X-Request-Id` in the form of a trace id, as the gateway sends it to a subgraph. */
export function requestIdOf(header: string | string[] | undefined): string | undefined {
  return typeof header === 'string' && /^[0-9a-f]{32}$/.test(header) ? header : undefined;
}
