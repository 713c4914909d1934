import { sql, type SQL } from 'drizzle-orm';
import { codedError } from '@tessera/policies';
import { queryRows, readInteger, readIsoTime, type Database } from '@tessera/runtime';
import { hubSchemaName, type AuditEntryBase } from '@tessera/audit';

const maxPage = 200;
const log = sql.identifier(hubSchemaName);

/** A page of log entries matching `conditions`, after a cursor, with the cursor of the next page. */
export async function readLog<Entry extends AuditEntryBase>(
  db: Database<Record<string, unknown>>,
  conditions: SQL[],
  first: number,
  after: string | null | undefined,
): Promise<{ entries: { seq: number; entry: Entry }[]; nextCursor: string | null }> {
  readInteger('first', first, 1, maxPage);
  const afterSeq = after ? seqOfCursor(after) : 0;
  const rows = await queryRows<{ seq: unknown; entry: string }>(
    db,
    sql`select seq, entry from ${log}.audit_log
        where ${sql.join([sql`seq > ${afterSeq}`, ...conditions], sql` and `)}
        order by seq limit ${first + 1}`,
  );
  const entries = rows.slice(0, first).map((row) => ({ seq: Number(row.seq), entry: JSON.parse(row.entry) as Entry }));
  const last = entries.at(-1);
  return { entries, nextCursor: rows.length > first && last ? cursorOf(last.seq) : null };
}

/** An ISO timestamp argument, checked. */
export function timeArgument(name: string, value: string | null | undefined): Date | undefined {
  return value === null || value === undefined ? undefined : readIsoTime(name, value);
}

/** The longest period a measure over the trail covers. */
const maxPeriodDays = 366;

/** A period of the trail (ISO times, from before to, at most a year apart), checked. */
export function periodArgument(range: { from: string; to: string }): { from: Date; to: Date } {
  const from = readIsoTime('from', range.from);
  const to = readIsoTime('to', range.to);
  if (!(from < to) || to.getTime() - from.getTime() > maxPeriodDays * 86_400_000) {
    throw codedError('BAD_USER_INPUT', `from before to, at most ${maxPeriodDays} days apart.`);
  }
  return { from, to };
}

export { log as hubLog };

function cursorOf(seq: number): string {
  return Buffer.from(`seq:${seq}`).toString('base64url');
}

function seqOfCursor(cursor: string): number {
  const match = /^seq:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw codedError('BAD_USER_INPUT', 'after is not a cursor this API gave.');
  return Number(match[1]);
}
