import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { postGraphQL, startTestHub, type TestHub } from './fixtures/startTestHub.ts';
import { spawnService, type Service } from '@tessera/hub';

/** The machine's Redis; REDIS_URL points elsewhere. */
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

let hub: TestHub;
const gateways: Service[] = [];
beforeAll(async () => {
  hub = await startTestHub();
  // Two more gateway processes in front of the same subgraphs and audit store, sharing one Redis.
  const env = {
    TESSERA_PORT: '0',
    TRUSTED_ISSUERS: JSON.stringify([hub.idp.issuer]),
    INTERNAL_SIGNING_KEY_FILE: hub.internalSigningKeyFile,
    AUDIT_SIGNING_KEY_FILE: join(hub.keyFolder, 'hub-audit-signing.jwk'),
    HUB_DATABASE_URL: hub.databaseUrls.hub!,
    SUBGRAPH_URLS: hub.subgraphs.map((subgraph) => `${subgraph.name}=${subgraph.url}`).join(','),
    REDIS_URL: redisUrl,
    RATE_LIMIT_PRINCIPAL: '4/0.05',
    LOG_LEVEL: 'info',
  };
  gateways.push(...(await Promise.all([1, 2].map((n) => spawnService(`gateway ${n}`, 'gateway/src/main.ts', env)))));
}, 120_000);
afterAll(async () => {
  for (const gateway of gateways) await gateway.stop();
  await hub?.stop();
});

test('a principal’s limit holds across two gateway processes sharing Redis', async () => {
  // A principal no earlier run has used: the allowance in Redis starts full.
  const token = await hub.idp.token({ sub: `analyst-${randomUUID()}` });
  const statuses: number[] = [];
  for (let n = 0; n < 8; n++) {
    const gateway = gateways[n % 2]!;
    const { status } = await postGraphQL(
      gateway.url,
      { query: '{ person(nationalId: "TS0000001") { familyName } }' },
      { authorization: `Bearer ${token}`, 'x-purpose': 'criminal-investigation', 'x-justification': 'case OP-7' },
    );
    statuses.push(status);
  }
  // Four in all, not four at each process.
  expect(statuses).toEqual([200, 200, 200, 200, 429, 429, 429, 429]);
});
