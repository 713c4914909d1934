import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { decide, isPurposeFree, isPurposeGranted, type Principal } from '@tessera/policies';
import { demoSubjectIndex, nationalIdOf } from '@tessera/demo';
import {
  callerArbitrary,
  callerAsArbitrary,
  narrowedArbitrary,
  purposeOftenGranted,
} from '../policies/tests/arbitraries.ts';
import { startTestHub, type TestHub } from './fixtures/startTestHub.ts';
import { queryAs } from './fixtures/principals.ts';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub?.stop());

/** The operation's fields: response path (`[]` for each list position) and the coordinate it reads. */
const fields: [string, string][] = [
  ['person', 'Query.person'],
  ['person/nationalId', 'Person.nationalId'],
  ['person/familyName', 'Person.familyName'],
  ['person/dateOfBirth', 'Person.dateOfBirth'],
  ['person/police', 'Person.police'],
  ['person/police/pncId', 'PoliceProfile.pncId'],
  ['person/police/warningMarkers', 'PoliceProfile.warningMarkers'],
  ['person/police/warningMarkers/[]/type', 'WarningMarker.type'],
  ['person/police/warningMarkers/[]/note', 'WarningMarker.note'],
  ['person/police/incidents', 'PoliceProfile.incidents'],
  ['person/police/incidents/[]/category', 'IncidentInvolvement.category'],
  ['person/police/intelligenceReports', 'PoliceProfile.intelligenceReports'],
  ['person/customs', 'Person.customs'],
  ['person/customs/nationality', 'CustomsProfile.nationality'],
  ['person/customs/crossings', 'CustomsProfile.crossings'],
  ['person/customs/crossings/[]/travelDocument', 'BorderCrossing.travelDocument'],
  ['person/customs/seizures', 'CustomsProfile.seizures'],
  ['person/probation', 'Person.probation'],
  ['person/probation/crn', 'ProbationProfile.crn'],
  ['person/probation/supervisionOrders', 'ProbationProfile.supervisionOrders'],
  ['person/probation/supervisionOrders/[]/riskLevel', 'SupervisionOrder.riskLevel'],
];
const query = `query($id: ID!) { person(nationalId: $id) {
  nationalId familyName dateOfBirth
  police { pncId warningMarkers { type note } incidents { category } intelligenceReports { id } }
  customs { nationality crossings { travelDocument } seizures { goods } }
  probation { crn supervisionOrders { riskLevel } }
} }`;

/** Where the gateway must put a FORBIDDEN error, walking the response it gave. */
function expectedDenials(principal: Principal, purpose: string | null, data: unknown): Set<string> {
  const denials = new Set<string>();
  for (const [path, coordinate] of fields) {
    const { effect } = decide(principal, purpose as never, coordinate);
    if (effect === 'allow' || effect === 'mask') continue;
    const steps = path.split('/');
    const visit = (value: unknown, index: number, at: (string | number)[]) => {
      if (index === steps.length - 1) {
        if (value !== null && typeof value === 'object') denials.add([...at, steps[index]!].join('/'));
        return;
      }
      const step = steps[index]!;
      const next = (value as Record<string, unknown> | null)?.[step];
      if (steps[index + 1] === '[]') {
        if (Array.isArray(next)) next.forEach((item, position) => visit(item, index + 2, [...at, step, position]));
      } else if (next !== null && next !== undefined) {
        visit(next, index + 1, [...at, step]);
      }
    };
    visit(data, 0, []);
  }
  return denials;
}

test('for any principal and purpose, the gateway withholds exactly what decide() denies', async () => {
  let admitted = 0;
  await fc.assert(
    fc.asyncProperty(callerArbitrary, async ([principal, purpose]) => {
      const result = await queryAs(hub, principal, purpose, {
        query,
        variables: { id: nationalIdOf(demoSubjectIndex) },
      });
      if (principal.roles.includes('system')) {
        // Client systems run only their registered documents, and this operation is none of them.
        expect(result.body.errors?.map((error) => error.extensions?.code)).toEqual(['PERSISTED_QUERY_NOT_IN_LIST']);
        return;
      }
      const needsPurpose = fields.some(([, coordinate]) => !isPurposeFree(coordinate));
      if (needsPurpose && (purpose === null || !isPurposeGranted(principal, purpose))) {
        expect(result.status).toBe(purpose === null ? 400 : 403);
        expect(result.body.data).toBeUndefined();
        return;
      }
      admitted++;
      const fromGateway = new Set(
        (result.body.errors ?? [])
          .filter((error) => error.extensions?.code === 'FORBIDDEN' && error.extensions?.serviceName === undefined)
          .map((error) => error.path!.join('/')),
      );
      expect(fromGateway).toEqual(expectedDenials(principal, purpose, result.body.data ?? {}));
    }),
    { numRuns: 200 },
  );
  expect(admitted).toBeGreaterThan(60);
});

