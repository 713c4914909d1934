import { createHmac, timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { codedError } from '@tessera/policies';
import { queryRows, type Database, type Logger } from '@tessera/runtime';
import type { AlertView, Recipient, WatchStore } from './watchStore.ts';

/** A client system's receiver of its alerts, as the operator registers it. */
export interface AlertWebhook {
  readonly issuer: string;
  readonly subject: string;
  readonly url: string;
  /** The shared secret the hub signs with and the receiver checks with (at least 32 characters). */
  readonly secret: string;
}

/** How often a delivery is tried before it goes to the dead-letter list, and the first wait between tries. */
export interface WebhookRetries {
  readonly attempts: number;
  readonly firstDelayMs: number;
}

interface DeliveryRow {
  alert_id: string;
  url: string;
  attempts: number;
  watcher_issuer: string;
  watcher_subject: string;
}

/** How far a receiver trusts a signature's timestamp: replays older than this are refused. */
const toleranceSeconds = 300;
const batch = 20;

/**
 * Signs an alert's body as Standard Webhooks do: HMAC-SHA256 over `id.timestamp.body` with the
 * receiver's secret, in `webhook-id`, `webhook-timestamp` and `webhook-signature` (`v1,<base64>`).
 */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): Record<string, string> {
  const signature = createHmac('sha256', secret).update(`${id}.${timestamp}.${body}`).digest('base64');
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': `v1,${signature}`,
  };
}

/**
 * The reference receiver's check: the body is the hub's, unaltered, and recent. Anything else is
 * refused (UNAUTHENTICATED) before the body is read as an alert.
 */
