import { describe, expect, test } from 'vitest';
import { agreements, decide, describeGrant, grantsOf, isPurposeGranted, type Principal } from '../src/index.ts';
import { agencies, roles } from '../src/vocabulary.ts';

/**
 * Every grant of every clause, as reviewed by the data owners: a change to who receives what shows up
 * here as a diff a reviewer must accept, not as a side effect of a recipients list.
 */
const reviewed = [
  'police-1.1: police officer or investigator or analyst or supervisor, for criminal-investigation, intelligence-analysis, safeguarding, threat-to-life',
  'police-1.4: police officer or investigator or supervisor, for criminal-investigation, safeguarding',
  'police-1.3: police investigator or analyst or supervisor, cleared OFFICIAL-SENSITIVE or above, for criminal-investigation, intelligence-analysis',
  'police-1.2: police investigator or analyst or supervisor, cleared OFFICIAL-SENSITIVE or above, for criminal-investigation, intelligence-analysis, threat-to-life',
  'police-2.1: customs officer or supervisor or system, for border-control',
  'police-2.2: customs investigator, cleared OFFICIAL-SENSITIVE or above, holding intelligence-certified, for criminal-investigation',
  'police-3.1: probation officer or supervisor, for offender-management',
  'police-3.2: probation officer or supervisor, for offender-management',
  'police-3.3: probation officer or supervisor, for offender-management',
  'police-9.1: oversight auditor, for oversight-audit',
  'police-9.2: police supervisor, for intelligence-analysis',
  'police-10.1: customs officer or investigator or analyst or supervisor or system, for border-control',
  'police-10.2: probation officer or supervisor or analyst, for offender-management',
  'police-4: customs officer or investigator or supervisor, holding sworn, for threat-to-life',
  'police-4: probation officer or investigator or supervisor, holding sworn, for threat-to-life',
  'customs-1: customs officer or investigator or analyst or supervisor or system, for border-control, criminal-investigation, intelligence-analysis, threat-to-life',
  'customs-1.1: customs officer or supervisor or system, for border-control',
  'customs-2: police investigator or analyst or supervisor, for criminal-investigation, intelligence-analysis',
  'customs-3.1: probation officer or supervisor, for offender-management',
  'customs-3.2: probation officer or supervisor, for offender-management',
  'customs-5.1: police officer or investigator or analyst or supervisor, for criminal-investigation',
  'customs-5.2: probation officer or supervisor or analyst, for offender-management',
  'customs-4: police officer or investigator or supervisor, holding sworn, for threat-to-life',
  'customs-4: probation officer or investigator or supervisor, holding sworn, for threat-to-life',
  'probation-1: probation officer or supervisor or analyst or system, for offender-management, safeguarding, threat-to-life',
  'probation-1.1: probation officer or supervisor, for offender-management',
  'probation-2: customs officer or supervisor or system, for border-control',
  'probation-3: police officer or investigator or analyst or supervisor, for criminal-investigation, intelligence-analysis, safeguarding',
  'probation-5.1: police officer or investigator or analyst or supervisor, for criminal-investigation, safeguarding',
  'probation-5.2: customs officer or investigator or analyst or supervisor or system, for border-control',
  'probation-4: police officer or investigator or supervisor, holding sworn, for threat-to-life',
  'probation-4: customs officer or investigator or supervisor, holding sworn, for threat-to-life',
  'hub-1: police officer or investigator or analyst or supervisor or system, for criminal-investigation, intelligence-analysis, border-control, offender-management, safeguarding, threat-to-life (granted by another clause; this one grants no purpose)',
  'hub-1: customs officer or investigator or analyst or supervisor or system, for criminal-investigation, intelligence-analysis, border-control, offender-management, safeguarding, threat-to-life (granted by another clause; this one grants no purpose)',
  'hub-1: probation officer or investigator or analyst or supervisor or system, for criminal-investigation, intelligence-analysis, border-control, offender-management, safeguarding, threat-to-life (granted by another clause; this one grants no purpose)',
  'hub-2: police officer or investigator or analyst or supervisor or system or auditor or hub-admin, for any purpose (no purpose needed)',
  'hub-2: customs officer or investigator or analyst or supervisor or system or auditor or hub-admin, for any purpose (no purpose needed)',
  'hub-2: probation officer or investigator or analyst or supervisor or system or auditor or hub-admin, for any purpose (no purpose needed)',
  'hub-2: oversight officer or investigator or analyst or supervisor or system or auditor or hub-admin, for any purpose (no purpose needed)',
  'hub-4: police officer or investigator or analyst or supervisor or system, for criminal-investigation, intelligence-analysis, border-control, offender-management, safeguarding, threat-to-life (granted by another clause; this one grants no purpose)',
  'hub-4: customs officer or investigator or analyst or supervisor or system, for criminal-investigation, intelligence-analysis, border-control, offender-management, safeguarding, threat-to-life (granted by another clause; this one grants no purpose)',
  'hub-4: probation officer or investigator or analyst or supervisor or system, for criminal-investigation, intelligence-analysis, border-control, offender-management, safeguarding, threat-to-life (granted by another clause; this one grants no purpose)',
  'hub-5: police supervisor, for criminal-investigation, intelligence-analysis, border-control, offender-management, safeguarding, threat-to-life (granted by another clause; this one grants no purpose)',
  'hub-5: customs supervisor, for criminal-investigation, intelligence-analysis, border-control, offender-management, safeguarding, threat-to-life (granted by another clause; this one grants no purpose)',
  'hub-5: probation supervisor, for criminal-investigation, intelligence-analysis, border-control, offender-management, safeguarding, threat-to-life (granted by another clause; this one grants no purpose)',
  'hub-6: police officer or investigator or analyst or supervisor or system, for criminal-investigation, intelligence-analysis, border-control, offender-management, safeguarding, threat-to-life (granted by another clause; this one grants no purpose)',
  'hub-6: customs officer or investigator or analyst or supervisor or system, for criminal-investigation, intelligence-analysis, border-control, offender-management, safeguarding, threat-to-life (granted by another clause; this one grants no purpose)',
  'hub-6: probation officer or investigator or analyst or supervisor or system, for criminal-investigation, intelligence-analysis, border-control, offender-management, safeguarding, threat-to-life (granted by another clause; this one grants no purpose)',
  'hub-7: police officer or investigator or supervisor, for criminal-investigation, intelligence-analysis, border-control, offender-management, safeguarding, threat-to-life (granted by another clause; this one grants no purpose)',
  'hub-7: customs officer or investigator or supervisor, for criminal-investigation, intelligence-analysis, border-control, offender-management, safeguarding, threat-to-life (granted by another clause; this one grants no purpose)',
  'hub-7: probation officer or supervisor, for criminal-investigation, intelligence-analysis, border-control, offender-management, safeguarding, threat-to-life (granted by another clause; this one grants no purpose)',
  'hub-8: police officer or investigator or analyst or supervisor or system, for criminal-investigation, intelligence-analysis, border-control, offender-management, safeguarding, threat-to-life (granted by another clause; this one grants no purpose)',
  'hub-8: customs officer or investigator or analyst or supervisor or system, for criminal-investigation, intelligence-analysis, border-control, offender-management, safeguarding, threat-to-life (granted by another clause; this one grants no purpose)',
  'hub-8: probation officer or investigator or analyst or supervisor or system, for criminal-investigation, intelligence-analysis, border-control, offender-management, safeguarding, threat-to-life (granted by another clause; this one grants no purpose)',
  'hub-9: police supervisor, for criminal-investigation, intelligence-analysis, border-control, offender-management, safeguarding, threat-to-life (granted by another clause; this one grants no purpose)',
  'hub-9: customs supervisor, for criminal-investigation, intelligence-analysis, border-control, offender-management, safeguarding, threat-to-life (granted by another clause; this one grants no purpose)',
  'hub-9: probation supervisor, for criminal-investigation, intelligence-analysis, border-control, offender-management, safeguarding, threat-to-life (granted by another clause; this one grants no purpose)',
  'hub-3: oversight auditor, for oversight-audit',
];

