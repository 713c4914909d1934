import { randomBytes } from 'node:crypto';
import { expect, test } from 'vitest';
import type { Principal } from '@tessera/policies';
import { openReference, sealReference } from '../src/hitReference.ts';

const key = { kid: 'police-reference-test', key: new Uint8Array(randomBytes(32)) };
const customs: Principal = {
  issuer: 'https://idp.customs.test',
  subject: 'officer-1',
  agency: 'customs',
  roles: ['officer'],
  clearance: 'OFFICIAL',
  privileges: [],
};
const sealed = () =>
  sealReference(
    {
      owner: 'police',
      subject: 'TS0000001',
      records: ['intelligence/r-1', 'warning-marker/7'],
      principal: { issuer: customs.issuer, subject: customs.subject },
      purpose: 'border-control',
    },
    key,
  );

test('the owner opens its reference for the principal and purpose it names', async () => {
  const opened = await openReference(await sealed(), 'police', key, customs, 'border-control');
  expect(opened).toMatchObject({ subject: 'TS0000001', records: ['intelligence/r-1', 'warning-marker/7'] });
});

test('the requester cannot read which records hit', async () => {
  const token = await sealed();
  const readable = token
    .split('.')
    .map((part) => Buffer.from(part, 'base64url').toString('utf8'))
    .join(' ');
  expect(readable).not.toContain('intelligence/r-1');
  expect(readable).not.toContain('TS0000001');
});

test('useless to anyone else: another principal, purpose, owner, key, a tampered or an expired token', async () => {
  const token = await sealed();
  // The tag's first character, not its last: a last character may carry only unused bits, and may already be the
  // one written over it, so the "tampered" token would be the genuine one (it was, one run in 256).
  const tag = token.lastIndexOf('.') + 1;
  const tampered = `${token.slice(0, tag)}${token[tag] === 'A' ? 'B' : 'A'}${token.slice(tag + 1)}`;
  // Each opened only when awaited: a refusal waiting in a list would be an unhandled rejection meanwhile.
  const refusals = [
    () => openReference(token, 'police', key, { ...customs, subject: 'officer-2' }, 'border-control'),
    () => openReference(token, 'police', key, customs, 'criminal-investigation'),
    () => openReference(token, 'probation', key, customs, 'border-control'),
    () =>
      openReference(token, 'police', { kid: key.kid, key: new Uint8Array(randomBytes(32)) }, customs, 'border-control'),
    () => openReference(tampered, 'police', key, customs, 'border-control'),
    () => openReference(token, 'police', key, customs, 'border-control', new Date(Date.now() + 25 * 3600_000)),
  ];
  for (const refusal of refusals)
    await expect(refusal()).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
});
