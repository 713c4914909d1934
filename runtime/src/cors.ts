import type { IncomingMessage } from 'node:http';

/** What a browser on an allowed origin may send to the hub, and read from its answers. */
const allowedHeaders = 'authorization, content-type, x-purpose, x-justification';
const exposedHeaders = 'x-request-id, retry-after';

/**
 * The CORS headers for a request: none unless it comes from an origin on the allow-list (exact match,
 * scheme and port included; default none), so a page elsewhere cannot read the hub's answers.
 */
export function corsHeaders(request: IncomingMessage, origins: readonly string[]): [string, string][] {
  const origin = request.headers.origin;
  const vary: [string, string] = ['vary', 'origin'];
  if (typeof origin !== 'string' || !origins.includes(origin)) return origins.length > 0 ? [vary] : [];
  return [['access-control-allow-origin', origin], ['access-control-expose-headers', exposedHeaders], vary];
}

/** The answer to a browser's preflight: what it may send, for ten minutes, if its origin is allowed. */
export function preflightHeaders(request: IncomingMessage, origins: readonly string[]): [string, string][] {
  const headers = corsHeaders(request, origins);
  if (!headers.some(([name]) => name === 'access-control-allow-origin')) return headers;
  return [
    ...headers,
    ['access-control-allow-methods', 'GET, POST'],
    ['access-control-allow-headers', allowedHeaders],
    ['access-control-max-age', '600'],
  ];
}
