import { Writable } from 'node:stream';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { codedError } from '@tessera/policies';
import { ConfigurationError, createLogger, refusalExchange, serveGraphQL, type ServingGraphQL } from '../src/index.ts';

/** A server with nothing of its own, on any free port. */
const testServer = {
  host: '127.0.0.1',
  port: 0,
  service: 'test',
  maxBodyBytes: 1024,
  logger: createLogger('test', 'silent'),
  createServer: (plugins: ApolloServerPlugin<BaseContext>[]) =>
    new ApolloServer({ typeDefs: 'type Query { up: Boolean }', plugins }),
  context: async () => ({}),
  ready: async () => true,
};

const lines: Record<string, unknown>[] = [];
let serving: ServingGraphQL;
beforeAll(async () => {
  serving = await serveGraphQL({
    ...testServer,
    logger: createLogger(
      'test',
      'info',
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
          done();
        },
      }),
    ),
    routes: {
      'POST /desk': async (_, body) =>
        refusalExchange(
          body === 'coded'
            ? codedError('BAD_REQUEST', 'Unknown action.', { refuseRequest: true })
            : new Error('relation "police.follow_up" does not exist'),
        ),
    },
  });
});
afterAll(() => serving?.stop());

const ask = async (body: string) => {
  const response = await fetch(new URL('desk', serving.url), { method: 'POST', body });
  return { status: response.status, requestId: response.headers.get('x-request-id'), text: await response.text() };
};

test("a route's unexpected failure is masked for the client and logged, with its cause, under the request's id", async () => {
  const before = lines.length;
  const { status, requestId, text } = await ask('anything');
  expect(status).toBe(500);
  expect(JSON.parse(text)).toEqual({
    errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
  });
  await expect
    .poll(() => lines.slice(before).find((line) => line.msg === 'unexpected error masked'))
    .toMatchObject({ requestId, err: { message: 'relation "police.follow_up" does not exist' } });
});

test("a port taken by another process is its operator's to mend: the address, the reason and the setting", async () => {
  const port = Number(new URL(serving.url).port);
  await expect(serveGraphQL({ ...testServer, port })).rejects.toEqual(
    new ConfigurationError(
      `Cannot listen on 127.0.0.1:${port}: the port is in use: stop what holds it, or choose another with TESSERA_PORT (EADDRINUSE).`,
    ),
  );
});

test("a route's coded refusal is the client's answer, and no failure of the server's", async () => {
  const before = lines.length;
  const { status, text } = await ask('coded');
  expect(status).toBe(400);
  expect(JSON.parse(text).errors[0].extensions.code).toBe('BAD_REQUEST');
  await expect.poll(() => lines.slice(before).some((line) => line.msg === 'request')).toBe(true);
  expect(lines.slice(before).filter((line) => line.msg === 'unexpected error masked')).toEqual([]);
});
