import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { decide, decideRecord, type Principal, type Purpose, type RecordAttributes } from '@tessera/policies';
import { demoSubjectIndex, nationalIdOf } from '@tessera/demo';
import { callerArbitrary } from '../policies/tests/arbitraries.ts';
import { startTestHub, type GraphQLResult, type TestHub } from './fixtures/startTestHub.ts';
import { createInternalCaller, entitiesQuery, type InternalCall } from './fixtures/internalCaller.ts';
import { partners } from './fixtures/principals.ts';
import { sqlAt } from '@tessera/hub';

let hub: TestHub;
let call: InternalCall;
beforeAll(async () => {
  hub = await startTestHub();
  call = await createInternalCaller(hub);
});
afterAll(() => hub?.stop());

const demoSubject = nationalIdOf(demoSubjectIndex);
const asPrincipal = (partner: Omit<Principal, 'issuer' | 'subject'>): Principal => ({
  issuer: 'https://idp.test',
  subject: 'x',
  ...partner,
});
const released = (effect: string) => effect === 'allow' || effect === 'mask';

const rows = <Row>(subgraph: string, sql: string, values: unknown[]) =>
  sqlAt<Row>(hub.databaseUrls[subgraph]!, sql, values);

/** The FORBIDDEN errors of a response, by path: one error for each withheld field, located in the operation. */
function forbiddenPaths(result: GraphQLResult): Set<string> {
  const forbidden = (result.body.errors ?? []).filter((error) => error.extensions?.code === 'FORBIDDEN');
  const paths = new Set(forbidden.map((error) => error.path!.join('/')));
  expect(paths.size).toBe(forbidden.length);
  expect(forbidden.every((error) => (error.locations?.length ?? 0) > 0)).toBe(true);
  return paths;
}

describe('a forged _entities call with a valid internal token gets nothing it is not entitled to', () => {
  test.each([
    ['police', 'police { pncId warningMarkers { type } intelligenceReports { summary } }', 'Person.police'],
    ['customs', 'customs { crossings { port } seizures { goods } }', 'Person.customs'],
    ['probation', 'probation { crn supervisionOrders { riskLevel } }', 'Person.probation'],
    ['register', 'familyName dateOfBirth', 'Person.familyName'],
  ])('the %s subgraph refuses an overseer', async (subgraph, selection, coordinate) => {
    const people = [demoSubject, nationalIdOf(1), nationalIdOf(2)];
    const result = await call(
      subgraph,
      asPrincipal(partners.overseer),
      'oversight-audit',
      entitiesQuery(people, selection),
    );
    expect(result.status).toBe(200);
    const entities = (result.body.data as any)._entities as Record<string, unknown>[];
    expect(entities).toHaveLength(people.length);
    expect(entities.every((entity) => Object.values(entity).every((value) => value === null))).toBe(true);
    expect(result.body.errors?.every((error) => error.extensions?.code === 'FORBIDDEN')).toBe(true);
    // Each person's withheld field has its own error, at its own path.
    const forbidden = forbiddenPaths(result);
    const field = coordinate.split('.')[1];
    expect(people.every((_, index) => forbidden.has(`_entities/${index}/${field}`))).toBe(true);
  });

  test.each([
    ['a type the owner does not hold', { __typename: 'Incident', id: '1' }],
    ['a type that is no entity', { __typename: 'PoliceProfile', nationalId: demoSubject }],
    ['no key', { __typename: 'Person' }],
    ['a key that is no text', { __typename: 'Person', nationalId: 7 }],
    ['no type', { nationalId: demoSubject }],
    ['no object', 'Person'],
    ['a list', []],
  ])('each owner refuses a representation of %s as bad input, and answers nothing', async (_, representation) => {
    for (const subgraph of ['police', 'customs', 'probation', 'register']) {
      const result = await call(
        subgraph,
        asPrincipal(partners.policeInvestigator),
        'criminal-investigation',
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { nationalId } } }',
        { r: [{ __typename: 'Person', nationalId: demoSubject }, representation] },
      );
      expect(result.body.data, subgraph).toBeNull();
      expect(
        result.body.errors?.map((error) => [error.extensions?.code, error.message]),
        subgraph,
      ).toEqual([['BAD_USER_INPUT', expect.stringMatching(/^Not an entity of this subgraph: representations\[1\]: /)]]);
    }
  });
});

interface ReportRow {
  id: string;
  handling_code: 'P' | 'C';
  handling_conditions: RecordAttributes['handlingConditions'];
  dissemination: 'white' | 'gray' | 'black';
  review_date: string;
}

const reportFields = ['id', 'owner', 'summary', 'dissemination', 'reviewDate', 'recordedAt', 'contact', 'grading'];
const policeSelection = `police {
  pncId
  warningMarkers { type addedOn note }
  incidents { category incident { type location { district latitude } } }
  intelligenceReports { ${reportFields.map((field) => (field === 'grading' ? 'grading { source }' : field)).join(' ')} }
}`;

