import type { ApolloServerPlugin } from '@apollo/server';
import { codedError } from '@tessera/policies';
import type { GatewayContext } from '../context.ts';
import { planAccess } from './planAccess.ts';

/**
 * Decides the operation once it is parsed and validated, before it is planned: refuses the whole
 * request where the purpose does not hold, records which fields to withhold, and tells the client the
 * request id and whether its access will be reviewed.
 */
export function usePolicy(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, contextValue }) {
          if (!operation) {
            throw codedError('OPERATION_RESOLUTION_FAILURE', 'Name the operation to run (operationName).', {
              refuseRequest: true,
            });
          }
          const { principal, purpose, justification } = contextValue.identity;
          let plan = planAccess(schema, document, operation, principal, purpose, justification);
          // The caller's grants are read only when a clause withholds something they might release.
          if (plan.denied.size > 0) {
            const grants = await contextValue.grants();
            if (grants.length > 0)
              plan = planAccess(schema, document, operation, principal, purpose, justification, grants);
          }
          contextValue.access = plan;
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const plan = contextValue.access;
          response.body.singleResult.extensions = {
            ...response.body.singleResult.extensions,
            tessera: {
              requestId: contextValue.identity.requestId,
              ...(plan?.reviewRequired ? { reviewRequired: true } : {}),
            },
          };
        },
      };
    },
  };
}
