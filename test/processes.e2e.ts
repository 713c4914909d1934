import { spawn } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { databaseVariable, ownerLogs, scratchServerUrl } from '@tessera/hub';
import { expect, test } from 'vitest';

test('the demo process starts, answers, and stops cleanly on SIGTERM', async () => {
  // The demo's own process, with tsx as a loader: the tsx command relays a signal to its child and
  // kills it outright if the child has not acknowledged it within 30 ms, which a loaded machine misses.
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', 'scripts/start.ts'], {
    env: { ...process.env, TESSERA_PORT: '0', TESSERA_SEED_SIZE: '200', LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start: ${output}`)), 60_000);
      child.stdout.on('data', () => {
        const match = /running at (http:\/\/\S+) /.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    });
    expect((await fetch(new URL('/ready', url))).status).toBe(200);
    child.kill('SIGTERM');
    const started = Date.now();
    expect(await exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
  } finally {
    child.kill('SIGKILL');
  }
  // The demo's start (its embedded database made and seeded) waits its turn for the cores beside other files.
}, 120_000);

/** Runs a script of the workspace to its end: its exit code and what it wrote. */
async function runToExit(
  entry: string,
  env: Record<string, string>,
  args: readonly string[] = [],
): Promise<{ code: number | null; output: string; errors: string }> {
  const child = spawn('node_modules/.bin/tsx', ['--conditions=source', entry, ...args], {
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let errors = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, output, errors };
}

test('a deployable with a bad configuration says what is wrong, every problem at once, and exits 2', async () => {
  const { code, errors } = await runToExit('gateway/src/main.ts', { TESSERA_PORT: 'eighty' });
  expect(code).toBe(2);
  expect(errors).toContain('Invalid gateway configuration:');
  expect(errors).toContain('- HUB_DATABASE_URL is required');
  expect(errors).toContain('- TESSERA_PORT must be a whole number');
  expect(errors).not.toMatch(/^\s+at /m);
});

test('the demo whose port is taken says which and the setting that moves it, and exits 2', async () => {
  const holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = holder.address() as AddressInfo;
    const { code, errors } = await runToExit('scripts/start.ts', {
      TESSERA_PORT: String(port),
      TESSERA_SEED_SIZE: '200',
    });
    expect(code).toBe(2);
    expect(errors.trim()).toBe(
      `Cannot listen on 127.0.0.1:${port}: the port is in use: stop what holds it, or choose another with TESSERA_PORT (EADDRINUSE).`,
    );
  } finally {
    holder.close();
  }
}, 120_000);

test('audit:verify given a database that does not exist names it, without its password, and exits 2', async () => {
  const missing = new URL(scratchServerUrl);
  missing.password = 'not-to-be-shown';
  missing.pathname = `/tessera_missing_${process.pid}`;
  const url = missing.toString();
  const { code, errors } = await runToExit('scripts/auditVerify.ts', {
    HUB_DATABASE_URL: url,
    ...Object.fromEntries(ownerLogs.map((owner) => [databaseVariable(owner.name), url])),
  });
  expect(code).toBe(2);
  expect(errors).toContain(`Cannot open the database ${url.replace('not-to-be-shown', '***')}: database "`);
  expect(errors).not.toContain('not-to-be-shown');
  expect(errors).not.toMatch(/^\s+at /m);
});

test('pnpm token names every wrong option with what was given, and mints what it is asked for', async () => {
  const wrong = await runToExit('scripts/token.ts', {}, [
    ...['--agency', 'polic', '--role', 'chief', '--role', 'officer', '--clearance', 'TOP'],
    ...['--privilege', 'sworn', '--privilege', 'x', '--ttl=-5'],
  ]);
  expect(wrong.code).toBe(2);
  expect(wrong.errors.split('\n\n')[0]!.split('\n')).toEqual([
    '--agency is required, one of the agencies below (got "polic").',
    '--role is required, each one of the roles below (got ["chief"]).',
    '--clearance must be one of the levels below (got "TOP").',
    '--privilege must name privileges below (got ["x"]).',
    '--ttl must be 1 to 43200 seconds (got "-5").',
  ]);
  expect((await runToExit('scripts/token.ts', {}, ['--agency', 'customs'])).errors).toMatch(
    /^--role is required, each one of the roles below \(none given\)\.\n\nUsage: pnpm token/,
  );
  const minted = await runToExit('scripts/token.ts', {}, ['--agency', 'customs', '--role', 'officer', '--ttl', '60']);
  expect(minted.code).toBe(0);
  const claims = JSON.parse(Buffer.from(minted.output.trim().split('.')[1]!, 'base64url').toString());
  expect(claims).toMatchObject({ agency: 'customs', roles: ['officer'], clearance: 'OFFICIAL' });
  expect(claims.exp - claims.iat).toBe(60);
});

test('pnpm keys given a folder it cannot make says so in one line, and exits 2', async () => {
  // A folder under a file: no one can make it, root included.
  const parent = join(tmpdir(), `tessera-keys-${process.pid}`);
  await writeFile(parent, '');
  try {
    const { code, errors } = await runToExit('hub/src/keysMain.ts', {}, [join(parent, 'keys')]);
    expect(code).toBe(2);
    expect(errors.trim()).toBe(
      `Cannot make the keys in ${join(parent, 'keys')}: ENOTDIR: not a directory, mkdir '${join(parent, 'keys')}'.`,
    );
  } finally {
    await rm(parent);
  }
});