describe('the owner decides as decide() does, for any principal and purpose', () => {
  test('police: profile fields, which records are listed, and each field of each report', async () => {
    const markers = await rows<{ type: string }>(
      'police',
      'select type from police.warning_marker where national_id = $1',
      [demoSubject],
    );
    const involvements = await rows<{ category: string }>(
      'police',
      'select category from police.incident_person where national_id = $1',
      [demoSubject],
    );
    const reports = await rows<ReportRow>(
      'police',
      `select r.* , to_char(r.review_date, 'YYYY-MM-DD') as review_date from police.intelligence_report r
       join police.report_subject s on s.report_id = r.id where s.national_id = $1`,
      [demoSubject],
    );
    const today = new Date().toISOString().slice(0, 10);
    const reportAttributes = new Map(
      reports.map((report) => [
        report.id,
        {
          handlingCode: report.handling_code,
          handlingConditions: report.handling_conditions,
          dissemination: report.dissemination,
          pastReviewDate: report.review_date < today,
        } satisfies RecordAttributes,
      ]),
    );
    let cases = 0;
    let reportsListed = 0;
    await fc.assert(
      fc.asyncProperty(callerArbitrary, async ([principal, purpose]) => {
        cases++;
        const result = await call('police', principal, purpose, entitiesQuery(demoSubject, policeSelection));
        const police = (result.body.data as any)._entities[0].police;
        const forbidden = forbiddenPaths(result);
        const at = (...path: (string | number)[]) => ['_entities', 0, 'police', ...path].join('/');
        if (!released(decide(principal, purpose, 'Person.police').effect)) {
          expect(police).toBeNull();
          expect(forbidden.has('_entities/0/police')).toBe(true);
          return;
        }
        expect(police.pncId === null).toBe(!released(decide(principal, purpose, 'PoliceProfile.pncId').effect));
        const visible = <T>(list: T[], typeName: string, attributesOf: (row: T) => RecordAttributes) =>
          list.filter(
            (row) => decideRecord(principal, purpose as Purpose | null, typeName, attributesOf(row)).effect !== 'deny',
          ).length;
        if (released(decide(principal, purpose, 'PoliceProfile.warningMarkers').effect)) {
          expect(police.warningMarkers).toHaveLength(
            visible(markers, 'WarningMarker', (row) => ({ kinds: [row.type] })),
          );
        } else {
          expect(forbidden.has(at('warningMarkers'))).toBe(true);
        }
        if (released(decide(principal, purpose, 'PoliceProfile.incidents').effect)) {
          expect(police.incidents).toHaveLength(
            visible(involvements, 'IncidentInvolvement', (row) => ({ dataSubjectCategory: row.category as never })),
          );
        } else {
          expect(forbidden.has(at('incidents'))).toBe(true);
        }
        if (!released(decide(principal, purpose, 'PoliceProfile.intelligenceReports').effect)) {
          expect(forbidden.has(at('intelligenceReports'))).toBe(true);
          return;
        }
        const expectedIds = reports
          .filter(
            (report) =>
              decideRecord(principal, purpose, 'IntelligenceReport', reportAttributes.get(report.id)!).effect !==
              'deny',
          )
          .map((report) => report.id)
          .sort();
        const listed = police.intelligenceReports as Record<string, unknown>[];
        reportsListed += listed.length;
        expect(listed.map((report) => report.id).sort()).toEqual(expectedIds);
        listed.forEach((report, index) => {
          for (const field of reportFields) {
            const decision = decide(
              principal,
              purpose,
              `IntelligenceReport.${field}`,
              reportAttributes.get(report.id as string),
            );
            expect(forbidden.has(at('intelligenceReports', index, field)), `${report.id} ${field}`).toBe(
              !released(decision.effect),
            );
          }
        });
      }),
      { numRuns: 150 },
    );
    expect(cases).toBe(150);
    // The property held on released data too, not only on refusals.
    expect(reportsListed).toBeGreaterThan(50);
  });

  test('probation: an order is listed only with a condition the caller may see, and only those conditions', async () => {
    const conditions = await rows<{ type: string }>(
      'probation',
      `select c.type from probation.order_condition c join probation.supervision_order o on o.id = c.order_id where o.national_id = $1`,
      [demoSubject],
    );
    await fc.assert(
      fc.asyncProperty(callerArbitrary, async ([principal, purpose]) => {
        const result = await call(
          'probation',
          principal,
          purpose,
          entitiesQuery(demoSubject, 'probation { supervisionOrders { id conditions { type detail } } }'),
        );
        const probation = (result.body.data as any)._entities[0].probation;
        if (!released(decide(principal, purpose, 'Person.probation').effect)) {
          expect(probation).toBeNull();
          return;
        }
        if (!released(decide(principal, purpose, 'ProbationProfile.supervisionOrders').effect)) {
          expect(probation.supervisionOrders).toBeNull();
          return;
        }
        const kinds = conditions.map((condition) => condition.type);
        const orderVisible = decideRecord(principal, purpose, 'SupervisionOrder', { kinds }).effect !== 'deny';
        expect(probation.supervisionOrders).toHaveLength(orderVisible ? 1 : 0);
        if (!orderVisible || !released(decide(principal, purpose, 'SupervisionOrder.conditions', { kinds }).effect))
          return;
        const expected = kinds.filter(
          (kind) => decideRecord(principal, purpose, 'SupervisionCondition', { kinds: [kind] }).effect !== 'deny',
        );
        expect(probation.supervisionOrders[0].conditions).toHaveLength(expected.length);
      }),
      { numRuns: 100 },
    );
  });
});
