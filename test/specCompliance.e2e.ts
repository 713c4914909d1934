import { auditServer } from 'graphql-http';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestHub, type TestHub } from './fixtures/startTestHub.ts';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub?.stop());

test('the gateway passes every MUST of the GraphQL-over-HTTP server audit', async () => {
  // The audit's own operations ask for __type, which only hub administrators may: it audits as one.
  const token = await hub.idp.token({ agency: 'police', roles: ['hub-admin'] });
  const fetchFn = (input: Parameters<typeof fetch>[0], init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${token}`);
    headers.set('x-purpose', 'border-control');
    return fetch(input, { ...init, headers });
  };
  const results = await auditServer({ url: hub.gateway.url, fetchFn });
  const failedMusts = results.filter((result) => result.name.startsWith('MUST') && result.status !== 'ok');
  console.log(
    `graphql-http audit: ${results.length} audits, ${results.filter((result) => result.status === 'ok').length} ok, ` +
      `${results.filter((result) => result.status === 'warn').length} warnings (SHOULD), ${failedMusts.length} MUST failures`,
  );
  expect(failedMusts.map((result) => `${result.name}: ${'reason' in result ? result.reason : ''}`)).toEqual([]);
  expect(results.length).toBeGreaterThan(20);
});
