import { describe, expect, test } from 'vitest';
import { decide, decideRecord, type DisclosureGrant, type Principal } from '../src/index.ts';

const customsOfficer: Principal = {
  issuer: 'https://idp.customs.test',
  subject: 'officer-1',
  agency: 'customs',
  roles: ['officer'],
  clearance: 'OFFICIAL',
  privileges: [],
};
const grant: DisclosureGrant = {
  id: 'police:g-1',
  owner: 'police',
  grantee: { issuer: customsOfficer.issuer, subject: customsOfficer.subject },
  purpose: 'border-control',
  fields: ['Person.police', 'PoliceProfile.intelligenceReports', 'IntelligenceReport.summary'],
  records: ['intelligence/r-1'],
  legalBasis: 'Approved by police supervisor S on 2026-11-30: for the stop at Dover.',
};
const granted = { id: 'intelligence/r-1', dissemination: 'gray' as const, handlingCode: 'P' as const };
const summary = 'IntelligenceReport.summary';

describe('a disclosure grant', () => {
  test('releases what no clause does, naming itself and its approval as the legal basis', () => {
    expect(decide(customsOfficer, 'border-control', summary).effect).toBe('deny');
    expect(decide(customsOfficer, 'border-control', summary, undefined, [grant])).toMatchObject({
      effect: 'allow',
      rule: 'grant:police:g-1',
      legalBasis: grant.legalBasis,
      conditional: true,
    });
    expect(decide(customsOfficer, 'border-control', summary, granted, [grant])).toMatchObject({
      effect: 'allow',
      conditional: false,
    });
    expect(decideRecord(customsOfficer, 'border-control', 'IntelligenceReport', granted, [grant]).effect).toBe('allow');
  });

  test('releases nothing outside itself: another record, field, principal or purpose is decided as without it', () => {
    const outside = [
      decide(customsOfficer, 'border-control', summary, { ...granted, id: 'intelligence/r-2' }, [grant]),
      decide(customsOfficer, 'border-control', 'IntelligenceReport.assessment', granted, [grant]),
      decide({ ...customsOfficer, subject: 'officer-2' }, 'border-control', summary, granted, [grant]),
      decide(customsOfficer, 'criminal-investigation', summary, granted, [grant]),
      decideRecord(customsOfficer, 'border-control', 'IntelligenceReport', { ...granted, id: 'intelligence/r-2' }, [
        grant,
      ]),
    ];
    for (const decision of outside) expect(decision.rule).not.toMatch(/^grant:/);
    // A gray record's fields stay pointers; a record the caller has no clause for stays out of sight.
    expect(outside.map((decision) => decision.effect)).toEqual(['pointer', 'pointer', 'pointer', 'pointer', 'deny']);
  });

  test('never overrides the record rules every partner is held to', () => {
    for (const record of [
      { ...granted, dissemination: 'black' as const },
      { ...granted, pastReviewDate: true },
      {
        ...granted,
        handlingCode: 'C' as const,
        handlingConditions: [{ kind: 'not-to-agency' as const, value: 'customs' }],
      },
    ]) {
      expect(decide(customsOfficer, 'border-control', summary, record, [grant]).effect).toBe('deny');
      expect(decideRecord(customsOfficer, 'border-control', 'IntelligenceReport', record, [grant]).effect).toBe('deny');
    }
  });
});
