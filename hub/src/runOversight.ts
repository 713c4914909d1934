import { createLogger, keySetFile } from '@tessera/runtime';
import { stopTracing } from '@tessera/runtime/tracing';
import { keysFileOf, openOwnerLogs } from './auditLogs.ts';
import { loadOversightConfig } from './config.ts';
import { startOversight } from './startOversight.ts';

// The oversight subgraph as its own process (oversightMain.ts starts tracing first, then loads this): the hub's consultation log as an API, and the integrity of
// every audit chain, over the hub's database and read access to each owner's.
const { host, port, auditLogs: settings, gatewayKeysFile, fullVerificationSeconds, logLevel } = loadOversightConfig();

const logger = createLogger('tessera-oversight', logLevel);
const owners = await openOwnerLogs(settings, logger);
const oversight = await startOversight({
  hubDatabase: { url: settings.hubUrl },
  hubKeysFile: keysFileOf(settings.keyFolder, 'hub'),
  owners: owners.logs,
  gatewayKeys: keySetFile(gatewayKeysFile),
  host,
  port,
  fullVerificationIntervalMs: fullVerificationSeconds * 1000,
  logger,
});
logger.info({ url: oversight.subgraph.url }, 'subgraph ready');
const shutdown = async () => {
  await oversight.stop();
  await owners.close();
  await stopTracing();
  process.exit(0);
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
