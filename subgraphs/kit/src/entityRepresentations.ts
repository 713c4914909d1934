import { isUnionType, Kind, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { codedError } from '@tessera/policies';

/**
 * Lets the subgraph's `_entities` take only representations of its own entity types, each with its key fields as
 * text: anything else is the caller's mistake, refused as bad input. Apollo's resolver throws a plain error for a
 * type the subgraph does not have or a representation that is no object (masked, it read as the owner's failure),
 * and hands an object type that is not an entity the representation itself as its value.
 */
export function checkRepresentations(schema: GraphQLSchema): GraphQLSchema {
  const entityUnion = schema.getType('_Entity');
  const entities = schema.getQueryType()?.getFields()._entities;
  if (!isUnionType(entityUnion) || !entities?.resolve) return schema;
  const keysOf = new Map(entityUnion.getTypes().map((type) => [type.name, keysOfType(type)]));
  const resolve = entities.resolve;
  entities.resolve = (source, args: { representations: readonly unknown[] }, context, info) => {
    // On every entity fetch of every plan: nothing is made for a representation that is right.
    const problems: string[] = [];
    args.representations.forEach((representation, index) => {
      const problem = problemOf(representation, keysOf);
      if (problem) problems.push(`representations[${index}]: ${problem}`);
    });
    if (problems.length > 0) {
      throw codedError('BAD_USER_INPUT', `Not an entity of this subgraph: ${problems.join('; ')}.`);
    }
    return resolve(source, args, context, info);
  };
  return schema;
}

/** What is wrong with a representation, if anything. */
function problemOf(
  representation: unknown,
  keysOf: ReadonlyMap<string, readonly (readonly string[])[]>,
): string | undefined {
  if (typeof representation !== 'object' || representation === null || Array.isArray(representation)) {
    return 'not an object';
  }
  const fields = representation as Record<string, unknown>;
  const keys = typeof fields.__typename === 'string' ? keysOf.get(fields.__typename) : undefined;
  if (!keys) return `__typename must be one of ${[...keysOf.keys()].join(', ')}`;
  if (keys.some((key) => key.every((field) => typeof fields[field] === 'string'))) return undefined;
  return `a ${fields.__typename} needs ${keys.map((key) => key.join(' and ')).join(', or ')} as text`;
}

/** Each `@key` of a type as its fields: the keys of this hub are a field or a few, never a nested selection. */
function keysOfType(type: GraphQLObjectType): string[][] {
  return [type.astNode, ...type.extensionASTNodes]
    .flatMap((node) => node?.directives ?? [])
    .filter((directive) => directive.name.value === 'key')
    .map((directive) => {
      const fields = directive.arguments?.find((argument) => argument.name.value === 'fields')?.value;
      if (fields?.kind !== Kind.STRING || /[{}]/.test(fields.value)) {
        const key = fields?.kind === Kind.STRING ? fields.value : 'without its fields as text';
        throw new Error(`${type.name} @key(fields: ${key}): only keys of plain fields are supported`);
      }
      return fields.value.split(/[\s,]+/).filter(Boolean);
    });
}
