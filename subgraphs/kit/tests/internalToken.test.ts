import { describe, expect, test } from 'vitest';
import { generateKeyPair } from 'jose';
import { mintInternalToken, verifyInternalToken, type RequestIdentity } from '../src/index.ts';

const identity: RequestIdentity = {
  principal: {
    issuer: 'https://probation-idp.test',
    subject: 'om-3',
    agency: 'probation',
    roles: ['officer'],
    clearance: 'OFFICIAL-SENSITIVE',
    privileges: [],
  },
  purpose: 'offender-management',
  justification: 'CRN X000001',
  requestId: 'r-1',
};

describe('internal tokens', async () => {
  const gateway = await generateKeyPair('EdDSA');
  const impostor = await generateKeyPair('EdDSA');

  test('carry the request identity to the subgraph they are minted for', async () => {
    const token = await mintInternalToken(identity, 'police', gateway.privateKey);
    expect(await verifyInternalToken(token, 'police', gateway.publicKey)).toEqual(identity);
  });

  test('are refused by another subgraph', async () => {
    const token = await mintInternalToken(identity, 'police', gateway.privateKey);
    await expect(verifyInternalToken(token, 'customs', gateway.publicKey)).rejects.toThrow(/aud/);
  });

  test('are refused when signed by another key', async () => {
    const token = await mintInternalToken(identity, 'police', impostor.privateKey);
    await expect(verifyInternalToken(token, 'police', gateway.publicKey)).rejects.toThrow(/signature/);
  });

  test('expire after at most a minute', async () => {
    const token = await mintInternalToken(identity, 'police', gateway.privateKey, new Date(Date.now() - 61_000));
    await expect(verifyInternalToken(token, 'police', gateway.publicKey)).rejects.toThrow(/exp/);
  });

  test('are refused when the payload was altered', async () => {
    const token = await mintInternalToken(identity, 'police', gateway.privateKey);
    const [header, payload, signature] = token.split('.');
    const altered = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    altered.principal.clearance = 'SECRET';
    const forged = [header, Buffer.from(JSON.stringify(altered)).toString('base64url'), signature].join('.');
    await expect(verifyInternalToken(forged, 'police', gateway.publicKey)).rejects.toThrow(/signature/);
  });
});
