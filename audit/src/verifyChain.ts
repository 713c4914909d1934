import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from 'jose';
import { queryRows, type Database } from '@tessera/runtime';
import { checkpointType } from './checkpoints.ts';
import { genesisHash } from './installAuditChain.ts';
import { searchableColumns } from './searchableColumns.ts';

export interface ChainVerification {
  readonly chain: string;
  /** Records in the chain, as far as it was found intact. */
  readonly records: number;
  readonly checkpoints: number;
  readonly ok: boolean;
  /** The first record (or checkpoint) found wrong, and why. */
  readonly problem?: { readonly seq: number; readonly reason: string };
  /** Where an intact chain ends: a later verification may start here. */
  readonly head?: ChainPosition;
}

/** A verified position: the last record and the last checkpoint found good. */
export interface ChainPosition {
  readonly seq: number;
  readonly hash: string;
  readonly checkpoint: number;
}

const genesis: ChainPosition = { seq: 0, hash: genesisHash, checkpoint: 0 };

interface Row {
  seq: string | number | bigint;
  prev_hash: string;
  hash: string;
  entry: string;
  recorded_ms: string | number | bigint;
  kind: string | null;
  request_id: string | null;
  agency: string | null;
  purpose: string | null;
  outcome: string | null;
  people: string[];
  record_type: string | null;
  record_id: string | null;
}

const pageSize = 5000;

/** The hash of a record: of the previous hash, its position and its entry's exact text. */
export function recordHash(previous: string, seq: number, entry: string): string {
  return createHash('sha256').update(`${previous}|${seq}|${entry}`, 'utf8').digest('hex');
}

/**
 * Checks a schema's audit chain: positions without gaps, each record linked to the one before, each
 * hash matching its content, the searchable columns matching the hashed entry, and every checkpoint
 * signed by a key of the log's history and matching the chain. Names the first bad record.
 *
 * From a position verified before, only what came after it is read (new records, new checkpoints),
 * and the record at that position must still carry the hash it was verified with: a check costs what
 * was appended since the last, not the whole chain. Only a verification from the first record finds an
 * edit to a record verified earlier whose hash was left alone.
 */
