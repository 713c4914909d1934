import pg from 'pg';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestHub, type TestHub } from './fixtures/startTestHub.ts';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub?.stop());

const consult = () =>
  hub.query({ query: '{ person(nationalId: "TS0000001") { familyName police { warningMarkers { type } } } }' });

test('each check verifies what was appended since the last; the full verification finds older edits', async () => {
  await consult();
  const full = await hub.verifyAuditFully();
  expect(full.ok).toBe(true);
  expect(full.fullyVerifiedAt).toEqual(expect.any(String));
  const hubRecords = full.chains.find((chain) => chain.chain === 'hub')!.records;

  await consult();
  await consult();
  const next = await hub.auditIntegrity();
  expect(next.ok).toBe(true);
  expect(next.chains.find((chain) => chain.chain === 'hub')!.records).toBe(hubRecords + 2);
  expect(next.reconciliation.hubDisclosures).toBe(next.reconciliation.ownerDisclosures);
  expect(next.fullyVerifiedAt).toBe(full.fullyVerifiedAt);

  // An edit to a record already verified, made as a superuser would, leaving its hash alone.
  const admin = new pg.Client({ connectionString: hub.databaseUrls.hub });
  await admin.connect();
  try {
    await admin.query('set session_replication_role = replica');
    await admin.query(
      `update hub.audit_log set entry = replace(entry, 'criminal-investigation', 'safeguarding') where seq = 1`,
    );
  } finally {
    await admin.end();
  }
  expect((await hub.auditIntegrity()).ok).toBe(true);
  const caught = await hub.verifyAuditFully();
  expect(caught.chains.find((chain) => chain.chain === 'hub')!.problem?.seq).toBe(1);
  // Once found, the failure stays in every later check: the chain is verified from its start again.
  await consult();
  expect((await hub.auditIntegrity()).chains.find((chain) => chain.chain === 'hub')!.ok).toBe(false);
});
