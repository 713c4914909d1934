import { buildSchema, parse } from 'graphql';
import { expect, test } from 'vitest';
import { requiredVariables } from '../src/guard/requiredVariables.ts';

const schema = buildSchema(`
  input Area { district: String! near: String }
  type Query { a(x: String!): String b(x: String): String list(ids: [ID!]!): String area(where: Area): String }
`);

test('finds the variables used where a value is required: arguments, list items, input fields, conditions', () => {
  const document = parse(`query($p: String = "p", $q: String = "q", $r: ID = "r", $s: String = "s", $t: Boolean = true,
    $u: String = "u", $v: String = "v") {
    a(x: $p) b(x: $q) list(ids: [$r]) ...F @include(if: $t) area(where: { district: $u, near: $v })
  }
  fragment F on Query { second: a(x: $s) }`);
  expect([...requiredVariables(schema, document)].sort()).toEqual(['p', 'r', 's', 't', 'u']);
});
