import { describe, expect, test } from 'vitest';
import { KeyObject, sign } from 'node:crypto';
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

describe('internal tokens are read only as the gateway writes them', async () => {
  const gateway = await generateKeyPair('EdDSA', { extractable: true });
  const signer = { kid: 'gateway-1', key: gateway.privateKey };
  const gatewayKeys = createLocalJWKSet({
    keys: [{ ...(await exportJWK(gateway.publicKey)), kid: 'gateway-1', alg: 'EdDSA' }],
  });
  const base64url = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

  test('a second spelling of the same signature is refused (its unused last bits changed)', async () => {
    const token = await mintInternalToken(identity, 'police', signer);
    const last = base64url.indexOf(token.at(-1)!);
    const respelt = `${token.slice(0, -1)}${base64url[last ^ 1]}`;
    expect(Buffer.from(respelt.split('.')[2]!, 'base64url')).toEqual(Buffer.from(token.split('.')[2]!, 'base64url'));
    await expect(verifyInternalToken(respelt, 'police', gatewayKeys)).rejects.toThrow(/signature/);
  });

  test('a header with anything more than the gateway puts there is refused, even when signed', async () => {
    const [, payload] = (await mintInternalToken(identity, 'police', signer)).split('.');
    const header = { alg: 'EdDSA', typ: 'tessera-internal+jwt', kid: 'gateway-1', crit: ['exp'], exp: 1 };
    const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${payload}`;
    const signature = sign(null, Buffer.from(input), KeyObject.from(gateway.privateKey)).toString('base64url');
    await expect(verifyInternalToken(`${input}.${signature}`, 'police', gatewayKeys)).rejects.toThrow(/header/);
  });
});
