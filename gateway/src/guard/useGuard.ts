import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type OperationDefinitionNode } from 'graphql';
import { codedError } from '@tessera/policies';
import type { GatewayContext } from '../context.ts';
import { enforceOperationLimits, type OperationLimits } from './operationLimits.ts';

const introspectionFields = new Set(['__schema', '__type']);
// graphql-js 16 writes "more that"; a later version may spell it right.
const tokenLimitMessage = /^Syntax Error: Document contains more th(?:at|an) \d+ tokens/;
const suggestion = / ?Did you mean .*\?$/;

/**
 * The gateway's guard against hostile operations: schema introspection and field suggestions only
 * for hub administrators, and limits on depth, aliases, directives, root fields and cost (tokens are
 * limited by the parser), each refused with its own code before anything is planned.
 */
export function useGuard(limits: OperationLimits): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request, contextValue }) {
          if (!operation) return;
          if (!isHubAdmin(contextValue) && asksForSchema(operation)) {
            throw codedError('INTROSPECTION_DISABLED', 'Schema introspection is for hub administrators only.', {
              refuseRequest: true,
            });
          }
          enforceOperationLimits(schema, document, operation, request.variables ?? {}, limits);
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          const hideSuggestions = !isHubAdmin(contextValue);
          response.body.singleResult.errors = response.body.singleResult.errors.map((error) => {
            if (tokenLimitMessage.test(error.message)) {
              return { ...error, extensions: { ...error.extensions, code: 'TOO_MANY_TOKENS' } };
            }
            // "Did you mean" names fields of the schema: an oracle for what a partner may not even list.
            return hideSuggestions ? { ...error, message: error.message.replace(suggestion, '') } : error;
          });
        },
      };
    },
  };
}

function isHubAdmin(context: GatewayContext | undefined): boolean {
  return context?.identity?.principal.roles.includes('hub-admin') === true;
}

function asksForSchema(operation: OperationDefinitionNode): boolean {
  return operation.selectionSet.selections.some(
    (selection) => selection.kind === Kind.FIELD && introspectionFields.has(selection.name.value),
  );
}
