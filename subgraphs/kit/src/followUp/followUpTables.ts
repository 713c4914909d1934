import { sql } from 'drizzle-orm';
import { checkedSchemaName, type Database } from '@tessera/runtime';

/**
 * The owner's follow-up queue and its grants, in the owner's own schema (installed idempotently at
 * start, as its audit log is): a request is decided once; a grant is never edited but to revoke it.
 */
export async function installFollowUps(db: Database<Record<string, unknown>>, schemaName: string): Promise<void> {
  const s = checkedSchemaName(schemaName);
  const statements = [
    `CREATE TABLE IF NOT EXISTS ${s}.disclosure_request (
  id text PRIMARY KEY NOT NULL,
  subject text NOT NULL,
  records text[] NOT NULL,
  fields text[] NOT NULL,
  requester_issuer text NOT NULL,
  requester_subject text NOT NULL,
  requester_agency text NOT NULL,
  purpose text NOT NULL,
  justification text NOT NULL,
  requested_at timestamp with time zone NOT NULL,
  deadline_at timestamp with time zone NOT NULL,
  state text NOT NULL,
  decided_at timestamp with time zone,
  decided_by text,
  conditions text,
  note text,
  grant_id text
)`,
    `CREATE INDEX IF NOT EXISTS disclosure_request_state_idx ON ${s}.disclosure_request (state, deadline_at)`,
    `CREATE INDEX IF NOT EXISTS disclosure_request_requester_idx ON ${s}.disclosure_request (requester_issuer, requester_subject)`,
    `CREATE TABLE IF NOT EXISTS ${s}.disclosure_grant (
  id text PRIMARY KEY NOT NULL,
  request_id text NOT NULL,
  grantee_issuer text NOT NULL,
  grantee_subject text NOT NULL,
  grantee_agency text NOT NULL,
  purpose text NOT NULL,
  fields text[] NOT NULL,
  records text[] NOT NULL,
  legal_basis text NOT NULL,
  conditions text,
  granted_at timestamp with time zone NOT NULL,
  expires_at timestamp with time zone NOT NULL,
  revoked_at timestamp with time zone,
  revoked_by text,
  revoke_note text
)`,
    `CREATE INDEX IF NOT EXISTS disclosure_grant_grantee_idx ON ${s}.disclosure_grant (grantee_issuer, grantee_subject)`,
  ];
  for (const statement of statements) await db.execute(sql.raw(statement));
}
