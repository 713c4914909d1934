import { mkdir } from 'node:fs/promises';
import {
  gatewayConfig,
  startGateway,
  type GatewayConfig,
  type MintDemoToken,
  type RunningGateway,
  type TrustedIssuer,
} from '@tessera/gateway';
import { startSubgraph, type RunningSubgraph } from '@tessera/subgraph-kit';
import { keySetFile, readSecretKey, type DatabaseSource, type Logger, type LogLevel } from '@tessera/runtime';
import { prepareDatabase, type AuditIntegrityReport } from '@tessera/audit';
import { subgraphs } from './subgraphs.ts';
import { ensureKeyPair, ensureSecretKey } from './keyPairs.ts';
import { startOversight, type RunningOversight } from './startOversight.ts';
import type { WatchedLog } from './watchAuditIntegrity.ts';

/** The name of the hub's own database (the consultation log) among the hub's databases. */
export const hubDatabaseName = 'hub';

export interface HubOptions {
  /** Where each subgraph keeps its data, by subgraph name, and the hub's own database as `hub`. */
  readonly databases: Readonly<Record<string, DatabaseSource>>;
  readonly trustedIssuers: readonly TrustedIssuer[];
  /** Seeds empty databases with a demo population of this size (0: none). */
  readonly seedSize: number;
  readonly seed: number;
  readonly gatewayPort: number;
  /** A private folder for the deployment's keys: made on first use, kept (and their history) across restarts. */
  readonly keyFolder: string;
  /** How often each audit chain's head is signed. Default 60 s. */
  readonly checkpointIntervalMs?: number;
  /** How often every chain is verified again from its first record, in the background. Default 1 h. */
  readonly fullVerificationIntervalMs?: number;
  /** The NATS server (JetStream) the owners publish their events to. Unset: the events wait in each outbox. */
  readonly natsUrl?: string;
  /** The hub's clock for follow-up deadlines and grant expiry (a test moves it). Default the system's. */
  readonly clock?: () => Date;
  /** How long a release may be logged on one side only before reconciliation calls it missing. Default 30 s. */
  readonly reconciliationSettleMs?: number;
  /** The demo's identity providers: given, the console at /console offers a sign-in page minting their tokens. */
  readonly mintDemoToken?: MintDemoToken;
  /** Gateway settings beyond the defaults (limits, timeouts, more issuers). */
  readonly gateway?: Partial<GatewayConfig>;
  readonly logLevel: LogLevel;
  readonly logger: Logger;
}

export interface RunningHub {
  readonly gateway: RunningGateway;
  /** The agencies' and the register's subgraphs, then oversight. */
  readonly subgraphs: readonly RunningSubgraph<Record<string, unknown>>[];
  /** Rows seeded per subgraph and table, empty when the databases were already seeded. */
  readonly seeded: Readonly<Record<string, Record<string, number>>>;
  /** The private JWK the gateway signs internal tokens with. */
  readonly internalSigningKeyFile: string;
  /** The gateway's public keys the subgraphs trust (a JWKS). */
  readonly internalKeysFile: string;
  /** Verifies what every audit chain appended since the last check, and reconciles the hub's log with the owners'. */
  auditIntegrity(): Promise<AuditIntegrityReport>;
  /** Verifies every audit chain from its first record (as the background job does), and reconciles them. */
  verifyAuditFully(): Promise<AuditIntegrityReport>;
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * Runs the whole hub in one process: every subgraph over its database (migrated, seeded if empty) on
 * a free loopback port, the oversight subgraph over the hub's own database, and the gateway in front.
 * The internal signing key and each log's checkpoint key are made on first use and kept in the key
 * folder, so a restart verifies the checkpoints it signed before; a rotated key keeps its public half.
 */
export async function startHub(options: HubOptions): Promise<RunningHub> {
  await mkdir(options.keyFolder, { recursive: true, mode: 0o700 });
  const internal = await ensureKeyPair(options.keyFolder, 'internal-signing');
  const hubAudit = await ensureKeyPair(options.keyFolder, 'hub-audit-signing');
  const checkpointIntervalMs = options.checkpointIntervalMs ?? 60_000;
  const source = (name: string) => {
    const database = options.databases[name];
    if (!database) throw new Error(`no database given for ${name}`);
    return database;
  };

  const running: RunningSubgraph<Record<string, unknown>>[] = [];
  const owners: WatchedLog[] = [];
  const seeded: Record<string, Record<string, number>> = {};
  let gateway: RunningGateway | undefined;
  let oversight: RunningOversight | undefined;
  const stop = async () => {
    await gateway?.stop();
    await oversight?.stop();
    for (const subgraph of running) {
      await subgraph.stop();
      await subgraph.database.close();
    }
  };
  const gatewayKeys = keySetFile(internal.jwksFile);
  try {
    for (const { module } of subgraphs) {
      const audit = await ensureKeyPair(options.keyFolder, `${module.name}-audit-signing`);
      const reference = module.hits ? await ensureSecretKey(options.keyFolder, `${module.name}-reference`) : undefined;
      const database = await prepareDatabase(module, source(module.name), options.logger);
      if (options.seedSize > 0 && !(await module.isSeeded(database.db))) {
        seeded[module.name] = await module.seed(database, { seed: options.seed, size: options.seedSize });
      }
      running.push(
        await startSubgraph(module, {
          database,
          gatewayKeys,
          auditSigningKey: audit.current,
          ...(reference ? { referenceKey: await readSecretKey(reference.file) } : {}),
          checkpointIntervalMs,
          host: '127.0.0.1',
          port: 0,
          logger: options.logger,
          ...(options.clock ? { clock: options.clock } : {}),
          ...(options.natsUrl ? { natsUrl: options.natsUrl } : {}),
        }),
      );
      if (module.auditChain) owners.push({ db: database.db, schema: module.auditChain, keysFile: audit.jwksFile });
    }
    oversight = await startOversight({
      hubDatabase: source(hubDatabaseName),
      hubKeysFile: hubAudit.jwksFile,
      owners,
      gatewayKeys,
      host: '127.0.0.1',
      port: 0,
      fullVerificationIntervalMs: options.fullVerificationIntervalMs ?? 3_600_000,
      logger: options.logger,
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.reconciliationSettleMs === undefined
        ? {}
        : { reconciliationSettleMs: options.reconciliationSettleMs }),
    });
    const config = gatewayConfig({
      port: options.gatewayPort,
      trustedIssuers: options.trustedIssuers,
      internalSigningKeyFile: internal.privateKeyFile,
      auditSigningKeyFile: hubAudit.privateKeyFile,
      checkpointIntervalSeconds: Math.max(1, Math.round(checkpointIntervalMs / 1000)),
      ...(options.natsUrl ? { natsUrl: options.natsUrl } : {}),
      subgraphUrls: Object.fromEntries(
        [...running, oversight.subgraph].map((subgraph) => [subgraph.name, subgraph.url]),
      ),
      logLevel: options.logLevel,
      ...options.gateway,
    });
    gateway = await startGateway(config, options.logger, source(hubDatabaseName), {
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.mintDemoToken ? { mintDemoToken: options.mintDemoToken } : {}),
    });
    return {
      gateway,
      subgraphs: [...running, oversight.subgraph],
      seeded,
      internalSigningKeyFile: internal.privateKeyFile,
      internalKeysFile: internal.jwksFile,
      auditIntegrity: oversight.check,
      verifyAuditFully: oversight.verifyFully,
      stop,
      [Symbol.asyncDispose]: stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
