import { bigint, index, pgSchema, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The tables of one hash-chained, append-only audit log, in the schema of the component that keeps it
 * (the hub's consultations, each owner's disclosures). `entry` is the canonical JSON that was hashed;
 * the other columns copy parts of it for searching, and verification checks they still agree.
 */
export function auditTables(schema: ReturnType<typeof pgSchema>) {
  const auditLog = schema.table(
    'audit_log',
    {
      seq: bigint('seq', { mode: 'number' }).primaryKey(),
      recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
      kind: text('kind').notNull(),
      requestId: text('request_id').notNull(),
      agency: text('agency'),
      purpose: text('purpose'),
      outcome: text('outcome'),
      people: text('people').array().notNull(),
      entry: text('entry').notNull(),
      prevHash: text('prev_hash').notNull(),
      hash: text('hash').notNull(),
    },
    (table) => [
      index('audit_log_time_idx').on(table.recordedAt),
      index('audit_log_request_idx').on(table.requestId),
      index('audit_log_people_idx').using('gin', table.people),
    ],
  );
  const auditCheckpoint = schema.table('audit_checkpoint', {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    chainSeq: bigint('chain_seq', { mode: 'number' }).notNull(),
    chainHash: text('chain_hash').notNull(),
    signedAt: timestamp('signed_at', { withTimezone: true, mode: 'date' }).notNull(),
    jws: text('jws').notNull(),
  });
  return { auditLog, auditCheckpoint };
}
