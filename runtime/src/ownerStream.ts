import type { Principal } from '@tessera/policies';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { ConfigurationError, reasonOf, withoutPassword } from './envReader.ts';

/** How long JetStream remembers an event id: a republished event within it is stored once. */
const duplicateWindowNs = 10 * 60 * 1e9;

/** An owner's event stream on JetStream, and the subject of each kind of its events. */
export const ownerStream = {
  name: (owner: string) => `tessera-${owner}`,
  subject: (owner: string, type: string) => `tessera.${owner}.${type}`,
};

/** The broker the owners' streams live on: the connection, and JetStream's management and client over it. */
export interface Broker {
  readonly connection: NatsConnection;
  readonly manager: JetStreamManager;
  readonly js: JetStreamClient;
}

/**
 * Connects to the broker, reconnecting for as long as the process runs. A process meets its broker at its start,
 * so one out of reach, or without JetStream, is its operator's to mend: a ConfigurationError. Without async traces:
 * the client otherwise makes an Error, stack and all, for every request it sends (each JetStream publish is one).
 */
export async function connectToBroker(url: string): Promise<Broker> {
  const connection = await connect({
    servers: url,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
    noAsyncTraces: true,
  }).catch((error: unknown) => {
    throw new ConfigurationError(
      `Cannot reach the NATS server at ${withoutPassword(url)}: ${reasonOf(error)}. Start it (with JetStream), or ` +
        'correct NATS_URL (without it the demo runs with alerts off).',
    );
  });
  try {
    return { connection, manager: await jetstreamManager(connection), js: jetstream(connection) };
  } catch (error) {
    await connection.close();
    throw new ConfigurationError(
      `The NATS server at ${withoutPassword(url)} does not serve JetStream: ${reasonOf(error)}. Start it with ` +
        'JetStream (nats-server -js).',
    );
  }
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
