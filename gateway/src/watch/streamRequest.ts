import { NoSchemaIntrospectionCustomRule, type GraphQLSchema } from 'graphql';
import type { Principal } from '@tessera/policies';
import { errorExchange, refusalExchange, type Exchange } from '@tessera/runtime';
import { enforceOperationLimits, type OperationLimits } from '../guard/operationLimits.ts';
import { readOperation } from '../guard/readOperation.ts';

/** What the stream reads from a request: the JSON body of a POST, the query string of a GET. */
export interface StreamRequest {
  readonly query?: unknown;
  readonly operationName?: unknown;
  readonly variables?: unknown;
}

/**
 * The refusal of a stream request that is not a valid operation within the limits, each with its code
 * as on `/`, or nothing when it is one. graphql-sse reads it again and finds nothing to refuse: its own
 * refusals carry no code, and a subscription would otherwise open to send the errors as its first event.
 */
export function refuseStreamRequest(
  schema: GraphQLSchema,
  request: StreamRequest | undefined,
  fromQueryString: boolean,
  limits: OperationLimits & { readonly maxTokens: number },
  principal: Principal,
): Exchange | undefined {
  const { query, operationName } = request ?? {};
  if (typeof query !== 'string' || query === '') {
    return errorExchange(
      400,
      'BAD_REQUEST',
      'A stream is opened with a query: in a JSON body, or in the query string of a GET.',
    );
  }
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') {
    return errorExchange(400, 'BAD_REQUEST', 'operationName must be a string if provided.');
  }
  const variables = variablesOf(request?.variables, fromQueryString);
  if (variables === undefined) {
    return errorExchange(400, 'BAD_REQUEST', 'variables must be an object (JSON text in the query string of a GET).');
  }
  const read = readOperation(schema, query, operationName ?? undefined, { maxTokens: limits.maxTokens, principal }, [
    NoSchemaIntrospectionCustomRule,
  ]);
  if (!read.ok) return errorExchange(400, read.code, read.message);
  const { document, operation } = read;
  try {
    enforceOperationLimits(schema, document, operation, variables, limits);
  } catch (error) {
    return refusalExchange(error);
  }
  return undefined;
}

/** The variables as an object, none as empty, or undefined when they are not an object. */
function variablesOf(variables: unknown, fromQueryString: boolean): Record<string, unknown> | undefined {
  let value = variables;
  if (fromQueryString && typeof variables === 'string') {
    try {
      value = JSON.parse(variables);
    } catch {
      return undefined;
    }
  }
  if (value === undefined || value === null) return {};
  return typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
