import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { decide, isPurposeFree, isPurposeGranted } from '@tessera/policies';
import { demoSubjectIndex, nationalIdOf } from '@tessera/demo';
import { callerArbitrary } from '../policies/tests/arbitraries.ts';
import { startTestHub, type TestHub } from './fixtures/startTestHub.ts';
import { partners, queryAs } from './fixtures/principals.ts';

// The attacker's way in is the operation as much as the principal: the same fields asked through aliases, inline
// and named fragments, @include and @skip must give exactly what the plain question gives, and no more.
let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub?.stop());

/** The part of the schema a person's picture reads: each type's fields, and the type of those that are objects. */
const types: Readonly<Record<string, Readonly<Record<string, string | null>>>> = {
  Person: {
    nationalId: null,
    givenName: null,
    familyName: null,
    dateOfBirth: null,
    police: 'PoliceProfile',
    customs: 'CustomsProfile',
    probation: 'ProbationProfile',
  },
  PoliceProfile: {
    pncId: null,
    warningMarkers: 'WarningMarker',
    incidents: 'IncidentInvolvement',
    intelligenceReports: 'IntelligenceReport',
  },
  WarningMarker: { type: null, addedOn: null, note: null },
  IncidentInvolvement: { category: null, incident: 'Incident' },
  Incident: { id: null, type: null, occurredAt: null, location: 'Location', involved: 'IncidentPerson' },
  Location: { district: null },
  IncidentPerson: { category: null, person: 'Person' },
  IntelligenceReport: { id: null, summary: null, dissemination: null, reviewDate: null },
  CustomsProfile: { nationality: null, crossings: 'BorderCrossing', seizures: 'Seizure' },
  BorderCrossing: { crossedAt: null, port: null, direction: null, travelDocument: null },
  Seizure: { seizedAt: null, goods: null, valueGbp: null },
  ProbationProfile: { crn: null, supervisionOrders: 'SupervisionOrder' },
  SupervisionOrder: { type: null, riskLevel: null, endDate: null },
};

/** The refusals of an operation past one of the gateway's limits (docs/errors.md). */
const limitCodes = new Set([
  'QUERY_TOO_COMPLEX',
  'QUERY_TOO_DEEP',
  'TOO_MANY_ALIASES',
  'TOO_MANY_DIRECTIVES',
  'TOO_MANY_ROOT_FIELDS',
  'TOO_MANY_TOKENS',
]);

/** One field as an operation may ask for it: under an alias, in a fragment, kept or dropped by a directive. */
interface Asked {
  readonly field: string;
  readonly alias: string | null;
  readonly wrapper: 'none' | 'inline' | 'named';
  readonly directive: 'none' | '@include(if: $yes)' | '@include(if: $no)' | '@skip(if: $yes)' | '@skip(if: $no)';
  /** Where the directive stands: on the field, or on the fragment around it (when there is one). */
  readonly on: 'field' | 'fragment';
  readonly selection: readonly Asked[];
}

const kept = (asked: Asked) => asked.directive !== '@include(if: $no)' && asked.directive !== '@skip(if: $yes)';

/** How deep the tree is followed: from a person to an incident's other people, and their own fields only. */
const deepest = 5;

/** A type's fields at a depth: its objects' only while the tree goes deeper. */
const fieldsAt = (type: string, depth: number) =>
  Object.keys(types[type]!).filter((field) => depth < deepest || !types[type]![field]);

/**
 * Up to four of a type's fields, each disguised, some asked twice (under one key, their selections merge). Few, so
 * that operations stay within the limits and an object's every field is often dropped by a condition.
 */
