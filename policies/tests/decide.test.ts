import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  agreements,
  decide,
  decideRecord,
  isPurposeGranted,
  ownerOf,
  typeOf,
  type Principal,
  type Purpose,
  type RecordAttributes,
} from '../src/index.ts';
import {
  coordinateArbitrary,
  narrowedArbitrary,
  principalArbitrary,
  purposeArbitrary,
  recordArbitrary,
} from './arbitraries.ts';

const principal = (
  agency: Principal['agency'],
  role: Principal['roles'][number],
  extra: Partial<Principal> = {},
): Principal => ({
  issuer: 'https://idp.test',
  subject: `${agency}-${role}`,
  agency,
  roles: [role],
  clearance: 'OFFICIAL',
  privileges: [],
  ...extra,
});

const customsOfficer = principal('customs', 'officer');
const customsInvestigator = principal('customs', 'investigator', {
  clearance: 'OFFICIAL-SENSITIVE',
  privileges: ['intelligence-certified'],
});
const offenderManager = principal('probation', 'officer');
const policeInvestigator = principal('police', 'investigator', { clearance: 'SECRET' });
const overseer = principal('oversight', 'auditor', { clearance: 'SECRET' });
const white: RecordAttributes = {
  handlingCode: 'P',
  handlingConditions: [],
  dissemination: 'white',
  pastReviewDate: false,
};

