import { Kind, visit, type DirectiveNode, type DocumentNode } from 'graphql';

const conditionsByDocument = new WeakMap<DocumentNode, readonly string[]>();

/**
 * The variables an operation's `@include` and `@skip` read, in order; none for most operations. Read once
 * per document (the filter asks at every request; documents are cached).
 */
export function conditionVariables(document: DocumentNode): readonly string[] {
  let names = conditionsByDocument.get(document);
  if (names) return names;
  const found = new Set<string>();
  visit(document, {
    Directive(node) {
      const condition = conditionOf(node);
      if (condition?.value.kind === Kind.VARIABLE) found.add(condition.value.name.value);
    },
  });
  conditionsByDocument.set(document, (names = [...found]));
  return names;
}

/**
 * The document with each `@include(if: $v)` and `@skip(if: $v)` given its variable's value. The query
 * planner skips a fetch whose every field such a variable drops, and the object those fields belonged to
 * then comes back null instead of empty (apollographql/federation#1791); written as a literal, the
 * condition is applied before planning and the object is `{}`, as graphql-js answers it. Run on the
 * filtered document only: the filter finds denied fields by node, and this makes new ones.
 */
export function inlineConditions(document: DocumentNode, variables: Readonly<Record<string, unknown>>): DocumentNode {
  return visit(document, {
    Directive(node) {
      const condition = conditionOf(node);
      if (condition?.value.kind !== Kind.VARIABLE) return undefined;
      const value = { kind: Kind.BOOLEAN, value: variables[condition.value.name.value] === true } as const;
      return { ...node, arguments: [{ ...condition, value }] };
    },
  });
}

/** The `if` argument of an `@include` or `@skip`; undefined for any other directive. */
function conditionOf(node: DirectiveNode) {
  if (node.name.value !== 'include' && node.name.value !== 'skip') return undefined;
  return node.arguments?.find((argument) => argument.name.value === 'if');
}
