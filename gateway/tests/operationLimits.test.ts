import { buildSchema, getOperationAST, parse } from 'graphql';
import { describe, expect, test } from 'vitest';
import { enforceOperationLimits, type OperationLimits } from '../src/guard/operationLimits.ts';

const schema = buildSchema(`
  type Query { person(id: ID!): Person, people(ids: [ID!]!): [Person], search(limit: Int = 50): [Person] }
  type Person { name: String, friends(first: Int): [Person], record: Record }
  type Record { id: ID, notes: [String] }
`);
const limits: OperationLimits = { maxDepth: 6, maxAliases: 5, maxDirectives: 5, maxRootFields: 3, maxCost: 1000 };

function refusal(query: string, variables: Record<string, unknown> = {}): unknown {
  const document = parse(query);
  const operation = getOperationAST(document)!;
  try {
    enforceOperationLimits(schema, document, operation, variables, limits);
    return undefined;
  } catch (error) {
    const { code, value } = (error as { extensions: { code: string; value: number } }).extensions;
    return [code, value];
  }
}

describe('operation limits', () => {
  test('an operation within every limit passes', () => {
    expect(refusal('{ person(id: "1") { name friends(first: 3) { name } } }')).toBeUndefined();
  });

  test('cost multiplies by the lists above, from first, a list argument or the schema default', () => {
    expect(refusal('{ search { friends(first: 30) { name } } }')).toEqual(['QUERY_TOO_COMPLEX', 1 + 50 * (1 + 30)]);
    expect(refusal('query($n: Int = 40) { search(limit: $n) { friends(first: 30) { name } } }')).toEqual([
      'QUERY_TOO_COMPLEX',
      1 + 40 * 31,
    ]);
    expect(refusal('query($ids: [ID!]!) { people(ids: $ids) { name } }', { ids: ['1', '2'] })).toBeUndefined();
  });

  test('a fragment counts at every spread, and is weighed once however often it is spread', () => {
    const fragments = Array.from({ length: 40 }, (_, n) =>
      n === 39 ? `fragment F${n} on Person { name }` : `fragment F${n} on Person { ...F${n + 1} ...F${n + 1} }`,
    );
    expect(refusal(`{ person(id: "1") { ...F0 } } ${fragments.join(' ')}`)).toEqual(['QUERY_TOO_COMPLEX', 2 ** 39 + 1]);
  });

  test('root fields are counted through fragments, once per response key', () => {
    expect(
      refusal(
        '{ ...R } fragment R on Query { a: person(id: "1") { name } b: person(id: "2") { name } c: person(id: "3") { name } d: person(id: "4") { name } }',
      ),
    ).toEqual(['TOO_MANY_ROOT_FIELDS', 4]);
    expect(refusal('{ ...R ...R } fragment R on Query { a: person(id: "1") { name } }')).toBeUndefined();
  });

  test('depth counts nested selection sets, through fragments', () => {
    const deep =
      '{ person(id: "1") { ...A } } fragment A on Person { friends { friends { friends { friends { friends { friends { name } } } } } } }';
    expect(refusal(deep)).toEqual(['QUERY_TOO_DEEP', 8]);
  });

  test('aliases and directives count where they are written, at each spread', () => {
    expect(refusal('{ person(id: "1") { ...A ...A ...A } } fragment A on Person { x: name y: name }')).toEqual([
      'TOO_MANY_ALIASES',
      6,
    ]);
  });
});
