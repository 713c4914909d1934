import type { IncomingMessage } from 'node:http';
import { randomBytes } from 'node:crypto';
import { isSpanContextValid, trace } from '@opentelemetry/api';

/** What every line logged about a request says of it. */
export interface RequestScope {
  /** The request's id: the trace id of its W3C trace context (32 lowercase hex digits). */
  requestId: string;
}

// Kept by request, and each line about a request names it from here. Not in an AsyncLocalStorage: on
// Node 20 one in use runs a hook at every promise the process makes, and an owner makes one or more for
// every field of every record it answers (a fifth of an owner's CPU on a long list, measured).
const scopes = new WeakMap<IncomingMessage, RequestScope>();

/** Starts the scope of a request, known by `requestId` until someone who knows better changes it. */
export function openRequestScope(request: IncomingMessage, requestId: string): RequestScope {
  const scope = { requestId };
  scopes.set(request, scope);
  return scope;
}

/** The scope of a request being served here. */
export function requestScopeOf(request: IncomingMessage): RequestScope | undefined {
  return scopes.get(request);
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
