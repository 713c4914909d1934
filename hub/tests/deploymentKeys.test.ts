import { mkdtemp, readFile, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { describeDeploymentKeys, ensureDeploymentKeys } from '../src/deploymentKeys.ts';

let folder: string;
afterEach(() => rm(folder, { recursive: true, force: true }));

test('makes every key a deployment needs, and a second run keeps each one as it is', async () => {
  folder = await mkdtemp(join(tmpdir(), 'tessera-keys-'));
  const first = await ensureDeploymentKeys(folder);
  expect(first.made).toEqual([
    'internal-signing',
    'hub-audit-signing',
    'police-audit-signing',
    'customs-audit-signing',
    'probation-audit-signing',
    'register-audit-signing',
    'police-reference',
    'customs-reference',
    'probation-reference',
  ]);
  const before = await readFile(first.audit.police!.privateKeyFile, 'utf8');
  const second = await ensureDeploymentKeys(folder);
  expect(second.made).toEqual([]);
  expect(await readFile(second.audit.police!.privateKeyFile, 'utf8')).toBe(before);
  expect(second.internal.current.kid).toBe(first.internal.current.kid);
});

test('says which process needs which key, under which variable', async () => {
  folder = await mkdtemp(join(tmpdir(), 'tessera-keys-'));
  const summary = describeDeploymentKeys(await ensureDeploymentKeys(folder));
  for (const variable of [
    'INTERNAL_SIGNING_KEY_FILE',
    'GATEWAY_KEYS_FILE',
    'AUDIT_SIGNING_KEY_FILE',
    'AUDIT_KEY_FOLDER',
  ])
    expect(summary).toContain(variable);
  for (const log of ['hub', 'police', 'customs', 'probation', 'register'])
    expect(summary).toContain(join(folder, `${log}-audit-signing.jwk`));
});

test('half a key pair is reported, never replaced', async () => {
  folder = await mkdtemp(join(tmpdir(), 'tessera-keys-'));
  const keys = await ensureDeploymentKeys(folder);
  const privateKey = await readFile(keys.internal.privateKeyFile, 'utf8');
  await unlink(keys.internal.jwksFile);
  await expect(ensureDeploymentKeys(folder)).rejects.toThrow(/internal-signing: one of .* is missing/);
  expect(await readFile(keys.internal.privateKeyFile, 'utf8')).toBe(privateKey);
});
