import { sql } from 'drizzle-orm';
import type { JWTVerifyGetKey } from 'jose';
import type { Logger } from 'pino';
import { codedError, type Agency } from '@tessera/policies';
import { queryRows, type Database, type EventRecipient, type RequestIdentity } from '@tessera/runtime';
import { ownerDesk } from '../ownerDesk.ts';
import { check, refuseIfAny } from './inputChecks.ts';
import { recordWrite } from './recordWrite.ts';

/** A kind of record its owner may correct and withdraw, as its table holds it. */
export interface RevisableKind {
  /** The table, schema-qualified (`customs.border_crossing`); its key is `id`. */
  readonly table: string;
  /** The record's GraphQL type: what the disclosure log and the agreements name it. */
  readonly recordType: string;
  /** The column that names the person the record is about. */
  readonly personColumn: string;
  /** What a correction may change: each field's column, and the problems of a new value. */
  readonly fields: Readonly<Record<string, { readonly column: string; check(value: unknown): string[] }>>;
  /** Rows of other tables that belong to the record and go with it when it is withdrawn (`table.column`). */
  readonly dependents?: readonly string[];
}

/** A correction or withdrawal as the owner answers it. */
export interface RevisionView {
  readonly record: string;
  readonly action: 'correction' | 'withdrawal';
  readonly fields: readonly string[];
  readonly reason: string;
  readonly revisedAt: string;
  /** The earlier recipients told of it. */
  readonly notified: number;
}

const maxReason = 1000;
const identifier = /^[a-z_]+(\.[a-z_]+){0,2}$/;

/**
 * Makes the record history table and the indexes by which the earlier recipients of a record are found
 * in the owner's disclosure log: by its record columns, and, for disclosures recorded before the log had
 * them, by the entry itself. The first index used to be over the entry for every disclosure: parsing each
 * entry twice as jsonb at insert was a third of the database's cost of a disclosure record.
 */
export async function installRevisions(db: Database<Record<string, unknown>>, schemaName: string): Promise<void> {
  for (const statement of [
    `CREATE TABLE IF NOT EXISTS ${schemaName}.record_revision (id bigserial PRIMARY KEY, record text NOT NULL,
      action text NOT NULL, before jsonb NOT NULL, after jsonb, reason text NOT NULL, revised_by jsonb NOT NULL,
      revised_at timestamp with time zone NOT NULL)`,
    `CREATE INDEX IF NOT EXISTS record_revision_record_idx ON ${schemaName}.record_revision (record)`,
    `CREATE INDEX IF NOT EXISTS audit_log_released_record_idx ON ${schemaName}.audit_log (record_type, record_id)
      WHERE kind = 'disclosure'`,
    `CREATE INDEX IF NOT EXISTS audit_log_earlier_disclosure_idx ON ${schemaName}.audit_log
      ((entry::jsonb ->> 'type'), (entry::jsonb ->> 'id')) WHERE kind = 'disclosure' AND record_type IS NULL`,
    `DROP INDEX IF EXISTS ${schemaName}.audit_log_disclosed_record_idx`,
  ]) {
    await db.execute(sql.raw(statement));
  }
}

/**
 * POST /records: the owner's staff correct and withdraw the owner's records (LED Art 7(3)), through
 * the hub. Nothing is overwritten unseen: the history keeps each earlier version with the reason and
 * who changed it; the change is in the owner's audit chain (alteration); its event tells every
 * earlier recipient found in the owner's disclosure log, and the watchers of the person. A withdrawn
 * record leaves the tables every answer is read from, so no partner receives it again.
 */
