import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLSchema } from 'graphql';
import { loadTypeDefs, type GraphQLResolverMap } from '@tessera/runtime';
import { codedError, explain, isOneOf, principalFromClaims, purposes, type Principal } from '@tessera/policies';
import type { GatewayContext } from '../context.ts';
import { readOperation } from '../guard/readOperation.ts';
import type { followUpResolvers } from '../followUp/followUpResolvers.ts';
import type { watchResolvers } from '../watch/watchResolvers.ts';
import type { revisionResolvers } from '../revisions/revisionResolvers.ts';
import type { hotspotResolvers } from '../hotspots/hotspotResolvers.ts';

/** The hub's own subgraph: answered inside the gateway, which alone holds the whole schema. */
export const hubSubgraph = { name: 'hub', typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)) };

interface ExplainArguments {
  readonly operation: string;
  readonly purpose: string;
  readonly operationName?: string | null;
  readonly principal?: { agency: string; roles: string[]; clearance: string; privileges?: string[] | null } | null;
}

/**
 * Builds the hub subgraph's schema; `apiSchema` gives the schema partners query, once loaded. The
 * operation to explain is held to the same token limit as any operation sent to the hub.
 */
export function createHubSchema(
  apiSchema: () => GraphQLSchema | undefined,
  maxTokens: number,
  followUps: ReturnType<typeof followUpResolvers>,
  watches: ReturnType<typeof watchResolvers>,
  revisions: ReturnType<typeof revisionResolvers>,
  hotspots: ReturnType<typeof hotspotResolvers>,
): GraphQLSchema {
  const resolvers: GraphQLResolverMap<GatewayContext> = {
    FieldValue: revisions.FieldValue,
    Mutation: { ...followUps.Mutation, ...watches.Mutation, ...revisions.Mutation },
    Query: {
      ...followUps.Query,
      ...watches.Query,
      ...hotspots.Query,
      async explain(_: unknown, args: ExplainArguments, context: GatewayContext) {
        const schema = apiSchema();
        if (!schema) throw new Error('the schema is not loaded yet');
        if (!isOneOf(purposes, args.purpose)) {
          throw codedError('BAD_USER_INPUT', `purpose must be one of: ${purposes.join(', ')}.`);
        }
        const subject = args.principal
          ? statedPrincipal(context.identity.principal, args.principal)
          : context.identity.principal;
        const read = readOperation(schema, args.operation, args.operationName ?? undefined, {
          maxTokens,
          principal: context.identity.principal,
        });
        if (!read.ok) throw codedError('BAD_USER_INPUT', read.message);
        const { document, operation } = read;
        // One's own grants count; a stated principal's are not the caller's to see.
        const grants = args.principal ? [] : await context.grants();
        return explain(subject, args.purpose, { schema, document, operation }, grants).map((decision) => ({
          ...decision,
          effect: decision.effect.toUpperCase(),
        }));
      },
    },
  };
  // Apollo types resolvers with an unknown context; the gateway passes its own to local subgraphs.
  return buildSubgraphSchema({ typeDefs: hubSubgraph.typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> });
}

/** Explaining for someone else shows what they may see: an oversight auditor's task, nobody else's. */
function statedPrincipal(caller: Principal, stated: NonNullable<ExplainArguments['principal']>): Principal {
  if (caller.agency !== 'oversight' || !caller.roles.includes('auditor')) {
    throw codedError('FORBIDDEN', 'Only oversight auditors may explain the rules for another principal.');
  }
  const read = principalFromClaims({ ...stated, privileges: stated.privileges ?? [], iss: 'stated', sub: 'stated' });
  if (!read.ok) throw codedError('BAD_USER_INPUT', `The stated principal is not valid: ${read.problems.join('; ')}.`);
  return read.principal;
}
