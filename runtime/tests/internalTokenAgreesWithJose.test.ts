import { KeyObject, sign } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify, type JWTVerifyGetKey } from 'jose';
import {
  mintInternalToken,
  readInternalClaims,
  verifyInternalToken,
  type RequestIdentity,
} from '../src/internalToken.ts';

// Internal tokens are checked with node:crypto and our own claim checks; jose, as the subgraphs used it
// before, is the reference. Any payload under the gateway's own header and key: the two decide alike,
// on the same claims. Any other header, key or framing: ours never accepts what jose refuses.

const now = Date.UTC(2026, 10, 30, 12, 0, 0);
beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(now);
});
afterAll(() => {
  vi.useRealTimers();
});

const gateway = await generateKeyPair('EdDSA', { extractable: true });
const impostor = await generateKeyPair('EdDSA', { extractable: true });
const signer = { kid: 'gateway-1', key: gateway.privateKey };
const gatewayKeys: JWTVerifyGetKey = createLocalJWKSet({
  keys: [{ ...(await exportJWK(gateway.publicKey)), kid: 'gateway-1', alg: 'EdDSA' }],
});

/** What the subgraphs ran before: jose's jwtVerify with these options, and a single audience. */
async function joseClaims(token: string, subgraph: string): Promise<unknown> {
  const { payload } = await jwtVerify(token, gatewayKeys, {
    issuer: 'tessera-gateway',
    audience: `tessera:${subgraph}`,
    algorithms: ['EdDSA'],
    typ: 'tessera-internal+jwt',
    maxTokenAge: '60s',
    requiredClaims: ['exp', 'iat', 'sub', 'rid'],
  });
  if (typeof payload.aud !== 'string') throw new Error('audience is not a single string');
  return payload;
}

const outcome = async (check: () => Promise<unknown>) => {
  try {
    return { accepted: true, value: await check() };
  } catch {
    return { accepted: false };
  }
};

const segment = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const signed = (header: unknown, payload: unknown, key = gateway.privateKey) => {
  const input = `${segment(header)}.${segment(payload)}`;
  return `${input}.${sign(null, Buffer.from(input), KeyObject.from(key)).toString('base64url')}`;
};
const gatewayHeader = { alg: 'EdDSA', typ: 'tessera-internal+jwt', kid: 'gateway-1' };

const seconds = Math.floor(now / 1000);
const time = fc.oneof(
  fc.integer({ min: seconds - 200, max: seconds + 200 }),
  fc.constantFrom(seconds, seconds - 60, seconds - 61, seconds + 1, 1e300, -1, Number.MAX_SAFE_INTEGER),
  fc.constantFrom('soon', null, true, [seconds]),
);
const principal = fc.record({
  issuer: fc.constantFrom('https://police-idp.test', '', 42),
  agency: fc.constantFrom('police', 'customs', 'nowhere'),
  roles: fc.constantFrom(['investigator'], [], 'investigator'),
  clearance: fc.constantFrom('SECRET', 'OFFICIAL', 'TOP'),
  privileges: fc.constantFrom([], ['sworn']),
});
// A valid payload with up to three of its claims changed or removed: most tokens are then one step
// away from acceptance, where a check that differs would show.
const valid = {
  iss: 'tessera-gateway',
  sub: 'inv-1',
  aud: 'tessera:police',
  iat: seconds - 5,
  exp: seconds + 25,
  rid: 'r-1',
  purpose: 'criminal-investigation',
  justification: null,
  principal: { issuer: 'https://police-idp.test', agency: 'police', roles: ['investigator'], clearance: 'SECRET' },
};
const changes = {
  iss: fc.constantFrom('someone-else', 7, undefined),
  sub: fc.constantFrom('', 9, null, undefined),
  aud: fc.constantFrom('tessera:customs', ['tessera:police'], ['tessera:police', 'tessera:customs'], undefined),
  iat: fc.oneof(time, fc.constant(undefined)),
  exp: fc.oneof(time, fc.constant(undefined)),
  nbf: time,
  rid: fc.constantFrom(3, undefined),
  purpose: fc.constantFrom(null, 'curiosity'),
  justification: fc.constantFrom('case 12', 5),
  principal: principal,
};
const claims = fc
  .tuple(fc.subarray(Object.keys(changes) as (keyof typeof changes)[], { maxLength: 3 }), fc.record(changes))
  .map(([changed, values]) => {
    const payload: Record<string, unknown> = { ...valid };
    for (const name of changed) payload[name] = values[name];
    return payload;
  });
