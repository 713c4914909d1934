import type { GraphQLError } from 'graphql';
import { codedError } from '@tessera/policies';
import { metrics, type Logger } from '@tessera/runtime';

/**
 * A call to an owner that failed or was late, whether part of a plan or to its desk: counted by owner and
 * kind, logged with its request, and answered to the client as DOWNSTREAM_SERVICE_ERROR naming the owner.
 */
export function unanswered(
  logger: Logger,
  call: { readonly subgraph: string; readonly requestId: string | undefined; readonly desk?: string },
  error: unknown,
  message: string,
): GraphQLError {
  const timedOut = error instanceof Error && error.name === 'TimeoutError';
  metrics.subgraphFailures.inc({ subgraph: call.subgraph, kind: timedOut ? 'timeout' : 'error' });
  logger.warn({ err: error, ...call }, 'subgraph did not answer');
  return codedError('DOWNSTREAM_SERVICE_ERROR', message, { extensions: { serviceName: call.subgraph } });
}
