import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import { loadConfig, startGateway, type RunningGateway, type TrustedIssuer } from '@tessera/gateway';
import {
  prepareDatabase,
  startSubgraph,
  type DatabaseSource,
  type Logger,
  type LogLevel,
  type RunningSubgraph,
} from '@tessera/subgraph-kit';
import { subgraphs } from './subgraphs.ts';

export interface HubOptions {
  /** Where each subgraph keeps its data, by subgraph name. */
  readonly databases: Readonly<Record<string, DatabaseSource>>;
  readonly trustedIssuers: readonly TrustedIssuer[];
  /** Seeds empty databases with a demo population of this size (0: none). */
  readonly seedSize: number;
  readonly seed: number;
  readonly gatewayPort: number;
  /** A private folder for the run's generated keys. */
  readonly keyFolder: string;
  readonly logLevel: LogLevel;
  readonly logger: Logger;
}

export interface RunningHub {
  readonly gateway: RunningGateway;
  readonly subgraphs: readonly RunningSubgraph<Record<string, unknown>>[];
  /** Rows seeded per subgraph and table, empty when the databases were already seeded. */
  readonly seeded: Readonly<Record<string, Record<string, number>>>;
  /** The private JWK the gateway signs internal tokens with (new at every start). */
  readonly internalSigningKeyFile: string;
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * Runs the whole hub in one process: every subgraph over its database (migrated, seeded if empty) on
 * a free loopback port, and the gateway in front. The internal signing key is new at every start.
 */
export async function startHub(options: HubOptions): Promise<RunningHub> {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { extractable: true });
  await mkdir(options.keyFolder, { recursive: true, mode: 0o700 });
  const signingKeyFile = join(options.keyFolder, 'internal-signing.jwk');
  await writeFile(signingKeyFile, JSON.stringify(await exportJWK(privateKey)), { mode: 0o600 });

  const running: RunningSubgraph<Record<string, unknown>>[] = [];
  const seeded: Record<string, Record<string, number>> = {};
  const stopSubgraphs = async () => {
    for (const subgraph of running) {
      await subgraph.stop();
      await subgraph.database.close();
    }
  };
  try {
    for (const { module } of subgraphs) {
      const source = options.databases[module.name];
      if (!source) throw new Error(`no database given for subgraph ${module.name}`);
      const database = await prepareDatabase(module, source, options.logger);
      if (options.seedSize > 0 && !(await module.isSeeded(database.db))) {
        seeded[module.name] = await module.seed(database.db, { seed: options.seed, size: options.seedSize });
      }
      running.push(
        await startSubgraph(module, {
          database,
          gatewayPublicKey: publicKey,
          host: '127.0.0.1',
          port: 0,
          logger: options.logger,
        }),
      );
    }
    const config = loadConfig({
      TESSERA_PORT: String(options.gatewayPort),
      TRUSTED_ISSUERS: JSON.stringify(options.trustedIssuers),
      INTERNAL_SIGNING_KEY_FILE: signingKeyFile,
      SUBGRAPH_URLS: running.map((subgraph) => `${subgraph.name}=${subgraph.url}`).join(','),
      LOG_LEVEL: options.logLevel,
    });
    const gateway = await startGateway(config, options.logger);
    const stop = async () => {
      await gateway.stop();
      await stopSubgraphs();
    };
    return {
      gateway,
      subgraphs: running,
      seeded,
      internalSigningKeyFile: signingKeyFile,
      stop,
      [Symbol.asyncDispose]: stop,
    };
  } catch (error) {
    await stopSubgraphs();
    throw error;
  }
}
