import { createHash } from 'node:crypto';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Recipient } from './watchStore.ts';

/**
 * Tells whoever follows a recipient's alerts, in any gateway process, that one was delivered: the
 * dispatcher may run in one process and the recipient's open subscription in another. Only the
 * alert's id travels; each follower reads the alert itself from the hub's database, as its recipient.
 */
export interface AlertFeed {
  publish(to: Recipient, alertId: string): void;
  /** The ids of the recipient's alerts delivered from now on (subscribed at once), until the signal aborts. */
  follow(to: Recipient, signal: AbortSignal): AsyncIterable<string>;
}

/** The feed over NATS (core subjects: a follower that is not there misses nothing it cannot catch up on). */
export function natsAlertFeed(connection: NatsConnection): AlertFeed {
  // The recipient's name is hashed: subjects are visible to every client of the broker.
  const subjectOf = (to: Recipient) =>
    `tessera.alerts.${createHash('sha256').update(`${to.issuer}\n${to.subject}`).digest('hex').slice(0, 32)}`;
  return {
    publish(to, alertId) {
      connection.publish(subjectOf(to), alertId);
    },
    follow(to, signal) {
      // Subscribed now, not at the first read: an alert delivered meanwhile is not missed.
      const subscription = connection.subscribe(subjectOf(to));
      signal.addEventListener('abort', () => subscription.unsubscribe(), { once: true });
      return (async function* () {
        for await (const message of subscription) yield message.string();
      })();
    },
  };
}
