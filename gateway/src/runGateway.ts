// The gateway as a process; main.ts starts tracing first, then loads this.
import { createLogger } from '@tessera/runtime';
import { stopTracing } from '@tessera/runtime/tracing';
import { loadConfig } from './config.ts';
import { startGateway } from './server.ts';

const config = loadConfig();
const logger = createLogger('tessera-gateway', config.logLevel);
const gateway = await startGateway(config, logger, { url: config.hubDatabaseUrl! });
logger.info({ url: gateway.url }, 'gateway ready');
const shutdown = async () => {
  await gateway.stop();
  await stopTracing();
  process.exit(0);
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
// A rotated internal signing key is taken up without a restart.
process.on('SIGHUP', () => {
  gateway.reloadKeys().catch((error: unknown) => logger.error({ err: error }, 'internal signing key not reloaded'));
});
