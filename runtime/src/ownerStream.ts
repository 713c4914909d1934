import type { Principal } from '@tessera/policies';
import type { JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';

/** How long JetStream remembers an event id: a republished event within it is stored once. */
const duplicateWindowNs = 10 * 60 * 1e9;

/** An owner's event stream on JetStream, and the subject of each kind of its events. */
export const ownerStream = {
  name: (owner: string) => `tessera-${owner}`,
  subject: (owner: string, type: string) => `tessera.${owner}.${type}`,
};

/**
 * Connects to the broker the owners' streams live on, reconnecting for as long as the process runs. Without
 * async traces: the client otherwise makes an Error, stack and all, for every request it sends (each
 * JetStream publish is one).
 */
export function connectToBroker(url: string): Promise<NatsConnection> {
  return connect({ servers: url, maxReconnectAttempts: -1, reconnectTimeWait: 250, noAsyncTraces: true });
}

/** Makes the owner's stream if it is not there yet; whoever starts first (relay or gateway) makes it. */
export async function ensureOwnerStream(manager: JetStreamManager, owner: string): Promise<void> {
  const name = ownerStream.name(owner);
  await manager.streams
    .info(name)
    .catch(() => manager.streams.add({ name, subjects: [`tessera.${owner}.>`], duplicate_window: duplicateWindowNs }));
}

/**
 * An owner's event as it travels on its stream: what happened, to which record, about whom, and when.
 * Never the record's content: the owner releases that itself, to each watcher, at delivery.
 */
export interface OwnerEvent {
  readonly id: string;
  readonly owner: string;
  /** `crossing.recorded`, `record.corrected`... */
  readonly type: string;
  /** The record, `<kind>/<id>`. */
  readonly record: string;
  readonly subjects: readonly string[];
  readonly recordType: string;
  readonly occurredAt: string;
  /** Who must be told besides the watchers (the earlier recipients of a corrected or withdrawn record). */
  readonly recipients?: readonly EventRecipient[];
  /** The record's kinds an agreement's standing watch may turn on (an order's no-foreign-travel condition). */
  readonly kinds?: readonly string[];
  /** Who recorded it: on whose behalf a standing watch it sets up is kept. */
  readonly actor: Principal;
}

/** An earlier recipient of a record, as the owner's disclosure log names them. */
export interface EventRecipient {
  readonly issuer: string;
  readonly subject: string;
  readonly agency: string;
  readonly roles: readonly string[];
}
