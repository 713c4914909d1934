import {
  isAbstractType,
  isObjectType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';

/** How one walk goes through a selection set: what it does at each field, and what it enters. */
export interface SelectionWalk {
  /** Each field selected, with the type in scope where it is written. */
  readonly field: (node: FieldNode, scope: GraphQLCompositeType) => void;
  /** Whether a selection is entered (its @skip and @include, as executed); default: every one. */
  readonly included?: (selection: SelectionNode) => boolean;
  /** Whether a fragment's type condition applies; default: every fragment (a walk of the document). */
  readonly applies?: (condition: GraphQLCompositeType) => boolean;
  /**
   * The selection sets this walk has entered already: each is entered once, however often its fragment
   * is spread, so every walk is linear in the document's size.
   */
  readonly entered: Set<SelectionSetNode>;
}

/**
 * Walks a selection set the way GraphQL collects fields: through aliases, inline fragments and named
 * fragments (their type conditions and directives as the walk decides), calling `field` for each field.
 * Walks into a field's own selection set are the caller's, from its `field`.
 */
export function walkSelections(
  schema: GraphQLSchema,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  selectionSet: SelectionSetNode,
  scope: GraphQLCompositeType,
  walk: SelectionWalk,
): void {
  if (walk.entered.has(selectionSet)) return;
  walk.entered.add(selectionSet);
  for (const selection of selectionSet.selections) {
    if (walk.included && !walk.included(selection)) continue;
    if (selection.kind === Kind.FIELD) {
      walk.field(selection, scope);
      continue;
    }
    const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
    if (!fragment) continue;
    const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : scope;
    if (!condition || !(isObjectType(condition) || isAbstractType(condition))) continue;
    if (walk.applies && !walk.applies(condition)) continue;
    walkSelections(schema, fragments, fragment.selectionSet, condition, walk);
  }
}