function selectionOf(type: string, depth = 0): fc.Arbitrary<Asked[]> {
  const fields = types[type]!;
  // __typename too: the type's name, wherever it is asked, and never withheld.
  const names = [...fieldsAt(type, depth), '__typename'];
  return fc.array(fc.constantFrom(...names), { minLength: 1, maxLength: 4 }).chain((names) =>
    fc.tuple(
      ...names.map((field) =>
        fc.record({
          field: fc.constant(field),
          alias: fc.oneof({ arbitrary: fc.constant(null), weight: 2 }, fc.constant(`${field}As`)),
          wrapper: fc.constantFrom('none' as const, 'inline' as const, 'named' as const),
          // Mostly none, and aliases for a third: the operation stays within the limits more often than not.
          directive: fc.oneof(
            { arbitrary: fc.constant('none' as const), weight: 2 },
            fc.constantFrom(
              '@include(if: $yes)' as const,
              '@include(if: $no)' as const,
              '@skip(if: $yes)' as const,
              '@skip(if: $no)' as const,
            ),
          ),
          on: fc.constantFrom('field' as const, 'fragment' as const),
          selection: fields[field] ? selectionOf(fields[field], depth + 1) : fc.constant([]),
        }),
      ),
    ),
  );
}

/** The ways in: a person, a list of people in the order asked, an area's incidents (each with its people). */
const roots = {
  person: {
    type: 'Person',
    field: 'person(nationalId: $id)',
    variable: '$id: ID!',
    variables: (index: number) => ({ id: nationalIdOf(index) }),
  },
  people: {
    type: 'Person',
    field: 'people(nationalIds: $ids)',
    variable: '$ids: [ID!]!',
    variables: (index: number) => ({ ids: [index, index + 1, index + 2].map(nationalIdOf) }),
  },
  recentIncidents: {
    type: 'Incident',
    field: 'recentIncidents(district: $district, limit: 4)',
    variable: '$district: String!',
    variables: (index: number) => ({ district: ['Old Town', 'Harbourside', 'Riverside'][index % 3] }),
  },
} as const;
type Root = keyof typeof roots;

/**
 * Where another operation stands in the document, one that asks what is withheld from most callers: the request
 * names the operation to run (`Asked`), and only that one may be decided and answered.
 */
type Decoy = 'none' | 'before' | 'after';
const decoy = `query Decoy { person(nationalId: "${nationalIdOf(demoSubjectIndex)}") { police { intelligenceReports { summary } } customs { seizures { goods } } } }`;

/** The operation's text: named fragments written out after it, one per use, and the decoy where drawn. */
function print(root: Root, selection: readonly Asked[], decoyAt: Decoy): string {
  const fragments: string[] = [];
  const printSet = (type: string, asked: readonly Asked[]): string =>
    asked
      .map((each) => {
        const child = types[type]![each.field];
        const directive = each.directive === 'none' ? '' : ` ${each.directive}`;
        const onFragment = each.on === 'fragment' && each.wrapper !== 'none';
        const field = `${each.alias ? `${each.alias}: ` : ''}${each.field}${onFragment ? '' : directive}${child ? ` { ${printSet(child, each.selection)} }` : ''}`;
        if (each.wrapper === 'inline') return `... on ${type}${onFragment ? directive : ''} { ${field} }`;
        if (each.wrapper === 'none') return field;
        fragments.push(`fragment F${fragments.length} on ${type} { ${field} }`);
        return `...F${fragments.length - 1}${onFragment ? directive : ''}`;
      })
      .join(' ');
  const asked = printSet(roots[root].type, selection);
  // Both variables used whatever was drawn: an unused variable is an invalid operation.
  return [
    ...(decoyAt === 'before' ? [decoy] : []),
    `query Asked(${roots[root].variable}, $yes: Boolean!, $no: Boolean!) { ${roots[root].field} { __typename @include(if: $yes) @skip(if: $no) ${asked} } }`,
    ...fragments,
    ...(decoyAt === 'after' ? [decoy] : []),
  ].join('\n');
}

/** Every field of the tree, plainly: what the disguised operation is held to. */
const plain = (type: string, depth = 0): string =>
  fieldsAt(type, depth)
    .map((field) => (types[type]![field] ? `${field} { ${plain(types[type]![field]!, depth + 1)} }` : field))
    .join(' ');
const plainQuery = (root: Root) =>
  `query(${roots[root].variable}) { ${roots[root].field} { ${plain(roots[root].type)} } }`;

