import { spawn } from 'node:child_process';
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

test('a deployable with a bad configuration says what is wrong, every problem at once, and exits 2', async () => {
  const child = spawn('node_modules/.bin/tsx', ['--conditions=source', 'gateway/src/main.ts'], {
    env: { PATH: process.env.PATH, TESSERA_PORT: 'eighty' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  expect(code).toBe(2);
  expect(errors).toContain('Invalid gateway configuration:');
  expect(errors).toContain('- HUB_DATABASE_URL is required');
  expect(errors).toContain('- TESSERA_PORT must be a whole number');
  expect(errors).not.toMatch(/^\s+at /m);
});
