import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { appendAudit, auditPrincipal, type AuditEntryBase } from '@tessera/audit';
import { checkedSchemaName, type Database, type OwnerEvent, type RequestIdentity } from '@tessera/runtime';

/** What a write tells the world once it is committed: an event for the outbox. */
export interface RecordedEvent {
  /** `intelligence.recorded`, `crossing.recorded`... */
  readonly type: string;
  /** The record, as hits and grants name it (`intelligence/<id>`). */
  readonly record: string;
  /** The people it is about. */
  readonly subjects: readonly string[];
  /** The record's type, whose fields `fields` holds: what a partner's alert may carry, decided at delivery. */
  readonly recordType: string;
  readonly fields: Readonly<Record<string, unknown>>;
  /** Who must be told besides the watchers: the earlier recipients of a corrected or withdrawn record. */
  readonly recipients?: OwnerEvent['recipients'];
  /** The record's kinds a standing watch may turn on. */
  readonly kinds?: readonly string[];
  /** A change to a record already there (correction, withdrawal): why, and which fields. */
  readonly alteration?: { readonly reason: string; readonly fields: readonly string[] };
}

/** The owner's collection or alteration log entry: who recorded or changed what, about whom, why (LED Art 25). */
interface CollectionEntry extends AuditEntryBase {
  readonly kind: 'collection' | 'alteration';
  readonly record: string;
  readonly event: string;
  readonly justification: string | null;
  readonly reason?: string;
  readonly fields?: readonly string[];
}

/**
 * The owner's outbox, in its own schema: each event written in the transaction of the write it
 * announces, so that none is lost and none is announced for a write that did not happen.
 */
export async function installOutbox(db: Database<Record<string, unknown>>, schemaName: string): Promise<void> {
  checkedSchemaName(schemaName);
  await db.execute(
    sql.raw(`CREATE TABLE IF NOT EXISTS ${schemaName}.outbox (
  id text PRIMARY KEY NOT NULL,
  type text NOT NULL,
  record text NOT NULL,
  subjects text[] NOT NULL,
  record_type text NOT NULL,
  fields jsonb NOT NULL,
  occurred_at timestamp with time zone NOT NULL,
  published_at timestamp with time zone
)`),
  );
  await db.execute(
    sql.raw(`ALTER TABLE ${schemaName}.outbox ADD COLUMN IF NOT EXISTS recipients jsonb,
      ADD COLUMN IF NOT EXISTS kinds text[], ADD COLUMN IF NOT EXISTS actor jsonb`),
  );
  await db.execute(
    sql.raw(
      `CREATE INDEX IF NOT EXISTS outbox_unpublished_idx ON ${schemaName}.outbox (occurred_at) WHERE published_at IS NULL`,
    ),
  );
}

/**
 * Records a write as one transaction: the write itself, its event in the outbox, and its entry in the
 * owner's audit chain (the collection log). Any of them failing leaves nothing written.
 */
export async function recordWrite<T>(
  db: Database<Record<string, unknown>>,
  schemaName: string,
  identity: RequestIdentity,
  write: (tx: Database<Record<string, unknown>>) => Promise<{ result: T; event: RecordedEvent }>,
): Promise<T> {
  return db.transaction(async (tx) => {
    const transaction = tx as unknown as Database<Record<string, unknown>>;
    const { result, event } = await write(transaction);
    const at = new Date().toISOString();
    await transaction.execute(
      sql`insert into ${sql.raw(`${schemaName}.outbox`)} (id, type, record, subjects, record_type, fields, recipients,
          kinds, actor, occurred_at)
        values (${randomUUID()}, ${event.type}, ${event.record}, ${sql.param([...event.subjects])}, ${event.recordType},
          ${JSON.stringify(event.fields)}::jsonb, ${event.recipients ? JSON.stringify(event.recipients) : null}::jsonb,
          ${sql.param([...(event.kinds ?? [])])}, ${JSON.stringify(identity.principal)}::jsonb, ${at})`,
    );
    const entry: CollectionEntry = {
      kind: event.alteration ? 'alteration' : 'collection',
      at,
      requestId: identity.requestId,
      principal: auditPrincipal(identity.principal),
      purpose: identity.purpose,
      people: [...event.subjects],
      record: event.record,
      event: event.type,
      justification: identity.justification,
      ...event.alteration,
    };
    await appendAudit(transaction, schemaName, [entry]);
    return result;
  });
}
