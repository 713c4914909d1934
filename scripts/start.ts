import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { builtConsole, builtGraphiQL } from '@tessera/gateway';
import { createEmbeddedEngine, createEnvReader, createLogger, logLevels, runMain } from '@tessera/runtime';
import { nationalIdOf, demoSubjectIndex } from '@tessera/demo';
import { devIdpFolder, tesseraFolder } from '@tessera/demo';
import { ensureDevIdentityProvider, issueToken } from '@tessera/demo';
import { hubDatabaseName, startHub, subgraphs } from '@tessera/hub';

// The demo: the whole hub in one process. Every setting has a default, so `pnpm start` needs none.
await runMain(async () => {
  const startedAt = performance.now();
  const read = createEnvReader(process.env, 'demo');
  const port = read.integer('TESSERA_PORT', 4000, { min: 0, max: 65535 });
  const seedSize = read.integer('TESSERA_SEED_SIZE', 2000, { min: 1, max: 10_000_000 });
  const seed = read.integer('TESSERA_SEED', 1, { min: 0, max: 2 ** 31 - 1 });
  const logLevel = read.oneOf('LOG_LEVEL', logLevels, 'warn');
  // Alerts need a broker: with NATS_URL (JetStream) the demo's writes become alerts for watchers.
  const natsUrl = read.optionalText('NATS_URL');
  // <AGENCY>_DATABASE_URL puts that subgraph on a real PostgreSQL; the others share one embedded engine.
  const databaseUrls = Object.fromEntries(
    [...subgraphs.map(({ module }) => module.name), hubDatabaseName].map((name) => [
      name,
      read.optionalText(`${name.toUpperCase()}_DATABASE_URL`),
    ]),
  );
  read.done();

  const logger = createLogger('tessera', logLevel);
  // The demo serves GraphiQL at /graphiql and the console at /console: each bundle is built once, on the first start.
  for (const [bundle, folder] of [
    ['@tessera/graphiql', builtGraphiQL],
    ['@tessera/console', builtConsole],
  ] as const) {
    if (!existsSync(join(folder, 'index.html'))) await promisify(execFile)('pnpm', ['--filter', bundle, 'build']);
  }
  const idp = await ensureDevIdentityProvider(devIdpFolder);
  const needsEngine = Object.values(databaseUrls).some((url) => url === undefined);
  const engine = needsEngine ? await createEmbeddedEngine() : undefined;
  const hub = await startHub({
    databases: Object.fromEntries(
      Object.entries(databaseUrls).map(([name, url]) => [name, url ? { url } : { engine: engine! }]),
    ),
    trustedIssuers: idp.trustedIssuers,
    // The console's demo sign-in: a token for an hour, as a partner's identity provider would give.
    mintDemoToken: (request) => issueToken(idp, { ...request, ttlSeconds: 3600 }),
    seedSize,
    seed,
    gatewayPort: port,
    keyFolder: `${tesseraFolder}internal`,
    ...(natsUrl ? { natsUrl } : {}),
    logLevel,
    logger,
  });
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  const subject = nationalIdOf(demoSubjectIndex);
  const query = `{ person(nationalId: "${subject}") { givenName familyName police { warningMarkers { type } } customs { crossings { port crossedAt } } probation { supervisionOrders { riskLevel conditions { type } } } } }`;
  console.log(`
Tessera is running at ${hub.gateway.url} (ready in ${seconds} s; embedded database: ${needsEngine ? 'yes' : 'no'})

Get a token from the demo identity provider, then ask for a person known to all three agencies:

  TOKEN=$(pnpm -s token --agency police --role investigator --clearance SECRET)
  curl -s ${hub.gateway.url} -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \\
    -H 'x-purpose: criminal-investigation' -H 'x-justification: case OP-1234' \\
    -d '${JSON.stringify({ query })}'

Or open the console at ${new URL('/console/', hub.gateway.url)} (sign in as any partner of the demo), or
GraphiQL at ${new URL('/graphiql', hub.gateway.url)} and paste the token into the headers.

Watches and alerts: ${natsUrl ? `on (events through ${natsUrl})` : 'off; start with NATS_URL=nats://127.0.0.1:4222 (a NATS server with JetStream) to turn them on'}.

Press Ctrl-C to stop.`);

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    await hub.stop();
    await engine?.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
});
