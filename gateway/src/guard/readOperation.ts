import {
  getOperationAST,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationRule,
} from 'graphql';
import type { Principal } from '@tessera/policies';
import { knownOperationTypes } from '@tessera/runtime';
import { isTokenLimit, withoutSuggestions } from './useGuard.ts';

/** An operation read from a text outside Apollo's pipeline, or why it could not be, with the code `/` gives. */
export type ReadOperation =
  | { readonly ok: true; readonly document: DocumentNode; readonly operation: OperationDefinitionNode }
  | {
      readonly ok: false;
      readonly code:
        'TOO_MANY_TOKENS' | 'GRAPHQL_PARSE_FAILED' | 'GRAPHQL_VALIDATION_FAILED' | 'OPERATION_RESOLUTION_FAILURE';
      readonly message: string;
    };

/**
 * Parses (within the token limit), validates and picks the operation to run, as Apollo Server does on
 * `/`, for the texts it never sees: an operation to explain, a stream's. Suggestions are left out of
 * the messages unless the caller administers the hub.
 */
export function readOperation(
  schema: GraphQLSchema,
  text: string,
  operationName: string | undefined,
  caller: { readonly maxTokens: number; readonly principal: Principal },
  moreRules: readonly ValidationRule[] = [],
): ReadOperation {
  let document: DocumentNode;
  try {
    document = parse(text, { maxTokens: caller.maxTokens });
  } catch (error) {
    const message = (error as Error).message;
    return {
      ok: false,
      code: isTokenLimit(message) ? 'TOO_MANY_TOKENS' : 'GRAPHQL_PARSE_FAILED',
      message: `The operation does not parse: ${message}`,
    };
  }
  const invalid = validate(schema, document, [...specifiedRules, knownOperationTypes, ...moreRules]);
  if (invalid.length > 0) {
    const reasons = invalid.map((error) => withoutSuggestions(error.message, caller.principal));
    return {
      ok: false,
      code: 'GRAPHQL_VALIDATION_FAILED',
      message: `The operation is not valid: ${reasons.join(' ')}`,
    };
  }
  const operation = getOperationAST(document, operationName);
  if (!operation) {
    return {
      ok: false,
      code: 'OPERATION_RESOLUTION_FAILURE',
      message: 'Name one operation of the document (operationName).',
    };
  }
  return { ok: true, document, operation };
}
