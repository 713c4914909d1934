import { getVariableValues, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { codedError } from '@tessera/policies';
import { requiredVariables } from './requiredVariables.ts';

/**
 * The operation's variables as the executor will see them: checked against their declared types, with
 * the defaults of those left out. Every walk that reads an argument or a directive (limits, the denied
 * fields' restoration) reads these, or a default such as `$skip: Boolean = false` would be missed. An
 * explicit null where a value is required (`$district: String = "North"` given null for a non-null
 * argument) passes the declared types, and failed later, inside an owner, as an internal error.
 */
export function coerceVariables(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> | undefined,
): Record<string, unknown> {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}, { maxErrors: 5 });
  if (coerced.errors) {
    throw codedError('BAD_USER_INPUT', coerced.errors.map((error) => error.message).join(' '), {
      refuseRequest: true,
    });
  }
  const unset = [...requiredVariables(schema, document)].filter((name) => coerced.coerced[name] === null);
  if (unset.length > 0) {
    const names = unset.map((name) => `$${name}`).join(', ');
    throw codedError('BAD_USER_INPUT', `${names}: null where a value is required.`, { refuseRequest: true });
  }
  return coerced.coerced;
}
