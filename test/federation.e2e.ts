import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { citizenOf, demoSubjectIndex, nationalIdOf, population } from '@tessera/demo';
import { startTestHub, testPopulation, testSeed, type TestHub } from './fixtures/startTestHub.ts';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub?.stop());

const demoSubject = citizenOf(testSeed, demoSubjectIndex);

const wholePicture = `query Person($id: ID!) {
  person(nationalId: $id) {
    nationalId givenName familyName dateOfBirth
    police {
      pncId
      warningMarkers { type }
      incidents { category incident { id location { district } } }
      intelligenceReports { id grading { handling conditions { kind value } } dissemination }
    }
    customs { nationality crossings { port direction } seizures { goods } flags { type } }
    probation { crn supervisionOrders { riskLevel conditions { type } offenderManager { name } } }
  }
}`;

describe('the shared picture', () => {
  test("one query returns the identity and each agency's records of a person known to all three", async () => {
    const { status, body } = await hub.query({ query: wholePicture, variables: { id: demoSubject.nationalId } });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const person = body.data?.person as Record<string, any>;
    expect(person).toMatchObject({
      nationalId: demoSubject.nationalId,
      givenName: demoSubject.givenName,
      familyName: demoSubject.familyName,
      dateOfBirth: demoSubject.dateOfBirth,
    });
    expect(person.police.warningMarkers.map((marker: { type: string }) => marker.type)).toEqual([
      'VIOLENCE',
      'WEAPONS',
      'SELF_HARM',
    ]);
    expect(person.police.incidents.map((involvement: { category: string }) => involvement.category).sort()).toEqual([
      'SUSPECT',
      'VICTIM',
      'WITNESS',
    ]);
    expect(
      person.police.intelligenceReports.map((report: { dissemination: string }) => report.dissemination).sort(),
    ).toEqual(['BLACK', 'GRAY', 'WHITE', 'WHITE', 'WHITE']);
    expect(person.customs.crossings).toHaveLength(6);
    expect(person.customs.seizures).toHaveLength(1);
    expect(person.probation.supervisionOrders).toEqual([
      {
        riskLevel: 'HIGH',
        conditions: [{ type: 'NO_FOREIGN_TRAVEL' }, { type: 'CURFEW' }, { type: 'NON_ASSOCIATION' }],
        offenderManager: { name: expect.any(String) },
      },
    ]);
  });

  test('an agency that holds nothing on a person answers a partner an empty part, as for records it may not see', async () => {
    const policeOnly = [...population(testSeed, testPopulation)].find(
      (citizen) => citizen.knownTo.length === 1 && citizen.knownTo[0] === 'police',
    );
    expect(policeOnly).toBeDefined();
    const { body } = await hub.query({ query: wholePicture, variables: { id: policeOnly!.nationalId } });
    expect(body.errors).toBeUndefined();
    const person = body.data?.person as Record<string, any>;
    expect(person.familyName).toBe(policeOnly!.familyName);
    expect(person.police.pncId).toEqual(expect.any(String));
    expect(person.customs).toEqual({ nationality: null, crossings: [], seizures: [], flags: [] });
    expect(person.probation).toEqual({ crn: null, supervisionOrders: [] });
  });

  test('a list of people keeps the order asked and answers null for an identifier nobody registered', async () => {
    const ids = [nationalIdOf(3), 'TS9999999', nationalIdOf(1)];
    const { body } = await hub.query({
      query: 'query($ids: [ID!]!) { people(nationalIds: $ids) { nationalId } }',
      variables: { ids },
    });
    expect(body.errors).toBeUndefined();
    expect(body.data?.people).toEqual([{ nationalId: ids[0] }, null, { nationalId: ids[2] }]);
  });

  test('search by name and date of birth finds the person', async () => {
    const { body } = await hub.query({
      query: 'query($name: String!, $dob: String) { searchPeople(name: $name, dateOfBirth: $dob) { nationalId } }',
      variables: {
        name: `${demoSubject.givenName} ${demoSubject.familyName.toUpperCase()}`,
        dob: demoSubject.dateOfBirth,
      },
    });
    expect(body.errors).toBeUndefined();
    expect(body.data?.searchPeople).toContainEqual({ nationalId: demoSubject.nationalId });
    const expected = [...population(testSeed, testPopulation)].filter(
      (citizen) =>
        citizen.givenName === demoSubject.givenName &&
        citizen.familyName === demoSubject.familyName &&
        citizen.dateOfBirth === demoSubject.dateOfBirth,
    );
    expect(body.data?.searchPeople).toHaveLength(expected.length);
  });

  test("an area's recent incidents come newest first, each with the people involved", async () => {
    const { body } = await hub.query({
      query: `{ recentIncidents(district: "Old Town", limit: 5) {
        id occurredAt location { district } involved { category person { nationalId familyName } } } }`,
    });
    expect(body.errors).toBeUndefined();
    const incidents = body.data?.recentIncidents as {
      occurredAt: string;
      location: { district: string };
      involved: any[];
    }[];
    expect(incidents).toHaveLength(5);
    expect(incidents.every((incident) => incident.location.district === 'Old Town')).toBe(true);
    const times = incidents.map((incident) => incident.occurredAt);
    expect(times).toEqual([...times].sort().reverse());
    const involved = incidents.flatMap((incident) => incident.involved);
    expect(involved.length).toBeGreaterThanOrEqual(5);
    for (const { person } of involved) {
      const citizen = citizenOf(testSeed, Number(person.nationalId.slice(2)) - 1);
      expect(person.familyName).toBe(citizen.familyName);
    }
  });
});

