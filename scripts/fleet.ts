import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { createEnvReader, runMain } from '@tessera/runtime';
import { devIdpFolder, ensureDevIdentityProvider } from '@tessera/demo';
import { deployFleet, ensureDatabases, ensureDeploymentKeys, hubDatabaseName, subgraphs } from '@tessera/hub';

// The production walk-through, run: builds, makes the keys (./keys), a database per part on the
// PostgreSQL at 127.0.0.1:5432 (tessera_<name>), then starts every part as its own `node dist/...`
// process on its default port, and prints each command with its variables. Ctrl-C stops them.
await runMain(async () => {
  const read = createEnvReader(process.env, 'fleet');
  const seedSize = read.integer('TESSERA_SEED_SIZE', 2000, { min: 0, max: 10_000_000 });
  read.done();

  console.log('Building...');
  await promisify(execFile)('pnpm', ['-s', 'build']);
  const keyFolder = resolve('keys');
  await mkdir(keyFolder, { recursive: true, mode: 0o700 });
  const keys = await ensureDeploymentKeys(keyFolder);
  const databases = await ensureDatabases('tessera', [...subgraphs.map(({ module }) => module.name), hubDatabaseName]);
  const idp = await ensureDevIdentityProvider(devIdpFolder);
  const fleet = await deployFleet({
    databases,
    keys,
    trustedIssuers: idp.trustedIssuers,
    seedSize,
    ports: 'default',
    logLevel: 'info',
  });
  for (const part of fleet.processes) {
    const variables = Object.entries(part.env).map(([name, value]) => `  ${name}='${value}' \\`);
    console.log(`\n# ${part.name}, at ${part.url}\n${variables.join('\n')}\n  node ${part.entry}`);
  }
  console.log(`\nThe fleet is running; the gateway is at ${fleet.gatewayUrl}. Press Ctrl-C to stop.`);
  const shutdown = async () => {
    await fleet.stop();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
});
