import {
  isObjectType,
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import {
  codedError,
  decide,
  hitCheckField,
  hitCheckType,
  isJustificationRequired,
  isPurposeFree,
  isPurposeGranted,
  selectedFields,
  type Decision,
  type DisclosureGrant,
  type FieldSelection,
  type Principal,
  type Purpose,
} from '@tessera/policies';

/** What the policies decided for one request, before anything is planned. */
export interface AccessPlan {
  /** Each field node to withhold, with the coordinate and decision that withhold it. */
  readonly denied: ReadonlyMap<FieldNode, { readonly coordinate: string; readonly decision: Decision }>;
  /** Some field is released only under a rule whose every use is reviewed (threat to life). */
  readonly reviewRequired: boolean;
}

const selectionCache = new WeakMap<OperationDefinitionNode, FieldSelection[]>();

/**
 * Binds the request's purpose and decides every field the operation selects. Refuses the whole
 * request when it touches personal data without a purpose, without a required justification, or for
 * a purpose no agreement grants the caller.
 */
export function planAccess(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  principal: Principal,
  purpose: Purpose | null,
  justification: string | null,
  grants: readonly DisclosureGrant[] = [],
): AccessPlan {
  let selections = selectionCache.get(operation);
  if (!selections) {
    selections = selectedFields(schema, operation, document);
    selectionCache.set(operation, selections);
  }
  const needsPurpose = selections.some((selection) =>
    selection.coordinates.some((coordinate) => !isPurposeFree(coordinate)),
  );
  if (needsPurpose) requireLawfulPurpose(principal, purpose, justification);
  if (selections.some((selection) => selection.coordinates.includes(`Query.${hitCheckField}`))) {
    refuseHitsNoOwnerAnswers(schema, principal, purpose);
  }
  const denied = new Map<FieldNode, { coordinate: string; decision: Decision }>();
  let reviewRequired = false;
  for (const selection of selections) {
    // To release a field read from several types (an interface, a union), every one must allow it.
    for (const coordinate of selection.coordinates) {
      const decision = decide(principal, purpose, coordinate, undefined, grants);
      if (decision.effect === 'deny' || decision.effect === 'pointer') {
        if (!denied.has(selection.node)) denied.set(selection.node, { coordinate, decision });
      } else if (decision.reviewRequired) {
        reviewRequired = true;
      }
    }
  }
  // A write is all or nothing: one the policies withhold is refused before any owner is asked.
  if (operation.operation === 'mutation') {
    for (const { coordinate, decision } of denied.values()) {
      if (!coordinate.startsWith('Mutation.')) continue;
      throw codedError('FORBIDDEN', `${coordinate} is not yours to call for this purpose (rule ${decision.rule}).`, {
        refuseRequest: true,
        extensions: { coordinate, rule: decision.rule },
      });
    }
  }
  return { denied, reviewRequired };
}

/**
 * A hit check is asked of every owner at once: refused whole, before any owner is asked, unless some
 * owner's agreement gives the caller hits for this purpose.
 */
function refuseHitsNoOwnerAnswers(schema: GraphQLSchema, principal: Principal, purpose: Purpose | null): void {
  const hitCheck = schema.getType(hitCheckType);
  const owners = isObjectType(hitCheck) ? Object.keys(hitCheck.getFields()).filter((field) => field !== 'subject') : [];
  if (owners.some((owner) => decide(principal, purpose, `${hitCheckType}.${owner}`).effect === 'allow')) return;
  throw codedError('FORBIDDEN', `No agreement gives you hits for the purpose ${purpose ?? '(none)'}.`, {
    refuseRequest: true,
    extensions: { purpose },
  });
}

/**
 * What reading personal data asks of every request: a declared purpose, its justification where the
 * purpose needs one, and a clause that grants the caller that purpose.
 */
export function requireLawfulPurpose(
  principal: Principal,
  purpose: Purpose | null,
  justification: string | null,
): asserts purpose is Purpose {
  if (purpose === null) {
    throw codedError('PURPOSE_REQUIRED', 'This operation reads personal data: declare your purpose in X-Purpose.', {
      refuseRequest: true,
    });
  }
  if (isJustificationRequired(purpose) && !justification) {
    throw codedError('PURPOSE_REQUIRED', `The purpose ${purpose} needs a justification in X-Justification.`, {
      refuseRequest: true,
    });
  }
  if (!isPurposeGranted(principal, purpose)) {
    throw codedError('FORBIDDEN', `No agreement grants your agency and role the purpose ${purpose}.`, {
      refuseRequest: true,
      extensions: { purpose },
    });
  }
}
