import { mkdtemp, rm } from 'node:fs/promises';
import { prepareDatabase } from '@tessera/audit';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createLogger } from '@tessera/runtime';
import { ensureDevIdentityProvider } from '@tessera/demo';
import { cpuMeter } from './cpuMeter.ts';
import {
  createTestDatabases,
  sqlAt,
  hubDatabaseName,
  subgraphs,
  ensureKeyPair,
  ensureSecretKey,
  spawnService,
  type Service,
} from '@tessera/hub';

/** The gateways a fleet can put in front of its subgraphs. */
export type GatewayKind = 'hub' | 'bare' | 'hive' | 'hive-rust' | 'bare-stack';

const gatewayEntries: Record<GatewayKind, { entry: string; env?: Record<string, string> }> = {
  hub: { entry: 'gateway/src/main.ts' },
  bare: { entry: 'scripts/bench/bareGateway.ts' },
  hive: { entry: 'scripts/bench/hiveGateway.ts' },
  // The fastest peer that installs here: Hive Gateway with its query planner in Rust.
  'hive-rust': { entry: 'scripts/bench/hiveGateway.ts', env: { HIVE_QUERY_PLANNER: 'rust' } },
  // The bare stack: a bare gateway over subgraphs with no owner's side of trust (scripts/bench/bareSubgraph.ts).
  'bare-stack': { entry: 'scripts/bench/bareGateway.ts', env: { BENCH_PLAIN_IDENTITY: 'true' } },
};

/**
 * A production-shaped deployment on scratch PostgreSQL databases: every agency's subgraph and each
 * gateway asked for as its own process, the databases seeded at `size` first (all four at once, timed).
 * No rate limits: what is measured is the hub, not its buckets. Stopping it drops the databases.
 */
export async function startFleet(
  size: number,
  gateways: readonly GatewayKind[],
  profileFolder?: string,
  /** Settings every process gets besides its own (NATS_URL for the alerts). */
  shared: Readonly<Record<string, string>> = {},
) {
  // Each process writes its CPU profile there when it stops (`pnpm bench --profile DIR`).
  const nodeOptions = profileFolder ? ['--cpu-prof', `--cpu-prof-dir=${profileFolder}`] : [];
  const folder = await mkdtemp(join(tmpdir(), 'tessera-bench-'));
  const idp = await ensureDevIdentityProvider(join(folder, 'idp'));
  const databases = await createTestDatabases([...subgraphs.map(({ module }) => module.name), hubDatabaseName]);
  const services: Service[] = [];
  const stopServices = async () => {
    for (const service of services.splice(0).reverse()) await service.stop();
  };
  const stop = async () => {
    await stopServices();
    await databases[Symbol.asyncDispose]();
    await rm(folder, { recursive: true, force: true });
  };
  try {
    const internal = await ensureKeyPair(folder, 'internal-signing');
    const logger = createLogger('bench', 'error');
    const seedStarted = performance.now();
    const seeded = await Promise.all(
      subgraphs.map(async ({ module }) => {
        const database = await prepareDatabase(module, { url: databases.urls[module.name]! }, logger);
        try {
          return await module.seed(database, { seed: 1, size });
        } finally {
          await database.close();
        }
      }),
    );
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    // Measure a database as it is after its routine maintenance, not in the minutes after a bulk load
    // while autovacuum and the checkpointer catch up with it on the same two cores.
    const settle = async () => {
      for (const url of Object.values(databases.urls)) await sqlAt(url, 'VACUUM');
      await sqlAt(databases.urls[hubDatabaseName]!, 'CHECKPOINT');
    };
    await settle();
    const seededRows = seeded.flatMap((tables) => Object.values(tables)).reduce((sum, rows) => sum + rows, 0);

    const started = await Promise.all(
      subgraphs.map(async ({ module }) =>
        spawnService(
          module.name,
          `subgraphs/${module.name}/src/main.ts`,
          {
            [`${module.name.toUpperCase()}_DATABASE_URL`]: databases.urls[module.name]!,
            TESSERA_PORT: '0',
            TESSERA_SEED_SIZE: '0',
            GATEWAY_KEYS_FILE: internal.jwksFile,
            AUDIT_SIGNING_KEY_FILE: (await ensureKeyPair(folder, `${module.name}-audit-signing`)).privateKeyFile,
            ...(module.hits
              ? { REFERENCE_KEY_FILE: (await ensureSecretKey(folder, `${module.name}-reference`)).file }
              : {}),
            LOG_LEVEL: 'info',
            ...shared,
          },
          nodeOptions,
        ),
      ),
    );
    services.push(...started);
    const subgraphUrls = Object.fromEntries(started.map((service) => [service.name, service.url]));
    const urlList = (list: readonly { name: string; url: string }[]) =>
      list.map((service) => `${service.name}=${service.url}`).join(',');
    // The bare stack's own subgraphs, over the same databases, when it is asked for.
    const bare = gateways.includes('bare-stack')
      ? await Promise.all(
          subgraphs.map(async ({ module }) => {
            const service = await spawnService(
              `bare ${module.name}`,
              'scripts/bench/bareSubgraph.ts',
              {
                BENCH_SUBGRAPH: module.name,
                [`${module.name.toUpperCase()}_DATABASE_URL`]: databases.urls[module.name]!,
              },
              nodeOptions,
            );
            services.push(service);
            // Named as the supergraph names it, for the gateway's list.
            return { name: module.name, url: service.url };
          }),
        )
      : [];
    const gatewayUrls: Partial<Record<GatewayKind, string>> = {};
    for (const kind of gateways) {
      const gateway = await spawnService(
        `${kind} gateway`,
        gatewayEntries[kind].entry,
        {
          ...gatewayEntries[kind].env,
          TESSERA_PORT: '0',
          TRUSTED_ISSUERS: JSON.stringify(idp.trustedIssuers),
          INTERNAL_SIGNING_KEY_FILE: internal.privateKeyFile,
          AUDIT_SIGNING_KEY_FILE: (await ensureKeyPair(folder, 'hub-audit-signing')).privateKeyFile,
          HUB_DATABASE_URL: databases.urls[hubDatabaseName]!,
          SUBGRAPH_URLS: urlList(started),
          BENCH_SUBGRAPH_URLS: urlList(kind === 'bare-stack' ? bare : started),
          RATE_LIMIT_PRINCIPAL: '1000000/1000000',
          RATE_LIMIT_AGENCY: '1000000/1000000',
          MAX_COST: '100000000',
          LOG_LEVEL: 'info',
          ...shared,
        },
        nodeOptions,
      );
      services.push(gateway);
      gatewayUrls[kind] = gateway.url;
    }
    return {
      size,
      seededRows,
      seedSeconds,
      idp,
      databaseUrls: databases.urls,
      internalSigningKeyFile: internal.privateKeyFile,
      subgraphUrls,
      gatewayUrls,
      /** Routine maintenance done now (vacuum, a checkpoint), so that a light probe after heavy load measures the services. */
      settle,
      /** Each process's CPU time so far (ms): every service, PostgreSQL, and this process. */
      cpu: cpuMeter(services),
      /** Peak RSS of every process so far (MiB), by name. */
      async peakRss(): Promise<Record<string, number>> {
        return Object.fromEntries(
          await Promise.all(services.map(async (service) => [service.name, await service.peakRss()] as const)),
        );
      },
      /** Stops the processes but keeps the databases (for what is measured in process after). */
      stopServices,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

export type Fleet = Awaited<ReturnType<typeof startFleet>>;
