import { sql } from 'drizzle-orm';
import type { Database } from './database.ts';

/** How long a readiness probe waits for the database before it says no. */
const probeTimeoutMs = 2000;

/**
 * Whether the database answers, and the audit log in it is there: what a load balancer asks before it
 * sends a request that could not be recorded.
 */
export async function isReady(db: Database<Record<string, unknown>>, auditSchema?: string): Promise<boolean> {
  const probe = auditSchema
    ? db.execute(sql`select 1 from ${sql.identifier(auditSchema)}.audit_log limit 0`)
    : db.execute(sql`select 1`);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('database probe timed out')), probeTimeoutMs);
  });
  try {
    await Promise.race([probe, timeout]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
