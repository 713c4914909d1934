import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { population } from '@tessera/demo';
import { startTestHub, testPopulation, testSeed, type TestHub } from './fixtures/startTestHub.ts';
import { partners, queryAs, type Partner } from './fixtures/principals.ts';
import { callerArbitrary } from '../policies/tests/arbitraries.ts';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub?.stop());

/** Every list of each agency's profile, as deep as a partner might look. */
const profiles = {
  police: 'police { warningMarkers { type } incidents { category } intelligenceReports { id } }',
  customs: 'customs { crossings { id } seizures { id } flags { type } }',
  probation: 'probation { supervisionOrders { id conditions { type } } }',
} as const;
type Owner = keyof typeof profiles;

/** Partners of each owner, each for a purpose an agreement grants it. */
const askers: [string, Partner, string, Owner[]][] = [
  ['customs officer', partners.customsOfficer, 'border-control', ['police', 'probation']],
  ['customs investigator', partners.customsInvestigator, 'criminal-investigation', ['police', 'probation']],
  ['offender manager', partners.offenderManager, 'offender-management', ['police', 'customs']],
  ['police officer', partners.policeOfficer, 'criminal-investigation', ['customs', 'probation']],
  ['police investigator', partners.policeInvestigator, 'intelligence-analysis', ['customs', 'probation']],
];

const citizens = [...population(testSeed, testPopulation)];

/** Asks for everyone's part of each owner, and holds every "nothing" to one shape: the stranger's. */
async function expectOneShapeOfNothing(partner: Partner, purpose: string | null, owners: readonly Owner[]) {
  for (const owner of owners) {
    const { status, body } = await queryAs(hub, partner, purpose, {
      query: `query($ids: [ID!]!) { people(nationalIds: $ids) { nationalId ${profiles[owner]} } }`,
      variables: { ids: citizens.map((citizen) => citizen.nationalId) },
    });
    if (status !== 200) return status;
    const people = (body.data as { people: Record<string, unknown>[] | null }).people;
    // Refused the list itself: nobody in it, known or not, shows at all.
    if (people === null) {
      expect(body.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([[['people'], 'FORBIDDEN']]);
      continue;
    }
    const errorsAt = (index: number) =>
      (body.errors ?? [])
        .filter((error) => error.path?.[1] === index)
        .map((error) => [error.path?.slice(2).join('.'), error.extensions?.code, error.extensions?.coordinate])
        .sort();
    const seen = (index: number) => JSON.stringify([people[index]![owner], errorsAt(index)]);
    const unknownShapes = new Set(
      citizens.flatMap((citizen, index) => (citizen.knownTo.includes(owner) ? [] : [seen(index)])),
    );
    // Everyone the owner does not know looks alike, and so does everyone it knows only invisibly.
    expect(unknownShapes.size, `${owner}: people unknown to the owner differ`).toBe(1);
    const [nothing] = unknownShapes;
    const knownInvisibly = citizens.filter((citizen, index) => {
      if (!citizen.knownTo.includes(owner)) return false;
      const profile = people[index]![owner] as Record<string, unknown> | null;
      return (
        profile !== null &&
        Object.values(profile).every((value) => value === null || (Array.isArray(value) && value.length === 0))
      );
    });
    for (const citizen of knownInvisibly)
      expect(seen(citizens.indexOf(citizen)), `${owner} ${citizen.nationalId}`).toBe(nothing);
  }
  return 200;
}

describe('"nothing you may see" reads the same as "nothing known", for every agency field', () => {
  test.each(askers)('%s', async (_, partner, purpose, owners) => {
    expect(await expectOneShapeOfNothing(partner, purpose, owners)).toBe(200);
  });

  test('property: for any partner of an owner, any roles, clearance, privileges and purpose', async () => {
    let answered = 0;
    await fc.assert(
      fc.asyncProperty(callerArbitrary, async ([principal, purpose]) => {
        const owners = (Object.keys(profiles) as Owner[]).filter((owner) => owner !== principal.agency);
        const status = await expectOneShapeOfNothing(principal, purpose, owners);
        expect(status).toBeLessThan(500);
        if (status === 200) answered++;
      }),
      { numRuns: 80 },
    );
    expect(answered).toBeGreaterThan(10);
  });

  test('the cases the attacker named do occur in the data, so the comparison above is not empty', async () => {
    const { body } = await queryAs(hub, partners.customsOfficer, 'border-control', {
      query: `query($ids: [ID!]!) { people(nationalIds: $ids) { ${profiles.police} ${profiles.probation} } }`,
      variables: { ids: citizens.map((citizen) => citizen.nationalId) },
    });
    const people = (
      body.data as { people: { police: { warningMarkers: unknown[] }; probation: { supervisionOrders: unknown[] } }[] }
    ).people;
    const knownToPoliceOnlyInvisibly = citizens.filter(
      (citizen, index) => citizen.knownTo.includes('police') && people[index]!.police.warningMarkers.length === 0,
    );
    const probationersWithoutTravelBan = citizens.filter(
      (citizen, index) =>
        citizen.knownTo.includes('probation') && people[index]!.probation.supervisionOrders.length === 0,
    );
    expect(knownToPoliceOnlyInvisibly.length).toBeGreaterThan(0);
    expect(probationersWithoutTravelBan.length).toBeGreaterThan(0);
  });

  test('the owner’s own staff still see null for a person their agency does not know', async () => {
    const unknown = citizens.find((citizen) => !citizen.knownTo.includes('police'))!;
    const { body } = await queryAs(hub, partners.policeOfficer, 'criminal-investigation', {
      query: `query($id: ID!) { person(nationalId: $id) { police { warningMarkers { type } } } }`,
      variables: { id: unknown.nationalId },
    });
    expect(body.data).toEqual({ person: { police: null } });
  });
});
