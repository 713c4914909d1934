import { afterAll, beforeAll, expect, test } from 'vitest';
import { appendAudit } from '@tessera/audit';
import { createLogger, openDatabase } from '@tessera/runtime';
import { startTestHub, type TestHub } from './fixtures/startTestHub.ts';

// An owner logs what it sends before the gateway records the consultation it answers: for a moment a
// release is on one side only. Reconciliation waits a settle window before calling it missing, so that
// an oversight officer's check during ordinary traffic raises no false alarm, and still names a loss.
let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub?.stop());

test('a release logged by an owner alone is pending while its request may still be answered, then missing', async () => {
  expect(
    (await hub.query({ query: '{ person(nationalId: "TS0000001") { police { warningMarkers { type } } } }' })).status,
  ).toBe(200);
  const release = (requestId: string, at: Date) => ({
    at: at.toISOString(),
    id: 'WM-0',
    kind: 'disclosure',
    owner: 'police',
    requestId,
    type: 'WarningMarker',
    people: [],
  });
  // As an owner logs what it sends: one request still being answered, one whose consultation never came.
  const police = await openDatabase({}, { url: hub.databaseUrls.police! }, createLogger('test', 'silent'));
  try {
    await appendAudit(police.db, 'police', [
      release('answering', new Date()),
      release('lost', new Date(Date.now() - 60_000)),
    ]);
  } finally {
    await police.close();
  }
  const { ok, reconciliation } = await hub.auditIntegrity();
  expect(reconciliation).toMatchObject({
    ok: false,
    pending: 1,
    missingFromHub: ['police/WarningMarker/WM-0@lost'],
    missingFromOwners: [],
  });
  expect(reconciliation.hubDisclosures).toBeGreaterThan(0);
  expect(ok).toBe(false);
});
