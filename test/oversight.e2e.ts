import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { demoSubjectIndex, nationalIdOf } from '@tessera/demo';
import { startTestHub, type TestHub } from './fixtures/startTestHub.ts';
import { partners, queryAs, type Partner } from './fixtures/principals.ts';

let hub: TestHub;
const demoSubject = nationalIdOf(demoSubjectIndex);
const requestIds: Record<string, string> = {};
const startedAt = new Date().toISOString();

const personQuery = {
  query: `query($id: ID!) { person(nationalId: $id) { familyName police { warningMarkers { type } intelligenceReports { id } } } }`,
  variables: { id: demoSubject },
};

/** The scripted scenario: four partners consult the demo subject. */
beforeAll(async () => {
  hub = await startTestHub();
  const scenario: [string, Partner, string][] = [
    ['investigation', partners.policeInvestigator, 'criminal-investigation'],
    ['border', partners.customsOfficer, 'border-control'],
    ['emergency', partners.customsInvestigator, 'threat-to-life'],
    ['refused', partners.offenderManager, 'border-control'],
  ];
  for (const [name, partner, purpose] of scenario) {
    const { body } = await queryAs(hub, partner, purpose, personQuery, `scenario ${name}`);
    requestIds[name] = (body.extensions as any)?.tessera?.requestId ?? '';
  }
});
afterAll(() => hub?.stop());

const oversee = (query: string, variables: Record<string, unknown> = {}) =>
  queryAs(hub, partners.overseer, 'oversight-audit', { query, variables }, 'inspection 2026/11');

const consultationFields = `requestId principal { agency subject } purpose justification outcome codes denied deniedBy
  disclosed { owner type id nationalId rules } reviewRequired review { reviewer note }`;

