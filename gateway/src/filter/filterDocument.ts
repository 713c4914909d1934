import {
  isAbstractType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';

/**
 * The response key under which the filter asks for `__typename` where it needs it: in a selection set
 * left empty by the filter (the planner refuses an empty one), and under an abstract type (to know
 * which fragments applied). It is removed from the response before the client sees it.
 */
export const typenameKey = 'tesseraTypename__';

const typenameField: FieldNode = {
  kind: Kind.FIELD,
  alias: { kind: Kind.NAME, value: typenameKey },
  name: { kind: Kind.NAME, value: '__typename' },
};

/** Removes the denied fields from a document, wherever they stand (operation or fragment). */
export function filterDocument(
  schema: GraphQLSchema,
  document: DocumentNode,
  denied: ReadonlySet<FieldNode>,
): DocumentNode {
  const typeInfo = new TypeInfo(schema);
  return visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field: { enter: (node) => (denied.has(node) ? null : undefined) },
      SelectionSet: {
        leave(node: SelectionSetNode): SelectionSetNode | undefined {
          const parent = typeInfo.getParentType();
          if (node.selections.length > 0 && !(parent && isAbstractType(parent))) return undefined;
          return { ...node, selections: [...node.selections, typenameField] };
        },
      },
    }),
  );
}
