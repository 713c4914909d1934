import { createEnvReader, logLevels } from '@tessera/runtime';
import { readAuditLogSettings } from './auditLogs.ts';
/**
 * What the hub's tooling reads from its environment: the PostgreSQL server it makes scratch databases
 * on (TEST_DATABASE_URL, default the machine's on 127.0.0.1:5432), and what a spawned component inherits.
 */
export const scratchServerUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The environment a component started as its own process inherits, before its own settings. */
export function inheritedEnvironment(): NodeJS.ProcessEnv {
  return process.env;
}

/** Where a built component finds the programs it runs: all it inherits of this process's environment. */
export function searchPath(): string {
  return process.env.PATH ?? '';
}

/** The oversight process's settings, every problem reported together. */
export function loadOversightConfig(env: Readonly<Record<string, string | undefined>> = process.env) {
  const read = createEnvReader(env, 'oversight');
  const host = read.text('TESSERA_HOST', '127.0.0.1');
  const port = read.integer('TESSERA_PORT', 4005, { min: 0, max: 65535 });
  const auditLogs = readAuditLogSettings(read);
  const gatewayKeysFile = read.optionalText('GATEWAY_KEYS_FILE');
  if (gatewayKeysFile === undefined) read.problem('GATEWAY_KEYS_FILE is required');
  const fullVerificationSeconds = read.integer('FULL_VERIFICATION_INTERVAL_SECONDS', 3600, { min: 60, max: 604_800 });
  const logLevel = read.oneOf('LOG_LEVEL', logLevels, 'info');
  read.done();
  return { host, port, auditLogs, gatewayKeysFile: gatewayKeysFile ?? '', fullVerificationSeconds, logLevel };
}
