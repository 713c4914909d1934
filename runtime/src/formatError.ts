import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { isErrorCode } from '@tessera/policies';
import type { Logger } from 'pino';

/** An error written for clients: one with a registered code (INTERNAL_SERVER_ERROR says nothing more). */
function isForClients(code: unknown): boolean {
  return isErrorCode(code) && code !== 'INTERNAL_SERVER_ERROR';
}

/**
 * Apollo Server refuses a few bad requests itself with a 4xx status and no code (a persisted query whose
 * hash is not its text's, an unknown persisted-query version): the client's mistake, in Apollo's words
 * for clients, so BAD_REQUEST rather than a masked server error.
 */
function isApolloRefusal(error: unknown): boolean {
  if (!(error instanceof GraphQLError) || error.extensions.code !== undefined) return false;
  const status = (error.extensions.http as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/**
 * Apollo Server's formatError: errors with a registered code pass as they are (they were written for
 * clients), anything else is masked so no internal message, SQL or stack ever reaches a client. What it
 * masks goes to the log with its request (`useMaskedErrorLog`).
 */
export function createErrorFormatter() {
  return (formatted: GraphQLFormattedError, error?: unknown): GraphQLFormattedError => {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    if (isForClients(extensions.code)) return { ...formatted, extensions };
    if (isApolloRefusal(error)) return { message: formatted.message, extensions: { code: 'BAD_REQUEST' } };
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

/** Logs an error the formatter masks, as it was, with the request it happened in. */
export function logIfMasked(logger: Logger, requestId: string | undefined, error: unknown): void {
  const code = (error as { extensions?: { code?: unknown } } | null)?.extensions?.code;
  if (isForClients(code) || isApolloRefusal(error)) return;
  const path = (error as { path?: unknown } | null)?.path;
  logger.error({ err: unwrapResolverError(error), ...(path ? { path } : {}), requestId }, 'unexpected error masked');
}

/** The errors a request met while it was parsed, validated and run, each the formatter masks logged. */
export function useMaskedErrorLog<Context extends BaseContext>(
  logger: Logger,
  requestIdOf: (context: Context) => string | undefined,
): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) logIfMasked(logger, requestIdOf(contextValue), error);
        },
      };
    },
  };
}
