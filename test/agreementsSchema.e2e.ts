import { buildASTSchema, isNonNullType, isObjectType, type GraphQLSchema } from 'graphql';
import { describe, expect, test } from 'vitest';
import { hubSubgraph } from '@tessera/gateway';
import { agreements, ownerOf } from '@tessera/policies';
import { oversightTypeDefs } from '@tessera/oversight';
import { subgraphs } from '@tessera/hub';

/** Which subgraphs serve the data each agreement's owner holds. */
const servedBy: Record<string, string[]> = {
  police: ['police'],
  customs: ['customs'],
  probation: ['probation'],
  hub: ['register', 'hub', 'oversight'],
};
const schemas = new Map<string, GraphQLSchema>([
  ...subgraphs.map(({ module }) => [module.name, buildASTSchema(module.typeDefs, { assumeValidSDL: true })] as const),
  [hubSubgraph.name, buildASTSchema(hubSubgraph.typeDefs, { assumeValidSDL: true })],
  ['oversight', buildASTSchema(oversightTypeDefs, { assumeValidSDL: true })],
]);
/** Object fields a subgraph serves itself (the federation machinery left out). */
function servedFields(schema: GraphQLSchema) {
  return Object.values(schema.getTypeMap())
    .filter((type) => isObjectType(type) && !type.name.startsWith('_'))
    .flatMap((type) =>
      Object.values((type as ReturnType<GraphQLSchema['getQueryType']> & object).getFields())
        .filter((field) => !field.name.startsWith('_'))
        .map((field) => ({ coordinate: `${type.name}.${field.name}`, field })),
    );
}

/** The keys of the entities the subgraphs share: a person, and the subject of a hit check. */
const entityKeys = new Set(['Person.nationalId', 'HitCheck.subject']);

describe('the agreements and the schemas agree', () => {
  test('every coordinate a rule names is served by the subgraph of the rule’s owner', () => {
    for (const agreement of agreements) {
      const fields = new Set(
        servedBy[agreement.owner]!.flatMap((name) =>
          servedFields(schemas.get(name)!).map((served) => served.coordinate),
        ),
      );
      for (const pattern of [...agreement.owns, ...agreement.rules.flatMap((rule) => rule.fields)]) {
        const found = pattern.endsWith('.*')
          ? [...fields].some((coordinate) => coordinate.startsWith(pattern.slice(0, -1)))
          : fields.has(pattern);
        expect(found, `${agreement.owner}: ${pattern}`).toBe(true);
      }
    }
  });

  test('every field a subgraph serves has an owner, and it is the owner that subgraph serves for', () => {
    for (const [name, schema] of schemas) {
      for (const { coordinate } of servedFields(schema)) {
        const owner = ownerOf(coordinate)?.owner;
        expect(owner, coordinate).toBeDefined();
        // A key is in every subgraph that adds to its entity; releasing it is the national register's.
        if (!entityKeys.has(coordinate)) expect(servedBy[owner!], `${coordinate} in ${name}`).toContain(name);
      }
    }
  });

  test('every field a rule can withhold is nullable, so a denial never nulls its parent', () => {
    for (const [name, schema] of schemas) {
      if (name === 'hub') continue; // explain's answer is policy metadata that nothing withholds
      for (const { coordinate, field } of servedFields(schema)) {
        if (entityKeys.has(coordinate)) continue;
        expect(isNonNullType(field.type), coordinate).toBe(false);
      }
    }
  });
});
