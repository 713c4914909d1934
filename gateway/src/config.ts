import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createEnvReader, logLevels, type EnvReader, type LogLevel } from '@tessera/runtime';
import type { OperationLimits } from './guard/operationLimits.ts';
import type { RateLimit } from './guard/createRateLimiter.ts';
import { builtConsole, builtGraphiQL } from './bundleRoute.ts';
import type { ConsoleOidc } from './console/consoleRoutes.ts';
import { parseTrustedIssuers, type TrustedIssuer } from './auth/trustedIssuer.ts';
import type { AlertWebhook, WebhookRetries } from './watch/webhooks.ts';

export type { TrustedIssuer };

/** Signature algorithms accepted on partner tokens; symmetric ones and `none` are never accepted. */
export const acceptableAlgorithms = [
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
] as const;

export interface GatewayConfig {
  /** TESSERA_HOST: default 127.0.0.1. */
  readonly host: string;
  /** TESSERA_PORT: default 4000. */
  readonly port: number;
  /** TRUSTED_ISSUERS: JSON list of issuers (see TrustedIssuer): whose tokens, for which agencies. Required. */
  readonly trustedIssuers: readonly TrustedIssuer[];
  /**
   * JWKS_COOLDOWN_SECONDS (30): the least time between two fetches of one issuer's key set, however many
   * unknown key ids arrive. JWKS_CACHE_SECONDS (600): how long a fetched key set is used before it is
   * fetched again.
   */
  readonly jwks: { readonly cooldownSeconds: number; readonly cacheSeconds: number };
  /** ALLOWED_ALGORITHMS: comma-separated subset of acceptableAlgorithms. Default ES256,EdDSA,RS256,PS256. */
  readonly allowedAlgorithms: readonly string[];
  /** INTERNAL_SIGNING_KEY_FILE: the Ed25519 private JWK that signs internal tokens. Required. */
  readonly internalSigningKeyFile: string;
  /** SUPERGRAPH_FILE: default the committed gateway/supergraph.graphql. */
  readonly supergraphFile: string;
  /** SUBGRAPH_URLS: name=url pairs, comma-separated, overriding the supergraph's URLs. Default none. */
  readonly subgraphUrls: Readonly<Record<string, string>>;
  /**
   * HUB_DATABASE_URL: the hub's own PostgreSQL (consultation log). Required of a deployment; a hub configured in
   * code (the demo, tests) passes its database itself and leaves it unset.
   */
  readonly hubDatabaseUrl: string | undefined;
  /** AUDIT_SIGNING_KEY_FILE: the Ed25519 private JWK that signs the consultation log's checkpoints. Required. */
  readonly auditSigningKeyFile: string;
  /** CHECKPOINT_INTERVAL_SECONDS: how often the consultation log's head is signed. Default 60. */
  readonly checkpointIntervalSeconds: number;
  /** MAX_DEPTH (12), MAX_ALIASES (30), MAX_DIRECTIVES (20), MAX_ROOT_FIELDS (10), MAX_TOKENS (4000), MAX_COST (250000). */
  readonly limits: OperationLimits & { readonly maxTokens: number };
  /** TRUSTED_DOCUMENTS_DIR: the reviewed operations of each client system. Default gateway/trusted-documents. */
  readonly trustedDocumentsDir: string;
  /**
   * RATE_LIMIT_PRINCIPAL and RATE_LIMIT_AGENCY as "burst/perSecond" (burst requests per window of
   * burst/perSecond seconds). Defaults 60/10 and 600/100.
   */
  /**
   * RATE_LIMIT_PRINCIPAL, RATE_LIMIT_AGENCY ("burst/perSecond"): requests; RATE_LIMIT_HIT_SUBJECTS: subjects
   * of hit checks per principal. Defaults 60/10, 600/100, 5000/50.
   */
  readonly rateLimits: {
    readonly perPrincipal: RateLimit;
    readonly perAgency: RateLimit;
    readonly hitSubjects: RateLimit;
  };
  /** NATS_URL: the NATS server whose owner events become alerts for watchers. Unset: no alerts are made. */
  readonly natsUrl: string | undefined;
  /**
   * ALERT_WEBHOOKS_FILE: a JSON list of client systems' alert receivers, `{ issuer, subject, url, secret }`
   * (a secret file, like a key). Default none.
   */
  readonly alertWebhooks: readonly AlertWebhook[];
  /** WEBHOOK_ATTEMPTS, WEBHOOK_FIRST_RETRY_MS: tries before the dead-letter list, and the first wait. Defaults 8, 1000. */
  readonly webhookRetries: WebhookRetries;
  /** REDIS_URL: where every gateway process shares its rate-limit allowances. Unset: each process its own. */
  readonly redisUrl: string | undefined;
  /** SUBGRAPH_TIMEOUT_MS: how long one subgraph call may take before its part is given up. Default 10000. */
  readonly subgraphTimeoutMs: number;
  /**
   * CORS_ORIGINS: origins (scheme://host[:port], comma-separated) whose pages may call the hub from a
   * browser. Default none: no page elsewhere can read an answer.
   */
  readonly corsOrigins: readonly string[];
  /** GRAPHIQL_DIR: the GraphiQL bundle served at /graphiql. Default graphiql/dist, made by `pnpm build`. */
  readonly graphiqlDir: string;
  /** CONSOLE_DIR: the console's bundle served at /console. Default console/dist, made by `pnpm build`. */
  readonly consoleDir: string;
  /**
   * CONSOLE_OIDC_ISSUER, CONSOLE_OIDC_CLIENT_ID, CONSOLE_OIDC_SCOPE (default "openid"): the partner identity
   * provider the console signs users in with (authorization code with PKCE); the issuer must be one of
   * TRUSTED_ISSUERS. Unset: the console offers no sign-in but the demo's, when the hub runs as the demo.
   */
  readonly consoleOidc: ConsoleOidc | undefined;
  /** LOG_LEVEL: default info. */
  readonly logLevel: LogLevel;
}