/** Where `narrow` holds a value `wide` does not: each list item of `narrow` must be held by one of `wide`'s. */
function heldOnlyBy(narrow: unknown, wide: unknown, at: string): string[] {
  if (narrow === null || narrow === undefined) return [];
  if (Array.isArray(narrow)) {
    if (!Array.isArray(wide)) return [at];
    return narrow.flatMap((item, index) =>
      wide.some((candidate) => heldOnlyBy(item, candidate, '').length === 0) ? [] : [`${at}/${index}`],
    );
  }
  if (typeof narrow === 'object') {
    if (wide === null || typeof wide !== 'object') return [at];
    return Object.entries(narrow).flatMap(([key, value]) =>
      heldOnlyBy(value, (wide as Record<string, unknown>)[key], `${at}/${key}`),
    );
  }
  return narrow === wide ? [] : [at];
}

const everyAgencysPart = `query($ids: [ID!]!) { people(nationalIds: $ids) {
  nationalId familyName givenName dateOfBirth
  police { pncId warningMarkers { type note } intelligenceReports { id }
    incidents { category incident { id type occurredAt location { district } } } }
  customs { nationality crossings { port crossedAt travelDocument direction } seizures { goods } flags { type reason } }
  probation { crn supervisionOrders { riskLevel conditions { type } } }
} }`;

test('the same principal with less clearance, fewer privileges or fewer roles is never released more', async () => {
  // The demo subject and the people around it: records of every agency, kind and dissemination.
  const ids = Array.from({ length: 60 }, (_, index) => nationalIdOf(index));
  // A client system runs only its reviewed documents, whatever other roles it holds: not a partner to compare.
  const callers = narrowedArbitrary
    .filter(([wide]) => !wide.roles.includes('system'))
    .chain(([wide, narrow]) => fc.tuple(fc.constant(wide), fc.constant(narrow), purposeOftenGranted(wide)));
  let compared = 0;
  await fc.assert(
    fc.asyncProperty(callers, async ([wide, narrow, purpose]) => {
      const ask = (principal: Principal) =>
        queryAs(hub, principal, purpose, { query: everyAgencysPart, variables: { ids } });
      const [wider, narrower] = await Promise.all([ask(wide), ask(narrow)]);
      if (narrower.status !== 200) return;
      expect(wider.status).toBe(200);
      compared++;
      expect(heldOnlyBy(narrower.body.data, wider.body.data, '')).toEqual([]);
    }),
    { numRuns: 60 },
  );
  expect(compared).toBeGreaterThan(10);
});

/** The trail's own root fields: who consulted whom, what was released, what is overdue. */
const trailRoots: Readonly<Record<string, string>> = {
  consultations: 'consultations(first: 3) { items { at operation } }',
  pendingReviews: 'pendingReviews(first: 3) { items { at } }',
  auditIntegrity: 'auditIntegrity { ok }',
  recordsPastReview: 'recordsPastReview(limit: 3) { id }',
  followUpRequests: 'followUpRequests { fields }',
  consultationActivity: 'consultationActivity(from: "2026-01-01T00:00:00Z", to: "2026-06-01T00:00:00Z") { from }',
  disclosures: 'disclosures(owner: "police", recipient: "customs", first: 3) { items { id } }',
};

test('the trail answers only those decide() lets read it, whoever asks for whatever purpose', async () => {
  // Half of them oversight auditors and agencies' supervisors, whom some clause lets read some of it.
  const readers = fc.oneof(
    callerAsArbitrary(['oversight'], 'auditor', ['oversight-audit']),
    callerAsArbitrary(['police', 'customs'], 'supervisor', ['criminal-investigation']),
  );
  let answered = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(callerArbitrary, readers),
      fc.constantFrom(...Object.keys(trailRoots)),
      async ([principal, purpose], root) => {
        const { status, body } = await queryAs(hub, principal, purpose, { query: `{ ${trailRoots[root]} }` });
        const who = JSON.stringify({ principal, purpose, root, status, errors: body.errors });
        expect(status, who).toBeLessThan(500);
        const value = body.data?.[root] ?? null;
        if (value !== null) answered++;
        const { effect } = decide(principal, purpose, `Query.${root}`);
        if (effect !== 'allow' && effect !== 'mask') expect(value, who).toBeNull();
      },
    ),
    { numRuns: 150 },
  );
  expect(answered).toBeGreaterThan(5);
});
