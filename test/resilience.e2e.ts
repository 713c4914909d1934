import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestHub, type TestHub } from './fixtures/startTestHub.ts';
import { scratchServerUrl, sqlAt } from '@tessera/hub';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub?.stop());

const query = { query: '{ person(nationalId: "TS0000001") { familyName police { pncId warningMarkers { type } } } }' };

describe('a database restart under a running subgraph', () => {
  test('requests fail cleanly while its connections are cut, and succeed after, with no process restart', async () => {
    expect((await hub.query(query)).body.errors).toBeUndefined();
    const database = new URL(hub.databaseUrls.police!).pathname.slice(1);
    // What a server restart looks like to the subgraph: every connection it holds is cut.
    await sqlAt(scratchServerUrl, 'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [
      database,
    ]);
    const during = await hub.query(query);
    expect(during.status).toBe(200);
    expect(JSON.stringify(during.body)).not.toMatch(/terminat|ECONN|stack|at \w+ \(/i);
    if (during.body.errors) {
      expect((during.body.data as any).person.police).toBeNull();
      expect(
        during.body.errors.every((error) =>
          ['INTERNAL_SERVER_ERROR', 'AUDIT_UNAVAILABLE'].includes(String(error.extensions?.code)),
        ),
      ).toBe(true);
    }
    const after = await hub.query(query);
    expect(after.body.errors).toBeUndefined();
    expect((after.body.data as any).person.police.warningMarkers.length).toBeGreaterThan(0);
  });
});

describe('graceful shutdown', () => {
  test('stopping drains the request in flight, records it, and signs a last checkpoint', async () => {
    const lock = new pg.Client({ connectionString: hub.databaseUrls.police });
    await lock.connect();
    await lock.query('begin');
    await lock.query('lock table police.person in access exclusive mode');
    const [{ count: checkpointsBefore }] = (await sqlAt<{ count: number }>(
      hub.databaseUrls.hub!,
      'select count(*)::int as count from hub.audit_checkpoint',
    )) as [{ count: number }];
    const police = hub.subgraphs.find((subgraph) => subgraph.name === 'police')!;
    const asked = police.requests();
    const inFlight = hub.query(query);
    // In flight once the owner has it (and waits on the lock): a fixed wait could stop the gateway before that.
    await expect.poll(() => police.requests()).toBeGreaterThan(asked);
    const stopping = hub.gateway.stop();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await lock.query('rollback');
    await lock.end();
    const { status, body } = await inFlight;
    await stopping;
    expect(status).toBe(200);
    expect((body.data as any).person.police.pncId).toEqual(expect.any(String));
    const requestId = (body.extensions as any).tessera.requestId;
    const recorded = await sqlAt(hub.databaseUrls.hub!, 'select 1 from hub.audit_log where request_id = $1', [
      requestId,
    ]);
    expect(recorded).toHaveLength(1);
    const [{ count: checkpointsAfter }] = (await sqlAt<{ count: number }>(
      hub.databaseUrls.hub!,
      'select count(*)::int as count from hub.audit_checkpoint',
    )) as [{ count: number }];
    expect(checkpointsAfter).toBe(checkpointsBefore + 1);
    await expect(fetch(hub.gateway.url)).rejects.toThrow();
  });
});
