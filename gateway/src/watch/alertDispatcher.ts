import { AckPolicy } from '@nats-io/jetstream';
import type { AlertRelease, DisclosedRecord } from '@tessera/audit';
import { standingWatchesEndedBy, standingWatchesSetBy, type Principal, type Purpose } from '@tessera/policies';
import {
  connectToBroker,
  ensureOwnerStream,
  newRequestId,
  ownerStream,
  type EventRecipient,
  type Logger,
  type OwnerEvent,
} from '@tessera/runtime';
import type { ConsultationLog } from '../audit/createConsultationLog.ts';
import type { DeskClient } from '../forward/deskClient.ts';
import { natsAlertFeed, type AlertFeed } from './alertFeed.ts';
import type { ActiveWatch, AlertView, Recipient, WatchStore } from './watchStore.ts';

/**
 * Events of one owner dispatched at a time, at most. Each waits in turn on the database, the owner's desk
 * and the audit's commit, tens of milliseconds under load, so this bounds the alerts a second: at 16, 200
 * writes a second left the alerts more than a second behind on 2 cores; at 64, a tenth of a second.
 */
const inFlight = 64;

export interface AlertDispatcher {
  readonly feed: AlertFeed;
  stop(): Promise<void>;
}

/**
 * Turns the owners' events into alerts. For each partner watching a person an event is about, the
 * owner is asked to release the event to that watcher (its alert desk): the owner decides, by the
 * watcher's agreements as they are at that moment, each field, or nothing but the pointer (owner, kind,
 * time), or no alert at all for a record its record rules keep from the watcher (black). Each delivery
 * is a consultation in the hub's log and a disclosure in the owner's. Earlier recipients of a corrected
 * or withdrawn record get a notice naming it. An event delivered twice makes one alert.
 *
 * Events also set up and end the standing watches agreements name (a no-foreign-travel condition
 * watches the person's crossings on behalf of the officer who set it).
 */
export async function startAlertDispatcher(options: {
  readonly natsUrl: string;
  readonly owners: readonly string[];
  readonly store: WatchStore;
  readonly release: DeskClient;
  readonly consultations: ConsultationLog;
  /** Told of each alert once it is kept: the recipient's webhook, if it has one. */
  readonly delivered: (to: Recipient, alertId: string) => Promise<void>;
  readonly logger: Logger;
}): Promise<AlertDispatcher> {
  const { store } = options;
  const { connection, manager, js } = await connectToBroker(options.natsUrl);
  const feed = natsAlertFeed(connection);
  /**
   * Keeps an alert once it is released: its consultation record first (no record, no alert), then the
   * alert itself, then word to the recipient's open streams and webhook.
   */
  const keep = async (
    event: OwnerEvent,
    to: Principal | EventRecipient,
    alert: { id: string; watchId: string | null; subject: string; people: readonly string[] },
    release: { requestId: string; purpose: Purpose | null; justification: string | null },
    released: { fields: AlertView['fields']; disclosed: readonly DisclosedRecord[] },
  ) => {
    await options.consultations.recordAlert({
      ...release,
      principal: to,
      alert: { id: alert.id, event: event.id, watch: alert.watchId },
      owner: event.owner,
      kind: event.type,
      people: alert.people,
      disclosed: released.disclosed,
    });
    await store.deliver(
      {
        id: alert.id,
        watchId: alert.watchId,
        subject: alert.subject,
        owner: event.owner,
        kind: event.type,
        record: event.record,
        occurredAt: event.occurredAt,
        fields: released.fields,
      },
      to,
      release.requestId,
    );
    feed.publish(to, alert.id);
    await options.delivered(to, alert.id);
  };
  /** A watcher's alert: what the owner releases of the event to them now, or nothing. */
  const alert = async (event: OwnerEvent, watch: ActiveWatch) => {
    const release = {
      requestId: newRequestId(),
      purpose: watch.purpose,
      justification: watch.justification,
    };
    const released = await options.release<AlertRelease>(
      event.owner,
      { ...release, principal: watch.watcher },
      { action: 'release', event: event.id, subject: watch.subject },
    );
    if (!released.released) return;
    const { alertId: id, subject } = watch;
    await keep(event, watch.watcher, { id, watchId: watch.id, subject, people: [subject] }, release, released);
  };
  /** A correction or withdrawal told to those who received the record: its name, nothing of its content. */
  const notice = async (event: OwnerEvent, to: EventRecipient) => {
    const id = `${event.id}:${to.issuer}:${to.subject}`;
    if (await store.hasAlert(id)) return;
    await keep(
      event,
      to,
      { id, watchId: null, subject: event.subjects[0] ?? '', people: event.subjects },
      { requestId: newRequestId(), purpose: null, justification: null },
      { fields: [], disclosed: [] },
    );
  };
  const dispatch = async (event: OwnerEvent) => {
    const source = `${event.owner}:${event.record}`;
    for (const clause of standingWatchesSetBy(event.owner, event.kinds ?? [])) {
      for (const subject of event.subjects)
        await store.standingWatch(clause, subject, event.actor, source, event.occurredAt);
    }
    const ended = standingWatchesEndedBy(event.owner, event.type).map((clause) => clause.id);
    if (ended.length > 0) await store.endStandingWatches(ended, source);
    const told = new Set<string>();
    for (const watch of await store.watching(event)) {
      // A watch is told of what happened while it was in force, once.
      if (event.occurredAt < watch.createdAt) continue;
      if (!watch.alerted) await alert(event, watch);
      told.add(`${watch.watcher.issuer}\n${watch.watcher.subject}`);
    }
    for (const recipient of event.recipients ?? []) {
      if (!told.has(`${recipient.issuer}\n${recipient.subject}`)) await notice(event, recipient);
    }
  };
  const consumers: Promise<void>[] = [];
  const subscriptions: { stop(): void }[] = [];
  for (const owner of options.owners) {
    const stream = ownerStream.name(owner);
    await ensureOwnerStream(manager, owner);
    await manager.consumers.add(stream, {
      durable_name: 'tessera-alerts',
      ack_policy: AckPolicy.Explicit,
      max_ack_pending: inFlight * 4,
    });
    const messages = await (await js.consumers.get(stream, 'tessera-alerts')).consume();
    subscriptions.push(messages);
    consumers.push(
      (async () => {
        // Several events are dispatched at a time (each alert is kept once by its id); those about one
        // record in their order, so that an order's end is never taken before the condition it ends.
        const running = new Set<Promise<void>>();
        const byRecord = new Map<string, Promise<void>>();
        for await (const message of messages) {
          const event = message.json<OwnerEvent>();
          const previous = byRecord.get(event.record) ?? Promise.resolve();
          const dispatched = previous
            .then(() => dispatch(event))
            .then(
              () => message.ack(),
              (error: unknown) => {
                // Not acknowledged: JetStream delivers it again, and each alert is kept once.
                options.logger.error({ err: error, owner }, 'alert not delivered; the event will come again');
                message.nak(1000);
              },
            );
          running.add(dispatched);
          byRecord.set(event.record, dispatched);
          void dispatched.finally(() => {
            running.delete(dispatched);
            if (byRecord.get(event.record) === dispatched) byRecord.delete(event.record);
          });
          if (running.size >= inFlight) await Promise.race(running);
        }
        await Promise.allSettled(running);
      })(),
    );
  }
  return {
    feed,
    async stop() {
      // No new event is taken; those under way finish while the connection is still open.
      for (const messages of subscriptions) messages.stop();
      await Promise.allSettled(consumers);
      await connection.close();
    },
  };
}