describe('the demo agreements', () => {
  test.each<[string, Principal, Purpose, string, RecordAttributes | undefined, string, string]>([
    [
      'customs officers at the border see violence markers',
      customsOfficer,
      'border-control',
      'WarningMarker.type',
      { kinds: ['violence'] },
      'allow',
      'police-2.1',
    ],
    [
      '... and weapons markers',
      customsOfficer,
      'border-control',
      'WarningMarker.type',
      { kinds: ['weapons'] },
      'allow',
      'police-2.1',
    ],
    [
      '... but not drugs markers',
      customsOfficer,
      'border-control',
      'WarningMarker.type',
      { kinds: ['drugs'] },
      'deny',
      'default-deny',
    ],
    [
      '... nor any intelligence text',
      customsOfficer,
      'border-control',
      'IntelligenceReport.summary',
      white,
      'deny',
      'default-deny',
    ],
    [
      '... and see a no-foreign-travel condition',
      customsOfficer,
      'border-control',
      'SupervisionCondition.type',
      { kinds: ['no-foreign-travel'] },
      'allow',
      'probation-2',
    ],
    [
      '... but not a curfew',
      customsOfficer,
      'border-control',
      'SupervisionCondition.type',
      { kinds: ['curfew'] },
      'deny',
      'default-deny',
    ],
    [
      '... nor the risk level',
      customsOfficer,
      'border-control',
      'SupervisionOrder.riskLevel',
      { kinds: ['no-foreign-travel'] },
      'deny',
      'default-deny',
    ],
    [
      '... and not for another purpose',
      customsOfficer,
      'criminal-investigation',
      'WarningMarker.type',
      { kinds: ['violence'] },
      'deny',
      'default-deny',
    ],
    [
      'offender managers see incidents where the supervisee is a suspect',
      offenderManager,
      'offender-management',
      'IncidentInvolvement.category',
      { dataSubjectCategory: 'suspect' },
      'allow',
      'police-3.1',
    ],
    [
      '... or convicted',
      offenderManager,
      'offender-management',
      'Incident.type',
      { dataSubjectCategory: 'convicted' },
      'allow',
      'police-3.1',
    ],
    [
      '... never where the person was a victim',
      offenderManager,
      'offender-management',
      'IncidentInvolvement.category',
      { dataSubjectCategory: 'victim' },
      'deny',
      'default-deny',
    ],
    [
      '... or a witness',
      offenderManager,
      'offender-management',
      'Incident.type',
      { dataSubjectCategory: 'witness' },
      'deny',
      'default-deny',
    ],
    [
      '... and see locations masked',
      offenderManager,
      'offender-management',
      'Location.latitude',
      { dataSubjectCategory: 'suspect' },
      'mask',
      'police-3.2',
    ],
    [
      'police investigators see customs crossings',
      policeInvestigator,
      'criminal-investigation',
      'BorderCrossing.port',
      undefined,
      'allow',
      'customs-2',
    ],
    [
      '... and seizures',
      policeInvestigator,
      'criminal-investigation',
      'Seizure.goods',
      undefined,
      'allow',
      'customs-2',
    ],
    [
      '... but not for border control',
      policeInvestigator,
      'border-control',
      'Seizure.goods',
      undefined,
      'deny',
      'default-deny',
    ],
    [
      'certified customs investigators see white P intelligence',
      customsInvestigator,
      'criminal-investigation',
      'IntelligenceReport.summary',
      white,
      'allow',
      'police-2.2',
    ],
    [
      '... not C intelligence withheld from customs',
      customsInvestigator,
      'criminal-investigation',
      'IntelligenceReport.summary',
      { ...white, handlingCode: 'C', handlingConditions: [{ kind: 'not-to-agency', value: 'customs' }] },
      'deny',
      'police-7.3',
    ],
    [
      '... but C intelligence whose conditions they meet',
      customsInvestigator,
      'criminal-investigation',
      'IntelligenceReport.summary',
      {
        ...white,
        handlingCode: 'C',
        handlingConditions: [{ kind: 'only-for-purpose', value: 'criminal-investigation' }],
      },
      'allow',
      'police-2.2',
    ],
    [
      '... a gray report only as a pointer',
      customsInvestigator,
      'criminal-investigation',
      'IntelligenceReport.summary',
      { ...white, dissemination: 'gray' },
      'pointer',
      'police-7.2',
    ],
    [
      '... whose contact is released',
      customsInvestigator,
      'criminal-investigation',
      'IntelligenceReport.contact',
      { ...white, dissemination: 'gray' },
      'allow',
      'police-7.2',
    ],
    [
      '... a black report not at all',
      customsInvestigator,
      'criminal-investigation',
      'IntelligenceReport.id',
      { ...white, dissemination: 'black' },
      'deny',
      'police-7.1',
    ],
    [
      '... nor one past its review date',
      customsInvestigator,
      'criminal-investigation',
      'IntelligenceReport.summary',
      { ...white, pastReviewDate: true },
      'deny',
      'police-8',
    ],
    [
      'police see their own black intelligence',
      policeInvestigator,
      'criminal-investigation',
      'IntelligenceReport.summary',
      { ...white, dissemination: 'black' },
      'allow',
      'police-1.2',
    ],
    [
      'the oversight agency gets no operational data',
      overseer,
      'oversight-audit',
      'Person.police',
      undefined,
      'deny',
      'default-deny',
    ],
    [
      '... nor identities from the register',
      overseer,
      'oversight-audit',
      'Person.familyName',
      undefined,
      'deny',
      'default-deny',
    ],
    ['... but may ask for an explanation', overseer, 'oversight-audit', 'Query.explain', undefined, 'allow', 'hub-2'],
  ])('%s', (_, who, purpose, coordinate, record, effect, rule) => {
    const decision = decide(who, purpose, coordinate, record);
    expect([decision.effect, decision.rule]).toEqual([effect, rule]);
  });

  test('threat to life opens the police record to sworn partners, flagged for review', () => {
    const sworn = { ...customsOfficer, privileges: ['sworn' as const] };
    expect(decide(customsOfficer, 'threat-to-life', 'PoliceProfile.incidents').effect).toBe('deny');
    expect(decide(sworn, 'threat-to-life', 'PoliceProfile.incidents')).toMatchObject({
      effect: 'allow',
      rule: 'police-4',
      reviewRequired: true,
    });
    expect(
      decide(sworn, 'threat-to-life', 'IntelligenceReport.summary', { ...white, dissemination: 'black' }).effect,
    ).toBe('deny');
  });

  test('a gray report is kept in the list as a pointer, a black one is left out', () => {
    expect(
      decideRecord(customsInvestigator, 'criminal-investigation', 'IntelligenceReport', {
        ...white,
        dissemination: 'gray',
      }).effect,
    ).toBe('pointer');
    expect(
      decideRecord(customsInvestigator, 'criminal-investigation', 'IntelligenceReport', {
        ...white,
        dissemination: 'black',
      }).effect,
    ).toBe('deny');
    expect(decideRecord(customsInvestigator, 'criminal-investigation', 'IntelligenceReport', white).effect).toBe(
      'allow',
    );
  });

  test('a purpose is granted only where some agreement names it for the agency and role', () => {
    expect(isPurposeGranted(customsOfficer, 'border-control')).toBe(true);
    expect(isPurposeGranted(customsOfficer, 'offender-management')).toBe(false);
    expect(isPurposeGranted(overseer, 'oversight-audit')).toBe(true);
    expect(isPurposeGranted(overseer, 'criminal-investigation')).toBe(false);
    // Finding people in the register serves a purpose; it never makes one lawful.
    expect(isPurposeGranted({ ...customsOfficer, roles: ['analyst'] }, 'offender-management')).toBe(false);
  });
});

