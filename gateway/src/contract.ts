import type { IncomingMessage } from 'node:http';
import type { GraphQLSchema } from 'graphql';
import { contractFor, type Agency } from '@tessera/policies';
import { refusalExchange, type Exchange } from '@tessera/runtime';
import type { ConsultationLog } from './audit/createConsultationLog.ts';
import type { Authenticate } from './auth/createAuthenticator.ts';

/**
 * GET /contract: the caller's own contract, the SDL of what the agreements could ever release to its
 * agency. Partners cannot introspect; this is what they generate client types from. The request is a
 * consultation like any other: recorded, with the caller and its outcome.
 */
export function createContractRoute(
  apiSchema: () => GraphQLSchema | undefined,
  authenticate: Authenticate,
  consultations: ConsultationLog,
): (request: IncomingMessage) => Promise<Exchange> {
  const contracts = new Map<Agency, string>();
  let contractsOf: GraphQLSchema | undefined;
  return async (request) => {
    const draft = consultations.begin(request);
    try {
      const principal = await authenticate(request.headers.authorization, draft.requestId);
      draft.principal = principal;
      const schema = apiSchema();
      // Loaded before the server listens: never missing while requests are served.
      if (!schema) throw new Error('the API schema is not loaded');
      if (contractsOf !== schema) {
        contracts.clear();
        contractsOf = schema;
      }
      let contract = contracts.get(principal.agency);
      if (!contract) {
        contract = contractFor(schema, principal.agency);
        contracts.set(principal.agency, contract);
      }
      draft.answer = { codes: [], denied: [], hasData: true, reviewRequired: false };
      return {
        status: 200,
        headers: new Map([['content-type', 'application/graphql; charset=utf-8']]),
        body: contract,
      };
    } catch (error) {
      const refusal = refusalExchange(error);
      draft.answer = { codes: refusal.code ? [refusal.code] : [], denied: [], hasData: false, reviewRequired: false };
      return refusal;
    }
  };
}