/** What the disguised operation must answer, taken from the plain answer, and where a withheld field must be named. */
function expectedOf(
  type: string,
  selection: readonly Asked[],
  plainValue: Record<string, unknown>,
  at: string,
  denied: (coordinate: string) => boolean,
  denials: Set<string>,
): Record<string, unknown> {
  const answer: Record<string, unknown> = {};
  for (const each of selection.filter(kept)) {
    const key = each.alias ?? each.field;
    const child = types[type]![each.field];
    const value = each.field === '__typename' ? type : plainValue[each.field];
    if (each.field !== '__typename' && denied(`${type}.${each.field}`)) denials.add(`${at}${key}`);
    const asked =
      !child || value === null || value === undefined
        ? value
        : Array.isArray(value)
          ? value.map((item, index) =>
              expectedOf(child, each.selection, item, `${at}${key}/${index}/`, denied, denials),
            )
          : expectedOf(child, each.selection, value as Record<string, unknown>, `${at}${key}/`, denied, denials);
    answer[key] = key in answer ? merged(answer[key], asked) : asked;
  }
  return answer;
}

/** Two answers to one field asked twice, as GraphQL merges them: each object's keys from both, list by list. */
function merged(first: unknown, second: unknown): unknown {
  if (Array.isArray(first) && Array.isArray(second)) return first.map((item, index) => merged(item, second[index]));
  if (first === null || second === null || typeof first !== 'object' || typeof second !== 'object') return second;
  const both: Record<string, unknown> = { ...first };
  for (const [key, value] of Object.entries(second)) both[key] = key in both ? merged(both[key], value) : value;
  return both;
}

const coordinatesOf = (type: string, selection: readonly Asked[]): string[] =>
  selection.flatMap((each) => [
    ...(each.field === '__typename' ? [] : [`${type}.${each.field}`]),
    ...(types[type]![each.field] ? coordinatesOf(types[type]![each.field]!, each.selection) : []),
  ]);

/** A way in, what is asked through it, and where the decoy stands. */
const operationArbitrary = fc
  .constantFrom<Root>('person', 'people', 'recentIncidents')
  .chain((root) =>
    fc.tuple(fc.constant(root), selectionOf(roots[root].type), fc.constantFrom<Decoy>('none', 'before', 'after')),
  );

test('property: whatever the operation and whoever asks, a disguised question gets the plain answer and no more', async () => {
  const plainAnswers = new Map<string, Promise<Awaited<ReturnType<typeof queryAs>>>>();
  let compared = 0;
  await fc.assert(
    fc.asyncProperty(
      callerArbitrary,
      operationArbitrary,
      fc.constantFrom(demoSubjectIndex, 3, 41),
      async ([principal, purpose], [root, selection, decoyAt], index) => {
        const variables = { ...roots[root].variables(index), yes: true, no: false };
        const query = print(root, selection, decoyAt);
        const { status, body } = await queryAs(hub, principal, purpose, { query, variables, operationName: 'Asked' });
        const who = JSON.stringify({ principal, purpose, query, status, errors: body.errors });
        expect(status, who).toBeLessThan(500);
        // Past a limit, refused as bad input: as it must be, and nothing to compare.
        if (status === 400 && limitCodes.has(String(body.errors?.[0]?.extensions?.code))) return;
        if (principal.roles.includes('system')) {
          expect(
            body.errors?.map((error) => error.extensions?.code),
            who,
          ).toEqual(['PERSISTED_QUERY_NOT_IN_LIST']);
          return;
        }
        const needsPurpose = [`Query.${root}`, ...coordinatesOf(roots[root].type, selection)].some(
          (coordinate) => !isPurposeFree(coordinate),
        );
        if (needsPurpose && (purpose === null || !isPurposeGranted(principal, purpose))) {
          expect(body.data, who).toBeUndefined();
          return;
        }
        const key = JSON.stringify([principal, purpose, root, index]);
        if (!plainAnswers.has(key))
          plainAnswers.set(
            key,
            queryAs(hub, principal, purpose, { query: plainQuery(root), variables: roots[root].variables(index) }),
          );
        const plainAnswer = await plainAnswers.get(key)!;
        // A question that needs no purpose, from a caller the plain question is refused to: nothing to hold it to.
        if (plainAnswer.status !== 200) return;
        const denials = new Set<string>();
        const denied = (coordinate: string) =>
          !['allow', 'mask'].includes(decide(principal, purpose, coordinate).effect);
        const { type } = roots[root];
        const expectedOne = (plainOne: Record<string, unknown> | null, at: string) =>
          plainOne && { __typename: type, ...expectedOf(type, selection, plainOne, at, denied, denials) };
        if (denied(`Query.${root}`)) denials.add(root);
        const plainValue = (plainAnswer.body.data as Record<Root, unknown>)[root];
        const expected = Array.isArray(plainValue)
          ? plainValue.map((plainOne, position) => expectedOne(plainOne, `${root}/${position}/`))
          : expectedOne(plainValue as Record<string, unknown> | null, `${root}/`);
        expect((body.data as Record<Root, unknown> | undefined)?.[root], who).toEqual(expected);
        const fromGateway = (body.errors ?? [])
          .filter((error) => error.extensions?.code === 'FORBIDDEN' && error.extensions?.serviceName === undefined)
          .map((error) => error.path!.join('/'));
        expect(new Set(fromGateway), who).toEqual(new Set([...denials].filter((path) => isUnder(path, body.data))));
        compared++;
      },
    ),
    { numRuns: 300 },
  );
  expect(compared).toBeGreaterThan(60);
  // 300 generated cases of one or two requests each: 35 to 50 s beside other files, and once past the default minute.
}, 180_000);

