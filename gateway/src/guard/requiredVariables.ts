import { isNonNullType, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from 'graphql';

const requiredByDocument = new WeakMap<DocumentNode, { schema: GraphQLSchema; names: ReadonlySet<string> }>();

/**
 * The variables an operation uses where a value is required: a non-null argument (an `@include` or
 * `@skip` condition too), input field or list item. A variable declared nullable with a default may
 * stand there, and given an explicit null it passes its declared type; graphql-js refuses it only when
 * it executes the field, which here is inside an owner. Found once per document.
 */
export function requiredVariables(schema: GraphQLSchema, document: DocumentNode): ReadonlySet<string> {
  const known = requiredByDocument.get(document);
  if (known?.schema === schema) return known.names;
  const names = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Variable(node) {
        if (isNonNullType(typeInfo.getInputType())) names.add(node.name.value);
      },
    }),
  );
  requiredByDocument.set(document, { schema, names });
  return names;
}