export function createRecordsDesk(options: {
  readonly owner: string;
  readonly ownerAgency: Agency;
  readonly db: Database<Record<string, unknown>>;
  readonly schemaName: string;
  readonly kinds: Readonly<Record<string, RevisableKind>>;
  readonly gatewayKeys: JWTVerifyGetKey;
  readonly logger: Logger;
}) {
  for (const kind of Object.values(options.kinds)) {
    const columns = [kind.table, kind.personColumn, ...Object.values(kind.fields).map((field) => field.column)];
    if (![...columns, ...(kind.dependents ?? [])].every((name) => identifier.test(name)))
      throw new Error(`invalid revisable kind ${kind.table}`);
  }
  const revise = async (
    identity: RequestIdentity,
    input: Record<string, unknown>,
    action: RevisionView['action'],
  ): Promise<RevisionView> => {
    if (identity.principal.agency !== options.ownerAgency) {
      throw codedError('FORBIDDEN', `Only ${options.owner}'s own staff correct or withdraw its records.`, {
        refuseRequest: true,
      });
    }
    const record = typeof input.id === 'string' ? input.id : '';
    const kind = options.kinds[record.slice(0, record.indexOf('/'))];
    const id = record.slice(record.indexOf('/') + 1);
    const changes = action === 'correction' ? readChanges(input.changes, kind) : { values: {}, problems: [] };
    refuseIfAny(`The ${action}`, [
      ...(kind ? [] : [`id: a record of ${options.owner} (${Object.keys(options.kinds).join('/, ')}/...)`]),
      ...check.text(input.reason, 'reason', 'why the record changes', maxReason),
      ...changes.problems,
    ]);
    const reason = input.reason as string;
    const table = sql.raw(kind!.table);
    const revisedAt = new Date().toISOString();
    let notified = 0;
    await recordWrite(options.db, options.schemaName, identity, async (tx) => {
      const [before] = await queryRows<Record<string, unknown>>(
        tx,
        sql`select to_jsonb(t) as row from ${table} t where id::text = ${id} for update`,
      );
      if (!before) throw codedError('NOT_FOUND', `${options.owner} holds no record ${record}.`);
      const row = before.row as Record<string, unknown>;
      const person = String(row[kind!.personColumn]);
      const set = Object.entries(changes.values).map(
        ([field, value]) => sql`${sql.identifier(kind!.fields[field]!.column)} = ${value}`,
      );
      if (action === 'correction') {
        await tx.execute(sql`update ${table} set ${sql.join(set, sql`, `)} where id::text = ${id}`);
      } else {
        for (const dependent of kind!.dependents ?? []) {
          const [dependentTable, column] = [
            dependent.slice(0, dependent.lastIndexOf('.')),
            dependent.slice(dependent.lastIndexOf('.') + 1),
          ];
          await tx.execute(sql`delete from ${sql.raw(dependentTable)} where ${sql.identifier(column)}::text = ${id}`);
        }
        await tx.execute(sql`delete from ${table} where id::text = ${id}`);
      }
      await tx.execute(
        sql`insert into ${sql.raw(`${options.schemaName}.record_revision`)} (record, action, before, after, reason,
          revised_by, revised_at)
        values (${record}, ${action}, ${JSON.stringify(row)}::jsonb,
          ${action === 'correction' ? JSON.stringify(changes.values) : null}::jsonb, ${reason},
          ${JSON.stringify(identity.principal)}::jsonb, ${revisedAt})`,
      );
      const recipients = await recipientsOf(tx, options.schemaName, kind!.recordType, id);
      notified = recipients.length;
      return {
        result: undefined,
        event: {
          type: action === 'correction' ? 'record.corrected' : 'record.withdrawn',
          record,
          subjects: [person],
          recordType: kind!.recordType,
          fields: changes.values,
          recipients,
          alteration: { reason, fields: Object.keys(changes.values) },
        },
      };
    });
    return { record, action, fields: Object.keys(changes.values), reason, revisedAt, notified };
  };
  return ownerDesk(options, {
    correct: (identity, input) => revise(identity, input, 'correction'),
    withdraw: (identity, input) => revise(identity, input, 'withdrawal'),
  });
}

/** The changes asked for, by field, and every problem with them. */
function readChanges(
  changes: unknown,
  kind: RevisableKind | undefined,
): { values: Record<string, unknown>; problems: string[] } {
  if (!kind) return { values: {}, problems: [] };
  const list = Array.isArray(changes) ? (changes as { field?: unknown; value?: unknown }[]) : [];
  const names = Object.keys(kind.fields);
  if (list.length === 0 || list.length > names.length)
    return { values: {}, problems: [`changes: one to ${names.length} of ${names.join(', ')}`] };
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const { field, value } of list) {
    const spec = typeof field === 'string' && Object.hasOwn(kind.fields, field) ? kind.fields[field] : undefined;
    if (!spec || Object.hasOwn(values, field as string)) {
      problems.push(`changes: ${String(field)} is not a field a correction may change (${names.join(', ')}), once`);
      continue;
    }
    problems.push(...spec.check(value));
    values[field as string] = value;
  }
  return { values, problems };
}

/** Everyone the owner's disclosure log says received this record, once each. */
export async function recipientsOf(
  db: Database<Record<string, unknown>>,
  schemaName: string,
  recordType: string,
  id: string,
): Promise<EventRecipient[]> {
  const log = sql.raw(`${schemaName}.audit_log`);
  const rows = await queryRows<{ principal: EventRecipient }>(
    db,
    sql`select distinct on (principal ->> 'issuer', principal ->> 'subject') principal
        from (select entry::jsonb -> 'principal' as principal from ${log}
                where kind = 'disclosure' and record_type = ${recordType} and record_id = ${id}
              union all
              select entry::jsonb -> 'principal' from ${log}
                where kind = 'disclosure' and record_type is null
                  and entry::jsonb ->> 'type' = ${recordType} and entry::jsonb ->> 'id' = ${id}) recipients`,
  );
  return rows.map((row) => row.principal);
}