/** Whether the object a path's last step is a field of is in the answer (a withheld parent names only itself). */
function isUnder(path: string, data: unknown): boolean {
  const steps = path.split('/').slice(0, -1);
  let value = data;
  for (const step of steps) {
    if (value === null || typeof value !== 'object') return false;
    value = (value as Record<string, unknown>)[step];
  }
  return value !== null && typeof value === 'object';
}

/** Each field an operation selects, whatever directive stands on it: where it lands, and its coordinate. */
const selectedOf = (type: string, selection: readonly Asked[], at: string): [string, string][] =>
  selection.flatMap((each): [string, string][] => {
    if (each.field === '__typename') return [];
    const path = `${at}.${each.alias ?? each.field}`;
    const child = types[type]![each.field];
    return [[path, `${type}.${each.field}`], ...(child ? selectedOf(child, each.selection, path) : [])];
  });

test('property: explain names every field of any operation, through its disguises, as decide() decides it', async () => {
  const explainQuery = `query($operation: String!, $purpose: String!, $principal: PrincipalInput) {
    explain(operation: $operation, operationName: "Asked", purpose: $purpose, principal: $principal) {
      path coordinate effect rule
    }
  }`;
  let explained = 0;
  await fc.assert(
    fc.asyncProperty(callerArbitrary, operationArbitrary, async ([principal, purpose], [root, selection, decoyAt]) => {
      if (purpose === null) return;
      const { agency, roles, clearance, privileges } = principal;
      const operation = print(root, selection, decoyAt);
      const { body } = await queryAs(hub, partners.overseer, null, {
        query: explainQuery,
        variables: { operation, purpose, principal: { agency, roles, clearance, privileges } },
      });
      const who = JSON.stringify({ principal, purpose, operation, errors: body.errors });
      if (limitCodes.has(String(body.errors?.[0]?.extensions?.code))) return;
      expect(body.errors, who).toBeUndefined();
      const entry = ([path, coordinate]: [string, string]) => {
        const { effect, rule } = decide(principal, purpose, coordinate);
        return `${path} ${coordinate} ${effect.toUpperCase()} ${rule}`;
      };
      const expected = [[root, `Query.${root}`] as [string, string], ...selectedOf(roots[root].type, selection, root)];
      const entries = (body.data as { explain: { path: string; coordinate: string; effect: string; rule: string }[] })
        .explain;
      expect(
        new Set(entries.map((each) => `${each.path} ${each.coordinate} ${each.effect} ${each.rule}`)),
        who,
      ).toEqual(new Set(expected.map(entry)));
      explained++;
    }),
    { numRuns: 100 },
  );
  expect(explained).toBeGreaterThan(40);
});
