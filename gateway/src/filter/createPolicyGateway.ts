import type { GatewayExecutor, GatewayGraphQLRequestContext, GatewayInterface } from '@apollo/server-gateway-interface';
import type { DocumentNode, FieldNode, GraphQLSchema } from 'graphql';
import { codedError } from '@tessera/policies';
import type { GatewayContext } from '../context.ts';
import { filterDocument, type FilteredDocument } from './filterDocument.ts';
import { restoreDenials } from './restoreDenials.ts';
import { coerceVariables } from '../guard/coerceVariables.ts';

const undecided = codedError('OPERATION_RESOLUTION_FAILURE', 'The operation could not be decided, so it was not run.');

/**
 * Wraps the gateway so that the planner only ever sees what the policies allow: the executor receives
 * the document with the denied fields removed (and its own hash, so a plan cached for one caller never
 * serves another), and the response gets each withheld field back as null with its FORBIDDEN error.
 */
export function createPolicyGateway(gateway: GatewayInterface): GatewayInterface {
  const filtered = new WeakMap<DocumentNode, Map<string, FilteredDocument>>();
  let schema: GraphQLSchema | undefined;
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => {
    schema = apiSchema;
  });
  const filterOnce = (apiSchema: GraphQLSchema, document: DocumentNode, denied: ReadonlySet<FieldNode>) => {
    const key = [...denied].map((node) => `${node.loc?.start}`).join(',');
    let byDenied = filtered.get(document);
    if (!byDenied) filtered.set(document, (byDenied = new Map()));
    let result = byDenied.get(key);
    if (!result) byDenied.set(key, (result = filterDocument(apiSchema, document, denied)));
    return result;
  };
  const wrap =
    (executor: GatewayExecutor): GatewayExecutor =>
    async (requestContext: GatewayGraphQLRequestContext) => {
      const plan = (requestContext.context as GatewayContext).access;
      const { document, operation } = requestContext;
      // Default deny: an operation the policy plugin did not decide is not run.
      if (!plan || !schema || !document || !operation) return { errors: [undecided] };
      if (plan.denied.size === 0) return executor(requestContext);
      const apiSchema = schema;
      const { document: filteredDocument, queryHash } = filterOnce(apiSchema, document, new Set(plan.denied.keys()));
      const result = await executor({ ...requestContext, document: filteredDocument, queryHash });
      if (!result.data) return result;
      const withheld = restoreDenials(
        apiSchema,
        document,
        operation,
        coerceVariables(apiSchema, operation, requestContext.request.variables),
        plan.denied,
        result.data,
      );
      // A response's errors, when present, are never an empty list.
      const errors = [...(result.errors ?? []), ...withheld];
      return errors.length > 0 ? { ...result, errors } : result;
    };
  return {
    onSchemaLoadOrUpdate: (callback) => gateway.onSchemaLoadOrUpdate(callback),
    async load(options) {
      const loaded = await gateway.load(options);
      return { ...loaded, executor: loaded.executor && wrap(loaded.executor) };
    },
    stop: () => gateway.stop(),
  };
}
