import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from '../context.ts';
import type { ConsultationDraft } from './createConsultationLog.ts';

/**
 * Gives the consultation record the answer as the gateway made it: the codes of its errors, each
 * withheld field with the rule that withheld it, whether data went out, and whether the access plan
 * calls for a review.
 */
export function useConsultationRecord(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const { data, errors = [] } = response.body.singleResult;
          const denied = errors.flatMap(({ extensions }) =>
            extensions?.code === 'FORBIDDEN' && typeof extensions.coordinate === 'string'
              ? [
                  {
                    coordinate: extensions.coordinate,
                    rule: typeof extensions.rule === 'string' ? extensions.rule : null,
                  },
                ]
              : [],
          );
          contextValue.consultation.answer = {
            codes: errors.flatMap(({ extensions }) => (typeof extensions?.code === 'string' ? [extensions.code] : [])),
            denied,
            hasData: data !== undefined && data !== null,
            reviewRequired: contextValue.access?.reviewRequired === true,
          };
        },
      };
    },
  };
}

/** Records why a request was refused before its operation ran (authentication, rate, purpose), then refuses it. */
export function refuseConsultation(draft: ConsultationDraft, error: unknown): never {
  const code = error instanceof GraphQLError ? error.extensions.code : undefined;
  draft.answer = {
    codes: [typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR'],
    denied: [],
    hasData: false,
    reviewRequired: false,
  };
  throw error;
}
