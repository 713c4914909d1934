import {
  getNamedType,
  isAbstractType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { decide } from './decide.ts';
import { walkSelections } from './walkSelections.ts';
import type { Principal } from './principal.ts';
import type { Decision } from './rule.ts';
import type { DisclosureGrant } from './disclosureGrant.ts';
import type { Purpose } from './vocabulary.ts';

/** One field an operation selects: where it lands in the response, and which schema fields it reads. */
export interface FieldSelection {
  /** Response keys from the root, aliases as written, list positions left out: `person.police.markers`. */
  readonly path: string;
  /** `Type.field` for each object type the field can be read from (several under an interface or union). */
  readonly coordinates: readonly string[];
  readonly node: FieldNode;
}

/**
 * Every field an operation selects, through aliases, fragments, inline fragments and abstract types.
 * `__typename` and introspection fields are left out: they read the schema, not the data. Each
 * selection set is walked once, however often its fragment is spread (its fields are reported under
 * the path of the first spread), so the walk is linear in the document's size.
 */
export function selectedFields(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  document: DocumentNode,
): FieldSelection[] {
  const fragments = fragmentsOf(document);
  const root = schema.getRootType(operation.operation);
  const selections: FieldSelection[] = [];
  const entered = new Set<SelectionSetNode>();
  const walkAt = (selectionSet: SelectionSetNode, scope: GraphQLCompositeType, path: string) =>
    walkSelections(schema, fragments, selectionSet, scope, {
      entered,
      field(selection, parentType) {
        const name = selection.name.value;
        if (name.startsWith('__')) return;
        const responseKey = selection.alias?.value ?? name;
        const fieldPath = path ? `${path}.${responseKey}` : responseKey;
        const readable = possibleObjectTypes(schema, parentType).filter((type) => type.getFields()[name]);
        selections.push({
          path: fieldPath,
          coordinates: readable.map((type) => `${type.name}.${name}`),
          node: selection,
        });
        const fieldType = readable[0]?.getFields()[name]?.type;
        const namedType = fieldType ? getNamedType(fieldType) : undefined;
        if (selection.selectionSet && namedType && (isObjectType(namedType) || isAbstractType(namedType))) {
          walkAt(selection.selectionSet, namedType, fieldPath);
        }
      },
    });
  if (root) walkAt(operation.selectionSet, root, '');
  return selections;
}

/** A document's fragment definitions by name. */
export function fragmentsOf(document: DocumentNode): ReadonlyMap<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return fragments;
}

function possibleObjectTypes(schema: GraphQLSchema, type: GraphQLCompositeType): readonly GraphQLObjectType[] {
  return isAbstractType(type) ? schema.getPossibleTypes(type) : [type];
}

/** A field's decision, as `explain` reports it. */
export interface FieldDecision extends Decision {
  readonly path: string;
  readonly coordinate: string;
}

/**
 * The decision on every field an operation touches, for a principal and a purpose: what the gateway
 * will release, withhold or leave to the owner's record rules, and under which clause.
 */
export function explain(
  principal: Principal,
  purpose: Purpose | null,
  operation: { schema: GraphQLSchema; document: DocumentNode; operation: OperationDefinitionNode },
  grants: readonly DisclosureGrant[] = [],
): FieldDecision[] {
  return selectedFields(operation.schema, operation.operation, operation.document).flatMap((selection) =>
    selection.coordinates.map((coordinate) => ({
      path: selection.path,
      coordinate,
      ...decide(principal, purpose, coordinate, undefined, grants),
    })),
  );
}
