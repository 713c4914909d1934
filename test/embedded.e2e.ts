import { afterAll, beforeAll, expect, test } from 'vitest';
import { demoSubjectIndex, nationalIdOf } from '@tessera/demo';
import { startTestHub, type TestHub } from './fixtures/startTestHub.ts';

// The demo runs every agency on one embedded engine; production runs each on its own PostgreSQL.
// The same seed must give the same answers on both.
let embedded: TestHub;
let postgres: TestHub;
beforeAll(async () => {
  [embedded, postgres] = await Promise.all([startTestHub({ embedded: true }), startTestHub()]);
});
afterAll(async () => {
  await embedded?.stop();
  await postgres?.stop();
});

test('the embedded engine and PostgreSQL give the same answer to the same cross-agency query', async () => {
  const request = {
    query: `query($ids: [ID!]!) { people(nationalIds: $ids) {
      nationalId givenName dateOfBirth
      police { pncId warningMarkers { type addedOn } incidents { category incident { id occurredAt location { latitude district } } } }
      customs { crossings { crossedAt port } seizures { valueGbp quantity } }
      probation { supervisionOrders { startDate riskLevel conditions { type detail } } }
    } }`,
    variables: { ids: Array.from({ length: 40 }, (_, index) => nationalIdOf(demoSubjectIndex + index)) },
  };
  const [fromEmbedded, fromPostgres] = await Promise.all([embedded.query(request), postgres.query(request)]);
  expect(fromEmbedded.body.errors).toBeUndefined();
  expect(fromEmbedded.body.data?.people).toHaveLength(40);
  expect(fromEmbedded.body.data).toEqual(fromPostgres.body.data);
});

test('each subgraph of the embedded hub keeps its tables in its own schema', async () => {
  expect(embedded.seeded).toMatchObject({
    police: expect.objectContaining({ person: expect.any(Number), incident: expect.any(Number) }),
    customs: expect.objectContaining({ traveller: expect.any(Number) }),
    probation: expect.objectContaining({ offender: expect.any(Number) }),
    register: { person: 400 },
  });
});
