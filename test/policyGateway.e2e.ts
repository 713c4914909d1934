import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { citizenOf, demoSubjectIndex, nationalIdOf, population } from '@tessera/demo';
import { startTestHub, testPopulation, testSeed, type TestHub } from './fixtures/startTestHub.ts';
import { partners, queryAs } from './fixtures/principals.ts';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub?.stop());

const demoSubject = nationalIdOf(demoSubjectIndex);
const byName = `query($name: String!) { searchPeople(name: $name) { nationalId } }`;

describe('the purpose binds the request', () => {
  test('personal data without a declared purpose is refused as a whole', async () => {
    const { status, body } = await queryAs(hub, partners.customsOfficer, null, {
      query: byName,
      variables: { name: 'Smith' },
    });
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['PURPOSE_REQUIRED']);
  });

  test('a purpose that needs a justification is refused without one', async () => {
    const { status, body } = await queryAs(
      hub,
      partners.policeInvestigator,
      'criminal-investigation',
      { query: byName, variables: { name: 'Smith' } },
      null,
    );
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('PURPOSE_REQUIRED');
    expect(body.errors?.[0]?.message).toContain('X-Justification');
  });

  test('border control needs no justification', async () => {
    const { status, body } = await queryAs(
      hub,
      partners.customsOfficer,
      'border-control',
      { query: byName, variables: { name: 'Smith' } },
      null,
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
  });

  test.each([
    ['a customs officer', partners.customsOfficer, 'offender-management'],
    ['an offender manager', partners.offenderManager, 'border-control'],
    ['an oversight auditor', partners.overseer, 'criminal-investigation'],
  ])('%s declaring a purpose no agreement grants them is refused with 403', async (_, partner, purpose) => {
    const { status, body } = await queryAs(hub, partner, purpose, { query: byName, variables: { name: 'Smith' } });
    expect(status).toBe(403);
    expect(body.data).toBeUndefined();
    expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
  });

  test('explain reads no personal data and needs no purpose', async () => {
    const { status, body } = await queryAs(hub, partners.overseer, null, {
      query: `{ explain(operation: "{ person(nationalId: \\"${demoSubject}\\") { familyName } }", purpose: "border-control") { coordinate effect } }`,
    });
    expect(status).toBe(200);
    expect(body.data?.explain).toEqual([
      { coordinate: 'Query.person', effect: 'DENY' },
      { coordinate: 'Person.familyName', effect: 'DENY' },
    ]);
  });
});

