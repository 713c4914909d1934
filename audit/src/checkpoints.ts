import { CompactSign } from 'jose';
import { sql } from 'drizzle-orm';
import { queryRows, type Database, type KeyInUse, type Logger } from '@tessera/runtime';

export const checkpointType = 'tessera-checkpoint+jws';

export interface Checkpointer {
  /** Signs the chain's head, if it moved since the last checkpoint. */
  checkpoint(): Promise<void>;
  /** Stops the periodic checkpoints after a last one. */
  stop(): Promise<void>;
}

/**
 * Periodically signs the head of a schema's audit chain (a JWS over its position and hash) and stores
 * the signature: rewriting the chain, or cutting off its end, no longer goes unnoticed.
 */
export function startCheckpoints(
  db: Database<Record<string, unknown>>,
  schemaName: string,
  key: KeyInUse,
  intervalMs: number,
  logger: Logger,
): Checkpointer {
  const schema = sql.identifier(schemaName);
  const checkpoint = async () => {
    const [head] = await queryRows<{ seq: unknown; hash: string }>(
      db,
      sql`select seq, hash from ${schema}.audit_log order by seq desc limit 1`,
    );
    const [last] = await queryRows<{ seq: unknown; chain_seq: unknown }>(
      db,
      sql`select seq, chain_seq from ${schema}.audit_checkpoint order by seq desc limit 1`,
    );
    if (!head || Number(head.seq) === Number(last?.chain_seq ?? 0)) return;
    const payload = { chain: schemaName, seq: Number(head.seq), hash: head.hash, at: new Date().toISOString() };
    const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
      .setProtectedHeader({ alg: 'EdDSA', typ: checkpointType, kid: key.kid })
      .sign(key.key);
    // Two processes may checkpoint at once: the second finds the position taken, which is harmless.
    await db.execute(sql`
      insert into ${schema}.audit_checkpoint (seq, chain_seq, chain_hash, signed_at, jws)
      values (${Number(last?.seq ?? 0) + 1}, ${payload.seq}, ${payload.hash}, ${payload.at}, ${jws})
      on conflict (seq) do nothing`);
  };
  const timer = setInterval(() => {
    checkpoint().catch((error: unknown) => logger.error({ err: error, chain: schemaName }, 'audit checkpoint failed'));
  }, intervalMs);
  timer.unref();
  return {
    checkpoint,
    async stop() {
      clearInterval(timer);
      await checkpoint();
    },
  };
}
