import { describe, expect, test } from 'vitest';
import { createLocalJWKSet, exportJWK, generateKeyPair } from 'jose';
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
  const gateway = await generateKeyPair('EdDSA', { extractable: true });
  const impostor = await generateKeyPair('EdDSA');
  const signer = { kid: 'gateway-1', key: gateway.privateKey };
  // An impostor naming the gateway's key id gains nothing: the signature is checked against that key.
  const impostorSigner = { kid: 'gateway-1', key: impostor.privateKey };
  const gatewayKeys = createLocalJWKSet({
    keys: [{ ...(await exportJWK(gateway.publicKey)), kid: 'gateway-1', alg: 'EdDSA' }],
  });

  test('carry the request identity to the subgraph they are minted for', async () => {
    const token = await mintInternalToken(identity, 'police', signer);
    expect(await verifyInternalToken(token, 'police', gatewayKeys)).toEqual(identity);
  });

  test('are refused by another subgraph', async () => {
    const token = await mintInternalToken(identity, 'police', signer);
    await expect(verifyInternalToken(token, 'customs', gatewayKeys)).rejects.toThrow(/aud/);
  });

  test('are refused when signed by another key', async () => {
    const token = await mintInternalToken(identity, 'police', impostorSigner);
    await expect(verifyInternalToken(token, 'police', gatewayKeys)).rejects.toThrow(/signature/);
  });

  test('expire after at most a minute', async () => {
    const token = await mintInternalToken(identity, 'police', signer, new Date(Date.now() - 61_000));
    await expect(verifyInternalToken(token, 'police', gatewayKeys)).rejects.toThrow(/exp/);
  });

  test('are refused when the payload was altered', async () => {
    const token = await mintInternalToken(identity, 'police', signer);
    const [header, payload, signature] = token.split('.');
    const altered = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    altered.principal.clearance = 'SECRET';
    const forged = [header, Buffer.from(JSON.stringify(altered)).toString('base64url'), signature].join('.');
    await expect(verifyInternalToken(forged, 'police', gatewayKeys)).rejects.toThrow(/signature/);
  });
});
