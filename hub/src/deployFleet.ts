import type { TrustedIssuer } from '@tessera/gateway';
import { databaseVariable, ownerLogs } from './auditLogs.ts';
import type { DeploymentKeys } from './deploymentKeys.ts';
import { spawnService, type Service } from './spawnService.ts';
import { hubDatabaseName } from './startHub.ts';
import { subgraphs } from './subgraphs.ts';

export interface FleetOptions {
  /** Each agency's PostgreSQL database and the hub's (`hub`), by name. */
  readonly databases: Readonly<Record<string, string>>;
  readonly keys: DeploymentKeys;
  readonly trustedIssuers: readonly TrustedIssuer[];
  /** A demo population seeded into each empty agency database; 0 (a real deployment) seeds nothing. */
  readonly seedSize: number;
  /** Each process on its documented default port, or all on free ports (tests). */
  readonly ports: 'default' | 'free';
  readonly logLevel: string;
  /** The standard OTEL_* variables, given to every process: tracing is off without them. */
  readonly telemetry?: Readonly<Record<string, string>>;
}

/** One process of the fleet: the command that runs it, and every variable it is given. */
export interface FleetProcess {
  readonly name: string;
  readonly entry: string;
  readonly env: Readonly<Record<string, string>>;
}

export interface RunningFleet {
  readonly gatewayUrl: string;
  /** Every process as started, in order: what the README's Deploying section shows. */
  readonly processes: readonly (FleetProcess & { readonly url: string })[];
  stop(): Promise<void>;
}

/**
 * Runs the hub as a deployment does: each agency's subgraph, oversight and the gateway each its own
 * `node dist/...` process (built by `pnpm build`), configured with documented variables only. Oversight
 * starts before the gateway: both prepare the hub's database, one at a time.
 */
export async function deployFleet(options: FleetOptions): Promise<RunningFleet> {
  const { keys } = options;
  const port = (defaultPort: number) => String(options.ports === 'default' ? defaultPort : 0);
  const database = (name: string) => {
    const url = options.databases[name];
    if (!url) throw new Error(`no database given for ${name}`);
    return url;
  };
  const services: Service[] = [];
  const start = async (part: FleetProcess) => {
    const service = await spawnService(part.name, part.entry, { ...options.telemetry, ...part.env });
    services.push(service);
    return { ...part, url: service.url };
  };
  const stop = async () => {
    for (const service of services.reverse()) await service.stop();
  };
  try {
    const agencies = await Promise.all(
      subgraphs.map(async ({ module, port: defaultPort }) => {
        return start({
          name: module.name,
          entry: `subgraphs/${module.name}/dist/main.js`,
          env: {
            [databaseVariable(module.name)]: database(module.name),
            GATEWAY_KEYS_FILE: keys.internal.jwksFile,
            AUDIT_SIGNING_KEY_FILE: keys.audit[module.name]!.privateKeyFile,
            ...(keys.references[module.name] ? { REFERENCE_KEY_FILE: keys.references[module.name]! } : {}),
            TESSERA_PORT: port(defaultPort),
            ...(options.seedSize > 0 ? { TESSERA_SEED_SIZE: String(options.seedSize) } : {}),
            LOG_LEVEL: options.logLevel,
          },
        });
      }),
    );
    const oversight = await start({
      name: 'oversight',
      entry: 'hub/dist/oversightMain.js',
      env: {
        [databaseVariable(hubDatabaseName)]: database(hubDatabaseName),
        ...Object.fromEntries(ownerLogs.map((owner) => [databaseVariable(owner.name), database(owner.name)])),
        AUDIT_KEY_FOLDER: keys.folder,
        GATEWAY_KEYS_FILE: keys.internal.jwksFile,
        TESSERA_PORT: port(4005),
        LOG_LEVEL: options.logLevel,
      },
    });
    const gateway = await start({
      name: 'gateway',
      entry: 'gateway/dist/main.js',
      env: {
        [databaseVariable(hubDatabaseName)]: database(hubDatabaseName),
        TRUSTED_ISSUERS: JSON.stringify(options.trustedIssuers),
        INTERNAL_SIGNING_KEY_FILE: keys.internal.privateKeyFile,
        AUDIT_SIGNING_KEY_FILE: keys.audit[hubDatabaseName]!.privateKeyFile,
        SUBGRAPH_URLS: [...agencies, oversight].map((part) => `${part.name}=${part.url}`).join(','),
        TESSERA_PORT: port(4000),
        LOG_LEVEL: options.logLevel,
      },
    });
    return { gatewayUrl: gateway.url, processes: [...agencies, oversight, gateway], stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
