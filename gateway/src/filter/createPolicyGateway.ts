import { createHash } from 'node:crypto';
import type { GatewayExecutor, GatewayGraphQLRequestContext, GatewayInterface } from '@apollo/server-gateway-interface';
import { print, type DocumentNode, type FieldNode, type GraphQLSchema } from 'graphql';
import { codedError } from '@tessera/policies';
import type { GatewayContext } from '../context.ts';
import { filterDocument } from './filterDocument.ts';
import { conditionVariables, inlineConditions } from './inlineConditions.ts';
import { restoreDenials } from './restoreDenials.ts';

const undecided = codedError('OPERATION_RESOLUTION_FAILURE', 'The operation could not be decided, so it was not run.');

/** What the planner is given in place of the client's document, and the hash its plan is cached under. */
interface PlannedDocument {
  readonly document: DocumentNode;
  readonly queryHash: string;
}

/**
 * Wraps the gateway so that the planner only ever sees what the policies allow: the executor receives
 * the document with the denied fields removed and its conditions written out (and its own hash, so a
 * plan cached for one caller never serves another), and the response gets each withheld field back as
 * null with its FORBIDDEN error.
 */
export function createPolicyGateway(gateway: GatewayInterface): GatewayInterface {
  const filtered = new WeakMap<DocumentNode, Map<string, PlannedDocument>>();
  let schema: GraphQLSchema | undefined;
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => {
    schema = apiSchema;
  });
  const hashed = (document: DocumentNode): PlannedDocument => ({
    document,
    queryHash: createHash('sha256').update(print(document)).digest('hex'),
  });
  const filterOnce = (apiSchema: GraphQLSchema, document: DocumentNode, denied: ReadonlySet<FieldNode>) => {
    const key = [...denied].map((node) => `${node.loc?.start}`).join(',');
    let byDenied = filtered.get(document);
    if (!byDenied) filtered.set(document, (byDenied = new Map()));
    let result = byDenied.get(key);
    if (!result) byDenied.set(key, (result = hashed(filterDocument(apiSchema, document, denied))));
    return result;
  };
  /**
   * Filtered first: the filter finds the denied fields by node, and writing out the conditions makes new
   * ones. Conditions are written out at each request, not kept: a document's variables could be given in
   * as many combinations as there are requests (the planner's own cache of plans is bounded).
   */
  const planFor = (
    apiSchema: GraphQLSchema,
    document: DocumentNode,
    denied: ReadonlySet<FieldNode>,
    variables: Readonly<Record<string, unknown>>,
  ): PlannedDocument => {
    if (conditionVariables(document).length === 0) return filterOnce(apiSchema, document, denied);
    const filtered = denied.size > 0 ? filterOnce(apiSchema, document, denied).document : document;
    return hashed(inlineConditions(filtered, variables));
  };
  const wrap =
    (executor: GatewayExecutor): GatewayExecutor =>
    async (requestContext: GatewayGraphQLRequestContext) => {
      const { access: plan, variables } = requestContext.context as GatewayContext;
      const { document, operation } = requestContext;
      // Default deny: an operation the policy plugin did not decide, or the guard did not check, is not run.
      if (!plan || !variables || !schema || !document || !operation) return { errors: [undecided] };
      if (plan.denied.size === 0 && conditionVariables(document).length === 0) return executor(requestContext);
      const apiSchema = schema;
      const result = await executor({
        ...requestContext,
        ...planFor(apiSchema, document, new Set(plan.denied.keys()), variables),
      });
      if (!result.data || plan.denied.size === 0) return result;
      const withheld = restoreDenials(apiSchema, document, operation, variables, plan.denied, result.data);
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
