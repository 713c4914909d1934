import { spawn } from 'node:child_process';

// `pnpm check`: the types of the workspace and of the GraphiQL and console pages, formatting, and lint, run at once
// (each is one process and mostly one core); every output is shown, and any failure fails the check.
const checks: readonly (readonly [string, ...string[]])[] = [
  ['tsc', '--noEmit', '-p', '.'],
  ['tsc', '--noEmit', '-p', 'graphiql'],
  ['tsc', '--noEmit', '-p', 'console'],
  ['prettier', '--check', '--log-level', 'warn', '.'],
  ['eslint', '.'],
];

const results = await Promise.all(
  checks.map(
    ([command, ...args]) =>
      new Promise<{ name: string; code: number | null; output: string }>((resolve) => {
        const child = spawn(`node_modules/.bin/${command}`, args, { stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.on('close', (code) => resolve({ name: [command, ...args].join(' '), code, output }));
      }),
  ),
);
for (const { name, code, output } of results) {
  console.log(`${code === 0 ? 'ok  ' : 'FAIL'} ${name}`);
  if (output.trim()) console.log(output.trimEnd());
}
process.exitCode = results.every((result) => result.code === 0) ? 0 : 1;
