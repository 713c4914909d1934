import { afterAll, beforeAll, expect, test } from 'vitest';
import { demoSubjectIndex, nationalIdOf } from '@tessera/demo';
import { startTestHub, type TestHub } from './fixtures/startTestHub.ts';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub?.stop());

// Touches every relation of every agency, and the register twice (the list, then the people named in
// incidents). The demo subject, first in every list, has a record in each relation, so every loader runs.
const everything = `query($ids: [ID!]!) {
  people(nationalIds: $ids) {
    nationalId familyName
    police {
      pncId warningMarkers { type }
      incidents { category incident { type involved { category person { familyName } } } }
      intelligenceReports { summary subjects { category } }
    }
    customs { crossings { port } seizures { goods } flags { type } }
    probation { supervisionOrders { riskLevel conditions { type } offenderManager { name } } }
  }
}`;

async function statementsPerSubgraph(size: number): Promise<Record<string, number>> {
  const ids = Array.from({ length: size }, (_, index) => nationalIdOf(demoSubjectIndex + index));
  const before = Object.fromEntries(hub.subgraphs.map((subgraph) => [subgraph.name, subgraph.database.statements()]));
  const { body } = await hub.query({ query: everything, variables: { ids } });
  expect(body.errors).toBeUndefined();
  expect(body.data?.people).toHaveLength(size);
  return Object.fromEntries(
    hub.subgraphs.map((subgraph) => [subgraph.name, subgraph.database.statements() - before[subgraph.name]!]),
  );
}

test('each subgraph runs one statement per relation per request, for 1, 10 or 100 people', async () => {
  // One after the other: the counters are per subgraph, not per request.
  const counts: Record<number, Record<string, number>> = {};
  for (const size of [1, 10, 100]) counts[size] = await statementsPerSubgraph(size);
  // One statement per loader, and one to log what was released: police person, markers,
  // involvements, incidents, people of incidents, reports, subjects of reports; customs traveller,
  // crossings, seizures, flags; probation offender, orders, conditions, managers; register: the list,
  // then the incidents' people, each request with its disclosure record.
  const expected = { police: 8, customs: 5, probation: 5, register: 4, oversight: 0 };
  expect(counts).toEqual({ 1: expected, 10: expected, 100: expected });
});
