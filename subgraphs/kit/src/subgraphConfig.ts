import { createEnvReader, logLevels, type LogLevel } from '@tessera/runtime';

/** The settings of one subgraph process. */
export interface SubgraphConfig {
  /** TESSERA_HOST: the address to listen on. Default 127.0.0.1 (loopback only). */
  readonly host: string;
  /** TESSERA_PORT: default given per subgraph (police 4001, customs 4002, probation 4003, register 4004). */
  readonly port: number;
  /** <NAME>_DATABASE_URL (POLICE_DATABASE_URL...): the agency's own PostgreSQL. Unset: an embedded PGlite in memory. */
  readonly databaseUrl: string | undefined;
  /**
   * GATEWAY_KEYS_FILE: the gateway's public keys as a JWKS (current and next during a rotation), read
   * again when a token names a key it does not hold; required, as nothing else may call a subgraph.
   */
  readonly gatewayKeysFile: string;
  /**
   * TESSERA_SEED_SIZE: citizens of a demo population to seed into an empty database. Default 0: a deployment
   * starts empty and never holds fake people unless asked to.
   */
  readonly seedSize: number;
  /** TESSERA_SEED: the demo data's seed. Default 1. */
  readonly seed: number;
  /** AUDIT_SIGNING_KEY_FILE: the Ed25519 private JWK that signs the disclosure log's checkpoints. Required. */
  readonly auditSigningKeyFile: string;
  /** REFERENCE_KEY_FILE: the secret JWK that seals hit references (`pnpm keys` makes it). Required to answer hits. */
  readonly referenceKeyFile: string | undefined;
  /** NATS_URL: the NATS server (JetStream) the owner's events are published to. Unset: they wait in the outbox. */
  readonly natsUrl: string | undefined;
  /** FOLLOW_UP_DEADLINE_HOURS: how long the owner has to answer a follow-up request. Default 48. */
  readonly followUpDeadlineHours: number;
  /** CHECKPOINT_INTERVAL_SECONDS: how often the disclosure log's head is signed. Default 60. */
  readonly checkpointIntervalSeconds: number;
  /** LOG_LEVEL: default info. */
  readonly logLevel: LogLevel;
}

export function loadSubgraphConfig(
  name: string,
  defaultPort: number,
  env: Readonly<Record<string, string | undefined>>,
): SubgraphConfig {
  const read = createEnvReader(env, `${name} subgraph`);
  const gatewayKeysFile = read.optionalText('GATEWAY_KEYS_FILE');
  if (gatewayKeysFile === undefined) read.problem('GATEWAY_KEYS_FILE is required');
  const auditSigningKeyFile = read.optionalText('AUDIT_SIGNING_KEY_FILE');
  if (auditSigningKeyFile === undefined) read.problem('AUDIT_SIGNING_KEY_FILE is required');
  const config: SubgraphConfig = {
    host: read.text('TESSERA_HOST', '127.0.0.1'),
    port: read.integer('TESSERA_PORT', defaultPort, { min: 0, max: 65535 }),
    databaseUrl: read.optionalText(`${name.toUpperCase()}_DATABASE_URL`),
    gatewayKeysFile: gatewayKeysFile ?? '',
    seedSize: read.integer('TESSERA_SEED_SIZE', 0, { min: 0, max: 10_000_000 }),
    seed: read.integer('TESSERA_SEED', 1, { min: 0, max: 2 ** 31 - 1 }),
    auditSigningKeyFile: auditSigningKeyFile ?? '',
    referenceKeyFile: read.optionalText('REFERENCE_KEY_FILE'),
    natsUrl: read.optionalText('NATS_URL'),
    followUpDeadlineHours: read.integer('FOLLOW_UP_DEADLINE_HOURS', 48, { min: 1, max: 8760 }),
    checkpointIntervalSeconds: read.integer('CHECKPOINT_INTERVAL_SECONDS', 60, { min: 1, max: 86_400 }),
    logLevel: read.oneOf('LOG_LEVEL', logLevels, 'info'),
  };
  read.done();
  return Object.freeze(config);
}
