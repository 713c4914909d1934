import type { ApolloServerPlugin } from '@apollo/server';
import {
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { codedError, hitCheckField } from '@tessera/policies';
import type { GatewayContext } from '../context.ts';
import type { RateLimiter } from './createRateLimiter.ts';

/**
 * A hit check costs its subjects, not one request: a bulk check of 1,000 travellers takes 1,000 from
 * the principal's hit allowance, so a scripted sweep of the population is slowed to what a border
 * post needs. Charged once the operation is resolved, before any owner is asked.
 */
export function useHitAllowance(rateLimiter: RateLimiter): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, contextValue }) {
          if (!operation) return;
          const subjects = countHitSubjects(document, operation, request.variables ?? {});
          if (subjects === 0) return;
          const wait = await rateLimiter.takeHitSubjects(contextValue.identity.principal, subjects);
          if (wait > 0) {
            throw codedError('RATE_LIMITED', `Too many subjects checked; retry in ${wait} s.`, {
              refuseRequest: true,
              headers: { 'retry-after': String(wait) },
            });
          }
        },
      };
    },
  };
}

/** The subjects every `hits` root field of the operation asks about, through fragments, each fragment once. */
export function countHitSubjects(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
): number {
  if (operation.operation !== 'query') return 0;
  const fragments = new Map(
    document.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const seen = new Set<string>();
  const count = (selectionSet: SelectionSetNode): number => {
    let subjects = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value !== hitCheckField) continue;
        const argument = selection.arguments?.find((candidate) => candidate.name.value === 'nationalIds')?.value;
        if (argument?.kind === Kind.LIST) subjects += argument.values.length;
        else if (argument?.kind === Kind.VARIABLE) {
          const value = variables[argument.name.value];
          subjects += Array.isArray(value) ? value.length : 1;
        } else subjects += 1;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        subjects += count(selection.selectionSet);
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) subjects += count(fragment.selectionSet);
      }
    }
    return subjects;
  };
  return count(operation.selectionSet);
}
