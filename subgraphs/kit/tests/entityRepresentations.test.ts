import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, parse, type GraphQLSchema } from 'graphql';
import { expect, test } from 'vitest';
import { checkRepresentations } from '../src/entityRepresentations.ts';

const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key"])
  type Query {
    ping: String
  }
  type Person @key(fields: "nationalId") @key(fields: "issuer number") {
    nationalId: ID
    issuer: String
    number: String
    name: String
  }
  type Note {
    text: String
  }
`);

const schema = checkRepresentations(
  buildSubgraphSchema({
    typeDefs,
    resolvers: { Person: { __resolveReference: (reference: object) => ({ ...reference, name: 'found' }) } },
  }),
);

async function entities(target: GraphQLSchema, representations: unknown[]) {
  return execute({
    schema: target,
    document: parse('query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { name } } }'),
    variableValues: { r: representations },
  });
}

test('representations with either key of an entity of the schema are resolved', async () => {
  const result = await entities(schema, [
    { __typename: 'Person', nationalId: 'A1' },
    { __typename: 'Person', issuer: 'X', number: '7' },
  ]);
  expect(result).toEqual({ data: { _entities: [{ name: 'found' }, { name: 'found' }] } });
});

test.each([
  [{ __typename: 'Note', text: 'x' }, '__typename must be one of Person'],
  [{ __typename: 'Person', issuer: 'X' }, 'a Person needs nationalId, or issuer and number as text'],
  [{ __typename: 'Person', nationalId: 7 }, 'a Person needs nationalId, or issuer and number as text'],
  ['Person', 'not an object'],
  [[{ __typename: 'Person', nationalId: 'A1' }], 'not an object'],
])('%j is refused as bad input, by its position and its problem', async (representation, problem) => {
  const result = await entities(schema, [{ __typename: 'Person', nationalId: 'A1' }, representation]);
  expect(result.data).toBeNull();
  expect(result.errors?.map((error) => [error.extensions.code, error.message])).toEqual([
    ['BAD_USER_INPUT', `Not an entity of this subgraph: representations[1]: ${problem}.`],
  ]);
});

test('a key of nested fields is refused when the schema is built, not misread later', () => {
  const nested = parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key"])
    type Query {
      ping: String
    }
    type Card @key(fields: "owner { id }") {
      owner: Owner
    }
    type Owner {
      id: ID
    }
  `);
  expect(() => checkRepresentations(buildSubgraphSchema({ typeDefs: nested }))).toThrow(/only keys of plain fields/);
});

test('a schema without entities is left as it is', () => {
  const plain = buildSubgraphSchema({ typeDefs: parse(`type Query { ping: String }`) });
  expect(checkRepresentations(plain)).toBe(plain);
});