export function verifyWebhook(
  secret: string,
  headers: Readonly<Record<string, string | undefined>>,
  body: string,
  now: Date = new Date(),
): AlertView {
  const id = headers['webhook-id'];
  const timestamp = Number(headers['webhook-timestamp']);
  const signatures = (headers['webhook-signature'] ?? '').split(' ');
  if (!id || !Number.isInteger(timestamp) || Math.abs(now.getTime() / 1000 - timestamp) > toleranceSeconds) {
    throw codedError('UNAUTHENTICATED', 'The alert is not signed, or its signature is stale.');
  }
  const expected = Buffer.from(signWebhook(secret, id, timestamp, body)['webhook-signature']!);
  const matches = signatures.some((signature) => {
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) throw codedError('UNAUTHENTICATED', 'The alert’s signature does not match.');
  return JSON.parse(body) as AlertView;
}

/**
 * Delivers the alerts of client systems to their webhooks, signed, from a queue in the hub's database:
 * every gateway process works it (rows are taken with SKIP LOCKED), a failed try is retried with a
 * doubling wait, and after the last try the delivery stays in the dead-letter list, where the system
 * (and oversight) sees it; the alert itself is still there for `alerts(after)`.
 */
export async function startWebhookDelivery(options: {
  readonly db: Database<Record<string, unknown>>;
  readonly schemaName: string;
  readonly webhooks: readonly AlertWebhook[];
  readonly retries: WebhookRetries;
  readonly store: WatchStore;
  readonly logger: Logger;
  readonly intervalMs?: number;
}) {
  const deliveries = sql.raw(`${options.schemaName}.webhook_delivery`);
  await options.db.execute(
    sql.raw(`CREATE TABLE IF NOT EXISTS ${options.schemaName}.webhook_delivery (alert_id text PRIMARY KEY NOT NULL,
      watcher_issuer text NOT NULL, watcher_subject text NOT NULL, url text NOT NULL, state text NOT NULL,
      attempts integer NOT NULL DEFAULT 0, next_attempt_at timestamp with time zone NOT NULL, last_error text,
      delivered_at timestamp with time zone)`),
  );
  await options.db.execute(
    sql.raw(`CREATE INDEX IF NOT EXISTS webhook_delivery_due_idx ON ${options.schemaName}.webhook_delivery
      (next_attempt_at) WHERE state = 'pending'`),
  );
  const hookOf = (to: Recipient) =>
    options.webhooks.find((hook) => hook.issuer === to.issuer && hook.subject === to.subject);
  const attempt = async (row: DeliveryRow): Promise<string | null> => {
    const hook = hookOf({ issuer: row.watcher_issuer, subject: row.watcher_subject });
    const alert = await options.store.alertOf(
      { issuer: row.watcher_issuer, subject: row.watcher_subject },
      row.alert_id,
    );
    if (!hook || !alert) return 'the receiver or the alert is no longer registered';
    const body = JSON.stringify(alert);
    try {
      const response = await fetch(hook.url, {
        method: 'POST',
        headers: signWebhook(hook.secret, alert.id, Math.floor(Date.now() / 1000), body),
        body,
        redirect: 'error',
        signal: AbortSignal.timeout(5000),
      });
      await response.body?.cancel();
      return response.ok ? null : `HTTP ${response.status}`;
    } catch (error) {
      return (error as Error).message;
    }
  };
  const settle = async (row: DeliveryRow, failure: string | null) => {
    const attempts = row.attempts + 1;
    if (failure === null) {
      await options.db.execute(sql`update ${deliveries} set state = 'delivered', attempts = ${attempts},
        delivered_at = now(), last_error = null where alert_id = ${row.alert_id}`);
      return;
    }
    const dead = attempts >= options.retries.attempts;
    const wait = options.retries.firstDelayMs * 2 ** (attempts - 1);
    await options.db.execute(sql`update ${deliveries} set state = ${dead ? 'dead' : 'pending'}, attempts = ${attempts},
      last_error = ${failure}, next_attempt_at = now() + ${`${wait} milliseconds`}::interval
      where alert_id = ${row.alert_id}`);
    if (dead) options.logger.warn({ alert: row.alert_id, failure }, 'webhook delivery given up: dead-lettered');
  };
  const work = async () => {
    // Claimed for a lease, not held in a transaction while receivers answer; a process that dies
    // mid-delivery leaves its claims to be tried again when the lease ends.
    const due = await queryRows<DeliveryRow>(
      options.db,
      sql`update ${deliveries} set next_attempt_at = now() + interval '60 seconds'
        where alert_id in (select alert_id from ${deliveries} where state = 'pending' and next_attempt_at <= now()
          order by next_attempt_at limit ${batch} for update skip locked)
        returning alert_id, url, attempts, watcher_issuer, watcher_subject`,
    );
    await Promise.all(due.map(async (row) => settle(row, await attempt(row))));
    return due.length;
  };
  let working: Promise<void> | undefined;
  const drain = () =>
    (working ??= (async () => {
      try {
        while ((await work()) === batch);
      } catch (error) {
        options.logger.error({ err: error }, 'webhook deliveries paused');
      } finally {
        working = undefined;
      }
    })());
  // With no receiver registered there is never anything to deliver: no polling at all.
  const timer = options.webhooks.length > 0 ? setInterval(() => void drain(), options.intervalMs ?? 250) : undefined;
  timer?.unref();
  return {
    /** Queues an alert for its recipient's webhook, if it has one; a second call changes nothing. */
    async enqueue(to: Recipient, alertId: string): Promise<void> {
      const hook = hookOf(to);
      if (!hook) return;
      await options.db.execute(
        sql`insert into ${deliveries} (alert_id, watcher_issuer, watcher_subject, url, state, next_attempt_at)
          values (${alertId}, ${to.issuer}, ${to.subject}, ${hook.url}, 'pending', now()) on conflict do nothing`,
      );
      void drain();
    },
    /** The recipient's deliveries that failed after every try, newest first. */
    async deadLetters(to: Recipient) {
      const rows = await queryRows<{
        alert_id: string;
        attempts: number;
        last_error: string | null;
        next_attempt_at: Date | string;
      }>(
        options.db,
        sql`select alert_id, attempts, last_error, next_attempt_at from ${deliveries} where state = 'dead'
          and watcher_issuer = ${to.issuer} and watcher_subject = ${to.subject} order by next_attempt_at desc limit 500`,
      );
      return rows.map((row) => ({ alertId: row.alert_id, attempts: row.attempts, lastError: row.last_error }));
    },
    async stop() {
      clearInterval(timer);
      await working;
    },
  };
}

export type WebhookDelivery = Awaited<ReturnType<typeof startWebhookDelivery>>;
