import type { IncomingMessage } from 'node:http';
import { createHandler } from 'graphql-sse';
import {
  buildASTSchema,
  GraphQLError,
  Kind,
  parse,
  type DefinitionNode,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import { codedError, decide, type Principal } from '@tessera/policies';
import {
  createErrorFormatter,
  errorExchange,
  graphqlRequestOf,
  logIfMasked,
  readIsoTime,
  refusalExchange,
  type Exchange,
  type Logger,
} from '@tessera/runtime';
import type { ConsultationLog } from '../audit/createConsultationLog.ts';
import type { Authenticate } from '../auth/createAuthenticator.ts';
import { requireLawfulPurpose } from '../filter/planAccess.ts';
import { readRequestPurpose } from '../readRequestPurpose.ts';
import type { OperationLimits } from '../guard/operationLimits.ts';
import type { AlertFeed } from './alertFeed.ts';
import { refuseStreamRequest } from './streamRequest.ts';
import type { AlertView, WatchStore } from './watchStore.ts';

interface StreamContext extends Record<PropertyKey, unknown> {
  readonly principal: Principal;
  readonly requestId: string;
  /** Aborts when the client has gone: what waits for the next alert lets go. */
  readonly gone: AbortSignal;
}

/**
 * The alerts subscription served over server-sent events (GraphQL over SSE, distinct connections):
 * `subscription { alerts(after: "...") { ... } }` delivers each alert as the dispatcher delivers it,
 * after those delivered since `after` (catch-up). The subscriber is authenticated, states a purpose the
 * rules allow for alerts, and the opening is a consultation record like any request; each alert it
 * carries is recorded by the dispatcher as its own consultation.
 */
export function createAlertStreamRoute(options: {
  readonly authenticate: Authenticate;
  /** Refuses a principal past its rate allowance (RATE_LIMITED), as for any request. */
  readonly withinRate: (principal: Principal) => Promise<void>;
  readonly consultations: ConsultationLog;
  readonly store: WatchStore;
  readonly feed: () => AlertFeed | undefined;
  readonly limits: OperationLimits & { readonly maxTokens: number };
  readonly logger: Logger;
  /** The hub subgraph's type definitions, whose Alert types the stream serves. */
  readonly hubTypeDefs: DocumentNode;
}): (request: IncomingMessage, body: string) => Promise<Exchange> {
  const schema = alertStreamSchema(options.hubTypeDefs, options.store, options.feed);
  const format = createErrorFormatter();
  const handler = createHandler<IncomingMessage, StreamContext, StreamContext>({
    schema,
    // Distinct connections only: no reservation that outlives the request.
    authenticate: () => null,
    context: (request) => request.context,
    // As on `/`: a coded error passes, anything else reaches the client masked and the log as it was.
    onNext: (_, request, result) => {
      if (!result.errors) return;
      const errors = result.errors.map((error) => {
        logIfMasked(options.logger, request.context.requestId, error);
        const { message, extensions } = format(error.toJSON(), error);
        return new GraphQLError(message, { nodes: error.nodes, path: error.path, extensions });
      });
      return { ...result, errors };
    },
  });
  return async (request, body) => {
    const consultation = options.consultations.begin(request);
    try {
      const principal = await options.authenticate(request.headers.authorization, consultation.requestId);
      consultation.principal = principal;
      // A client system may send only its reviewed operations: it is told by webhook, not by a stream.
      if (principal.roles.includes('system')) {
        throw codedError('FORBIDDEN', 'Client systems receive their alerts by webhook.', { refuseRequest: true });
      }
      await options.withinRate(principal);
      const { purpose, justification } = readRequestPurpose(request.headers);
      consultation.purpose = purpose;
      consultation.justification = justification;
      requireLawfulPurpose(principal, purpose, justification);
      if (decide(principal, purpose, 'Query.alerts').effect !== 'allow') {
        throw codedError('FORBIDDEN', 'No agreement lets you receive alerts for this purpose.', {
          refuseRequest: true,
        });
      }
      const fromQueryString = request.method !== 'POST';
      const asked = graphqlRequestOf(new URL(request.url ?? '/', 'http://localhost'), parsedBody(request, body));
      const refusal = refuseStreamRequest(schema, asked, fromQueryString, options.limits, principal);
      if (refusal) return { ...refusal, graphqlRequest: asked };
      let streaming: AsyncGenerator<string, void, undefined> | undefined;
      const gone = new AbortController();
      const [answer, init] = await handler({
        method: request.method ?? 'GET',
        url: request.url ?? '/',
        headers: { get: (name) => single(request.headers[name.toLowerCase()]) },
        body: request.method === 'POST' ? body : null,
        raw: request,
        context: { principal, requestId: consultation.requestId, gone: gone.signal },
      });
      if (init.status >= 400) {
        // graphql-sse's own refusals (no event stream accepted, a body of another type) carry no code.
        const reason = `${init.status} ${init.statusText ?? ''}`.trim();
        const message = `The stream refused the request (${reason}): it answers a JSON body or a GET with accept: text/event-stream.`;
        return { ...errorExchange(init.status, 'BAD_REQUEST', message), graphqlRequest: asked };
      }
      if (typeof answer === 'object' && answer !== null) streaming = answer;
      consultation.answer = { codes: [], denied: [], hasData: init.status === 200, reviewRequired: false };
      return {
        status: init.status,
        headers: new Map(Object.entries(init.headers ?? {})),
        body: typeof answer === 'string' ? answer : '',
        graphqlRequest: asked,
        ...(streaming
          ? {
              stream: (closed: AbortSignal) => {
                closed.addEventListener('abort', () => gone.abort(), { once: true });
                return streaming;
              },
            }
          : {}),
      };
    } catch (error) {
      return refusalExchange(error);
    }
  };
}

/** The stream's schema: the hub's own Alert types, one subscription. */
function alertStreamSchema(
  hubTypeDefs: DocumentNode,
  store: WatchStore,
  feed: () => AlertFeed | undefined,
): GraphQLSchema {
  const shared = new Set(['Alert', 'AlertField']);
  const types = hubTypeDefs.definitions.filter(
    (definition: DefinitionNode) =>
      definition.kind === Kind.OBJECT_TYPE_DEFINITION && shared.has(definition.name.value),
  );
  const own = parse(`
    type Query {
      "Your alerts delivered after a time (ISO), oldest first."
      alerts(after: String): [Alert!]
    }
    type Subscription {
      "Your alerts as they are delivered; with after, first those delivered since then."
      alerts(after: String): Alert!
    }
  `);
  const schema = buildASTSchema({ kind: Kind.DOCUMENT, definitions: [...own.definitions, ...types] });
  const readAfter = (after: string | null | undefined) => (after ? readIsoTime('after', after).toISOString() : null);
  schema.getQueryType()!.getFields().alerts!.resolve = (_, args: { after?: string | null }, context: StreamContext) =>
    store.alertsOf(context.principal, readAfter(args.after));
  const subscription = schema.getSubscriptionType()!.getFields().alerts!;
  subscription.subscribe = (_, args: { after?: string | null }, context: StreamContext) =>
    alertsAsDelivered(store, feed(), context, readAfter(args.after));
  subscription.resolve = (alert: AlertView) => alert;
  return schema;
}

/** The caught-up alerts, then each new one; an alert delivered meanwhile is sent once. */
async function* alertsAsDelivered(
  store: WatchStore,
  feed: AlertFeed | undefined,
  context: StreamContext,
  after: string | null,
): AsyncGenerator<AlertView> {
  // Followed before the catch-up is read, so nothing falls between the two.
  const live = feed?.follow(context.principal, context.gone);
  const sent = new Set<string>();
  if (after !== null) {
    for (const alert of await store.alertsOf(context.principal, after)) {
      sent.add(alert.id);
      yield alert;
    }
  }
  if (!live) return;
  for await (const id of live) {
    if (sent.has(id)) continue;
    const alert = await store.alertOf(context.principal, id);
    if (alert) yield alert;
  }
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

/** A POST's JSON body, if it is one (the trail keeps what it can read of a malformed one: nothing). */
function parsedBody(request: IncomingMessage, body: string): unknown {
  if (request.method !== 'POST') return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}
