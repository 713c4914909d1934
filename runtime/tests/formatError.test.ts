import { GraphQLError } from 'graphql';
import { afterEach, describe, expect, test } from 'vitest';
import { createErrorFormatter, createLogger } from '../src/index.ts';

const format = createErrorFormatter(createLogger('test', 'silent'));
const environment = process.env.NODE_ENV;
afterEach(() => {
  process.env.NODE_ENV = environment;
});

describe('createErrorFormatter', () => {
  test.each(['development', 'production', 'test', undefined])(
    'masks an unexpected error whatever NODE_ENV is (%s)',
    (mode) => {
      if (mode === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = mode;
      const cause = new Error('connect ECONNREFUSED 10.1.2.3:5432 at select * from police.intelligence_report');
      const formatted = format(
        {
          message: cause.message,
          path: ['person', 'police'],
          extensions: { code: 'SOMETHING', stacktrace: ['Error: at x (y.js:1:1)'] },
        },
        cause,
      );
      expect(formatted).toEqual({
        message: 'Internal server error',
        path: ['person', 'police'],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      });
    },
  );

  test('lets a registered code through, without its stack trace', () => {
    const error = new GraphQLError('A national identifier is two capital letters and seven digits.', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(
      format({ message: error.message, extensions: { code: 'BAD_USER_INPUT', stacktrace: ['at z'] } }, error),
    ).toEqual({
      message: error.message,
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});
