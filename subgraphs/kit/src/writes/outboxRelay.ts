import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import {
  connectToBroker,
  ensureOwnerStream,
  ownerStream,
  queryRows,
  type Database,
  type OwnerEvent,
} from '@tessera/runtime';

/** Events published in one transaction, at most. */
const batch = 100;

export interface OutboxRelay {
  /** Publishes what is waiting now; the number published. */
  drain(): Promise<number>;
  stop(): Promise<void>;
}

interface OutboxRow {
  id: string;
  type: string;
  record: string;
  subjects: string[];
  record_type: string;
  recipients: OwnerEvent['recipients'] | null;
  kinds: string[] | null;
  actor: OwnerEvent['actor'];
  occurred_at: Date | string;
}

/**
 * Publishes an owner's outbox to NATS JetStream, in order, on its own stream (`ownerStream`), each event
 * under its id as the message id; the event names the record and the people, never its content. An event is marked
 * published only once JetStream has acknowledged it; while the broker is away the outbox keeps them,
 * and they go out when it is back, the connection reconnecting by itself. Several relays over one
 * database share the work (rows are taken with SKIP LOCKED); a republished event is stored once.
 */
export async function startOutboxRelay(options: {
  readonly db: Database<Record<string, unknown>>;
  readonly schemaName: string;
  readonly owner: string;
  readonly natsUrl: string;
  readonly logger: Logger;
  readonly intervalMs?: number;
}): Promise<OutboxRelay> {
  const { connection, manager, js } = await connectToBroker(options.natsUrl);
  await ensureOwnerStream(manager, options.owner);
  const outbox = sql.raw(`${options.schemaName}.outbox`);
  /** Publishes the next batch, oldest first; how many were published. */
  const publishBatch = () =>
    options.db.transaction(async (tx) => {
      const db = tx as unknown as Database<Record<string, unknown>>;
      const rows = await queryRows<OutboxRow>(
        db,
        sql`select id, type, record, subjects, record_type, recipients, kinds, actor, occurred_at from ${outbox}
          where published_at is null order by occurred_at, id limit ${batch} for update skip locked`,
      );
      // Published together, each under its id: JetStream stores a republished one once.
      await Promise.all(
        rows.map((row) => {
          const event: OwnerEvent = {
            id: row.id,
            owner: options.owner,
            type: row.type,
            record: row.record,
            subjects: row.subjects,
            recordType: row.record_type,
            occurredAt: new Date(row.occurred_at).toISOString(),
            ...(row.recipients ? { recipients: row.recipients } : {}),
            ...(row.kinds && row.kinds.length > 0 ? { kinds: row.kinds } : {}),
            actor: row.actor,
          };
          return js.publish(ownerStream.subject(options.owner, row.type), JSON.stringify(event), {
            msgID: row.id,
            timeout: 2000,
          });
        }),
      );
      if (rows.length > 0) {
        await db.execute(
          sql`update ${outbox} set published_at = now() where id = any(${sql.param(rows.map((row) => row.id))})`,
        );
      }
      return rows.length;
    });
  let draining: Promise<number> | undefined;
  const drain = () =>
    (draining ??= (async () => {
      let published = 0;
      try {
        for (let count = batch; count === batch; published += count) count = await publishBatch();
      } catch (error) {
        options.logger.warn({ err: error, published }, 'outbox relay paused: the broker did not acknowledge');
      } finally {
        draining = undefined;
      }
      return published;
    })());
  const timer = setInterval(() => void drain(), options.intervalMs ?? 100);
  timer.unref();
  return {
    drain,
    async stop() {
      clearInterval(timer);
      await draining;
      await connection.close();
    },
  };
}