// The gateway's header with one or two of its fields changed, removed or added.
const headerChanges = {
  alg: fc.constantFrom('Ed25519', 'ES256', 'none', 'HS256', undefined),
  typ: fc.constantFrom('application/tessera-internal+jwt', 'JWT', 'TESSERA-INTERNAL+JWT', undefined),
  kid: fc.constantFrom('gateway-2', 7, undefined),
  crit: fc.constantFrom(['b64'], ['exp']),
  b64: fc.boolean(),
  jwk: fc.constant({ kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' }),
};
const header = fc
  .tuple(
    fc.subarray(Object.keys(headerChanges) as (keyof typeof headerChanges)[], { maxLength: 2 }),
    fc.record(headerChanges),
  )
  .map(([changed, values]) => {
    const changedHeader: Record<string, unknown> = { ...gatewayHeader };
    for (const name of changed) changedHeader[name] = values[name];
    return changedHeader;
  });

test('whatever the payload under the gateway’s header and key, ours decides as jose does', async () => {
  await fc.assert(
    fc.asyncProperty(claims, fc.constantFrom('police', 'customs'), async (payload, subgraph) => {
      const token = signed(gatewayHeader, payload);
      const ours = await outcome(() => readInternalClaims(token, subgraph, gatewayKeys));
      expect(ours).toEqual(await outcome(() => joseClaims(token, subgraph)));
    }),
    { numRuns: 500 },
  );
});

test('whatever the header, key or segments, ours never accepts what jose refuses', async () => {
  const valid = await mintInternalToken(identity, 'police', signer);
  const [validHeader, validPayload, validSignature] = valid.split('.') as [string, string, string];
  const variant = fc.oneof(
    header.map((h) => signed(h, JSON.parse(Buffer.from(validPayload, 'base64url').toString()))),
    header.map((h) => signed(h, JSON.parse(Buffer.from(validPayload, 'base64url').toString()), impostor.privateKey)),
    fc.constantFrom(
      `${validHeader}.${validPayload}.${validSignature}=`,
      `${validHeader}.${validPayload}.${validSignature.slice(0, -1)}${validSignature.endsWith('A') ? 'B' : 'A'}`,
      `${validHeader}.${validPayload}.`,
      `${validHeader}.${validPayload}`,
      `${validHeader}.${validPayload}.${validSignature}.${validSignature}`,
      `${validHeader} .${validPayload}.${validSignature}`,
      `${segment([1])}.${validPayload}.${validSignature}`,
    ),
  );
  await fc.assert(
    fc.asyncProperty(variant, async (token) => {
      const ours = await outcome(() => readInternalClaims(token, 'police', gatewayKeys));
      if (ours.accepted) expect(await outcome(() => joseClaims(token, 'police'))).toEqual(ours);
    }),
    { numRuns: 300 },
  );
});

const identity: RequestIdentity = {
  principal: {
    issuer: 'https://police-idp.test',
    subject: 'inv-1',
    agency: 'police',
    roles: ['investigator'],
    clearance: 'SECRET',
    privileges: ['sworn'],
  },
  purpose: 'criminal-investigation',
  justification: null,
  requestId: 'r-1',
};

test('the gateway’s tokens read the same through jose and ours, at any age, for any subgraph', async () => {
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: -90, max: 5 }), fc.constantFrom('police', 'customs'), async (age, subgraph) => {
      const token = await mintInternalToken(identity, 'police', signer, new Date(now + age * 1000));
      const ours = await outcome(() => verifyInternalToken(token, subgraph, gatewayKeys));
      expect(ours.accepted).toBe((await outcome(() => joseClaims(token, subgraph))).accepted);
      if (ours.accepted) expect(ours.value).toEqual(identity);
    }),
    { numRuns: 200 },
  );
});
