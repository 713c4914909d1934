import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { isUtf8Query, utf8Text } from './clientText.ts';
import { corsHeaders, preflightHeaders } from './cors.ts';
import { ConfigurationError } from './envReader.ts';
import { metrics, metricsRegistry } from './metrics.ts';
import { logIfMasked, useMaskedErrorLog } from './formatError.ts';
import { newRequestId, openRequestScope, requestIdOf, traceIdOf, type RequestScope } from './requestScope.ts';
import { useStorableInput } from './useStorableInput.ts';

export interface ServeGraphQLOptions<Context extends BaseContext & object> {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly logger: Logger;
  /** The part this server is (gateway, police...): its label in the process's metrics. */
  readonly service: string;
  /**
   * The request's id, from its first moment. Default: the trace id of the caller's `traceparent`, or its
   * `X-Request-Id` when that has the same form (the gateway's, for a subgraph), or a fresh one.
   */
  requestId?(request: IncomingMessage): string;
  /** What the access log line says of a request beyond its id, status and duration (agency, purpose...). */
  describe?(request: IncomingMessage): Record<string, unknown>;
  /**
   * Further routes this server answers, keyed `METHOD /path` (what lies under the path included): the
   * gateway's contract and IDE, an owner's follow-up desk. Each gets the request and its body (bounded).
   */
  readonly routes?: Readonly<Record<string, (request: IncomingMessage, body: string) => Promise<Exchange>>>;
  /** Origins whose pages may call this server from a browser (CORS). Default none. */
  readonly corsOrigins?: readonly string[];
  /** Bodies larger than this are refused with 413 before they are parsed. */
  readonly maxBodyBytes: number;
  /** Builds the Apollo Server, given the plugins every server needs (draining on stop, storable input). */
  createServer(plugins: ApolloServerPlugin<Context>[]): ApolloServer<Context>;
  /**
   * Builds the request's context from the request and its parsed body (if JSON); an error thrown here
   * refuses the request with its code and status.
   */
  context(request: IncomingMessage, body: unknown): Promise<Context>;
  /** Whether the process can serve now (its database, its audit store): GET /ready answers 200 or 503. */
  ready(): Promise<boolean>;
  /** Sees every answer before it is sent, and may replace it (the gateway's audit: no record, no data). */
  finish?(request: IncomingMessage, exchange: Exchange): Promise<Exchange | undefined>;
}

export interface ServingGraphQL {
  readonly url: string;
  /** HTTP requests received since the server started. */
  requests(): number;
  stop(): Promise<void>;
}

/**
 * Serves an Apollo Server over node:http. Every answer is GraphQL-shaped JSON with a code, including
 * malformed JSON and oversized bodies, which a generic HTTP framework answers with an HTML page.
 */
