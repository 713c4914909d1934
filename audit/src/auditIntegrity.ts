import { sql } from 'drizzle-orm';
import type { JSONWebKeySet } from 'jose';
import { queryRows, type Database } from '@tessera/runtime';
import { verifyChain, type ChainPosition, type ChainVerification } from './verifyChain.ts';

/** One audit chain to check: where it is, and whose keys sign its checkpoints. */
export interface AuditChainSource {
  readonly db: Database<Record<string, unknown>>;
  readonly schema: string;
  /** Every key its checkpoints were ever signed with, by key id (rotated keys included). */
  readonly checkpointKeys: JSONWebKeySet;
}

export interface AuditChainSources {
  readonly hub: AuditChainSource;
  readonly owners: readonly AuditChainSource[];
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
    /** Releases logged on one side only, within the settle window: requests still being answered. */
    readonly pending: number;
  };
  /** When every record of every chain was last verified from the first; null until that has finished. */
  readonly fullyVerifiedAt: string | null;
}

export interface IntegrityMonitor {
  /** Verifies what was appended since the last check (everything, the first time) and reconciles it. */
  check(): Promise<AuditIntegrityReport>;
  /** Forgets every position and verifies every chain from its first record. */
  verifyFully(): Promise<AuditIntegrityReport>;
}

/**
 * Watches the hub's consultation chain and every owner's disclosure chain: each check verifies the
 * records and checkpoints appended since the last one, and reconciles the releases they list (each
 * release an owner logged must be in the hub's record of that request, and the reverse), so a check
 * costs what was appended, not the trail's size. A full verification from the first record runs in
 * the background (at start and then periodically) and on demand; `audit:verify` does one too.
 */
export interface ReconciliationOptions {
  /**
   * How long a release may be logged on one side only before it counts as missing from the other: an
   * owner logs what it sends before the gateway records the consultation it answers, so a request in
   * flight is on one side for a moment. Default 30 s (beyond the gateway's subgraph timeout).
   */
  readonly settleMs?: number;
  readonly now?: () => number;
}

export function createIntegrityMonitor(
  sources: () => Promise<AuditChainSources>,
  { settleMs = 30_000, now = Date.now }: ReconciliationOptions = {},
): IntegrityMonitor {
  let state = emptyState();
  let running: Promise<AuditIntegrityReport> | undefined;
  const run = async (from: MonitorState): Promise<AuditIntegrityReport> => {
    const { hub, owners } = await sources();
    const chains = await Promise.all(
      [hub, ...owners].map((source) =>
        verifyChain(source.db, source.schema, source.checkpointKeys, from.positions.get(source.schema)),
      ),
    );
    for (const chain of chains) if (chain.head) from.positions.set(chain.chain, chain.head);
    await reconcile(from, hub, owners);
    const settledBy = now() - settleMs;
    const missing = (unmatched: ReadonlyMap<string, number>) =>
      [...unmatched].filter(([, recordedMs]) => recordedMs <= settledBy).map(([key]) => key);
    const missingFromHub = missing(from.unmatchedOwners);
    const missingFromOwners = missing(from.unmatchedHub);
    const ok = missingFromHub.length === 0 && missingFromOwners.length === 0;
    return {
      ok: ok && chains.every((chain) => chain.ok),
      chains,
      reconciliation: {
        ok,
        hubDisclosures: from.hubReleases,
        ownerDisclosures: from.ownerReleases,
        missingFromHub: missingFromHub.sort(),
        missingFromOwners: missingFromOwners.sort(),
        pending: from.unmatchedHub.size + from.unmatchedOwners.size - missingFromHub.length - missingFromOwners.length,
      },
      fullyVerifiedAt: from.fullyVerifiedAt,
    };
  };
  // One check at a time: concurrent callers share it, and positions never move backwards.
  const once = (next: () => Promise<AuditIntegrityReport>) => {
    const started = (running ?? Promise.resolve()).catch(() => undefined).then(next);
    running = started;
    return started.finally(() => {
      if (running === started) running = undefined;
    });
  };
  return {
    check: () => once(() => run(state)),
    verifyFully: () =>
      once(async () => {
        const fresh = emptyState();
        const startedAt = new Date().toISOString();
        const report = await run(fresh);
        fresh.fullyVerifiedAt = startedAt;
        state = fresh;
        return { ...report, fullyVerifiedAt: startedAt };
      }),
  };
}

/** Verifies every chain from its first record, once: what `audit:verify` and a first check do. */
export async function auditIntegrity(
  hub: AuditChainSource,
  owners: readonly AuditChainSource[],
  options: ReconciliationOptions = {},
): Promise<AuditIntegrityReport> {
  return createIntegrityMonitor(async () => ({ hub, owners }), options).verifyFully();
}

interface MonitorState {
  readonly positions: Map<string, ChainPosition>;
  /** How far each chain's releases have been reconciled. */
  readonly reconciledTo: Map<string, number>;
  /** Releases seen on one side only so far (a request still in flight, or a true discrepancy), and when logged. */
  readonly unmatchedHub: Map<string, number>;
  readonly unmatchedOwners: Map<string, number>;
  hubReleases: number;
  ownerReleases: number;
  fullyVerifiedAt: string | null;
}

function emptyState(): MonitorState {
  return {
    positions: new Map(),
    reconciledTo: new Map(),
    unmatchedHub: new Map(),
    unmatchedOwners: new Map(),
    hubReleases: 0,
    ownerReleases: 0,
    fullyVerifiedAt: null,
  };
}

async function reconcile(state: MonitorState, hub: AuditChainSource, owners: readonly AuditChainSource[]) {
  const match = (key: string, recordedMs: number, mine: Map<string, number>, theirs: Map<string, number>) => {
    if (!theirs.delete(key)) mine.set(key, recordedMs);
  };
  for (const { entry, recorded_ms } of await entriesSince(state, hub, 'consultation')) {
    const { requestId, disclosed = [] } = JSON.parse(entry) as { requestId: string; disclosed?: Released[] };
    for (const key of new Set(disclosed.map((record) => releaseKey(record, requestId)))) {
      state.hubReleases++;
      match(key, Number(recorded_ms), state.unmatchedHub, state.unmatchedOwners);
    }
  }
  for (const owner of owners) {
    for (const { entry, recorded_ms } of await entriesSince(state, owner, 'disclosure')) {
      const record = JSON.parse(entry) as Released & { requestId: string };
      state.ownerReleases++;
      match(releaseKey(record, record.requestId), Number(recorded_ms), state.unmatchedOwners, state.unmatchedHub);
    }
  }
}

interface Released {
  readonly owner: string;
  readonly type: string;
  readonly id: string;
}

function releaseKey(record: Released, requestId: string): string {
  return `${record.owner}/${record.type}/${record.id}@${requestId}`;
}

/** The chain's entries of a kind after the last reconciled one, up to its verified head. */
async function entriesSince(state: MonitorState, source: AuditChainSource, kind: string) {
  const after = state.reconciledTo.get(source.schema) ?? 0;
  const upTo = state.positions.get(source.schema)?.seq ?? 0;
  if (upTo <= after) return [];
  const rows = await queryRows<{ entry: string; recorded_ms: unknown }>(
    source.db,
    sql`select entry, (extract(epoch from recorded_at) * 1000)::bigint as recorded_ms from ${sql.identifier(source.schema)}.audit_log
        where kind = ${kind} and seq > ${after} and seq <= ${upTo} order by seq`,
  );
  state.reconciledTo.set(source.schema, upTo);
  return rows;
}
