import type { ApolloServerPlugin } from '@apollo/server';
import { NoSchemaIntrospectionCustomRule, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { codedError, type Principal } from '@tessera/policies';
import type { GatewayContext } from '../context.ts';
import { enforceOperationLimits, type OperationLimits } from './operationLimits.ts';

// graphql-js 16 writes "more that"; a later version may spell it right.
const tokenLimitMessage = /^Syntax Error: Document contains more th(?:at|an) \d+ tokens/;

/** Whether a parse error is the parser's token limit (TOO_MANY_TOKENS), not the text's syntax. */
export function isTokenLimit(message: string): boolean {
  return tokenLimitMessage.test(message);
}

const suggestion = / ?Did you mean [^?]*\?/g;

/** "Did you mean" names fields of the schema: an oracle for what a partner may not even list. */
export function withoutSuggestions(message: string, principal: Principal): string {
  return isHubAdmin(principal) ? message : message.replace(suggestion, '');
}

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
          if (!isHubAdmin(contextValue.identity.principal) && asksForSchema(schema, document)) {
            throw codedError('INTROSPECTION_DISABLED', 'Schema introspection is for hub administrators only.', {
              refuseRequest: true,
            });
          }
          // Kept for the filter, which plans and restores with the same variables.
          contextValue.variables = enforceOperationLimits(schema, document, operation, request.variables, limits);
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          const { principal } = contextValue.identity ?? {};
          response.body.singleResult.errors = response.body.singleResult.errors.map((error) => {
            if (isTokenLimit(error.message)) {
              return { ...error, extensions: { ...error.extensions, code: 'TOO_MANY_TOKENS' } };
            }
            return { ...error, message: withoutSuggestions(error.message, principal) };
          });
        },
      };
    },
  };
}

function isHubAdmin(principal: Principal | undefined): boolean {
  return principal?.roles.includes('hub-admin') === true;
}

/**
 * Whether the document reads the schema anywhere: at the root, in a fragment or an inline fragment,
 * selected or not (graphql-js's own rule, one linear pass over the document). Only a field named
 * `__schema` or `__type` leads into the schema, and a name is written as it is, never escaped: a text
 * without either word cannot ask, and is not walked again.
 */
function asksForSchema(schema: GraphQLSchema, document: DocumentNode): boolean {
  const text = document.loc?.source.body;
  if (text !== undefined && !schemaFieldName.test(text)) return false;
  return validate(schema, document, [NoSchemaIntrospectionCustomRule]).length > 0;
}

const schemaFieldName = /__(?:schema|type)(?![_0-9A-Za-z])/;
