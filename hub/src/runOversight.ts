import { createEnvReader, createLogger, keySetFile, logLevels } from '@tessera/runtime';
import { stopTracing } from '@tessera/runtime/tracing';
import { keysFileOf, openOwnerLogs, readAuditLogSettings } from './auditLogs.ts';
import { startOversight } from './startOversight.ts';

// The oversight subgraph as its own process (oversightMain.ts starts tracing first, then loads this): the hub's consultation log as an API, and the integrity of
// every audit chain, over the hub's database and read access to each owner's.
const read = createEnvReader(process.env, 'oversight');
const host = read.text('TESSERA_HOST', '127.0.0.1');
const port = read.integer('TESSERA_PORT', 4005, { min: 0, max: 65535 });
const settings = readAuditLogSettings(read);
const gatewayKeysFile = read.optionalText('GATEWAY_KEYS_FILE');
if (gatewayKeysFile === undefined) read.problem('GATEWAY_KEYS_FILE is required');
const fullVerificationSeconds = read.integer('FULL_VERIFICATION_INTERVAL_SECONDS', 3600, { min: 60, max: 604_800 });
const logLevel = read.oneOf('LOG_LEVEL', logLevels, 'info');
read.done();

const logger = createLogger('tessera-oversight', logLevel);
const owners = await openOwnerLogs(settings, logger);
const oversight = await startOversight({
  hubDatabase: { url: settings.hubUrl },
  hubKeysFile: keysFileOf(settings.keyFolder, 'hub'),
  owners: owners.logs,
  gatewayKeys: keySetFile(gatewayKeysFile!),
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
