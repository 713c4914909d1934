import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { decide, type Principal, type Purpose } from '@tessera/policies';
import { demoSubjectIndex, nationalIdOf } from '@tessera/demo';
import { ownerStream } from '@tessera/runtime';
import { callerArbitrary } from '../policies/tests/arbitraries.ts';
import { recordCrossing } from './fixtures/borderSystem.ts';
import { startNatsServer, type NatsServer } from './fixtures/natsServer.ts';
import { startTestHub, type TestHub } from './fixtures/startTestHub.ts';
import { partners, queryAs } from './fixtures/principals.ts';

// Whoever watches a person, an alert of an owner's record carries no field the watcher's agreements
// withhold, and no partner is alerted of a black record, whatever the watcher's agency, roles,
// clearance, privileges and purpose.
let nats: NatsServer;
let hub: TestHub;
beforeAll(async () => {
  nats = await startNatsServer();
  hub = await startTestHub({ natsUrl: nats.url });
});
afterAll(async () => {
  await hub?.stop();
  await nats?.[Symbol.asyncDispose]();
});

const subject = nationalIdOf(demoSubjectIndex);
const crossing = { port: 'Dover', direction: 'OUTBOUND', travelDocument: 'P1234567' };
const recordTypes: Readonly<Record<string, string>> = {
  'crossing.recorded': 'BorderCrossing',
  'intelligence.recorded': 'IntelligenceReport',
};

interface Alert {
  readonly kind: string;
  readonly fields: readonly { readonly name: string; readonly value: string }[];
}

/** Waits until the hub has taken every event of each owner's stream so far, its alerts delivered. */
async function allEventsTaken(owners: readonly string[]): Promise<void> {
  const connection = await connect({ servers: nats.url });
  try {
    const manager = await jetstreamManager(connection);
    for (const owner of owners) {
      const last = (await manager.streams.info(ownerStream.name(owner))).state.last_seq;
      await expect
        .poll(
          async () => (await manager.consumers.info(ownerStream.name(owner), 'tessera-alerts')).ack_floor.stream_seq,
          // Each event waits on the hub's database, the owner's desk and the audit's commit: seconds, when a
          // whole test run shares the two cores.
          { timeout: 30_000 },
        )
        .toBeGreaterThanOrEqual(last);
    }
  } finally {
    await connection.close();
  }
}

test('any watcher is alerted with no field its agreements withhold, and of no black record not its own', async () => {
  const watchers = fc.sample(
    callerArbitrary.filter(([principal, purpose]) => purpose !== null && !principal.roles.includes('system')),
    40,
  ) as [Principal, Purpose][];
  const ask = async (index: number, query: string, variables: Record<string, unknown> = {}) => {
    const [principal, purpose] = watchers[index]!;
    const token = await hub.idp.token({
      ...principal,
      sub: `watcher-${index}`,
      roles: [...principal.roles],
      privileges: [...principal.privileges],
    });
    return hub.query({ query, variables }, { token, headers: { 'x-purpose': purpose, 'x-justification': 'case 9' } });
  };
  const watching: number[] = [];
  for (const index of watchers.keys()) {
    const { status, body } = await ask(
      index,
      `mutation($id: ID!, $until: String!) { watch(nationalId: $id, justification: "case 9", expiresAt: $until) { active } }`,
      { id: subject, until: new Date(Date.now() + 30 * 86_400_000).toISOString() },
    );
    expect(status, JSON.stringify(watchers[index])).toBeLessThan(500);
    if ((body.data as { watch?: { active: boolean } } | null)?.watch?.active) watching.push(index);
    else expect(body.errors?.[0]?.extensions?.code, JSON.stringify(watchers[index])).toBe('FORBIDDEN');
  }
  expect(watching.length).toBeGreaterThan(10);

  expect((await recordCrossing(hub, subject, crossing)).body.errors).toBeUndefined();
  for (const dissemination of ['black', 'gray', 'white']) {
    const { body } = await queryAs(hub, partners.policeInvestigator, 'criminal-investigation', {
      query: `mutation($report: IntelligenceSubmission!) { submitIntelligence(report: $report) { id } }`,
      variables: {
        report: {
          summary: `a ${dissemination} observation`,
          justification: 'Reasonable suspicion',
          sourceEvaluation: 1,
          assessment: 'A',
          handlingCode: 'P',
          dissemination,
          reviewDate: `${new Date().getUTCFullYear() + 1}-06-01`,
          contact: 'DS Kaur',
          subjects: [{ nationalId: subject, category: 'suspect' }],
        },
      },
    });
    expect(body.errors).toBeUndefined();
  }
  await allEventsTaken(['customs', 'police']);

  let fieldsReleased = 0;
  for (const index of watching) {
    const [principal, purpose] = watchers[index]!;
    const { body } = await ask(index, `{ alerts { kind fields { name value } } }`);
    const who = JSON.stringify({ principal, purpose });
    expect(body.errors, who).toBeUndefined();
    const alerts = (body.data as { alerts: Alert[] }).alerts;
    if (principal.agency !== 'police') {
      expect(JSON.stringify(alerts), who).not.toContain('black observation');
      expect(alerts.filter((alert) => alert.kind === 'intelligence.recorded').length, who).toBeLessThanOrEqual(2);
    }
    for (const alert of alerts)
      for (const { name, value } of alert.fields) {
        fieldsReleased++;
        const { effect } = decide(principal, purpose, `${recordTypes[alert.kind]}.${name}`);
        expect(['allow', 'mask'], `${who} ${alert.kind} ${name}`).toContain(effect);
        const raw = alert.kind === 'crossing.recorded' ? crossing[name as keyof typeof crossing] : undefined;
        if (effect === 'mask' && raw !== undefined) expect(value, `${who} ${name}`).not.toBe(raw);
      }
  }
  expect(fieldsReleased).toBeGreaterThan(0);
});