describe('the agreements are well formed', () => {
  const rules = agreements.flatMap((agreement) => agreement.rules.map((rule) => ({ agreement, rule })));

  test('rule ids are unique across all agreements', () => {
    const ids = [
      ...rules.map(({ rule }) => rule.id),
      ...agreements.flatMap((agreement) => {
        const partner = agreement.partnerRecordRules;
        return partner
          ? [partner.black.id, partner.gray.id, partner.handlingConditions.id, partner.pastReviewDate.id]
          : [];
      }),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('each rule names only fields its owner holds, and each coordinate has one owner', () => {
    for (const { agreement, rule } of rules) {
      for (const field of rule.fields)
        expect(ownerOf(field.replace('*', 'anyField'))?.owner, `${rule.id} ${field}`).toBe(agreement.owner);
    }
  });

  test('a mask rule names its mask, and only mask rules do', () => {
    for (const { rule } of rules) expect(rule.mask !== undefined, rule.id).toBe(rule.effect === 'mask');
  });
});

describe('properties over every principal, purpose, field and record', () => {
  test('default deny: a coordinate no rule names is denied to everyone', () => {
    fc.assert(
      fc.property(principalArbitrary, purposeArbitrary, recordArbitrary, (who, purpose, record) => {
        expect(decide(who, purpose, 'Person.shoeSize', record).effect).toBe('deny');
        expect(decide(who, purpose, 'Secret.anything').rule).toBe('default-deny');
      }),
    );
  });

  test('every decision names a rule and a legal basis, and only allow and mask release a value', () => {
    fc.assert(
      fc.property(
        principalArbitrary,
        purposeArbitrary,
        coordinateArbitrary,
        fc.option(recordArbitrary, { nil: undefined }),
        (who, purpose, coordinate, record) => {
          const decision = decide(who, purpose, coordinate, record);
          expect(decision.rule).not.toBe('');
          expect(decision.legalBasis.length).toBeGreaterThan(10);
          expect(['allow', 'mask', 'pointer', 'deny']).toContain(decision.effect);
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('a record never widens what the field-level decision allows', () => {
    fc.assert(
      fc.property(
        principalArbitrary,
        purposeArbitrary,
        coordinateArbitrary,
        recordArbitrary,
        (who, purpose, coordinate, record) => {
          const withRecord = decide(who, purpose, coordinate, record);
          if (withRecord.effect === 'allow' || withRecord.effect === 'mask') {
            expect(['allow', 'mask']).toContain(decide(who, purpose, coordinate).effect);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('less clearance, fewer privileges or fewer roles never see more, field or record', () => {
    const openness = { deny: 0, pointer: 1, mask: 2, allow: 3 } as const;
    fc.assert(
      fc.property(
        narrowedArbitrary,
        purposeArbitrary,
        coordinateArbitrary,
        fc.option(recordArbitrary, { nil: undefined }),
        ([who, less], purpose, coordinate, record) => {
          const wider = decide(who, purpose, coordinate, record).effect;
          expect(openness[decide(less, purpose, coordinate, record).effect]).toBeLessThanOrEqual(openness[wider]);
          if (!record) return;
          const type = typeOf(coordinate);
          const widerRecord = decideRecord(who, purpose, type, record).effect;
          expect(openness[decideRecord(less, purpose, type, record).effect]).toBeLessThanOrEqual(openness[widerRecord]);
        },
      ),
      { numRuns: 5000 },
    );
  });

  test('partners never see black or past-review records; the owner’s own staff are not bound by them', () => {
    fc.assert(
      fc.property(principalArbitrary, purposeArbitrary, recordArbitrary, (who, purpose, record) => {
        const decision = decideRecord(who, purpose, 'IntelligenceReport', record);
        if (who.agency !== 'police' && (record.dissemination === 'black' || record.pastReviewDate)) {
          expect(decision.effect).toBe('deny');
        }
        if (who.agency === 'police') expect(decision.effect).not.toBe('pointer');
      }),
      { numRuns: 2000 },
    );
  });

  test('victims and witnesses are never released to probation as if they were suspects', () => {
    fc.assert(
      fc.property(
        principalArbitrary,
        purposeArbitrary,
        fc.constantFrom('victim' as const, 'witness' as const),
        (who, purpose, category) => {
          fc.pre(who.agency === 'probation' && purpose !== 'threat-to-life');
          expect(decideRecord(who, purpose, 'IncidentInvolvement', { dataSubjectCategory: category }).effect).toBe(
            'deny',
          );
        },
      ),
    );
  });
});
