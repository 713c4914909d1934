import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { codedError, type Principal, type Purpose, type StandingWatchClause } from '@tessera/policies';
import { queryRows, type Database, type OwnerEvent } from '@tessera/runtime';

/** A partner's watch on a person, as it is shown to them. */
export interface WatchView {
  readonly id: string;
  readonly subject: string;
  readonly purpose: string;
  readonly justification: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly active: boolean;
  /** The agreement clause that set up a standing watch; none for a watch the partner asked for. */
  readonly clause: string | null;
}

/** A watch as the dispatcher reads it for one event: whom to decide for, for what, and whether it was told. */
export interface ActiveWatch {
  readonly id: string;
  /** The id of this watch's alert of the event. */
  readonly alertId: string;
  /** Its alert of the event is kept already (the event came again). */
  readonly alerted: boolean;
  /** An event before the watch began is not alerted. */
  readonly createdAt: string;
  readonly subject: string;
  readonly purpose: Purpose;
  readonly justification: string;
  readonly watcher: Principal;
}

/** An alert as its watcher reads it. */
export interface AlertView {
  readonly id: string;
  /** None for a notice of a correction or withdrawal to an earlier recipient. */
  readonly watchId: string | null;
  readonly subject: string;
  readonly owner: string;
  readonly kind: string;
  /** Named to an earlier recipient only (a notice); a watcher's alert points at the owner, not the record. */
  readonly record: string | null;
  readonly occurredAt: string;
  readonly deliveredAt: string;
  /** The event's fields the watcher's agreements release at delivery; empty: a pointer only. */
  readonly fields: readonly { readonly name: string; readonly value: string }[];
}

const maxDays = 90;
const maxActivePerPrincipal = 100;

interface WatchRow {
  id: string;
  subject: string;
  purpose: string;
  justification: string;
  watcher: Principal;
  created_at: Date | string;
  expires_at: Date | string;
  ended_at: Date | string | null;
  clause: string | null;
}

interface AlertRow {
  id: string;
  watch_id: string | null;
  subject: string;
  owner: string;
  kind: string;
  record: string;
  occurred_at: Date | string;
  delivered_at: Date | string;
  fields: AlertView['fields'];
}

/** Who an alert is for: a watcher, or an earlier recipient of a corrected record. */
export interface Recipient {
  readonly issuer: string;
  readonly subject: string;
}

const iso = (value: Date | string) => new Date(value).toISOString();

