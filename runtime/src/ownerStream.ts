import type { JetStreamManager } from '@nats-io/jetstream';

/** How long JetStream remembers an event id: a republished event within it is stored once. */
const duplicateWindowNs = 10 * 60 * 1e9;

/** An owner's event stream on JetStream, and the subject of each kind of its events. */
export const ownerStream = {
  name: (owner: string) => `tessera-${owner}`,
  subject: (owner: string, type: string) => `tessera.${owner}.${type}`,
};

/** Makes the owner's stream if it is not there yet; whoever starts first (relay or gateway) makes it. */
export async function ensureOwnerStream(manager: JetStreamManager, owner: string): Promise<void> {
  const name = ownerStream.name(owner);
  await manager.streams
    .info(name)
    .catch(() => manager.streams.add({ name, subjects: [`tessera.${owner}.>`], duplicate_window: duplicateWindowNs }));
}