export async function verifyChain(
  db: Database<Record<string, unknown>>,
  schemaName: string,
  checkpointKeys: JSONWebKeySet,
  from: ChainPosition = genesis,
): Promise<ChainVerification> {
  const schema = sql.identifier(schemaName);
  const checkpoints = await queryRows<{ seq: unknown; chain_seq: unknown; chain_hash: string; jws: string }>(
    db,
    sql`select seq, chain_seq, chain_hash, jws from ${schema}.audit_checkpoint where seq > ${from.checkpoint} order by seq`,
  );
  const checkpointCount = from.checkpoint + checkpoints.length;
  let records = from.seq;
  const fail = (seq: number, reason: string): ChainVerification => ({
    chain: schemaName,
    records,
    checkpoints: checkpointCount,
    ok: false,
    problem: { seq, reason },
  });
  const expectedAt = new Map<number, { checkpoint: number; hash: string }>();
  for (const checkpoint of checkpoints) {
    const seq = Number(checkpoint.seq);
    const signed = await verifySignature(checkpoint.jws, checkpointKeys);
    if (
      !signed ||
      signed.chain !== schemaName ||
      signed.seq !== Number(checkpoint.chain_seq) ||
      signed.hash !== checkpoint.chain_hash
    ) {
      return fail(seq, `checkpoint ${seq} is not validly signed for this chain`);
    }
    expectedAt.set(signed.seq, { checkpoint: seq, hash: signed.hash });
  }
  // The records already verified that new checkpoints (or the starting position) vouch for.
  const earlier = [...new Set([from.seq, ...[...expectedAt.keys()].filter((seq) => seq <= from.seq)])].filter(
    (seq) => seq > 0,
  );
  if (earlier.length > 0) {
    const rows = await queryRows<{ seq: unknown; hash: string }>(
      db,
      sql`select seq, hash from ${schema}.audit_log where seq in (${sql.join(
        earlier.map((seq) => sql`${seq}`),
        sql`, `,
      )})`,
    );
    const hashes = new Map(rows.map((row) => [Number(row.seq), row.hash]));
    if (hashes.get(from.seq) !== from.hash && from.seq > 0)
      return fail(from.seq, `record ${from.seq} changed after it was verified`);
    for (const seq of earlier) {
      const checkpoint = expectedAt.get(seq);
      if (checkpoint && checkpoint.hash !== hashes.get(seq))
        return fail(seq, `record ${seq} differs from signed checkpoint ${checkpoint.checkpoint}`);
      expectedAt.delete(seq);
    }
  }
  let previous = from.hash;
  let expectedSeq = from.seq + 1;
  for (;;) {
    const rows = await queryRows<Row>(
      db,
      sql`
        select seq, prev_hash, hash, entry, (extract(epoch from recorded_at) * 1000)::bigint as recorded_ms,
               kind, request_id, agency, purpose, outcome, people, record_type, record_id
        from ${schema}.audit_log where seq >= ${expectedSeq} order by seq limit ${pageSize}`,
    );
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq)
        return fail(expectedSeq, `record ${expectedSeq} is missing (the next is ${seq}): deleted or re-ordered`);
      if (row.prev_hash !== previous)
        return fail(seq, `record ${seq} does not link to record ${seq - 1}: the chain was altered`);
      if (row.hash !== recordHash(previous, seq, row.entry))
        return fail(seq, `record ${seq} does not match its hash: its entry was edited`);
      if (!columnsMatch(row)) return fail(seq, `record ${seq}: its columns differ from the hashed entry`);
      const checkpoint = expectedAt.get(seq);
      if (checkpoint && checkpoint.hash !== row.hash)
        return fail(seq, `record ${seq} differs from signed checkpoint ${checkpoint.checkpoint}`);
      expectedAt.delete(seq);
      previous = row.hash;
      expectedSeq++;
      records++;
    }
    if (rows.length < pageSize) break;
  }
  const [lost] = [...expectedAt.entries()].sort(([a], [b]) => a - b);
  if (lost)
    return fail(
      lost[0],
      `records up to ${lost[0]}, signed in checkpoint ${lost[1].checkpoint}, are gone: the end of the chain was deleted`,
    );
  return {
    chain: schemaName,
    records,
    checkpoints: checkpointCount,
    ok: true,
    head: { seq: records, hash: previous, checkpoint: checkpointCount },
  };
}

function columnsMatch(row: Row): boolean {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(row.entry) as Record<string, unknown>;
  } catch {
    return false;
  }
  const columns = searchableColumns(entry);
  return (
    Date.parse(String(entry.at)) === Number(row.recorded_ms) &&
    row.kind === columns.kind &&
    row.request_id === columns.requestId &&
    row.agency === columns.agency &&
    row.purpose === columns.purpose &&
    row.outcome === columns.outcome &&
    JSON.stringify(row.people) === JSON.stringify(columns.people) &&
    // Null in a record made before the columns existed; whoever searches by them reads those entries.
    ((row.record_type === null && row.record_id === null) ||
      (row.record_type === columns.recordType && row.record_id === columns.recordId))
  );
}

/**
 * A checkpoint's payload, if it is signed by a key of the log's key history under the id it names: a
 * rotated key still verifies the checkpoints it signed, and a key the history does not hold never does.
 */
async function verifySignature(jws: string, keys: JSONWebKeySet) {
  try {
    const { payload, protectedHeader } = await compactVerify(jws, createLocalJWKSet(keys), { algorithms: ['EdDSA'] });
    if (protectedHeader.typ !== checkpointType || typeof protectedHeader.kid !== 'string') return undefined;
    return JSON.parse(new TextDecoder().decode(payload)) as { chain: string; seq: number; hash: string };
  } catch {
    return undefined;
  }
}