export async function serveGraphQL<Context extends BaseContext & object>(
  options: ServeGraphQLOptions<Context>,
): Promise<ServingGraphQL> {
  const httpServer = createServer();
  const server = options.createServer([
    ApolloServerPluginDrainHttpServer({ httpServer }),
    useStorableInput(),
    useMaskedErrorLog<Context>(options.logger, (context) => scopeOfContext(context)?.requestId),
    // Apollo Server's cache hints, on by default, wrap every field's resolver to work out how long an
    // answer may be cached: a tenth to a fifth of an owner's CPU on a long list, for answers that no
    // cache may keep at all (below).
    ApolloServerPluginCacheControlDisabled(),
  ]);
  // Streams never end by themselves: stopping ends them first, so the server does not wait on them.
  const streams = new Set<AbortController>();
  await server.start();
  let requests = 0;
  httpServer.on('request', (request, response) => {
    requests++;
    const requestId =
      options.requestId?.(request) ??
      traceIdOf(request.headers.traceparent) ??
      requestIdOf(request.headers['x-request-id']) ??
      newRequestId();
    const scope = openRequestScope(request, requestId);
    response.setHeader('x-request-id', requestId);
    // Answers hold people's records and credentials: no browser or proxy keeps them. A route whose
    // answer may be kept (the console's built files) says so itself.
    response.setHeader('cache-control', 'no-store');
    for (const [name, value] of corsHeaders(request, options.corsOrigins ?? [])) response.setHeader(name, value);
    void handle(server, options, { request, scope }, response, streams).catch((error: unknown) => {
      options.logger.error({ err: error, requestId: scope.requestId }, 'request failed outside GraphQL');
      if (!response.headersSent) {
        const failed = errorExchange(500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
        for (const [name, value] of failed.headers) response.setHeader(name, value);
        response.statusCode = failed.status;
        response.end(failed.body);
      } else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, () => resolve());
  }).catch(async (error: NodeJS.ErrnoException) => {
    await server.stop();
    throw listenError(error, options);
  });
  const { address, port } = httpServer.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}/`,
    requests: () => requests,
    stop: () => {
      for (const stream of streams) stream.abort();
      return server.stop();
    },
  };
}

/** Why a process may not have its address, in its operator's words: the setting to change. */
const listenProblems: Readonly<Record<string, string>> = {
  EADDRINUSE: 'the port is in use: stop what holds it, or choose another with TESSERA_PORT',
  EACCES: 'the port needs privileges this process has not: choose another with TESSERA_PORT',
  EADDRNOTAVAIL: "the address is not one of this machine's: choose another with TESSERA_HOST",
  ENOTFOUND: 'the host name is not known: choose another with TESSERA_HOST',
};

function listenError(error: NodeJS.ErrnoException, { host, port }: { host: string; port: number }): Error {
  const problem = error.code === undefined ? undefined : listenProblems[error.code];
  return problem ? new ConfigurationError(`Cannot listen on ${host}:${port}: ${problem} (${error.code}).`) : error;
}

/** A request being served, with its scope. */
interface Served {
  readonly request: IncomingMessage;
  readonly scope: RequestScope;
}

// Apollo Server gives plugins a shallow copy of the context a request was made with: the request's scope
// goes with it as an enumerable property (copied), under a symbol (which neither JSON nor a resolver reads).
const scopeKey = Symbol('requestScope');

function scopeOfContext(context: object): RequestScope | undefined {
  return (context as { [scopeKey]?: RequestScope })[scopeKey];
}

async function handle<Context extends BaseContext & object>(
  server: ApolloServer<Context>,
  options: ServeGraphQLOptions<Context>,
  served: Served,
  response: ServerResponse,
  streams: Set<AbortController>,
): Promise<void> {
  const { request, scope } = served;
  const started = performance.now();
  // A failure while answering is still an answer: a coded 500, recorded like any other.
  const exchange = await respond(server, options, served).catch((error: unknown) => {
    options.logger.error({ err: error, requestId: scope.requestId }, 'request failed while being answered');
    return errorExchange(500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
  });
  if (exchange.cause !== undefined) logIfMasked(options.logger, scope.requestId, exchange.cause);
  // Probes read no data: they are not consultations, and not worth a log line each.
  if (exchange.probe) return send(response, exchange);
  const final = (await options.finish?.(request, exchange)) ?? exchange;
  send(response, final);
  if (final.stream) void stream(response, final.stream, streams, options.logger, scope);
  const seconds = (performance.now() - started) / 1000;
  metrics.requests.inc({ service: options.service, status: String(final.status) });
  metrics.requestSeconds.observe({ service: options.service }, seconds);
  options.logger.info(
    {
      requestId: scope.requestId,
      method: request.method,
      status: final.status,
      durationMs: Math.round(seconds * 1000),
      ...options.describe?.(request),
    },
    'request',
  );
}

function send(response: ServerResponse, exchange: Exchange): void {
  for (const [name, value] of exchange.headers) response.setHeader(name, value);
  response.statusCode = exchange.status;
  if (exchange.stream) response.write(exchange.body);
  else response.end(exchange.body);
}

/** Writes a stream's chunks as they come, heeding back-pressure, until it ends or the client goes. */
async function stream(
  response: ServerResponse,
  chunks: NonNullable<Exchange['stream']>,
  streams: Set<AbortController>,
  logger: Logger,
  scope: RequestScope,
): Promise<void> {
  const gone = new AbortController();
  streams.add(gone);
  response.once('close', () => gone.abort());
  try {
    for await (const chunk of chunks(gone.signal)) {
      if (gone.signal.aborted) break;
      if (!response.write(chunk)) {
        await new Promise((resolve) => {
          response.once('drain', resolve);
          gone.signal.addEventListener('abort', resolve, { once: true });
        });
      }
    }
  } catch (error) {
    logger.error({ err: error, requestId: scope.requestId }, 'stream failed');
  } finally {
    streams.delete(gone);
    response.end();
  }
}

/** What a request is answered with, before anything is sent. */
export interface Exchange {
  readonly status: number;
  readonly headers: ReadonlyMap<string, string>;
  /** Text, or the bytes of a file (a font). */
  readonly body: string | Uint8Array;
  /** A health, readiness or metrics probe, not a GraphQL request. */
  readonly probe?: boolean;
  /**
   * What follows the body, chunk by chunk, until it ends or the client goes (server-sent events); the
   * signal aborts when the client has gone or the server stops, so that whatever waits can let go.
   */
  readonly stream?: (gone: AbortSignal) => AsyncGenerator<string, void, undefined>;
  /** The code of a refusal made here, before GraphQL ran. */
  readonly code?: string;
  /** The unexpected failure behind a masked 500 made by a route: logged with its request, never sent. */
  readonly cause?: unknown;
  /** The GraphQL request as parsed from the body or the query string, when it could be. */
  readonly graphqlRequest?: {
    readonly query?: unknown;
    readonly operationName?: unknown;
    readonly variables?: unknown;
  };
}

async function respond<Context extends BaseContext & object>(
  server: ApolloServer<Context>,
  options: ServeGraphQLOptions<Context>,
  { request, scope }: Served,
): Promise<Exchange> {
  const url = URL.parse(request.url ?? '/', 'http://localhost');
  if (!url) return errorExchange(400, 'BAD_REQUEST', 'The request target is not a valid URL.');
  // A preflight carries no credentials and reads nothing: it is answered, not recorded.
  if (request.method === 'OPTIONS') {
    return {
      status: 204,
      headers: new Map(preflightHeaders(request, options.corsOrigins ?? [])),
      body: '',
      probe: true,
    };
  }
  if (request.method === 'GET' && url.pathname === '/health')
    return { ...jsonExchange(200, { status: 'ok' }), probe: true };
  if (request.method === 'GET' && url.pathname === '/metrics') {
    const text = await metricsRegistry.metrics();
    return { status: 200, headers: new Map([['content-type', metricsRegistry.contentType]]), body: text, probe: true };
  }
  if (request.method === 'GET' && url.pathname === '/ready') {
    const ready = await options.ready().catch(() => false);
    return { ...jsonExchange(ready ? 200 : 503, { ready }), probe: true };
  }
  const route = Object.entries(options.routes ?? {}).find(([key]) => {
    const [method, path] = key.split(' ');
    return request.method === method && (url.pathname === path || url.pathname.startsWith(`${path}/`));
  })?.[1];
  if (!route && url.pathname !== '/' && url.pathname !== '/graphql') {
    return errorExchange(404, 'NOT_FOUND', 'Not found: GraphQL is served at /.');
  }
  if (!isUtf8Query(url.search)) return errorExchange(400, 'BAD_REQUEST', 'The query string is not text in UTF-8.');
  const body = await readBody(request, options.maxBodyBytes);
  if (typeof body !== 'string') return body;
  if (route) return route(request, body);
  let parsed: unknown;
  if (request.method === 'POST' && body.length > 0 && isJson(request.headers['content-type'])) {
    try {
      parsed = withDocumentId(JSON.parse(body));
    } catch {
      return errorExchange(400, 'BAD_REQUEST', 'The request body is not valid JSON.');
    }
  }
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const result = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: request.method ?? 'GET', headers, search: url.search, body: parsed },
    context: async () => {
      try {
        const context = await options.context(request, parsed);
        return Object.defineProperty(context, scopeKey, { value: scope, enumerable: true });
      } catch (error) {
        // A refusal is coded; anything else is masked for the client, and told here.
        logIfMasked(options.logger, scope.requestId, error);
        throw error;
      }
    },
  });
  // Incremental delivery is not offered; should a body come in chunks, it is gathered so it can be audited.
  let text = '';
  if (result.body.kind === 'complete') text = result.body.string;
  else for await (const chunk of result.body.asyncIterator) text += chunk;
  const graphqlRequest = graphqlRequestOf(url, parsed);
  return {
    status: result.status ?? 200,
    headers: new Map(result.headers),
    body: text,
    ...(graphqlRequest ? { graphqlRequest } : {}),
  };
}

/** The GraphQL request as the trail keeps it: from the parsed JSON body, or else from the query string (GET). */
export function graphqlRequestOf(url: URL, parsedBody: unknown): NonNullable<Exchange['graphqlRequest']> {
  return parsedBody && typeof parsedBody === 'object'
    ? (parsedBody as NonNullable<Exchange['graphqlRequest']>)
    : Object.fromEntries(
        ['query', 'operationName', 'variables'].map((key) => [key, url.searchParams.get(key) ?? undefined]),
      );
}

/**
 * GraphQL over HTTP names a persisted document by `documentId` ("sha256:<hex>"); Apollo Server reads
 * the persisted-query extension. The one is turned into the other, so clients may use either.
 */
function withDocumentId(body: unknown): unknown {
  if (!body || typeof body !== 'object' || !('documentId' in body)) return body;
  const { documentId, ...rest } = body as { documentId: unknown; extensions?: unknown };
  if (typeof documentId !== 'string') return body;
  const extensions = rest.extensions && typeof rest.extensions === 'object' ? rest.extensions : {};
  const sha256Hash = documentId.replace(/^sha256:/, '');
  return { ...rest, extensions: { ...extensions, persistedQuery: { version: 1, sha256Hash } } };
}

/** The body as text, or the refusal of a body that cannot be read: too large, cut short, not UTF-8. */
async function readBody(request: IncomingMessage, maxBytes: number): Promise<string | Exchange> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of request) {
      size += (chunk as Buffer).length;
      // Keep reading (and dropping) the rest, so the client gets the 413 rather than a reset connection.
      if (size <= maxBytes) chunks.push(chunk as Buffer);
    }
  } catch (error) {
    // The client left (or Node's request timeout closed it) before sending all it announced: its doing.
    if (!request.complete) {
      return errorExchange(400, 'BAD_REQUEST', 'The connection closed before the request body was complete.');
    }
    throw error;
  }
  if (size > maxBytes) return errorExchange(413, 'BAD_REQUEST', `The request body is larger than ${maxBytes} bytes.`);
  // Read leniently, bytes that are not UTF-8 would reach the owners and the trail as U+FFFD, not as sent.
  return utf8Text(Buffer.concat(chunks)) ?? errorExchange(400, 'BAD_REQUEST', 'The request body is not text in UTF-8.');
}

function isJson(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/**
 * A refusal as an answer: its code and message, and the status its code is registered with; anything
 * else a masked 500, whose cause the server logs with the request.
 */
export function refusalExchange(error: unknown): Exchange {
  if (error instanceof GraphQLError && typeof error.extensions.code === 'string') {
    const http = error.extensions.http as { status?: number; headers?: ReadonlyMap<string, string> } | undefined;
    const refusal = errorExchange(http?.status ?? 400, error.extensions.code, error.message);
    // A refusal's own headers (retry-after) go with it.
    return { ...refusal, headers: new Map([...refusal.headers, ...(http?.headers ?? [])]) };
  }
  return { ...errorExchange(500, 'INTERNAL_SERVER_ERROR', 'Internal server error'), cause: error };
}

/** A GraphQL-shaped error answer with a code, for requests refused before GraphQL runs. */
export function errorExchange(status: number, code: string, message: string): Exchange {
  return { ...jsonExchange(status, { errors: [{ message, extensions: { code } }] }), code };
}

export function jsonExchange(status: number, body: unknown): Exchange {
  return {
    status,
    headers: new Map([['content-type', 'application/json; charset=utf-8']]),
    body: JSON.stringify(body),
  };
}
