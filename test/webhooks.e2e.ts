import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { nationalIdOf } from '@tessera/demo';
import { signWebhook, verifyWebhook } from '@tessera/gateway';
import { asBorderSystem } from './fixtures/borderSystem.ts';
import { startNatsServer, type NatsServer } from './fixtures/natsServer.ts';
import { startTestHub, type TestHub } from './fixtures/startTestHub.ts';
import { partners, queryAs } from './fixtures/principals.ts';

// A client system receives its alerts on a webhook: signed, retried when its receiver fails, and
// dead-lettered after the last try; the reference receiver refuses anything it cannot verify.
const secret = 'a-receiver-secret-of-at-least-32-characters';
const subject = nationalIdOf(17);

/** The reference receiver: accepts what verifies, refuses the rest, and fails while told to. */
const receiver = {
  accepted: [] as { id: string; kind: string; fields: readonly { name: string; value: string }[] }[],
  tries: new Map<string, number>(),
  failNext: 0,
  failAlways: false,
};
let server: Server;
let nats: NatsServer;
let hub: TestHub;
let receiverUrl: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      try {
        const alert = verifyWebhook(secret, request.headers as Record<string, string>, body);
        receiver.tries.set(alert.id, (receiver.tries.get(alert.id) ?? 0) + 1);
        if (receiver.failAlways || receiver.failNext > 0) {
          receiver.failNext = Math.max(0, receiver.failNext - 1);
          response.writeHead(receiver.failAlways ? 500 : 503).end();
          return;
        }
        if (!receiver.accepted.some((each) => each.id === alert.id)) receiver.accepted.push(alert);
        response.writeHead(204).end();
      } catch (error) {
        response.writeHead(401, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({ errors: [{ message: (error as Error).message, extensions: { code: 'UNAUTHENTICATED' } }] }),
        );
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts`;
  nats = await startNatsServer();
  hub = await startTestHub({
    natsUrl: nats.url,
    gateway: {
      alertWebhooks: [
        { issuer: 'https://partners-idp.test', subject: 'customs-border-system', url: receiverUrl, secret },
      ],
      webhookRetries: { attempts: 3, firstDelayMs: 50 },
    },
  });
});
afterAll(async () => {
  await hub?.stop();
  await nats?.[Symbol.asyncDispose]();
  await new Promise((resolve) => server?.close(resolve));
});

const mark = async (type: string) => {
  const { body } = await queryAs(hub, partners.policeOfficer, 'criminal-investigation', {
    query: `mutation($m: WarningMarkerInput!) { addWarningMarker(marker: $m) { type } }`,
    variables: { m: { nationalId: subject, type } },
  });
  expect(body.errors).toBeUndefined();
};

test('a client system’s alert reaches its webhook signed, after a failed try', async () => {
  const watched = await asBorderSystem(
    hub,
    `mutation WatchPerson($id: ID!, $justification: String!, $until: String!) { watch(nationalId: $id, justification: $justification, expiresAt: $until) { id expiresAt } }`,
    { id: subject, justification: 'flagged at the border', until: new Date(Date.now() + 7 * 86_400_000).toISOString() },
  );
  expect(watched.body.errors).toBeUndefined();
  receiver.failNext = 1;
  await mark('WEAPONS');
  await expect.poll(() => receiver.accepted.length).toBe(1);
  const [alert] = receiver.accepted;
  expect(alert).toMatchObject({ kind: 'warning-marker.added', owner: 'police' });
  expect(alert!.fields).toContainEqual({ name: 'type', value: 'WEAPONS' });
  expect(receiver.tries.get(alert!.id)).toBe(2);
});

test('forged, altered, replayed or unsigned alerts are refused by the reference receiver', async () => {
  const body = JSON.stringify({ id: 'forged', kind: 'crossing.recorded', owner: 'customs', fields: [] });
  const now = Math.floor(Date.now() / 1000);
  const genuine = signWebhook(secret, 'forged', now, body);
  const attempts: [Record<string, string>, string][] = [
    [signWebhook('another-secret-that-is-32-characters-long', 'forged', now, body), body],
    [genuine, body.replace('customs', 'police')],
    [{ ...genuine, 'webhook-id': 'another' }, body],
    [signWebhook(secret, 'forged', now - 3600, body), body],
    [{ 'content-type': 'application/json' }, body],
  ];
  for (const [headers, text] of attempts) {
    const response = await fetch(receiverUrl, { method: 'POST', headers, body: text });
    expect(response.status).toBe(401);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  }
  expect(receiver.accepted.map((alert) => alert.id)).not.toContain('forged');
});

test('a receiver that keeps failing leaves the alert on the dead-letter list, and in the catch-up', async () => {
  receiver.failAlways = true;
  await mark('DRUGS');
  await expect
    .poll(
      async () =>
        (
          (await asBorderSystem(hub, `query UndeliveredAlerts { undeliveredAlerts { alertId attempts lastError } }`))
            .body.data as any
        ).undeliveredAlerts,
      {
        timeout: 10_000,
      },
    )
    .toEqual([{ alertId: expect.any(String), attempts: 3, lastError: 'HTTP 500' }]);
  const dead = (
    (await asBorderSystem(hub, `query UndeliveredAlerts { undeliveredAlerts { alertId attempts lastError } }`)).body
      .data as any
  ).undeliveredAlerts[0].alertId;
  const caughtUp = await asBorderSystem(
    hub,
    `query AlertsSince($after: String) { alerts(after: $after) { id watchId subject owner kind record occurredAt deliveredAt fields { name value } } }`,
  );
  expect(((caughtUp.body.data as any).alerts as { id: string }[]).map((alert) => alert.id)).toContain(dead);
});
