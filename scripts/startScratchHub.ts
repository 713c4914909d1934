import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@tessera/runtime';
import { ensureDevIdentityProvider, type DevIdentityProvider } from '@tessera/demo';
import { createTestDatabases, hubDatabaseName, startHub, type RunningHub, subgraphs } from '@tessera/hub';

/**
 * The whole hub over scratch PostgreSQL databases, seeded at `size`, with an identity provider of its
 * own and no rate limits (what the load test and the bench measure is the hub, not the buckets).
 * Stopping it drops the databases and removes its keys; so does a start that fails.
 */
export async function startScratchHub(size: number) {
  const folder = await mkdtemp(join(tmpdir(), 'tessera-scratch-'));
  const names = [...subgraphs.map(({ module }) => module.name), hubDatabaseName];
  let databases: Awaited<ReturnType<typeof createTestDatabases>> | undefined;
  const discard = async () => {
    await databases?.[Symbol.asyncDispose]();
    await rm(folder, { recursive: true, force: true });
  };
  try {
    const idp: DevIdentityProvider = await ensureDevIdentityProvider(join(folder, 'idp'));
    const urls = (databases = await createTestDatabases(names)).urls;
    const hub: RunningHub = await startHub({
      databases: Object.fromEntries(names.map((name) => [name, { url: urls[name]! }])),
      trustedIssuers: idp.trustedIssuers,
      seedSize: size,
      seed: 1,
      gatewayPort: 0,
      keyFolder: join(folder, 'keys'),
      gateway: {
        rateLimits: {
          perPrincipal: { burst: 1_000_000, perSecond: 1_000_000 },
          perAgency: { burst: 1_000_000, perSecond: 1_000_000 },
          hitSubjects: { burst: 1_000_000, perSecond: 1_000_000 },
        },
      },
      logLevel: 'error',
      logger: createLogger('scratch', 'error'),
    });
    return {
      hub,
      idp,
      databaseUrls: urls,
      async stop() {
        await hub.stop();
        await discard();
      },
    };
  } catch (error) {
    await discard();
    throw error;
  }
}
