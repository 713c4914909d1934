import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { isErrorCode } from '@tessera/policies';
import type { Logger } from 'pino';

/** An error written for clients: one with a registered code (INTERNAL_SERVER_ERROR says nothing more). */
function isForClients(code: unknown): boolean {
  return isErrorCode(code) && code !== 'INTERNAL_SERVER_ERROR';
}

/**
 * Apollo Server's formatError: errors with a registered code pass as they are (they were written for
 * clients), anything else is masked so no internal message, SQL or stack ever reaches a client. What it
 * masks goes to the log with its request (`useMaskedErrorLog`).
 */
export function createErrorFormatter() {
  return (formatted: GraphQLFormattedError): GraphQLFormattedError => {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    if (isForClients(extensions.code)) return { ...formatted, extensions };
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
  if (isForClients(code)) return;
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