describe('what each rule grants', () => {
  test('is exactly the reviewed list', () => {
    expect(
      agreements.flatMap((agreement) => agreement.rules.flatMap((rule) => grantsOf(rule).map(describeGrant))),
    ).toEqual(reviewed);
  });

  test('is what decide() honours: a role of one named agency never carries over to another', () => {
    const rules = agreements.flatMap((agreement) => agreement.rules);
    for (const rule of rules) {
      const coordinate = rule.fields.find((field) => !field.endsWith('.*')) ?? rule.fields[0]!;
      const purpose = rule.purposes === 'any' ? null : rule.purposes[0]!;
      for (const agency of agencies) {
        for (const role of roles) {
          const principal: Principal = {
            issuer: 'https://idp.test',
            subject: 'someone',
            agency,
            roles: [role],
            clearance: 'SECRET',
            privileges: ['sworn', 'intelligence-certified', 'firearms-licensing', 'child-protection'],
          };
          const granted = grantsOf(rule).some((grant) => grant.agency === agency && grant.roles.includes(role));
          const decision = decide(principal, purpose, coordinate);
          if (!granted) expect(decision.rule === rule.id, `${rule.id} for ${agency} ${role}`).toBe(false);
        }
      }
    }
  });

  test('a clause for oversight auditors and police supervisors grants neither oversight supervisors nor police auditors', () => {
    const principal = (agency: 'oversight' | 'police', role: 'auditor' | 'supervisor'): Principal => ({
      issuer: 'https://idp.test',
      subject: 'someone',
      agency,
      roles: [role],
      clearance: 'SECRET',
      privileges: [],
    });
    expect(decide(principal('oversight', 'auditor'), 'oversight-audit', 'Query.recordsPastReview').effect).toBe(
      'allow',
    );
    expect(decide(principal('police', 'supervisor'), 'intelligence-analysis', 'Query.recordsPastReview').effect).toBe(
      'allow',
    );
    expect(decide(principal('oversight', 'supervisor'), 'oversight-audit', 'Query.recordsPastReview').effect).toBe(
      'deny',
    );
    expect(decide(principal('police', 'auditor'), 'intelligence-analysis', 'Query.recordsPastReview').effect).toBe(
      'deny',
    );
    expect(decide(principal('police', 'supervisor'), 'oversight-audit', 'Query.recordsPastReview').effect).toBe('deny');
    expect(isPurposeGranted(principal('oversight', 'auditor'), 'intelligence-analysis')).toBe(false);
  });
});
