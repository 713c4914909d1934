import { parse, type OperationDefinitionNode } from 'graphql';
import { expect, test } from 'vitest';
import { countHitSubjects } from '../src/guard/useHitAllowance.ts';

const count = (text: string, variables: Record<string, unknown> = {}) => {
  const document = parse(text);
  return countHitSubjects(document, document.definitions[0] as OperationDefinitionNode, variables);
};

test('counts the subjects of every hits field: literal lists, variables, aliases and fragments', () => {
  expect(count('{ hits(nationalIds: ["AA0000001", "AA0000002"]) { subject } }')).toBe(2);
  expect(count('query($ids: [ID!]!) { hits(nationalIds: $ids) { subject } }', { ids: ['a', 'b', 'c'] })).toBe(3);
  expect(
    count(
      '{ a: hits(nationalIds: ["x"]) { subject } ...F } fragment F on Query { b: hits(nationalIds: ["y", "z"]) { subject } }',
    ),
  ).toBe(3);
  expect(count('{ ... on Query { hits(nationalIds: ["x"]) { subject } } }')).toBe(1);
  expect(count('{ person(nationalId: "AA0000001") { familyName } }')).toBe(0);
});

test('a fragment spread many times is walked once: the count stays linear in the document', () => {
  const spreads = Array.from({ length: 50 }, () => '...F').join(' ');
  expect(count(`{ ${spreads} } fragment F on Query { hits(nationalIds: ["x"]) { subject } }`)).toBe(1);
});
