import { Writable } from 'node:stream';
import { GraphQLError } from 'graphql';
import { afterEach, describe, expect, test } from 'vitest';
import { createErrorFormatter, createLogger } from '../src/index.ts';
import { logIfMasked } from '../src/formatError.ts';

const format = createErrorFormatter();
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
      const formatted = format({
        message: cause.message,
        path: ['person', 'police'],
        extensions: { code: 'SOMETHING', stacktrace: ['Error: at x (y.js:1:1)'] },
      });
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
    expect(format({ message: error.message, extensions: { code: 'BAD_USER_INPUT', stacktrace: ['at z'] } })).toEqual({
      message: error.message,
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  test('codes what Apollo Server refuses itself with a 4xx and no code as BAD_REQUEST, and masks a 5xx', () => {
    const refusal = (status: number) =>
      new GraphQLError('provided sha does not match query', { extensions: { http: { status, headers: new Map() } } });
    const formatted = { message: 'provided sha does not match query', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    expect(format(formatted, refusal(400))).toEqual({
      message: 'provided sha does not match query',
      extensions: { code: 'BAD_REQUEST' },
    });
    expect(format(formatted, refusal(500))).toEqual({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });
});

describe('logIfMasked', () => {
  test('logs what the formatter masks, as it was and with its request; a client’s error is not logged', () => {
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger(
      'test',
      'info',
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
          done();
        },
      }),
    );
    const cause = new Error('relation "police.incident" does not exist');
    const masked = new GraphQLError(cause.message, { path: ['person', 'police'], originalError: cause });
    logIfMasked(logger, 'a'.repeat(32), masked);
    logIfMasked(logger, 'b'.repeat(32), new GraphQLError('No.', { extensions: { code: 'FORBIDDEN' } }));
    logIfMasked(logger, 'c'.repeat(32), new GraphQLError('?', { extensions: { code: 'INTERNAL_SERVER_ERROR' } }));
    logIfMasked(
      logger,
      'd'.repeat(32),
      new GraphQLError('Unsupported persisted query version', { extensions: { http: { status: 400 } } }),
    );
    expect(lines.map((line) => [line.msg, line.requestId, (line.err as { message: string }).message])).toEqual([
      ['unexpected error masked', 'a'.repeat(32), cause.message],
      ['unexpected error masked', 'c'.repeat(32), '?'],
    ]);
    expect(lines[0]!.path).toEqual(['person', 'police']);
  });
});
