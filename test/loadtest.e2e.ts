import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';

test('pnpm loadtest runs a short bounded load and passes its checks', async () => {
  const { stdout } = await promisify(execFile)(
    'pnpm',
    ['-s', 'loadtest', '--seconds', '3', '--concurrency', '4', '--size', '300'],
    {
      timeout: 120_000,
    },
  );
  expect(stdout).toMatch(/^\s+5xx\s+0$/m);
  expect(stdout).toMatch(/^\s+wrong answers\s+0$/m);
  const [, recorded, sent] = /consultations\s+(\d+) recorded for (\d+) requests/.exec(stdout) ?? [];
  expect(Number(recorded)).toBeGreaterThan(5);
  expect(recorded).toBe(sent);
  expect(stdout).toMatch(/reconciliation ok\nPASS$/m);
});
