import {
  getArgumentValues,
  getNamedType,
  isAbstractType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type GraphQLField,
  type GraphQLCompositeType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { coerceVariables } from './coerceVariables.ts';
import { codedError, fragmentsOf, walkSelections } from '@tessera/policies';

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

/** What a selection set weighs, as if spread once at level 1 under no list. */
interface Weight {
  /** Nested selection sets, this one included. */
  readonly depth: number;
  readonly aliases: number;
  readonly directives: number;
  readonly cost: number;
}

/**
 * Measures an operation as executed, its variables as the executor will see them (refused as bad input
 * when they are not what the operation declares), fragments counted at every spread, and refuses it at
 * the first limit it exceeds. Each fragment is weighed once and its weight reused at every spread, so
 * the walk is linear in the document's size: twenty fragments each spreading the next twice cost
 * twenty weighings, not a million. Returns the variables it measured with.
 */
export function enforceOperationLimits(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  sentVariables: Readonly<Record<string, unknown>> | undefined,
  limits: OperationLimits,
): Record<string, unknown> {
  const variables = coerceVariables(schema, document, operation, sentVariables);
  const fragments = fragmentsOf(document);
  const fragmentWeights = new Map<string, Weight>();
  const none: Weight = { depth: 0, aliases: 0, directives: 0, cost: 0 };

  const weigh = (selectionSet: SelectionSetNode, type: GraphQLCompositeType): Weight => {
    let depth = 1;
    let aliases = 0;
    let directives = 0;
    let cost = 0;
    // Aliases and directives count once per place they are written (a fragment's at each spread);
    // cost counts once per value read, so it grows with the lists above it.
    const add = (weight: Weight, levels: number, listSize: number) => {
      depth = Math.max(depth, weight.depth + levels);
      aliases += weight.aliases;
      directives += weight.directives;
      cost += weight.cost * listSize;
    };
    for (const selection of selectionSet.selections) {
      directives += selection.directives?.length ?? 0;
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) aliases++;
        cost += 1;
        // A union has no fields of its own: its members' are reached through fragments.
        const field = 'getFields' in type ? type.getFields()[selection.name.value] : undefined;
        if (!selection.selectionSet || !field) continue;
        const named = getNamedType(field.type);
        if (!isObjectType(named) && !isAbstractType(named)) continue;
        const size = isList(field.type) ? listSize(field, selection, variables) : 1;
        add(weigh(selection.selectionSet, named), 1, size);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        if (condition && (isObjectType(condition) || isAbstractType(condition)))
          add(weigh(selection.selectionSet, condition), 0, 1);
      } else {
        add(weighFragment(selection.name.value), 0, 1);
      }
    }
    return { depth, aliases, directives, cost };
  };

  const weighFragment = (name: string): Weight => {
    const known = fragmentWeights.get(name);
    if (known) return known;
    // Validation refuses fragment cycles before this runs; should one get here, it weighs nothing.
    fragmentWeights.set(name, none);
    const fragment = fragments.get(name);
    const condition = fragment ? schema.getType(fragment.typeCondition.name.value) : undefined;
    const weight =
      fragment && condition && (isObjectType(condition) || isAbstractType(condition))
        ? weigh(fragment.selectionSet, condition)
        : none;
    fragmentWeights.set(name, weight);
    return weight;
  };

  const root = schema.getRootType(operation.operation);
  const weight = root ? weigh(operation.selectionSet, root) : none;
  const rootFields = rootResponseKeys(schema, operation, fragments);
  const directives = weight.directives + (operation.directives?.length ?? 0);

  const refuse = (code: Parameters<typeof codedError>[0], what: string, value: number, limit: number) => {
    throw codedError(code, `The operation ${what} (${value}); the limit is ${limit}.`, {
      refuseRequest: true,
      extensions: { limit, value },
    });
  };
  if (rootFields > limits.maxRootFields)
    refuse('TOO_MANY_ROOT_FIELDS', 'asks for too many root fields', rootFields, limits.maxRootFields);
  if (weight.depth > limits.maxDepth) refuse('QUERY_TOO_DEEP', 'nests too deep', weight.depth, limits.maxDepth);
  if (weight.aliases > limits.maxAliases)
    refuse('TOO_MANY_ALIASES', 'uses too many aliases', weight.aliases, limits.maxAliases);
  if (directives > limits.maxDirectives)
    refuse('TOO_MANY_DIRECTIVES', 'uses too many directives', directives, limits.maxDirectives);
  if (weight.cost > limits.maxCost) refuse('QUERY_TOO_COMPLEX', 'costs too much', weight.cost, limits.maxCost);
  return variables;
}

/** The distinct response keys at the root, fragments included: what the root-field limit counts. */
function rootResponseKeys(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: ReturnType<typeof fragmentsOf>,
): number {
  const root = schema.getRootType(operation.operation);
  const keys = new Set<string>();
  if (root) {
    walkSelections(schema, fragments, operation.selectionSet, root, {
      entered: new Set(),
      field: (selection) => keys.add(selection.alias?.value ?? selection.name.value),
    });
  }
  return keys.size;
}

function isList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

/**
 * The size a list field will have: its `limit` or `first` (the schema's default when not given), or the
 * length of a list argument; arguments are read as executed, variables' defaults included.
 */
function listSize(
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  variables: Readonly<Record<string, unknown>>,
): number {
  let values: Record<string, unknown>;
  try {
    values = getArgumentValues(field, node, variables);
  } catch {
    // Arguments the executor would refuse: the request fails there, and weighs nothing more here.
    return 1;
  }
  for (const [name, value] of Object.entries(values)) {
    if ((name === 'limit' || name === 'first') && typeof value === 'number') return Math.max(1, value);
    if (Array.isArray(value)) return Math.max(1, value.length);
  }
  return assumedListSize;
}