export const committedSupergraphFile = fileURLToPath(new URL('../supergraph.graphql', import.meta.url));
export const committedTrustedDocuments = fileURLToPath(new URL('../trusted-documents', import.meta.url));

/**
 * The one setting the hub imposes rather than reads: @apollo/gateway takes its telemetry switch only from
 * the environment, and unset it starts a metrics exporter to its vendor and probes cloud metadata services.
 * Nothing about the hub's use leaves it, whatever the environment says.
 */
export function disableVendorTelemetry(): void {
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
}

/** What a deployment must say; everything else has a default. */
export type RequiredGatewaySettings = Pick<
  GatewayConfig,
  'trustedIssuers' | 'internalSigningKeyFile' | 'auditSigningKeyFile'
>;

/** Every setting's default, for the environment reader and for a gateway configured in code alike. */
export const gatewayDefaults: Omit<GatewayConfig, keyof RequiredGatewaySettings> = Object.freeze({
  host: '127.0.0.1',
  port: 4000,
  jwks: { cooldownSeconds: 30, cacheSeconds: 600 },
  allowedAlgorithms: ['ES256', 'EdDSA', 'RS256', 'PS256'],
  supergraphFile: committedSupergraphFile,
  subgraphUrls: {},
  hubDatabaseUrl: undefined,
  checkpointIntervalSeconds: 60,
  limits: { maxDepth: 12, maxAliases: 30, maxDirectives: 20, maxRootFields: 10, maxTokens: 4000, maxCost: 250_000 },
  trustedDocumentsDir: committedTrustedDocuments,
  rateLimits: {
    perPrincipal: { burst: 60, perSecond: 10 },
    perAgency: { burst: 600, perSecond: 100 },
    hitSubjects: { burst: 5000, perSecond: 50 },
  },
  natsUrl: undefined,
  alertWebhooks: [],
  webhookRetries: { attempts: 8, firstDelayMs: 1000 },
  redisUrl: undefined,
  subgraphTimeoutMs: 10_000,
  corsOrigins: [],
  graphiqlDir: builtGraphiQL,
  consoleDir: builtConsole,
  consoleOidc: undefined,
  logLevel: 'info',
});

/** A gateway configured in code (the one-process hub, tests): the required settings, and any others. */
export function gatewayConfig(settings: RequiredGatewaySettings & Partial<GatewayConfig>): GatewayConfig {
  return Object.freeze({ ...gatewayDefaults, ...settings });
}

