import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { contractsFolder, sqlAt } from '@tessera/hub';
import { startTestHub, type TestHub } from './fixtures/startTestHub.ts';
import { partners, tokenFor } from './fixtures/principals.ts';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub?.stop());

const lastConsultation = async () => {
  const [row] = await sqlAt<{ entry: string }>(
    hub.databaseUrls.hub!,
    `select entry from hub.audit_log where kind = 'consultation' order by seq desc limit 1`,
  );
  return JSON.parse(row!.entry) as { requestId: string; outcome: string; codes: string[]; principal?: object };
};

test("GET /contract answers the caller's own contract, the one published in docs/contracts", async () => {
  for (const partner of [partners.customsOfficer, partners.overseer]) {
    const response = await fetch(new URL('/contract', hub.gateway.url), {
      headers: { authorization: `Bearer ${await tokenFor(hub, partner)}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/graphql/);
    const published = await readFile(join(contractsFolder, `${partner.agency}.graphql`), 'utf8');
    expect(published.endsWith(await response.text())).toBe(true);
    const record = await lastConsultation();
    expect(record).toMatchObject({ requestId: response.headers.get('x-request-id'), outcome: 'allowed', codes: [] });
    expect(record.principal).toMatchObject({ agency: partner.agency });
  }
});

test('without a valid token it is refused, and the refusal is recorded', async () => {
  const response = await fetch(new URL('/contract', hub.gateway.url), { headers: { authorization: 'Bearer forged' } });
  expect(response.status).toBe(401);
  const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
  expect(body.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
  expect(await lastConsultation()).toMatchObject({ outcome: 'refused', codes: ['UNAUTHENTICATED'] });
});
