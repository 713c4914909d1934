import { getNamedType, isObjectType, type GraphQLSchema } from 'graphql';

/**
 * The fields an owner's record tree offers, from its field of `Person` down: what a follow-up may ask
 * for, and, for each type in it, the fields on the way to it from the person.
 */
export function recordTree(schema: GraphQLSchema, owner: string) {
  const person = schema.getType('Person');
  const root = isObjectType(person) ? person.getFields()[owner] : undefined;
  const start = root ? getNamedType(root.type) : undefined;
  // Breadth first, so each type is reached by its shortest path; each type once, so the walk is linear.
  const pathTo = new Map<string, readonly string[]>();
  if (start && isObjectType(start)) {
    pathTo.set(start.name, [`Person.${owner}`]);
    const queue = [start];
    for (let type = queue.shift(); type; type = queue.shift()) {
      for (const field of Object.values(type.getFields())) {
        const next = getNamedType(field.type);
        if (!isObjectType(next) || pathTo.has(next.name)) continue;
        pathTo.set(next.name, [...pathTo.get(type.name)!, `${type.name}.${field.name}`]);
        queue.push(next);
      }
    }
  }
  return {
    /** Whether `Type.field` is a field of the owner's record tree. */
    offers(coordinate: string): boolean {
      const [typeName, fieldName] = coordinate.split('.');
      const type = typeName ? schema.getType(typeName) : undefined;
      return (
        pathTo.has(typeName ?? '') && isObjectType(type) && fieldName !== undefined && fieldName in type.getFields()
      );
    },
    /** The fields asked for, and every field on the way to them from the person. */
    withPaths(fields: readonly string[]): string[] {
      const all = new Set<string>();
      for (const field of fields) {
        for (const step of pathTo.get(field.split('.')[0] ?? '') ?? []) all.add(step);
        all.add(field);
      }
      return [...all].sort();
    },
  };
}
