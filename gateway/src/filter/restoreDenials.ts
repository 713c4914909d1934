import {
  getDirectiveValues,
  getNamedType,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isAbstractType,
  isObjectType,
  type DocumentNode,
  type FieldNode,
  type GraphQLCompositeType,
  type GraphQLError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { forbiddenError, forbiddenErrorAt, fragmentsOf, walkSelections, type Decision } from '@tessera/policies';
import { typenameKey } from './filterDocument.ts';

type Withheld = { readonly coordinate: string; readonly decision: Decision };
type Denied = ReadonlyMap<FieldNode, Withheld>;
type ResponseObject = Record<string, unknown>;

/**
 * Puts back, in the response to the filtered document, each withheld field of the original operation:
 * `null` at its exact path (aliases and list positions included) with a FORBIDDEN error naming the
 * field, the rule and its legal basis. Also removes the typenames the filter asked for.
 */
export function restoreDenials(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
  denied: Denied,
  data: ResponseObject,
): GraphQLError[] {
  const fragments = fragmentsOf(document);
  const errors: GraphQLError[] = [];
  // A field withheld at many paths (every record of a list) has its error made once, then copied per path.
  const firstErrors = new Map<Withheld, GraphQLError>();
  const errorAt = (withheld: Withheld, path: readonly (string | number)[]) => {
    const first = firstErrors.get(withheld);
    if (first) return forbiddenErrorAt(first, path);
    const error = forbiddenError(withheld.coordinate, withheld.decision, path);
    firstErrors.set(withheld, error);
    return error;
  };
  const enteredOn = new WeakMap<ResponseObject, Set<SelectionSetNode>>();
  const included = (node: FieldNode | SelectionSetNode['selections'][number]) => {
    if (!node.directives?.length) return true;
    if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
    return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;
  };

  /** Applies a selection set to one object of the response; true if it put a withheld field back. */
  const visitObject = (
    selectionSet: SelectionSetNode,
    type: GraphQLCompositeType,
    value: ResponseObject,
    path: (string | number)[],
    order: string[],
    entered: Set<SelectionSetNode>,
  ): boolean => {
    const runtimeType = isAbstractType(type) ? schema.getType(String(value[typenameKey])) : type;
    let inserted = false;
    // A selection set spread twice on one object (a fragment in two places) is applied once: the walk
    // stays linear in the document, and each withheld field is reported once.
    walkSelections(schema, fragments, selectionSet, type, {
      entered,
      included,
      applies: (condition) => !!runtimeType && applies(schema, condition.name, runtimeType.name),
      field(selection) {
        const key = selection.alias?.value ?? selection.name.value;
        order.push(key);
        const withheld = denied.get(selection);
        if (withheld) {
          value[key] = null;
          inserted = true;
          errors.push(errorAt(withheld, [...path, key]));
          return;
        }
        const child = value[key];
        if (!selection.selectionSet || child === null || child === undefined || !isObjectType(runtimeType)) return;
        const fieldType = runtimeType.getFields()[selection.name.value]?.type;
        const childType = fieldType ? getNamedType(fieldType) : undefined;
        if (childType && (isObjectType(childType) || isAbstractType(childType))) {
          visitValue(selection.selectionSet, childType, child, [...path, key]);
        }
      },
    });
    return inserted;
  };

  const visitValue = (
    selectionSet: SelectionSetNode,
    type: GraphQLCompositeType,
    value: unknown,
    path: (string | number)[],
  ) => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => item !== null && visitValue(selectionSet, type, item, [...path, index]));
    } else if (typeof value === 'object' && value !== null) {
      const object = value as ResponseObject;
      const order: string[] = [];
      const entered = enteredOn.get(object) ?? new Set();
      enteredOn.set(object, entered);
      if (visitObject(selectionSet, type, object, path, order, entered)) inSelectionOrder(object, order);
      delete object[typenameKey];
    }
  };

  const root = schema.getRootType(operation.operation);
  if (root) visitValue(operation.selectionSet, root, data, []);
  return errors;
}

function applies(schema: GraphQLSchema, conditionName: string, runtimeTypeName: string): boolean {
  if (conditionName === runtimeTypeName) return true;
  const condition = schema.getType(conditionName);
  const runtime = schema.getType(runtimeTypeName);
  return !!condition && isAbstractType(condition) && isObjectType(runtime) && schema.isSubType(condition, runtime);
}

/** Re-inserts an object's keys in the order the operation selected them, as a GraphQL response has them. */
function inSelectionOrder(object: Record<string, unknown>, order: readonly string[]): void {
  const entries = [...new Set(order)].filter((key) => key in object).map((key) => [key, object[key]] as const);
  for (const [key, value] of entries) {
    delete object[key];
    object[key] = value;
  }
}
