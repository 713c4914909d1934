import { buildSchema, GraphQLObjectType } from 'graphql';
import { describe, expect, test } from 'vitest';
import { agencies, contractFor, decide, type Agency, type Principal } from '../src/index.ts';
import { privileges, purposes, roles } from '../src/vocabulary.ts';

// The fields of the hub's API that rules name, in a small schema of the same shape.
const schema = buildSchema(`
  type Query { person(nationalId: ID!): Person explain(operation: String!, purpose: String!): [FieldDecision!] consultations: [Consultation!] }
  type Person { nationalId: ID! givenName: String police: PoliceProfile customs: CustomsProfile }
  type PoliceProfile { warningMarkers: [WarningMarker!] intelligence: [Intelligence!] }
  type WarningMarker { type: String }
  type Intelligence { summary: String grading: String }
  type CustomsProfile { crossings: [BorderCrossing!] }
  type BorderCrossing { port: String crossedAt: String }
  type FieldDecision { coordinate: String effect: String }
  type Consultation { requestId: ID }
`);

const coordinatesOf = (sdl: string): Set<string> => {
  const contract = buildSchema(sdl);
  return new Set(
    Object.values(contract.getTypeMap()).flatMap((type) =>
      type instanceof GraphQLObjectType && !type.name.startsWith('__')
        ? Object.keys(type.getFields()).map((field) => `${type.name}.${field}`)
        : [],
    ),
  );
};

/** Whether any principal of the agency (any role, every privilege, top clearance) is ever given the field. */
const everReleased = (agency: Agency, coordinate: string) =>
  roles.some((role) =>
    [null, ...purposes].some((purpose) => {
      const principal: Principal = {
        issuer: 'test',
        subject: 'test',
        agency,
        roles: [role],
        clearance: 'SECRET',
        privileges: [...privileges],
      };
      return decide(principal, purpose, coordinate).effect !== 'deny';
    }),
  );

describe('contractFor', () => {
  test.each(agencies)('the %s contract is valid SDL, and holds only fields a decision could release', (agency) => {
    const contract = coordinatesOf(contractFor(schema, agency));
    for (const coordinate of contract) {
      expect(everReleased(agency, coordinate), coordinate).toBe(true);
    }
  });

  test('a partner sees its own records and what agreements release to it, not what they keep from it', () => {
    const customs = coordinatesOf(contractFor(schema, 'customs'));
    expect(customs).toContain('BorderCrossing.port');
    expect(customs).toContain('WarningMarker.type');
    expect(customs).not.toContain('Intelligence.summary');
    expect(customs).not.toContain('Query.consultations');
    const oversight = coordinatesOf(contractFor(schema, 'oversight'));
    expect(oversight).toContain('Query.consultations');
  });
});
