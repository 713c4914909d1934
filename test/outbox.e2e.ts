import { AckPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { demoSubjectIndex, nationalIdOf } from '@tessera/demo';
import { sqlAt } from '@tessera/hub';
import { ConfigurationError, connectToBroker } from '@tessera/runtime';
import { startNatsServer, type NatsServer } from './fixtures/natsServer.ts';
import { startTestHub, type TestHub } from './fixtures/startTestHub.ts';
import { submitIntelligence } from './fixtures/intelligence.ts';

let nats: NatsServer;
let hub: TestHub;
let listener: NatsConnection;
/** The ids of the events received: a consumer keeps events by id. */
const received = new Set<string>();

beforeAll(async () => {
  nats = await startNatsServer();
  hub = await startTestHub({ natsUrl: nats.url });
  listener = await connect({ servers: nats.url, maxReconnectAttempts: -1, reconnectTimeWait: 250 });
  // The relay makes the stream as it starts; a durable consumer reads it from the first event.
  const manager = await jetstreamManager(listener);
  await manager.consumers.add('tessera-police', { durable_name: 'outbox-test', ack_policy: AckPolicy.Explicit });
  const messages = await jetstream(listener).consumers.get('tessera-police', 'outbox-test');
  void (async () => {
    for await (const message of await messages.consume()) {
      const event = message.json<{ id: string }>();
      received.add(event.id);
      message.ack();
    }
  })();
});
afterAll(async () => {
  await listener?.close();
  await hub?.stop();
  await nats?.[Symbol.asyncDispose]();
});

const record = (n: number) =>
  submitIntelligence(hub, nationalIdOf(demoSubjectIndex), {
    summary: `Observation ${n}`,
    justification: 'Reasonable suspicion: pattern of deliveries',
  });
const unpublished = async () =>
  (
    await sqlAt<{ n: number }>(
      hub.databaseUrls.police!,
      `select count(*)::int as n from police.outbox where published_at is null`,
    )
  )[0]!.n;

test('every write reaches JetStream exactly once, through a broker outage', async () => {
  for (let n = 0; n < 3; n++) expect((await record(n)).status).toBe(200);
  await expect.poll(() => received.size).toBe(3);

  await nats.stop();
  for (let n = 3; n < 6; n++) expect((await record(n)).status).toBe(200);
  // Nothing lost while the broker is away: the writes were recorded, their events wait.
  await expect.poll(unpublished).toBe(3);

  await nats.start();
  await expect.poll(() => received.size).toBe(6);
  await expect.poll(unpublished).toBe(0);
  // JetStream holds each event once; a consumer may see one again after a broker restart (an ack lost on
  // the way), which is why consumers keep events by id, as this one does.
  const stream = await (await jetstreamManager(listener)).streams.info('tessera-police');
  expect(stream.state.messages).toBe(6);
});

test("a broker met at the start without JetStream is refused as its operator's to mend, told as such", async () => {
  await using plain = await startNatsServer({ jetStream: false });
  await expect(connectToBroker(plain.url)).rejects.toEqual(
    new ConfigurationError(
      `The NATS server at ${plain.url} does not serve JetStream: jetstream is not enabled ` +
        `(no responders: '$JS.API.INFO'). Start it with JetStream (nats-server -js).`,
    ),
  );
});
