import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';

/**
 * An operation of a kind the schema has no root type for (a subscription, on a schema without one) is
 * invalid. graphql-js 16 leaves it to execution (17 has this rule), where the gateway's query planner
 * fails on it as if the server had: the client gets a validation error instead, and a 400.
 */
export function knownOperationTypes(context: ValidationContext): ASTVisitor {
  const schema = context.getSchema();
  return {
    OperationDefinition(node) {
      if (schema.getRootType(node.operation)) return;
      context.reportError(
        new GraphQLError(`The ${node.operation} operation is not supported by the schema.`, { nodes: node }),
      );
    },
  };
}
