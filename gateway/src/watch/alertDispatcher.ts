import { AckPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { applyMask, decide, isWithheldFromPartner, type RecordAttributes } from '@tessera/policies';
import { ensureOwnerStream, ownerStream, type Logger } from '@tessera/runtime';
import type { WatchStore } from './watchStore.ts';

/** An owner's event as its outbox relay publishes it. */
interface OwnerEvent {
  readonly id: string;
  readonly owner: string;
  readonly type: string;
  readonly record: string;
  readonly subjects: readonly string[];
  readonly recordType: string;
  readonly fields: Readonly<Record<string, unknown>>;
  readonly occurredAt: string;
}

/**
 * Turns the owners' events into alerts for the partners watching the people they are about. What an
 * alert carries is decided when it is delivered, by the watcher's agreements as they are then: each
 * field of the event they allow (masked where a rule masks it), or nothing but the pointer (owner,
 * kind, time); an event about a record the owner's record rules keep from the watcher (black)
 * produces no alert. An event delivered twice makes one alert (its id and the watch's).
 */
export async function startAlertDispatcher(options: {
  readonly natsUrl: string;
  readonly owners: readonly string[];
  readonly store: WatchStore;
  readonly logger: Logger;
}): Promise<{ stop(): Promise<void> }> {
  const connection = await connect({ servers: options.natsUrl, maxReconnectAttempts: -1, reconnectTimeWait: 250 });
  const manager = await jetstreamManager(connection);
  const js = jetstream(connection);
  const deliver = async (event: OwnerEvent) => {
    for (const watch of await options.store.watching(event.subjects)) {
      if (event.occurredAt < watch.createdAt) continue;
      const attributes: RecordAttributes = {
        ...(typeof event.fields.dissemination === 'string'
          ? { dissemination: event.fields.dissemination as RecordAttributes['dissemination'] }
          : {}),
      };
      if (isWithheldFromPartner(watch.watcher, watch.purpose, event.recordType, attributes)) continue;
      const fields = Object.entries(event.fields).flatMap(([name, value]) => {
        const decision = decide(watch.watcher, watch.purpose, `${event.recordType}.${name}`, attributes);
        if (decision.effect === 'allow') return [{ name, value: String(value) }];
        if (decision.effect === 'mask' && decision.mask)
          return [{ name, value: String(applyMask(decision.mask, value)) }];
        return [];
      });
      await options.store.deliver(
        {
          id: `${event.id}:${watch.id}`,
          watchId: watch.id,
          subject: watch.subject,
          owner: event.owner,
          kind: event.type,
          record: event.record,
          occurredAt: event.occurredAt,
          fields,
        },
        watch.watcher,
      );
    }
  };
  const consumers: Promise<void>[] = [];
  for (const owner of options.owners) {
    const stream = ownerStream.name(owner);
    await ensureOwnerStream(manager, owner);
    await manager.consumers.add(stream, { durable_name: 'tessera-alerts', ack_policy: AckPolicy.Explicit });
    const messages = await (await js.consumers.get(stream, 'tessera-alerts')).consume();
    consumers.push(
      (async () => {
        for await (const message of messages) {
          try {
            await deliver(message.json<OwnerEvent>());
            message.ack();
          } catch (error) {
            // Not acknowledged: JetStream delivers it again, and the alert is kept once.
            options.logger.error({ err: error, owner }, 'alert not delivered; the event will come again');
            message.nak(1000);
          }
        }
      })(),
    );
  }
  return {
    async stop() {
      await connection.close();
      await Promise.allSettled(consumers);
    },
  };
}
