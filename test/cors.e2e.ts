import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestHub, type TestHub } from './fixtures/startTestHub.ts';

const allowedOrigin = 'https://console.police.example';
let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ gateway: { corsOrigins: [allowedOrigin] } });
});
afterAll(() => hub?.stop());

const preflight = (origin: string) =>
  fetch(hub.gateway.url, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type, x-purpose',
    },
  });

test('a preflight from an allowed origin gets a CORS answer, not a CSRF refusal', async () => {
  const response = await preflight(allowedOrigin);
  expect(response.status).toBe(204);
  expect(response.headers.get('access-control-allow-origin')).toBe(allowedOrigin);
  expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST');
  expect(response.headers.get('access-control-allow-headers')).toContain('x-purpose');
  expect(response.headers.get('vary')).toBe('origin');
});

test('any other origin is told nothing, and cannot read an answer', async () => {
  const refused = await preflight('https://elsewhere.example');
  expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  const answer = await fetch(hub.gateway.url, {
    method: 'POST',
    headers: { origin: 'https://elsewhere.example', 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  expect(answer.headers.get('access-control-allow-origin')).toBeNull();
});

test('an allowed page reads the answer and its request id', async () => {
  const response = await hub.query({ query: '{ __typename }' }, { headers: { origin: allowedOrigin } });
  expect(response.status).toBe(200);
  const raw = await fetch(hub.gateway.url, {
    method: 'POST',
    headers: { origin: allowedOrigin, 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  expect(raw.headers.get('access-control-allow-origin')).toBe(allowedOrigin);
  expect(raw.headers.get('access-control-expose-headers')).toContain('x-request-id');
});
