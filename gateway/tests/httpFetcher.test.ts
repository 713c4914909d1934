import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createHttpFetcher } from '../src/forward/httpFetcher.ts';

const connections: unknown[] = [];
const received: { method: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ method: request.method!, headers: request.headers, body: Buffer.concat(chunks).toString() });
      if (request.url === '/slow') return setTimeout(() => response.end('{}'), 500);
      if (request.url === '/refused') {
        response.writeHead(401, 'Unauthorized', { 'content-type': 'text/plain' });
        return response.end('no token');
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ data: { echo: JSON.parse(Buffer.concat(chunks).toString()) as unknown } }));
    });
  });
  server.on('connection', (socket) => connections.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

test('sends the method, headers and body, and answers what a data source reads of a response', async () => {
  const fetcher = createHttpFetcher(2000);
  const body = JSON.stringify({ query: '{ person { familyName } }', variables: { name: 'Ørsted' } });
  const response = await fetcher(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer t' },
    body,
  });
  expect(received.at(-1)).toMatchObject({
    method: 'POST',
    headers: { authorization: 'Bearer t', 'content-length': String(Buffer.byteLength(body)) },
    body,
  });
  expect([response.status, response.ok, response.bodyUsed]).toEqual([200, true, false]);
  expect(response.headers.get('Content-Type')).toBe('application/json');
  expect(await response.clone().text()).toBe(JSON.stringify({ data: { echo: JSON.parse(body) as unknown } }));
  expect(await response.json()).toEqual({ data: { echo: JSON.parse(body) as unknown } });
  expect(response.bodyUsed).toBe(true);
});

test('a refusal is an answer: its status and text, not a failure', async () => {
  const response = await createHttpFetcher(2000)(`${base}/refused`, { method: 'POST', body: '{}' });
  expect([response.status, response.ok, response.statusText, await response.text()]).toEqual([
    401,
    false,
    'Unauthorized',
    'no token',
  ]);
});

test('calls one after another share a kept-alive connection', async () => {
  const fetcher = createHttpFetcher(2000);
  await fetcher(`${base}/graphql`, { method: 'POST', body: '{}' });
  const before = connections.length;
  for (let call = 0; call < 5; call++) await (await fetcher(`${base}/graphql`, { method: 'POST', body: '{}' })).text();
  expect(connections.length).toBe(before);
});

test('past its deadline a call fails as a timeout; an address that refuses fails at once', async () => {
  await expect(createHttpFetcher(100)(`${base}/slow`, { method: 'POST', body: '{}' })).rejects.toMatchObject({
    name: 'TimeoutError',
  });
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const { port } = closed.address() as AddressInfo;
  await new Promise((resolve) => closed.close(resolve));
  await expect(
    createHttpFetcher(2000)(`http://127.0.0.1:${port}/`, { method: 'POST', body: '{}' }),
  ).rejects.toMatchObject({ code: 'ECONNREFUSED' });
});
