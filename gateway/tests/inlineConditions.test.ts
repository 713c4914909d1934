import { parse, print } from 'graphql';
import { expect, test } from 'vitest';
import { conditionVariables, inlineConditions } from '../src/filter/inlineConditions.ts';

const operation = `query($a: Boolean!, $b: Boolean!, $n: Int) {
  person(nationalId: "x") { familyName @include(if: $a) ...F police @skip(if: true) { pncId } }
}
fragment F on Person { customs @skip(if: $b) @deprecatedLike(if: $a) { nationality } }`;

test('finds the variables that @include and @skip read, in fragments too, and no others', () => {
  expect(conditionVariables(parse(operation))).toEqual(['a', 'b']);
  expect(conditionVariables(parse('query($n: Int) { people(first: $n) { id } }'))).toEqual([]);
});

test('writes each such condition as its value, leaves literals and other directives as they are', () => {
  const document = parse(operation);
  const before = print(document);
  const written = print(inlineConditions(document, { a: true, b: false, n: 3 }));
  expect(written).toContain('familyName @include(if: true)');
  expect(written).toContain('customs @skip(if: false) @deprecatedLike(if: $a)');
  expect(written).toContain('police @skip(if: true)');
  expect(print(document)).toBe(before);
});
