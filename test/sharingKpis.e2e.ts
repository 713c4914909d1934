import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { decide } from '@tessera/policies';
import { demoSubjectIndex, nationalIdOf } from '@tessera/demo';
import { startTestHub, type TestHub } from './fixtures/startTestHub.ts';
import { partners, queryAs, type Partner } from './fixtures/principals.ts';
import { callerArbitrary, callerAsArbitrary } from '../policies/tests/arbitraries.ts';

// The measures of inter-agency sharing, per clause, from the trail itself.
let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
  const person = `query($id: ID!) { person(nationalId: $id) { familyName police { warningMarkers { type } } probation { supervisionOrders { riskLevel } } } }`;
  for (const [partner, purpose] of [
    [partners.customsOfficer, 'border-control'],
    [partners.policeInvestigator, 'criminal-investigation'],
  ] as const) {
    await queryAs(hub, partner, purpose, { query: person, variables: { id: nationalIdOf(demoSubjectIndex) } });
  }
});
afterAll(async () => {
  await hub?.stop();
});

const period = {
  from: new Date(Date.now() - 86_400_000).toISOString(),
  to: new Date(Date.now() + 86_400_000).toISOString(),
};
const kpis = async (partner: Partner, purpose: string, range: { from: string; to: string } = period) => {
  const { body } = await queryAs(hub, partner, purpose, {
    query: `query($from: String!, $to: String!) { sharingKpis(from: $from, to: $to) {
      clauses { clause consultations recordsReleased consultationsWithDenials alerts medianAnswerMs }
      followUps { owner requests } } }`,
    variables: range,
  });
  return { kpis: (body.data as any)?.sharingKpis, code: body.errors?.[0]?.extensions?.code };
};

test('oversight reads, per clause, what was released and withheld, and how fast', async () => {
  const { kpis: measures } = await kpis(partners.overseer, 'oversight-audit');
  const clauses = measures.clauses as {
    clause: string;
    consultations: number;
    recordsReleased: number;
    consultationsWithDenials: number;
    medianAnswerMs: number | null;
  }[];
  const released = clauses.filter((clause) => clause.recordsReleased > 0);
  expect(released.length).toBeGreaterThan(0);
  for (const clause of released) {
    expect(clause.consultations).toBeGreaterThan(0);
    expect(clause.recordsReleased).toBeGreaterThanOrEqual(clause.consultations);
    expect(clause.medianAnswerMs).not.toBeNull();
  }
  // The customs officer's read of police markers is withheld by a rule: a clause with denials.
  expect(clauses.some((clause) => clause.consultationsWithDenials > 0)).toBe(true);
});

test('an owner’s supervisor sees only its own agreement’s clauses; others and bad periods are refused', async () => {
  const supervisor: Partner = { agency: 'police', roles: ['supervisor'], clearance: 'SECRET', privileges: ['sworn'] };
  const { kpis: police } = await kpis(supervisor, 'criminal-investigation');
  expect(police.clauses.length).toBeGreaterThan(0);
  for (const clause of police.clauses) expect(clause.clause).toMatch(/^police-/);
  expect((await kpis(partners.policeOfficer, 'criminal-investigation')).code).toBe('FORBIDDEN');
  expect(
    (await kpis(partners.overseer, 'oversight-audit', { from: '2026-01-01T00:00:00Z', to: '2024-01-01T00:00:00Z' }))
      .code,
  ).toBe('BAD_USER_INPUT');
});

test('property: whoever asks, the measures name only clauses the asker may see, and only to those decide() lets ask', async () => {
  let answered = 0;
  await fc.assert(
    // Half of them agencies' supervisors, whom the clauses let see their own agreement's measures.
    fc.asyncProperty(
      fc.oneof(callerArbitrary, callerAsArbitrary(['police', 'customs', 'probation'], 'supervisor')),
      async ([principal, purpose]) => {
        const { status, body } = await queryAs(hub, principal, purpose, {
          query: `query($from: String!, $to: String!) { sharingKpis(from: $from, to: $to) { clauses { clause } followUps { owner } } }`,
          variables: period,
        });
        const who = JSON.stringify({ principal, purpose, status, errors: body.errors });
        expect(status, who).toBeLessThan(500);
        const measures = (
          body.data as { sharingKpis?: { clauses: { clause: string }[]; followUps: { owner: string }[] } }
        )?.sharingKpis;
        if (!measures) return;
        answered++;
        expect(decide(principal, purpose, 'Query.sharingKpis').effect, who).toBe('allow');
        if (principal.agency === 'oversight') return;
        for (const { clause } of measures.clauses) expect(clause, who).toMatch(new RegExp(`^${principal.agency}-`));
        for (const { owner } of measures.followUps) expect(owner, who).toBe(principal.agency);
      },
    ),
    { numRuns: 60 },
  );
  expect(answered).toBeGreaterThan(0);
});
