import { sql } from 'drizzle-orm';
import { checkedSchemaName, type Database } from '@tessera/runtime';

/** The hash of the record before the first: 64 zeros. */
export const genesisHash = '0'.repeat(64);

/**
 * The one migration of an audit log, applied (idempotently, at every start) to each schema that keeps
 * one: its two tables; a function that appends entries in one statement, under a lock so that
 * concurrent requests and several processes still form one unbroken chain (the caller gives each entry's
 * searchable columns beside it, as `searchableColumns` reads them); and triggers that refuse
 * UPDATE, DELETE and TRUNCATE on the log and its checkpoints. A superuser can still bypass them;
 * verification then finds what was changed. `entry` is the canonical JSON that was hashed; the other
 * columns copy parts of it for searching, and verification checks they still agree.
 */
export async function installAuditChain(db: Database<Record<string, unknown>>, schemaName: string): Promise<void> {
  const s = checkedSchemaName(schemaName);
  // One statement at a time: PGlite prepares each, and a prepared statement holds a single command.
  const statements = [
    `CREATE SCHEMA IF NOT EXISTS ${s}`,
    `CREATE TABLE IF NOT EXISTS ${s}.audit_log (
  seq bigint PRIMARY KEY NOT NULL,
  recorded_at timestamp with time zone NOT NULL,
  kind text NOT NULL,
  request_id text NOT NULL,
  agency text,
  purpose text,
  outcome text,
  people text[] NOT NULL,
  record_type text,
  record_id text,
  entry text NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL
)`,
    // A log made before these columns: its rows keep them null, and whoever searches by them looks in the
    // entries of those rows too (see the owners' record desk).
    `ALTER TABLE ${s}.audit_log ADD COLUMN IF NOT EXISTS record_type text, ADD COLUMN IF NOT EXISTS record_id text`,
    `CREATE INDEX IF NOT EXISTS audit_log_time_idx ON ${s}.audit_log USING btree (recorded_at)`,
    `CREATE INDEX IF NOT EXISTS audit_log_request_idx ON ${s}.audit_log USING btree (request_id)`,
    `CREATE INDEX IF NOT EXISTS audit_log_people_idx ON ${s}.audit_log USING gin (people)`,
    // "Who consulted X" goes by that GIN index, whose inserts gather in a pending list until the insert that
    // fills it merges the list into the index, under the chain's lock. At PostgreSQL's default of 4 MB, one
    // append in about two hundred thousand records took 0.3 to 0.4 s, and every append to the chain waited for
    // it; a list of 256 kB is merged in tens of milliseconds, for about the same work in all. Set on every
    // start, so that a log made before this gets it too.
    `ALTER INDEX ${s}.audit_log_people_idx SET (gin_pending_list_limit = 256)`,
    `CREATE TABLE IF NOT EXISTS ${s}.audit_checkpoint (
  seq bigint PRIMARY KEY NOT NULL,
  chain_seq bigint NOT NULL,
  chain_hash text NOT NULL,
  signed_at timestamp with time zone NOT NULL,
  jws text NOT NULL
)`,
    // The functions before this one: the first read the columns out of each entry as jsonb, the second
    // had no record columns; their callers are gone.
    `DROP FUNCTION IF EXISTS ${s}.append_audit(text[])`,
    `DROP FUNCTION IF EXISTS ${s}.append_audit(text[], text[], text[], text[], text[], text[], text[], text[])`,
    `CREATE OR REPLACE FUNCTION ${s}.append_audit(entries text[], recorded text[], kinds text[], request_ids text[],
  agencies text[], purposes text[], outcomes text[], people text[], record_types text[], record_ids text[]) RETURNS bigint
LANGUAGE plpgsql
-- PL/pgSQL plans the head lookup once per connection and keeps the plan. Planned while the log was empty
-- and analyzed (a fresh deployment after VACUUM ANALYZE), it would be a scan and sort of the whole log on
-- every later append of that connection, growing with the log; the primary key's index is the only plan
-- that stays right as the log grows, so the function never takes a sequential scan.
SET enable_seqscan = off
AS $fn$
DECLARE
  head_seq bigint;
  head_hash text;
  item text;
  prev_hashes text[] := '{}';
  hashes text[] := '{}';
  n int := cardinality(entries);
BEGIN
  IF cardinality(recorded) <> n OR cardinality(kinds) <> n OR cardinality(request_ids) <> n OR cardinality(agencies) <> n
     OR cardinality(purposes) <> n OR cardinality(outcomes) <> n OR cardinality(people) <> n
     OR cardinality(record_types) <> n OR cardinality(record_ids) <> n THEN
    RAISE EXCEPTION 'append_audit: every column needs one value per entry';
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('${s}.audit_log'));
  SELECT l.seq, l.hash INTO head_seq, head_hash FROM ${s}.audit_log l ORDER BY l.seq DESC LIMIT 1;
  head_seq := coalesce(head_seq, 0);
  head_hash := coalesce(head_hash, '${genesisHash}');
  -- The chain is made record by record; the rows then go in with one INSERT, not one each.
  FOREACH item IN ARRAY entries LOOP
    prev_hashes := array_append(prev_hashes, head_hash);
    head_hash := encode(sha256(convert_to(head_hash || '|' || (head_seq + cardinality(prev_hashes))::text || '|' || item, 'UTF8')), 'hex');
    hashes := array_append(hashes, head_hash);
  END LOOP;
  INSERT INTO ${s}.audit_log (seq, recorded_at, kind, request_id, agency, purpose, outcome, people, record_type,
    record_id, entry, prev_hash, hash)
  SELECT head_seq + r.n, r.recorded::timestamptz, r.kind, r.request_id, r.agency, r.purpose, r.outcome, r.people::text[],
         r.record_type, r.record_id, r.entry, r.prev_hash, r.hash
  FROM unnest(entries, recorded, kinds, request_ids, agencies, purposes, outcomes, people, record_types, record_ids,
              prev_hashes, hashes)
    WITH ORDINALITY AS r(entry, recorded, kind, request_id, agency, purpose, outcome, people, record_type, record_id,
                         prev_hash, hash, n);
  RETURN head_seq + n;
END
$fn$`,
    `CREATE OR REPLACE FUNCTION ${s}.refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'the audit trail is append-only: % on %.% refused', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME;
END
$fn$`,
    `DROP TRIGGER IF EXISTS append_only ON ${s}.audit_log`,
    `CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON ${s}.audit_log FOR EACH ROW EXECUTE FUNCTION ${s}.refuse_audit_change()`,
    `DROP TRIGGER IF EXISTS append_only_truncate ON ${s}.audit_log`,
    `CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON ${s}.audit_log FOR EACH STATEMENT EXECUTE FUNCTION ${s}.refuse_audit_change()`,
    `DROP TRIGGER IF EXISTS append_only ON ${s}.audit_checkpoint`,
    `CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON ${s}.audit_checkpoint FOR EACH ROW EXECUTE FUNCTION ${s}.refuse_audit_change()`,
    `DROP TRIGGER IF EXISTS append_only_truncate ON ${s}.audit_checkpoint`,
    `CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON ${s}.audit_checkpoint FOR EACH STATEMENT EXECUTE FUNCTION ${s}.refuse_audit_change()`,
  ];
  for (const statement of statements) await db.execute(sql.raw(statement));
}