/** A gateway configured by its environment (a deployment): every problem reported together. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): GatewayConfig {
  const read = createEnvReader(env, 'gateway');
  const defaults = gatewayDefaults;
  const internalSigningKeyFile = read.optionalText('INTERNAL_SIGNING_KEY_FILE');
  if (internalSigningKeyFile === undefined) read.problem('INTERNAL_SIGNING_KEY_FILE is required');
  const auditSigningKeyFile = read.optionalText('AUDIT_SIGNING_KEY_FILE');
  if (auditSigningKeyFile === undefined) read.problem('AUDIT_SIGNING_KEY_FILE is required');
  // The consultation log is what makes an answer lawful: a deployment never keeps it in memory.
  const hubDatabaseUrl = read.optionalText('HUB_DATABASE_URL');
  if (hubDatabaseUrl === undefined) read.problem('HUB_DATABASE_URL is required');
  const rate = (limit: RateLimit) => `${limit.burst}/${limit.perSecond}`;
  // Read in this order, so that the problems are reported in the order of the settings' documentation.
  const host = read.text('TESSERA_HOST', defaults.host);
  const port = read.integer('TESSERA_PORT', defaults.port, { min: 0, max: 65535 });
  const trustedIssuers = parseTrustedIssuers(read.optionalText('TRUSTED_ISSUERS'), read.problem);
  const config: GatewayConfig = {
    host,
    port,
    trustedIssuers,
    jwks: {
      cooldownSeconds: read.integer('JWKS_COOLDOWN_SECONDS', defaults.jwks.cooldownSeconds, { min: 0, max: 3600 }),
      cacheSeconds: read.integer('JWKS_CACHE_SECONDS', defaults.jwks.cacheSeconds, { min: 1, max: 86_400 }),
    },
    allowedAlgorithms: parseAlgorithms(
      read.text('ALLOWED_ALGORITHMS', defaults.allowedAlgorithms.join(',')),
      read.problem,
    ),
    internalSigningKeyFile: internalSigningKeyFile ?? '',
    supergraphFile: read.text('SUPERGRAPH_FILE', defaults.supergraphFile),
    subgraphUrls: parseSubgraphUrls(read.text('SUBGRAPH_URLS', ''), read.problem),
    hubDatabaseUrl,
    auditSigningKeyFile: auditSigningKeyFile ?? '',
    checkpointIntervalSeconds: read.integer('CHECKPOINT_INTERVAL_SECONDS', defaults.checkpointIntervalSeconds, {
      min: 1,
      max: 86_400,
    }),
    limits: {
      maxDepth: read.integer('MAX_DEPTH', defaults.limits.maxDepth, { min: 2, max: 100 }),
      maxAliases: read.integer('MAX_ALIASES', defaults.limits.maxAliases, { min: 0, max: 1000 }),
      maxDirectives: read.integer('MAX_DIRECTIVES', defaults.limits.maxDirectives, { min: 0, max: 1000 }),
      maxRootFields: read.integer('MAX_ROOT_FIELDS', defaults.limits.maxRootFields, { min: 1, max: 100 }),
      maxTokens: read.integer('MAX_TOKENS', defaults.limits.maxTokens, { min: 100, max: 1_000_000 }),
      maxCost: read.integer('MAX_COST', defaults.limits.maxCost, { min: 1, max: 100_000_000 }),
    },
    trustedDocumentsDir: read.text('TRUSTED_DOCUMENTS_DIR', defaults.trustedDocumentsDir),
    rateLimits: {
      perPrincipal: parseRateLimit(
        'RATE_LIMIT_PRINCIPAL',
        read.text('RATE_LIMIT_PRINCIPAL', rate(defaults.rateLimits.perPrincipal)),
        read.problem,
      ),
      perAgency: parseRateLimit(
        'RATE_LIMIT_AGENCY',
        read.text('RATE_LIMIT_AGENCY', rate(defaults.rateLimits.perAgency)),
        read.problem,
      ),
      hitSubjects: parseRateLimit(
        'RATE_LIMIT_HIT_SUBJECTS',
        read.text('RATE_LIMIT_HIT_SUBJECTS', rate(defaults.rateLimits.hitSubjects)),
        read.problem,
      ),
    },
    natsUrl: read.optionalText('NATS_URL'),
    alertWebhooks: readWebhooks(read.optionalText('ALERT_WEBHOOKS_FILE'), read.problem),
    webhookRetries: {
      attempts: read.integer('WEBHOOK_ATTEMPTS', defaults.webhookRetries.attempts, { min: 1, max: 50 }),
      firstDelayMs: read.integer('WEBHOOK_FIRST_RETRY_MS', defaults.webhookRetries.firstDelayMs, {
        min: 10,
        max: 3_600_000,
      }),
    },
    redisUrl: read.optionalText('REDIS_URL'),
    subgraphTimeoutMs: read.integer('SUBGRAPH_TIMEOUT_MS', defaults.subgraphTimeoutMs, { min: 100, max: 300_000 }),
    corsOrigins: parseOrigins(read.text('CORS_ORIGINS', ''), read.problem),
    graphiqlDir: read.text('GRAPHIQL_DIR', defaults.graphiqlDir),
    consoleDir: read.text('CONSOLE_DIR', defaults.consoleDir),
    consoleOidc: readConsoleOidc(read, trustedIssuers),
    logLevel: read.oneOf('LOG_LEVEL', logLevels, defaults.logLevel),
  };
  read.done();
  return Object.freeze(config);
}

/** The console's identity provider: all of it or none, and one the gateway trusts. */
function readConsoleOidc(read: EnvReader, trustedIssuers: readonly TrustedIssuer[]): ConsoleOidc | undefined {
  const authority = read.optionalText('CONSOLE_OIDC_ISSUER');
  const clientId = read.optionalText('CONSOLE_OIDC_CLIENT_ID');
  const scope = read.text('CONSOLE_OIDC_SCOPE', 'openid');
  if (authority === undefined && clientId === undefined) return undefined;
  if (authority === undefined || clientId === undefined) {
    read.problem('CONSOLE_OIDC_ISSUER and CONSOLE_OIDC_CLIENT_ID go together');
    return undefined;
  }
  if (!trustedIssuers.some((trusted) => trusted.issuer === authority)) {
    read.problem('CONSOLE_OIDC_ISSUER must be one of TRUSTED_ISSUERS: its tokens are what the console sends');
    return undefined;
  }
  return { authority, clientId, scope };
}

