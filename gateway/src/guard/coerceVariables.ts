import { getVariableValues, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { codedError } from '@tessera/policies';

/**
 * The operation's variables as the executor will see them: checked against their declared types, with
 * the defaults of those left out. Every walk that reads an argument or a directive (limits, the denied
 * fields' restoration) reads these, or a default such as `$skip: Boolean = false` would be missed.
 */
export function coerceVariables(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> | undefined,
): Record<string, unknown> {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}, { maxErrors: 5 });
  if (coerced.errors) {
    throw codedError('BAD_USER_INPUT', coerced.errors.map((error) => error.message).join(' '), {
      refuseRequest: true,
    });
  }
  return coerced.coerced;
}
