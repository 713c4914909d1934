import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestHub, type TestHub } from './fixtures/startTestHub.ts';
import { sqlAt } from '@tessera/hub';

let hub: TestHub;
beforeAll(async () => {
  // Small limits: a burst of 3 per principal and 5 per agency, 10 hit subjects, refilled slowly.
  hub = await startTestHub({
    gateway: {
      rateLimits: {
        perPrincipal: { burst: 3, perSecond: 0.5 },
        perAgency: { burst: 5, perSecond: 0.5 },
        hitSubjects: { burst: 10, perSecond: 0.1 },
      },
    },
  });
});
afterAll(() => hub?.stop());

const query = { query: '{ person(nationalId: "TS0000001") { familyName } }' };

describe('rate limits', () => {
  test('a principal past its burst gets 429 with Retry-After; the refusal is recorded', async () => {
    const token = await hub.idp.token({ sub: 'eager-analyst' });
    const statuses = [];
    for (let n = 0; n < 4; n++) statuses.push((await hub.query(query, { token })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const response = await fetch(hub.gateway.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'x-purpose': 'criminal-investigation',
        'x-justification': 'x',
      },
      body: JSON.stringify(query),
    });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe(
      'RATE_LIMITED',
    );
    const [row] = await sqlAt<{ entry: string }>(
      hub.databaseUrls.hub!,
      `select entry from hub.audit_log where entry::jsonb #>> '{principal,subject}' = 'eager-analyst' order by seq desc limit 1`,
    );
    expect(JSON.parse(row!.entry)).toMatchObject({ outcome: 'refused', httpStatus: 429, codes: ['RATE_LIMITED'] });
  });

  test('an agency past its burst is limited across its principals; another agency is not', async () => {
    const statuses = [];
    for (let n = 0; n < 3; n++) {
      statuses.push(
        (
          await hub.query(query, {
            token: await hub.idp.token({ sub: `customs-officer-${n}`, agency: 'customs', roles: ['officer'] }),
            headers: { 'x-purpose': 'border-control' },
          })
        ).status,
      );
    }
    for (let n = 3; n < 6; n++) {
      statuses.push(
        (
          await hub.query(query, {
            token: await hub.idp.token({ sub: `customs-officer-${n}`, agency: 'customs', roles: ['officer'] }),
            headers: { 'x-purpose': 'border-control' },
          })
        ).status,
      );
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const probation = await hub.query(query, {
      token: await hub.idp.token({ sub: 'om-1', agency: 'probation', roles: ['officer'] }),
      headers: { 'x-purpose': 'offender-management' },
    });
    expect(probation.status).toBe(200);
  });
});

describe('the hit allowance', () => {
  test('a hit check costs its subjects, not one request', async () => {
    const token = await hub.idp.token({ sub: 'om-sweeper', agency: 'probation', roles: ['officer'] });
    const hits = (count: number) =>
      hub.query(
        {
          query: 'query($ids: [ID!]!) { hits(nationalIds: $ids) { subject police { kinds } } }',
          variables: { ids: Array.from({ length: count }, (_, n) => `TS${String(n + 1).padStart(7, '0')}`) },
        },
        { token, headers: { 'x-purpose': 'offender-management' } },
      );
    expect((await hits(8)).status).toBe(200);
    const refused = await hits(5);
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  });
});

describe('health and readiness', () => {
  const get = async (url: string, path: string) => {
    const response = await fetch(new URL(path, url));
    return { status: response.status, body: await response.json() };
  };

  test('every process is alive and ready', async () => {
    for (const url of [hub.gateway.url, ...hub.subgraphs.map((subgraph) => subgraph.url)]) {
      expect(await get(url, '/health')).toEqual({ status: 200, body: { status: 'ok' } });
      expect(await get(url, '/ready')).toEqual({ status: 200, body: { ready: true } });
    }
  });

  test('not ready while its audit store is unreachable, ready again after', async () => {
    const police = hub.subgraphs.find((subgraph) => subgraph.name === 'police')!;
    await sqlAt(hub.databaseUrls.hub!, 'alter table hub.audit_log rename to audit_log_gone');
    await sqlAt(hub.databaseUrls.police!, 'alter table police.audit_log rename to audit_log_gone');
    try {
      expect(await get(hub.gateway.url, '/ready')).toEqual({ status: 503, body: { ready: false } });
      expect(await get(police.url, '/ready')).toEqual({ status: 503, body: { ready: false } });
      expect((await get(police.url, '/health')).status).toBe(200);
    } finally {
      await sqlAt(hub.databaseUrls.hub!, 'alter table hub.audit_log_gone rename to audit_log');
      await sqlAt(hub.databaseUrls.police!, 'alter table police.audit_log_gone rename to audit_log');
    }
    expect((await get(hub.gateway.url, '/ready')).status).toBe(200);
    expect((await get(police.url, '/ready')).status).toBe(200);
  });
});