describe('bad input gets a coded error with the right status, and the hub keeps serving', () => {
  const rawPost = (body: string) =>
    fetch(hub.gateway.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${hubToken}`,
        'x-purpose': 'criminal-investigation',
        'x-justification': 'case OP-7',
      },
      body,
    });
  let hubToken: string;
  beforeAll(async () => {
    hubToken = await hub.idp.token();
  });

  test.each([
    ['malformed JSON', '{"query": "{ person(nationalId: "x") { nationalId } }', 400, 'BAD_REQUEST'],
    [
      'a query that does not parse',
      JSON.stringify({ query: '{ person(nationalId: "TS0000001") { ' }),
      400,
      'GRAPHQL_PARSE_FAILED',
    ],
    [
      'an unknown field',
      JSON.stringify({ query: '{ person(nationalId: "TS0000001") { shoeSize } }' }),
      400,
      'GRAPHQL_VALIDATION_FAILED',
    ],
    [
      'a variable of the wrong type',
      JSON.stringify({
        query: 'query($id: ID!) { person(nationalId: $id) { nationalId } }',
        variables: { id: { $ne: 1 } },
      }),
      400,
      'BAD_USER_INPUT',
    ],
    ['a request with no query', JSON.stringify({ variables: {} }), 400, 'BAD_REQUEST'],
  ])('%s', async (_, body, status, code) => {
    const response = await rawPost(body);
    const text = await response.text();
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/(graphql-response\+)?json/);
    const parsed = JSON.parse(text);
    expect(parsed.data).toBeUndefined();
    expect(parsed.errors[0].extensions.code).toBe(code);
    expect(text).not.toMatch(/stacktrace|\n\s+at |node_modules/);
  });

  test('an oversized body is refused with 413 before it is parsed', async () => {
    const response = await rawPost(JSON.stringify({ query: `{ __typename }`, padding: 'x'.repeat(1_100_000) }));
    expect(response.status).toBe(413);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('BAD_REQUEST');
  });

  test.each([
    ['malformed', 'TS12', 'BAD_USER_INPUT'],
    ['unknown', 'TS9999999', 'NOT_FOUND'],
  ])('a %s national identifier gives null and %s', async (_, id, code) => {
    const { status, body } = await hub.query({
      query: 'query($id: ID!) { person(nationalId: $id) { nationalId } }',
      variables: { id },
    });
    expect(status).toBe(200);
    expect(body.data).toEqual({ person: null });
    expect(body.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([[['person'], code]]);
  });

  test('after all of that, the same gateway still answers', async () => {
    const { status, body } = await hub.query({
      query: `{ person(nationalId: "${demoSubject.nationalId}") { familyName } }`,
    });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ person: { familyName: demoSubject.familyName } });
  });
});
