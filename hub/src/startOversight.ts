import { hubDatabase, hubSchemaName, prepareDatabase, type AuditIntegrityReport } from '@tessera/audit';
import { createOversightSubgraph } from '@tessera/oversight';
import type { DatabaseSource, Logger } from '@tessera/runtime';
import { createFollowUpStore, startSubgraph, type RunningSubgraph } from '@tessera/subgraph-kit';
import type { JWTVerifyGetKey } from 'jose';
import { watchAuditIntegrity, type WatchedLog } from './watchAuditIntegrity.ts';

export interface OversightOptions {
  /** The hub's own database: the consultation log the gateway writes. */
  readonly hubDatabase: DatabaseSource;
  /** The public keys of the consultation log's checkpoints (a JWKS file). */
  readonly hubKeysFile: string;
  /** Each owner's disclosure log, read for integrity and reconciliation. */
  readonly owners: readonly WatchedLog[];
  readonly gatewayKeys: JWTVerifyGetKey;
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** How often every chain is verified again from its first record, in the background. */
  readonly fullVerificationIntervalMs: number;
  readonly logger: Logger;
  /** For what is overdue. Default the system's clock. */
  readonly clock?: () => Date;
  /** How long a release may be logged on one side only before reconciliation calls it missing. Default 30 s. */
  readonly reconciliationSettleMs?: number;
}

export interface RunningOversight {
  readonly subgraph: RunningSubgraph<Record<string, unknown>>;
  /** Verifies what every audit chain appended since the last check, and reconciles them. */
  check(): Promise<AuditIntegrityReport>;
  /** Verifies every audit chain from its first record (as the background job does), and reconciles them. */
  verifyFully(): Promise<AuditIntegrityReport>;
  stop(): Promise<void>;
}

/** The oversight subgraph: the consultation log as an API, and the integrity of every audit chain. */
export async function startOversight(options: OversightOptions): Promise<RunningOversight> {
  const database = await prepareDatabase(hubDatabase, options.hubDatabase, options.logger);
  const watch = watchAuditIntegrity(
    { db: database.db, schema: hubSchemaName, keysFile: options.hubKeysFile },
    options.owners,
    options.fullVerificationIntervalMs,
    options.logger,
    options.reconciliationSettleMs === undefined ? {} : { settleMs: options.reconciliationSettleMs },
  );
  try {
    // Each owner keeps its follow-up queue in the schema of its audit log, named after it.
    const queues = options.owners.map((owner) => createFollowUpStore(owner.schema, owner.db, owner.schema));
    const clock = options.clock ?? (() => new Date());
    const followUps = async () => (await Promise.all(queues.map((queue) => queue.all(clock())))).flat();
    const subgraph = await startSubgraph(createOversightSubgraph(watch.check, followUps), {
      database,
      gatewayKeys: options.gatewayKeys,
      host: options.host,
      port: options.port,
      logger: options.logger,
    });
    return {
      subgraph,
      check: watch.check,
      verifyFully: watch.verifyFully,
      async stop() {
        watch.stop();
        await subgraph.stop();
        await database.close();
      },
    };
  } catch (error) {
    watch.stop();
    await database.close();
    throw error;
  }
}
