import {
  getNamedType,
  isListType,
  isNonNullType,
  isObjectType,
  isAbstractType,
  Kind,
  valueFromASTUntyped,
  type DocumentNode,
  type GraphQLCompositeType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { codedError, fragmentsOf } from '@tessera/policies';

/** The limits every operation must stay within; each refusal has its own code. */
export interface OperationLimits {
  readonly maxDepth: number;
  readonly maxAliases: number;
  readonly maxDirectives: number;
  readonly maxRootFields: number;
  /** Fields read, each multiplied by the sizes of the lists above it. */
  readonly maxCost: number;
}

/** A list's assumed size when the operation does not say (no `limit`, `first` or list argument). */
const assumedListSize = 10;

/** Measures an operation once (fragments included) and refuses it at the first limit it exceeds. */
export function enforceOperationLimits(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
  limits: OperationLimits,
): void {
  const fragments = fragmentsOf(document);
  let aliases = 0;
  let directives = operation.directives?.length ?? 0;
  let depth = 0;
  let cost = 0;
  const rootFields = operation.selectionSet.selections.length;

  const visit = (
    selectionSet: SelectionSetNode,
    type: GraphQLCompositeType,
    level: number,
    multiplier: number,
    seen: ReadonlySet<string>,
  ) => {
    depth = Math.max(depth, level);
    for (const selection of selectionSet.selections) {
      directives += selection.directives?.length ?? 0;
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) aliases++;
        // A union has no fields of its own: its members' are reached through fragments.
        const field = 'getFields' in type ? type.getFields()[selection.name.value] : undefined;
        cost += multiplier;
        if (!selection.selectionSet || !field) continue;
        const size = isList(field.type) ? listSize(selection.arguments ?? [], variables) : 1;
        const named = getNamedType(field.type);
        if (isObjectType(named) || isAbstractType(named))
          visit(selection.selectionSet, named, level + 1, multiplier * size, seen);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        if (condition && (isObjectType(condition) || isAbstractType(condition)))
          visit(selection.selectionSet, condition, level, multiplier, seen);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || seen.has(fragment.name.value)) continue;
        const condition = schema.getType(fragment.typeCondition.name.value);
        if (condition && (isObjectType(condition) || isAbstractType(condition))) {
          visit(fragment.selectionSet, condition, level, multiplier, new Set([...seen, fragment.name.value]));
        }
      }
    }
  };
  const root = schema.getRootType(operation.operation);
  if (root) visit(operation.selectionSet, root, 1, 1, new Set());

  const refuse = (code: Parameters<typeof codedError>[0], what: string, value: number, limit: number) => {
    throw codedError(code, `The operation ${what} (${value}); the limit is ${limit}.`, {
      refuseRequest: true,
      extensions: { limit, value },
    });
  };
  if (rootFields > limits.maxRootFields)
    refuse('TOO_MANY_ROOT_FIELDS', 'asks for too many root fields', rootFields, limits.maxRootFields);
  if (depth > limits.maxDepth) refuse('QUERY_TOO_DEEP', 'nests too deep', depth, limits.maxDepth);
  if (aliases > limits.maxAliases) refuse('TOO_MANY_ALIASES', 'uses too many aliases', aliases, limits.maxAliases);
  if (directives > limits.maxDirectives)
    refuse('TOO_MANY_DIRECTIVES', 'uses too many directives', directives, limits.maxDirectives);
  if (cost > limits.maxCost) refuse('QUERY_TOO_COMPLEX', 'costs too much', cost, limits.maxCost);
}

function isList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

/** The size a list field will have: its `limit` or `first`, or the length of a list argument. */
function listSize(
  args: readonly { name: { value: string }; value: Parameters<typeof valueFromASTUntyped>[0] }[],
  variables: Readonly<Record<string, unknown>>,
): number {
  for (const argument of args) {
    const value = valueFromASTUntyped(argument.value, variables);
    if ((argument.name.value === 'limit' || argument.name.value === 'first') && typeof value === 'number')
      return Math.max(1, value);
    if (Array.isArray(value)) return Math.max(1, value.length);
  }
  return assumedListSize;
}