/** The receivers file: each entry complete, its URL http(s), its secret long enough to resist guessing. */
function readWebhooks(file: string | undefined, problem: (message: string) => void): AlertWebhook[] {
  if (file === undefined) return [];
  let entries: unknown;
  try {
    entries = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    problem(`ALERT_WEBHOOKS_FILE cannot be read as JSON: ${(error as Error).message}`);
    return [];
  }
  const valid = (entry: unknown): entry is AlertWebhook => {
    const hook = entry as Partial<AlertWebhook> | null;
    return (
      typeof hook?.issuer === 'string' &&
      typeof hook.subject === 'string' &&
      typeof hook.url === 'string' &&
      /^https?:\/\//.test(hook.url) &&
      typeof hook.secret === 'string' &&
      hook.secret.length >= 32
    );
  };
  if (!Array.isArray(entries) || !entries.every(valid)) {
    problem('ALERT_WEBHOOKS_FILE must list { issuer, subject, url: http(s)://..., secret: at least 32 characters }');
    return [];
  }
  return entries;
}

function parseAlgorithms(text: string, problem: (message: string) => void): string[] {
  const algorithms = text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  const refused = algorithms.filter((item) => !(acceptableAlgorithms as readonly string[]).includes(item));
  if (refused.length > 0 || algorithms.length === 0) {
    problem(
      `ALLOWED_ALGORITHMS must be a subset of ${acceptableAlgorithms.join(', ')} (refused: ${refused.join(', ') || 'empty list'})`,
    );
  }
  return algorithms.filter((item) => !refused.includes(item));
}

function parseSubgraphUrls(text: string, problem: (message: string) => void): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const pair of text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)) {
    const [name, url] = pair.split('=', 2);
    if (!name || !url || !/^https?:\/\//.test(url)) problem(`SUBGRAPH_URLS entry "${pair}" must be name=http(s)://...`);
    else urls[name] = url;
  }
  return urls;
}

function parseRateLimit(name: string, text: string, problem: (message: string) => void): RateLimit {
  const match = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(text);
  const [burst, perSecond] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  if (!match || burst < 1 || perSecond <= 0) {
    problem(`${name} must be "burst/perSecond", both above zero (got "${text}")`);
    return { burst: 1, perSecond: 1 };
  }
  return { burst, perSecond };
}

function parseOrigins(text: string, problem: (message: string) => void): string[] {
  const origins = text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  for (const origin of origins) {
    let valid = false;
    try {
      const url = new URL(origin);
      valid = (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === origin;
    } catch {
      valid = false;
    }
    if (!valid) problem(`CORS_ORIGINS entry "${origin}" must be an origin: scheme://host[:port], no path`);
  }
  return origins;
}
