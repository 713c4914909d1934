import { sql } from 'drizzle-orm';
import type { JSONWebKeySet } from 'jose';
import { queryRows, verifyChain, type ChainVerification, type Database } from '@tessera/subgraph-kit';

/** One audit chain to check: where it is, and whose keys sign its checkpoints. */
export interface AuditChainSource {
  readonly db: Database<Record<string, unknown>>;
  readonly schema: string;
  /** Every key its checkpoints were ever signed with, by key id (rotated keys included). */
  readonly checkpointKeys: JSONWebKeySet;
}

export interface AuditIntegrityReport {
  readonly ok: boolean;
  readonly chains: readonly ChainVerification[];
  readonly reconciliation: {
    readonly ok: boolean;
    readonly hubDisclosures: number;
    readonly ownerDisclosures: number;
    readonly missingFromHub: readonly string[];
    readonly missingFromOwners: readonly string[];
  };
}

/**
 * Verifies the hub's consultation chain and every owner's disclosure chain, then reconciles them:
 * each release an owner logged must be listed in the hub's record of that request, and the reverse.
 */
export async function auditIntegrity(
  hub: AuditChainSource,
  owners: readonly AuditChainSource[],
): Promise<AuditIntegrityReport> {
  const chains = await Promise.all(
    [hub, ...owners].map((source) => verifyChain(source.db, source.schema, source.checkpointKeys)),
  );
  const fromHub = new Set<string>();
  for (const { entry } of await entriesOf(hub, 'consultation')) {
    const { requestId, disclosed = [] } = JSON.parse(entry) as { requestId: string; disclosed?: Released[] };
    for (const record of disclosed) fromHub.add(releaseKey(record, requestId));
  }
  const fromOwners = new Set<string>();
  for (const owner of owners) {
    for (const { entry } of await entriesOf(owner, 'disclosure')) {
      const record = JSON.parse(entry) as Released & { requestId: string };
      fromOwners.add(releaseKey(record, record.requestId));
    }
  }
  const missingFromHub = [...fromOwners].filter((key) => !fromHub.has(key)).sort();
  const missingFromOwners = [...fromHub].filter((key) => !fromOwners.has(key)).sort();
  const reconciled = missingFromHub.length === 0 && missingFromOwners.length === 0;
  return {
    ok: reconciled && chains.every((chain) => chain.ok),
    chains,
    reconciliation: {
      ok: reconciled,
      hubDisclosures: fromHub.size,
      ownerDisclosures: fromOwners.size,
      missingFromHub,
      missingFromOwners,
    },
  };
}

interface Released {
  readonly owner: string;
  readonly type: string;
  readonly id: string;
}

function releaseKey(record: Released, requestId: string): string {
  return `${record.owner}/${record.type}/${record.id}@${requestId}`;
}

function entriesOf(source: AuditChainSource, kind: string) {
  return queryRows<{ entry: string }>(
    source.db,
    sql`select entry from ${sql.identifier(source.schema)}.audit_log where kind = ${kind} order by seq`,
  );
}
