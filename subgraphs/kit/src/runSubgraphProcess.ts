import {
  ConfigurationError,
  createEmbeddedEngine,
  keySetFile,
  readPrivateKey,
  readSecretKey,
  createLogger,
} from '@tessera/runtime';
import { prepareDatabase } from '@tessera/audit';
import { stopTracing } from '@tessera/runtime/tracing';
import { startSubgraph } from './startSubgraph.ts';
import type { SubgraphConfig } from './subgraphConfig.ts';
import type { SubgraphModule } from './subgraphModule.ts';

/**
 * Runs one subgraph as its own process (a production deployment): its own database, migrations,
 * the demo seed if the database is empty and seeding is asked for, and a clean stop on SIGINT/SIGTERM.
 */
export async function runSubgraphProcess<Schema extends Record<string, unknown>, Loaders>(
  module: SubgraphModule<Schema, Loaders>,
  config: SubgraphConfig,
): Promise<void> {
  if (module.hits && config.referenceKeyFile === undefined) {
    throw new ConfigurationError(
      `Invalid ${module.name} subgraph configuration:\n- REFERENCE_KEY_FILE is required: it answers hit checks`,
    );
  }
  const logger = createLogger(`tessera-${module.name}`, config.logLevel);
  const engine = config.databaseUrl === undefined ? await createEmbeddedEngine() : undefined;
  const database = await prepareDatabase(module, engine ? { engine } : { url: config.databaseUrl as string }, logger);
  if (config.seedSize > 0 && !(await module.isSeeded(database.db))) {
    const rows = await module.seed(database, { seed: config.seed, size: config.seedSize });
    logger.info({ rows }, 'seeded demo data');
  }
  const subgraph = await startSubgraph(module, {
    database,
    gatewayKeys: keySetFile(config.gatewayKeysFile),
    auditSigningKey: await readPrivateKey(config.auditSigningKeyFile),
    ...(config.referenceKeyFile ? { referenceKey: await readSecretKey(config.referenceKeyFile) } : {}),
    followUpDeadlineHours: config.followUpDeadlineHours,
    ...(config.natsUrl ? { natsUrl: config.natsUrl } : {}),
    checkpointIntervalMs: config.checkpointIntervalSeconds * 1000,
    host: config.host,
    port: config.port,
    logger,
  });
  logger.info({ url: subgraph.url }, 'subgraph ready');
  const shutdown = async () => {
    await subgraph.stop();
    await database.close();
    await engine?.close();
    await stopTracing();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
