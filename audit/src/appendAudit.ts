import type { Principal } from '@tessera/policies';
import { checkedSchemaName, timedAppend, type Database } from '@tessera/runtime';
import { canonicalJson } from './canonicalJson.ts';
import { arrayLiteral, searchableColumns } from './searchableColumns.ts';

/** Who acted, as every audit entry names them: enough to find them again, nothing of their clearance. */
export interface AuditPrincipal {
  readonly issuer: string;
  readonly subject: string;
  readonly agency: string;
  readonly roles: readonly string[];
}

/** The one way a principal is written into any audit log. */
export function auditPrincipal(principal: Principal | AuditPrincipal): AuditPrincipal {
  return {
    issuer: principal.issuer,
    subject: principal.subject,
    agency: principal.agency,
    roles: [...principal.roles],
  };
}

/** What every audit entry carries; each log adds its own fields. */
export interface AuditEntryBase {
  readonly kind: string;
  /** ISO timestamp. */
  readonly at: string;
  readonly requestId: string;
  /** National identifiers of the people the entry is about, for "who consulted X". */
  readonly people: readonly string[];
  readonly purpose?: string | null;
  readonly outcome?: string;
  readonly principal?: AuditPrincipal;
}

/** Appends entries to a schema's audit chain in one statement; throws if they were not written. */
export async function appendAudit(
  db: Database<Record<string, unknown>>,
  schemaName: string,
  entries: readonly AuditEntryBase[],
): Promise<void> {
  if (entries.length === 0) return;
  // One array parameter per column, however many entries: not one placeholder each to build and bind.
  // The searchable columns are read here, from the entries, rather than from each entry parsed again as
  // jsonb in the database, where that parse was a fifth of an entry's cost.
  const columns = entries.map((entry) => searchableColumns(entry as unknown as Record<string, unknown>));
  // The entries go as one text, one per line, split again by the database: canonical JSON never holds a
  // line break (JSON.stringify writes it as an escape), and as a list of texts each entry's every quote
  // would be escaped on the way, which cost as much as making the entry.
  const lines = entries.map((entry) => canonicalJson(entry)).join('\n');
  const arrays = [
    columns.map((row) => row.at),
    columns.map((row) => row.kind),
    columns.map((row) => row.requestId),
    columns.map((row) => row.agency),
    columns.map((row) => row.purpose),
    columns.map((row) => row.outcome),
    columns.map((row) => arrayLiteral(row.people)),
    columns.map((row) => row.recordType),
    columns.map((row) => row.recordId),
  ];
  // A named statement: each connection parses and plans the call once, not at every append. Its plan is
  // the function call alone (the function keeps the plans of its own queries), so none can go stale.
  const append = db._.session.prepareQuery(
    { sql: appendStatement(schemaName, arrays.length), params: [lines, ...arrays] },
    undefined,
    `append_audit_${schemaName}`,
    false,
  );
  await timedAppend(schemaName, () => append.execute());
}

/** The append to one schema's chain: the entries as one text split by line, then a text array per column. */
function appendStatement(schemaName: string, columnCount: number): string {
  const columns = Array.from({ length: columnCount }, (_, index) => `$${index + 2}::text[]`).join(', ');
  return `select "${checkedSchemaName(schemaName)}".append_audit(string_to_array($1::text, chr(10)), ${columns})`;
}

/** Appends to one chain from one process. */
export interface AuditAppender {
  /** Resolves once the entries are in the chain (committed), with those of other requests meanwhile. */
  append(entries: readonly AuditEntryBase[]): Promise<void>;
}

/**
 * A group commit for a chain that every request appends to: while an append is in flight, the entries
 * that arrive wait for it and then go together in the next, one statement, one lock and one commit for
 * them all. Alone, a request waits for nothing; under load, the chain takes as many records per second
 * as the lock allows batches. Each request is answered only once its own entries are committed, and a
 * failed append fails every request whose entries it held.
 */
export function createAuditAppender(db: Database<Record<string, unknown>>, schemaName: string): AuditAppender {
  let next: { entries: AuditEntryBase[]; written: Promise<void> } | undefined;
  let inFlight: Promise<unknown> = Promise.resolve();
  return {
    append(entries) {
      if (entries.length === 0) return Promise.resolve();
      if (!next) {
        const batch: AuditEntryBase[] = [];
        const written = inFlight.then(() => {
          // From here on, arriving entries wait for this append and go in the one after.
          next = undefined;
          return appendAudit(db, schemaName, batch);
        });
        inFlight = written.catch(() => undefined);
        next = { entries: batch, written };
      }
      next.entries.push(...entries);
      return next.written;
    },
  };
}
