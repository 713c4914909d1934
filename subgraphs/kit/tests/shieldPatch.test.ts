import { buildSchema, execute, GraphQLError, parse, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { allow, rule, shield } from 'graphql-shield';
import { expect, test } from 'vitest';

// The workspace patches graphql-shield (patches/graphql-shield@7.6.5.patch) to answer without a promise
// when the rule and the resolver do. These are the outcomes the original gave, kept, and the one it did not.

const typeDefs = `
  type Query { open: String, closed: String, refused: String, later: String, broken: String, slow: String, item: Item }
  type Item { name: String }
`;
const resolvers: Record<string, () => unknown> = {
  open: () => 'open',
  closed: () => 'closed',
  refused: () => 'refused',
  later: () => 'later',
  broken: () => {
    throw new Error('the resolver broke');
  },
  slow: () => Promise.resolve('slow'),
  item: () => ({ name: 'name' }),
};

function shieldedSchema(allowExternalErrors: boolean): GraphQLSchema {
  const schema = buildSchema(typeDefs);
  for (const [name, resolve] of Object.entries(resolvers)) schema.getQueryType()!.getFields()[name]!.resolve = resolve;
  const yes = rule('yes', { cache: 'no_cache' })(() => true);
  const permissions = shield(
    {
      Query: {
        open: yes,
        closed: rule('no', { cache: 'no_cache' })(() => false),
        refused: rule('its own error', { cache: 'no_cache' })(() => new GraphQLError('the rule says no')),
        later: rule('later', { cache: 'no_cache' })(() => Promise.resolve(true)),
        broken: yes,
        slow: allow,
        item: yes,
      },
      Item: { name: yes },
    },
    { fallbackError: () => new GraphQLError('denied by default'), allowExternalErrors },
  );
  return applyMiddleware(schema, permissions);
}

const messages = (result: ExecutionResult) =>
  Object.fromEntries((result.errors ?? []).map((error) => [String(error.path?.[0]), error.message]));

test('a field whose rule and resolver answer at once is answered at once', () => {
  const result = execute({ schema: shieldedSchema(true), document: parse('{ open item { name } }') });
  expect(result).not.toBeInstanceOf(Promise);
  expect(result).toEqual({ data: { open: 'open', item: { name: 'name' } } });
});

test('each outcome is the original one: allowed, denied, the rule’s error, an asynchronous rule or resolver', async () => {
  const result = await execute({
    schema: shieldedSchema(true),
    document: parse('{ open closed refused later broken slow }'),
  });
  expect(result.data).toEqual({
    open: 'open',
    closed: null,
    refused: null,
    later: 'later',
    broken: null,
    slow: 'slow',
  });
  expect(messages(result)).toEqual({
    closed: 'denied by default',
    refused: 'the rule says no',
    broken: 'the resolver broke',
  });
});

test('without allowExternalErrors a resolver’s error becomes the fallback error', async () => {
  const result = await execute({ schema: shieldedSchema(false), document: parse('{ open broken }') });
  expect(result.data).toEqual({ open: 'open', broken: null });
  expect(messages(result)).toEqual({ broken: 'denied by default' });
});
