import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { customsSubgraph } from '@tessera/customs';
import { startSubgraph } from '@tessera/subgraph-kit';
import { createLogger, keySetFile, readPrivateKey, readSecretKey } from '@tessera/runtime';
import { startTestHub, type TestHub } from './fixtures/startTestHub.ts';
import { partners, queryAs } from './fixtures/principals.ts';

let hub: TestHub;
/** Subgraphs a test brought back, stopped with the hub. */
const restarted: { stop(): Promise<void> }[] = [];
beforeAll(async () => {
  hub = await startTestHub({ gateway: { subgraphTimeoutMs: 1500 } });
});
afterAll(async () => {
  for (const subgraph of restarted) await subgraph.stop();
  await hub?.stop();
});

const query = {
  query: '{ person(nationalId: "TS0000001") { familyName police { pncId } customs { crossings { port } } } }',
};

describe('one agency failing costs only its own part', () => {
  test('a subgraph that is down: the others answer, its part is null with DOWNSTREAM_SERVICE_ERROR naming it; it recovers', async () => {
    const customs = hub.subgraphs.find((subgraph) => subgraph.name === 'customs')!;
    await customs.stop();
    const { status, body } = await hub.query(query);
    expect(status).toBe(200);
    expect((body.data as any).person).toMatchObject({
      familyName: expect.any(String),
      police: { pncId: expect.any(String) },
      customs: null,
    });
    expect(body.errors).toEqual([
      {
        message: 'The customs service did not answer; its part is missing.',
        extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'customs' },
      },
    ]);
    // An aggregate asks every owner's desk: the one down costs its own counts, named in the sources, and is
    // counted among the failed subgraph calls like any other.
    const failures = async () =>
      Number(
        /tessera_subgraph_call_failures_total\{subgraph="customs",kind="error"\} (\d+)/.exec(
          await (await fetch(new URL('/metrics', hub.gateway.url))).text(),
        )?.[1] ?? 0,
      );
    const failedBefore = await failures();
    const map = await queryAs(hub, partners.policeInvestigator, 'criminal-investigation', {
      query: `{ hotspots(area: { south: 51.4, west: -0.3, north: 51.62, east: 0.1 }, from: "2026-08-01", to: "2026-11-01", resolution: 8) {
        features { properties { owner } } sources { owner clause withheld } } }`,
    });
    expect(map.body.errors).toBeUndefined();
    const { features, sources } = (map.body.data as any).hotspots;
    expect(sources).toEqual([
      expect.objectContaining({ owner: 'police', clause: 'police-11.1', withheld: null }),
      { owner: 'customs', clause: null, withheld: 'The customs service did not answer.' },
    ]);
    expect(features.length).toBeGreaterThan(0);
    expect(features.every((feature: any) => feature.properties.owner === 'police')).toBe(true);
    expect(await failures()).toBe(failedBefore + 1);
    // The subgraph comes back on its address; the gateway needs no restart.
    const back = await startSubgraph(customsSubgraph, {
      database: customs.database as never,
      gatewayKeys: keySetFile(hub.internalKeysFile),
      auditSigningKey: await readPrivateKey(join(hub.keyFolder, 'customs-audit-signing.jwk')),
      referenceKey: await readSecretKey(join(hub.keyFolder, 'customs-reference.jwk')),
      checkpointIntervalMs: 3_600_000,
      host: '127.0.0.1',
      port: Number(new URL(customs.url).port),
      logger: createLogger('test', 'silent'),
    });
    restarted.push(back);
    const recovered = await hub.query(query);
    expect(recovered.body.errors).toBeUndefined();
    expect((recovered.body.data as any).person.customs.crossings.length).toBeGreaterThan(0);
  });

  test('a subgraph that is slow: past its timeout the others answer without it', async () => {
    const lock = new pg.Client({ connectionString: hub.databaseUrls.police });
    await lock.connect();
    try {
      // A long transaction holds the police table: police queries wait.
      await lock.query('begin');
      await lock.query('lock table police.person in access exclusive mode');
      const started = Date.now();
      const { body } = await hub.query(query);
      expect(Date.now() - started).toBeLessThan(5000);
      expect((body.data as any).person).toMatchObject({ familyName: expect.any(String), police: null });
      expect(body.errors?.map((error) => [error.extensions?.code, error.extensions?.serviceName])).toEqual([
        ['DOWNSTREAM_SERVICE_ERROR', 'police'],
      ]);
    } finally {
      await lock.query('rollback');
      await lock.end();
    }
    const { body } = await hub.query(query);
    expect(body.errors).toBeUndefined();
  });
});
