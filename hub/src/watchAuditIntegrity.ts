import {
  createIntegrityMonitor,
  type AuditChainSource,
  type AuditIntegrityReport,
  type ReconciliationOptions,
} from '@tessera/audit';
import { readKeySet, type Database, type Logger } from '@tessera/runtime';

/** One audit log to watch: where it is, and the public keys its checkpoints are signed with (a JWKS file). */
export interface WatchedLog {
  readonly db: Database<Record<string, unknown>>;
  readonly schema: string;
  readonly keysFile: string;
}

export interface AuditIntegrityWatch {
  /** Verifies what every chain appended since the last check, and reconciles the hub's log with the owners'. */
  check(): Promise<AuditIntegrityReport>;
  /** Verifies every chain from its first record, as the background job does. */
  verifyFully(): Promise<AuditIntegrityReport>;
  stop(): void;
}

/** A log as verification reads it: with its checkpoint keys as they are now (a rotation included). */
export async function withKeys(log: WatchedLog): Promise<AuditChainSource> {
  return { db: log.db, schema: log.schema, checkpointKeys: await readKeySet(log.keysFile) };
}

/**
 * Watches the hub's consultation log and every owner's disclosure log, for oversight: an incremental
 * check on demand, and a full verification from the first record now and then every interval, in the
 * background. Each check reads the key histories as they are then: a rotation since the start is included.
 */
export function watchAuditIntegrity(
  hub: WatchedLog,
  owners: readonly WatchedLog[],
  fullVerificationIntervalMs: number,
  logger: Logger,
  reconciliation: ReconciliationOptions = {},
): AuditIntegrityWatch {
  const monitor = createIntegrityMonitor(
    async () => ({ hub: await withKeys(hub), owners: await Promise.all(owners.map(withKeys)) }),
    reconciliation,
  );
  const verifyInBackground = () =>
    monitor.verifyFully().catch((error: unknown) => logger.error({ err: error }, 'full audit verification failed'));
  void verifyInBackground();
  const timer = setInterval(verifyInBackground, fullVerificationIntervalMs);
  timer.unref();
  return { check: () => monitor.check(), verifyFully: () => monitor.verifyFully(), stop: () => clearInterval(timer) };
}
