import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const fixture = fileURLToPath(new URL('./fixtures/logLines.ts', import.meta.url));

/** Starts the fixture and gathers its standard output: the lines that have arrived, as parsed JSON. */
function logLines(lines: number, end: 'exit' | 'throw' | 'stay') {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', fixture, String(lines), end], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const received = () =>
    output
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as { line: number; msg: string });
  return { child, exited, received };
}

describe('the standard output log', () => {
  test.each(['exit', 'throw'] as const)(
    'keeps every line, whole and in order, when the process ends (%s)',
    async (end) => {
      const { exited, received } = logLines(3000, end);
      await exited;
      expect(received().map((entry) => entry.line)).toEqual(Array.from({ length: 3000 }, (_, line) => line));
    },
  );

  test('writes a line within moments while the process runs on, not only at its end', async () => {
    const { child, received } = logLines(1, 'stay');
    try {
      await expect.poll(() => received().map((entry) => entry.msg), { timeout: 5_000, interval: 50 }).toEqual(['line']);
    } finally {
      child.kill();
    }
  });
});
