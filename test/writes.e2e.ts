import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { decide, isPurposeGranted } from '@tessera/policies';
import { demoSubjectIndex, nationalIdOf } from '@tessera/demo';
import { sqlAt } from '@tessera/hub';
import { borderSystem } from './fixtures/borderSystem.ts';
import { startTestHub, type TestHub } from './fixtures/startTestHub.ts';
import { partners, queryAs, tokenFor, type Partner } from './fixtures/principals.ts';
import { callerArbitrary, callerAsArbitrary } from '../policies/tests/arbitraries.ts';
import { aYearFromToday } from './fixtures/dates.ts';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub?.stop());

const subject = nationalIdOf(demoSubjectIndex);
const inAYear = aYearFromToday();
const report = {
  summary: 'Seen handing packages to couriers at Dover on three nights.',
  justification: 'Matches the pattern of Operation Kestrel deliveries; corroborated by CCTV.',
  sourceEvaluation: 2,
  assessment: 'B',
  handlingCode: 'P',
  handlingConditions: [],
  dissemination: 'white',
  reviewDate: inAYear,
  contact: 'DS Kaur, Kent intelligence unit',
  subjects: [{ nationalId: subject, category: 'suspect' }],
};
const submit = (partner: Partner, purpose: string, submission: Record<string, unknown>) =>
  queryAs(hub, partner, purpose, {
    query: `mutation($report: IntelligenceSubmission!) { submitIntelligence(report: $report) { id summary reviewDate } }`,
    variables: { report: submission },
  });
const count = async (table: string) =>
  (await sqlAt<{ n: number }>(hub.databaseUrls.police!, `select count(*)::int as n from police.${table}`))[0]!.n;
const counts = async () => ({
  reports: await count('intelligence_report'),
  outbox: await count('outbox'),
  log: await count('audit_log'),
});