describe('withheld fields come back null at their exact path', () => {
  test('through aliases, named and inline fragments and lists', async () => {
    const ids = [demoSubject, nationalIdOf(1)];
    const { status, body } = await queryAs(hub, partners.customsOfficer, 'border-control', {
      query: `query($ids: [ID!]!) {
        who: people(nationalIds: $ids) {
          id: nationalId
          ...Police
          probation { orders: supervisionOrders { risk: riskLevel endDate } }
        }
      }
      fragment Police on Person {
        record: police {
          ... on PoliceProfile { reference: pncId markers: warningMarkers { type } }
          reports: intelligenceReports { summary }
        }
      }`,
      variables: { ids },
    });
    expect(status).toBe(200);
    const people = body.data?.who as any[];
    const withheld = (body.errors ?? []).map((error) => [
      error.path?.join('/'),
      error.extensions?.code,
      error.extensions?.coordinate,
    ]);
    const expected: unknown[] = [];
    people.forEach((person, index) => {
      if (person.record) {
        expect(person.record.reference).toBeNull();
        expect(person.record.reports).toBeNull();
        expected.push([`who/${index}/record/reference`, 'FORBIDDEN', 'PoliceProfile.pncId']);
        expected.push([`who/${index}/record/reports`, 'FORBIDDEN', 'PoliceProfile.intelligenceReports']);
      }
      (person.probation?.orders ?? []).forEach((order: { risk: unknown }, orderIndex: number) => {
        expect(order.risk).toBeNull();
        expected.push([`who/${index}/probation/orders/${orderIndex}/risk`, 'FORBIDDEN', 'SupervisionOrder.riskLevel']);
      });
    });
    expect(people[0].record.markers).toEqual([{ type: 'VIOLENCE' }, { type: 'WEAPONS' }]);
    expect(people[0].probation.orders).toHaveLength(1);
    // A withheld field keeps its place in the response, as the operation selected it.
    expect(Object.keys(people[0].record)).toEqual(['reference', 'markers', 'reports']);
    expect(Object.keys(people[0].probation.orders[0])).toEqual(['risk', 'endDate']);
    expect(withheld.sort()).toEqual(expected.sort());
  });

  test('every FORBIDDEN error names the coordinate, the rule and its legal basis', async () => {
    const { body } = await queryAs(hub, partners.customsOfficer, 'border-control', {
      query: `{ person(nationalId: "${demoSubject}") { police { pncId } } }`,
    });
    expect(body.errors).toEqual([
      {
        message: 'PoliceProfile.pncId is withheld from you for this purpose (rule default-deny).',
        path: ['person', 'police', 'pncId'],
        extensions: {
          code: 'FORBIDDEN',
          coordinate: 'PoliceProfile.pncId',
          rule: 'default-deny',
          legalBasis: 'No agreement provides for this disclosure.',
        },
      },
    ]);
  });

  test('a subgraph whose fields are all withheld is not even asked', async () => {
    const customs = hub.subgraphs.find((subgraph) => subgraph.name === 'customs')!;
    const before = customs.requests();
    const { body } = await queryAs(hub, partners.policeOfficer, 'criminal-investigation', {
      query: `{ person(nationalId: "${demoSubject}") { familyName customs { crossings { port } } } }`,
    });
    expect(body.data).toEqual({
      person: { familyName: citizenOf(testSeed, demoSubjectIndex).familyName, customs: null },
    });
    expect(body.errors?.map((error) => error.extensions?.rule)).toEqual(['default-deny']);
    expect(customs.requests()).toBe(before);
  });

  test('a plan made for one caller never serves another', async () => {
    const request = { query: `{ person(nationalId: "${demoSubject}") { police { pncId } } }` };
    const first = await queryAs(hub, partners.policeInvestigator, 'criminal-investigation', request);
    const denied = await queryAs(hub, partners.customsOfficer, 'border-control', request);
    const again = await queryAs(hub, partners.policeInvestigator, 'criminal-investigation', request);
    expect((first.body.data as any).person.police.pncId).toEqual(expect.any(String));
    expect(denied.body.data).toEqual({ person: { police: { pncId: null } } });
    expect(again.body).toEqual({ ...first.body, extensions: again.body.extensions });
  });

  test('threat-to-life access is flagged for review in the response', async () => {
    const { body } = await queryAs(hub, partners.customsInvestigator, 'threat-to-life', {
      query: `{ person(nationalId: "${demoSubject}") { police { incidents { category } } } }`,
    });
    expect((body.data as any).person.police.incidents).toHaveLength(3);
    expect((body as any).extensions.tessera).toEqual({ requestId: expect.any(String), reviewRequired: true });
  });
});

describe('a denial is never an oracle for existence', () => {
  test('a withheld field reads the same for a person the owner knows and one it does not', async () => {
    const citizens = [...population(testSeed, testPopulation)];
    const known = citizens.find((citizen) => citizen.index > 0 && citizen.knownTo.includes('probation'))!;
    const unknown = citizens.find((citizen) => citizen.knownTo.length === 0)!;
    const ask = (nationalId: string) =>
      queryAs(hub, partners.customsInvestigator, 'criminal-investigation', {
        query: `query($id: ID!) { person(nationalId: $id) { probation { crn supervisionOrders { riskLevel } } } }`,
        variables: { id: nationalId },
      });
    const [forKnown, forUnknown] = await Promise.all([ask(known.nationalId), ask(unknown.nationalId)]);
    expect(forKnown.status).toBe(forUnknown.status);
    expect(forKnown.body.data).toEqual(forUnknown.body.data);
    expect(forKnown.body.errors).toEqual(forUnknown.body.errors);
    expect(forKnown.body.errors?.[0]?.extensions?.coordinate).toBe('Person.probation');
  });

  test('a black report is absent for partners, exactly as a report that does not exist', async () => {
    const { body } = await queryAs(hub, partners.customsInvestigator, 'criminal-investigation', {
      query: `{ person(nationalId: "${demoSubject}") { police { intelligenceReports { id dissemination } } } }`,
    });
    const reports = (body.data as any).person.police.intelligenceReports as { id: string }[];
    // The demo subject has five reports: white P, C not to customs, gray, black, and one past review.
    expect(reports.map((report) => report.id).sort()).toEqual(['INT-DEMO-0', 'INT-DEMO-2']);
    expect(JSON.stringify(body)).not.toContain('INT-DEMO-3');
  });
});
