import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { isErrorCode } from '@tessera/policies';
import type { Logger } from 'pino';

/**
 * Apollo Server's formatError: errors with a registered code pass as they are (they were written for
 * clients), anything else is masked so no internal message, SQL or stack ever reaches a client.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    const code = extensions.code;
    if (isErrorCode(code) && code !== 'INTERNAL_SERVER_ERROR') {
      return { ...formatted, extensions };
    }
    logger.error({ err: unwrapResolverError(error), path: formatted.path }, 'unexpected error masked');
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
