import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { codedError, type Principal, type Purpose } from '@tessera/policies';
import { queryRows, type Database } from '@tessera/runtime';

/** A partner's watch on a person, as it is shown to them. */
export interface WatchView {
  readonly id: string;
  readonly subject: string;
  readonly purpose: string;
  readonly justification: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly active: boolean;
}

/** A watch as the dispatcher reads it: whom to decide for, and for what. */
export interface ActiveWatch {
  readonly id: string;
  /** An event before the watch began is not alerted. */
  readonly createdAt: string;
  readonly subject: string;
  readonly purpose: Purpose;
  readonly watcher: Principal;
}

/** An alert as its watcher reads it. */
export interface AlertView {
  readonly id: string;
  readonly watchId: string;
  readonly subject: string;
  readonly owner: string;
  readonly kind: string;
  readonly record: string;
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
          and watcher_subject = ${watcher.subject} and ended_at is null and expires_at > ${now.toISOString()}`,
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
        returning *`,
      );
      if (!row) throw codedError('BAD_USER_INPUT', 'You have no watch in force with this id.');
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
    /** The watches in force on any of these people. */
    async watching(subjects: readonly string[]): Promise<ActiveWatch[]> {
      const rows = await queryRows<WatchRow>(
        db,
        sql`select * from ${watches} where subject = any(${sql.param([...subjects])}) and ended_at is null
          and expires_at > ${clock().toISOString()}`,
      );
      return rows.map((row) => ({
        id: row.id,
        createdAt: iso(row.created_at),
        subject: row.subject,
        purpose: row.purpose as Purpose,
        watcher: row.watcher,
      }));
    },
    /** Keeps an alert once, whatever number of times its event is delivered. */
    async deliver(alert: Omit<AlertView, 'deliveredAt'>, watcher: Principal): Promise<void> {
      await db.execute(
        sql`insert into ${alerts} (id, watch_id, watcher_issuer, watcher_subject, subject, owner, kind, record,
          occurred_at, delivered_at, fields)
        values (${alert.id}, ${alert.watchId}, ${watcher.issuer}, ${watcher.subject}, ${alert.subject}, ${alert.owner},
          ${alert.kind}, ${alert.record}, ${alert.occurredAt}, ${clock().toISOString()},
          ${JSON.stringify(alert.fields)}::jsonb) on conflict (id) do nothing`,
      );
    },
    async alertsOf(watcher: Principal, after: string | null): Promise<AlertView[]> {
      const rows = await queryRows<{
        id: string;
        watch_id: string;
        subject: string;
        owner: string;
        kind: string;
        record: string;
        occurred_at: Date | string;
        delivered_at: Date | string;
        fields: AlertView['fields'];
      }>(
        db,
        sql`select * from ${alerts} where watcher_issuer = ${watcher.issuer} and watcher_subject = ${watcher.subject}
          and delivered_at > ${after ?? '1970-01-01T00:00:00Z'} order by delivered_at, id limit 500`,
      );
      return rows.map((row) => ({
        id: row.id,
        watchId: row.watch_id,
        subject: row.subject,
        owner: row.owner,
        kind: row.kind,
        record: row.record,
        occurredAt: iso(row.occurred_at),
        deliveredAt: iso(row.delivered_at),
        fields: row.fields,
      }));
    },
  };
}

export type WatchStore = Awaited<ReturnType<typeof createWatchStore>>;
