import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { decide, type DisclosureGrant, type Principal, type Purpose } from '@tessera/policies';
import { population } from '@tessera/demo';
import { callerArbitrary } from '../policies/tests/arbitraries.ts';
import { plantCanaries, plantCanaryGrant, type Canary } from './fixtures/canaries.ts';
import { createInternalCaller, entitiesQuery, type InternalCall } from './fixtures/internalCaller.ts';
import { startTestHub, testPopulation, testSeed, type TestHub } from './fixtures/startTestHub.ts';

let hub: TestHub;
let call: InternalCall;
let canaries: Map<string, Canary>;
let grants: DisclosureGrant[];
/** Who every generated caller is to the hub: the test IdP's default subject, the grantee of a police grant. */
let identityOf: (principal: Principal) => Principal;
/** A registered citizen no agency knew, given canary records in every agency. */
const subject = [...population(testSeed, testPopulation)].find(
  (citizen) => citizen.index > 0 && citizen.knownTo.length === 0,
)!;

beforeAll(async () => {
  hub = await startTestHub();
  call = await createInternalCaller(hub);
  canaries = await plantCanaries(hub.databaseUrls, subject.nationalId);
  const grantee = { issuer: hub.idp.issuer.issuer, subject: 'analyst-7' };
  identityOf = (principal) => ({ ...principal, ...grantee });
  grants = [await plantCanaryGrant(hub.databaseUrls, grantee)];
});
afterAll(() => hub?.stop());

/** What each agency's part of a Person can select: pieces a generated operation combines. */
const pieces = {
  police: [
    'pncId',
    'warningMarkers { type note }',
    'incidents { category incident { id type involved { category } } }',
    'intelligenceReports { id summary contact dissemination grading { handling } }',
  ],
  customs: ['nationality', 'crossings { port travelDocument }', 'seizures { goods }', 'flags { reason }'],
  probation: ['crn', 'supervisionOrders { id type conditions { type detail } offenderManager { name } }'],
} as const;
type Agency = keyof typeof pieces;
const typeOfProfile: Record<Agency, string> = {
  police: 'PoliceProfile',
  customs: 'CustomsProfile',
  probation: 'ProbationProfile',
};

/** One agency's block: some pieces, each maybe aliased, maybe inside an inline fragment. */
const blockArbitrary = (agency: Agency) =>
  fc
    .tuple(
      fc.subarray([...pieces[agency]], { minLength: 1 }),
      fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
      fc.boolean(),
      fc.boolean(),
    )
    .map(([chosen, aliases, inline, aliasBlock]) => {
      const inner = chosen.map((piece, index) => (aliases[index] ? `a${index}_${agency}: ${piece}` : piece)).join(' ');
      const body = inline ? `... on ${typeOfProfile[agency]} { ${inner} }` : inner;
      return `${aliasBlock ? `my_${agency}: ` : ''}${agency} { ${body} }`;
    });

/** A whole operation: a root (one person, a list, an alias), agency blocks, fragments. */
const operationArbitrary = fc
  .tuple(
    fc.subarray(['police', 'customs', 'probation'] as Agency[], { minLength: 1 }),
    fc.constantFrom('person', 'people', 'aliased'),
    fc.boolean(),
  )
  .chain(([agencies, root, named]) =>
    fc.tuple(...agencies.map(blockArbitrary)).map((blocks) => {
      const selection = `nationalId ${blocks.join(' ')}`;
      const onPerson = named ? '...Canaried' : `... on Person { ${selection} }`;
      const fragment = named ? ` fragment Canaried on Person { ${selection} }` : '';
      const rootField =
        root === 'people'
          ? `people(nationalIds: ["${subject.nationalId}", "TS0000002"])`
          : `${root === 'aliased' ? 'target: ' : ''}person(nationalId: "${subject.nationalId}")`;
      return { query: `query Probe { ${rootField} { ${onPerson} } }${fragment}`, agencies, blocks };
    }),
  );

function entitled(
  canary: Canary,
  principal: Principal,
  purpose: Purpose | null,
  withGrants: readonly DisclosureGrant[] = grants,
): boolean {
  const decision = decide(principal, purpose, canary.coordinate, canary.record, withGrants);
  return decision.effect === 'allow' && (!canary.via || entitled(canary.via, principal, purpose, withGrants));
}

/** Every canary in a response body, with whether this caller was entitled to it. */
function sightings(body: string, principal: Principal, purpose: Purpose | null) {
  return [...body.matchAll(/CANARY-[a-z0-9-]+/g)].map(([marker]) => {
    const canary = canaries.get(marker);
    if (!canary) throw new Error(`unknown canary ${marker}`);
    const byGrant = entitled(canary, principal, purpose) && !entitled(canary, principal, purpose, []);
    return { marker, entitled: entitled(canary, principal, purpose), byGrant };
  });
}

test('no caller ever sees a restricted value it is not entitled to, through the gateway or _entities', async () => {
  let cases = 0;
  let seenByEntitled = 0;
  let seenUnderGrant = 0;
  const leaks: string[] = [];
  const check = (text: string, principal: Principal, purpose: Purpose | null, how: string) => {
    cases++;
    for (const sighting of sightings(text, principal, purpose)) {
      if (sighting.byGrant) seenUnderGrant++;
      if (sighting.entitled) seenByEntitled++;
      else leaks.push(`${sighting.marker} to ${JSON.stringify(principal)} for ${purpose} via ${how}`);
    }
  };
  await fc.assert(
    fc.asyncProperty(callerArbitrary, operationArbitrary, async ([generated, purpose], operation) => {
      const principal = identityOf(generated);
      const token = await hub.idp.token({
        agency: principal.agency,
        clearance: principal.clearance,
        roles: [...principal.roles],
        privileges: [...principal.privileges],
      });
      const response = await fetch(hub.gateway.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          'x-purpose': purpose ?? '',
          'x-justification': 'case 1',
        },
        body: JSON.stringify({ query: operation.query }),
      });
      check(await response.text(), principal, purpose, `gateway: ${operation.query}`);
      for (const [index, agency] of operation.agencies.entries()) {
        const direct = await call(
          agency,
          principal,
          purpose,
          entitiesQuery(subject.nationalId, operation.blocks[index]!),
        );
        check(JSON.stringify(direct.body), principal, purpose, `_entities at ${agency}`);
      }
    }),
    { numRuns: 300 },
  );
  console.log(
    `canary: ${cases} responses checked, ${seenByEntitled} canaries seen by entitled callers (${seenUnderGrant} under the grant), ${leaks.length} leaks`,
  );
  expect(leaks).toEqual([]);
  // The canaries were reachable: the absence of leaks is not the absence of data.
  expect(seenByEntitled).toBeGreaterThan(100);
  // And the grant released some: what it covers was tested, not only what it does not.
  expect(seenUnderGrant).toBeGreaterThan(0);
  // 300 generated cases of up to four requests each: a quarter of a minute alone, several beside other files.
}, 180_000);