/** Watches and their alerts, in the hub's own database. */
export async function createWatchStore(db: Database<Record<string, unknown>>, schemaName: string, clock: () => Date) {
  const watches = sql.raw(`${schemaName}.watch`);
  const alerts = sql.raw(`${schemaName}.alert`);
  for (const statement of [
    `CREATE TABLE IF NOT EXISTS ${schemaName}.watch (id text PRIMARY KEY NOT NULL, subject text NOT NULL,
      watcher_issuer text NOT NULL, watcher_subject text NOT NULL, watcher jsonb NOT NULL, purpose text NOT NULL,
      justification text NOT NULL, created_at timestamp with time zone NOT NULL,
      expires_at timestamp with time zone NOT NULL, ended_at timestamp with time zone)`,
    `CREATE INDEX IF NOT EXISTS watch_subject_idx ON ${schemaName}.watch (subject)`,
    `CREATE INDEX IF NOT EXISTS watch_watcher_idx ON ${schemaName}.watch (watcher_issuer, watcher_subject)`,
    `CREATE TABLE IF NOT EXISTS ${schemaName}.alert (id text PRIMARY KEY NOT NULL, watch_id text NOT NULL,
      watcher_issuer text NOT NULL, watcher_subject text NOT NULL, subject text NOT NULL, owner text NOT NULL,
      kind text NOT NULL, record text NOT NULL, occurred_at timestamp with time zone NOT NULL,
      delivered_at timestamp with time zone NOT NULL, fields jsonb NOT NULL)`,
    `CREATE INDEX IF NOT EXISTS alert_watcher_idx ON ${schemaName}.alert (watcher_issuer, watcher_subject, delivered_at)`,
    // A standing watch (set up by an agreement's clause) watches one owner's events of some types only.
    `ALTER TABLE ${schemaName}.watch ADD COLUMN IF NOT EXISTS owner text, ADD COLUMN IF NOT EXISTS events text[],
      ADD COLUMN IF NOT EXISTS clause text, ADD COLUMN IF NOT EXISTS source text`,
    `CREATE INDEX IF NOT EXISTS watch_source_idx ON ${schemaName}.watch (source) WHERE source IS NOT NULL`,
    // A notice to an earlier recipient of a corrected record answers no watch; each delivery names its record.
    `ALTER TABLE ${schemaName}.alert ALTER COLUMN watch_id DROP NOT NULL, ADD COLUMN IF NOT EXISTS request_id text`,
  ]) {
    await db.execute(sql.raw(statement));
  }
  const view = (row: WatchRow): WatchView => ({
    id: row.id,
    subject: row.subject,
    purpose: row.purpose,
    justification: row.justification,
    createdAt: iso(row.created_at),
    expiresAt: iso(row.expires_at),
    active: !row.ended_at && new Date(row.expires_at) > clock(),
    clause: row.clause,
  });
  const alertView = (row: AlertRow): AlertView => ({
    id: row.id,
    watchId: row.watch_id,
    subject: row.subject,
    owner: row.owner,
    kind: row.kind,
    record: row.watch_id === null ? row.record : null,
    occurredAt: iso(row.occurred_at),
    deliveredAt: iso(row.delivered_at),
    fields: row.fields,
  });
  return {
    async watch(watcher: Principal, subject: string, purpose: Purpose, justification: string, expiresAt: Date) {
      const now = clock();
      if (!(expiresAt > now) || expiresAt.getTime() - now.getTime() > maxDays * 86_400_000) {
        throw codedError('BAD_USER_INPUT', `A watch ends after now and within ${maxDays} days.`, {
          extensions: { argument: 'expiresAt' },
        });
      }
      const [active] = await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from ${watches} where watcher_issuer = ${watcher.issuer}
          and watcher_subject = ${watcher.subject} and ended_at is null and expires_at > ${now.toISOString()}
          and clause is null`,
      );
      if ((active?.n ?? 0) >= maxActivePerPrincipal) {
        throw codedError('BAD_USER_INPUT', `At most ${maxActivePerPrincipal} watches in force per person.`);
      }
      const [row] = await queryRows<WatchRow>(
        db,
        sql`insert into ${watches} (id, subject, watcher_issuer, watcher_subject, watcher, purpose, justification,
          created_at, expires_at)
        values (${randomUUID()}, ${subject}, ${watcher.issuer}, ${watcher.subject}, ${JSON.stringify(watcher)}::jsonb,
          ${purpose}, ${justification}, ${now.toISOString()}, ${expiresAt.toISOString()}) returning *`,
      );
      return view(row!);
    },
    async unwatch(watcher: Principal, id: string) {
      const [row] = await queryRows<WatchRow>(
        db,
        sql`update ${watches} set ended_at = ${clock().toISOString()} where id = ${id}
          and watcher_issuer = ${watcher.issuer} and watcher_subject = ${watcher.subject} and ended_at is null
          and clause is null
        returning *`,
      );
      if (!row) {
        throw codedError(
          'BAD_USER_INPUT',
          'You have no watch in force with this id that you set up (a standing watch ends with its record).',
        );
      }
      return view(row);
    },
    async watchesOf(watcher: Principal): Promise<WatchView[]> {
      const rows = await queryRows<WatchRow>(
        db,
        sql`select * from ${watches} where watcher_issuer = ${watcher.issuer} and watcher_subject = ${watcher.subject}
          order by created_at desc limit 500`,
      );
      return rows.map(view);
    },
    /**
     * The watches in force on any of the event's people that look at its owner's events of its type, each
     * with whether its alert of the event is kept already: one statement, not one more for each watch.
     */
    async watching(event: Pick<OwnerEvent, 'id' | 'subjects' | 'owner' | 'type'>): Promise<ActiveWatch[]> {
      const alertIdPrefix = `${event.id}:`;
      const rows = await queryRows<WatchRow & { alerted: boolean }>(
        db,
        sql`select w.*, exists (select 1 from ${alerts} a where a.id = ${alertIdPrefix} || w.id) as alerted
          from ${watches} w where w.subject = any(${sql.param([...event.subjects])}) and w.ended_at is null
          and w.expires_at > ${clock().toISOString()} and (w.owner is null or w.owner = ${event.owner})
          and (w.events is null or ${event.type} = any(w.events))`,
      );
      return rows.map((row) => ({
        id: row.id,
        alertId: `${alertIdPrefix}${row.id}`,
        alerted: row.alerted,
        createdAt: iso(row.created_at),
        subject: row.subject,
        purpose: row.purpose as Purpose,
        justification: row.justification,
        watcher: row.watcher,
      }));
    },
    /**
     * Sets up the standing watch a clause asks for when an owner records a record of its kind; the same
     * record setting it again changes nothing.
     */
    async standingWatch(
      clause: StandingWatchClause,
      subject: string,
      watcher: Principal,
      source: string,
      since: string,
    ): Promise<void> {
      const start = new Date(since);
      await db.execute(
        sql`insert into ${watches} (id, subject, watcher_issuer, watcher_subject, watcher, purpose, justification,
          created_at, expires_at, owner, events, clause, source)
        values (${`${clause.id}:${source}:${subject}`}, ${subject}, ${watcher.issuer}, ${watcher.subject},
          ${JSON.stringify(watcher)}::jsonb, ${clause.purpose}, ${`${clause.id}: ${clause.summary}`},
          ${start.toISOString()}, ${new Date(start.getTime() + clause.maxDays * 86_400_000).toISOString()},
          ${clause.watches.owner}, ${sql.param([...clause.watches.events])}, ${clause.id}, ${source})
        on conflict (id) do nothing`,
      );
    },
    /** Ends the standing watches these clauses set up for a record, when its owner records that it ended. */
    async endStandingWatches(clauses: readonly string[], source: string): Promise<void> {
      await db.execute(
        sql`update ${watches} set ended_at = ${clock().toISOString()} where source = ${source}
          and clause = any(${sql.param([...clauses])}) and ended_at is null`,
      );
    },
    async hasAlert(id: string): Promise<boolean> {
      return (await queryRows(db, sql`select 1 from ${alerts} where id = ${id}`)).length > 0;
    },
    /** Keeps an alert once, whatever number of times its event is delivered. */
    async deliver(
      alert: Omit<AlertView, 'deliveredAt' | 'record'> & { record: string },
      to: Recipient,
      requestId: string,
    ) {
      await db.execute(
        sql`insert into ${alerts} (id, watch_id, watcher_issuer, watcher_subject, subject, owner, kind, record,
          occurred_at, delivered_at, fields, request_id)
        values (${alert.id}, ${alert.watchId}, ${to.issuer}, ${to.subject}, ${alert.subject}, ${alert.owner},
          ${alert.kind}, ${alert.record}, ${alert.occurredAt}, ${clock().toISOString()},
          ${JSON.stringify(alert.fields)}::jsonb, ${requestId}) on conflict (id) do nothing`,
      );
    },
    async alertOf(to: Recipient, id: string): Promise<AlertView | undefined> {
      const [row] = await queryRows<AlertRow>(
        db,
        sql`select * from ${alerts} where id = ${id} and watcher_issuer = ${to.issuer} and watcher_subject = ${to.subject}`,
      );
      return row && alertView(row);
    },
    async alertsOf(to: Recipient, after: string | null): Promise<AlertView[]> {
      const rows = await queryRows<AlertRow>(
        db,
        sql`select * from ${alerts} where watcher_issuer = ${to.issuer} and watcher_subject = ${to.subject}
          and delivered_at > ${after ?? '1970-01-01T00:00:00Z'} order by delivered_at, id limit 500`,
      );
      return rows.map(alertView);
    },
  };
}

export type WatchStore = Awaited<ReturnType<typeof createWatchStore>>;
