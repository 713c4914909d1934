import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeProtectedHeader } from 'jose';
import { afterAll, describe, expect, test } from 'vitest';
import { createLogger, mintInternalToken, readPrivateKey } from '@tessera/runtime';
import { startCheckpoints } from '@tessera/audit';
import { postGraphQL, startTestHub, testPopulation, testSeed } from './fixtures/startTestHub.ts';
import { createTestIdentityProvider } from './fixtures/testIdentityProvider.ts';
import {
  ensureKeyPair,
  retireKey,
  rotateKeyPair,
  hubDatabaseName,
  startHub,
  type RunningHub,
  createTestDatabases,
  sqlAt,
  subgraphs,
} from '@tessera/hub';

const logger = createLogger('test', 'silent');
const personQuery = {
  query:
    '{ person(nationalId: "TS0000001") { familyName police { warningMarkers { type } } customs { crossings { port } } probation { supervisionOrders { riskLevel } } } }',
};

describe('audit checkpoint keys persist and rotate', () => {
  const names = [...subgraphs.map(({ module }) => module.name), hubDatabaseName];
  const running: RunningHub[] = [];
  let databases: Awaited<ReturnType<typeof createTestDatabases>> | undefined;
  // The identity provider's key set and the key folders the test makes.
  const scratch: (() => Promise<void>)[] = [];
  const scratchFolder = async (prefix: string) => {
    const folder = await mkdtemp(join(tmpdir(), prefix));
    scratch.push(() => rm(folder, { recursive: true, force: true }));
    return folder;
  };
  afterAll(async () => {
    for (const hub of running) await hub.stop();
    await databases?.[Symbol.asyncDispose]();
    for (const remove of scratch) await remove();
  });

  test(
    'a restart and a rotation verify clean; a checkpoint under an unknown key is flagged',
    { timeout: 120_000 },
    async () => {
      const urls = (databases = await createTestDatabases(names)).urls;
      const idp = await createTestIdentityProvider();
      scratch.push(() => idp.dispose());
      const keyFolder = await scratchFolder('tessera-keys-');
      const start = async () => {
        const hub = await startHub({
          databases: Object.fromEntries(names.map((name) => [name, { url: urls[name]! }])),
          trustedIssuers: [idp.issuer],
          seedSize: testPopulation,
          seed: testSeed,
          gatewayPort: 0,
          keyFolder,
          checkpointIntervalMs: 3_600_000,
          logLevel: 'silent',
          logger,
        });
        running.push(hub);
        return hub;
      };
      const consult = async (hub: RunningHub) => {
        const answer = await postGraphQL(hub.gateway.url, personQuery, {
          authorization: `Bearer ${await idp.token()}`,
          'x-purpose': 'criminal-investigation',
          'x-justification': 'case OP-7',
        });
        expect(answer.status).toBe(200);
      };
      const restart = async (hub: RunningHub) => {
        await hub.stop();
        running.splice(running.indexOf(hub), 1);
        return start();
      };

      let hub = await start();
      await consult(hub);
      // Stopping signs a last checkpoint of every log; the next start must verify it with the same keys.
      hub = await restart(hub);
      let integrity = await hub.auditIntegrity();
      expect(integrity.chains.map((chain) => [chain.chain, chain.ok, chain.checkpoints > 0])).toEqual(
        ['hub', 'police', 'customs', 'probation', 'register'].map((chain) => [chain, true, true]),
      );

      await rotateKeyPair(keyFolder, 'hub-audit-signing');
      await rotateKeyPair(keyFolder, 'police-audit-signing');
      hub = await restart(hub);
      await consult(hub);
      hub = await restart(hub);
      integrity = await hub.auditIntegrity();
      expect(integrity.ok).toBe(true);
      const kids = await sqlAt<{ jws: string }>(urls.hub!, 'select jws from hub.audit_checkpoint');
      expect(new Set(kids.map((row) => decodeProtectedHeader(row.jws).kid)).size).toBe(2);

      // Someone with database access signs the police log's head with a key of their own.
      await consult(hub);
      const stranger = await ensureKeyPair(await scratchFolder('tessera-stranger-'), 'police-audit-signing');
      const police = hub.subgraphs.find((subgraph) => subgraph.name === 'police')!;
      await startCheckpoints(police.database.db, 'police', stranger.current, 3_600_000, logger).stop();
      integrity = await hub.auditIntegrity();
      const policeChain = integrity.chains.find((chain) => chain.chain === 'police');
      expect(policeChain?.ok).toBe(false);
      expect(policeChain?.problem?.reason).toMatch(/is not validly signed for this chain/);
    },
  );
});

describe('the internal-token key rotates without downtime', () => {
  test(
    'under load, no request is refused while the gateway moves to a new key and the old one is retired',
    { timeout: 60_000 },
    async () => {
      await using hub = await startTestHub();
      const before = await readPrivateKey(hub.internalSigningKeyFile);
      let running = true;
      const answers: { status: number; errors: unknown }[] = [];
      const worker = async () => {
        while (running) {
          const { status, body } = await hub.query(personQuery);
          answers.push({ status, errors: body.errors });
        }
      };
      const workers = Array.from({ length: 4 }, worker);
      // Each step waits for answers of its own, however slow the machine: the rotation happens under load.
      const answered = async (count: number) => {
        const target = answers.length + count;
        while (answers.length < target) await new Promise((resolve) => setTimeout(resolve, 20));
      };
      await answered(8);
      const next = await rotateKeyPair(hub.keyFolder, 'internal-signing');
      await hub.gateway.reloadKeys();
      await answered(8);
      await retireKey(hub.keyFolder, 'internal-signing', before.kid);
      await answered(8);
      running = false;
      await Promise.all(workers);

      expect(answers.filter((answer) => answer.status !== 200 || answer.errors !== undefined)).toEqual([]);
      expect((await readPrivateKey(hub.internalSigningKeyFile)).kid).toBe(next.current.kid);
      // The subgraphs trust the new key, and no key they do not hold.
      const police = hub.subgraphs.find((subgraph) => subgraph.name === 'police')!;
      const identity = {
        principal: {
          issuer: 'https://idp.test',
          subject: 'a',
          agency: 'police',
          roles: ['officer'],
          clearance: 'OFFICIAL',
          privileges: [],
        },
        purpose: 'criminal-investigation',
        justification: 'test',
        requestId: 'direct',
      } as const;
      const entities = {
        query:
          '{ _entities(representations: [{ __typename: "Person", nationalId: "TS0000001" }]) { ... on Person { nationalId } } }',
      };
      const withNew = await postGraphQL(police.url, entities, {
        authorization: `Bearer ${await mintInternalToken(identity, 'police', next.current)}`,
      });
      expect(withNew.status).toBe(200);
      const unknown = await postGraphQL(police.url, entities, {
        authorization: `Bearer ${await mintInternalToken(identity, 'police', { kid: 'no-such-key', key: next.current.key })}`,
      });
      expect(unknown.status).toBe(401);
    },
  );
});