describe('the police record intelligence through the entry gate', () => {
  test('a report that passes is written with its subjects, its outbox event and its collection entry, at once', async () => {
    const { status, body } = await submit(partners.policeInvestigator, 'criminal-investigation', report);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const written = (body.data as any).submitIntelligence;
    expect(written).toMatchObject({ summary: report.summary, reviewDate: inAYear });
    const requestId = (body.extensions as any).tessera.requestId;
    const [event] = await sqlAt<{ type: string; record: string; subjects: string[] }>(
      hub.databaseUrls.police!,
      `select type, record, subjects from police.outbox where record = $1`,
      [`intelligence/${written.id}`],
    );
    expect(event).toEqual({ type: 'intelligence.recorded', record: `intelligence/${written.id}`, subjects: [subject] });
    const [entry] = await sqlAt<{ entry: string }>(
      hub.databaseUrls.police!,
      `select entry from police.audit_log where kind = 'collection' and request_id = $1`,
      [requestId],
    );
    expect(JSON.parse(entry!.entry)).toMatchObject({
      principal: { agency: 'police', roles: ['investigator'] },
      purpose: 'criminal-investigation',
      people: [subject],
      record: `intelligence/${written.id}`,
    });
  });

  test('a report that does not pass is refused with every problem named, and nothing is written', async () => {
    const before = await counts();
    const { status, body } = await submit(partners.policeInvestigator, 'criminal-investigation', {
      ...report,
      justification: '',
      assessment: 'Z',
      handlingCode: 'C',
      reviewDate: '2099-01-01',
      subjects: [{ nationalId: subject, category: 'bystander' }],
    });
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((body.errors?.[0]?.extensions?.problems as string[]).map((problem) => problem.split(':')[0])).toEqual([
      'justification',
      'assessment',
      'handlingConditions',
      'subjects[0].category',
      'reviewDate',
    ]);
    expect(status).toBeLessThan(500);
    expect(await counts()).toEqual(before);
  });

  test("a partner's write, or one by a role the clause does not name, is refused before any owner is asked", async () => {
    const before = await counts();
    const asked = hub.subgraphs.find((subgraph) => subgraph.name === 'police')!.requests();
    for (const [partner, purpose] of [
      [partners.customsInvestigator, 'criminal-investigation'],
      [partners.policeOfficer, 'criminal-investigation'],
      [partners.policeInvestigator, 'safeguarding'],
    ] as const) {
      const { status, body } = await submit(partner, purpose, report);
      expect(status, `${partner.agency} ${partner.roles[0]} for ${purpose}`).toBe(403);
      expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(hub.subgraphs.find((subgraph) => subgraph.name === 'police')!.requests()).toBe(asked);
    expect(await counts()).toEqual(before);
  });
});

test('property: whoever submits, a report is written exactly when decide() allows the write, and otherwise nothing is', async () => {
  let written = 0;
  await fc.assert(
    // Half of them police investigators, whom a clause lets write with enough clearance and the right purpose.
    fc.asyncProperty(
      fc.oneof(callerArbitrary, callerAsArbitrary(['police'], 'investigator')),
      async ([principal, purpose]) => {
        const before = await count('intelligence_report');
        const { status, body } = await queryAs(hub, principal, purpose, {
          query: `mutation($report: IntelligenceSubmission!) { submitIntelligence(report: $report) { id } }`,
          variables: { report },
        });
        const who = JSON.stringify({ principal, purpose, status, errors: body.errors });
        expect(status, who).toBeLessThan(500);
        // A client system sends only its reviewed documents, and this is none of them.
        const allowed =
          !principal.roles.includes('system') &&
          purpose !== null &&
          isPurposeGranted(principal, purpose) &&
          decide(principal, purpose, 'Mutation.submitIntelligence').effect === 'allow';
        expect((await count('intelligence_report')) - before, who).toBe(allowed ? 1 : 0);
        if (allowed) written++;
        else expect(body.data?.submitIntelligence ?? null, who).toBeNull();
      },
    ),
    { numRuns: 120 },
  );
  expect(written).toBeGreaterThan(0);
  // 120 generated writes and their checks: 19 to 43 s beside other files, close to the default minute.
}, 120_000);

describe('customs record crossings', () => {
  const cross = async (partner: Partner, purpose: string, crossing: Record<string, unknown>) =>
    hub.query(
      {
        // A border system may send only its registered operations: this one is in its trusted documents.
        query: `mutation RecordCrossing($crossing: CrossingInput!) { recordCrossing(crossing: $crossing) { id port direction } }`,
        variables: { crossing },
      },
      {
        token: await tokenFor(hub, partner, partner === borderSystem ? 'customs-border-system' : undefined),
        headers: { 'x-purpose': purpose },
      },
    );
  const crossing = {
    nationalId: subject,
    crossedAt: new Date().toISOString(),
    port: 'Dover',
    direction: 'OUTBOUND',
    travelDocument: 'P1234567',
  };

  test('a border system records a crossing; its event carries the fields an alert may release', async () => {
    const { body } = await cross(borderSystem, 'border-control', crossing);
    expect(body.errors).toBeUndefined();
    const recorded = (body.data as any).recordCrossing;
    expect(recorded).toMatchObject({ port: 'Dover', direction: 'OUTBOUND' });
    const [event] = await sqlAt<{ type: string; record_type: string; fields: Record<string, unknown> }>(
      hub.databaseUrls.customs!,
      `select type, record_type, fields from customs.outbox where record = $1`,
      [`crossing/${recorded.id}`],
    );
    expect(event).toMatchObject({
      type: 'crossing.recorded',
      record_type: 'BorderCrossing',
      fields: { port: 'Dover', direction: 'OUTBOUND', travelDocument: 'P1234567' },
    });
  });

  test('a bad crossing names every problem; nobody else records one', async () => {
    const bad = await cross(borderSystem, 'border-control', {
      nationalId: 'x',
      crossedAt: '2999-01-01T00:00:00Z',
      direction: 'SIDEWAYS',
    });
    expect((bad.body.errors?.[0]?.extensions?.problems as string[]).map((problem) => problem.split(':')[0])).toEqual([
      'nationalId',
      'crossedAt',
      'port',
      'direction',
      'travelDocument',
    ]);
    const byPolice = await cross(partners.policeInvestigator, 'criminal-investigation', crossing);
    expect(byPolice.status).toBe(403);
  });
});

describe('customs record seizures and flags', () => {
  const record = (query: string, variables: Record<string, unknown>) =>
    queryAs(hub, partners.customsOfficer, 'border-control', { query, variables });

  test('a seizure and a flag are written with their events; bad ones name every problem', async () => {
    const seized = await record(`mutation($s: SeizureInput!) { recordSeizure(seizure: $s) { id goods quantity } }`, {
      s: {
        nationalId: subject,
        seizedAt: new Date().toISOString(),
        goods: 'Cigarettes',
        quantity: 4000,
        unit: 'sticks',
        valueGbp: 1800,
        place: 'Dover',
      },
    });
    expect((seized.body.data as any).recordSeizure).toMatchObject({ goods: 'Cigarettes', quantity: 4000 });
    const flagged = await record(`mutation($f: FlagInput!) { raiseFlag(flag: $f) { type reason } }`, {
      f: { nationalId: subject, type: 'smuggling-risk', reason: 'Repeated undeclared tobacco' },
    });
    expect((flagged.body.data as any).raiseFlag).toEqual({
      type: 'smuggling-risk',
      reason: 'Repeated undeclared tobacco',
    });
    const events = await sqlAt<{ type: string }>(
      hub.databaseUrls.customs!,
      `select type from customs.outbox where type in ('seizure.recorded', 'flag.raised') order by type`,
    );
    expect(events.map((event) => event.type)).toEqual(['flag.raised', 'seizure.recorded']);

    const bad = await record(`mutation($s: SeizureInput!) { recordSeizure(seizure: $s) { id } }`, {
      s: { nationalId: subject, quantity: -1 },
    });
    expect((bad.body.errors?.[0]?.extensions?.problems as string[]).map((problem) => problem.split(':')[0])).toEqual([
      'seizedAt',
      'goods',
      'quantity',
      'unit',
      'valueGbp',
      'place',
    ]);
    const badFlag = await record(`mutation($f: FlagInput!) { raiseFlag(flag: $f) { type } }`, {
      f: { nationalId: subject, type: 'hunch', reason: '' },
    });
    expect(
      (badFlag.body.errors?.[0]?.extensions?.problems as string[]).map((problem) => problem.split(':')[0]),
    ).toEqual(['type', 'reason']);
  });
});

describe('the police record incidents and warning markers', () => {
  const asOfficer = (query: string, variables: Record<string, unknown>) =>
    queryAs(hub, partners.policeOfficer, 'safeguarding', { query, variables });

  test('an incident with its people, and a marker, are written with their events; bad ones name every problem', async () => {
    const recorded = await asOfficer(
      `mutation($i: IncidentInput!) { recordIncident(incident: $i) { id type involved { category } } }`,
      {
        i: {
          type: 'assault',
          occurredAt: new Date().toISOString(),
          latitude: 51.5,
          longitude: -0.12,
          district: 'Westminster',
          people: [
            { nationalId: subject, category: 'suspect' },
            { nationalId: nationalIdOf(1), category: 'victim' },
          ],
        },
      },
    );
    expect(recorded.body.errors).toBeUndefined();
    expect((recorded.body.data as any).recordIncident.type).toBe('assault');
    const marked = await asOfficer(`mutation($m: WarningMarkerInput!) { addWarningMarker(marker: $m) { type } }`, {
      m: { nationalId: subject, type: 'WEAPONS', note: 'Carried a blade at arrest' },
    });
    expect((marked.body.data as any).addWarningMarker).toEqual({ type: 'WEAPONS' });
    const events = await sqlAt<{ type: string; subjects: string[] }>(
      hub.databaseUrls.police!,
      `select type, subjects from police.outbox where type in ('incident.recorded', 'warning-marker.added') order by type`,
    );
    expect(events).toEqual([
      { type: 'incident.recorded', subjects: [subject, nationalIdOf(1)] },
      { type: 'warning-marker.added', subjects: [subject] },
    ]);

    const bad = await asOfficer(`mutation($i: IncidentInput!) { recordIncident(incident: $i) { id } }`, {
      i: { type: 'assault', latitude: 99, longitude: 0, people: [{ nationalId: 'x', category: 'onlooker' }] },
    });
    expect((bad.body.errors?.[0]?.extensions?.problems as string[]).map((problem) => problem.split(':')[0])).toEqual([
      'occurredAt',
      'latitude, longitude',
      'district',
      'people[0].nationalId',
      'people[0].category',
    ]);
    const badMarker = await asOfficer(`mutation($m: WarningMarkerInput!) { addWarningMarker(marker: $m) { type } }`, {
      m: { nationalId: subject, type: 'GRUMPY' },
    });
    expect(badMarker.body.errors?.[0]?.extensions?.problems).toHaveLength(1);
  });
});

describe('probation record orders and conditions, and end orders', () => {
  const asManager = (query: string, variables: Record<string, unknown>) =>
    queryAs(hub, partners.offenderManager, 'offender-management', { query, variables });
  const today = new Date().toISOString().slice(0, 10);
  const nextYearDate = aYearFromToday();

  test('an order with a condition, a further condition, and its end, each with its event; the old end is kept', async () => {
    const recorded = await asManager(
      `mutation($o: SupervisionOrderInput!) { recordSupervisionOrder(order: $o) { id endDate conditions { type } } }`,
      {
        o: {
          nationalId: nationalIdOf(2),
          type: 'licence',
          startDate: today,
          endDate: nextYearDate,
          riskLevel: 'high',
          offenderManagerId: 'OM-0',
          conditions: [{ type: 'curfew', detail: '19:00 to 07:00' }],
        },
      },
    );
    expect(recorded.body.errors).toBeUndefined();
    const order = (recorded.body.data as any).recordSupervisionOrder;
    expect(order).toMatchObject({ endDate: nextYearDate, conditions: [{ type: 'CURFEW' }] });
    const condition = await asManager(
      `mutation($id: ID!) { setCondition(orderId: $id, condition: { type: "no-foreign-travel" }) { type } }`,
      { id: order.id },
    );
    expect(condition.body.errors).toBeUndefined();
    const ended = await asManager(
      `mutation($id: ID!) { endOrder(orderId: $id, reason: "Licence revoked") { endDate } }`,
      {
        id: order.id,
      },
    );
    expect((ended.body.data as any).endOrder.endDate).toBe(today);
    const again = await asManager(`mutation($id: ID!) { endOrder(orderId: $id, reason: "twice") { endDate } }`, {
      id: order.id,
    });
    expect(again.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const events = await sqlAt<{ type: string; fields: Record<string, unknown> }>(
      hub.databaseUrls.probation!,
      `select type, fields from probation.outbox where record = $1 order by occurred_at`,
      [`supervision-order/${order.id}`],
    );
    expect(events.map((event) => event.type)).toEqual([
      'supervision-order.recorded',
      'condition.set',
      'supervision-order.ended',
    ]);
    expect(events[2]!.fields).toMatchObject({
      endDate: today,
      previousEndDate: nextYearDate,
      reason: 'Licence revoked',
    });
  });

  test('a bad order names every problem, and a partner cannot record one', async () => {
    const bad = await asManager(`mutation($o: SupervisionOrderInput!) { recordSupervisionOrder(order: $o) { id } }`, {
      o: {
        nationalId: nationalIdOf(2),
        type: 'probation',
        startDate: today,
        endDate: today,
        riskLevel: 'extreme',
        conditions: [{ type: 'haircut' }],
      },
    });
    expect((bad.body.errors?.[0]?.extensions?.problems as string[]).map((problem) => problem.split(':')[0])).toEqual([
      'type',
      'endDate',
      'riskLevel',
      'offenderManagerId',
      'conditions[0].type',
    ]);
    const byPolice = await queryAs(hub, partners.policeInvestigator, 'criminal-investigation', {
      query: `mutation { endOrder(orderId: "SO-x", reason: "no") { id } }`,
    });
    expect(byPolice.status).toBe(403);
  });
});
