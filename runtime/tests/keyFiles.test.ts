import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ConfigurationError, keySetFile, readKeySet, readPrivateKey, readSecretKey } from '../src/index.ts';

// A process reads its keys at its start: a file it cannot read or use stops it with the file named and why.
let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'tessera-key-files-'));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

const refusal = (file: string, reason: string) =>
  new ConfigurationError(
    `Cannot use the key file ${file}: ${reason}. \`pnpm keys\` makes a deployment's keys (see Deploying).`,
  );
/** Each reader, with the system call it meets a missing file with; the key set's first reading is synchronous. */
const readers: [string, (file: string) => Promise<unknown>, string][] = [
  ['readPrivateKey', readPrivateKey, 'open'],
  ['readKeySet', readKeySet, 'open'],
  ['readSecretKey', readSecretKey, 'open'],
  ['keySetFile', async (file) => keySetFile(file), 'stat'],
];

test.each(readers)('%s: a missing file is named, with the reason and how keys are made', async (_, read, call) => {
  const file = join(folder, 'missing.jwk');
  await expect(read(file)).rejects.toEqual(refusal(file, `ENOENT: no such file or directory, ${call} '${file}'`));
});

test.each(readers)("%s: a file that is not JSON is named, with the parser's reason", async (_, read) => {
  const file = join(folder, 'cut.jwk');
  await writeFile(file, '{"kty":');
  await expect(read(file)).rejects.toEqual(refusal(file, 'Unexpected end of JSON input'));
});

test('a key that is not what the file must hold says what is wrong with it', async () => {
  const cases: [(file: string) => Promise<unknown>, object, string][] = [
    [readPrivateKey, { kty: 'OKP', crv: 'Ed25519', x: 'AA', d: 'AA' }, 'the key has no kid'],
    [readSecretKey, { kty: 'OKP', kid: 'k' }, 'not a secret key'],
    [readSecretKey, { kty: 'oct', k: 'AAAA', kid: 'k' }, 'a reference key has 256 bits'],
    [readSecretKey, { kty: 'oct', k: Buffer.alloc(32).toString('base64url') }, 'the key has no kid'],
  ];
  for (const [index, [read, jwk, reason]] of cases.entries()) {
    const file = join(folder, `wrong-${index}.jwk`);
    await writeFile(file, JSON.stringify(jwk));
    await expect(read(file)).rejects.toEqual(refusal(file, reason));
  }
});