describe('the oversight questions', () => {
  test('who consulted a person, when, why, and every record about them released', async () => {
    const { body } = await oversee(
      `query($person: ID!) { consultations(filter: { person: $person }) { items { at ${consultationFields} } nextCursor } }`,
      { person: demoSubject },
    );
    expect(body.errors).toBeUndefined();
    const items = (body.data as any).consultations.items as any[];
    expect(items.map((item) => [item.principal?.agency, item.purpose, item.justification, item.outcome])).toEqual([
      ['police', 'criminal-investigation', 'scenario investigation', 'ALLOWED'],
      ['customs', 'border-control', 'scenario border', 'PARTLY_DENIED'],
      ['customs', 'threat-to-life', 'scenario emergency', 'ALLOWED'],
      ['probation', 'border-control', 'scenario refused', 'REFUSED'],
    ]);
    const border = items[1];
    expect(border.denied).toEqual(['PoliceProfile.intelligenceReports']);
    expect(border.disclosed).toEqual(
      expect.arrayContaining([
        {
          owner: 'police',
          type: 'WarningMarker',
          id: expect.any(String),
          nationalId: demoSubject,
          rules: ['police-2.1'],
        },
      ]),
    );
    expect(items.every((item) => Date.parse(item.at) >= Date.parse(startedAt))).toBe(true);
  });

  test('which records of one agency went to another in a period, under which clause', async () => {
    const { body } = await oversee(
      `query($from: String) { disclosures(owner: "police", recipient: "customs", from: $from) {
        items { requestId recipient { subject } purpose owner type id rules } } }`,
      { from: startedAt },
    );
    const items = (body.data as any).disclosures.items as any[];
    const byRequest = (name: string) => items.filter((item) => item.requestId === requestIds[name]);
    expect(
      byRequest('border')
        .map((item) => item.type)
        .sort(),
    ).toEqual(['PoliceProfile', 'WarningMarker', 'WarningMarker']);
    expect(new Set(byRequest('border').flatMap((item) => item.rules))).toEqual(new Set(['police-2.1']));
    expect(byRequest('emergency').flatMap((item) => item.rules)).toContain('police-4');
    expect(items.every((item) => item.owner === 'police')).toBe(true);
  });

  test('which requests were refused or partly denied, and by which rule', async () => {
    const refused = await oversee(
      `{ consultations(filter: { outcome: REFUSED }) { items { requestId purpose codes } } }`,
    );
    expect((refused.body.data as any).consultations.items).toContainEqual({
      requestId: requestIds.refused,
      purpose: 'border-control',
      codes: ['FORBIDDEN'],
    });
    const partly = await oversee(
      `{ consultations(filter: { outcome: PARTLY_DENIED }) { items { requestId denied deniedBy } } }`,
    );
    expect((partly.body.data as any).consultations.items).toContainEqual({
      requestId: requestIds.border,
      denied: ['PoliceProfile.intelligenceReports'],
      deniedBy: ['default-deny'],
    });
  });

  test('the consultations per day by outcome, and the rules that withheld fields, agree with the trail', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const from = `${today}T00:00:00Z`;
    const to = new Date(Date.parse(from) + 86_400_000).toISOString();
    // Read first, so that the activity asked after it counts every consultation these pages list.
    const listed = await oversee(
      `query($from: String!) { consultations(filter: { from: $from }, first: 200) { items { outcome deniedBy } } }`,
      {
        from,
      },
    );
    const items = (listed.body.data as any).consultations.items as { outcome: string; deniedBy: string[] }[];
    const { body } = await oversee(
      `query($from: String!, $to: String!) { consultationActivity(from: $from, to: $to) {
        days { day allowed partlyDenied refused } denialsByRule { rule consultations } } }`,
      { from, to },
    );
    const activity = (body.data as any).consultationActivity;
    expect(activity.days).toHaveLength(1);
    const count = (outcome: string) => items.filter((item) => item.outcome === outcome).length;
    // The listing itself is one more allowed consultation, recorded before the activity was asked.
    expect(activity.days[0]).toEqual({
      day: today,
      allowed: count('ALLOWED') + 1,
      partlyDenied: count('PARTLY_DENIED'),
      refused: count('REFUSED'),
    });
    expect(activity.denialsByRule).toContainEqual({
      rule: 'default-deny',
      consultations: items.filter((item) => item.deniedBy.includes('default-deny')).length,
    });
    const tooLong = await oversee(
      `{ consultationActivity(from: "2025-01-01T00:00:00Z", to: "2026-06-01T00:00:00Z") { from } }`,
    );
    expect(tooLong.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  test('threat-to-life accesses await review until marked, and the review is appended', async () => {
    const pending = await oversee(`{ pendingReviews { items { requestId purpose principal { agency } } } }`);
    expect((pending.body.data as any).pendingReviews.items).toEqual([
      { requestId: requestIds.emergency, purpose: 'threat-to-life', principal: { agency: 'customs' } },
    ]);
    const marked = await oversee(
      `mutation($id: ID!) { markReviewed(requestId: $id, note: "Justified: live kidnap enquiry") { reviewer note } }`,
      {
        id: requestIds.emergency,
      },
    );
    expect((marked.body.data as any).markReviewed).toEqual({
      reviewer: 'oversight-auditor',
      note: 'Justified: live kidnap enquiry',
    });
    const after = await oversee(`{ pendingReviews { items { requestId } } }`);
    expect((after.body.data as any).pendingReviews.items).toEqual([]);
    const again = await oversee(`mutation($id: ID!) { markReviewed(requestId: $id, note: "twice") { note } }`, {
      id: requestIds.emergency,
    });
    expect(again.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const reviewed = await oversee(
      `query($person: ID!) { consultations(filter: { person: $person, purpose: "threat-to-life" }) { items { review { reviewer note } } } }`,
      {
        person: demoSubject,
      },
    );
    expect((reviewed.body.data as any).consultations.items[0].review).toEqual({
      reviewer: 'oversight-auditor',
      note: 'Justified: live kidnap enquiry',
    });
  });

  test('whether the logs are complete and unaltered, and reconcile with each owner’s', async () => {
    const { body } = await oversee(
      `{ auditIntegrity { ok chains { chain ok problem } reconciliation { ok missingFromHub missingFromOwners } } }`,
    );
    expect((body.data as any).auditIntegrity).toEqual({
      ok: true,
      chains: ['hub', 'police', 'customs', 'probation', 'register'].map((chain) => ({
        chain,
        ok: true,
        problem: null,
      })),
      reconciliation: { ok: true, missingFromHub: [], missingFromOwners: [] },
    });
  });

  test('results come in pages', async () => {
    const first = await oversee(`{ consultations(first: 2) { items { requestId } nextCursor } }`);
    const page = (first.body.data as any).consultations;
    expect(page.items).toHaveLength(2);
    const next = await oversee(
      `query($after: String) { consultations(first: 2, after: $after) { items { requestId } } }`,
      { after: page.nextCursor },
    );
    const following = (next.body.data as any).consultations.items;
    expect(following).toHaveLength(2);
    expect(following.map((item: any) => item.requestId)).not.toContain(page.items[0].requestId);
    const bad = await oversee(`{ consultations(after: "not-a-cursor") { items { requestId } } }`);
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  test('every read of the audit trail is itself recorded', async () => {
    const { body } = await oversee(
      `{ consultations(filter: { agency: "oversight" }) { items { purpose principal { agency } operationName } } }`,
    );
    const reads = (body.data as any).consultations.items as any[];
    expect(reads.length).toBeGreaterThan(3);
    expect(reads.every((read) => read.purpose === 'oversight-audit' && read.principal.agency === 'oversight')).toBe(
      true,
    );
  });
});

describe('the audit trail is closed to operational partners', () => {
  test.each([
    ['with their own purpose', partners.policeInvestigator, 'criminal-investigation'],
    ['claiming oversight', partners.policeInvestigator, 'oversight-audit'],
  ])('a police investigator %s gets nothing', async (_, partner, purpose) => {
    const { status, body } = await queryAs(hub, partner, purpose, {
      query: `{ consultations { items { requestId } } }`,
    });
    expect(body.data?.consultations ?? null).toBeNull();
    expect(JSON.stringify(body)).not.toContain(requestIds.investigation);
    expect(status === 403 || body.errors?.some((error) => error.extensions?.code === 'FORBIDDEN')).toBe(true);
  });
});

test('which records are past their review date: the owner says which, never what they hold', async () => {
  const { body } = await oversee(`{ recordsPastReview(limit: 500) { id type reviewDate dissemination } }`);
  expect(body.errors).toBeUndefined();
  const due = (body.data as any).recordsPastReview as { id: string; reviewDate: string }[];
  const today = new Date().toISOString().slice(0, 10);
  expect(due.length).toBeGreaterThan(0);
  expect(due.every((record) => record.reviewDate < today)).toBe(true);
  // The demo subject's report recorded six years ago is among them.
  expect(due.map((record) => record.id)).toContain('INT-DEMO-4');
  const content = await oversee(`{ recordsPastReview { id summary } }`);
  expect(content.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
});
